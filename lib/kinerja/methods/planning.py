"""Planning stage (SOP step 1, Formats 1–3): goals, strategic areas, indicators, action plans,
and the mapping of strategic areas to the OPD packages they cover (seed 001 step 11)."""

from __future__ import annotations

import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.periods import Period
from kinerja.inputs.packages import covered


def register_note(packages: pd.DataFrame, params: Parameters, period: Period) -> str:
    """Stage 01's opening sentence (Markdown): the register's packages of the year and how many
    of them have a method in the SOP's scope (only those count in the indicators)."""
    year = packages[packages["tahun_anggaran"] == period.year]
    return (f"**{params.ukpbj.nama}** — {period.nama}. Register memuat {fmt.angka(len(year))} paket tahun "
            f"{period.year}, {fmt.angka(year['dalam_lingkup'].sum())} di antaranya dengan metode dalam "
            f"lingkup SOP ({', '.join(params.metode.metode_dalam_lingkup)}); paket metode lain hanya "
            f"ditampilkan sebagai konteks dan tidak masuk perhitungan indikator.")


def goals_and_areas(params: Parameters) -> pd.DataFrame:
    goals = {t.kode: t.nama for t in params.tujuan}
    per_area = pd.Series([i.area for i in params.indikator]).value_counts()
    return pd.DataFrame([{"tujuan": a.tujuan, "nama_tujuan": goals[a.tujuan], "area": a.kode,
                          "nama_area": a.nama, "jumlah_indikator": int(per_area.get(a.kode, 0))}
                         for a in params.area_strategis])


def action_plans(params: Parameters) -> pd.DataFrame:
    return pd.DataFrame([{"indikator": i.kode, "nama_indikator": i.nama, **ra.model_dump()}
                         for i in params.indikator for ra in i.rencana_aksi])


def cakupan_teks(cakupan) -> str:
    """'metode Tender, Seleksi; jenis pengadaan Barang' — what an area's cakupan restricts, in
    Indonesian; '' when it restricts nothing (every package of the methods in scope)."""
    parts = []
    if cakupan.metode:
        parts.append("metode " + ", ".join(cakupan.metode))
    if cakupan.jenis_pengadaan:
        parts.append("jenis pengadaan " + ", ".join(cakupan.jenis_pengadaan))
    return "; ".join(parts)


def area_packages(packages: pd.DataFrame, params: Parameters, year: int) -> pd.DataFrame:
    """The packages of the year each strategic area covers, one row per area and package (its
    last process, so a re-tendered package and its pagu count once), with the area's code in
    `area`. The rule is packages.covered, the same the area's KPIs count with."""
    year_pk = packages[packages["tahun_anggaran"] == year]
    scope = params.metode.metode_dalam_lingkup
    parts = [year_pk[covered(year_pk, a.cakupan, scope) & year_pk["proses_terakhir"]].assign(area=a.kode)
             for a in params.area_strategis]
    if not parts:
        return year_pk.iloc[:0].assign(area=pd.Series(dtype="string"))
    return pd.concat(parts, ignore_index=True)


def area_mapping(packages: pd.DataFrame, params: Parameters, year: int) -> pd.DataFrame:
    """Per strategic area and OPD: the packages and pagu of the year the area covers; a
    re-tendered package counts once (its last process), so its pagu is not summed twice."""
    names = {a.kode: a.nama for a in params.area_strategis}
    rows = area_packages(packages, params, year)
    cols = ["area", "area_nama", "nama_satker", "jumlah_paket", "pagu"]
    out = (rows.groupby(["area", "nama_satker"], observed=True)
           .agg(jumlah_paket=("kd_paket", "size"), pagu=("pagu", "sum")).reset_index())
    out["area_nama"] = out["area"].map(names)
    return out[cols].sort_values(["area", "pagu"], ascending=[True, False], ignore_index=True)


def mapping_notes(packages: pd.DataFrame, params: Parameters, year: int) -> list[str]:
    """What the mapping leaves out that a reader should know (Indonesian): packages in scope
    whose jenis pengadaan the register does not give, which no area listing jenis covers."""
    listing = [a.kode for a in params.area_strategis if a.cakupan.jenis_pengadaan]
    if not listing:
        return []
    year_pk = packages[packages["tahun_anggaran"] == year]
    rows = year_pk[covered(year_pk, None, params.metode.metode_dalam_lingkup)
                   & year_pk["proses_terakhir"] & year_pk["jenis_pengadaan"].isna()]
    if rows.empty:
        return []
    return [f"{fmt.angka(len(rows))} paket dalam lingkup (pagu {fmt.rupiah(rows['pagu'].sum())}) "
            f"tidak memiliki jenis pengadaan di register, sehingga tidak tercakup area yang "
            f"membatasi jenis pengadaan ({', '.join(listing)}) dan tidak dihitung indikatornya."]
