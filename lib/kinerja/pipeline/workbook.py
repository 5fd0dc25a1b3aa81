"""What every stage notebook does first: parameters, period, store, output folder, packages; and
how a stage hands its results over (`Context.save`, `Context.upstream`, by the declarations in
kinerja.pipeline.stages and the contracts in kinerja.pipeline.results)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from kinerja.core import config, paths
from kinerja.core.periods import Period
from kinerja.inputs import data_dates, packages, register, store
from kinerja.methods import coverage as year_coverage
from kinerja.methods import register_quality
from kinerja.pipeline import results as stage_results
from kinerja.pipeline import stages


@dataclass
class Context:
    params: config.Parameters
    period: Period
    store: Path
    out: Path
    stage: stages.Stage | None = None  # None outside the batch's stages (the what-if app)
    # the store's data date for the UKPBJ's K/L/PD and the period's year (data_dates.for_klpd)
    data_date: pd.Timestamp | None = None
    # documents are marked DRAF: asked for (`kinerja run --draf`), or `# ISI:` values unfilled
    draft: bool = False
    _packages: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def results(self) -> Path:
        """Where a stage leaves its tables for the report stage (files, not kernels)."""
        d = self.out / "hasil"
        d.mkdir(parents=True, exist_ok=True)
        return d

    def packages(self) -> pd.DataFrame:
        if self._packages is None:
            self._packages = packages.from_store(self.store, self.params)
        return self._packages

    @cached_property
    def demo(self) -> bool:
        """The report is built on demo data (marked on covers and headers)."""
        return register_quality.is_demo(self.params, self.store)

    @cached_property
    def coverage(self) -> year_coverage.Coverage:
        """The period's procurement by channel and what the SOP's indicators cover (F15, F16)."""
        return year_coverage.year(self.store, self.params, self.period, self.packages(), self.data_date)

    def record(self, fmt: str | None, path: Path) -> Path:
        """Declare an artefact (format F1..F16, or None for another file a reader needs) for the
        run's manifest; it belongs to this stage when its outputs are reused."""
        return record_artifact(self.out, fmt, path, self.stage.notebook if self.stage else None)

    def save(self, name: str, frame: pd.DataFrame) -> Path:
        """Write one of this stage's declared results to hasil/, checked against its contract."""
        return stage_results.write(self.results, name, frame, self._stage_name("menulis hasil"))

    def upstream(self) -> dict[str, pd.DataFrame]:
        """The earlier stages' results this stage declares it reads, each checked on read."""
        name = self._stage_name("membaca hasil tahap lain")
        return stage_results.read(self.results, self.stage.upstream, name)

    def _stage_name(self, action: str) -> str:
        if self.stage is None:
            raise stage_results.ResultError(f"Hanya notebook tahap yang dapat {action}: "
                                            f"buka konteks dengan workbook.context(…, stage=…).")
        return self.stage.notebook


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
    writable = register.needs_loading(store_path, files)
    con = store.connect(store_path, read_only=not writable)
    try:
        return register.load(con, files)
    finally:
        con.close()


class UndeclaredSection(Exception):
    """A stage read a parameter-file section its declaration does not name."""


class _Hidden:
    """A parameter section the running stage did not declare: any use of it fails, naming the
    stage and the section, so a reused stage never depended on an edit that did not re-run it."""

    def __init__(self, section: str, stage: str):
        self._what = (section, stage)

    def _refuse(self, *_):
        section, stage = self._what
        raise UndeclaredSection(f"Tahap {stage} membaca bagian '{section}' dari berkas parameter, "
                                f"padahal deklarasi tahapnya (kinerja.pipeline.stages) tidak "
                                f"menyebut bagian itu. Tambahkan '{section}' pada deklarasi.")

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        self._refuse()

    __iter__ = __len__ = __bool__ = __getitem__ = __contains__ = _refuse


def visible(params: config.Parameters, stage: stages.Stage) -> config.Parameters:
    """The parameters with every section the stage does not declare hidden."""
    fields = {name: (getattr(params, name) if name == "tahun" or name in stage.sections
                     else _Hidden(name, stage.notebook)) for name in config.Parameters.model_fields}
    shown = config.Parameters.model_construct(**fields)
    shown._source = params.source
    shown._marks = params.marks
    return shown


def context(params_file: str | Path, periode: str | int, store_path: str | Path | None = None,
            output: str | Path | None = None, prepare: bool = True,
            stage: str | None = None, draf: bool = False) -> Context:
    """Everything a notebook needs; a stage notebook names itself (`stage=`) and then sees only
    its declared parameter sections and may save and read stage results. Its documents are
    marked DRAF when `draf` is asked for or the parameter file has unfilled `# ISI:` values (a
    placeholder never reaches a signature, also when a notebook runs on its own)."""
    params = config.load(paths.resolve(params_file))
    draft = bool(draf) or bool(params.unfilled())
    declared = stages.get(stage) if stage else None
    period = Period.parse(periode)
    db = paths.resolve(store_path) if store_path else params.store_path
    out = paths.resolve(output) if output else output_dir(period, params_file)
    out.mkdir(parents=True, exist_ok=True)
    if prepare:
        problems = [r for r in ensure_register(params, db) if r.status == "error" or r.rows_rejected]
        for r in problems:
            print(f"Perhatian — {r.file}: {r.message or f'{r.rows_rejected} baris ditolak'}")
    dated = stored_data_date(db, params.ukpbj.kd_klpd, period.year)
    if declared:
        params = visible(params, declared)
    return Context(params, period, db, out, declared, dated, draft)


def stored_data_date(store_path: Path, kd_klpd: str | None, year: int) -> pd.Timestamp | None:
    """The store's data date of a K/L/PD-year, read with a read-only connection (None without a
    store or a dated file)."""
    if not Path(store_path).exists():
        return None
    con = store.connect(store_path, read_only=True)
    try:
        return data_dates.for_klpd(con, kd_klpd, year)
    finally:
        con.close()


def record_artifact(out: Path, fmt: str | None, path: Path, stage: str | None = None) -> Path:
    """Append to the run's artefact list (deduplicated by path when the manifest is written)."""
    path = Path(path)
    with open(out / "artifacts.jsonl", "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"format": fmt, "path": str(path.resolve()), "stage": stage}) + "\n")
    return path
