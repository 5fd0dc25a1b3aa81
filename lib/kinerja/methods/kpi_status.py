"""A realisation judged against its targets (the KPI table of F15, F16 and `kinerja kpi`):
achievement, status with the tolerance, the leadership's decision, why a value is missing, and
what is said beside each value and status — the rows its measure leaves out and why (processes
still running at the data date, cancellations for budget or plan reasons, contracts without a
declared PDN/UMK value) and the status the KPI would have without the rows plausibility checks
flag, where that differs. Every number comes from indicators.realisation."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import KEPUTUSAN_INDIKATOR, Parameters
from kinerja.core.measures import MEASURES
from kinerja.core.periods import Period
from kinerja.inputs import processes
from kinerja.methods import indicators, missing


def _count(value) -> int:
    return 0 if pd.isna(value) else int(value)


def _counted(r) -> int:
    """The processes or packages a register KPI row counts (by its measure's basis); 0 else."""
    basis = MEASURES[r.ukuran].basis
    if basis not in ("paket", "proses"):
        return 0
    return _count(getattr(r, "jumlah_paket" if basis == "paket" else "jumlah_proses", np.nan))


def small_base(kpi: pd.DataFrame, minimum: int | None) -> pd.Series:
    """Per KPI row: its status rests on fewer than `minimum` (metode.minimum_proses_banding, the
    minimum the report compares OPD and Pokja by) counted processes or packages."""
    if not minimum:
        return pd.Series(False, index=kpi.index)
    return pd.Series([bool(n) and n < minimum and pd.notna(getattr(r, "status", np.nan))
                      for r, n in ((r, _counted(r)) for r in kpi.itertuples())], index=kpi.index)


def small_base_note(r, minimum: int) -> str:
    """'status dari 1 proses saja (kurang dari 5): belum dapat diandalkan'."""
    return (f"status dari {fmt.angka(_counted(r))} {MEASURES[r.ukuran].basis} saja (kurang dari "
            f"{fmt.angka(minimum)}): belum dapat diandalkan")


def beside(r, minimum: int | None = None) -> str:
    """The rows a KPI row (realisation) leaves out, each with why, and a status resting on too
    few rows (`dasar_kecil`, small_base); '' when none."""
    m = MEASURES[r.ukuran]
    parts = [small_base_note(r, minimum)] if getattr(r, "dasar_kecil", False) else []
    if n := _count(getattr(r, "jumlah_berlangsung", np.nan)):
        parts.append(f"{fmt.angka(n)} proses masih berlangsung pada tanggal data (belum dihitung)")
    if n := _count(getattr(r, "jumlah_dibatalkan", np.nan)):
        parts.append(f"{fmt.angka(n)} proses dibatalkan karena anggaran atau perubahan rencana (bukan "
                     f"pemilihan gagal, tidak dihitung)")
    if n := _count(getattr(r, "jumlah_tanpa_nilai", np.nan)):
        parts.append(f"{fmt.angka(n)} kontrak ({fmt.rupiah(r.nilai_tanpa_nilai)}) tanpa nilai "
                     f"{m.tanpa_nilai} di hasil pemilihan maupun e-Kontrak (tidak dihitung)")
    return "; ".join(parts)


def flagged_status(kpi: pd.DataFrame, tolerance: float) -> pd.Series:
    """Per KPI row: its status without the rows plausibility flags (indicators.FLAGGED)."""
    return indicators.status(kpi["nilai_tanpa_ditandai"], kpi["target"], kpi["polaritas"], tolerance)


def flagged(r, names: str = "") -> str:
    """'tanpa 1 proses yang ditandai tidak wajar: 6,30% (Tidak tercapai)' where leaving the
    flagged rows out changes the status ('… tidak wajar (“Paket X”): …' with the packages'
    `names`); '' otherwise."""
    n = _count(getattr(r, "jumlah_ditandai", np.nan))
    if not n or r.status_tanpa_ditandai == r.status:
        return ""
    named = f" ({names})" if names else ""
    return (f"tanpa {fmt.angka(n)} proses yang ditandai tidak wajar{named}: "
            f"{fmt.nilai(r.nilai_tanpa_ditandai, r.satuan)} ({r.status_tanpa_ditandai})")


NAMED = 3  # flagged packages named beside a status (the rest counted)


def behind(kpi: pd.DataFrame, params: Parameters, period: Period, packages: pd.DataFrame,
           listed: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Per KPI whose status changes without the rows plausibility flags (`catatan_kewajaran`):
    the flagged rows (`listed`: plausibility.flagged, stage result 02_kewajaran) that it counts
    (indicators.counted) and that a check relevant to its measure flagged, largest pagu first."""
    catalogue = {i.kode: i for i in params.indikator}
    out = {}
    for r in kpi[kpi["catatan_kewajaran"].fillna("").astype(bool).to_numpy()].itertuples():
        counted = indicators.counted(packages, catalogue[r.kode], period, params.metode.metode_dalam_lingkup,
                                     cumulative=True, areas=params.area_strategis)["kd_paket"]
        mine = listed[listed["ukuran"].fillna("").str.split(", ").map(lambda u: r.ukuran in u).to_numpy(bool)
                      & listed["kd_paket"].isin(set(counted)).to_numpy(bool)]
        out[r.kode] = mine.sort_values("pagu", ascending=False, kind="stable")
    return out


def name_flagged(kpi: pd.DataFrame, rows: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """catatan_kewajaran naming the flagged packages behind each status (behind)."""
    def names(kode):
        once = rows.get(kode, pd.DataFrame(columns=["kd_paket", "nama_paket"])).drop_duplicates("kd_paket")
        shown = ", ".join(f"“{' '.join(str(n).split())}”" for n in once["nama_paket"].head(NAMED) if isinstance(n, str))
        return shown + (f" dan {fmt.angka(len(once) - NAMED)} lainnya" if len(once) > NAMED else "")
    return kpi.assign(catatan_kewajaran=[flagged(r, names(r.kode)) for r in kpi.itertuples()])


def annotate(kpi: pd.DataFrame, tolerance: float, minimum: int | None = None) -> pd.DataFrame:
    """The KPI table (with target and status) with status_tanpa_ditandai, dasar_kecil
    (small_base), catatan_kewajaran and catatan_hitung."""
    out = kpi.assign(status_tanpa_ditandai=flagged_status(kpi, tolerance).to_numpy(),
                     dasar_kecil=small_base(kpi, minimum).to_numpy())
    out["catatan_kewajaran"] = [flagged(r) for r in out.itertuples()]
    out["catatan_hitung"] = [beside(r, minimum) for r in out.itertuples()]
    return out


def decisions(params: Parameters) -> dict[str, tuple[str, str]]:
    """Indicator code -> (decision label, note) from the parameter file."""
    return {k.kode: (KEPUTUSAN_INDIKATOR[k.keputusan], k.catatan) for k in params.laporan.indikator}


def register_kpis(params: Parameters, period: Period, packages: pd.DataFrame,
                  cumulative: bool | None = None) -> pd.DataFrame:
    """indicators.realisation of the parameter file's catalogue as the report counts it: its
    methods in scope and areas, year-to-date for a quarter (unless `cumulative` says
    otherwise), with the values without the rows plausibility flags (`metode.kewajaran`)."""
    return indicators.realisation(packages, params.indikator, period,
                                  scope=params.metode.metode_dalam_lingkup,
                                  cumulative=period.quarter is not None if cumulative is None else cumulative,
                                  areas=params.area_strategis, kewajaran=params.metode.kewajaran)


def judge(kpi: pd.DataFrame, params: Parameters, period: Period, packages: pd.DataFrame,
          tolerance: float | None = None, lacking: pd.DataFrame | None = None) -> pd.DataFrame:
    """A realisation table with its targets (`target`) judged: achievement, status, the
    leadership's decision, what is said beside each value, why a value is missing
    (missing.reasons) and the data date of the period's year (`tanggal_data`)."""
    tolerance = params.metode.toleransi_status if tolerance is None else tolerance
    out = kpi.copy()
    out["capaian"] = indicators.achievement(out["nilai"], out["target"], out["polaritas"]).values
    out["status"] = indicators.status(out["nilai"], out["target"], out["polaritas"], tolerance).values
    chosen = decisions(params)
    out["keputusan"] = out["kode"].map(lambda k: chosen.get(k, ("", ""))[0])
    out["catatan_keputusan"] = out["kode"].map(lambda k: chosen.get(k, ("", ""))[1])
    out["status_akhir"] = np.where(out["keputusan"] == KEPUTUSAN_INDIKATOR["dinyatakan_tercapai"],
                                   "Tercapai", out["status"])
    out["toleransi"] = tolerance
    out = annotate(out, tolerance, params.metode.minimum_proses_banding)
    out["pendamping_teks"] = companion_text(out)
    out["keterangan"] = missing.reasons(out, lacking)
    out["tanggal_data"] = pd.Series(processes.data_date(packages, period.year), index=out.index,
                                    dtype="datetime64[us]")
    return out


def companion_text(kpi: pd.DataFrame) -> pd.Series:
    """'per paket (proses terakhir gagal): 3,75%' beside the indicators reported two ways, and
    what the measure leaves out (beside, `catatan_hitung`)."""
    shown = [f"{MEASURES[u].label}: {fmt.nilai(v, s)}" if isinstance(u, str) else ""
             for u, v, s in zip(kpi["pendamping_ukuran"], kpi["pendamping_nilai"], kpi["satuan"])]
    notes = kpi["catatan_hitung"] if "catatan_hitung" in kpi else [""] * len(kpi)
    return pd.Series(["; ".join(x for x in pair if x) for pair in zip(shown, notes)], index=kpi.index)
