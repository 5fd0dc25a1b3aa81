"""The embedded store (DuckDB): register rows with their source file and row, every examined
file under its own name with its sha256, every flagged value with its reason."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import duckdb

from kinerja.core import paths
from kinerja.inputs.form_contracts import store_ddl
from kinerja.inputs.schemas import DATASETS, DATE, FLAG, INT, MONEY, NUMBER, Dataset
from kinerja.inputs.store_lock import open_store

# Rupiah exactly, to the sen (below 10^16, rows.MONEY_LIMIT); the package view hands pandas
# float64 (packages.py).
_SQL_TYPES = {MONEY: "DECIMAL(18,2)", NUMBER: "DOUBLE", INT: "BIGINT", DATE: "TIMESTAMP", FLAG: "BOOLEAN"}

# register_files: one record per file (or gateway endpoint) examined, by its path; the same
# content under two names has two records (the second a 'copy', its rows loaded once).
_BASE_SCHEMA = """
CREATE TABLE IF NOT EXISTS register_files (
    sha256 VARCHAR, file_name VARCHAR, path VARCHAR, dataset VARCHAR,
    loaded_at TIMESTAMP, seq BIGINT, rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT,
    status VARCHAR, message VARCHAR, version BIGINT, data_date TIMESTAMP);
-- a file's data date per K/L/PD and fiscal year of its rows (data_dates.py)
CREATE TABLE IF NOT EXISTS file_data_dates (
    sha256 VARCHAR, kd_klpd VARCHAR, tahun_anggaran BIGINT, data_date TIMESTAMP, dated_by VARCHAR);
-- rows refused by versions that refused rows (kept for stores they made)
CREATE TABLE IF NOT EXISTS register_rejections (
    sha256 VARCHAR, file_name VARCHAR, "row" BIGINT, "column" VARCHAR, value VARCHAR,
    reason VARCHAR);
-- values of kept rows set missing, and why (rows.validate, gateway_folder)
CREATE TABLE IF NOT EXISTS register_flags (
    sha256 VARCHAR, file_name VARCHAR, "row" BIGINT, "column" VARCHAR, value VARCHAR,
    reason VARCHAR);
"""


def table_name(ds: Dataset) -> str:
    return f"reg_{ds.kind}"


def _dataset_columns(ds: Dataset) -> list[str]:
    cols = [f'"{c.name}" {_SQL_TYPES.get(c.type, "VARCHAR")}' for c in ds.columns]
    if "kd_satker" in ds.names:
        cols.append("satker_key VARCHAR")
    return cols + ["_sha256 VARCHAR", "_row BIGINT", "_seq BIGINT"]


def _dataset_ddl(ds: Dataset) -> str:
    return f"CREATE TABLE IF NOT EXISTS {table_name(ds)} ({', '.join(_dataset_columns(ds))});"


_REGISTER_FILES_ADDED = ("status VARCHAR", "message VARCHAR", "version BIGINT", "data_date TIMESTAMP")


def _missing_columns(con) -> list[tuple[str, str]]:
    """(table, column DDL) of the columns added to a contract since the store was made (one
    catalogue query)."""
    have = {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal").fetchall()}
    wanted = [("register_files", col) for col in _REGISTER_FILES_ADDED] + [("file_data_dates", "dated_by VARCHAR")]
    wanted += [(table_name(ds), col) for ds in DATASETS for col in _dataset_columns(ds)]
    tables = {t for t, _ in have}
    return [(t, col) for t, col in wanted if t in tables and (t, col.split()[0].strip('"')) not in have]


def _add_missing_columns(con) -> None:
    """A store made by an earlier version gains the columns added to a contract since (only
    the missing ones, not an ALTER per column at every connect)."""
    for table, col in _missing_columns(con):
        con.execute(f"ALTER TABLE {table} ADD COLUMN {col}")


def _outdated(con) -> bool:
    """Whether the store lacks a table or column this version reads."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal").fetchall()}
    return any(table_name(ds) not in tables for ds in DATASETS) or bool(_missing_columns(con))


def _unkey_register_files(con) -> None:
    """Stores made before files were recorded by name had register_files keyed by sha256 (one
    record per content): rebuilt without the key, records kept."""
    keyed = con.execute("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'register_files' "
                        "AND constraint_type = 'PRIMARY KEY'").fetchone()[0]
    if keyed:
        with transaction(con):
            con.execute("CREATE TABLE register_files_unkeyed AS SELECT * FROM register_files")
            con.execute("DROP TABLE register_files")
            con.execute("ALTER TABLE register_files_unkeyed RENAME TO register_files")


# Accepted F12/F13 answers (kinerja intake), columns of surveys.COLUMNS["kepuasan"].
_KEPUASAN_DDL = """
CREATE TABLE IF NOT EXISTS survei_kepuasan (
    tahun_anggaran BIGINT, kelompok VARCHAR, kode_responden VARCHAR, jenis_responden VARCHAR,
    nama_satker VARCHAR, jenis_kelamin VARCHAR, pendidikan VARCHAR, kelompok_usia VARCHAR,
    U1 BIGINT, U2 BIGINT, U3 BIGINT, U4 BIGINT, U5 BIGINT, U6 BIGINT, U7 BIGINT, U8 BIGINT,
    U9 BIGINT, saran VARCHAR, _sha256 VARCHAR, _sheet VARCHAR, _row BIGINT);
"""


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create, if needed) the store."""
    path = Path(path) if path else paths.DEFAULT_STORE
    if read_only and not path.exists():
        raise FileNotFoundError(f"Basis data '{path}' belum ada: muat register dahulu "
                                f"(kinerja register).")
    path.parent.mkdir(parents=True, exist_ok=True)
    con = open_store(path, read_only)  # waits while another process holds the store
    if read_only and _outdated(con):
        # made by an earlier version: upgraded once (a write connection), then read as asked
        con.close()
        connect(path).close()
        con = open_store(path, read_only)
    if not read_only:
        con.execute(_BASE_SCHEMA)
        for ds in DATASETS:
            con.execute(_dataset_ddl(ds))
        _add_missing_columns(con)
        _unkey_register_files(con)
        con.execute(store_ddl())
        con.execute(_KEPUASAN_DDL)
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection):
    """All or nothing: an interrupted load leaves the store as it was."""
    con.begin()
    try:
        yield con
    except BaseException:
        con.rollback()
        raise
    con.commit()


def next_seq(con) -> int:
    return fetch_one(con, "SELECT coalesce(max(seq), 0) + 1 FROM register_files")[0]


def known_digests(path: str | Path, table: str) -> set[str] | None:
    """The sha256 values recorded in `table` (register_files, survei_submissions), read with a
    read-only connection; None when the store or the table does not exist yet. Lets parallel
    stages check for new files without taking DuckDB's single write lock."""
    if not Path(path).exists():
        return None
    con = connect(path, read_only=True)
    try:
        return {r[0] for r in con.execute(f"SELECT sha256 FROM {table}").fetchall()}
    except duckdb.CatalogException:
        return None
    finally:
        con.close()


def fetch_one(con, sql: str, params=None):
    """One row or None. DuckDB wants every result consumed before the next statement."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None
