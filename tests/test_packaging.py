"""Packaging contracts: pinned dependencies mirrored in environment.yml, the console script,
committed notebooks without outputs and with a parameters cell, CI calling `make test`."""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from kinerja.core import paths


def test_every_dependency_is_pinned_and_mirrored_in_environment_yml():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    deps = project["dependencies"] + project["optional-dependencies"]["test"]
    assert all("==" in d for d in deps), [d for d in deps if "==" not in d]
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip = next(x["pip"] for x in env["dependencies"] if isinstance(x, dict))
    assert sorted(x for x in pip if x != "-e .") == sorted(deps)


def test_committed_notebooks_have_no_outputs_and_a_parameters_cell():
    tracked = subprocess.run(["git", "ls-files", "notebooks/*.ipynb"], cwd=paths.ROOT,
                             capture_output=True, text=True).stdout.split()
    notebooks = sorted(set(tracked) | {str(p.relative_to(paths.ROOT)) for p in paths.NOTEBOOKS.glob("*.ipynb")})
    assert notebooks
    for name in notebooks:
        nb = json.loads((paths.ROOT / name).read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), name
        assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in code), name
        assert nb["metadata"]["kernelspec"]["name"] == "python3", name


def test_console_script_and_module_entry_point():
    for cmd in ([sys.executable, "-m", "kinerja", "--help"],
                [str(Path(sys.executable).parent / "kinerja"), "--help"]):
        out = subprocess.run(cmd, capture_output=True, text=True)
        assert out.returncode == 0 and "register" in out.stdout and "run" in out.stdout


def test_ci_runs_make_test():
    assert "make test" in (paths.ROOT / ".ci" / "run").read_text()
