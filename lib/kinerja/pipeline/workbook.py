"""What every stage notebook does first: parameters, period, store, output folder, packages."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from kinerja.core import config, paths
from kinerja.core.periods import Period
from kinerja.inputs import packages, register, store
from kinerja.methods import register_quality


@dataclass
class Context:
    params: config.Parameters
    period: Period
    store: Path
    out: Path
    _packages: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def results(self) -> Path:
        """Where a stage leaves its tables for the report stage (files, not kernels)."""
        d = self.out / "hasil"
        d.mkdir(parents=True, exist_ok=True)
        return d

    def packages(self) -> pd.DataFrame:
        if self._packages is None:
            con = store.connect(self.store, read_only=True)
            try:
                self._packages = packages.for_params(con, self.params)
            finally:
                con.close()
        return self._packages

    @cached_property
    def demo(self) -> bool:
        """The report is built on demo data (marked on covers and headers)."""
        return register_quality.is_demo(self.params, self.store)

    def record(self, fmt: str, path: Path) -> Path:
        """Declare an artefact (format F1..F16) for the run's manifest."""
        return record_artifact(self.out, fmt, path)


def output_dir(period: Period, params_file: str | Path | None = None) -> Path:
    """outputs/<parameter file name>/<periode>/: two UKPBJ, or a what-if scenario saved next to
    its original, never write into each other's folders."""
    name = Path(params_file).stem if params_file else str(period.year)
    return paths.OUTPUTS / name / period.label


def ensure_register(params: config.Parameters, store_path: Path) -> list[register.LoadResult]:
    """Load the parameter file's register files into the store (a no-op for files already
    examined, loaded or not)."""
    files = params.register_files
    # Stages run in parallel and each calls this: open the store for writing only when a file
    # is new, because DuckDB allows one writer per file and a second one fails on its lock.
    writable = not _all_known(store_path, register.expand(files))
    con = store.connect(store_path, read_only=not writable)
    try:
        return register.load(con, files)
    finally:
        con.close()


def _all_known(store_path: Path, files: list[Path]) -> bool:
    """Whether every existing register file was examined before (a missing file only gives
    its error message; it needs no writing)."""
    known = register.settled_digests(store_path)
    if known is None:
        return False
    return all(register.sha256(f) in known for f in files if f.exists())


def context(params_file: str | Path, periode: str | int, store_path: str | Path | None = None,
            output: str | Path | None = None, prepare: bool = True) -> Context:
    params = config.load(paths.resolve(params_file))
    period = Period.parse(periode)
    db = paths.resolve(store_path) if store_path else params.store_path
    out = paths.resolve(output) if output else output_dir(period, params_file)
    out.mkdir(parents=True, exist_ok=True)
    if prepare:
        problems = [r for r in ensure_register(params, db) if r.status == "error" or r.rows_rejected]
        for r in problems:
            print(f"Perhatian — {r.file}: {r.message or f'{r.rows_rejected} baris ditolak'}")
    return Context(params, period, db, out)


def record_artifact(out: Path, fmt: str, path: Path) -> Path:
    """Append to the run's artefact list (deduplicated by path when the manifest is written)."""
    path = Path(path)
    with open(out / "artifacts.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"format": fmt, "path": str(path.resolve())}) + "\n")
    return path
