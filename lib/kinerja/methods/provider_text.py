"""Sentences of the provider evaluation (stage 04): the summary of the index against last year
and the target, the spread of package scores, the trend of the providers rated both years, and
the selection method with the lowest mean. Every number comes from the providers module's
tables (score, provider_recap, performance_index, mean_by); missing data is said as missing."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.fmt import angka, arah, persen
from kinerja.core.periods import Period
from kinerja.methods import indicators, missing
from kinerja.methods.provider_scores import NOT_IN_REGISTER
from kinerja.methods.providers import (ASPECTS, F6_HEADINGS, F7_HEADINGS, FORMAT_5, KATEGORI, SIKAP, below_baik,
                                       sources, weights_pct)

NO_SCORES = "Belum ada nilai paket."
TRENDS = ["Naik", "Tetap", "Turun", "Baru dinilai"]
# The F6 columns stage 04 shows of the providers to coach and of those with the most packages.
COACH_COLUMNS = ("kd_penyedia", "nama_penyedia", "jumlah_paket", "jumlah_ppk", "jumlah_putus", "nilai",
                 "nilai_min", "kategori", "tren")
MOST_RATED_COLUMNS = ("kd_penyedia", "nama_penyedia", "jumlah_paket", "jumlah_ppk", "nilai_kontrak", "nilai",
                      "nilai_min", "kategori", "nilai_tahun_lalu", "tren")
# The F7 recap as stage 04 shows it: every Format 7 column but the satker code.
SATKER_HEADINGS = {column: heading for column, heading in F7_HEADINGS.items() if column != "kd_satker"}


def summary_text(index: pd.DataFrame, params: Parameters, period: Period, reason: str = "") -> str:
    """Stage 04's opening paragraph (Markdown) from the index (performance_index with
    with_previous_index): packages rated against those due, providers, the index with its
    change since last year and its status against the provider-index target, the providers to
    coach and the terminated contracts; or why there is no score (`reason`,
    provider_scores.no_value_reason) and when the Format 5 forms are collected."""
    i = index.iloc[0]
    m = params.metode
    if not i.jumlah_paket:
        return (f"{missing.NO_DATA}: {reason or missing.provider_missing()} untuk {period.nama}. "
                + missing.when_collected("penyedia", period, m.batas_hari_pengumpulan))
    text = (f"**{params.ukpbj.nama}** — {period.nama}. PPK menilai **{angka(i.jumlah_paket)} paket** "
            f"({persen(i.cakupan)} dari {angka(i.paket_selesai)} paket selesai yang wajib dinilai) dengan "
            f"**{angka(i.jumlah_penyedia)} penyedia**. Indeks kinerja penyedia UKPBJ = "
            f"**{angka(i.nilai, 2)} ({i.kategori})**")
    if pd.notna(i.nilai_tahun_lalu):
        text += (f", {arah(i.nilai - i.nilai_tahun_lalu)} dari {angka(i.nilai_tahun_lalu, 2)} pada "
                 f"{period.previous_year.nama}")
    target = indicators.by_measure(params.indikator).get("nilai_kinerja_penyedia")
    if target:
        status = indicators.status([i.nilai], [target.target], [target.polaritas], m.toleransi_status).iloc[0]
        text += f"; terhadap target {target.kode} ({angka(target.target, 2)}) statusnya **{status.lower()}**"
    return text + (f". {persen(i.porsi_minimal_baik)} penyedia berkategori minimal Baik; "
                   f"{angka(i.penyedia_cukup)} penyedia Cukup dan {angka(i.penyedia_buruk)} penyedia Buruk perlu "
                   f"dibina. {angka(i.paket_putus)} kontrak diputus karena kesalahan penyedia dan bernilai 0.")


def spread_text(scored: pd.DataFrame) -> str:
    """The median package score and the share of packages in each category (providers.score)."""
    if not len(scored):
        return NO_SCORES
    share = scored["kategori"].value_counts(normalize=True).reindex(list(KATEGORI), fill_value=0) * 100
    return (f"Median nilai paket {angka(scored['nilai'].median(), 2)}. Dari seluruh paket yang dinilai, "
            + ", ".join(f"{persen(v)} {k}" for k, v in share.items()) + ".")


def trend_text(recap: pd.DataFrame, period: Period) -> str:
    """How the providers rated last year too moved (provider_recap with `previous`): up, same,
    down, newly rated, and how many fell to a lower category."""
    if not len(recap):
        return "Belum ada data untuk membandingkan dengan tahun lalu."
    trend = recap["tren"].value_counts().reindex(TRENDS, fill_value=0)
    rated_before = recap["kategori_tahun_lalu"].notna()
    fell = rated_before & (recap["kategori"].cat.codes > recap["kategori_tahun_lalu"].cat.codes)
    return (f"Dari {angka(rated_before.sum())} penyedia yang juga dinilai pada {period.previous_year.nama}, "
            f"nilai {angka(trend['Naik'])} penyedia naik, {angka(trend['Tetap'])} tetap dan "
            f"{angka(trend['Turun'])} turun; {angka(trend['Baru dinilai'])} penyedia baru dinilai tahun ini. "
            f"{angka(fell.sum())} penyedia turun kategori dibanding tahun lalu.")


def method_text(by_method: pd.DataFrame) -> str:
    """The selection methods with the lowest and the highest mean package score (mean_by)."""
    if not len(by_method):
        return NO_SCORES
    low = by_method["nilai"].idxmin()
    return (f"Rata-rata nilai paket terendah ada pada metode **{low}** "
            f"({angka(by_method.loc[low, 'nilai'], 2)}, {angka(by_method.loc[low, 'jumlah_paket'])} paket); "
            f"tertinggi pada **{by_method['nilai'].idxmax()}** ({angka(by_method['nilai'].max(), 2)}).")


def calculation_text(metode) -> str:
    """How the scores and the index are computed (method_note for the parameters in
    use), as stage 04 says it under the index."""
    return ("Cara menghitung: " + " ".join(method_note(metode)) + " Indeks kinerja penyedia UKPBJ = rata-rata "
            "nilai seluruh paket yang dinilai pada periode ini (definisi buku kerja).")


def f6_headings(recap: pd.DataFrame, columns) -> dict[str, str]:
    """Format 6 headings of `columns`, in that order, for those the recap has."""
    return {column: F6_HEADINGS[column] for column in columns if column in recap}


def coach_headings(recap: pd.DataFrame) -> dict[str, str]:
    """The headings of the providers-to-coach table (COACH_COLUMNS the recap has)."""
    return f6_headings(recap, COACH_COLUMNS)


def most_rated_headings(recap: pd.DataFrame) -> dict[str, str]:
    """The headings of the table of providers with the most packages (MOST_RATED_COLUMNS)."""
    return f6_headings(recap, MOST_RATED_COLUMNS)


def most_rated(recap: pd.DataFrame, n: int) -> pd.DataFrame:
    """The n providers with the most packages rated (provider_recap), the higher score first
    among equals."""
    return recap.sort_values(["jumlah_paket", "nilai"], ascending=False).head(n)


def coach_weakest_first(recap: pd.DataFrame) -> pd.DataFrame:
    """The providers to coach (providers.below_baik), lowest score first, then by name: the
    report's list."""
    return below_baik(recap).sort_values(["nilai", "nama_penyedia"])


def no_coaching_text(recap: pd.DataFrame) -> str:
    """What is said where no provider needs coaching (providers.below_baik is empty): that none
    was rated Cukup or Buruk among those rated, or — when no provider was rated at all — that
    no provider was rated, never 'none is Cukup or Buruk'."""
    if not len(recap):
        return (f"{missing.NO_DATA}: belum ada penyedia yang dinilai (Format 5), sehingga belum dapat "
                f"dikatakan ada atau tidak ada penyedia berkategori Cukup atau Buruk.")
    return (f"Tidak ada penyedia berkategori Cukup atau Buruk dari {angka(len(recap))} penyedia yang "
            f"dinilai.")


def method_note(metode) -> list[str]:
    """The formula as written under the recaps (Indonesian), from the parameters in use."""
    pct = weights_pct(metode.bobot_penyedia)
    terms = " + ".join(f"{str(Decimal(int(p)) / 100).replace('.', ',')} × {a}"
                       for p, a in zip(pct, ASPECTS))
    k = metode.kategori_penyedia
    b = {n: fmt.angka(getattr(k, n), 2) for n in ("sangat_baik", "baik", "cukup")}
    s = metode.skala_penyedia
    return [f"Nilai paket = {terms} (skor aspek {s.terendah}–{s.tertinggi}); kontrak diputus karena kesalahan "
            f"penyedia bernilai 0 (semua aspek {s.putus_kontrak}; Peraturan LKPP 4/2021, SIKaP).",
            f"Kategori: nilai ≥ {b['sangat_baik']} Sangat Baik; {b['baik']} ≤ nilai < "
            f"{b['sangat_baik']} Baik; {b['cukup']} ≤ nilai < {b['baik']} Cukup; nilai < "
            f"{b['cukup']} Buruk. Nilai penyedia dan satker = rata-rata sederhana nilai paket, "
            f"dibulatkan dua desimal (setengah ke atas) sebelum dikategorikan."]


def sources_text(scored: pd.DataFrame) -> str:
    """How many package scores each source gave (providers.sources of the scored packages)."""
    if not len(scored):
        return f"{missing.NO_DATA}: belum ada nilai paket dari {SIKAP} maupun {FORMAT_5}."
    count = sources(scored).value_counts()
    return (f"Sumber nilai paket: {angka(count.get(SIKAP, 0))} paket dari penilaian PPK di {SIKAP} (e-Kontrak) "
            f"dan {angka(count.get(FORMAT_5, 0))} paket dari Formulir Kinerja Penyedia ({FORMAT_5}) untuk paket "
            f"tanpa penilaian {SIKAP} yang dapat dipakai.")


def quality_text(problems: pd.DataFrame, differences: pd.DataFrame, scored: pd.DataFrame) -> str:
    """Data quality of the ratings (provider_scores.Scores): the rating problems by kind, with the
    contracts they touch, and the packages SIKaP and Format 5 rate differently; '' when the
    period has no SIKaP rating at all (nothing to say of them)."""
    if problems.empty and not sources(scored).eq(SIKAP).any():
        return ""
    if problems.empty:
        text = f"Semua penilaian {SIKAP} periode ini dapat dipakai."
    else:
        kinds = problems.groupby("masalah", sort=False).apply(
            lambda g: g[["kode_paket", "no_kontrak"]].drop_duplicates().shape[0], include_groups=False)
        text = f"Penilaian {SIKAP} yang ditandai: " + "; ".join(f"{k} ({angka(n)} kontrak)" for k, n in kinds.items()) + "."
        if problems["masalah"].ne(NOT_IN_REGISTER).any():
            text += " Penilaian yang indikatornya tidak lengkap, ganda atau nilainya di luar skala tidak dipakai."
    if len(differences):
        text += (f" {angka(len(differences))} paket dinilai {SIKAP} dan {FORMAT_5} dengan nilai berbeda; nilai "
                 f"{SIKAP} yang dipakai, keduanya tercantum di Format 6.")
    return text


PPK_SHOWN = 10  # PPK with the most unrated contracts a report lists


def most_unrated(per_ppk: pd.DataFrame, n: int = PPK_SHOWN) -> pd.DataFrame:
    """The n PPK with the most contracts not yet rated (provider_scores.unrated_by_ppk, in its
    order), only those with one or more."""
    return per_ppk[per_ppk["belum_dinilai"] > 0].head(n)


def unrated_text(per_ppk: pd.DataFrame, rated_any: bool) -> str:
    """The PPK with the most contracts not yet rated in SIKaP (provider_scores.unrated_by_ppk);
    `rated_any`: whether the register holds any rating (provider_scores.rated_any): without one
    no contract can be called unrated."""
    if not rated_any:
        return (f"{missing.NO_DATA}: data e-Kontrak di register tidak memuat penilaian kinerja penyedia oleh PPK "
                f"({SIKAP}), sehingga belum dapat dikatakan kontrak mana yang belum dinilai.")
    if per_ppk.empty:
        return f"{missing.NO_DATA}: tidak ada kontrak e-Kontrak paket metode dalam lingkup SOP pada periode ini."
    total, unrated = int(per_ppk["kontrak"].sum()), int(per_ppk["belum_dinilai"].sum())
    if not unrated:
        return f"Semua {angka(total)} kontrak e-Kontrak periode ini sudah dinilai PPK di {SIKAP}."
    top = per_ppk.iloc[0]
    return (f"{angka(unrated)} dari {angka(total)} kontrak e-Kontrak periode ini belum dinilai PPK di {SIKAP}. "
            f"Terbanyak pada {top.nama_ppk} ({angka(top.belum_dinilai)} dari {angka(top.kontrak)} kontrak).")
