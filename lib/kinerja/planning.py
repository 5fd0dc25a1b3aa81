"""Planning stage (SOP step 1, Formats 1–3): goals, strategic areas, indicators, action plans,
and the mapping of strategic areas to the OPD packages they cover (seed 001 step 11)."""

from __future__ import annotations

import pandas as pd

from kinerja.config import Parameters


def goals_and_areas(params: Parameters) -> pd.DataFrame:
    goals = {t.kode: t.nama for t in params.tujuan}
    per_area = pd.Series([i.area for i in params.indikator]).value_counts()
    return pd.DataFrame([{"tujuan": a.tujuan, "nama_tujuan": goals[a.tujuan], "area": a.kode,
                          "nama_area": a.nama, "jumlah_indikator": int(per_area.get(a.kode, 0))}
                         for a in params.area_strategis])


def action_plans(params: Parameters) -> pd.DataFrame:
    return pd.DataFrame([{"indikator": i.kode, "nama_indikator": i.nama, **ra.model_dump()}
                         for i in params.indikator for ra in i.rencana_aksi])


def covered(packages: pd.DataFrame, metode: list[str], jenis: list[str]) -> pd.Series:
    """Which in-scope packages a strategic area's cakupan selects (empty list = all)."""
    mask = packages["dalam_lingkup"].copy()
    if metode:
        mask &= packages["metode"].isin(metode)
    if jenis:
        mask &= packages["jenis_pengadaan"].isin(jenis)
    return mask


def area_mapping(packages: pd.DataFrame, params: Parameters, year: int) -> pd.DataFrame:
    """Per strategic area and OPD: the packages and pagu of the year the area covers; a
    re-tendered package counts once (its last process), so its pagu is not summed twice."""
    year_pk = packages[(packages["tahun_anggaran"] == year) & packages["proses_terakhir"]]
    parts = []
    for a in params.area_strategis:
        sel = year_pk[covered(year_pk, a.cakupan.metode, a.cakupan.jenis_pengadaan)]
        g = sel.groupby("nama_satker", observed=True).agg(jumlah_paket=("kd_paket", "size"),
                                                          pagu=("pagu", "sum")).reset_index()
        parts.append(g.assign(area=a.kode, area_nama=a.nama))
    cols = ["area", "area_nama", "nama_satker", "jumlah_paket", "pagu"]
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)[cols]
    return out.sort_values(["area", "pagu"], ascending=[True, False], ignore_index=True)
