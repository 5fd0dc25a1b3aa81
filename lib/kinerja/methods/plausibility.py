"""Plausibility before status: checks on each selection process of a fiscal year that flag
values no auditor would let stand behind a KPI — an HPS under half the pagu or above it, a
contract or a winning offer above the HPS, a declared PDN/UMK value above the contract, an award
before its announcement, dates outside the fiscal year. The thresholds are the parameter file's
(`metode.kewajaran`, config.Kewajaran: the workbook's own defaults).

A flag changes no figure by itself: flagged rows are listed by package name in data quality
(stage 02, result 02_kewajaran), and the KPI engine computes each KPI again without the rows
flagged by the checks that can distort it (`Check.ukuran`), so a status that holds only because
of them is said to (report.kpi_table, `kinerja kpi`) and next year's target is proposed from
the value without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from kinerja.core import fmt, measures
from kinerja.core.config import Kewajaran
from kinerja.core.periods import Period
from kinerja.inputs.packages import period_rows

Frame = pd.DataFrame
EFISIENSI = ("efisiensi_pagu", "efisiensi_hps")
WAKTU = ("durasi_pemilihan", "pemilihan_tepat_waktu")


@dataclass(frozen=True)
class Check:
    kode: str
    label: str                                         # what a flagged row shows (Indonesian)
    ukuran: tuple[str, ...]                            # measures whose value it can distort
    rule: Callable[[Frame, Kewajaran, int], pd.Series]  # flagged rows of one fiscal year


def _money(p, column):
    return p[column].astype("float64")


def _year_start(year: int, k: Kewajaran) -> pd.Timestamp:
    return pd.Timestamp(f"{year}-01-01") - pd.Timedelta(days=k.hari_sebelum_tahun)


def _outside(p, k, year):
    """Announced before the tender-dini window or after the year; awarded outside it."""
    start, end = _year_start(year, k), pd.Timestamp(f"{year + 1}-01-01")
    when = [p["tgl_pengumuman"], p["tgl_penetapan_pemenang"]]
    return np.logical_or.reduce([((d < start) | (d >= end)).fillna(False).to_numpy(bool) for d in when])


CHECKS = (
    Check("hps_rendah", "HPS kurang dari batas bawah terhadap pagu", ("efisiensi_pagu",),
          lambda p, k, y: _money(p, "hps").gt(0) & _money(p, "hps").lt(_money(p, "pagu") * k.hps_min_pagu)),
    Check("hps_di_atas_pagu", "HPS di atas pagu", EFISIENSI,
          lambda p, k, y: _money(p, "pagu").gt(0) & _money(p, "hps").gt(_money(p, "pagu") * k.hps_maks_pagu)),
    Check("kontrak_di_atas_hps", "Nilai kontrak di atas HPS", EFISIENSI,
          lambda p, k, y: _money(p, "hps").gt(0)
          & _money(p, "nilai_kontrak").gt(_money(p, "hps") * k.kontrak_maks_hps)),
    Check("penawaran_di_atas_hps", "Penawaran pemenang di atas HPS, dihitung sebagai efisiensi", EFISIENSI,
          lambda p, k, y: measures.contracted(p) & _money(p, "hps").gt(0)
          & _money(p, "nilai_penawaran").gt(_money(p, "hps") * k.penawaran_maks_hps)),
    Check("pdn_umk_di_atas_kontrak", "Nilai PDN/UMK di atas nilai kontrak", ("porsi_pdn", "porsi_umk"),
          lambda p, k, y: _money(p, "nilai_pdn_kontrak").gt(_money(p, "nilai_kontrak"))
          | _money(p, "nilai_umk_kontrak").gt(_money(p, "nilai_kontrak"))),
    Check("penetapan_sebelum_pengumuman", "Penetapan pemenang sebelum pengumuman", WAKTU,
          lambda p, k, y: p["tgl_penetapan_pemenang"].dt.normalize() < p["tgl_pengumuman"].dt.normalize()),
    Check("tanggal_di_luar_tahun", "Tanggal pengumuman atau penetapan di luar tahun anggaran", WAKTU,
          lambda p, k, y: pd.Series(_outside(p, k, y), index=p.index)),
)
BY_CODE = {c.kode: c for c in CHECKS}
COLUMNS = [f"cek_{c.kode}" for c in CHECKS]
# the package columns the checks read (the KPI engine copies them with its own)
READ = ["tahun_anggaran", "pagu", "hps", "nilai_kontrak", "nilai_penawaran", "nilai_pdn_kontrak",
        "nilai_umk_kontrak", "tgl_pengumuman", "tgl_penetapan_pemenang", "proses_terakhir", "menang"]


def flags(p: Frame, k: Kewajaran, year: int) -> Frame:
    """One yes/no column per check (COLUMNS) for rows of fiscal year `year`."""
    return pd.DataFrame({f"cek_{c.kode}": pd.Series(c.rule(p, k, year), index=p.index).fillna(False)
                         .astype(bool).to_numpy() for c in CHECKS}, index=p.index)


def relevant(ukuran: str) -> list[str]:
    """The flag columns whose rows a measure's value is tested without."""
    return [f"cek_{c.kode}" for c in CHECKS if ukuran in c.ukuran]


def thresholds_text(k: Kewajaran) -> str:
    """The checks with the thresholds in use (the report's method appendix)."""
    return (f"HPS < {fmt.persen(100 * k.hps_min_pagu, 0)} pagu atau > {fmt.angka(k.hps_maks_pagu, 2)} × pagu; "
            f"nilai kontrak > {fmt.angka(k.kontrak_maks_hps, 2)} × HPS; penawaran pemenang > "
            f"{fmt.angka(k.penawaran_maks_hps, 2)} × HPS; PDN/UMK > nilai kontrak; penetapan sebelum "
            f"pengumuman; pengumuman lebih dari {fmt.angka(k.hari_sebelum_tahun)} hari sebelum tahun "
            f"anggaran, atau pengumuman/penetapan sesudahnya")


def _explain(code: str, r, k: Kewajaran) -> str:
    """What a flagged row's values are, for the reader."""
    share = lambda a, b: fmt.persen(100 * a / b) if b else "–"  # noqa: E731
    if code == "hps_rendah":
        return (f"HPS {fmt.rupiah(r.hps)} = {share(r.hps, r.pagu)} dari pagu {fmt.rupiah(r.pagu)} "
                f"(batas bawah {fmt.persen(100 * k.hps_min_pagu, 0)})")
    if code == "hps_di_atas_pagu":
        return f"HPS {fmt.rupiah(r.hps)} > pagu {fmt.rupiah(r.pagu)}"
    if code == "kontrak_di_atas_hps":
        return f"nilai kontrak {fmt.rupiah(r.nilai_kontrak)} > HPS {fmt.rupiah(r.hps)}"
    if code == "penawaran_di_atas_hps":
        return f"penawaran {fmt.rupiah(r.nilai_penawaran)} > HPS {fmt.rupiah(r.hps)}"
    if code == "pdn_umk_di_atas_kontrak":
        return (f"PDN {fmt.rupiah(r.nilai_pdn_kontrak)}, UMK {fmt.rupiah(r.nilai_umk_kontrak)}, "
                f"kontrak {fmt.rupiah(r.nilai_kontrak)}")
    return (f"pengumuman {fmt.tanggal(r.tgl_pengumuman)}, penetapan "
            f"{fmt.tanggal(r.tgl_penetapan_pemenang)}")


HEADINGS = {"nama_paket": "Nama paket", "kd_paket": "Kode proses", "nama_satker": "Satuan kerja",
            "metode": "Metode", "pemeriksaan": "Pemeriksaan", "keterangan": "Nilai", "ukuran": "Ukuran terdampak"}
LIST_COLUMNS = ["kd_paket", "nama_paket", "nama_satker", "metode", "pemeriksaan", "keterangan", "ukuran",
                "pagu", "hps", "nilai_kontrak", "nilai_penawaran", "tgl_pengumuman", "tgl_penetapan_pemenang"]


def flagged(packages: Frame, k: Kewajaran, period: Period, scope: list[str] | None = None,
            cumulative: bool = False) -> Frame:
    """The flagged processes of the period among the methods in scope, one row per process and
    check (LIST_COLUMNS), by package name: the data-quality list of stage 02 and F15."""
    p = packages[packages["metode"].isin(scope) if scope is not None else packages["dalam_lingkup"]]
    p = p[period_rows(p, period, cumulative).to_numpy()]
    marks = flags(p, k, period.year)
    rows = []
    for column in COLUMNS:
        hit = p[marks[column].to_numpy()]
        if hit.empty:
            continue
        check = BY_CODE[column.removeprefix("cek_")]
        rows.append(hit.assign(pemeriksaan=check.label, ukuran=", ".join(check.ukuran),
                               keterangan=[_explain(check.kode, r, k) for r in hit.itertuples()]))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in LIST_COLUMNS})
    out = pd.concat(rows, ignore_index=True)[LIST_COLUMNS]
    return out.sort_values(["nama_paket", "kd_paket"], kind="stable", ignore_index=True)


def note(listed: Frame) -> str:
    """One sentence on the flagged rows (flagged) for data quality."""
    if listed.empty:
        return "Tidak ada baris paket yang ditandai tidak wajar oleh pemeriksaan kewajaran."
    counts = listed["pemeriksaan"].value_counts()
    return (f"{fmt.angka(listed['kd_paket'].nunique())} proses ditandai tidak wajar ("
            + "; ".join(f"{label}: {fmt.angka(n)}" for label, n in counts.items())
            + "). Nilainya tidak diubah; setiap indikator yang statusnya berubah bila baris ini "
              "dikeluarkan menyebutkannya di samping status, dan usulan target dihitung tanpa baris ini.")


def indicators_of(ukuran: pd.Series, kpi: Frame) -> pd.Series:
    """The catalogue's indicator codes behind each flagged row's measures ('efisiensi_pagu,
    efisiensi_hps' -> 'IKP-01, IKP-02'), for a reader; '–' where none of them is an indicator."""
    codes = kpi.groupby("ukuran")["kode"].agg(", ".join).to_dict()
    return ukuran.fillna("").map(lambda text: ", ".join(codes[u] for u in text.split(", ") if u in codes) or "–")
