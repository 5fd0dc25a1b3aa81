"""Benchmark (not a test): the intake of 1,000 filled Survei Teknis forms.

Builds a demo register large enough for about a thousand respondent forms a year, writes the
four quarters' filled forms with the demo's deliberate mistakes (lib/kinerja/demo_forms.py),
tops them up to exactly N files with corrected resubmissions of the same respondents when the
register has fewer, then times `kinerja intake --json` on the folder in a child process (start-
up, hashing, reading, validating, storing one transaction per file, the rejection workbooks).
Prints JSON: seconds, peak resident memory of the intake process, and the row counts.
Target: < 60 s.

    .venv/bin/python bench/bench_intake.py [--forms 1000] [--packages 4000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from kinerja.core import config, paths
from kinerja.demo import demo_forms
from kinerja.demo import generate as demo
from kinerja.inputs import packages, register, store


def prepare(work: Path, n_forms: int, n_packages: int) -> tuple[Path, Path, Path, float]:
    # a fresh store and fresh forms each time: forms already received would be skipped
    for old in ("kinerja.duckdb", "kinerja.duckdb.wal"):
        (work / old).unlink(missing_ok=True)
    for old in ("formulir", "keluaran"):
        shutil.rmtree(work / old, ignore_errors=True)
    demo.generate(work / "register", year=2024, packages=n_packages, seed=11)
    db = work / "kinerja.duckdb"
    con = store.connect(db)
    try:
        register.load(con, [work / "register"])
        pk = packages.load_packages(con)
    finally:
        con.close()
    raw = yaml.safe_load(paths.DEFAULT_PARAMS.read_text(encoding="utf-8"))
    raw["data"] = {"register_paket": [str(work / "register")], "store": str(db)}
    params_file = work / "bench-2024.yaml"
    params_file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    params = config.load(params_file)
    forms = work / "formulir"
    t0 = time.perf_counter()
    files = demo_forms.generate(params, pk, forms / "kiriman-1", seed=11).files
    round_ = 2
    while len(files) < n_forms:  # corrected resubmissions: same respondents, new answers
        more = demo_forms.generate(params, pk, forms / f"kiriman-{round_}", seed=11 + round_).files
        files += more
        round_ += 1
    for extra in files[n_forms:]:
        extra.unlink()
    return params_file, db, forms, time.perf_counter() - t0


def measure(work: Path, n_forms: int = 1000, n_packages: int = 4000) -> dict:
    """Prepare `n_forms` filled forms in `work`, then time their intake in a child process."""
    work.mkdir(parents=True, exist_ok=True)
    params_file, db, forms, gen_seconds = prepare(work, n_forms, n_packages)
    n_files = sum(1 for f in forms.rglob("*.xlsx"))
    out_file = work / "intake-stdout.json"
    t0 = time.perf_counter()
    with out_file.open("w") as out, open(os.devnull, "w") as err:
        proc = subprocess.Popen([sys.executable, "-m", "kinerja", "intake", "--params",
                                 str(params_file), "--store", str(db), "--out",
                                 str(work / "keluaran"), "--json", str(forms)],
                                stdout=out, stderr=err, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        # wait4: the resources of this child alone (RUSAGE_CHILDREN would also count earlier,
        # larger children of the benchmark driver)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_kb = usage.ru_maxrss
    stdout = out_file.read_text()
    results = json.loads(stdout) if stdout.strip().startswith("[") else []
    status = {}
    for r in results:
        status[r["status"]] = status.get(r["status"], 0) + 1
    return {
        "forms": n_files, "seconds": round(seconds, 2),
        "ms_per_form": round(1000 * seconds / max(n_files, 1), 1),
        "peak_memory_mb": round(peak_kb / 1024, 1), "exit_code": proc.returncode,
        "status": status,
        "rows_read": sum(r["rows_read"] for r in results),
        "rows_accepted": sum(r["rows_accepted"] for r in results),
        "rows_rejected": sum(r["rows_rejected"] for r in results),
        "generate_seconds": round(gen_seconds, 1), "target_seconds": 60,
        "within_target": seconds < 60,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--forms", type=int, default=1000)
    ap.add_argument("--packages", type=int, default=4000, help="demo packages per year")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temp dir)")
    args = ap.parse_args()
    holder = None if args.keep else tempfile.TemporaryDirectory(prefix="bench-intake-")
    work = Path(args.keep or holder.name)
    print(json.dumps(measure(work, args.forms, args.packages), indent=2))
    if holder:
        holder.cleanup()


if __name__ == "__main__":
    main()
