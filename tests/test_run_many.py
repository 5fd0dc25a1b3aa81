"""`kinerja run-many`: many UKPBJ parameter files on the local process pool and on a Dask
LocalCluster (loopback); one failing UKPBJ never stops the others; two files sharing a store are
refused; the summary lists each file with its status and output folder.

The good file is the suite's shared demo world (conftest `small_demo`) and its output folder
starts as a copy of the shared run (`annual_run`): run-many's whole batch then reuses every stage,
so these tests check the orchestration without executing the notebooks again (the batch itself
is tested in test_batch and test_incremental)."""

import json
import os
import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml
from conftest import PARAMS
from kinerja.core import paths
from kinerja.pipeline import many


def _write(path, data_block, **changes):
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["data"] = data_block
    raw.update(changes)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory, small_demo):
    base = tmp_path_factory.mktemp("banyak")
    good = small_demo.raw["data"]
    params = base / "parameter"
    params.mkdir()
    bad = params / "rusak-2024.yaml"
    bad.write_text("tahun: dua ribu\n", encoding="utf-8")
    return {
        "good": _write(params / "baik-2024.yaml", good),
        "bad": bad,
        # valid file, but its register does not exist: the stages fail on the worker
        "missing": _write(params / "tanpa-register-2024.yaml",
                          {"register_paket": [str(base / "tidak-ada")],
                           "store": str(base / "tanpa.duckdb"), "survei": str(base / "tidak-ada")}),
        "twin_a": _write(params / "kembar-a-2024.yaml", good | {"store": str(base / "kembar.duckdb")}),
        "twin_b": _write(params / "kembar-b-2024.yaml", good | {"store": str(base / "kembar.duckdb")}),
    }


def _earlier_run(annual_run, out):
    """The good file's output folder as the shared run left it (hard links)."""
    shutil.copytree(annual_run, out / "baik-2024" / "2024" / "2024", copy_function=os.link)


def _run_many(*args):
    return subprocess.run([sys.executable, "-m", "kinerja", "run-many", *map(str, args)],
                          capture_output=True, text=True)


def test_process_pool_runs_the_good_file_and_lists_every_failure(files, annual_run, tmp_path):
    out = tmp_path / "keluaran"
    _earlier_run(annual_run, out)
    done = _run_many(files["good"], files["bad"], files["missing"], files["twin_a"], files["twin_b"],
                     "--out", out, "--workers", "2", "--json")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    summary = {r["params"]: r for r in json.loads(done.stdout)}
    assert all(set(r) == {"params", "status", "output", "seconds", "message"}
               for r in summary.values())
    assert list(summary) == [str(files[k]) for k in ("good", "bad", "missing", "twin_a", "twin_b")]

    good = summary[str(files["good"])]
    assert good["status"] == "ok", good["message"]
    assert good["output"] == str(out / "baik-2024" / "2024" / "2024")
    manifest = json.loads((out / "baik-2024" / "2024" / "2024" / "manifest.json").read_text())
    assert {"F1", "F3", "F6", "F9", "F14"} <= {a["format"] for a in manifest["artifacts"]}
    assert manifest["parameters"]["path"] == str(files["good"].resolve())  # a new run, stages reused
    assert all(s["reused"] for s in manifest["stages"])

    bad = summary[str(files["bad"])]
    assert bad["status"] == "failed" and "tahun" in bad["message"] and bad["output"] is None
    missing = summary[str(files["missing"])]
    # batch.run checks the register files before any stage starts
    assert missing["status"] == "failed" and "Register paket tidak ditemukan" in missing["message"]
    assert "tidak-ada" in missing["message"] and missing["output"] is None
    for twin in ("twin_a", "twin_b"):
        r = summary[str(files[twin])]
        assert r["status"] == "failed" and "basis data yang sama" in r["message"]
        assert "kembar.duckdb" in r["message"]
    assert not (out / "kembar-a-2024").exists()


def test_dask_local_cluster_on_loopback(files, annual_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    out = tmp_path / "klaster"
    _earlier_run(annual_run, out)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  memory_limit="6GB") as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        done = _run_many(files["good"], files["missing"], "--out", out,
                         "--scheduler", cluster.scheduler_address)
    assert done.returncode == 1, done.stdout + done.stderr
    text = done.stdout
    assert "klaster Dask tcp://127.0.0.1" in text
    assert "Ringkasan: 1 berhasil, 1 gagal dari 2 berkas parameter." in text
    assert f"berhasil  {files['good']}  → {out / 'baik-2024' / '2024' / '2024'}" in text
    assert f"gagal     {files['missing']}" in text
    assert (out / "baik-2024" / "2024" / "2024" / "manifest.json").exists()


def test_unreachable_scheduler_is_one_message_and_exit_2(files):
    done = _run_many(files["good"], "--scheduler", "tcp://127.0.0.1:9", "--json")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "penjadwal Dask" in done.stderr


def test_plan_gives_separate_outputs_per_file_and_period(files, tmp_path):
    jobs, refused = many.plan([files["good"], files["twin_a"]], "2024-TW2", tmp_path)
    assert not refused
    assert [j.out for j in jobs] == [tmp_path / "baik-2024" / "2024" / "2024-TW2",
                                     tmp_path / "kembar-a-2024" / "2024" / "2024-TW2"]


def test_dask_and_distributed_are_pinned_alike_in_both_environments():
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    pip = next(x["pip"] for x in env["dependencies"] if isinstance(x, dict))
    for name in ("dask", "distributed"):
        pins = [d for d in project["dependencies"] if d.split("==")[0] == name]
        assert len(pins) == 1 and "==" in pins[0], name
        assert pins[0] in pip
    versions = {d.split("==")[1] for d in project["dependencies"]
                if d.split("==")[0] in ("dask", "distributed")}
    assert len(versions) == 1  # dask and distributed are released together
