"""Provider performance: Penilaian Kinerja Penyedia per package (F5) → per provider (F6) → per
satker (F7) → the UKPBJ provider performance index.

Method (methodology.md §1; Peraturan LKPP 4/2021 as practised in SIKaP):
- The PPK scores the provider of each paid contract on four aspects, each 1, 2 or 3:
  kualitas dan kuantitas pekerjaan, biaya, waktu, layanan.
- nilai paket = 0,3·kualitas + 0,2·biaya + 0,3·waktu + 0,2·layanan (0–3; weights from
  `metode.bobot_penyedia`). A contract terminated by the PPK for the provider's fault
  (putus_kontrak = 1) scores 0; its aspect scores are ignored.
- kategori (`metode.kategori_penyedia`): nilai ≥ 3 Sangat Baik, ≥ 2 Baik, ≥ 1 Cukup, < 1 Buruk.
- F6: per provider the simple mean over rated packages (as SIKaP shows it), with the number of
  packages and of PPKs who rated, the lowest package score and the trend against last year.
- F7: the same package scores grouped by the satker that owns the packages.
- Index (a workbook definition): the mean package score of the year, with the share of
  providers rated at least Baik and the providers rated Cukup or Buruk with their packages.

Scores are exact. With weights in whole percent a package score is an integer number of
hundredths (Σ weight% × aspect score), so 3 × every weight is exactly 300 → Sangat Baik and no
floating-point sum can move a score across a category edge. Means are rounded half up to
hundredths in integer arithmetic and categorised as shown (the value a reader sees and its
category always agree).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core import frames, parse, rowcheck
from kinerja.core.config import BobotPenyedia, KategoriPenyedia
from kinerja.core.periods import Period
from kinerja.inputs import register, surveys

KIND = "penilaian_penyedia"
ASPECTS = ("kualitas", "biaya", "waktu", "layanan")
REQUIRED = ("kode_paket", "kd_penyedia", *ASPECTS)
KATEGORI = ("Sangat Baik", "Baik", "Cukup", "Buruk")
# Where a package score comes from: the PPK's rating in SIKaP, else the Survei Teknis form.
SIKAP, FORMAT_5 = "SIKaP", "Format 5"
SOURCE_COUNTS = {"paket_sikap": SIKAP, "paket_f5": FORMAT_5}
TO_COACH = KATEGORI[2:]  # below Baik: the providers (and package shares) that need coaching
NOT_IN_REGISTER = "(tidak ada di register)"

ASPECT_LABELS = {"kualitas": "Kualitas dan kuantitas pekerjaan", "biaya": "Biaya",
                 "waktu": "Waktu", "layanan": "Layanan"}
F6_HEADINGS = {
    "kd_penyedia": "Kode penyedia", "nama_penyedia": "Nama penyedia",
    "jumlah_paket": "Jumlah paket dinilai", "jumlah_ppk": "Jumlah PPK penilai",
    "paket_sikap": "Paket dari SIKaP", "paket_f5": "Paket dari Format 5",
    "jumlah_putus": "Kontrak diputus", "nilai_kontrak": "Nilai kontrak",
    "nilai": "Nilai rata-rata", "nilai_min": "Nilai terendah", "kategori": "Kategori",
    "nilai_tahun_lalu": "Nilai tahun lalu", "selisih": "Selisih", "tren": "Tren",
}
F6_FORMATS = {"jumlah_paket": "angka", "jumlah_ppk": "angka", "jumlah_putus": "angka",
              "paket_sikap": "angka", "paket_f5": "angka",
              "nilai_kontrak": "rupiah", "nilai": "desimal", "nilai_min": "desimal",
              "nilai_tahun_lalu": "desimal", "selisih": "desimal"}
F7_HEADINGS = {
    "kd_satker": "Kode satker", "nama_satker": "Satuan kerja (OPD)",
    "jumlah_paket": "Jumlah paket dinilai", "paket_sikap": "Paket dari SIKaP",
    "paket_f5": "Paket dari Format 5", "jumlah_penyedia": "Jumlah penyedia",
    "jumlah_ppk": "Jumlah PPK penilai", "nilai_kontrak": "Nilai kontrak",
    "nilai": "Nilai rata-rata", "nilai_min": "Nilai terendah", "kategori": "Kategori",
    "paket_sangat_baik": "Paket Sangat Baik", "paket_baik": "Paket Baik",
    "paket_cukup": "Paket Cukup", "paket_buruk": "Paket Buruk",
}
F7_FORMATS = {"jumlah_paket": "angka", "paket_sikap": "angka", "paket_f5": "angka",
              "jumlah_penyedia": "angka", "jumlah_ppk": "angka",
              "nilai_kontrak": "rupiah", "nilai": "desimal", "nilai_min": "desimal",
              "paket_sangat_baik": "angka", "paket_baik": "angka", "paket_cukup": "angka",
              "paket_buruk": "angka"}
PACKAGE_HEADINGS = {
    "kode_paket": "Kode paket", "nama_paket": "Nama paket", "nama_satker": "Satuan kerja",
    "metode": "Metode pemilihan", "kd_penyedia": "Kode penyedia", "nama_penyedia": "Nama penyedia",
    "nama_ppk": "PPK penilai", "triwulan": "Triwulan", "nilai_kontrak": "Nilai kontrak",
    "no_kontrak": "Nomor kontrak", "sumber": "Sumber nilai",
    "kualitas": "Kualitas", "biaya": "Biaya", "waktu": "Waktu", "layanan": "Layanan",
    "putus_kontrak": "Kontrak diputus", "nilai": "Nilai paket", "kategori": "Kategori",
    "nilai_f5": "Nilai Format 5 (pembanding)", "catatan": "Catatan PPK",
}
PACKAGE_FORMATS = {"nilai_kontrak": "rupiah", "nilai": "desimal", "nilai_f5": "desimal", "kualitas": "angka",
                   "biaya": "angka", "waktu": "angka", "layanan": "angka", "triwulan": "angka"}
ATTENTION_HEADINGS = {
    "kd_penyedia": "Kode penyedia", "nama_penyedia": "Nama penyedia",
    "nilai_penyedia": "Nilai penyedia", "kategori_penyedia": "Kategori penyedia",
    "kode_paket": "Kode paket", "nama_paket": "Nama paket", "nama_satker": "Satuan kerja",
    "nama_ppk": "PPK penilai", "nilai": "Nilai paket", "kategori": "Kategori paket",
    "putus_kontrak": "Kontrak diputus", "catatan": "Catatan PPK",
}
ATTENTION_FORMATS = {"nilai_penyedia": "desimal", "nilai": "desimal"}
INDEX_HEADINGS = {
    "jumlah_paket": "Paket dinilai", "paket_sikap": "Dari SIKaP", "paket_f5": "Dari Format 5",
    "cakupan": "Cakupan penilaian (%)",
    "jumlah_penyedia": "Penyedia dinilai", "nilai": "Indeks kinerja penyedia",
    "kategori": "Kategori", "porsi_minimal_baik": "Penyedia minimal Baik (%)",
    "penyedia_cukup": "Penyedia Cukup", "penyedia_buruk": "Penyedia Buruk",
    "paket_putus": "Kontrak diputus",
}
INDEX_FORMATS = {"jumlah_paket": "angka", "paket_sikap": "angka", "paket_f5": "angka",
                 "cakupan": "persen", "jumlah_penyedia": "angka",
                 "nilai": "desimal", "porsi_minimal_baik": "persen", "penyedia_cukup": "angka",
                 "penyedia_buruk": "angka", "paket_putus": "angka"}


# --------------------------------------------------------------------------- exact arithmetic

def weights_pct(bobot: BobotPenyedia) -> np.ndarray:
    """The four aspect weights as whole percents (0.3 -> 30), in ASPECTS order."""
    w = np.array([getattr(bobot, a) for a in ASPECTS], dtype="float64") * 100
    pct = np.rint(w).astype(np.int64)
    if np.abs(w - pct).max() > 1e-9 or not pct_ok(pct):
        raise ValueError("Bobot penilaian penyedia harus persen bulat yang berjumlah 100% "
                         "(mis. 0.3, 0.2, 0.3, 0.2).")
    return pct


def pct_ok(pct) -> bool:
    """Whole-percent aspect weights that can score: none negative, summing to 100."""
    return bool(np.sum(pct) == 100 and np.min(pct) >= 0)


def package_x100(aspects, putus, pct) -> np.ndarray:
    """Package scores in hundredths: Σ weight% × aspect score (`aspects`: n × 4 in ASPECTS
    order, `pct`: weights_pct), 0 where the contract was terminated (`putus`)."""
    x100 = np.asarray(aspects, dtype=np.int64) @ np.asarray(pct, dtype=np.int64)
    return np.where(np.asarray(putus, dtype=bool), 0, x100)


def mean_score(x100) -> float:
    """The exact mean score (0–3) of packages scored in hundredths (the index); NaN for none."""
    return float(mean_x100(np.sum(x100), len(x100))) / 100 if len(x100) else float("nan")


def mean_scores_by(x100, codes: np.ndarray, n: int) -> np.ndarray:
    """Per group 0..n-1 (`codes`; -1: none) that has packages, in code order: the exact mean
    score (0–3), as the recaps (F6, F7) compute it per provider and per satker."""
    ok = codes >= 0
    total = np.bincount(codes[ok], weights=np.asarray(x100)[ok], minlength=n).astype(np.int64)
    count = np.bincount(codes[ok], minlength=n)
    return mean_x100(total[count > 0], count[count > 0]) / 100


def _hundredths(value: float) -> int:
    return int(round(value * 100))


def category(x100, kategori: KategoriPenyedia = KategoriPenyedia()) -> pd.Series:
    """Category of scores given in integer hundredths (300 = 3,00)."""
    x = np.asarray(x100, dtype=np.int64)
    bounds = [_hundredths(kategori.sangat_baik), _hundredths(kategori.baik),
              _hundredths(kategori.cukup)]
    codes = np.select([x >= bounds[0], x >= bounds[1], x >= bounds[2]], [0, 1, 2], 3)
    return pd.Series(pd.Categorical.from_codes(codes, categories=KATEGORI, ordered=True))


def mean_x100(total, count) -> np.ndarray:
    """Σ hundredths ÷ count, rounded half up to a whole hundredth, in integers (count > 0)."""
    total, count = np.asarray(total, dtype=np.int64), np.asarray(count, dtype=np.int64)
    return (2 * total + count) // (2 * count)


# --------------------------------------------------------------------------- reading rows

def read_scores(raw: pd.DataFrame, first_row: int = 2, source: str = "") -> pd.DataFrame:
    """Validate F5 rows as read from a file (header = row first_row - 1).

    Required columns: kode_paket, kd_penyedia, kualitas, biaya, waktu, layanan; optional
    putus_kontrak (1 = terminated for the provider's fault; blank = 0) and the other
    `surveys.COLUMNS['penilaian_penyedia']` columns; anything else is ignored. Aspect scores
    must be whole numbers 1–3 except on terminated contracts, where they are ignored. Raises
    ValueError naming each bad row (spreadsheet row number) and column, in Indonesian.
    """
    where = f"Berkas '{source}'" if source else "Data penilaian penyedia"
    df = rowcheck.normalise_columns(raw)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise ValueError(f"{where}: kolom {', '.join(repr(c) for c in missing)} tidak ada. "
                         f"Kolom wajib: {', '.join(REQUIRED)}.")
    rows = pd.Series(first_row + np.arange(len(df)), index=df.index)
    # Spreadsheets often carry empty rows under the table: they are not rows to score.
    empty = pd.DataFrame({c: parse.blank(df[c]) for c in REQUIRED})
    filled = ~empty.all(axis=1)
    df, rows, empty = df[filled], rows[filled], empty[filled]

    found = []
    putus = pd.Series(False, index=df.index)
    if "putus_kontrak" in df.columns:
        flag, bad = parse.flag(df["putus_kontrak"])
        found.append(rowcheck.problems(bad, rows, "putus_kontrak", df["putus_kontrak"],
                                       "harus 1 (kontrak diputus) atau 0/kosong"))
        putus = flag.fillna(False).astype(bool)
    out = pd.DataFrame({"baris": rows}, index=df.index)
    for name in ("kode_paket", "kd_penyedia"):
        out[name] = rowcheck.codes(df[name], empty[name])
        found.append(rowcheck.problems(out[name].isna(), rows, name, df[name], "kosong; wajib diisi"))
    for aspect in ASPECTS:
        number, blank, not_number = rowcheck.numbers(df[aspect], empty[aspect])
        out_of_range = number.notna() & ~number.isin([1.0, 2.0, 3.0])  # also 2,5 or 0
        rated = ~putus  # a terminated contract scores 0 whatever its aspects say
        found += [
            rowcheck.problems(rated & blank, rows, aspect, df[aspect],
                              "kosong; skor aspek wajib 1, 2 atau 3"),
            rowcheck.problems(rated & not_number, rows, aspect, df[aspect],
                              "bukan angka; skor aspek harus 1, 2 atau 3"),
            rowcheck.problems(rated & out_of_range, rows, aspect, df[aspect],
                              "di luar rentang; skor aspek harus 1, 2 atau 3"),
        ]
        out[aspect] = number.where(rated, 0).fillna(0).astype(np.int64)
    out["putus_kontrak"] = putus
    dup = out["kode_paket"].duplicated() & out["kode_paket"].notna()
    if dup.any():  # a package may have several providers (KSO): the pair must be unique
        dup = out.duplicated(["kode_paket", "kd_penyedia"]) & out["kode_paket"].notna()
    found.append(rowcheck.problems(dup, rows, "kode_paket", out["kode_paket"],
                                   "sudah dinilai untuk penyedia yang sama pada baris sebelumnya"))
    rowcheck.raise_found(found, where)

    out["nip_ppk"] = rowcheck.optional(df, "nip_ppk", rowcheck.codes, "string")
    for name in ("nama_penyedia", "nama_ppk", "catatan"):
        out[name] = rowcheck.optional(df, name, parse.text, "string")
    out["tahun_anggaran"] = rowcheck.optional(df, "tahun_anggaran", rowcheck.whole, "Int64")
    out["triwulan"] = rowcheck.optional(df, "triwulan", rowcheck.quarter, "Int64")
    return out.reset_index(drop=True)


def read_table(path: Path) -> tuple[pd.DataFrame, int]:
    """A CSV (',', ';' or tab separated) or xlsx file as text cells; header = row 1. Blank
    lines are kept so that row numbers match the spreadsheet."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"Berkas '{path}' tidak ditemukan.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):

        try:
            return register.read_csv(path)
        except register.RegisterFileError as exc:
            raise ValueError(str(exc)) from None
    if suffix == ".xlsx":  # cells as written: a formula where a score belongs is rejected
        return surveys.read_first_sheet(path)
    raise ValueError(f"Berkas '{path.name}': jenis berkas '{suffix}' tidak didukung "
                     f"(gunakan .csv atau .xlsx).")


def read_file(path: Path) -> pd.DataFrame:
    """Validated F5 rows from a CSV or xlsx file (see read_scores)."""
    frame, first_row = read_table(path)
    return read_scores(frame, first_row, Path(path).name)


# --------------------------------------------------------------------------- computations

def score(rows: pd.DataFrame, bobot: BobotPenyedia = BobotPenyedia(),
          kategori: KategoriPenyedia = KategoriPenyedia()) -> pd.DataFrame:
    """Package score per row: nilai_x100 = Σ weight% × aspect (0 for a terminated contract),
    nilai = nilai_x100 / 100, and its category."""
    x100 = package_x100(rows[list(ASPECTS)].to_numpy(np.int64), rows["putus_kontrak"].to_numpy(bool),
                        weights_pct(bobot))
    out = rows.copy()
    out["nilai_x100"] = x100
    out["nilai"] = x100 / 100
    out["kategori"] = category(x100, kategori).array
    return out


def award_quarter(packages: pd.DataFrame, year: int) -> np.ndarray:
    """Triwulan a package's survey rows belong to: the quarter of its award date (of its
    announcement when it has none); dates outside the year fall in its first or last quarter."""
    dates = packages["tgl_penetapan_pemenang"].fillna(packages["tgl_pengumuman"])
    quarter = (dates.dt.month.fillna(12).to_numpy(np.int64) - 1) // 3 + 1
    dated = dates.dt.year.fillna(year).to_numpy(np.int64)
    return np.where(dated > year, 4, np.where(dated < year, 1, quarter))


def of_period(p: pd.DataFrame, keep: list[pd.Series], period: Period | int) -> pd.DataFrame:
    """Packages where every `keep` mask holds, of the period's year (and quarter by award)."""
    period = period if isinstance(period, Period) else Period(int(period))
    keep = np.logical_and.reduce([k.fillna(False).to_numpy(bool) for k in
                                  [*keep, p["tahun_anggaran"].eq(period.year)]])
    if period.quarter is not None:
        keep &= award_quarter(p, period.year) == period.quarter
    return p[keep]


def finished(packages: pd.DataFrame, period: Period | int) -> pd.DataFrame:
    """Packages whose provider is due a score in the period (a year, or a quarter by award
    date): in scope, selection finished with a winning provider."""
    p = packages
    return of_period(p, [p["dalam_lingkup"], p["status"].eq("Selesai"), p["kd_penyedia"].notna()],
                      period)


def with_packages(scored: pd.DataFrame, packages: pd.DataFrame) -> pd.DataFrame:
    """Scores with their package's register fields (satker, method, jenis, contract value);
    the provider's name falls back to the register's."""
    cols = ["nama_paket", "satker_key", "kd_satker", "nama_satker", "metode", "jenis_pengadaan",
            "nilai_kontrak", "nama_penyedia"]
    reg = frames.lookup(scored["kode_paket"], packages, "kd_paket", cols)
    out = scored.assign(**{c: reg[c] for c in cols[:-1]})
    out["nama_penyedia"] = scored["nama_penyedia"].fillna(reg["nama_penyedia"])
    out["nama_satker"] = out["nama_satker"].fillna(NOT_IN_REGISTER)
    return out


def sources(scored: pd.DataFrame) -> pd.Series:
    """Each package score's source (`sumber`); rows read from F5 files alone carry none: Format 5."""
    return scored["sumber"] if "sumber" in scored else pd.Series(FORMAT_5, index=scored.index, dtype="string")


def ppk_of(scored: pd.DataFrame) -> pd.Series:
    """The PPK of each scored package: NIP, else name (for counting distinct PPK)."""
    nip = scored["nip_ppk"] if "nip_ppk" in scored else pd.Series(pd.NA, index=scored.index)
    name = scored["nama_ppk"] if "nama_ppk" in scored else pd.Series(pd.NA, index=scored.index)
    return nip.fillna(name)


def _summary(scored: pd.DataFrame, keys: list[str], extra: dict) -> pd.DataFrame:
    """Per group: packages, PPKs, exact mean and minimum, category, contract value."""
    df = scored.assign(_ppk=ppk_of(scored))
    spec = {"jumlah_paket": ("nilai_x100", "size"), "jumlah_ppk": ("_ppk", "nunique"),
            "jumlah_putus": ("putus_kontrak", "sum"), "_total": ("nilai_x100", "sum"),
            "_min": ("nilai_x100", "min"), **extra}
    if "nilai_kontrak" in df:
        spec["nilai_kontrak"] = ("nilai_kontrak", "sum")
    df = df.assign(**{k: sources(df).eq(v) for k, v in SOURCE_COUNTS.items()})
    spec.update({k: (k, "sum") for k in SOURCE_COUNTS})  # how many packages each source scored
    out = df.groupby(keys, sort=False, dropna=False).agg(**spec).reset_index()
    out["nilai_x100"] = mean_x100(out.pop("_total"), out["jumlah_paket"]) if len(out) else 0
    out["nilai"] = out["nilai_x100"] / 100
    out["nilai_min"] = out.pop("_min").astype("float64") / 100
    return out


def provider_recap(scored: pd.DataFrame, kategori: KategoriPenyedia = KategoriPenyedia(),
                   previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """F6: one row per provider, best first. `previous`: last year's scored rows, for the
    trend (Naik / Turun / Tetap; 'Baru dinilai' when the provider had no score last year)."""
    extra = {"nama_penyedia": ("nama_penyedia", "first")} if "nama_penyedia" in scored else {}
    out = _summary(scored, ["kd_penyedia"], extra)
    out["kategori"] = category(out["nilai_x100"], kategori).array
    if previous is not None:
        last = previous.groupby("kd_penyedia")["nilai_x100"].agg(["sum", "size"]).reset_index()
        last["_last"] = mean_x100(last["sum"], last["size"]) if len(last) else 0
        last["kategori_tahun_lalu"] = category(last["_last"], kategori).array
        found = frames.lookup(out["kd_penyedia"], last, "kd_penyedia", ["_last", "kategori_tahun_lalu"])
        out["_last"] = found["_last"].astype("float64")
        out["kategori_tahun_lalu"] = found["kategori_tahun_lalu"]
        diff = out["nilai_x100"] - out["_last"]
        out["nilai_tahun_lalu"] = out["_last"] / 100
        out["selisih"] = diff / 100
        out["tren"] = np.select([out["_last"].isna(), diff > 0, diff < 0],
                                ["Baru dinilai", "Naik", "Turun"], "Tetap")
        out = out.drop(columns="_last")
    out = out.sort_values(["nilai_x100", "jumlah_paket", "kd_penyedia"],
                          ascending=[False, False, True], ignore_index=True)
    return out[[c for c in [*F6_HEADINGS, "kategori_tahun_lalu", "nilai_x100"] if c in out]]


def satker_recap(scored: pd.DataFrame, kategori: KategoriPenyedia = KategoriPenyedia()) -> pd.DataFrame:
    """F7: one row per satker (OPD) owning the rated packages (scores joined with_packages)."""
    df = scored.assign(satker_key=scored["satker_key"].fillna(""),
                       kd_satker=scored["kd_satker"].fillna(""))
    counts = {f"paket_{k.lower().replace(' ', '_')}": (f"_{n}", "sum") for n, k in enumerate(KATEGORI)}
    df = df.assign(**{f"_{n}": df["kategori"].eq(k) for n, k in enumerate(KATEGORI)})
    out = _summary(df, ["satker_key"], {"kd_satker": ("kd_satker", "first"),
                                        "nama_satker": ("nama_satker", "first"),
                                        "jumlah_penyedia": ("kd_penyedia", "nunique"), **counts})
    out["kategori"] = category(out["nilai_x100"], kategori).array
    out = out.sort_values(["nilai_x100", "nama_satker"], ascending=[False, True], ignore_index=True)
    return out[[c for c in [*F7_HEADINGS, "satker_key", "nilai_x100"] if c in out]]


def mean_by(scored: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per value of `by` (e.g. metode): packages rated and their exact mean score, indexed by
    that value; packages without a value (not in the register) are left out."""
    out = _summary(scored.dropna(subset=[by]), [by], {})
    return out.set_index(by)[["jumlah_paket", "nilai"]]


def performance_index(scored: pd.DataFrame, recap: pd.DataFrame,
                      kategori: KategoriPenyedia = KategoriPenyedia(),
                      due: int | None = None) -> pd.DataFrame:
    """The UKPBJ provider performance index (ours): mean package score of the year, its
    category, the share of providers rated at least Baik, providers rated Cukup / Buruk, and
    (given `due`, the number of packages due a score) the coverage of the scoring."""
    n = len(scored)
    x100 = int(mean_x100(scored["nilai_x100"].sum(), n)) if n else None
    good = recap["kategori"].isin(["Sangat Baik", "Baik"]).sum()
    out = pd.DataFrame([{
        "jumlah_paket": n,
        "paket_selesai": due,
        "cakupan": (n / due * 100) if due else np.nan,
        "jumlah_penyedia": len(recap),
        "nilai": x100 / 100 if x100 is not None else np.nan,
        "kategori": category([x100], kategori).iloc[0] if x100 is not None else pd.NA,
        "porsi_minimal_baik": good / len(recap) * 100 if len(recap) else np.nan,
        "penyedia_sangat_baik": int((recap["kategori"] == "Sangat Baik").sum()),
        "penyedia_baik": int((recap["kategori"] == "Baik").sum()),
        "penyedia_cukup": int((recap["kategori"] == "Cukup").sum()),
        "penyedia_buruk": int((recap["kategori"] == "Buruk").sum()),
        "paket_putus": int(scored["putus_kontrak"].sum()),
        **{k: int(sources(scored).eq(v).sum()) for k, v in SOURCE_COUNTS.items()},
    }])
    # Nothing scored: the category counts are unknown, not zero (Belum ada data).
    counts = ["penyedia_sangat_baik", "penyedia_baik", "penyedia_cukup", "penyedia_buruk", "paket_putus",
              *SOURCE_COUNTS]
    out[counts] = out[counts].astype("Int64").mask(pd.Series([n == 0]), pd.NA)
    return out


def with_previous_index(index: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """The index with last year's value beside it (`nilai_tahun_lalu`), only where this year
    has a value: a missing index is compared with nothing."""
    last = previous["nilai"].iloc[0] if len(previous) else np.nan
    return index.assign(nilai_tahun_lalu=np.where(index["nilai"].notna(), last, np.nan))


def below_baik(recap: pd.DataFrame) -> pd.DataFrame:
    """The providers rated Cukup or Buruk (F6 rows, in the recap's order): those to coach."""
    return recap[recap["kategori"].isin(TO_COACH)]


def attention(scored: pd.DataFrame, recap: pd.DataFrame) -> pd.DataFrame:
    """Providers rated Cukup or Buruk, each with the packages behind the rating (worst first)."""
    weak = below_baik(recap)[["kd_penyedia", "nilai", "kategori", "nilai_x100"]]
    weak = weak.rename(columns={"nilai": "nilai_penyedia", "kategori": "kategori_penyedia",
                                "nilai_x100": "_rank"})
    out = scored[scored["kd_penyedia"].isin(weak["kd_penyedia"]).to_numpy(bool)]
    found = frames.lookup(out["kd_penyedia"], weak, "kd_penyedia",
                          ["nilai_penyedia", "kategori_penyedia", "_rank"])
    out = pd.concat([out[["kd_penyedia"]], found, out.drop(columns="kd_penyedia")], axis=1)
    out = out.sort_values(["_rank", "kd_penyedia", "nilai_x100"], ignore_index=True)
    return out.drop(columns="_rank")
