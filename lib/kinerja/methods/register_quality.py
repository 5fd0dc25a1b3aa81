"""Data quality of the register behind a report: per file (each under its own name, empty ones
included) its data date and what was read, loaded, flagged and refused (with the main reasons),
the rows of other K/L/PD left out, and for each register KPI the dataset the store lacks or whose
downloaded file was empty. Shown in the Survei Teknis stage and in the report (F15)."""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from kinerja.core.config import Parameters
from kinerja.core.fmt import angka, rupiah
from kinerja.core.measures import MEASURES
from kinerja.core.paths import absolute
from kinerja.core.periods import data_per, incomplete_note
from kinerja.inputs import data_dates, packages, register, schemas, store
from kinerja.inputs.schemas import BY_KIND, Dataset
from kinerja.methods import missing

STATUS = {"loaded": "dimuat", "empty": "kosong", "outside": "di luar lingkup SOP",
          "unknown": "belum dikenal (tidak dimuat)", "copy": "salinan berkas lain (tidak dimuat ulang)",
          "rejected": "ditolak", "error": "tidak terbaca"}
FILE_COLUMNS = ["berkas", "dataset", "status", "data_per", "dibaca", "dimuat", "ditandai", "ditolak", "alasan"]
# How a stage report shows the listing (display.table headings and formats).
FILE_HEADINGS = {"berkas": "Berkas", "dataset": "Dataset", "status": "Status", "data_per": "Data per",
                 "dibaca": "Dibaca", "dimuat": "Dimuat", "ditandai": "Ditandai", "ditolak": "Ditolak",
                 "alasan": "Alasan utama"}
FILE_FORMATS = {"data_per": "tanggal", "dibaca": "angka", "dimuat": "angka", "ditandai": "angka",
                "ditolak": "angka"}


def _reasons(con, digests: list[str]) -> pd.DataFrame:
    """Per loaded content the kinds of flags (values set missing, repeated keys) with the rows
    they touch, and the rows older versions refused."""
    return con.execute(
        "SELECT sha256, split_part(reason, ' — ', 1) AS reason, count(DISTINCT (file_name, \"row\")) AS n "
        "FROM register_flags WHERE sha256 IN (SELECT unnest(?)) GROUP BY ALL UNION ALL "
        "SELECT sha256, reason, count(*) FROM register_rejections WHERE sha256 IN (SELECT unnest(?)) "
        "GROUP BY ALL ORDER BY n DESC", [digests, digests]).df()


def files(con, params: Parameters) -> pd.DataFrame:
    """One row per register source of the parameter file (a file, or a gateway endpoint), as
    the store recorded it under its own name: status, data date, rows read, loaded and
    flagged, and the main reasons (or why it was not loaded)."""
    names = [str(absolute(s.path)) for s in register.sources(params.register_files) if s.path.exists()]
    if not names:
        return pd.DataFrame(columns=FILE_COLUMNS)
    # by path, the latest record of each (the stage already hashed every file when it checked
    # the register: no second pass over a large download)
    rows = con.execute(
        "SELECT sha256, file_name, dataset, coalesce(status, 'loaded'), rows_read, rows_loaded, "
        "rows_rejected, message, data_date FROM register_files WHERE path IN (SELECT unnest(?)) "
        "QUALIFY row_number() OVER (PARTITION BY path ORDER BY loaded_at DESC) = 1",
        [names]).fetchall()
    loaded = [r[0] for r in rows if r[3] == "loaded"]
    reasons = _reasons(con, loaded)
    flagged = dict(con.execute("SELECT sha256, count(DISTINCT (file_name, \"row\")) FROM register_flags "
                               "WHERE sha256 IN (SELECT unnest(?)) GROUP BY sha256", [loaded]).fetchall())
    out = []
    for sha, name, kind, status, read, n_loaded, rejected, message, date in rows:
        if status == "loaded":
            top = reasons[reasons["sha256"] == sha].head(3)
            why = [f"{r.reason} ({r.n})" for r in top.itertuples()]
            why += [data_dates.stale(con, sha)]
            why = "; ".join(w for w in why if w)
        else:  # the status says why for an empty file or one outside the SOP
            why = "" if status in ("empty", "outside") else (message or "").removeprefix(f"{name}: ")
        out.append({"berkas": name, "dataset": BY_KIND[kind].label if kind in BY_KIND else kind,
                    "status": STATUS.get(status, status), "data_per": pd.Timestamp(date) if date else pd.NaT,
                    "dibaca": read, "dimuat": n_loaded, "ditandai": flagged.get(sha, 0) if status == "loaded" else 0,
                    "ditolak": rejected, "alasan": why})
    return pd.DataFrame(out, columns=FILE_COLUMNS).sort_values("berkas", ignore_index=True)


def _empty_files(con, params: Parameters) -> dict[str, list[tuple[str, str | None]]]:
    """Store table -> (file, None) for the parameter file's register sources of that dataset that
    were empty (the register names an empty file or endpoint as itself; its dataset is the one its
    name declares), (file, label) for a file named for it that held another dataset's rows."""
    names = [str(absolute(s.path)) for s in register.sources(params.register_files) if s.path.exists()]
    rows = con.execute("SELECT file_name, dataset, coalesce(status, 'loaded') FROM register_files WHERE "
                       "coalesce(status, 'loaded') IN ('empty', 'loaded') AND path IN (SELECT unnest(?)) "
                       "ORDER BY file_name", [names]).fetchall()
    out = defaultdict(list)
    for name, kind, status in rows:
        declared = _declared(name)
        if status == "empty" and (BY_KIND.get(kind) or declared) is not None:
            out[(BY_KIND.get(kind) or declared).kind].append((name, None))
        elif status == "loaded" and declared is not None and kind in BY_KIND and kind != declared.kind:
            out[declared.kind].append((name, BY_KIND[kind].label))
    return out


def _declared(file_name: str) -> Dataset | None:
    """The register dataset an ISB file name declares (`43_1076_SPSE-TenderEkontrak-4BAPBAST.json`),
    None for another name or a dataset outside the SOP."""
    named = schemas.named(schemas.isb_dataset(file_name) or "")
    return next((ds for ds in named if isinstance(ds, Dataset)), None)


def gap(group: tuple[str, ...], counts: dict[str, int], empty: dict[str, list[str]]) -> dict | None:
    """Why a dataset group has no row in the store, or None when one of its datasets has rows:
    {'jenis': 'kosong', 'kekurangan': …} when its downloaded file was empty, else {'jenis':
    'dataset', …} naming the dataset to download (`counts`: rows per store table, `empty`:
    _empty_files)."""
    if any(counts.get(k) for k in group):
        return None
    files = [name for k in group for name, held in empty.get(k, []) if held is None]
    label = BY_KIND[group[0]].label
    if files:
        return {"jenis": "kosong", "kekurangan": missing.empty_file(files, label), "berkas": ", ".join(files)}
    isb = " atau ".join(BY_KIND[k].unduh or BY_KIND[k].isb[0] for k in group)
    other = [f"berkas {name} berisi {held}" for k in group for name, held in empty.get(k, []) if held]
    return {"jenis": "dataset", "dataset": isb,
            "kekurangan": missing.not_downloaded(isb, label) + "".join(f"; {o}" for o in other)}


def row_counts(con) -> dict[str, int]:
    """Rows per register dataset in the store (any K/L/PD or year)."""
    return {k: store.fetch_one(con, f"SELECT count(*) FROM {store.table_name(ds)}")[0] for k, ds in BY_KIND.items()}


def missing_datasets(con, params: Parameters) -> pd.DataFrame:
    """Per register indicator whose data the store lacks (a dataset of each of its measure's
    `perlu` groups, measures.MEASURES): the reason it has no value — the dataset to download,
    or the downloaded file that was empty (`jenis`: 'dataset' or 'kosong')."""
    counts, empty = row_counts(con), _empty_files(con, params)
    rows = []
    for ind in params.indikator:
        for group in MEASURES[ind.ukuran].perlu:
            lacking = gap(group, counts, empty)
            if lacking:
                rows.append({"kode": ind.kode, "nama": ind.nama, "jenis": lacking["jenis"],
                             "kekurangan": lacking["kekurangan"]})
    return pd.DataFrame(rows, columns=["kode", "nama", "jenis", "kekurangan"])


def gaps(con, params: Parameters, groups: dict[str, tuple[str, ...]]) -> dict[str, dict]:
    """Per named dataset group without any row in the store: why (gap)."""
    counts, empty = row_counts(con), _empty_files(con, params)
    found = {name: gap(group, counts, empty) for name, group in groups.items()}
    return {name: g for name, g in found.items() if g}


def summary(params: Parameters, store_path) -> dict[str, pd.DataFrame]:
    """Files, other K/L/PD and missing datasets, read with a read-only connection."""
    con = store.connect(store_path, read_only=True)
    try:
        return {"berkas": files(con, params),
                "klpd_lain": packages.other_klpd(con, params.ukpbj.kd_klpd),
                "kekurangan": missing_datasets(con, params)}
    finally:
        con.close()


def lacking(params: Parameters, store_path) -> pd.DataFrame:
    """missing_datasets, read with a read-only connection."""
    con = store.connect(store_path, read_only=True)
    try:
        return missing_datasets(con, params)
    finally:
        con.close()


DEMO_KLPD = "DEMO"  # the K/L/PD code `kinerja demo-data` writes into every register row
DEMO_BANNER = "DATA DEMO — angka laporan ini dihitung dari data demo, bukan data UKPBJ yang sebenarnya"


def is_demo(params: Parameters, store_path) -> bool:
    """Whether the register rows a report counts are demo rows (their K/L/PD code is the demo
    code), read from the data itself, not from a folder name."""
    if params.ukpbj.kd_klpd and params.ukpbj.kd_klpd.strip().upper() != DEMO_KLPD:
        return False
    con = store.connect(store_path, read_only=True)
    try:
        tables = [store.table_name(BY_KIND[k]) for k in ("rup", "tender", "nontender", "tender_hasil")]
        union = " UNION ALL ".join(f"SELECT kd_klpd FROM {t} WHERE kd_klpd = '{DEMO_KLPD}'" for t in tables)
        return bool(store.fetch_one(con, f"SELECT count(*) FROM ({union})")[0])
    finally:
        con.close()


def note(summary: dict[str, pd.DataFrame]) -> str:
    """One paragraph for the reader: files by status, other K/L/PD, missing datasets."""

    f = summary["berkas"]
    counts = f["status"].value_counts()
    parts = [f"{angka(n)} {s}" for s, n in counts.items()]
    text = (f"{angka(len(f))} berkas register: {', '.join(parts)}; {angka(int(f['dibaca'].sum()))} "
            f"baris dibaca, {angka(int(f['dimuat'].sum()))} dimuat ({angka(int(f['ditandai'].sum()))} "
            f"dengan nilai yang ditandai: nilai itu dianggap tidak ada dan tidak dihitung), "
            f"{angka(int(f['ditolak'].sum()))} ditolak." if len(f) else "Belum ada berkas register yang dimuat.")
    other = summary["klpd_lain"]
    if len(other):
        names = ", ".join(f"{r.nama_klpd or r.kd_klpd} ({r.kd_klpd})" for r in other.itertuples())
        text += (f" {angka(int(other['jumlah_proses'].sum()))} proses milik K/L/PD lain ({names}; pagu "
                 f"{rupiah(other['pagu'].sum())}) tidak dihitung dalam indikator mana pun.")
    lack = summary["kekurangan"]
    text += (" Setiap indikator register memiliki dataset sumbernya." if lack.empty else
             f" {angka(lack['kode'].nunique())} indikator register belum dapat dihitung karena "
             f"datasetnya belum diunduh atau berkasnya kosong (lihat tabel).")
    return text


def data_date_line(period, data_date) -> str:
    """The line near the top of every stage report: how recent the register data are, and
    whether the period ends after them (periods.data_per, periods.incomplete_note)."""
    text = f"Register paket: {data_per(data_date)}"
    gap = incomplete_note(period, data_date)
    return text + (f" — {gap} (periode belum lengkap)." if gap else ".")
