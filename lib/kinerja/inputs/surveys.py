"""Survey rows as the stage computations read them: one declared column list per kind.

Kinds: `penilaian_penyedia` (F5: the PPK's score of a provider per package), `pokja` (F8: a
Pokja's selection data per package) and `kepuasan` (F12 internal / F13 external satisfaction
answers). The rows come from the store (forms accepted by `kinerja intake`, tables
`survei_penilaian_penyedia` and `survei_pokja`) and, where the store has none for the year, from
files `<kind>_<year>.csv` (or .xlsx) in the parameter file's `data.survei` folder — a recap
an analyst already has, or the demo data `kinerja demo-data` wrote: `load(params, store_path,
kind, year)`. Without a folder (`data.survei` not set), a folder that does not exist or a year
without its file, there are no rows: an empty frame with the kind's columns. Nothing here makes
data up.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.inputs.store_lock import open_store

# Column contracts shared by the demo, the intake and the stage computations.
COLUMNS: dict[str, tuple[str, ...]] = {
    "penilaian_penyedia": ("tahun_anggaran", "triwulan", "kode_paket", "kd_penyedia",
                           "nama_penyedia", "nip_ppk", "nama_ppk", "kualitas", "biaya", "waktu",
                           "layanan", "putus_kontrak", "catatan"),
    "pokja": ("tahun_anggaran", "triwulan", "kode_paket", "kode_pokja", "nama_pokja",
              "tgl_pengumuman", "tgl_penetapan_pemenang", "jumlah_peserta", "tender_ulang",
              "jumlah_sanggahan", "catatan"),
    "kepuasan": ("tahun_anggaran", "kelompok", "kode_responden", "jenis_responden",
                 "nama_satker", "jenis_kelamin", "pendidikan", "kelompok_usia",
                 "U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9", "saran"),
}


def survey_file(folder: Path | None, kind: str, year: int) -> Path | None:
    if folder is None:
        return None
    for suffix in (".csv", ".xlsx"):
        path = folder / f"{kind}_{year}{suffix}"
        if path.exists():
            return path
    return None


def read_file(path: Path) -> pd.DataFrame:
    if path.suffix.lower() == ".xlsx":
        return pd.read_excel(path, dtype=object)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def from_folder(folder: Path | None, kind: str, year: int) -> pd.DataFrame:
    """The kind's rows for the year from the survey folder (empty frame when there is no folder
    or no file)."""
    path = survey_file(folder, kind, year)
    if path is None:
        return pd.DataFrame(columns=list(COLUMNS[kind]))
    return read_file(path)


def read_first_sheet(path: Path) -> tuple[pd.DataFrame, int]:
    """Cells of an xlsx file's first sheet as written — a formula stays its text ('=…') and is
    never evaluated, not even to Excel's cached value — with the header on row 1. Returns the
    frame and the row number of its first data row; ValueError (Indonesian) when unreadable."""
    import openpyxl  # uses defusedxml when installed: no XML entity expansion

    path = Path(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one user message
        raise ValueError(f"Berkas '{path.name}' bukan Excel (.xlsx) yang sah "
                         f"({exc.__class__.__name__}).") from None
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()
    if not rows:
        return pd.DataFrame(), 2
    header = [str(v).strip() if v is not None else f"_{i}" for i, v in enumerate(rows[0])]
    return pd.DataFrame(rows[1:], columns=header, dtype=object), 2


def in_period(rows: pd.DataFrame, period) -> pd.DataFrame:
    """Survey rows of the period's year (rows without a year are kept: the file is per year)
    and, for a quarter, of that triwulan."""
    keep = rows["tahun_anggaran"].isna() | (rows["tahun_anggaran"] == period.year)
    if period.quarter is not None:
        keep &= rows["triwulan"] == period.quarter
    return rows[keep.fillna(False).astype(bool)].reset_index(drop=True)


def pokja_code(nip_pokja: pd.Series) -> pd.Series:
    """A stable id for a Pokja group from its members' NIPs (exports list members, not a group
    code): 'PK-' + the first 8 hex digits of sha1 over the sorted NIPs."""
    import hashlib

    members = nip_pokja.astype("string").fillna("").str.split(";")
    keys = members.map(lambda m: ";".join(sorted(x.strip() for x in m if x.strip())))
    unique = {k: "PK-" + hashlib.sha1(k.encode()).hexdigest()[:8].upper() for k in keys.unique() if k}
    return keys.map(unique).astype("string")


# Store tables holding the accepted rows of each kind (filled by `kinerja intake`; a kind whose
# table does not exist yet, e.g. kepuasan before its intake exists, falls back to the folder).
STORE_TABLES = {"penilaian_penyedia": "survei_penilaian_penyedia", "pokja": "survei_pokja",
                "kepuasan": "survei_kepuasan"}


def from_store(store_path: Path, kind: str, year: int) -> pd.DataFrame | None:
    """The accepted rows of the kind and fiscal year in the store, typed (Int64 scores, boolean
    flags, timestamps), by quarter, file and row; None when the store or its table is absent."""
    import duckdb

    if not Path(store_path).exists():
        return None
    try:  # a store locked by a writer is waited for, never taken as empty
        con = open_store(Path(store_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        table = STORE_TABLES[kind]
        exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                             [table]).fetchone()[0]
        if not exists:
            return None
        cols = ", ".join(f'"{c}"' for c in COLUMNS[kind])
        order = " ORDER BY triwulan, _sha256, _row" if kind != "kepuasan" else ""
        df = con.execute(f"SELECT {cols} FROM {table} WHERE tahun_anggaran = ?{order}",
                         [year]).df()
    finally:
        con.close()
    for name in ("kualitas", "biaya", "waktu", "layanan", "jumlah_peserta", "jumlah_sanggahan",
                 "tahun_anggaran", "triwulan"):
        if name in df:
            df[name] = df[name].astype("Int64")
    return df


def load_with_source(params, store_path: Path | None, kind: str, year: int
                     ) -> tuple[pd.DataFrame, str]:
    """The kind's rows for the year and where they came from (for messages naming the source):
    the store's accepted rows (intake of the returned forms) with exactly COLUMNS[kind]; where
    the store has none for the year, the survey folder (`from_folder(params.survey_dir, kind,
    year)`, raw text as in the files; no rows when the parameter file names no folder)."""
    rows = from_store(Path(store_path) if store_path else params.store_path, kind, year)
    if rows is None or rows.empty:
        path = survey_file(params.survey_dir, kind, year)
        return from_folder(params.survey_dir, kind, year), path.name if path else f"{kind}_{year}"
    return rows[list(COLUMNS[kind])].reset_index(drop=True), f"formulir {kind} {year} (basis data)"


def load(params, store_path: Path | None, kind: str, year: int) -> pd.DataFrame:
    """`load_with_source` without the source."""
    return load_with_source(params, store_path, kind, year)[0]
