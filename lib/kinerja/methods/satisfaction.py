"""Customer satisfaction: the IKM (Indeks Kepuasan Masyarakat) of PermenPANRB 14/2017, per
respondent group (internal F12: OPD, PPK; external F13: providers). The answers are read by
kinerja.formulir.answers, the worksheet (F14) is written by kinerja.render.kertas_kerja.

The regulation's method, at full precision (methodology.md §2):

- NRR_i = Σ answers to unsur i / number of respondents who answered unsur i (a blank answer is
  "not answered": the respondent still counts for the other unsur, nobody is dropped);
- IKM = Σ NRR_i × w, w = 1/n with n the number of unsur rated (the regulation prints 1/9 as
  0,11; that printed weight is the option `bobot="0,11"`, only for nine unsur);
- IKM konversi = IKM × 25 (25–100), graded by the regulation's table (Lampiran, "nilai
  persepsi, interval, nilai interval konversi, mutu pelayanan, kinerja unit pelayanan"):
  konversi ≤ 64,99 D Tidak baik · ≤ 76,60 C Kurang baik · ≤ 88,30 B Baik · above A Sangat baik.
  The table's two decimals leave gaps (64,99–65,00, 76,60–76,61, 88,30–88,31): every band's
  upper edge is inclusive and anything above it belongs to the next band, so 76,60 is C and
  76,605 is B. The comparison uses the value rounded to nine decimals, only to clear binary
  floating-point noise (25 × 1/9 × Σ NRR can give 76,60000000000001 for an exact 76,60); the
  F14 worksheet compares ROUND(konversi; 9) the same way.
- Sample size: Krejcie & Morgan (1970), as the regulation's table;
- Uncertainty (ours): a 95% percentile bootstrap interval over respondents.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kinerja.core import parse

UNSUR = tuple(f"U{i}" for i in range(1, 10))
NAMA_UNSUR = {
    "U1": "Persyaratan", "U2": "Sistem, Mekanisme, dan Prosedur", "U3": "Waktu Penyelesaian",
    "U4": "Biaya/Tarif", "U5": "Produk Spesifikasi Jenis Pelayanan", "U6": "Kompetensi Pelaksana",
    "U7": "Perilaku Pelaksana", "U8": "Penanganan Pengaduan, Saran dan Masukan",
    "U9": "Sarana dan Prasarana",
}
KELOMPOK = {"internal": "Internal", "eksternal": "Eksternal"}  # the customer groups, in report order
PELANGGAN = {k: f"Pelanggan {name.lower()}" for k, name in KELOMPOK.items()}  # as reports name them
FORMAT = {"internal": "F12", "eksternal": "F13"}

# Respondent profile (no names): the choices of the F12/F13 drop-downs and of the demo data.
JENIS_RESPONDEN = {
    "internal": ("PA/KPA", "PPK", "Pejabat Pengadaan", "Pengelola Pengadaan/Staf OPD"),
    "eksternal": ("Penyedia Barang", "Penyedia Pekerjaan Konstruksi", "Penyedia Jasa Konsultansi",
                  "Penyedia Jasa Lainnya"),
}
JENIS_KELAMIN = ("Laki-laki", "Perempuan")
PENDIDIKAN = ("SD/SMP", "SMA/SMK", "D1/D2/D3", "D4/S1", "S2", "S3")
KELOMPOK_USIA = ("< 25 tahun", "25–34 tahun", "35–44 tahun", "45–54 tahun", "≥ 55 tahun")

# Upper edges (IKM konversi) of mutu D, C, B — PermenPANRB 14/2017, table of the Lampiran.
BATAS_MUTU = (64.99, 76.60, 88.30)
KINERJA = {"A": "Sangat baik", "B": "Baik", "C": "Kurang baik", "D": "Tidak baik"}
# Groups (an OPD, a respondent type) with fewer respondents are not shown on their own: their
# interval is too wide to read (notebook 03, the what-if OPD counts).
MIN_RESPONDEN_KELOMPOK = 5
PRESISI_BATAS = 9  # decimals kept when comparing with a band edge (floating-point noise only)

# Krejcie & Morgan (1970): χ² for 1 degree of freedom at 95%, P = 0,5, d = 0,05.
CHI2, P_POPULASI, D_GALAT = 3.841, 0.5, 0.05
BOOTSTRAP_ULANGAN, BOOTSTRAP_SEED = 2000, 2017

# Follow-up suggestions for a weak unsur (ours; the report's recommendations start from these).
TINDAK_LANJUT = {
    "U1": "Sederhanakan persyaratan layanan dan umumkan daftar periksa dokumen (dokumen persiapan "
          "pengadaan bagi PPK, persyaratan kualifikasi bagi penyedia) pada laman UKPBJ.",
    "U2": "Tinjau ulang alur layanan dalam standar pelayanan, lalu sosialisasikan prosedur "
          "permohonan pemilihan dan tata cara SPSE kepada pengguna layanan.",
    "U3": "Tetapkan standar waktu tiap tahapan layanan dan pantau ketepatannya setiap bulan; "
          "beri tahu pengguna bila jadwal bergeser.",
    "U4": "Tegaskan di semua saluran bahwa layanan pengadaan tidak dipungut biaya, dan sediakan "
          "saluran pelaporan pungutan yang menjamin kerahasiaan pelapor.",
    "U5": "Perjelas produk layanan (berita acara, hasil evaluasi, jawaban konsultasi) dan "
          "periksa mutunya sebelum diserahkan.",
    "U6": "Tingkatkan kompetensi Pokja Pemilihan dan petugas layanan melalui sertifikasi dan "
          "pelatihan teknis sesuai jenis pengadaan.",
    "U7": "Perkuat budaya layanan (kesopanan, keramahan, integritas) melalui kode etik, "
          "pembinaan, dan pemantauan perilaku petugas.",
    "U8": "Perbaiki penanganan pengaduan dan saran: satu saluran yang jelas, waktu tanggap "
          "tertulis, dan pemberitahuan tindak lanjut kepada pelapor.",
    "U9": "Perbaiki sarana dan prasarana layanan: ruang klinik/konsultasi, layanan bantuan LPSE, "
          "dan ketersediaan sistem elektronik.",
}

ANSWER_ERROR = "jawaban harus bilangan bulat 1–4; kosongkan bila tidak dijawab"


# --------------------------------------------------------------------------- answers

def answer_problems(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(answers as float 1–4 with NaN for blank, Indonesian reason per bad cell or NA).

    Blank (None, '', '-') is "not answered". A formula (text starting with '=', as openpyxl
    gives it without evaluating) is bad where a number belongs; so are text, fractions and
    numbers outside 1–4."""
    empty = parse.blank(values)
    text = values.astype("string").str.strip()
    formula = ~empty & text.str.startswith("=").fillna(False)
    number, not_number = parse.money(values.where(~formula))
    number = number.where(~empty)
    reason = pd.Series(pd.NA, index=values.index, dtype="string")
    reason[~empty & not_number] = "bukan angka"
    reason[formula] = "berisi rumus; isikan angka 1–4"
    fraction = reason.isna() & number.notna() & (number % 1 != 0)
    reason[fraction] = "bukan bilangan bulat 1–4"
    outside = reason.isna() & number.notna() & ~number.between(1, 4)
    reason[outside] = "di luar rentang 1–4"
    return number.where(reason.isna() & ~empty), reason


def check_answers(raw: pd.DataFrame, rows: pd.Series | None = None
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(answers U1..U9 as float with NaN = not answered, rejections [row, column, value,
    reason]) for raw cells. `rows` gives each frame row's spreadsheet row (default: header is
    row 1, so the first data row is 2)."""
    rows = pd.Series(range(2, 2 + len(raw)), index=raw.index) if rows is None else rows
    missing = [u for u in UNSUR if u not in raw.columns]
    if missing:
        raise ValueError(f"kolom jawaban {', '.join(missing)} tidak ada (diperlukan kolom "
                         f"U1 sampai U9, satu kolom per unsur)")
    out, problems = {}, []
    for u in UNSUR:
        values, reason = answer_problems(raw[u])
        out[u] = values
        bad = reason.notna()
        if bad.any():
            problems.append(pd.DataFrame({
                "row": rows[bad].astype(int), "column": u,
                "value": raw[u][bad].astype("string").fillna(""), "reason": reason[bad]}))
    rejections = (pd.concat(problems, ignore_index=True).sort_values(["row", "column"],
                                                                     ignore_index=True)
                  if problems else pd.DataFrame(columns=["row", "column", "value", "reason"]))
    return pd.DataFrame(out, index=raw.index), rejections


def rejection_message(name: str, rejections: pd.DataFrame, limit: int = 20) -> str:
    """One Indonesian message naming each bad cell by spreadsheet row and unsur."""
    where = lambda c: f"unsur {c} ({NAMA_UNSUR[c]})" if c in NAMA_UNSUR else f"kolom {c}"  # noqa: E731
    lines = [f"baris {r.row}, {where(r.column)}: '{r.value}' {r.reason}"
             for r in rejections.head(limit).itertuples()]
    more = f"\n- … dan {len(rejections) - limit} sel lain" if len(rejections) > limit else ""
    return (f"Berkas '{name}': {len(rejections)} jawaban tidak sah ({ANSWER_ERROR}):\n- "
            + "\n- ".join(lines) + more)


def clean(responses: pd.DataFrame, name: str = "data survei",
          rows: pd.Series | None = None) -> pd.DataFrame:
    """Responses with U1..U9 (and tahun_anggaran) as nullable integers, rows without any
    answer removed (a blank row is nobody's response). A bad answer raises ValueError naming
    its spreadsheet row (`rows`, default header = row 1) and unsur."""
    answers, rejections = check_answers(responses, rows)
    if len(rejections):
        raise ValueError(rejection_message(name, rejections))
    out = responses.assign(**{u: answers[u].astype("Int64") for u in UNSUR})
    if "tahun_anggaran" in out:  # CSV rows come as text
        out["tahun_anggaran"] = pd.to_numeric(out["tahun_anggaran"], errors="coerce").astype("Int64")
    return out[answers.notna().any(axis=1)]


# --------------------------------------------------------------------------- the index

def weight(n_unsur: int, bobot: str = "1/n") -> float:
    """The weight of each unsur: exact 1/n, or the regulation's printed 0,11 (nine unsur)."""
    if bobot == "1/n":
        return 1 / n_unsur
    if bobot in ("0,11", "0.11"):
        if n_unsur != 9:
            raise ValueError(f"bobot 0,11 hanya berlaku untuk sembilan unsur; yang dinilai "
                             f"{n_unsur} unsur — gunakan bobot 1/n")
        return 0.11
    raise ValueError(f"bobot IKM '{bobot}' tidak dikenal (pilih 1/n atau 0,11)")


def bobot_label(bobot: str, n_unsur: int = 9) -> str:
    if bobot == "1/n":
        return f"1/{n_unsur} (tepat, tanpa pembulatan)"
    return "0,11 (angka cetak PermenPANRB 14/2017 untuk 1/9)"


def mutu(konversi, batas: tuple[float, float, float] = BATAS_MUTU) -> str | None:
    """Mutu A–D of an IKM konversi (25–100); upper edges inclusive (see the module doc)."""
    if konversi is None or pd.isna(konversi):
        return None
    k = round(float(konversi), PRESISI_BATAS)
    for edge, grade in zip(batas, "DCB"):
        if k <= edge:
            return grade
    return "A"


def kinerja(grade: str | None) -> str | None:
    return KINERJA.get(grade) if grade else None


def nrr(answers: pd.DataFrame) -> pd.DataFrame:
    """Per unsur: jumlah (Σ answers), dijawab (respondents who answered), nrr = jumlah/dijawab,
    konversi (= nrr × 25) and its mutu. NRR is NaN for an unsur nobody answered."""
    a = answers[list(UNSUR)].apply(pd.to_numeric).astype("float64")
    out = pd.DataFrame({"unsur": list(UNSUR), "nama": [NAMA_UNSUR[u] for u in UNSUR],
                        "jumlah": a.sum().to_numpy(), "dijawab": a.count().to_numpy()})
    out["nrr"] = out["jumlah"] / out["dijawab"].where(out["dijawab"] > 0)
    out["konversi"] = out["nrr"] * 25
    out["mutu"] = out["konversi"].map(mutu)
    return out


@dataclass(frozen=True)
class IKM:
    responden: int
    unsur_dinilai: int
    bobot: str              # "1/n" or "0,11"
    w: float                # the weight of each unsur actually used
    nrr: pd.DataFrame = field(repr=False)
    ikm: float
    ikm_konversi: float
    mutu: str | None
    kinerja: str | None

    def as_dict(self) -> dict:
        per = self.nrr.set_index("unsur")
        num = lambda v: None if pd.isna(v) else float(v)  # noqa: E731
        return {"responden": self.responden, "unsur_dinilai": self.unsur_dinilai,
                "bobot": {"cara": self.bobot, "nilai": self.w},
                "nrr": {u: num(per.at[u, "nrr"]) for u in UNSUR},
                "jumlah": {u: int(per.at[u, "jumlah"]) for u in UNSUR},
                "dijawab": {u: int(per.at[u, "dijawab"]) for u in UNSUR},
                "ikm": num(self.ikm), "ikm_konversi": num(self.ikm_konversi),
                "mutu": self.mutu, "kinerja": self.kinerja}


def index(answers: pd.DataFrame, bobot: str = "1/n",
          batas: tuple[float, float, float] = BATAS_MUTU) -> IKM:
    """The IKM of a set of responses (columns U1..U9; blank = not answered), full precision."""
    table = nrr(answers)
    rated = table[table["dijawab"] > 0]
    responden = int(answers[list(UNSUR)].notna().any(axis=1).sum())
    if rated.empty:
        return IKM(responden, 0, bobot, float("nan"), table, float("nan"), float("nan"), None, None)
    w = weight(len(rated), bobot)
    value = float((rated["nrr"] * w).sum())
    grade = mutu(value * 25, batas)
    return IKM(responden, len(rated), bobot, w, table, value, value * 25, grade, kinerja(grade))


def bootstrap(answers: pd.DataFrame, bobot: str = "1/n", ulangan: int = BOOTSTRAP_ULANGAN,
              seed: int = BOOTSTRAP_SEED, level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the IKM konversi, resampling respondents with
    replacement (ours: the regulation gives no interval). Each resample's respondent counts
    come from one multinomial draw, so a block of resamples is two matrix products."""
    a = answers[list(UNSUR)].apply(pd.to_numeric).astype("float64").to_numpy()
    a = a[~np.isnan(a).all(axis=1)]
    if len(a) == 0:
        return float("nan"), float("nan")
    rated = ~np.isnan(a).all(axis=0)
    a, answered = np.nan_to_num(a[:, rated]), (~np.isnan(a[:, rated])).astype(float)
    w = weight(int(rated.sum()), bobot)
    rng = np.random.default_rng(seed)
    n, values = len(a), []
    block = max(1, 2_000_000 // n)  # bounded memory for large surveys
    for start in range(0, ulangan, block):
        counts = rng.multinomial(n, np.full(n, 1 / n), size=min(block, ulangan - start))
        with np.errstate(invalid="ignore", divide="ignore"):
            values.append((counts @ a / (counts @ answered)).sum(axis=1) * w * 25)
    values = np.concatenate(values)
    tail = (1 - level) / 2 * 100
    low, high = np.nanpercentile(values, [tail, 100 - tail])
    return float(low), float(high)


def minimum_sample(populasi: int) -> int:
    """Krejcie & Morgan (1970), the table PermenPANRB 14/2017 uses:
    s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)), χ² = 3,841, P = 0,5, d = 0,05, rounded
    (50→44, 100→80, 1000→278, 10000→370; 384 for very large N)."""
    n = int(populasi)
    if n < 1:
        raise ValueError("populasi responden harus paling sedikit 1")
    pq = P_POPULASI * (1 - P_POPULASI)
    s = CHI2 * n * pq / (D_GALAT ** 2 * (n - 1) + CHI2 * pq)
    return math.floor(s + 0.5)  # round half up, as the published table


# --------------------------------------------------------------------------- tables

def summary(responses: pd.DataFrame, by: list[str] | None = None, bobot: str = "1/n",
            populasi: dict[str, int] | None = None, batas=BATAS_MUTU,
            ulangan: int = BOOTSTRAP_ULANGAN, seed: int = BOOTSTRAP_SEED) -> pd.DataFrame:
    """One row per group (default by kelompok): responden, ikm, ikm_konversi, mutu, kinerja,
    the 95% interval of the konversi (ci_bawah, ci_atas) and mutu_pasti (both interval ends in
    the same band); where `populasi` gives the group's population (keyed by kelompok), the
    Krejcie–Morgan minimum and whether the sample meets it (else NA)."""
    by = by or ["kelompok"]
    rows = []
    for key, group in responses.groupby(by, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        result = index(group, bobot, batas)
        low, high = bootstrap(group, bobot, ulangan, seed)
        row = dict(zip(by, key)) | {
            "responden": result.responden, "unsur_dinilai": result.unsur_dinilai,
            "bobot": result.bobot, "ikm": result.ikm, "ikm_konversi": result.ikm_konversi,
            "mutu": result.mutu, "kinerja": result.kinerja, "ci_bawah": low, "ci_atas": high,
            "mutu_pasti": mutu(low, batas) == mutu(high, batas)}
        pop = (populasi or {}).get(row.get("kelompok"))
        row |= {"populasi": pop, "sampel_minimum": minimum_sample(pop) if pop else None,
                "sampel_cukup": result.responden >= minimum_sample(pop) if pop else None}
        rows.append(row)
    return pd.DataFrame(rows, columns=[*by, "responden", "unsur_dinilai", "bobot", "ikm",
                                       "ikm_konversi", "mutu", "kinerja", "ci_bawah", "ci_atas",
                                       "mutu_pasti", "populasi", "sampel_minimum",
                                       "sampel_cukup"])


def summary_by_year(responses: dict[int, pd.DataFrame], bobot: str = "1/n",
                    populasi: dict[str, int] | None = None, batas=BATAS_MUTU) -> pd.DataFrame:
    """`summary` by kelompok of each year's responses (year -> responses), with a `tahun` column."""
    return pd.concat([summary(r, bobot=bobot, populasi=populasi, batas=batas).assign(tahun=year)
                      for year, r in responses.items()], ignore_index=True)


def opd_summary(responses: pd.DataFrame, bobot: str = "1/n", batas=BATAS_MUTU) -> pd.DataFrame:
    """`summary` per OPD (kelompok, nama_satker) of the internal customers only: an external
    customer belongs to no OPD."""
    return summary(responses[responses["kelompok"] == "internal"], by=["kelompok", "nama_satker"],
                   bobot=bobot, batas=batas)


def nrr_table(responses: pd.DataFrame, by: list[str] | None = None) -> pd.DataFrame:
    """NRR per unsur (long: one row per group and unsur) with its konversi and mutu."""
    by = by or ["kelompok"]
    parts = [nrr(group).assign(**dict(zip(by, key if isinstance(key, tuple) else (key,))))
             for key, group in responses.groupby(by, sort=True)]
    columns = [*by, "unsur", "nama", "jumlah", "dijawab", "nrr", "konversi", "mutu"]
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts, ignore_index=True)[columns]


def nrr_by_year(responses: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """`nrr_table` of each year with answers (year -> responses), with a `tahun` column; without
    any answers, the first year's empty table (its columns)."""
    parts = [nrr_table(r).assign(tahun=year) for year, r in responses.items() if len(r)]
    if not parts:
        year, r = next(iter(responses.items()))
        parts = [nrr_table(r).assign(tahun=year)]
    return pd.concat(parts, ignore_index=True)


def nrr_of_year(nrr_long: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's rows of `nrr_by_year`."""
    return nrr_long[nrr_long["tahun"] == year]


def nrr_wide(nrr_long: pd.DataFrame) -> pd.DataFrame:
    """One row per unsur (unsur, nama) of one year's `nrr_table`, with nrr_<kelompok>,
    konversi_<kelompok> and mutu_<kelompok> for each customer group that answered."""
    wide = nrr_long.pivot(index=["unsur", "nama"], columns="kelompok", values=["nrr", "konversi", "mutu"])
    wide.columns = [f"{value}_{group}" for value, group in wide.columns]
    return wide.reset_index()


WEAKEST = 3  # unsur shown as the weakest per group, with their follow-up


def weakest(nrr_long: pd.DataFrame, by: list[str] | None = None, k: int = WEAKEST) -> pd.DataFrame:
    """The k unsur with the lowest NRR per group, ranked, with a follow-up suggestion."""
    by = by or ["kelompok"]
    ranked = nrr_long.dropna(subset=["nrr"]).sort_values([*by, "nrr", "unsur"])
    out = ranked.groupby(by, sort=True).head(k).copy()
    out["peringkat"] = out.groupby(by).cumcount() + 1
    out["tindak_lanjut"] = out["unsur"].map(TINDAK_LANJUT)
    return out.reset_index(drop=True)


def in_group_order(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in KELOMPOK order (internal before eksternal), otherwise as they were."""
    order = {k: i for i, k in enumerate(KELOMPOK)}
    return df.sort_values("kelompok", key=lambda s: s.map(order), kind="stable")


def of_year(ikm: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's rows of a summary by kelompok with a `tahun` column, indexed by kelompok in
    KELOMPOK order; groups without answers that year are left out."""
    return (ikm[ikm["tahun"] == year].set_index("kelompok").reindex(list(KELOMPOK))
            .dropna(subset=["responden"]))


def compare_years(this: pd.DataFrame, last: pd.DataFrame) -> pd.DataFrame:
    """Per group (of_year of two years): IKM konversi and mutu of both years and the change in
    points (selisih; empty where last year has no answers)."""
    out = this[["ikm_konversi", "mutu"]].merge(last[["ikm_konversi", "mutu"]], how="left", left_index=True,
                                               right_index=True, suffixes=("", "_lalu"))
    return out.assign(selisih=out["ikm_konversi"] - out["ikm_konversi_lalu"])


def populations(metode) -> dict[str, int]:
    """Each customer group's respondent population from the parameter file (metode.populasi_
    responden_*), for the Krejcie & Morgan minimum sample."""
    return {k: getattr(metode, f"populasi_responden_{k}") for k in KELOMPOK}


def enough_respondents(df: pd.DataFrame, lowest_first: bool = False) -> pd.DataFrame:
    """The groups (OPD, respondent type) with at least MIN_RESPONDEN_KELOMPOK respondents;
    `lowest_first`: ordered from the lowest IKM konversi."""
    shown = df[df["responden"] >= MIN_RESPONDEN_KELOMPOK]
    return shown.sort_values("ikm_konversi") if lowest_first else shown
