"""What stage 04 says about provider performance (kinerja.methods.provider_text) and the
providers to coach (providers.below_baik), on hand-made index, score and recap tables."""

import pandas as pd
from kinerja.core.periods import Period
from kinerja.methods import missing, provider_text, providers

UKPBJ = "Biro Pengadaan Barang/Jasa Sekretariat Daerah Provinsi Kalimantan Timur"  # the shipped file's


def _index(**values):
    row = {"jumlah_paket": 40, "paket_selesai": 50, "cakupan": 80.0, "jumlah_penyedia": 25, "nilai": 2.34,
           "kategori": "Baik", "porsi_minimal_baik": 72.0, "penyedia_cukup": 5, "penyedia_buruk": 2,
           "paket_putus": 1, "nilai_tahun_lalu": 2.5}
    return pd.DataFrame([row | values])


def _categories(values):
    return pd.Categorical(values, categories=providers.KATEGORI, ordered=True)


def test_summary_gives_the_index_its_change_and_its_status_against_the_target(shipped_params):
    # IKP-12 (nilai kinerja penyedia): target 2,50, naik, tolerance 10% -> 2,34 is Perlu perhatian
    assert provider_text.summary_text(_index(), shipped_params, Period(2024)) == (
        f"**{UKPBJ}** — Tahun Anggaran 2024. PPK menilai **40 paket** (80,00% dari 50 paket selesai yang "
        "wajib dinilai) dengan **25 penyedia**. Indeks kinerja penyedia UKPBJ = **2,34 (Baik)**, turun dari "
        "2,50 pada Tahun Anggaran 2023; terhadap target IKP-12 (2,50) statusnya **perlu perhatian**. 72,00% "
        "penyedia berkategori minimal Baik; 5 penyedia Cukup dan 2 penyedia Buruk perlu dibina. 1 kontrak "
        "diputus karena kesalahan penyedia dan bernilai 0.")
    first_year = provider_text.summary_text(_index(nilai_tahun_lalu=float("nan")), shipped_params, Period(2024))
    assert "**2,34 (Baik)**; terhadap target IKP-12" in first_year


def test_summary_without_scores_says_the_survey_is_missing_and_when_it_is_collected(shipped_params):
    when = missing.when_collected("penyedia", Period(2024), 15)
    assert provider_text.summary_text(_index(jumlah_paket=0), shipped_params, Period(2024)) == (
        "Belum ada data: tidak ada penilaian kinerja penyedia oleh PPK di SIKaP (e-Kontrak) untuk paket periode ini, "
        "dan Survei Teknis: penilaian kinerja penyedia (Format 5) belum dilaksanakan atau belum diterima untuk Tahun "
        "Anggaran 2024. " + when)
    # the reason the stage knows (provider_scores.no_value_reason) is said as it is
    assert provider_text.summary_text(_index(jumlah_paket=0), shipped_params, Period(2024), "alasan x") == \
        "Belum ada data: alasan x untuk Tahun Anggaran 2024. " + when


def test_spread_gives_the_median_and_every_category_share():
    scored = pd.DataFrame({"nilai": [3.0, 2.0, 2.5, 1.0],
                           "kategori": _categories(["Sangat Baik", "Baik", "Baik", "Cukup"])})
    assert provider_text.spread_text(scored) == (
        "Median nilai paket 2,25. Dari seluruh paket yang dinilai, 25,00% Sangat Baik, 50,00% Baik, "
        "25,00% Cukup, 0,00% Buruk.")
    assert provider_text.spread_text(scored.iloc[:0]) == "Belum ada nilai paket."


def test_trend_counts_providers_up_same_down_new_and_fallen_a_category():
    recap = pd.DataFrame({"tren": ["Naik", "Turun", "Tetap", "Baru dinilai", "Turun"],
                          "kategori": _categories(["Baik", "Cukup", "Baik", "Baik", "Baik"]),
                          "kategori_tahun_lalu": _categories(["Baik", "Baik", "Baik", None, "Sangat Baik"])})
    assert provider_text.trend_text(recap, Period(2024)) == (
        "Dari 4 penyedia yang juga dinilai pada Tahun Anggaran 2023, nilai 1 penyedia naik, 1 tetap dan 2 "
        "turun; 1 penyedia baru dinilai tahun ini. 2 penyedia turun kategori dibanding tahun lalu.")
    assert provider_text.trend_text(recap.iloc[:0], Period(2024)) == \
        "Belum ada data untuk membandingkan dengan tahun lalu."


def test_method_sentence_names_the_lowest_and_highest_mean():
    by_method = pd.DataFrame({"jumlah_paket": [10, 4, 3], "nilai": [2.4, 1.9, 2.8]},
                             index=pd.Index(["Tender", "Seleksi", "Penunjukan Langsung"], name="metode"))
    assert provider_text.method_text(by_method) == (
        "Rata-rata nilai paket terendah ada pada metode **Seleksi** (1,90, 4 paket); tertinggi pada "
        "**Penunjukan Langsung** (2,80).")
    assert provider_text.method_text(by_method.iloc[:0]) == "Belum ada nilai paket."


def test_providers_to_coach_are_those_rated_cukup_or_buruk_in_recap_order():
    recap = pd.DataFrame({"kd_penyedia": ["A", "B", "C", "D"],
                          "kategori": _categories(["Sangat Baik", "Cukup", "Baik", "Buruk"])})
    assert providers.below_baik(recap)["kd_penyedia"].tolist() == ["B", "D"]
    assert providers.below_baik(recap.astype({"kategori": str}))["kd_penyedia"].tolist() == ["B", "D"]


def test_calculation_text_gives_the_formula_the_categories_and_the_index(shipped_params):
    assert provider_text.calculation_text(shipped_params.metode) == (
        "Cara menghitung: Nilai paket = 0,3 × kualitas + 0,2 × biaya + 0,3 × waktu + 0,2 × layanan (skor aspek "
        "1–3); kontrak diputus karena kesalahan penyedia bernilai 0 (semua aspek 0; Peraturan LKPP 4/2021, SIKaP). "
        "Kategori: "
        "nilai ≥ 3,00 Sangat Baik; 2,00 ≤ nilai < 3,00 Baik; 1,00 ≤ nilai < 2,00 Cukup; nilai < 1,00 Buruk. "
        "Nilai penyedia dan satker = rata-rata sederhana nilai paket, dibulatkan dua desimal (setengah ke atas) "
        "sebelum dikategorikan. Indeks kinerja penyedia UKPBJ = rata-rata nilai seluruh paket yang dinilai pada "
        "periode ini (definisi buku kerja).")


def _recap():
    return pd.DataFrame({"kd_penyedia": ["A", "B", "C", "D", "E"],
                         "nama_penyedia": ["Eka", "Dwi", "Catur", "Budi", "Ari"], "jumlah_paket": [2, 5, 5, 1, 2],
                         "nilai": [1.5, 2.1, 2.6, 0.8, 1.5],
                         "kategori": _categories(["Cukup", "Baik", "Baik", "Buruk", "Cukup"])})


def test_most_rated_providers_come_most_packages_then_highest_score_first():
    assert provider_text.most_rated(_recap(), 3)["kd_penyedia"].tolist() == ["C", "B", "A"]
    assert provider_text.most_rated(_recap(), 10)["kd_penyedia"].tolist() == ["C", "B", "A", "E", "D"]


def test_report_lists_the_providers_to_coach_lowest_score_then_name_first():
    assert provider_text.coach_weakest_first(_recap())["kd_penyedia"].tolist() == ["D", "E", "A"]


def test_stage_tables_take_their_f6_headings_for_the_columns_the_recap_has():
    assert provider_text.coach_headings(_recap()) == {
        "kd_penyedia": "Kode penyedia", "nama_penyedia": "Nama penyedia", "jumlah_paket": "Jumlah paket dinilai",
        "nilai": "Nilai rata-rata", "kategori": "Kategori"}
    full = _recap().assign(jumlah_ppk=1, jumlah_putus=0, nilai_kontrak=1e6, nilai_min=1.0, nilai_tahun_lalu=2.0,
                           tren="Naik")
    assert list(provider_text.most_rated_headings(full)) == [
        "kd_penyedia", "nama_penyedia", "jumlah_paket", "jumlah_ppk", "nilai_kontrak", "nilai", "nilai_min",
        "kategori", "nilai_tahun_lalu", "tren"]
    assert list(provider_text.coach_headings(full)) == [
        "kd_penyedia", "nama_penyedia", "jumlah_paket", "jumlah_ppk", "jumlah_putus", "nilai", "nilai_min",
        "kategori", "tren"]


def test_satker_table_shows_every_f7_column_but_the_code():
    assert provider_text.SATKER_HEADINGS == {k: v for k, v in providers.F7_HEADINGS.items() if k != "kd_satker"}
    assert list(provider_text.SATKER_HEADINGS)[:2] == ["nama_satker", "jumlah_paket"]
    assert provider_text.SATKER_HEADINGS["nama_satker"] == "Satuan kerja (OPD)"
