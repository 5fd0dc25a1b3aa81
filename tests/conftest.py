import json
from pathlib import Path

import pytest
from demo_run import World, make_world, run
from kinerja.core import paths
from kinerja.inputs import store

SAMPLE = paths.ROOT.parent / "shared" / "data" / "lkpp-isb-sample"
PARAMS = paths.DEFAULT_PARAMS


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
