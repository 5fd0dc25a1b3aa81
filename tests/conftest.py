import json
from pathlib import Path

import pytest
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


def write_json(path: Path, records) -> Path:
    path.write_text(json.dumps(records), encoding="utf-8")
    return path
