"""Pokja Pemilihan performance: per package (F8 data joined with the register) → per Pokja (F9)
→ per unit (F10) → total UKPBJ (F11), with rankings.

Per package, the Pokja's form (F8) comes first and the register fills what the form leaves
blank (dates, bidders, Pokja). The measures are the KPI engine's own definitions
(indicators.py; methodology.md §3, workbook definitions), so the Pokja recaps add up to the
dashboard's figures over the same packages:
- durasi pemilihan = tgl_penetapan_pemenang − tgl_pengumuman, calendar days;
- tepat waktu = award ≤ the RUP's planned end of selection (tgl_akhir_pemilihan_rencana);
- tender gagal = status Gagal/Batal; tender ulang = the form's flag, else versi_tender > 1;
- peserta = bidders; peserta tunggal = exactly one bidder;
- sanggahan = objections reported on the form (not in the exports);
- efisiensi terhadap HPS = Σ(hps − nilai_kontrak) / Σ hps over finished packages.
A group's percentage is Σ numerator ÷ Σ denominator over its packages, never a mean of means.

Units (F10): the register has no unit, so a package counts under the satuan pelaksana of its
jenis pengadaan (`satuan_pelaksana` in the parameter file; a workbook definition).

Ranking (a workbook definition): each group is ranked on four measures — tepat waktu (higher
is better), durasi (lower), tender gagal (lower), rata-rata peserta (higher); the combined rank
orders the groups by the mean of their four ranks (ties share the better rank).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja import frames, indicators, parse, providers, rowcheck, surveys
from kinerja.config import Parameters, SatuanPelaksana
from kinerja.periods import Period

KIND = "pokja"
TOTAL = "Total UKPBJ"
NOT_IN_REGISTER = "(tidak ada di register)"

# name -> (per-package measure returning (counted, numerator, denominator), scale)
# (durasi_hari and tepat_waktu are indicators' definitions, computed once in per_package)
MEASURES = {
    "tender_gagal": (indicators.tender_gagal, 100),
    "tender_ulang": (lambda p: _counted(p["tender_ulang"]), 100),
    "durasi_pemilihan": (lambda p: _counted(p["durasi_hari"]), 1),
    "pemilihan_tepat_waktu": (lambda p: _counted(p["tepat_waktu"]), 100),
    "rata_peserta": (indicators.rata_peserta, 1),
    "peserta_tunggal": (indicators.peserta_tunggal, 100),
    "efisiensi_hps": (indicators.efisiensi_hps, 100),
}
# measure -> ascending (True: lower is better)
RANKING = {"pemilihan_tepat_waktu": False, "durasi_pemilihan": True, "tender_gagal": True,
           "rata_peserta": False}

RECAP_HEADINGS = {
    "jumlah_paket": "Jumlah paket", "paket_selesai": "Paket selesai", "paket_gagal": "Paket gagal",
    "tender_gagal": "Tender gagal (%)", "paket_ulang": "Tender ulang",
    "tender_ulang": "Tender ulang (%)", "durasi_pemilihan": "Rata-rata durasi pemilihan (hari)",
    "pemilihan_tepat_waktu": "Pemilihan tepat waktu (%)", "rata_peserta": "Rata-rata peserta",
    "peserta_tunggal": "Peserta tunggal (%)", "jumlah_sanggahan": "Jumlah sanggahan",
    "paket_disanggah": "Paket disanggah", "hps": "Jumlah HPS", "nilai_kontrak": "Jumlah nilai kontrak",
    "efisiensi_hps": "Efisiensi terhadap HPS (%)",
}
F9_HEADINGS = {"peringkat": "Peringkat", "kode_pokja": "Kode Pokja", "nama_pokja": "Anggota Pokja",
               **RECAP_HEADINGS}
F10_HEADINGS = {"peringkat": "Peringkat", "satuan_pelaksana": "Satuan pelaksana",
                "jumlah_pokja": "Jumlah Pokja", **RECAP_HEADINGS}
F11_HEADINGS = {"metode": "Metode pemilihan", "jumlah_pokja": "Jumlah Pokja", **RECAP_HEADINGS}
RECAP_FORMATS = {
    "jumlah_paket": "angka", "paket_selesai": "angka", "paket_gagal": "angka", "paket_ulang": "angka",
    "tender_gagal": "persen", "tender_ulang": "persen", "durasi_pemilihan": "desimal",
    "pemilihan_tepat_waktu": "persen", "rata_peserta": "desimal", "peserta_tunggal": "persen",
    "jumlah_sanggahan": "angka", "paket_disanggah": "angka", "hps": "rupiah",
    "nilai_kontrak": "rupiah", "efisiensi_hps": "persen", "jumlah_pokja": "angka",
    "peringkat": "angka",
}
PACKAGE_HEADINGS = {
    "kode_paket": "Kode paket", "nama_paket": "Nama paket", "nama_satker": "Satuan kerja",
    "metode": "Metode", "jenis_pengadaan": "Jenis pengadaan", "kode_pokja": "Kode Pokja",
    "satuan_pelaksana": "Satuan pelaksana", "tgl_pengumuman": "Pengumuman",
    "tgl_penetapan_pemenang": "Penetapan pemenang",
    "tgl_akhir_pemilihan_rencana": "Akhir pemilihan (RUP)", "durasi_hari": "Durasi (hari)",
    "tepat_waktu": "Tepat waktu", "status": "Status", "tender_ulang": "Tender ulang",
    "jumlah_peserta": "Peserta", "jumlah_sanggahan": "Sanggahan", "hps": "HPS",
    "nilai_kontrak": "Nilai kontrak", "efisiensi_hps_paket": "Efisiensi thd HPS (%)",
    "catatan": "Catatan Pokja",
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


def single_bidder_band(share: float) -> str:
    """'hijau', 'kuning' or 'merah' for a single-bidder share in percent."""
    return ("hijau" if share <= SINGLE_BIDDER_GREEN else
            "kuning" if share <= SINGLE_BIDDER_RED else "merah")


def load_rows(ctx, period: Period | None = None) -> pd.DataFrame:
    """The validated F8 rows of the period (default: the context's period).

    The one place that knows where survey rows come from: `surveys.load` — the F8 rows the
    intake accepted into the store, or the survey folder (`data.survei`) for a year without them.
    """
    period = period or ctx.period
    raw, source = surveys.load_with_source(ctx.params, ctx.store, KIND, period.year)
    return surveys.in_period(read_rows(raw, source=source), period)


def due(packages: pd.DataFrame, period: Period | int) -> pd.DataFrame:
    """Tender/selection packages whose selection ended in the period (awarded or failed; a
    quarter by award date): the packages a Pokja reports on in F8."""
    p = packages
    return providers.of_period(p, [p["dalam_lingkup"], p["kd_tender"].notna(),
                                    p["status"].isin(["Selesai", "Gagal"])], period)


# --------------------------------------------------------------------------- per package

def pokja_codes(nip_pokja: pd.Series) -> pd.Series:
    """surveys.pokja_code, computed once per distinct member list (it hashes in Python)."""
    return frames.map_distinct(nip_pokja, surveys.pokja_code)


def unit(jenis: pd.Series, satuan: SatuanPelaksana) -> pd.Series:
    """The satuan pelaksana of each package from its jenis pengadaan."""
    mapped = frames.map_distinct(jenis, lambda u: u.map(satuan.per_jenis_pengadaan))
    return mapped.fillna(satuan.bawaan)


def per_package(rows: pd.DataFrame, packages: pd.DataFrame,
                satuan: SatuanPelaksana = SatuanPelaksana()) -> pd.DataFrame:
    """One row per F8 package with the register's fields and the per-package measures. The
    form's values come first; the register fills what the form leaves blank."""
    cols = ["kd_tender", "kd_nontender", "nama_paket", "kd_satker", "nama_satker", "metode",
            "jenis_pengadaan", "status", "versi_tender", "tgl_pengumuman",
            "tgl_penetapan_pemenang", "tgl_akhir_pemilihan_rencana", "jumlah_peserta", "hps",
            "nilai_kontrak", "nip_pokja", "nama_pokja", "id_paket", "proses_terakhir"]
    # a package view from before re-tenders were told apart: every process its own package
    packages = packages.assign(**{c: v for c, v in {"id_paket": packages["kd_paket"],
                                                     "proses_terakhir": True}.items()
                                  if c not in packages})
    reg = frames.lookup(rows["kode_paket"], packages, "kd_paket", cols)
    p = rows.assign(**{c: rows[c].fillna(reg[c]) if c in rows else reg[c] for c in cols})
    # a form row of a process the register does not know stands for its own package
    p["id_paket"] = p["id_paket"].fillna(p["kode_paket"])
    p["proses_terakhir"] = p["proses_terakhir"].fillna(True).astype(bool)
    p["kode_pokja"] = p["kode_pokja"].fillna(pokja_codes(p.pop("nip_pokja")))
    p["tender_ulang"] = p["tender_ulang"].fillna(p["versi_tender"] > 1).astype("boolean")
    # Every F8 row is a selection package, whatever the register knows of it.
    p["kd_tender"] = p["kd_tender"].fillna(p["kode_paket"].where(p["kd_nontender"].isna()))
    p["nama_satker"] = p["nama_satker"].fillna(NOT_IN_REGISTER)
    p["satuan_pelaksana"] = unit(p["jenis_pengadaan"], satuan)
    counted, days, _ = indicators.durasi_pemilihan(p)
    p["durasi_hari"] = days.where(counted).astype("Int64")
    on_time, num, _ = indicators.pemilihan_tepat_waktu(p)
    p["tepat_waktu"] = num.astype(bool).astype("boolean").where(on_time)
    efficient, num, den = indicators.efisiensi_hps(p)
    p["efisiensi_hps_paket"] = (num / den.where(efficient) * 100)
    p["gagal"] = p["status"].eq("Gagal").fillna(False).astype(bool)
    p["peserta_tunggal"] = p["jumlah_peserta"].eq(1).astype("boolean")
    return p


# --------------------------------------------------------------------------- recaps

def _parts(p: pd.DataFrame) -> dict[str, np.ndarray]:
    """Per package: numerator and denominator of every measure, plus the counts."""
    sanggahan = p["jumlah_sanggahan"].fillna(0).to_numpy(np.float64)
    out = {"jumlah_paket": np.ones(len(p)),
           "paket_selesai": p["status"].eq("Selesai").fillna(False).to_numpy(np.float64),
           "paket_gagal": p["gagal"].to_numpy(np.float64),
           "paket_ulang": p["tender_ulang"].fillna(False).to_numpy(np.float64),
           "jumlah_sanggahan": sanggahan, "paket_disanggah": (sanggahan > 0).astype(np.float64)}
    for name, (measure, _) in MEASURES.items():
        _, num, den = measure(p)
        out[f"{name}__num"], out[f"{name}__den"] = num.to_numpy(np.float64), den.to_numpy(np.float64)
    counted, _, _ = indicators.efisiensi_hps(p)
    out["hps"] = p["hps"].where(counted, 0.0).to_numpy(np.float64)
    out["nilai_kontrak"] = p["nilai_kontrak"].where(counted, 0.0).to_numpy(np.float64)
    return out


COUNTS = ["jumlah_paket", "paket_selesai", "paket_gagal", "paket_ulang", "jumlah_sanggahan",
          "paket_disanggah"]


def recap(p: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Counts and measures per value of `by` (None: one row for all packages). Sums per group
    with np.bincount: one pass per column, also at a million packages."""
    if by:
        group, keys = pd.factorize(p[by], sort=True, use_na_sentinel=False)
    else:
        group, keys = np.zeros(len(p), dtype=np.int64), None
    n = len(keys) if by else 1
    sums = {k: np.bincount(group, weights=v, minlength=n) for k, v in _parts(p).items()}
    out = pd.DataFrame({by: keys} if by else {}, index=range(n))
    for name in COUNTS:
        out[name] = np.rint(sums[name]).astype(np.int64)
    for name, (_, scale) in MEASURES.items():
        num, den = sums[f"{name}__num"], sums[f"{name}__den"]
        with np.errstate(invalid="ignore", divide="ignore"):
            out[name] = np.where(den > 0, num / np.where(den > 0, den, 1) * scale, np.nan)
    out["hps"], out["nilai_kontrak"] = sums["hps"], sums["nilai_kontrak"]
    # Pokja per group: the distinct (group, Pokja) pairs, counted per group.
    pokja, known = pd.factorize(p["kode_pokja"])
    width = len(known) + 1
    pairs = np.unique(group[pokja >= 0] * width + pokja[pokja >= 0])
    out["jumlah_pokja"] = np.bincount(pairs // width, minlength=n)
    return out


def rank(table: pd.DataFrame) -> pd.DataFrame:
    """Combined rank: groups ordered by the mean of their ranks on RANKING's measures."""
    ranks = pd.DataFrame({m: table[m].rank(ascending=asc, method="min") for m, asc in RANKING.items()})
    out = table.assign(peringkat=ranks.mean(axis=1).rank(method="min").astype("Int64"))
    return out.sort_values(["peringkat"], kind="stable", ignore_index=True)


def per_pokja(p: pd.DataFrame) -> pd.DataFrame:
    """F9: one row per Pokja with its members, ranked."""
    out = recap(p, "kode_pokja")
    names = p.groupby("kode_pokja")["nama_pokja"].first().str.replace(";", "; ", regex=False)
    out.insert(1, "nama_pokja", out["kode_pokja"].map(names))
    return rank(out)


def per_unit(p: pd.DataFrame) -> pd.DataFrame:
    """F10: one row per satuan pelaksana, ranked."""
    return rank(recap(p, "satuan_pelaksana"))


def total(p: pd.DataFrame) -> pd.DataFrame:
    """F11: one row per selection method and the UKPBJ total as the last row."""
    by_method = recap(p.assign(metode=p["metode"].fillna(NOT_IN_REGISTER)), "metode")
    return pd.concat([by_method, recap(p).assign(metode=TOTAL)], ignore_index=True)


# --------------------------------------------------------------------------- formats F9–F11

def method_note() -> list[str]:
    return ["Durasi = tanggal penetapan pemenang − tanggal pengumuman (hari kalender); tepat "
            "waktu = penetapan ≤ tanggal akhir pemilihan di RUP; efisiensi = Σ(HPS − nilai "
            "kontrak) ÷ Σ HPS paket selesai; persentase = Σ pembilang ÷ Σ penyebut atas paket "
            "kelompok (definisi buku kerja, metodologi §3).",
            "Data formulir Pokja (Format 8) diutamakan; kolom yang kosong diisi dari register "
            "paket. Peringkat = urutan rata-rata peringkat pada empat ukuran: tepat waktu, "
            "durasi, tender gagal, rata-rata peserta (definisi buku kerja)."]


def _sheet(name, table, headings, title, totals_row, params, period, label=TOTAL):
    from kinerja.render import excel

    return excel.Sheet(name, table, headings, RECAP_FORMATS,
                       [title, params.ukpbj.nama, period.nama],
                       totals_row, label, method_note())


def _totals(p: pd.DataFrame) -> dict:
    return recap(p).iloc[0].to_dict()


def write_f9(path, table: pd.DataFrame, p: pd.DataFrame, params: Parameters, period: Period):
    """Format 9 — Rekapitulasi Kinerja Per Pokja Pemilihan (and the packages behind it)."""
    from kinerja.render import excel

    return excel.write(path, [
        _sheet("Rekap per Pokja", table, F9_HEADINGS,
               "FORMAT 9 — FORMULIR REKAPITULASI KINERJA PER POKJA PEMILIHAN", _totals(p), params, period),
        excel.Sheet("Data per paket", p, PACKAGE_HEADINGS, PACKAGE_FORMATS,
                    ["Data kinerja Pokja Pemilihan per paket (Format 8)", params.ukpbj.nama,
                     period.nama], notes=method_note()),
    ])


def write_f10(path, table: pd.DataFrame, p: pd.DataFrame, params: Parameters, period: Period):
    """Format 10 — Rekapitulasi Kinerja Pokja Per Unit Eselon II / Satuan Pelaksana UKPBJ."""
    from kinerja.render import excel

    return excel.write(path, [_sheet(
        "Rekap per satuan pelaksana", table, F10_HEADINGS,
        "FORMAT 10 — FORMULIR REKAPITULASI KINERJA POKJA PER UNIT ESELON II / SATUAN PELAKSANA UKPBJ",
        _totals(p), params, period)])


def write_f11(path, table: pd.DataFrame, params: Parameters, period: Period):
    """Format 11 — Rekapitulasi Kinerja Pokja Pemilihan Total UKPBJ (per method, total last)."""
    from kinerja.render import excel

    body = table[table["metode"] != TOTAL]
    totals = table[table["metode"] == TOTAL].iloc[0].to_dict()
    return excel.write(path, [_sheet(
        "Total UKPBJ", body, F11_HEADINGS,
        "FORMAT 11 — FORMULIR REKAPITULASI KINERJA POKJA PEMILIHAN TOTAL UKPBJ",
        totals, params, period)])
