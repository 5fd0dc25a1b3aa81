"""Returned forms in the store (the intake's side of `survei_submissions`, `survei_rejections`
and the survey tables): a file as the intake holds it between reading and storing, the raw file
kept unchanged, one transaction per submission (the sender's earlier rows retired, the accepted
rows, every rejected cell, the audit row), the unusable file recorded once; and what the store
holds for a period (submissions, current rejections, the rejection workbooks).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kinerja.core.periods import Period
from kinerja.formulir import reader
from kinerja.inputs import store
from kinerja.render.rejections import write_rejection_workbook


# An accepted submission's row (current, no error) and the stored columns of its rejected rows.
_ACCEPTED = ("INSERT INTO survei_submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
             "true, NULL, ?, ?, ?, NULL)")
_REJECTION_COLUMNS = ["sha256", "file_name", "sheet", "row", "column", "value", "reason", "kategori"]


@dataclass
class Checked:
    """One file's share of a validated table."""
    accepted: "pa.Table"            # the stored columns, _sheet, _row  # noqa: F821
    rejections: pd.DataFrame
    rows_read: int


@dataclass
class Received:
    """A Survei Teknis file read as a form and waiting for validation and storing."""
    path: Path
    digest: str
    received: dt.datetime
    filled: reader.FilledForm


@dataclass
class ReceivedSatisfaction:
    """A filled F12/F13 form, read and checked against its contract by
    kinerja.formulir.satisfaction_forms. Respondents are anonymous, so the returning unit is the file: a
    corrected file of the same name, format and year replaces the earlier one's answers."""
    path: Path
    digest: str
    received: dt.datetime
    form: str
    kelompok: str
    period: Period
    rows: pd.DataFrame
    rejections: pd.DataFrame
    rows_read: int

    @property
    def sender(self) -> str:
        return self.path.stem


def keep_raw(path: Path, digest: str, target_dir: Path) -> Path:
    """Copy the received file, unchanged, to <target_dir>/<sha256>.xlsx (atomic, idempotent)."""
    target = target_dir / f"{digest}.xlsx"
    if not target.exists():
        target_dir.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{digest}.tmp")
        shutil.copy2(path, tmp)
        os.replace(tmp, target)
    return target


def _insert(con, table: str, rows) -> None:
    """Insert a pandas frame or an Arrow table by column name."""
    if len(rows) == 0:
        return
    con.register("incoming_rows", rows)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
    finally:
        con.unregister("incoming_rows")


def _retire_earlier(con, who: list, tables: list[str], digest: str) -> list[str]:
    """Inside the caller's transaction: remove the rows of the sender's active earlier
    submissions (format, period, jenis, kode) and mark them replaced by `digest`; the
    submissions themselves stay in the audit table. Returns their sha256s."""
    prior = [r[0] for r in con.execute(
        "SELECT sha256 FROM survei_submissions WHERE format = ? AND periode = ? AND "
        "jenis_responden = ? AND kode_responden = ? AND aktif", who).fetchall()]
    if prior:
        marks = ", ".join("?" for _ in prior)
        for table in tables:
            con.execute(f"DELETE FROM {table} WHERE _sha256 IN ({marks})", prior)
        con.execute(f"UPDATE survei_submissions SET aktif = false, replaced_by = ? "
                    f"WHERE sha256 IN ({marks})", [digest, *prior])
    return prior


def store_submission(con, item: Received, results: dict[str, Checked], raw_path: Path,
                      counts: tuple[int, int, int]) -> str:
    """One transaction: replace the respondent's earlier rows, store rows, rejections and the
    submission. Returns accepted | replaced."""
    import pyarrow as pa

    filled, digest, name = item.filled, item.digest, item.path.name
    meta, period = filled.meta, filled.period
    who = [filled.form.code, period.label, meta["jenis_responden"], meta["kode_responden"]]
    with store.transaction(con):
        prior = _retire_earlier(con, who, [t.store_table for t in filled.form.tables], digest)
        for table in filled.form.tables:
            rows = results[table.name].accepted
            _insert(con, table.store_table,
                    rows.append_column("_sha256", pa.array([digest] * len(rows), pa.string())))
        rej = pd.concat([results[t.name].rejections for t in filled.form.tables], ignore_index=True)
        if len(rej):
            _insert(con, "survei_rejections", rej.assign(sha256=digest, file_name=name)[_REJECTION_COLUMNS])
        status = "replaced" if prior else "accepted"
        con.execute(_ACCEPTED, [digest, name, str(raw_path), filled.form.code, period.label, period.year,
                                period.quarter, meta["jenis_responden"], meta["kode_responden"],
                                meta.get("nama_responden"), item.received, dt.datetime.now(), status, *counts])
    return status


def store_satisfaction(con, item: ReceivedSatisfaction, raw_path: Path,
                       counts: tuple[int, int, int]) -> str:
    """One transaction: replace the sender's earlier answers, store answers, rejections and the
    submission. Returns accepted | replaced."""
    name, digest, period = item.path.name, item.digest, item.period
    read, accepted, rejected = counts
    who = [item.form, period.label, item.kelompok, item.sender]
    with store.transaction(con):
        prior = _retire_earlier(con, who, ["survei_kepuasan"], digest)
        rows = item.rows.reset_index(names="_row").assign(_sha256=digest, _sheet="Jawaban")
        _insert(con, "survei_kepuasan", rows)
        if rejected:
            _insert(con, "survei_rejections",
                    item.rejections.assign(sha256=digest, file_name=name)[_REJECTION_COLUMNS])
        status = "replaced" if prior else "accepted"
        con.execute(_ACCEPTED, [digest, name, str(raw_path), item.form, period.label, period.year,
                                period.quarter, item.kelompok, item.sender, None, item.received,
                                dt.datetime.now(), status, read, accepted, rejected])
    return status


def record_error(con, name: str, digest: str | None, message: str, received: dt.datetime | None,
                  period: Period | None, year: int, where: dict | None = None) -> None:
    """The unusable file as a submission with status error (once per name and sha256) and,
    when one cell is at fault (a changed header), that cell as its rejection."""
    seen = store.fetch_one(con, "SELECT 1 FROM survei_submissions WHERE status = 'error' AND "
                                "file_name = ? AND sha256 IS NOT DISTINCT FROM ?", [name, digest])
    if seen:
        return
    with store.transaction(con):
        con.execute("INSERT INTO survei_submissions (sha256, file_name, periode, tahun_anggaran, "
                    "triwulan, received_at, ingested_at, status, aktif, rows_read, rows_accepted, "
                    "rows_rejected, message) VALUES (?, ?, ?, ?, ?, ?, ?, 'error', false, 0, 0, 0, ?)",
                    [digest, name, period.label if period else None,
                     period.year if period else year, period.quarter if period else None,
                     received, dt.datetime.now(), message])
        if where and digest:
            con.execute("INSERT INTO survei_rejections VALUES (?, ?, ?, ?, ?, ?, ?, 'berkas')",
                        [digest, name, where["sheet"], where["row"], where["column"],
                         where["value"], message])


def known_submissions(con, digests: list[str]) -> dict[str, tuple]:
    """Earlier accepted submissions of these files, by sha256 (one query for the whole intake)."""
    if not digests:
        return {}
    con.register("incoming_digests", pd.DataFrame({"sha256": digests}))
    try:
        rows = con.execute(
            "SELECT s.sha256, status, rows_read, rows_accepted, rows_rejected, format, periode, "
            "jenis_responden, kode_responden, aktif FROM survei_submissions s "
            "JOIN incoming_digests d USING (sha256) WHERE status <> 'error' "
            "ORDER BY ingested_at").fetchall()
    finally:
        con.unregister("incoming_digests")
    out = {}
    for r in rows:
        out.setdefault(r[0], r[1:])
    return out


# ---------------------------------------------------------------- what the store holds

def _period_filter(period: Period, alias: str = "s") -> tuple[str, list]:
    if period.quarter is None:
        return f"{alias}.tahun_anggaran = ?", [period.year]
    return f"{alias}.tahun_anggaran = ? AND {alias}.triwulan = ?", [period.year, period.quarter]


def submissions(con, period: Period) -> pd.DataFrame:
    """Every submission of the period (accepted, replaced, unreadable), oldest first."""
    where, args = _period_filter(period)
    return con.execute(f"SELECT * FROM survei_submissions s WHERE {where} "
                       f"ORDER BY received_at, ingested_at", args).df()


def current_rejections(con, period: Period) -> pd.DataFrame:
    """Rejected cells of the active submissions of the period, and unusable files (one row
    each; sheet, row, column and value of the cell at fault when there is one, else empty)."""
    where, args = _period_filter(period)
    rows = con.execute(
        f"SELECT s.file_name AS berkas, s.format, s.periode, s.jenis_responden, s.kode_responden, "
        f"r.sheet, r.\"row\", r.\"column\", r.value, r.reason, r.kategori FROM survei_rejections r "
        f"JOIN survei_submissions s ON s.sha256 = r.sha256 AND s.aktif "
        f"WHERE r.kategori IS DISTINCT FROM 'berkas' AND {where} "
        f"UNION ALL "
        f"SELECT s.file_name, s.format, s.periode, s.jenis_responden, s.kode_responden, r.sheet, "
        f"r.\"row\", r.\"column\", r.value, s.message, 'berkas' FROM survei_submissions s "
        f"LEFT JOIN survei_rejections r ON r.sha256 = s.sha256 AND r.file_name = s.file_name "
        f"AND r.kategori = 'berkas' "
        f"WHERE s.status = 'error' AND {where} ORDER BY 1, 6, 7", args + args).df()
    return rows


def rejection_workbooks(con, results: list, out_base: Path, year: int) -> list[Path]:
    """One workbook per period touched by an intake (`results`: its IntakeResults):
    <out_base>/<year>/<period>/penolakan_intake.xlsx with the period's current rejections (files
    of unknown period: the year's)."""
    periods = sorted({r.periode or str(year) for r in results})
    written = []
    for label in periods:
        period = Period.parse(label)
        rows = current_rejections(con, period)
        path = Path(out_base) / str(period.year) / period.label / "penolakan_intake.xlsx"
        written.append(write_rejection_workbook(rows, path, period))
    return written
