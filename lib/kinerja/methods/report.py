"""Laporan Evaluasi Kinerja (Format 15): the stage results gathered into the report's tables.

The report never recomputes what a stage already computed: baseline and target come from the
plan (01_rencana_indikator), the area-to-OPD mapping too (01_pemetaan_area), action-plan progress
from the collection stage (02_*), the IKM from 03_ikm, the provider index from 04_indeks and the
Pokja recap from 05_* (its F15 section: pokja_text.pokja_section; the data-quality table:
collection_quality.data_quality).
The register KPIs no stage writes are computed here with the KPI engine
(`indicators.realisation`, the same call as `kinerja kpi`), year-to-date for a quarter.
Every function is small and pure: DataFrames in, DataFrames out.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import KEPUTUSAN_INDIKATOR, KEPUTUSAN_LAPORAN, Parameters
from kinerja.core.measures import MEASURES
from kinerja.core.periods import TRIWULAN, Period, incomplete_note
from kinerja.inputs import processes, register
from kinerja.inputs.packages import in_period
from kinerja.inputs.schemas import BY_KIND
from kinerja.methods import (comparison, indicators, kpi_status, missing, planning, plausibility, provider_scores,
                             satisfaction)

# Where an indicator's value comes from, as its readers know it (F15, F16): the register, or the
# survey (indicators.Measure.survei) whose stage result gives it.
REGISTER_SOURCE = "register paket LKPP (SiRUP, SPSE, e-Kontrak)"
SURVEY_SOURCES = {"penyedia": "penilaian kinerja penyedia oleh PPK (SIKaP; paket tanpa penilaian SIKaP: "
                             "Survei Teknis, Format 5)",
                  "internal": "Survei Kepuasan Pelanggan internal (Format 12)",
                  "eksternal": "Survei Kepuasan Pelanggan eksternal (Format 13)"}
STATUS_ORDER = ["Tercapai", "Perlu perhatian", "Tidak tercapai", "Belum ada data"]
PEMETAAN_OPD = 5  # OPD per strategic area in the report's mapping detail (F3 lists them all)


def _survey_value(results: dict[str, pd.DataFrame], survei: str, year: int) -> tuple[float, int]:
    """(value, count behind it) of a survey measure as its stage computed it."""
    if survei == "penyedia":  # the exact mean of stage 04's package scores (SIKaP, else F5)
        scored = results["04_penyedia_paket"]
        return provider_scores.exact_mean(scored["nilai_x100"]), len(scored)
    ikm = results["03_ikm"]
    row = ikm[(ikm["kelompok"] == survei) & (ikm["tahun"] == year)]
    if row.empty:
        return np.nan, 0
    return float(row["ikm_konversi"].iloc[0]), int(row["responden"].iloc[0])


def decided(kpi: pd.DataFrame) -> pd.DataFrame:
    """The indicators with a decision of the leadership (kpi_table rows)."""
    return kpi[kpi["keputusan"] != ""]


def kpi_table(params: Parameters, period: Period, packages: pd.DataFrame,
              results: dict[str, pd.DataFrame], tolerance: float | None = None,
              lacking: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator: realisation (year-to-date for a quarter), baseline and target from
    the plan stage, achievement %, status against target, the leadership's decision and, where
    there is no value, why (`keterangan`, missing.reasons; `lacking`: the register datasets the
    store lacks, register_quality.missing_datasets).

    `status` is computed (methodology §3); `status_akhir` is 'Tercapai' where the leadership
    declared the indicator achieved (seed 001 step 18c), otherwise `status`. Beside them
    (kpi_status): the rows each measure leaves out (`catatan_hitung`), the status without the
    rows plausibility flags and what it says where that differs (`catatan_kewajaran`), and the
    data date of the period's year (`tanggal_data`); with the plausibility flags (02_kewajaran)
    the note names the flagged packages behind a status."""
    real = kpi_status.register_kpis(params, period, packages)
    survei = real["ukuran"].map(lambda u: MEASURES[u].survei)
    real["sumber"] = np.where(survei.notna(), "", REGISTER_SOURCE)
    for n in survei.index[survei.notna()]:
        value, count = _survey_value(results, survei[n], period.year)
        real.loc[n, ["nilai", "jumlah_paket"]] = [value, count]
        real.loc[n, "sumber"] = SURVEY_SOURCES[survei[n]]
        real.loc[n, "catatan"] = "" if pd.notna(value) else "belum ada data survei"
    plan = results["01_rencana_indikator"][["kode", "baseline", "baseline_sumber", "target"]]
    out = real.merge(plan, on="kode", how="left", validate="one_to_one")
    areas = {a.kode: a.nama for a in params.area_strategis}
    out["area_nama"] = out["area"].map(areas)
    out = kpi_status.judge(out, params, period, packages, tolerance, lacking)
    if "02_kewajaran" not in results:
        return out
    return kpi_status.name_flagged(out, kpi_status.behind(out, params, period, packages, results["02_kewajaran"]))


def quarter_trend(params: Parameters, period: Period, packages: pd.DataFrame,
                  results: dict[str, pd.DataFrame], tolerance: float | None = None) -> pd.DataFrame:
    """Realisation of each indicator per quarter (each quarter on its own) up to the period's
    quarter: register KPIs with the KPI engine, the provider index from the stage's package
    scores (04_penyedia_paket); IKM is surveyed per year, not per quarter (left empty). A quarter
    ending after the data date says so (`catatan_periode`: 'TW IV: data sampai 3 Oktober 2025')."""

    tolerance = params.metode.toleransi_status if tolerance is None else tolerance
    scope = params.metode.metode_dalam_lingkup
    targets = {i.kode: i for i in params.indikator}
    scores = results["04_penyedia_paket"]
    dated = processes.data_date(packages, period.year)
    rows = []
    for q in range(1, (period.quarter or 4) + 1):
        real = indicators.realisation(packages, params.indikator, Period(period.year, q), scope=scope,
                                      areas=params.area_strategis)
        for _, r in real.iterrows():
            value = r["nilai"]
            if MEASURES[r["ukuran"]].survei == "penyedia":
                part = scores[scores["triwulan"] == q]
                value = provider_scores.exact_mean(part["nilai_x100"])
            rows.append({"kode": r["kode"], "triwulan": q, "nilai": value,
                         "catatan_periode": incomplete_note(Period(period.year, q), dated, _quarter_name(q))})
    out = pd.DataFrame(rows)
    ind = out["kode"].map(targets)
    out["target"] = ind.map(lambda i: i.target)
    out["polaritas"] = ind.map(lambda i: i.polaritas)
    out["satuan"] = ind.map(lambda i: i.satuan)
    out["ukuran"] = ind.map(lambda i: i.ukuran)
    out["status"] = indicators.status(out["nilai"], out["target"], out["polaritas"], tolerance).values
    return out


def _quarter_name(q: int) -> str:
    return f"TW {TRIWULAN[q - 1]}"


def quarter_label(trend: pd.DataFrame) -> pd.Series:
    """Each trend row's quarter as shown: 'TW II', or 'TW IV: data sampai 3 Oktober 2025' where
    the quarter ends after the data date."""
    names = trend["triwulan"].map(_quarter_name)
    if "catatan_periode" not in trend:  # a trend from before data dates were kept
        return names
    return names.where(trend["catatan_periode"].fillna("").eq(""), trend["catatan_periode"])


def trend_wide(trend: pd.DataFrame) -> pd.DataFrame:
    """kode × TW I..IV with each value formatted in its unit (for the report's table); a measure
    surveyed once a year says so instead of a dash; an incomplete quarter's heading says until
    when its data run."""
    yearly = ~trend["ukuran"].map(lambda u: MEASURES[u].per_triwulan)
    t = trend.assign(teks=np.where(yearly, "per tahun",
                                   [fmt.nilai(v, s) for v, s in zip(trend["nilai"], trend["satuan"])]),
                     kolom=quarter_label(trend))
    order = list(dict.fromkeys(t.sort_values("triwulan", kind="stable")["kolom"]))
    return t.pivot(index="kode", columns="kolom", values="teks")[order].reset_index()


# --------------------------------------------------------------------------- breakdowns

def breakdown(params: Parameters, period: Period, packages: pd.DataFrame, by: str,
              kpi: pd.DataFrame) -> pd.DataFrame:
    """Register KPIs per `by` (nama_satker, metode), each group's value beside the rest of the
    UKPBJ's (`nilai_lain`: every other group's rows pooled) and its status against the UKPBJ
    target — the status only where the measure counts at least `metode.minimum_proses_banding`
    of the group's processes (`dibandingkan`): a group is never rated on one or two processes."""
    real = indicators.realisation(packages, params.indikator, period, by=by,
                                  scope=params.metode.metode_dalam_lingkup,
                                  cumulative=period.quarter is not None, areas=params.area_strategis)
    real = real[real["jumlah_paket"] > 0]
    real = real.merge(kpi[["kode", "target", "status"]].rename(columns={"status": "status_ukpbj"}),
                      on="kode", how="left")
    scale = real["ukuran"].map(lambda u: MEASURES[u].scale)
    num = real.groupby("kode")["pembilang"].transform("sum") - real["pembilang"]
    den = real.groupby("kode")["penyebut"].transform("sum") - real["penyebut"]
    real["nilai_lain"] = np.where(den > 0, scale * num / den.where(den > 0), np.nan)
    real["dibandingkan"] = real["jumlah_proses"] >= params.metode.minimum_proses_banding
    status = indicators.status(real["nilai"], real["target"], real["polaritas"], float(kpi["toleransi"].iloc[0]))
    real["status"] = np.where(real["dibandingkan"], status.to_numpy(), "")
    return real.reset_index(drop=True)


def drivers(by_group: pd.DataFrame, kpi: pd.DataFrame, group: str = "nama_satker") -> pd.DataFrame:
    """For each register KPI off target: the group (OPD) whose value is furthest worse than the
    rest of the UKPBJ's, among the groups compared (`dibandingkan`: enough processes), when it
    stands out by the comparison rule (methods.comparison); none otherwise. Never the group
    with the most packages for being the largest."""
    off = kpi[kpi["status_akhir"].isin(["Perlu perhatian", "Tidak tercapai"])]["kode"]
    rows = []
    for kode in off:
        d = by_group[(by_group["kode"] == kode) & by_group["dibandingkan"].fillna(False).astype(bool)]
        d = d.dropna(subset=["nilai", "nilai_lain"])
        if d.empty:
            continue
        lower = d["polaritas"].iloc[0] == "turun"
        gap = (d["nilai"] - d["nilai_lain"]) * (1 if lower else -1)
        margin = np.where(d["satuan"] == "%", comparison.BEDA_POIN, comparison.BEDA_RELATIF * d["nilai_lain"].abs())
        worse = d.assign(selisih=gap)[(gap >= margin).to_numpy()]
        if worse.empty:
            continue
        top = worse.sort_values(["selisih", "jumlah_proses"], ascending=False, kind="stable").iloc[0]
        rows.append({"kode": kode, group: top[group], "jumlah_paket": int(top["jumlah_paket"]),
                     "jumlah_proses": int(top["jumlah_proses"]), "nilai": top["nilai"],
                     "nilai_lain": top["nilai_lain"], "satuan": top["satuan"]})
    cols = ["kode", group, "jumlah_paket", "jumlah_proses", "nilai", "nilai_lain", "satuan"]
    return pd.DataFrame(rows, columns=cols)


def method_table(by_method: pd.DataFrame, kpi: pd.DataFrame) -> pd.DataFrame:
    """kode, Indikator × metode: each value in its unit (register KPIs only)."""
    t = by_method.assign(teks=[fmt.nilai(v, s) for v, s in zip(by_method["nilai"], by_method["satuan"])])
    wide = t.pivot(index="kode", columns="metode", values="teks").reset_index()
    order = [k for k in kpi["kode"] if k in set(wide["kode"])]
    wide = wide.set_index("kode").loc[order].reset_index()
    return wide.fillna("–")


def opd_summary(by_opd: pd.DataFrame, driver: pd.DataFrame, packages: pd.DataFrame,
                params: Parameters, period: Period) -> pd.DataFrame:
    """Per OPD: packages in scope in the period, indicators per status (only those it is rated
    on: breakdown's `dibandingkan`), the KPIs on which it is furthest worse than the rest of the
    UKPBJ (drivers); OPDs with such KPIs first, then with the most indicators off target."""
    p = in_period(packages, period, cumulative=period.quarter is not None)
    p = p[p["metode"].isin(params.metode.metode_dalam_lingkup) & p["proses_terakhir"]]  # a package once
    counts = p.groupby("nama_satker", observed=True).agg(paket=("metode", "size"), pagu=("pagu", "sum"))
    rated = by_opd[by_opd["dibandingkan"].fillna(False).astype(bool)]
    status = rated.pivot_table(index="nama_satker", columns="status", values="kode", aggfunc="count",
                               fill_value=0).reindex(columns=STATUS_ORDER[:3], fill_value=0)
    out = counts.join(status, how="left").fillna(0)
    driven = driver.groupby("nama_satker")["kode"].agg(", ".join) if len(driver) else pd.Series(dtype=str)
    out["pendorong"] = driven.reindex(out.index).fillna("")
    out["di_bawah_target"] = out["Perlu perhatian"] + out["Tidak tercapai"]
    out["_pendorong"] = out["pendorong"].map(lambda codes: len(codes.split(", ")) if codes else 0)
    out = out.reset_index().sort_values(["_pendorong", "di_bawah_target", "paket"],
                                        ascending=False).drop(columns="_pendorong")
    return out.astype({c: int for c in ["paket", *STATUS_ORDER[:3], "di_bawah_target"]})


# --------------------------------------------------------------------------- area mapping

def area_mapping(pemetaan: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """Per strategic area (parameter-file order): its cakupan, indicators, and the OPD, packages
    and pagu it covers, from the plan's mapping (01_pemetaan_area, planning.area_mapping)."""
    per = pemetaan.groupby("area").agg(jumlah_opd=("nama_satker", "nunique"),
                                       jumlah_paket=("jumlah_paket", "sum"), pagu=("pagu", "sum"))
    rows = []
    for a in params.area_strategis:
        got = per.loc[a.kode] if a.kode in per.index else None
        rows.append({"area": a.kode, "area_nama": a.nama,
                     "cakupan": planning.cakupan_teks(a.cakupan) or "semua paket dalam lingkup",
                     "indikator": ", ".join(i.kode for i in params.indikator if i.area == a.kode) or "–",
                     "jumlah_opd": int(got["jumlah_opd"]) if got is not None else 0,
                     "jumlah_paket": int(got["jumlah_paket"]) if got is not None else 0,
                     "pagu": float(got["pagu"]) if got is not None else 0.0})
    return pd.DataFrame(rows, columns=["area", "area_nama", "cakupan", "indikator", "jumlah_opd",
                                       "jumlah_paket", "pagu"])


def area_mapping_opd(pemetaan: pd.DataFrame, params: Parameters, top: int = PEMETAAN_OPD) -> pd.DataFrame:
    """Per strategic area: the `top` OPD with the largest pagu it covers, then one row for the
    remaining OPD together; porsi_pagu is the OPD's share of the area's pagu (%)."""
    rows = []
    for a in params.area_strategis:
        part = pemetaan[pemetaan["area"] == a.kode].sort_values("pagu", ascending=False, kind="stable")
        total = part["pagu"].sum()
        share = lambda v: 100 * v / total if total else np.nan
        for r in part.head(top).itertuples():
            rows.append({"area": a.kode, "nama_satker": r.nama_satker, "jumlah_paket": int(r.jumlah_paket),
                         "pagu": float(r.pagu), "porsi_pagu": share(r.pagu)})
        rest = part.iloc[top:]
        if len(rest):
            rows.append({"area": a.kode, "nama_satker": f"{fmt.angka(len(rest))} OPD lainnya",
                         "jumlah_paket": int(rest["jumlah_paket"].sum()), "pagu": float(rest["pagu"].sum()),
                         "porsi_pagu": share(rest["pagu"].sum())})
    return pd.DataFrame(rows, columns=["area", "nama_satker", "jumlah_paket", "pagu", "porsi_pagu"])


def area_mapping_text(params: Parameters, period: Period, packages: pd.DataFrame,
                      top: int = PEMETAAN_OPD) -> list[str]:
    """The report's words on the mapping: what it is, that each area's indicators count only its
    packages, the period, and packages no jenis-restricted area can cover (planning)."""
    lines = [f"Paket Tahun Anggaran {period.year} yang dicakup setiap area strategis menurut "
             f"cakupannya (metode dan jenis pengadaan), sama dengan pemetaan Dokumen Perencanaan "
             f"Kinerja (Format 3). Indikator suatu area hanya menghitung paket dalam cakupan area "
             f"itu, sehingga paket yang dihitung indikator selalu termasuk paket pada tabel ini."]
    if period.quarter:
        lines.append(f"Pemetaan memuat paket seluruh tahun; indikator {period.nama} menghitung "
                     f"bagiannya yang diumumkan sampai akhir periode.")
    lines.append(f"Rincian per OPD memuat {fmt.angka(top)} OPD dengan pagu terbesar pada setiap "
                 f"area; daftar lengkap per OPD ada di Format 3 (Bab V).")
    return lines + planning.mapping_notes(packages, params, period.year)


# --------------------------------------------------------------------------- other sections

def action_plans(params: Parameters, results: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every indicator with its planned action plans and the progress its responsible officials
    reported in F4 (02_rencana_aksi_indikator); 'belum dilaporkan' where no report came in."""
    got = results["02_rencana_aksi_indikator"].set_index("kode_indikator")
    rows = []
    for ind in params.indikator:
        r = got.loc[ind.kode] if ind.kode in got.index else None
        rows.append({"kode": ind.kode, "nama": ind.nama, "direncanakan": len(ind.rencana_aksi),
                     "dilaporkan": int(r["rencana_aksi"]) if r is not None else 0,
                     "rata_persen": float(r["rata_persen"]) if r is not None else np.nan,
                     "Selesai": int(r["Selesai"]) if r is not None else 0,
                     "Berjalan": int(r["Berjalan"]) if r is not None else 0,
                     "Terkendala": int(r["Terkendala"]) if r is not None else 0,
                     "keterangan": "" if r is not None else "belum dilaporkan"})
    return pd.DataFrame(rows)


def ikm_table(results: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    """This year's IKM per group with its 95% interval, as stage 03 computed it."""
    ikm = results["03_ikm"]
    return satisfaction.in_group_order(ikm[ikm["tahun"] == year]).reset_index(drop=True)


def next_year_targets(kpi: pd.DataFrame) -> pd.DataFrame:
    """Proposed targets for next year (ours): an achieved target moves to this year's
    realisation when that is better (percentages stay within 0–100); a target not achieved, or
    declared achieved by the leadership, is kept; without data nothing is proposed (a target
    resting on no measurement would be invented) and the reason is given. Where plausibility
    flagged rows the KPI counts, the realisation and status without them are used (`nilai` is
    the realisation the proposal rests on). A status resting on too few rows (`dasar_kecil`,
    kpi_status.small_base) moves no target."""
    rows = []
    for r, reason in zip(kpi.itertuples(), kpi["keterangan"]):
        flagged = getattr(r, "jumlah_ditandai", 0)
        flagged = 0 if pd.isna(flagged) else int(flagged)
        value, status = (r.nilai_tanpa_ditandai, r.status_tanpa_ditandai) if flagged else (r.nilai, r.status)
        without = f" (tanpa {fmt.angka(flagged)} proses yang ditandai tidak wajar)" if flagged else ""
        usul, dasar = r.target, "target belum tercapai" + without + "; dipertahankan"
        if pd.isna(r.nilai):
            usul, dasar = np.nan, f"{missing.NO_DATA} ({reason}); usulan target disusun setelah ada data"
        elif pd.isna(value):
            usul, dasar = np.nan, ("semua proses yang dihitung ditandai tidak wajar; usulan target disusun "
                                   "setelah datanya diperbaiki")
        elif r.keputusan == KEPUTUSAN_INDIKATOR["dinyatakan_tercapai"]:
            dasar = "dinyatakan tercapai oleh pimpinan; target dipertahankan"
        elif status == "Tercapai" and getattr(r, "dasar_kecil", False):
            dasar = "tercapai, tetapi dari terlalu sedikit proses atau paket; target dipertahankan"
        elif status == "Tercapai":
            better = max(r.target, value) if r.polaritas == "naik" else min(r.target, value)
            usul = float(np.clip(better, 0, 100)) if r.satuan == "%" else better
            usul = round(usul, 2)
            dasar = ("realisasi" + without + " melampaui target; target dinaikkan ke realisasi"
                     if usul != r.target else "tercapai tepat pada target" + without + "; dipertahankan")
        rows.append({"kode": r.kode, "nama": r.nama, "satuan": r.satuan, "target": r.target,
                     "nilai": value, "usulan": usul, "dasar": dasar})
    return pd.DataFrame(rows)


def method_parameters(params: Parameters, tolerance: float) -> pd.DataFrame:
    """The method parameters the numbers were computed with (appendix)."""
    m = params.metode
    b, k = m.bobot_penyedia, m.kategori_penyedia
    rows = [
        ("Metode dalam lingkup indikator", ", ".join(m.metode_dalam_lingkup)),
        ("Toleransi status (Perlu perhatian)", f"{fmt.persen(100 * tolerance)} dari target"),
        ("Status", "Tercapai bila realisasi memenuhi target menurut polaritasnya; Perlu perhatian "
                   "bila dalam toleransi; Tidak tercapai di luar toleransi"),
        ("Capaian (%)", "realisasi ÷ target × 100 (polaritas naik); target ÷ realisasi × 100 (turun)"),
        ("Bobot penilaian penyedia", f"kualitas {fmt.angka(b.kualitas, 2)}, biaya {fmt.angka(b.biaya, 2)}, "
                                      f"waktu {fmt.angka(b.waktu, 2)}, layanan {fmt.angka(b.layanan, 2)}"),
        ("Kategori penyedia (batas bawah)", f"Sangat Baik ≥ {fmt.angka(k.sangat_baik, 2)}; Baik ≥ "
                                            f"{fmt.angka(k.baik, 2)}; Cukup ≥ {fmt.angka(k.cukup, 2)}; "
                                            f"di bawahnya Buruk"),
        ("Bobot unsur IKM", "1/n (tepat)" if m.bobot_ikm == "1/n" else "0,11"),
        ("Batas mutu IKM konversi", f"D ≤ {fmt.angka(m.batas_mutu_ikm[0], 2)}; C ≤ "
                                    f"{fmt.angka(m.batas_mutu_ikm[1], 2)}; B ≤ {fmt.angka(m.batas_mutu_ikm[2], 2)}; A di atasnya"),
        ("Populasi responden IKM", f"internal {fmt.angka(m.populasi_responden_internal)}, eksternal "
                                   f"{fmt.angka(m.populasi_responden_eksternal)}"),
        ("Batas pengumpulan Survei Teknis", f"tanggal {m.batas_hari_pengumpulan} bulan pengumpulan"),
        ("Usulan target tahun berikutnya", "target tercapai naik ke realisasi bila lebih baik; "
                                           "target tidak tercapai dipertahankan"),
        ("Kewajaran data paket (ambang batas)", plausibility.thresholds_text(m.kewajaran)),
        ("Pembatalan karena anggaran atau perubahan rencana",
         f"keterangan penutupan atau pengulangan proses memuat salah satu dari "
         f"{fmt.angka(len(m.frasa_pembatalan))} frasa, mis. {', '.join(m.frasa_pembatalan[:4])}"),
        ("Triwulan", processes.QUARTER_RULE),
    ]
    return pd.DataFrame(rows, columns=["parameter", "nilai"])


def data_sources(params: Parameters, out: Path) -> pd.DataFrame:
    """The input files with sha256 — the manifest's `inputs`, which the batch writes to
    inputs.json before the stages; computed the same way when a notebook runs on its own."""
    listed = Path(out) / "inputs.json"
    if listed.exists():
        items = json.loads(listed.read_text(encoding="utf-8"))
    else:
        items = [{"path": str(p), "sha256": register.sha256(p), "bytes": p.stat().st_size}
                 for p in register.expand(params.register_files) if p.exists()]
    rows = [{"berkas": Path(i["path"]).name, "folder": str(Path(i["path"]).parent),
             "dataset": BY_KIND[i["dataset"]].label if i.get("dataset") in BY_KIND else i.get("dataset", ""),
             "baris": i.get("rows_loaded"),
             "bytes": i["bytes"], "sha256": i["sha256"]} for i in items]
    return pd.DataFrame(rows, columns=["berkas", "folder", "dataset", "baris", "bytes", "sha256"])


# --------------------------------------------------------------------------- decision

def decision_text(params: Parameters) -> str:
    lap = params.laporan
    text = f"Revisi ke-{lap.revisi}" if lap.revisi else "Versi awal (revisi 0)"
    text += f" · Keputusan pimpinan: {KEPUTUSAN_LAPORAN[lap.keputusan]}"
    if lap.tanggal_keputusan:
        text += f" ({fmt.tanggal(lap.tanggal_keputusan)})"
    return text


def file_label(params: Parameters, period: Period) -> str:
    """'2024', '2024-TW2', '2024_revisi1': the part of F15/F16 file names after the format."""
    return period.label + (f"_revisi{params.laporan.revisi}" if params.laporan.revisi else "")
