"""The evaluation report's sentences (F15, its HTML/PDF and .docx), built from the report's
tables: the executive summary, the status column of the KPI table, the OPD behind each
shortfall, the provider paragraph, which survey is missing and when it is collected, and the
leadership's decision. Plain text: the report's renderers escape it (render/layout_html.py).
Nothing here computes a figure; every number comes from a stage result or the KPI table, and
missing data is said as missing (kinerja.methods.missing)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from kinerja.core.config import KEPUTUSAN_LAPORAN, Parameters
from kinerja.core.fmt import angka, daftar, nilai, persen, tanggal
from kinerja.core.periods import Period
from kinerja.methods import comparison, missing, recommendations


def executive_summary(params: Parameters, period: Period, kpi: pd.DataFrame, temuan: pd.DataFrame,
                      coverage: list[str], decided: pd.DataFrame | None = None) -> dict[str, list[str]]:
    """The one-page summary as plain text, by part: `cakupan` (the data date and the year's
    procurement by channel: coverage.lines), `capaian` (indicators per status, the ones without
    data in one sentence), `temuan` (recommendations.key_findings) and `keputusan` (what the
    leadership is asked to decide, SOP step 18, and what it has decided so far)."""
    return {"cakupan": list(coverage), "capaian": [status_counts(kpi)] + without_data(kpi),
            "temuan": recommendations.key_findings(temuan), "keputusan": decision_asked(params, kpi, decided)}


def status_counts(kpi: pd.DataFrame) -> str:
    """'Dari 14 indikator kinerja, 4 tercapai, 7 perlu perhatian, 3 tidak tercapai dan 0 belum
    ada data (toleransi 10% dari target).'"""
    count = kpi["status_akhir"].value_counts()
    return (f"Dari {angka(len(kpi))} indikator kinerja, {angka(count.get('Tercapai', 0))} tercapai, "
            f"{angka(count.get('Perlu perhatian', 0))} perlu perhatian, {angka(count.get('Tidak tercapai', 0))} "
            f"tidak tercapai dan {angka(count.get(missing.NO_DATA, 0))} belum ada data (toleransi "
            f"{persen(100 * kpi['toleransi'].iloc[0], 0)} dari target).")


# Why an indicator has no value, in a few words (missing.kind): the full reason is in the KPI table.
SHORT_REASON = {"survei": "survei belum dilaksanakan atau belum diterima", "register": "dataset belum diunduh",
                "kosong": "berkas unduhannya kosong", "periode": "tidak ada paket yang memenuhi syarat hitung"}


def without_data(kpi: pd.DataFrame) -> list[str]:
    """One sentence naming the indicators without a value and why, in a few words: they carry
    no figure, status, comparison or proposed target in this report ([] when none)."""
    empty = kpi[kpi["nilai"].isna()]
    if empty.empty:
        return []
    kinds = empty["keterangan"].map(missing.kind)
    parts = [f"{daftar(list(codes))} ({SHORT_REASON[k]})" for k, codes in empty.groupby(kinds, sort=False)["kode"]]
    return [f"{missing.NO_DATA}: {'; '.join(parts)} — tanpa nilai, status maupun usulan target; alasannya "
            f"pada tabel capaian indikator."]


def decision_asked(params: Parameters, kpi: pd.DataFrame, decided: pd.DataFrame | None = None) -> list[str]:
    """What the leadership is asked to decide on the report and its indicators (seed 001 step
    18), naming the indicators off target, and the decision so far."""
    off = list(kpi.loc[kpi["status_akhir"].isin(["Perlu perhatian", "Tidak tercapai"]), "kode"])
    declare = f" untuk indikator yang belum tercapai ({daftar(off)})" if off else ""
    asked = ("Pimpinan diminta memutuskan (SOP langkah 18): menyetujui rekomendasi perbaikan untuk "
             "dilaksanakan, melanjutkan proses tanpa perbaikan, atau menetapkan indikator telah tercapai"
             f"{declare}; serta menerima laporan ini atau mengembalikannya untuk revisi.")
    lap = params.laporan
    now = KEPUTUSAN_LAPORAN[lap.keputusan] + (f" ({tanggal(lap.tanggal_keputusan)})" if lap.tanggal_keputusan else "")
    n = 0 if decided is None else len(decided)
    return [asked, f"Keputusan saat ini: {now}" + (f"; {angka(n)} indikator sudah diputuskan." if n else ".")]


def status_text(kpi: pd.DataFrame) -> pd.Series:
    """The status column of the KPI table (report.kpi_table): the final status, the leadership's
    decision in brackets where there is one, why there is no value ('Belum ada data: …'), and
    the status without the rows plausibility flagged where it differs (catatan_kewajaran)."""
    flagged = kpi["catatan_kewajaran"] if "catatan_kewajaran" in kpi else [""] * len(kpi)
    return pd.Series([s + (f" ({k.lower()})" if k else "") + (f": {w}" if w else "") + (f"; {f}" if f else "")
                      for s, k, w, f in zip(kpi["status_akhir"], kpi["keputusan"], kpi["keterangan"], flagged)],
                     index=kpi.index, dtype="object")


def driver_lines(drivers: pd.DataFrame) -> list[str]:
    """One line per KPI off target with an OPD far below the others (report.drivers): its value
    and processes against the rest of the UKPBJ's."""
    return [f"{r.kode}: {r.nama_satker} — {nilai(r.nilai, r.satuan)} ({angka(r.jumlah_proses)} proses), "
            f"OPD lain {nilai(r.nilai_lain, r.satuan)}." for r in drivers.itertuples()]


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


def breakdown_note(minimum: int) -> str:
    """What the report's breakdown per OPD and per method shows, and when an OPD is rated and
    named (report.breakdown, report.drivers; `minimum`: metode.minimum_proses_banding)."""
    return ("Indikator dari register per metode pemilihan, lalu OPD dengan indikator di bawah target terbanyak, "
            "dan pemetaan area strategis ke paket OPD yang dihitung indikatornya. Sebuah OPD diberi status "
            f"untuk suatu indikator hanya bila indikator itu menghitung paling sedikit {angka(minimum)} prosesnya; "
            "OPD yang jauh di bawah OPD lain: OPD yang nilainya lebih buruk daripada semua OPD lain digabung, "
            f"paling sedikit {angka(comparison.BEDA_POIN, 0)} poin persen (indikator persentase) atau "
            f"{persen(100 * comparison.BEDA_RELATIF, 0)} (indikator lain) — bukan OPD dengan paket terbanyak.")
