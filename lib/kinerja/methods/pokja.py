"""Pokja Pemilihan performance: per tender process (the register's due processes, F8 rows joined
where a Pokja returned its form) → per Pokja (F9) → per unit (F10) → total UKPBJ (F11), with
rankings.

Which processes: the register's due processes of the period (`due`: tender/selection processes
in scope whose selection ended by the data date, Selesai or Gagal — a process still running then
is not due — by award quarter), each exactly once, whether
or not its Pokja returned F8; an F8 row joins the process with the same code (kode_paket =
kd_tender). An F8 row of a package the register does not have as due in the period's year is
counted too, in the quarter the form gives (a Pokja reported it; the register may lack it). So a
period with F8 for some processes and none for others loses no process and counts none twice.

Per process, the form (F8) comes first and the register fills what the form leaves blank
(dates, bidders, re-tender flag, Pokja); without F8 every value is the register's and the Pokja
is the one the tender announcement names (`nip_pokja`, code `surveys.pokja_code`). `sumber`
says which: 'Format 8' or 'Register'. The measures are the declared measures themselves
(kinerja.core.measures, those marked `pokja`: computation and printed definition), so over the
same processes and without F8 the Pokja recaps equal the KPI engine's figures; only a process's
re-tender flag reads the form first (`_tender_ulang_proses`). Sanggahan = objections the Pokja
reports on F8 (not in the exports): summed over processes with F8 only, missing (NaN, "Belum ada
data") for a group without any F8 row — never 0.
A group's percentage is Σ numerator ÷ Σ denominator over its processes, never a mean of means.
jumlah_proses counts processes, jumlah_paket distinct packages (kd_pkt_dce).

Processes whose Pokja neither the form nor the register names form one row '(Pokja tidak
tercatat)' in F9, unranked, so that F9 adds up to the total.

Units (F10): the register has no unit, so a package counts under the satuan pelaksana of its
jenis pengadaan (`satuan_pelaksana` in the parameter file; a workbook definition).

Ranking (a workbook definition): each group is ranked on four measures — tepat waktu (higher
is better), durasi (lower), tender gagal (lower), rata-rata peserta (higher); the combined rank
orders the groups by the mean of their four ranks (ties share the better rank).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core import fmt, frames, measures, parse, rowcheck
from kinerja.core.config import SatuanPelaksana
from kinerja.core.periods import Period
from kinerja.inputs import processes, surveys
from kinerja.methods import providers

KIND = "pokja"
TOTAL = "Total UKPBJ"
NOT_IN_REGISTER = "(tidak ada di register)"
NO_POKJA = "(Pokja tidak tercatat)"
MISSING = "Belum ada data"
FROM_FORM, FROM_REGISTER = "Format 8", "Register"
# recap columns only the form gives: missing (never 0) where a group has no F8 row
F8_ONLY = ("jumlah_sanggahan", "paket_disanggah")


def _tender_ulang_proses(p):
    """Per tender process: a re-tender (the form's flag, else versi_tender > 1) ÷ processes."""
    return _counted(p["tender_ulang"].where(p["kd_tender"].notna()))


# name -> (per-process measure returning (counted, numerator, denominator), scale): the declared
# measures of the recaps, the form's re-tender flag first
MEASURES = {name: (_tender_ulang_proses if name == "tender_ulang_proses" else m.compute, m.scale)
            for name, m in measures.MEASURES.items() if m.pokja}
# measure -> ascending (True: lower is better)
RANKING = {"pemilihan_tepat_waktu": False, "durasi_pemilihan": True, "tender_gagal": True,
           "rata_peserta": False}

RECAP_HEADINGS = {
    "jumlah_paket": "Jumlah paket", "jumlah_proses": "Jumlah proses",
    "proses_selesai": "Proses selesai", "proses_gagal": "Proses gagal",
    "tender_gagal": "Tender gagal (%)", "paket_ulang": "Paket ditender ulang",
    "tender_ulang": "Tender ulang (% paket)", "tender_ulang_proses": "Tender ulang (% proses)",
    "durasi_pemilihan": "Rata-rata durasi pemilihan (hari)",
    "pemilihan_tepat_waktu": "Pemilihan tepat waktu (%)", "rata_peserta": "Rata-rata peserta",
    "peserta_tunggal": "Peserta tunggal (%)", "hps": "Jumlah HPS",
    "nilai_kontrak": "Jumlah nilai kontrak", "efisiensi_hps": "Efisiensi terhadap HPS (%)",
    "jumlah_sanggahan": "Jumlah sanggahan (F8)", "paket_disanggah": "Proses disanggah (F8)",
    "proses_f8": "Proses dengan Format 8", "sumber_data": "Sumber data",
}
F9_HEADINGS = {"peringkat": "Peringkat", "kode_pokja": "Kode Pokja", "nama_pokja": "Anggota Pokja",
               **RECAP_HEADINGS}
F10_HEADINGS = {"peringkat": "Peringkat", "satuan_pelaksana": "Satuan pelaksana",
                "jumlah_pokja": "Jumlah Pokja", **RECAP_HEADINGS}
F11_HEADINGS = {"metode": "Metode pemilihan", "jumlah_pokja": "Jumlah Pokja", **RECAP_HEADINGS}
RECAP_FORMATS = {
    "jumlah_paket": "angka", "jumlah_proses": "angka", "proses_selesai": "angka",
    "proses_gagal": "angka", "paket_ulang": "angka", "tender_gagal": "persen",
    "tender_ulang": "persen", "tender_ulang_proses": "persen", "durasi_pemilihan": "desimal",
    "pemilihan_tepat_waktu": "persen", "rata_peserta": "desimal", "peserta_tunggal": "persen",
    "jumlah_sanggahan": "angka", "paket_disanggah": "angka", "proses_f8": "angka",
    "hps": "rupiah", "nilai_kontrak": "rupiah", "efisiensi_hps": "persen", "jumlah_pokja": "angka",
    "peringkat": "angka",
}
# the measures the stage report and F15 show per group (F9–F11 hold every RECAP_HEADINGS column)
SHOWN = ["jumlah_paket", "jumlah_proses", "proses_gagal", "tender_gagal", "tender_ulang",
         "durasi_pemilihan", "pemilihan_tepat_waktu", "rata_peserta", "peserta_tunggal",
         "efisiensi_hps", "jumlah_sanggahan", "proses_f8"]
PACKAGE_HEADINGS = {
    "kode_paket": "Kode paket (proses)", "id_paket": "Kode paket SPSE", "nama_paket": "Nama paket",
    "nama_satker": "Satuan kerja", "metode": "Metode", "jenis_pengadaan": "Jenis pengadaan",
    "kode_pokja": "Kode Pokja", "satuan_pelaksana": "Satuan pelaksana", "sumber": "Sumber data",
    "tgl_pengumuman": "Pengumuman", "tgl_penetapan_pemenang": "Penetapan pemenang",
    "tgl_akhir_pemilihan_rencana": "Akhir pemilihan (RUP)", "durasi_hari": "Durasi (hari)",
    "tepat_waktu": "Tepat waktu", "status": "Status", "tender_ulang": "Proses tender ulang",
    "proses_terakhir": "Proses terakhir paket", "paket_diulang": "Paket ditender ulang",
    "jumlah_peserta": "Peserta", "jumlah_sanggahan": "Sanggahan (F8)", "hps": "HPS",
    "nilai_kontrak": "Nilai kontrak", "efisiensi_hps_paket": "Efisiensi thd HPS (%)",
    "catatan": "Catatan Pokja (F8)",
}
PACKAGE_FORMATS = {"tgl_pengumuman": "tanggal", "tgl_penetapan_pemenang": "tanggal",
                   "tgl_akhir_pemilihan_rencana": "tanggal", "durasi_hari": "angka",
                   "jumlah_peserta": "angka", "jumlah_sanggahan": "angka", "hps": "rupiah",
                   "nilai_kontrak": "rupiah", "efisiensi_hps_paket": "persen"}


def _counted(values: pd.Series):
    """(counted, numerator, denominator) for a per-package value or yes/no that may be unknown."""
    mask = values.notna()
    return mask, values.astype("Float64").fillna(0).astype("float64"), mask.astype("float64")


# --------------------------------------------------------------------------- reading rows

def _non_negative(df, name, rows, found):
    values, bad = rowcheck.whole(df[name])
    found.append(rowcheck.problems(bad, rows, name, df[name], "harus bilangan bulat"))
    found.append(rowcheck.problems(values < 0, rows, name, df[name], "tidak boleh negatif"))
    return values


def read_rows(raw: pd.DataFrame, first_row: int = 2, source: str = "") -> pd.DataFrame:
    """Validate F8 rows as read from a file (`surveys.COLUMNS['pokja']`; only kode_paket is
    required). Raises ValueError naming each bad row (spreadsheet row number) and column."""
    where = f"Berkas '{source}'" if source else "Data Pokja"
    df = rowcheck.normalise_columns(raw)
    if "kode_paket" not in df.columns:
        raise ValueError(f"{where}: kolom 'kode_paket' tidak ada.")
    rows = pd.Series(first_row + np.arange(len(df)), index=df.index)
    filled = ~parse.blank(df["kode_paket"])
    df, rows = df[filled], rows[filled]
    found = []
    out = pd.DataFrame({"baris": rows, "kode_paket": rowcheck.codes(df["kode_paket"])}, index=df.index)
    out["kode_pokja"] = rowcheck.optional(df, "kode_pokja", rowcheck.codes, "string")
    out["nama_pokja"] = rowcheck.optional(df, "nama_pokja", parse.text, "string")
    for name in ("tgl_pengumuman", "tgl_penetapan_pemenang"):
        if name in df.columns:
            out[name], bad = rowcheck.dates(df[name])
            found.append(rowcheck.problems(bad, rows, name, df[name], "bukan tanggal (YYYY-MM-DD)"))
        else:
            out[name] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[us]")
    for name in ("jumlah_peserta", "jumlah_sanggahan"):
        out[name] = (_non_negative(df, name, rows, found) if name in df.columns
                     else pd.Series(pd.NA, index=df.index, dtype="Int64"))
    if "tender_ulang" in df.columns:
        out["tender_ulang"], bad = parse.flag(df["tender_ulang"])
        found.append(rowcheck.problems(bad, rows, "tender_ulang", df["tender_ulang"],
                                       "harus 1 (ya) atau 0 (tidak)"))
    else:
        out["tender_ulang"] = pd.Series(pd.NA, index=df.index, dtype="boolean")
    found.append(rowcheck.problems(out["kode_paket"].duplicated(), rows, "kode_paket",
                                   out["kode_paket"], "sudah dilaporkan pada baris sebelumnya"))
    rowcheck.raise_found(found, where)
    out["catatan"] = rowcheck.optional(df, "catatan", parse.text, "string")
    out["tahun_anggaran"] = rowcheck.optional(df, "tahun_anggaran", rowcheck.whole, "Int64")
    out["triwulan"] = rowcheck.optional(df, "triwulan", rowcheck.quarter, "Int64")
    return out.reset_index(drop=True)


# Single-bidder share (% of packages) bands of the EU Single Market Scoreboard: green ≤ 10,
# red > 20, yellow between.
SINGLE_BIDDER_GREEN, SINGLE_BIDDER_RED = 10.0, 20.0


def single_bidder_band(share: float) -> str | None:
    """'hijau', 'kuning' or 'merah' for a single-bidder share in percent (None when missing)."""
    if pd.isna(share):
        return None
    return ("hijau" if share <= SINGLE_BIDDER_GREEN else
            "kuning" if share <= SINGLE_BIDDER_RED else "merah")


def load_rows_with_source(ctx, period: Period | int | None = None) -> tuple[pd.DataFrame, str]:
    """The validated F8 rows of the period (default: the context's period; a year: all its
    quarters) and where they came from ('' when there are none).

    The one place that knows where survey rows come from: `surveys.load_with_source` — the F8
    rows the intake accepted into the store, or the survey folder (`data.survei`) for a year
    without them."""
    period = _period(period or ctx.period)
    raw, source = surveys.load_with_source(ctx.params, ctx.store, KIND, period.year)
    rows = surveys.in_period(read_rows(raw, source=source), period)
    return rows, (source if len(rows) else "")


def _period(period: Period | int) -> Period:
    return period if isinstance(period, Period) else Period(int(period))


def due(packages: pd.DataFrame, period: Period | int) -> pd.DataFrame:
    """Tender/selection processes whose selection ended in the period (awarded or failed; a
    quarter by award date): the processes a Pokja reports on in F8, and the ones stage 05
    evaluates with or without F8."""
    p = packages
    return providers.of_period(p, [p["dalam_lingkup"], p["kd_tender"].notna(),
                                    p["status"].isin(["Selesai", "Gagal"]), ~measures.running(p)], period)


# --------------------------------------------------------------------------- per package

def pokja_codes(nip_pokja: pd.Series) -> pd.Series:
    """surveys.pokja_code, computed once per distinct member list (it hashes in Python)."""
    return frames.map_distinct(nip_pokja, surveys.pokja_code)


def unit(jenis: pd.Series, satuan: SatuanPelaksana) -> pd.Series:
    """The satuan pelaksana of each package from its jenis pengadaan."""
    mapped = frames.map_distinct(jenis, lambda u: u.map(satuan.per_jenis_pengadaan))
    return mapped.fillna(satuan.bawaan)


_DUE_COLUMNS = ["kd_paket", "dalam_lingkup", "kd_tender", "status", "berlangsung", "tahun_anggaran",
                "tgl_penetapan_pemenang", "tgl_pengumuman"]
_FORM_COLUMNS = ["kode_pokja", "nama_pokja", "tgl_pengumuman", "tgl_penetapan_pemenang",
                 "jumlah_peserta", "tender_ulang", "jumlah_sanggahan", "catatan"]
_REGISTER_COLUMNS = ["kd_tender", "kd_nontender", "nama_paket", "kd_satker", "nama_satker",
                     "metode", "jenis_pengadaan", "status", "berlangsung", "jenis_gagal",
                     "versi_tender", "tgl_pengumuman",
                     "tgl_penetapan_pemenang", "tgl_akhir_pemilihan_rencana", "jumlah_peserta",
                     "hps", "nilai_kontrak", "nip_pokja", "nama_pokja", "id_paket",
                     "proses_terakhir", "paket_diulang"]


def per_package(rows: pd.DataFrame, packages: pd.DataFrame, period: Period | int,
                satuan: SatuanPelaksana = SatuanPelaksana()) -> pd.DataFrame:
    """One row per selection process the Pokja evaluation of `period` covers (see the module
    docstring): the register's due processes, then the F8 rows of packages outside them.

    `rows`: validated F8 rows (`read_rows`) of the period's fiscal year — every quarter, so a
    form sent in the quarter of the announcement still joins the process awarded a quarter
    later; rows of other years are left out. `packages`: the package view (`ctx.packages()`).
    Per process the form's values come first and the register fills what the form leaves blank;
    `sumber` is 'Format 8' where a form row came back, else 'Register', and `wajib` marks the
    register's due processes."""
    period = _period(period)
    # a package view from before re-tenders were told apart: every process its own package
    packages = packages.assign(**{c: v for c, v in {"id_paket": packages["kd_paket"],
                                                     "proses_terakhir": True,
                                                     "paket_diulang": False}.items()
                                  if c not in packages})
    year_rows = surveys.in_period(rows, Period(period.year))
    codes = year_rows["kode_paket"].astype("string")
    which = packages[[c for c in _DUE_COLUMNS if c in packages]]  # only codes kept: no full copy
    due_now = due(which, period)["kd_paket"].astype("string")
    due_year = due_now if period.quarter is None else due(which, period.year)["kd_paket"]
    extra = surveys.in_period(year_rows[frames.positions(codes, due_year) < 0], period)
    keys = pd.concat([due_now, extra["kode_paket"].astype("string")], ignore_index=True)
    at = frames.positions(keys, codes)
    form = pd.DataFrame({c: year_rows[c].array.take(at, allow_fill=True) for c in _FORM_COLUMNS})
    form.insert(0, "kode_paket", keys)
    form["sumber"] = pd.Categorical.from_codes((at >= 0).astype(np.int8), [FROM_REGISTER, FROM_FORM])
    form["wajib"] = np.arange(len(keys)) < len(due_now)
    reg = frames.lookup(keys, packages, "kd_paket", _REGISTER_COLUMNS)
    p = form.assign(**{c: form[c].fillna(reg[c]) if c in form else reg[c] for c in _REGISTER_COLUMNS})
    # a form row of a process the register does not know stands for its own package;
    # categorical, so the recaps count distinct packages per group from its codes
    p["id_paket"] = p["id_paket"].fillna(p["kode_paket"]).astype("category")
    p["proses_terakhir"] = p["proses_terakhir"].fillna(True).astype(bool)
    p["kode_pokja"] = p["kode_pokja"].fillna(pokja_codes(p.pop("nip_pokja")))
    p["tender_ulang"] = p["tender_ulang"].fillna(p["versi_tender"] > 1).astype("boolean")
    # a package is re-tendered when the register says so or any of its processes is a re-tender
    package = p["id_paket"].cat.codes.to_numpy(np.int64)
    flagged = np.bincount(package, weights=p["tender_ulang"].fillna(False).to_numpy(np.float64),
                          minlength=package.max() + 1 if len(p) else 0)
    p["paket_diulang"] = p["paket_diulang"].fillna(False).astype(bool).to_numpy() | (flagged[package] > 0)
    # Every F8 row is a selection package, whatever the register knows of it.
    p["kd_tender"] = p["kd_tender"].fillna(p["kode_paket"].where(p["kd_nontender"].isna()))
    p["nama_satker"] = p["nama_satker"].fillna(NOT_IN_REGISTER)
    p["satuan_pelaksana"] = unit(p["jenis_pengadaan"], satuan)
    # a form's own process is decided; a form's award date makes a process without status won
    p["berlangsung"] = p["berlangsung"].fillna(False).astype(bool)
    processes.outcome(p)
    counted, days, _ = measures.durasi_pemilihan(p)
    p["durasi_hari"] = days.where(counted).astype("Int64")
    on_time, num, _ = measures.pemilihan_tepat_waktu(p)
    p["tepat_waktu"] = num.astype(bool).astype("boolean").where(on_time)
    efficient, num, den = measures.efisiensi_hps(p)
    p["efisiensi_hps_paket"] = (num / den.where(efficient) * 100)
    p["peserta_tunggal"] = p["jumlah_peserta"].eq(1).astype("boolean")
    return p


# --------------------------------------------------------------------------- recaps

def _parts(p: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per process: numerator and denominator of every measure, plus the counts."""
    sanggahan = p["jumlah_sanggahan"].astype("Float64")
    known = sanggahan.notna().to_numpy(np.float64)
    sanggahan = sanggahan.fillna(0).to_numpy(np.float64)
    _, ulang, _ = measures.tender_ulang(p)
    out = {"jumlah_proses": np.ones(len(p)),
           "proses_selesai": p["status"].eq("Selesai").fillna(False).to_numpy(np.float64),
           "proses_gagal": p["gagal"].to_numpy(np.float64),
           "paket_ulang": ulang.to_numpy(np.float64),
           "proses_f8": p["sumber"].eq(FROM_FORM).to_numpy(np.float64),
           "jumlah_sanggahan": sanggahan, "paket_disanggah": (sanggahan > 0).astype(np.float64),
           "sanggahan_diketahui": known}
    for name, (measure, _) in MEASURES.items():
        _, num, den = measure(p)
        out[f"{name}__num"], out[f"{name}__den"] = num.to_numpy(np.float64), den.to_numpy(np.float64)
    counted, _, _ = measures.efisiensi_hps(p)
    out["hps"] = p["hps"].where(counted, 0.0).to_numpy(np.float64)
    out["nilai_kontrak"] = p["nilai_kontrak"].where(counted, 0.0).to_numpy(np.float64)
    return out


COUNTS = ["jumlah_proses", "proses_selesai", "proses_gagal", "paket_ulang", "proses_f8"]


def source_label(with_form: int, processes: int) -> str:
    """Where a group's figures come from, for the recaps' 'Sumber data' column."""
    if not processes:
        return "–"
    if not with_form:
        return "Register (Format 8 belum kembali)"
    if with_form == processes:
        return "Format 8, dilengkapi register"
    return f"Format 8 ({fmt.angka(with_form)} dari {fmt.angka(processes)} proses) dan register"


def _distinct(group: np.ndarray, values: pd.Series, n: int) -> np.ndarray:
    """Distinct non-missing values per group, without hashing a million pairs: a group ×
    value table while it is small, else values seen once counted directly and only the rest
    (a package's several processes) through np.unique."""
    codes, known = pd.factorize(values)
    keep = codes >= 0
    group, codes = group[keep], codes[keep].astype(np.int64)
    width = max(len(known), 1)
    if n * width <= 1 << 24:
        seen = np.bincount(group * width + codes, minlength=n * width) > 0
        return seen.reshape(n, width).sum(axis=1)
    single = np.bincount(codes, minlength=width)[codes] == 1
    pairs = np.unique(group[~single] * width + codes[~single])
    return np.bincount(group[single], minlength=n) + np.bincount(pairs // width, minlength=n)


def recap(p: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Counts and measures per value of `by` (None: one row for all processes). Sums per group
    with np.bincount: one pass per column, also at a million processes."""
    if by:
        group, keys = pd.factorize(p[by], sort=True, use_na_sentinel=False)
    else:
        group, keys = np.zeros(len(p), dtype=np.int64), None
    n = len(keys) if by else 1
    sums = {k: np.bincount(group, weights=v, minlength=n) for k, v in _parts(p).items()}
    out = pd.DataFrame({by: keys} if by else {}, index=range(n))
    out["jumlah_paket"] = _distinct(group, p["id_paket"], n)
    for name in COUNTS:
        out[name] = np.rint(sums[name]).astype(np.int64)
    for name, (_, scale) in MEASURES.items():
        num, den = sums[f"{name}__num"], sums[f"{name}__den"]
        with np.errstate(invalid="ignore", divide="ignore"):
            out[name] = np.where(den > 0, num / np.where(den > 0, den, 1) * scale, np.nan)
    out["hps"], out["nilai_kontrak"] = sums["hps"], sums["nilai_kontrak"]
    # F8-only measures: over the processes whose form gave a value; none known = missing
    known = sums["sanggahan_diketahui"] > 0
    for name in F8_ONLY:
        out[name] = pd.array(np.rint(sums[name]).astype(np.int64), dtype="Int64")
        out.loc[~known, name] = pd.NA
    out["jumlah_pokja"] = _distinct(group, p["kode_pokja"], n)
    out["sumber_data"] = [source_label(f, t) for f, t in zip(out["proses_f8"], out["jumlah_proses"])]
    return out


def rank(table: pd.DataFrame) -> pd.DataFrame:
    """Combined rank: groups ordered by the mean of their ranks on RANKING's measures."""
    ranks = pd.DataFrame({m: table[m].rank(ascending=asc, method="min") for m, asc in RANKING.items()})
    out = table.assign(peringkat=ranks.mean(axis=1).rank(method="min").astype("Int64"))
    return out.sort_values(["peringkat"], kind="stable", ignore_index=True)


def per_pokja(p: pd.DataFrame) -> pd.DataFrame:
    """F9: one row per Pokja with its members, ranked; processes without a known Pokja in one
    last row (kode_pokja missing, nama_pokja NO_POKJA, no rank)."""
    out = recap(p, "kode_pokja")
    names = p.groupby("kode_pokja")["nama_pokja"].first().str.replace(";", "; ", regex=False)
    out.insert(1, "nama_pokja", out["kode_pokja"].map(names).astype("string"))
    known = out["kode_pokja"].notna().to_numpy()
    unknown = out[~known].assign(nama_pokja=NO_POKJA, peringkat=pd.NA)
    ranked = rank(out[known])
    return pd.concat([ranked, unknown.astype({"peringkat": "Int64"})], ignore_index=True) \
        if len(unknown) else ranked


def per_unit(p: pd.DataFrame) -> pd.DataFrame:
    """F10: one row per satuan pelaksana, ranked."""
    return rank(recap(p, "satuan_pelaksana"))


def total(p: pd.DataFrame) -> pd.DataFrame:
    """F11: one row per selection method and the UKPBJ total as the last row."""
    by_method = recap(p.assign(metode=p["metode"].fillna(NOT_IN_REGISTER)), "metode")
    return pd.concat([by_method, recap(p).assign(metode=TOTAL)], ignore_index=True)


def known(ranked: pd.DataFrame) -> pd.DataFrame:
    """The rows of per_pokja with a known Pokja (without the NO_POKJA row)."""
    return ranked[ranked["kode_pokja"].notna()]


def protested(p: pd.DataFrame) -> pd.DataFrame:
    """Processes with an objection (sanggahan, Format 8), the most objections first."""
    out = p[p["jumlah_sanggahan"].fillna(0) > 0]
    return out.sort_values(["jumlah_sanggahan", "kode_paket"], ascending=[False, True])


# --------------------------------------------------------------------------- sources


# --------------------------------------------------------------------------- formats F9–F11

BASE = ("Proses yang direkap: proses tender/seleksi dalam lingkup yang sudah selesai atau gagal pada "
        "tanggal data, per triwulan penetapan pemenang (indikator kinerja: per triwulan pengumuman); "
        "persentase = Σ pembilang ÷ Σ penyebut atas proses kelompok.")


def method_note() -> list[str]:
    """The method lines of F9–F11: which processes, each recap measure's printed definition (the
    same text as F3 and F15), and where Format 8 comes first."""
    definitions = [f"{RECAP_HEADINGS[name]}: {measures.MEASURES[name].printed}" for name in MEASURES]
    return [BASE, *definitions,
            "Data formulir Pokja (Format 8) diutamakan; isian yang kosong dan proses tanpa "
            "Format 8 diisi dari register paket (SPSE: pengumuman, hasil, peserta). Sanggahan "
            f"dan catatan Pokja hanya dari Format 8: '{MISSING}' bila formulirnya belum kembali. "
            "Peringkat = urutan rata-rata peringkat pada empat ukuran: tepat waktu, durasi, "
            "tender gagal, rata-rata peserta (definisi buku kerja)."]
