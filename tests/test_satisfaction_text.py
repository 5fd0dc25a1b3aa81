"""What stage 03 says about the satisfaction survey (kinerja.methods.satisfaction_text) and the
small rules it rests on (satisfaction.of_year, in_group_order, compare_years,
enough_respondents), on hand-made IKM and NRR tables."""

import numpy as np
import pandas as pd
import pytest
from kinerja.core.periods import Period
from kinerja.methods import missing
from kinerja.methods import satisfaction as sat
from kinerja.methods import satisfaction_text as text

UKPBJ = "Biro Pengadaan Barang/Jasa Sekretariat Daerah Provinsi Kalimantan Timur"  # the shipped file's
COLUMNS = ["kelompok", "tahun", "responden", "ikm", "ikm_konversi", "mutu", "kinerja", "ci_bawah", "ci_atas",
           "mutu_pasti", "populasi", "sampel_minimum", "sampel_cukup"]


@pytest.fixture
def ikm():
    return pd.DataFrame([
        ["eksternal", 2024, 40, 2.8, 70.0, "C", "Kurang baik", 66.5, 74.0, False, None, None, None],
        ["internal", 2024, 120, 3.22, 80.5, "B", "Baik", 78.1, 82.9, True, 500, 217, False],
        ["internal", 2023, 90, 3.13, 78.25, "B", "Baik", 75.0, 81.0, True, 500, 217, False],
    ], columns=COLUMNS)


def test_of_year_orders_the_groups_internal_first_and_leaves_out_groups_without_answers(ikm):
    assert sat.of_year(ikm, 2024).index.tolist() == ["internal", "eksternal"]
    assert sat.of_year(ikm, 2023).index.tolist() == ["internal"]
    assert sat.in_group_order(ikm)["tahun"].tolist() == [2024, 2023, 2024]


def test_summary_gives_each_group_its_ikm_interval_change_and_sample(ikm, shipped_params):
    got = text.summary_text(sat.of_year(ikm, 2024), sat.of_year(ikm, 2023), shipped_params, Period(2024))
    assert got == (
        f"**{UKPBJ}** — Tahun Anggaran 2024. Bobot tiap unsur: 1/9 (tepat, tanpa pembulatan).\n\n"
        "- **Pelanggan internal**: IKM konversi **80,50** (nilai IKM 3,2200), mutu **B** — kinerja unit "
        "pelayanan *Baik*, dari 120 responden. Selang kepercayaan 95%: 78,10–82,90; seluruh selang berada "
        "dalam pita mutu yang sama. Dibanding tahun 2023 (78,25, mutu B) naik 2,25 poin. Sampel minimum untuk "
        "populasi 500 adalah 217 responden: **belum terpenuhi** (kurang 97).\n"
        "- **Pelanggan eksternal**: IKM konversi **70,00** (nilai IKM 2,8000), mutu **C** — kinerja unit "
        "pelayanan *Kurang baik*, dari 40 responden. Selang kepercayaan 95%: 66,50–74,00; selang ini melintasi "
        "batas pita mutu, sehingga mutu belum dapat dipastikan dari sampel ini.")


def test_summary_says_when_a_survey_without_answers_is_collected(ikm, shipped_params):
    got = text.summary_text(sat.of_year(ikm, 2023), sat.of_year(ikm, 2022), shipped_params, Period(2023))
    assert got.endswith("\n- **Pelanggan eksternal**: " + missing.survey_missing("eksternal", Period(2023), 15))
    assert "Sampel minimum untuk populasi 500 adalah 217 responden: **belum terpenuhi** (kurang 127)." in got


def test_year_comparison_gives_the_change_in_points(ikm):
    got = sat.compare_years(sat.of_year(ikm, 2024), sat.of_year(ikm, 2023))
    assert got.columns.tolist() == ["ikm_konversi", "mutu", "ikm_konversi_lalu", "mutu_lalu", "selisih"]
    assert got.loc["internal", "selisih"] == pytest.approx(2.25)
    assert np.isnan(got.loc["eksternal", "selisih"])


def test_unit_changes_name_the_largest_rise_and_fall():
    nrr = pd.DataFrame({"kelompok": ["internal"] * 6 + ["eksternal"],
                        "tahun": [2023] * 3 + [2024] * 3 + [2024],
                        "unsur": ["U1", "U2", "U3"] * 2 + ["U1"],
                        "nama": ["Persyaratan", "Sistem", "Waktu"] * 2 + ["Persyaratan"],
                        "konversi": [70.0, 80.0, 75.0, 75.0, 78.0, 76.0, 60.0]})
    assert text.unit_changes(nrr, 2024) == (
        "- Pelanggan internal: kenaikan terbesar pada U1 Persyaratan (5,00 poin); penurunan terbesar pada "
        "U2 Sistem (-2,00 poin).\n- Pelanggan eksternal: tidak ada data tahun 2023 untuk dibandingkan.")
    assert text.unit_changes(nrr.iloc[:0], 2024) == "Belum ada data."


def test_weakest_unsur_are_listed_per_group_with_their_follow_up():
    weakest = pd.DataFrame({"kelompok": ["eksternal", "eksternal"], "peringkat": [1, 2], "unsur": ["U4", "U1"],
                            "nama": ["Biaya/Tarif", "Persyaratan"], "nrr": [2.5, 2.75], "konversi": [62.5, 68.75],
                            "mutu": ["D", "C"], "tindak_lanjut": ["Umumkan biaya.", "Sederhanakan."]})
    assert text.weakest_text(weakest) == (
        "**Pelanggan eksternal**\n\n1. **U4 Biaya/Tarif** — NRR 2,5000, konversi 62,50 (mutu D). Umumkan "
        "biaya.\n2. **U1 Persyaratan** — NRR 2,7500, konversi 68,75 (mutu C). Sederhanakan.")
    assert text.weakest_text(weakest.iloc[:0]) == "Belum ada data."


def test_groups_shown_have_at_least_five_respondents_and_the_caption_counts_them():
    per_opd = pd.DataFrame({"nama_satker": ["A", "B", "C"], "responden": [4, 5, 9]})
    assert sat.enough_respondents(per_opd)["nama_satker"].tolist() == ["B", "C"]
    assert text.opd_caption(2, 3) == "Pelanggan internal per OPD, urut dari IKM terendah (2 dari 3 OPD)"


def test_table_headings_name_the_years_and_the_groups():
    assert text.group_caption(2024) == "IKM per kelompok pelanggan, tahun 2024"
    assert text.comparison_headings(2024) == {
        "kelompok": "Kelompok", "ikm_konversi_lalu": "IKM konversi 2023", "mutu_lalu": "Mutu 2023",
        "ikm_konversi": "IKM konversi 2024", "mutu": "Mutu 2024", "selisih": "Selisih (poin)"}
    wide = pd.DataFrame(columns=["unsur", "nama", "nrr_eksternal", "nrr_internal", "konversi_eksternal",
                                 "konversi_internal", "mutu_eksternal", "mutu_internal"])
    assert text.unsur_headings(wide) == {
        "unsur": "Unsur", "nama": "Nama unsur", "nrr_internal": "NRR internal",
        "konversi_internal": "Konversi internal", "mutu_internal": "Mutu internal", "nrr_eksternal": "NRR eksternal",
        "konversi_eksternal": "Konversi eksternal", "mutu_eksternal": "Mutu eksternal"}
    assert text.unsur_formats(wide) == {"nrr_eksternal": "desimal", "nrr_internal": "desimal",
                                        "konversi_eksternal": "desimal", "konversi_internal": "desimal"}
    internal_only = wide[["unsur", "nama", "nrr_internal", "konversi_internal", "mutu_internal"]]
    assert list(text.unsur_headings(internal_only)) == ["unsur", "nama", "nrr_internal", "konversi_internal",
                                                        "mutu_internal"]


def test_ikm_rows_say_the_group_ikm_interval_and_sample_in_words():
    from kinerja.render import display

    ikm = pd.DataFrame({"kelompok": ["internal", "eksternal"], "ikm": [3.30126, 2.9], "ci_bawah": [80.1, 70.0],
                        "ci_atas": [85.55, 75.25], "sampel_cukup": [True, False], "mutu_pasti": [False, True]})
    rows = display.ikm_rows(ikm, sat.PELANGGAN)
    assert rows["kelompok"].tolist() == [sat.PELANGGAN["internal"], sat.PELANGGAN["eksternal"]]
    assert rows["ikm_teks"].tolist() == ["3,3013", "2,9000"]
    assert rows["interval"].tolist() == ["80,10–85,55", "70,00–75,25"]
    assert rows["cukup"].tolist() == ["Ya", "Tidak"] and rows["pasti"].tolist() == ["Belum", "Ya"]


def test_groups_with_enough_respondents_lowest_ikm_first():
    per_opd = pd.DataFrame({"nama_satker": ["A", "B", "C"], "responden": [5, 4, 9],
                            "ikm_konversi": [80.0, 60.0, 70.0]})
    assert sat.enough_respondents(per_opd)["nama_satker"].tolist() == ["A", "C"]
    assert sat.enough_respondents(per_opd, lowest_first=True)["nama_satker"].tolist() == ["C", "A"]


def test_populations_come_from_the_parameter_file(shipped_params):
    m = shipped_params.metode
    assert sat.populations(m) == {"internal": m.populasi_responden_internal,
                                  "eksternal": m.populasi_responden_eksternal}


def test_weakest_caption_counts_in_words():
    from kinerja.core import fmt

    assert text.weakest_caption() == "Tiga unsur pelayanan terlemah per kelompok pelanggan"
    assert text.weakest_caption(12).startswith("12 unsur")
    assert fmt.kata(1) == "Satu" and fmt.kata(10) == "Sepuluh"


def test_stage_notes_read_their_numbers_from_the_parameters_and_the_library(shipped_params):
    assert "D sampai 60,00; C sampai 70,50; B sampai 80,00; A di atasnya." in text.bands_note((60, 70.5, 80))
    assert "D sampai 64,99; C sampai 76,60; B sampai 88,30" in text.bands_note(shipped_params.metode.batas_mutu_ikm)
    assert f"({sat.BOOTSTRAP_ULANGAN:,} ulangan".replace(",", ".") in text.uncertainty_note()
    assert "paling sedikit lima responden" in text.groups_note() and sat.MIN_RESPONDEN_KELOMPOK == 5
