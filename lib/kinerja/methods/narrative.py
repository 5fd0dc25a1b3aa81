"""The evaluation report's sentences (F15, its HTML/PDF and .docx), built from the report's
tables: the executive summary, the status column of the KPI table, the OPD behind each
shortfall, the provider paragraph, which survey is missing and when it is collected, and the
leadership's decision. Plain text: the report's renderers escape it (render/layout_html.py).
Nothing here computes a figure; every number comes from a stage result or the KPI table, and
missing data is said as missing (kinerja.methods.missing)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kinerja.core.config import Parameters
from kinerja.core.fmt import angka, nilai, persen, rentang
from kinerja.core.periods import Period
from kinerja.methods import missing
from kinerja.methods.report import DRIVER_MIN_PAKET
from kinerja.methods.satisfaction import PELANGGAN


def executive_summary(params: Parameters, period: Period, kpi: pd.DataFrame, ikm: pd.DataFrame,
                      indeks: pd.Series, temuan: pd.DataFrame, decision: str) -> list[str]:
    """The summary's lines: status counts, best and worst achievement, IKM and provider index
    where measured, what has no data and why, and what the report contains."""
    count = kpi["status_akhir"].value_counts()
    lines = [f"{params.ukpbj.nama} — {period.nama}" + (" (kumulatif sejak awal tahun)" if period.quarter else "")
             + f". {decision}.",
             f"Dari {angka(len(kpi))} indikator kinerja, {angka(count.get('Tercapai', 0))} tercapai, "
             f"{angka(count.get('Perlu perhatian', 0))} perlu perhatian, {angka(count.get('Tidak tercapai', 0))} "
             f"tidak tercapai dan {angka(count.get(missing.NO_DATA, 0))} belum ada data (toleransi "
             f"{persen(100 * kpi['toleransi'].iloc[0], 0)} dari target)."]
    measured = kpi.dropna(subset=["capaian"])
    if len(measured):
        top, low = measured.loc[measured["capaian"].idxmax()], measured.loc[measured["capaian"].idxmin()]
        lines.append(f"Capaian tertinggi {top.kode} {top.nama} ({persen(top.capaian, 1)}); terendah "
                     f"{low.kode} {low.nama} ({persen(low.capaian, 1)}: realisasi {nilai(low.nilai, low.satuan)}, "
                     f"target {nilai(low.target, low.satuan)}).")
    for r in ikm[ikm["responden"].fillna(0) > 0].itertuples():
        lines.append(f"IKM {PELANGGAN.get(r.kelompok, r.kelompok).lower()} {angka(r.ikm_konversi, 2)} (mutu "
                     f"{r.mutu}, selang 95% {rentang(r.ci_bawah, r.ci_atas)}, "
                     f"{angka(r.responden)} responden).")
    if indeks["jumlah_paket"]:
        lines.append(f"Indeks kinerja penyedia {angka(indeks['nilai'], 2)} ({indeks['kategori']}) dari "
                     f"{angka(indeks['jumlah_paket'])} paket yang dinilai; {angka(indeks['penyedia_buruk'])} "
                     f"penyedia Buruk.")
    lines.extend(without_data(kpi))
    if period.quarter:
        lines.append(f"Indikator dari register dihitung kumulatif sejak awal tahun sampai akhir {period.nama}; "
                     f"indeks kinerja penyedia dan rekap Pokja mengikuti hasil tahapnya untuk triwulan itu, "
                     f"IKM untuk tahun {period.year}.")
    lines.append(f"Laporan ini memuat {angka(len(temuan))} temuan beserta rekomendasinya (bagian Temuan dan "
                 f"rekomendasi) dan usulan target tahun {period.year + 1}.")
    return lines


def without_data(kpi: pd.DataFrame) -> list[str]:
    """One line per reason an indicator has no value, naming the indicators: they carry no
    figure, status, comparison or proposed target in this report."""
    empty = kpi[kpi["nilai"].isna()]
    if empty.empty:
        return []
    lines = []
    for reason, codes in empty.groupby("keterangan", sort=False)["kode"]:
        lines.append(f"{missing.NO_DATA} untuk {', '.join(codes)}: {reason}; indikator ini tidak diberi "
                     f"nilai, status, perbandingan maupun usulan target.")
    if missing.missing_surveys(kpi):
        lines[-1] += " Jadwal pengumpulan survei yang belum ada tercantum pada bagian Kualitas data pengumpulan."
    return lines


def status_text(kpi: pd.DataFrame) -> pd.Series:
    """The status column of the KPI table (report.kpi_table): the final status, the leadership's
    decision in brackets where there is one, why there is no value ('Belum ada data: …'), and
    the status without the rows plausibility flagged where it differs (catatan_kewajaran)."""
    flagged = kpi["catatan_kewajaran"] if "catatan_kewajaran" in kpi else [""] * len(kpi)
    return pd.Series([s + (f" ({k.lower()})" if k else "") + (f": {w}" if w else "") + (f"; {f}" if f else "")
                      for s, k, w, f in zip(kpi["status_akhir"], kpi["keputusan"], kpi["keterangan"], flagged)],
                     index=kpi.index, dtype="object")


def driver_lines(drivers: pd.DataFrame) -> list[str]:
    """One line per KPI off target (report.drivers): the OPD that contributes most to the
    shortfall, its packages, its realisation and its share of all OPD's shortfall."""
    return [f"{r.kode}: {r.nama_satker} — {angka(r.jumlah_paket)} paket, realisasi "
            f"{nilai(r.nilai, r.satuan)}, {persen(r.porsi_kesenjangan, 1)} dari kekurangan seluruh OPD."
            for r in drivers.itertuples()]


def decision_paragraph(decision: str, params: Parameters, decided: pd.DataFrame) -> str:
    """The leadership's decision on the report (report.decision_text) with its note, and whether
    any indicator has a decision of its own (`decided`: report.decided)."""
    note = f" Catatan: {params.laporan.catatan}" if params.laporan.catatan else ""
    return f"{decision}.{note}" + ("" if len(decided) else " Belum ada keputusan per indikator.")


def survey_steps(kpi: pd.DataFrame, params: Parameters, period: Period, today: dt.date) -> list[str]:
    """For each survey behind an indicator without a value: what is missing and when it is
    collected, relative to the report's date `today` (said once, in the data-quality section)."""
    return [missing.survey_missing(k, period, params.metode.batas_hari_pengumpulan, today)
            for k in missing.missing_surveys(kpi)]


def provider_paragraph(indeks: pd.Series, period: Period) -> str:
    """The report's provider paragraph (from stage 04's index), or that the rating is missing
    (its collection dates are in the data-quality section)."""
    if not indeks["jumlah_paket"]:
        return (f"{missing.NO_DATA}: {missing.provider_missing()} untuk {period.nama} (jadwal pengumpulan "
                f"Format 5 pada bagian Kualitas data pengumpulan).")
    return (f"Indeks kinerja penyedia UKPBJ {angka(indeks['nilai'], 2)} ({indeks['kategori']}) dari "
            f"{angka(indeks['jumlah_paket'])} paket ({persen(indeks['cakupan'])} dari {angka(indeks['paket_selesai'])} "
            f"paket selesai) dengan {angka(indeks['jumlah_penyedia'])} penyedia: {angka(indeks['penyedia_sangat_baik'])} "
            f"Sangat Baik, {angka(indeks['penyedia_baik'])} Baik, {angka(indeks['penyedia_cukup'])} Cukup, "
            f"{angka(indeks['penyedia_buruk'])} Buruk; {angka(indeks['paket_putus'])} kontrak diputus karena "
            f"kesalahan penyedia.")


def ikm_paragraphs(ikm: pd.DataFrame, period: Period) -> list[str]:
    """For each customer group without answers this year: that its survey is missing (its
    collection date is in the data-quality section)."""
    have = set(ikm.loc[ikm["responden"].fillna(0) > 0, "kelompok"])
    return [f"{missing.NO_DATA}: {missing.SURVEYS[k].nama} ({missing.SURVEYS[k].formulir}) "
            f"{missing.SURVEY_NOT_RUN} untuk {period.nama} (jadwal pengumpulannya pada bagian Kualitas "
            f"data pengumpulan)." for k in ("internal", "eksternal") if k not in have]


def breakdown_note() -> str:
    """What the report's breakdown per OPD and per method shows, and who counts as a driver
    (report.drivers)."""
    return ("Indikator dari register per metode pemilihan, lalu OPD dengan indikator di bawah target terbanyak, "
            "dan pemetaan area strategis ke paket OPD yang dihitung indikatornya. Penyumbang kekurangan "
            "terbesar: OPD yang paketnya paling jauh dari target sehingga paling menurunkan realisasi UKPBJ "
            f"(paling sedikit {angka(DRIVER_MIN_PAKET)} paket).")
