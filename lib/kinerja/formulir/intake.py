"""Intake of returned forms (Survei Teknis F4, F5, F8; Survei Kepuasan F12, F13): validate →
accept or reject, idempotent per submission, nothing lost.

For each file: the hostile-file guards, the header check (a table header that differs from the
form as written makes the file unusable: status `error`, the sheet and cell named) and the
contract checks of `formulir.validation` — F12/F13 with their own contract
(`satisfaction_forms.contract`) through the same reader and checks; the file kept unchanged as
`<store folder>/raw/<year>/<period>/<sha256>.xlsx` (data/raw/… for the default store); in one
store transaction (`formulir.submission_store`), the accepted rows, every rejected cell with its
reason, and the submission (respondent, period, sha256, received time, counts). The same file
again is `unchanged`; a different file from the same respondent, format and period replaces that
respondent's earlier rows (`replaced`), and both submissions stay in `survei_submissions`. The
received time is the file's modification time as found in the inbox (an e-mail attachment saved
on arrival, a copy made with `cp -p`); the intake time is recorded beside it.

Speed: each file is read on its own, the rows of all files of one intake are validated together
per table type (one vectorised pass, not pandas' fixed cost per small file), then each file is
stored in its own transaction, oldest arrival first — about 15 ms a form (bench/bench_intake.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core import frames
from kinerja.core.config import Parameters
from kinerja.core.periods import Period
from kinerja.formulir import reader, respondents, satisfaction_forms, validation
from kinerja.formulir.submission_store import (Checked, Received, ReceivedSatisfaction, keep_raw,
                                               known_submissions, record_error,
                                               store_satisfaction, store_submission)
from kinerja.inputs import form_contracts as c
from kinerja.inputs import packages as packages_mod
from kinerja.inputs import register, store

_PERIOD_IN_NAME = re.compile(r"_(\d{4}-TW[1-4])\.xlsx$", re.IGNORECASE)
JSON_REJECTION_KEYS = ("sheet", "row", "column", "value", "reason")


@dataclass
class IntakeResult:
    file: str
    status: str                              # accepted | replaced | unchanged | error
    rows_read: int = 0
    rows_accepted: int = 0
    rows_rejected: int = 0
    rejections: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=validation.REJECTION_COLUMNS))
    message: str = ""
    format: str | None = None
    periode: str | None = None
    jenis_responden: str | None = None
    kode_responden: str | None = None

    def as_dict(self) -> dict:
        """The `--json` record: exactly these keys; an unusable file is one rejection with its
        reason (and its sheet, row, column and value when one cell is at fault)."""
        if self.status == "error":
            where = self.rejections.to_dict("records")[0] if len(self.rejections) else {}
            rejections = [{k: frames.python_value(where.get(k)) for k in ("sheet", "row", "column", "value")}
                          | {"reason": self.message}]
        else:
            rejections = [{k: frames.python_value(r[k]) for k in JSON_REJECTION_KEYS}
                          for r in self.rejections.to_dict("records")]
        return {"file": self.file, "status": self.status, "rows_read": self.rows_read,
                "rows_accepted": self.rows_accepted, "rows_rejected": self.rows_rejected,
                "rejections": rejections}


def raw_dir(store_path: Path) -> Path:
    """Where received files are kept: beside the store (data/raw for data/kinerja.duckdb)."""
    return Path(store_path).resolve().parent / "raw"


def expand(items) -> list[Path]:
    """Files to take in: folders give every file below them (sorted), except hidden files and
    Excel lock files (~$…). Non-.xlsx files are kept so that they are reported, not skipped."""
    out = []
    for p in map(Path, items):
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file()
                          and not any(part.startswith((".", "~$")) for part in f.relative_to(p).parts))
        else:
            out.append(p)
    return out


class _Reference:
    """The register as the intake needs it: packages and respondents per period, the keys each
    respondent's form may answer about, and the provider of each package."""

    def __init__(self, con, params: Parameters):
        self.params = params
        self.all = packages_mod.for_params(con, params)  # as `kinerja forms` writes them
        self.known = set(self.all["kd_paket"].astype(str))
        self.info = self.all.drop_duplicates("kd_paket").set_index("kd_paket")
        self._periods: dict[str, pd.DataFrame] = {}
        self._respondents: dict[str, set] = {}
        self._keys: dict[tuple, set] = {}

    def period(self, period: Period) -> pd.DataFrame:
        if period.label not in self._periods:
            pk = respondents.period_packages(self.all, period)
            self._periods[period.label] = pk
            r = respondents.respondents(pk)
            self._respondents[period.label] = set(zip(r["jenis_responden"], r["kode_responden"]))
        return self._periods[period.label]

    def respondent(self, period: Period, role: str, kode: str) -> bool:
        self.period(period)
        return (role, kode) in self._respondents[period.label]

    def keys(self, period: Period, table: c.Table, role: str, kode: str) -> set[tuple]:
        """Key tuples of the rows the respondent's form holds (as respondents prefills them)."""
        if table.reference == "paket":
            cache = (period.label, role)
            if cache not in self._keys:
                self._keys[cache] = respondents.package_keys(self.period(period), role)
            return self._keys[cache].get(kode, set())
        cache = (table.name, role)
        if cache not in self._keys:
            rows = respondents.rows_for(table.name, role, kode, self.params, self.period(period))
            self._keys[cache] = set(map(tuple, rows[list(table.key)].astype(str).values))
        return self._keys[cache]


def _validate(items: list[Received], ref: _Reference) -> list[dict[str, Checked]]:
    """Validate every table type across all files in one pass each; split back per file."""
    import pyarrow as pa

    out = [dict() for _ in items]
    tables = {t.name: t for item in items for t in item.filled.form.tables}
    for name, table in tables.items():
        idx = [i for i, item in enumerate(items) if name in item.filled.tables]
        frames, allowed, letters, context, who = [], set(), {}, {}, {}
        for i in idx:
            filled = items[i].filled
            raw = filled.tables[name]
            meta, period = filled.meta, filled.period
            role, kode = meta["jenis_responden"], meta["kode_responden"]
            frames.append(raw.values.assign(_file=i, _row=raw.rows))
            allowed |= {(i, *k) for k in ref.keys(period, table, role, kode)}
            letters[i] = raw.letters
            context[i] = {"tahun_anggaran": period.year, "triwulan": period.quarter,
                          "jenis_responden": role, "kode_responden": kode,
                          "nama_responden": meta.get("nama_responden") or None}
            who[i] = f"{role} {kode} pada {period.label}" if table.reference == "paket" else role
        batch = validation.validate(
            pd.concat(frames, ignore_index=True), table, year=ref.params.tahun,
            context=pd.DataFrame.from_dict(context, orient="index"), allowed=allowed,
            known=ref.known if table.reference == "paket" else None, who=pd.Series(who),
            package_info=ref.info, letters=letters)
        # accepted rows are in file order: one Arrow conversion, a zero-copy slice per file
        files = batch.accepted["_file"].to_numpy()
        rows = pa.Table.from_pandas(batch.accepted.drop(columns="_file"), preserve_index=False)
        start = dict(zip(*np.unique(files, return_index=True)))
        count = dict(zip(*np.unique(files, return_counts=True)))
        rejected = dict(tuple(batch.rejections.groupby("_file")))
        none = batch.rejections.iloc[0:0].drop(columns="_file")
        for i in idx:
            rej = rejected[i].drop(columns="_file") if i in rejected else none
            out[i][name] = Checked(rows.slice(start.get(i, 0), count.get(i, 0)), rej,
                                   int(batch.rows_read.get(i, 0)))
    return out


def _file_rejection(exc: reader.FormFileError) -> pd.DataFrame:
    """The unusable file's one rejection row, when one cell is at fault."""
    rows = [dict(exc.where, reason=str(exc), kategori="berkas")] if exc.where else []
    return pd.DataFrame(rows).reindex(columns=validation.REJECTION_COLUMNS)


def _period_from_name(name: str) -> Period | None:
    m = _PERIOD_IN_NAME.search(name)
    return Period.parse(m.group(1)) if m else None


def _receive(con, ref: _Reference, path: Path, limit: int, digest: str | None,
             seen: tuple | None) -> Received | ReceivedSatisfaction | IntakeResult:
    """Read one file as a form, or say why not (error) or that it is known (unchanged)."""
    name = path.name
    received, period = None, _period_from_name(name)
    try:
        if not path.is_file():
            raise reader.FormFileError(f"{path}: berkas tidak ditemukan.")
        received = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        if seen:
            rej = con.execute("SELECT sheet, \"row\", \"column\", value, reason, kategori FROM "
                              "survei_rejections WHERE sha256 = ? ORDER BY sheet, \"row\"",
                              [digest]).df()
            note = "" if seen[8] else " (sudah diganti oleh kiriman yang lebih baru)"
            return IntakeResult(name, "unchanged", seen[1], seen[2], seen[3], rej,
                                f"sudah diterima sebelumnya; tidak ada perubahan{note}",
                                seen[4], seen[5], seen[6], seen[7])
        try:
            filled = reader.read_form(path, max_bytes=limit)
        except reader.SatisfactionForm as form:
            return _receive_satisfaction(path, digest, received, form.form, ref.params.tahun,
                                         limit)
        period, meta = filled.period, filled.meta
        if period.year != ref.params.tahun:
            raise reader.FormFileError(f"{name}: formulir periode {period.label}, sedangkan berkas "
                                       f"parameter untuk tahun {ref.params.tahun}; gunakan berkas "
                                       f"parameter tahun {period.year}.")
        if not ref.respondent(period, meta["jenis_responden"], meta["kode_responden"]):
            raise reader.FormFileError(
                f"{name}: {meta['jenis_responden']} {meta['kode_responden']} tidak memiliki paket "
                f"dalam lingkup pada {period.label} di register; formulir tidak dapat dicocokkan.")
    except reader.FormFileError as exc:
        record_error(con, name, digest, str(exc), received, period, ref.params.tahun, exc.where)
        return IntakeResult(name, "error", rejections=_file_rejection(exc), message=str(exc),
                            periode=period.label if period else None)
    return Received(path, digest, received, filled)


def _receive_satisfaction(path: Path, digest: str, received: dt.datetime, form: str,
                          year: int, limit: int) -> ReceivedSatisfaction:

    rows, rejections, meta, read = satisfaction_forms.read_submission(path, max_bytes=limit)
    if int(meta["tahun_anggaran"]) != year:
        raise reader.FormFileError(f"{path.name}: formulir {form} tahun {meta['tahun_anggaran']}, "
                                   f"sedangkan berkas parameter untuk tahun {year}.")
    if read == 0:
        raise reader.FormFileError(f"{path.name}: formulir {form} tidak berisi jawaban.")
    try:
        period = Period.parse(str(meta.get("periode") or meta["tahun_anggaran"]))
    except ValueError:
        raise reader.FormFileError(f"{path.name}: periode '{meta.get('periode')}' pada formulir "
                                   f"tidak dikenal.") from None
    return ReceivedSatisfaction(path, digest, received, form, meta["kelompok"], period, rows,
                                rejections, read)


def _commit_satisfaction(con, item: ReceivedSatisfaction, raw_base: Path) -> IntakeResult:
    name, digest, period = item.path.name, item.digest, item.period
    accepted = len(item.rows)
    rejected = int(item.rejections["row"].nunique())
    read = item.rows_read  # empty form rows are not responses and not counted
    if read != accepted + rejected:  # the invariant the intake promises; never store a gap
        raise RuntimeError(f"{name}: dibaca {read} ≠ diterima {accepted} + ditolak {rejected}")
    raw_path = keep_raw(item.path, digest, raw_base / str(period.year) / period.label)
    status = store_satisfaction(con, item, raw_path, (read, accepted, rejected))
    rej = item.rejections.reindex(columns=validation.REJECTION_COLUMNS)
    return IntakeResult(name, status, read, accepted, rejected, rej, "", item.form, period.label,
                        item.kelompok, item.sender)


def _commit(con, item: Received, results: dict[str, Checked], raw_base: Path) -> IntakeResult:
    filled, name = item.filled, item.path.name
    read = sum(r.rows_read for r in results.values())
    accepted = sum(len(r.accepted) for r in results.values())
    rejected = sum(int(r.rejections["row"].nunique()) for r in results.values())
    if read != accepted + rejected:  # the invariant the intake promises; never store a gap
        raise RuntimeError(f"{name}: dibaca {read} ≠ diterima {accepted} + ditolak {rejected}")
    period = filled.period
    raw_path = keep_raw(item.path, item.digest, raw_base / str(period.year) / period.label)
    status = store_submission(con, item, results, raw_path, (read, accepted, rejected))
    rej = pd.concat([r.rejections for r in results.values()], ignore_index=True)
    return IntakeResult(name, status, read, accepted, rejected, rej, "", filled.form.code,
                        period.label, filled.meta["jenis_responden"], filled.meta["kode_responden"])


def ingest(con, params: Parameters, items, store_path: Path,
           max_bytes: int | None = None) -> list[IntakeResult]:
    """Take in every file (folders searched recursively): read each, validate all rows of a
    table type together, then store each file in its own transaction. Results in file order."""
    files = expand(items)
    if not files:
        return []
    ref = _Reference(con, params)
    limit = reader.MAX_BYTES if max_bytes is None else max_bytes
    digests = [register.sha256(f) if f.is_file() and f.stat().st_size <= limit else None
               for f in files]
    seen = known_submissions(con, [d for d in digests if d])
    results: list[IntakeResult | Received] = []
    for f, digest in zip(files, digests):
        got = _receive(con, ref, Path(f), limit, digest, seen.get(digest))
        # the same file twice in one intake: the second is unchanged
        if isinstance(got, (Received, ReceivedSatisfaction)) and any(
                isinstance(r, (Received, ReceivedSatisfaction)) and r.digest == got.digest
                for r in results):
            label = (got.filled.period if isinstance(got, Received) else got.period).label
            got = IntakeResult(got.path.name, "unchanged", message="berkas yang sama sudah ada "
                               "pada kiriman ini", periode=label)
        results.append(got)
    pending = [r for r in results if isinstance(r, Received)]
    checked = dict(zip(map(id, pending), _validate(pending, ref))) if pending else {}
    base = raw_dir(store_path)
    # stored in order of arrival, so that of two files from one respondent the newer wins
    arrivals = sorted((r for r in results if isinstance(r, (Received, ReceivedSatisfaction))),
                      key=lambda r: (r.received, r.path.name))
    done = {id(r): (_commit(con, r, checked[id(r)], base) if isinstance(r, Received)
                    else _commit_satisfaction(con, r, base)) for r in arrivals}
    return [done.get(id(r), r) for r in results]


# ---------------------------------------------------------------- pipeline hook

def ensure_forms(params: Parameters, store_path: Path | None = None) -> list[IntakeResult]:
    """Take in the parameter file's `data.formulir` folder before the stages (a no-op for files
    already taken in; the store is opened for writing only when there is something new). No
    folder named, or a folder that does not exist: nothing to take in (demo forms are written
    only by `kinerja demo-data`)."""
    folder = params.forms_dir
    if folder is None or not folder.is_dir():
        return []
    store_path = Path(store_path or params.store_path)
    files = expand([folder])
    known = store.known_digests(store_path, "survei_submissions")
    if known is not None and all(
            f.suffix.lower() == ".xlsx" and f.stat().st_size <= reader.MAX_BYTES
            and register.sha256(f) in known for f in files):
        return []
    con = store.connect(store_path)
    try:
        return ingest(con, params, files, store_path)
    finally:
        con.close()
