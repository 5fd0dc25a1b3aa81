"""`make report` the way the SOP's loop uses it, and `make test`, for `make bench`.

- force: `make report FORCE=1` (every stage executed and rendered);
- unchanged: `make report` again with nothing changed (every stage reused);
- laporan: `make report` after an edit of the report's section of the parameter file
  (`laporan.catatan`, a new text each run): only 06_laporan runs again;
- suite: `make test` (set-up already done), with the number of tests that passed.
Each report case is the median of several runs (min and max kept); each run records which stages
ran, from its manifest, so a figure can be checked against what was actually done.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from kinerja.core import paths


def _series(make: list[str], out: Path, timed: Callable[[list[str]], dict], runs: int,
            before: Callable[[int], None] | None = None) -> dict:
    results = []
    for i in range(runs):
        if before:
            before(i)
        result = timed(make)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        result["stages_run"] = [s["notebook"] for s in manifest["stages"] if not s["reused"]]
        results.append(result)
    seconds = sorted(r["seconds"] for r in results)
    return {"seconds": round(statistics.median(seconds), 2), "min": seconds[0], "max": seconds[-1],
            "peak_mb": max(r.get("peak_mb", 0) for r in results), "runs": results}


def report_loop(params_file: Path, out: Path, timed: Callable[[list[str]], dict], runs: int = 3) -> dict:
    """The three report cases on one parameter file and output folder (`timed` runs a command and
    returns at least its wall seconds)."""
    make = ["make", "-s", "-C", str(paths.ROOT), "report", f"PARAMS={params_file}", f"OUT={out}"]
    original = params_file.read_text(encoding="utf-8")

    def new_note(i: int) -> None:
        raw = yaml.safe_load(original)
        raw.setdefault("laporan", {})["catatan"] = f"Catatan pimpinan, putaran {i + 1} ({time.time():.0f})."
        params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")

    try:
        cases = {"force": _series(make + ["FORCE=1"], out, timed, runs)}
        cases["unchanged"] = _series(make, out, timed, max(runs, 5))
        cases["laporan"] = _series(make, out, timed, runs, before=new_note)
    finally:
        params_file.write_text(original, encoding="utf-8")
    return cases


def suite() -> dict:
    """`make test` once: wall seconds and the test count pytest printed."""
    t0 = time.perf_counter()
    done = subprocess.run(["make", "-s", "-C", str(paths.ROOT), "test"], capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    tail = done.stdout[-3000:]
    passed = re.search(r"(\d+) passed", tail)
    return {"seconds": round(seconds, 1), "exit_code": done.returncode,
            "passed": int(passed.group(1)) if passed else None,
            "summary": tail.strip().splitlines()[-1].strip("= ") if tail.strip() else ""}
