"""Planning stage (SOP step 1, Formats 1–3): goals, strategic areas, indicators, action plans,
and the mapping of strategic areas to the OPD packages they cover (seed 001 step 11)."""

from __future__ import annotations

import pandas as pd

from kinerja.core import fmt, marks
from kinerja.core.config import Parameters
from kinerja.core.periods import Period, data_per
from kinerja.inputs.packages import covered


def register_note(packages: pd.DataFrame, params: Parameters, period: Period, data_date=None) -> str:
    """Stage 01's opening sentence (Markdown): the register's packages of the year (as of its data
    date) and how many of them have a method in the SOP's scope (only those count in the
    indicators); and what in the plan is still a proposal (proposals_note)."""
    year = packages[packages["tahun_anggaran"] == period.year]
    text = (f"**{fmt.teks(params.ukpbj.nama)}** — {period.nama}, {data_per(data_date)}. Register memuat "
            f"{fmt.angka(len(year))} paket tahun {period.year}, {fmt.angka(year['dalam_lingkup'].sum())} di "
            f"antaranya dengan metode dalam lingkup SOP ({', '.join(params.metode.metode_dalam_lingkup)}); "
            f"paket metode lain hanya ditampilkan sebagai konteks dan tidak masuk perhitungan indikator.")
    note = proposals_note(params)
    return text + (f" {note}" if note else "")


# --------------------------------------------------------------------------- proposals (USULAN)

PROPOSAL = "Usulan, belum ditetapkan"


def marked(text: str, params: Parameters, key: str) -> str:
    """`text` as the plan shows the value at `key`: with '(Usulan, belum ditetapkan)' while the
    parameter file still marks it `# USULAN:` (a default of `kinerja init`, not adopted)."""
    return f"{text} ({PROPOSAL})" if params.proposed(key) else text


def proposals_note(params: Parameters) -> str:
    """What the plan says once when some of its values are still proposals ('' when none)."""
    n = sum(1 for m in params.marks.values() if m == marks.USULAN)
    if not n:
        return ""
    return (f"{fmt.angka(n)} isian dokumen ini masih berupa usulan bawaan buku kerja (tujuan, area strategis, "
            f"teks indikator, rencana aksi, target tanpa acuan nasional) dan ditandai \"{PROPOSAL}\": isian "
            f"itu belum ditetapkan oleh UKPBJ dan perlu disesuaikan sebelum dokumen ditandatangani.")


def goals_and_areas(params: Parameters) -> pd.DataFrame:
    """Per strategic area: its goal and names (marked while proposals) and how many indicators."""
    goals = {t.kode: marked(t.nama, params, f"tujuan[{n}].nama") for n, t in enumerate(params.tujuan)}
    per_area = pd.Series([i.area for i in params.indikator]).value_counts()
    return pd.DataFrame([{"tujuan": a.tujuan, "nama_tujuan": goals[a.tujuan], "area": a.kode,
                          "nama_area": marked(a.nama, params, f"area_strategis[{n}].nama"),
                          "jumlah_indikator": int(per_area.get(a.kode, 0))}
                         for n, a in enumerate(params.area_strategis)])


def action_plans(params: Parameters) -> pd.DataFrame:
    """Every action plan with its indicator; `status` says when the indicator's plans are still
    the workbook's proposal."""
    return pd.DataFrame([{"indikator": i.kode, "nama_indikator": i.nama, **ra.model_dump(),
                          "status": PROPOSAL if params.proposed(f"indikator[{n}].rencana_aksi") else "Ditetapkan"}
                         for n, i in enumerate(params.indikator) for ra in i.rencana_aksi])


def action_plan_brief(params: Parameters) -> pd.DataFrame:
    """The action plan in brief, per indicator (catalogue order): how many action plans, who
    carries them out (each once, in plan order) and whether they are still the workbook's
    proposal (action_plans' status)."""
    plans = action_plans(params)
    return (plans.groupby("indikator", sort=False)
            .agg(nama=("nama_indikator", "first"), jumlah=("kode", "size"),
                 penanggung_jawab=("penanggung_jawab", lambda s: "; ".join(dict.fromkeys(s))),
                 status=("status", "first"))
            .reset_index().rename(columns={"indikator": "kode"}))


def marked_plan(plan: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """The plan table (indicators.plan_table) as the plan shows it: the indicator's texts marked
    while proposals, and `status_target` (proposal or adopted)."""
    at = {i.kode: n for n, i in enumerate(params.indikator)}
    out = plan.copy()
    for column in ("nama", "definisi", "rumus"):
        out[column] = [marked(v, params, f"indikator[{at[k]}].{column}") for k, v in zip(plan["kode"], plan[column])]
    out["status_target"] = [PROPOSAL if params.proposed(f"indikator[{at[k]}].target") else "Ditetapkan"
                            for k in plan["kode"]]
    return out


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


def mapping_total(packages: pd.DataFrame, params: Parameters, year: int) -> dict:
    """The packages and pagu the strategic areas cover together, each package once (a package in
    several areas is not added twice): {'paket', 'pagu'}."""
    once = area_packages(packages, params, year).drop_duplicates("id_paket")
    return {"paket": len(once), "pagu": float(once["pagu"].sum())}


ALL_AREAS = "Seluruh area (setiap paket dihitung sekali)"  # the mapping's total row (mapping_total)


def mapping_total_text(total: dict) -> str:
    """The distinct total under a per-area table (mapping_total)."""
    return (f"Seluruh area strategis bersama-sama mencakup {fmt.angka(total['paket'])} paket dengan pagu "
            f"{fmt.rupiah(total['pagu'])}; paket yang tercakup lebih dari satu area dihitung sekali, sehingga "
            f"jumlah ini dapat lebih kecil daripada penjumlahan angka per area.")


def as_of_text(packages: pd.DataFrame, params: Parameters, year: int, data_date, plan_date) -> str:
    """When the mapped packages were known: the register's data date, and how many of the mapped
    packages were announced after the plan's own date (a plan dated January does not know them)."""
    rows = area_packages(packages, params, year).drop_duplicates("id_paket")
    later = int((rows["tgl_pengumuman"].dt.normalize() > pd.Timestamp(plan_date)).sum())
    text = (f"Pemetaan ini memakai paket Tahun Anggaran {year} di register ({data_per(data_date)}), bukan "
            f"hanya paket yang sudah dikenal pada tanggal dokumen ini ({fmt.tanggal(plan_date)})")
    if later:
        text += (f": {fmt.angka(later)} dari {fmt.angka(len(rows))} paket yang dipetakan diumumkan sesudah "
                 f"tanggal itu")
    return text + "."


def plan_notes(packages: pd.DataFrame, params: Parameters, year: int, data_date) -> list[str]:
    """The notes printed before the plan's mapping: when its packages were known (as_of_text,
    against the plan's own date) and what it leaves out (mapping_notes)."""
    plan_date = params.surat.dokumen_perencanaan.tanggal
    return [as_of_text(packages, params, year, data_date, plan_date), *mapping_notes(packages, params, year)]
