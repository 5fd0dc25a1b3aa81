import inspect
import json
from pathlib import Path

import pytest
from demo_run import World, make_world, run
from kinerja.core import config, paths
from kinerja.inputs import store

SAMPLE = paths.ROOT.parent / "shared" / "data" / "lkpp-isb-sample"
PARAMS = paths.DEFAULT_PARAMS


@pytest.fixture(scope="session")
def shipped_params():
    """The shipped parameter file (parameters/kaltim-2024.yaml), loaded once."""
    return config.load(PARAMS)


@pytest.fixture
def db(tmp_path):
    con = store.connect(tmp_path / "t.duckdb")
    yield con
    con.close()


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    if not SAMPLE.is_dir():
        pytest.fail(f"the real LKPP export sample is expected at {SAMPLE} (../shared beside the repo)")
    return SAMPLE


@pytest.fixture(scope="session")
def small_demo(tmp_path_factory) -> World:
    """200 demo packages a year with survey recaps (hostile text included) and its parameter file."""
    return make_world(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def annual_run(small_demo) -> Path:
    """The output folder of the suite's one full batch run: `kinerja run --pdf --formulir` for
    2024 on `small_demo` (every stage, every format, every stage PDF)."""
    out = small_demo.base / "keluaran" / "2024"
    done = run(small_demo.params, out, "--pdf", "--formulir")
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def write_json(path: Path, records) -> Path:
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


# Markers for the slow kinds, given by what a test uses so that none is forgotten: `notebooks`
# (executes stage notebooks: the shared run, papermill, batch.run, kinerja run) and `browser`
# (headless Chromium or Voilà). `make test` runs everything; `pytest -m "not notebooks and not
# browser"` is the quick loop.
SLOW_KINDS = {"notebooks": ("execute_notebook", "batch.run(", '"run",', "run(params"),
              "browser": ("chromium()", "voila")}


def pytest_collection_modifyitems(items):
    for item in items:
        try:
            source = inspect.getsource(item.function)
        except (OSError, TypeError):
            source = ""
        if "annual_run" in item.fixturenames:
            item.add_marker("notebooks")
        for marker, uses in SLOW_KINDS.items():
            if any(u in source for u in uses):
                item.add_marker(marker)
