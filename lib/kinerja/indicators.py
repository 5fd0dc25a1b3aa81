"""KPI engine: realisation of each catalogue indicator from the package register.

Every measure is defined per package as (counted?, numerator, denominator); a KPI is
Σ numerator ÷ Σ denominator over the counted packages (× 100 for percentages). The same
definition therefore gives the UKPBJ total and any breakdown (per OPD, per method) with one
vectorised group-by, and the counted packages are exactly the source rows behind the figure.
Definitions: methodology.md §3 (workbook definitions, "ours").
Only packages of the methods in scope (seed 000 §II.1.f) enter a KPI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from kinerja.config import Indikator, Parameters
from kinerja.packages import in_period
from kinerja.periods import Period

Frame = pd.DataFrame


def _f(mask, num, den) -> tuple[pd.Series, pd.Series, pd.Series]:
    mask = pd.Series(mask).fillna(False).astype(bool)
    return mask, pd.Series(num, index=mask.index).astype("float64").where(mask, 0.0), \
        pd.Series(den, index=mask.index).astype("float64").where(mask, 0.0)


def _finished_with_contract(p: Frame) -> pd.Series:
    return (p["status"] == "Selesai") & p["nilai_kontrak"].notna()


def _announced(p: Frame) -> pd.Series:
    """Packages that went through a selection process (tender or non-tender announcement)."""
    return p["kd_tender"].notna() | p["kd_nontender"].notna()


def _days(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (later.dt.normalize() - earlier.dt.normalize()).dt.days


def efisiensi_pagu(p):
    m = _finished_with_contract(p) & p["pagu"].gt(0)
    return _f(m, p["pagu"] - p["nilai_kontrak"], p["pagu"])


def efisiensi_hps(p):
    m = _finished_with_contract(p) & p["hps"].gt(0)
    return _f(m, p["hps"] - p["nilai_kontrak"], p["hps"])


def tender_gagal(p):
    return _f(_announced(p), p["status"] == "Gagal", 1)


def tender_ulang(p):
    return _f(p["kd_tender"].notna() & p["versi_tender"].notna(), p["versi_tender"] > 1, 1)


def rata_peserta(p):
    return _f(p["kd_tender"].notna() & p["jumlah_peserta"].notna(), p["jumlah_peserta"], 1)


def peserta_tunggal(p):
    return _f(p["kd_tender"].notna() & p["jumlah_peserta"].notna(), p["jumlah_peserta"] == 1, 1)


def durasi_pemilihan(p):
    days = _days(p["tgl_penetapan_pemenang"], p["tgl_pengumuman"])
    return _f(days.notna() & days.ge(0), days, 1)


def pemilihan_tepat_waktu(p):
    award, plan = p["tgl_penetapan_pemenang"], p["tgl_akhir_pemilihan_rencana"]
    return _f(award.notna() & plan.notna(), award.dt.normalize() <= plan.dt.normalize(), 1)


def porsi_pdn(p):
    m = p["nilai_kontrak"].gt(0) & (p["status"] == "Selesai")
    # A blank PDN value is not recorded as PDN: it counts as 0 (noted in the plan).
    return _f(m, p["nilai_pdn_kontrak"].fillna(0), p["nilai_kontrak"])


def porsi_umk(p):
    m = p["nilai_kontrak"].gt(0) & (p["status"] == "Selesai")
    return _f(m, p["nilai_umk_kontrak"].fillna(0), p["nilai_kontrak"])


def kontrak_tepat_waktu(p):
    done, end = p["tgl_serah_terima"], p["tgl_akhir_kontrak"]
    return _f(done.notna() & end.notna(), done.dt.normalize() <= end.dt.normalize(), 1)


@dataclass(frozen=True)
class Measure:
    compute: Callable | None   # None: comes from a survey stage, not from the register
    scale: float = 1.0
    note: str = ""


MEASURES: dict[str, Measure] = {
    "efisiensi_pagu": Measure(efisiensi_pagu, 100),
    "efisiensi_hps": Measure(efisiensi_hps, 100),
    "tender_gagal": Measure(tender_gagal, 100),
    "tender_ulang": Measure(tender_ulang, 100),
    "rata_peserta": Measure(rata_peserta),
    "peserta_tunggal": Measure(peserta_tunggal, 100),
    "durasi_pemilihan": Measure(durasi_pemilihan),
    "pemilihan_tepat_waktu": Measure(pemilihan_tepat_waktu, 100),
    "porsi_pdn": Measure(porsi_pdn, 100),
    "porsi_umk": Measure(porsi_umk, 100),
    "kontrak_tepat_waktu": Measure(kontrak_tepat_waktu, 100),
    "nilai_kinerja_penyedia": Measure(None, note="dari Survei Teknis (Format 5)"),
    "ikm_internal": Measure(None, note="dari Survei Kepuasan Pelanggan (Format 12)"),
    "ikm_eksternal": Measure(None, note="dari Survei Kepuasan Pelanggan (Format 13)"),
}

COLUMNS = ["kode", "nama", "area", "ukuran", "satuan", "polaritas", "nilai", "pembilang",
           "penyebut", "jumlah_paket", "catatan"]


def realisation(packages: Frame, catalogue: list[Indikator], period: Period,
                by: str | list[str] | None = None, scope: list[str] | None = None,
                cumulative: bool = False) -> Frame:
    """Realisation of each indicator for the period (and per group when `by` is given).

    Packages outside the methods in scope never enter a KPI.
    """
    p = in_period(packages, period, cumulative)
    if scope is not None:
        p = p[p["metode"].isin(scope)]
    else:
        p = p[p["dalam_lingkup"]]
    keys = [by] if isinstance(by, str) else list(by or [])
    rows = []
    for ind in catalogue:
        m = MEASURES[ind.ukuran]
        base = {"kode": ind.kode, "nama": ind.nama, "area": ind.area, "ukuran": ind.ukuran,
                "satuan": ind.satuan, "polaritas": ind.polaritas}
        if m.compute is None:
            if keys:  # survey measures have no register breakdown
                continue
            rows.append(pd.DataFrame([{**base, "catatan": m.note}]))
            continue
        mask, num, den = m.compute(p)
        parts = pd.DataFrame({"pembilang": num, "penyebut": den, "jumlah_paket": mask.astype(int)})
        if keys:
            parts[keys] = p[keys]
            agg = parts.groupby(keys, observed=True, dropna=False).sum().reset_index()
        else:
            agg = parts.sum().to_frame().T
        agg = agg.assign(**base)
        agg["nilai"] = np.where(agg["penyebut"] > 0,
                                agg["pembilang"] / agg["penyebut"].where(agg["penyebut"] > 0) * m.scale,
                                np.nan)
        agg["catatan"] = np.where(agg["jumlah_paket"] == 0, "tidak ada data untuk periode ini", "")
        rows.append(agg)
    out = pd.concat(rows, ignore_index=True)
    out["jumlah_paket"] = out["jumlah_paket"].fillna(0).astype(int)
    return out[keys + COLUMNS]


def status(value, target, polarity, tolerance: float) -> pd.Series:
    """Tercapai / Perlu perhatian / Tidak tercapai (methodology §3: tolerance band around the
    target, default 10% of target); 'Belum ada data' when there is no realisation."""
    v, t = pd.Series(value, dtype="float64"), pd.Series(target, dtype="float64").values
    up = pd.Series(polarity).values == "naik"
    met = np.where(up, v >= t, v <= t)
    near = np.where(up, v >= t * (1 - tolerance), v <= t * (1 + tolerance))
    out = np.select([v.isna(), met, near], ["Belum ada data", "Tercapai", "Perlu perhatian"],
                    "Tidak tercapai")
    return pd.Series(out, index=v.index)


def achievement(value, target, polarity) -> pd.Series:
    """Capaian (%) of the target, in the KPI's direction."""
    v, t = pd.Series(value, dtype="float64"), pd.Series(target, dtype="float64").values
    up = pd.Series(polarity).values == "naik"
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(up, v / t * 100, np.where(v > 0, t / v * 100, np.where(v == 0, 100.0, np.nan)))
    return pd.Series(out, index=v.index).replace([np.inf, -np.inf], np.nan)


def plan_table(packages: Frame, params: Parameters, period: Period | None = None) -> Frame:
    """The indicator catalogue with baseline (the previous year's realisation where its data
    exist, otherwise the baseline given in the parameters), target and status of the baseline."""
    period = period or Period(params.tahun)
    scope = params.metode.metode_dalam_lingkup
    prev = realisation(packages, params.indikator, period.previous_year, scope=scope)
    rows = []
    for ind, (_, r) in zip(params.indikator, prev.iterrows()):
        computed = pd.notna(r["nilai"])
        if computed:
            baseline, source = r["nilai"], f"Realisasi {period.year - 1} (register, {r['jumlah_paket']} paket)"
        elif ind.baseline is not None:
            baseline, source = ind.baseline, "Ditetapkan dalam berkas parameter"
        else:
            baseline, source = np.nan, "Belum tersedia"
        rows.append({"kode": ind.kode, "nama": ind.nama, "area": ind.area, "definisi": ind.definisi,
                     "rumus": ind.rumus, "satuan": ind.satuan, "polaritas": ind.polaritas,
                     "sumber_data": ind.sumber_data, "frekuensi": ind.frekuensi,
                     "penanggung_jawab": ind.penanggung_jawab, "baseline": baseline,
                     "baseline_sumber": source, "target": ind.target,
                     "jumlah_rencana_aksi": len(ind.rencana_aksi)})
    out = pd.DataFrame(rows)
    out["status_baseline"] = status(out["baseline"], out["target"], out["polaritas"],
                                    params.metode.toleransi_status)
    return out
