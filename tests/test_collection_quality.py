"""What stage 02 says about the Survei Teknis collection (kinerja.methods.collection_quality):
the opening paragraph, the respondents to remind, and the completeness of the answers."""

import pandas as pd
from kinerja.core.periods import Period
from kinerja.methods import collection_quality, missing

UKPBJ = "Biro Pengadaan Barang/Jasa Sekretariat Daerah Provinsi Kalimantan Timur"  # the shipped file's


def _status():
    return pd.DataFrame({"nama_responden": ["A", "B", "C", "D"], "jenis_responden": ["PPK", "PPK", "Pokja", "PPK"],
                         "kode_responden": ["198001012005011001", "198102022006022002", "PK-00C4BC9C",
                                            "198203032007031003"],
                         "status": ["Tepat waktu", "Tepat waktu", "Terlambat", "Belum masuk"],
                         "lengkap": [True, False, True, False]})


def test_summary_counts_respondents_by_status_and_files_read(shipped_params):
    submissions = pd.DataFrame({"status": ["loaded", "error", "unchanged"]})
    text = collection_quality.summary_text(_status(), submissions, shipped_params, Period(2024), 15)
    assert text == (f"**{UKPBJ}** — Tahun Anggaran 2024. Responden yang diharapkan: 4 (PPK dan Pokja "
                    "Pemilihan dengan paket dalam lingkup pada triwulannya). Tepat waktu 2, terlambat 1, "
                    "belum masuk 1. Batas pengiriman: tanggal 15 bulan pengumpulan (Mei, Agustus, November, "
                    "Januari). Kiriman yang diolah: 2 berkas; tidak terbaca: 1 berkas. ")


def test_summary_without_any_file_says_when_the_survey_is_collected(shipped_params):
    text = collection_quality.summary_text(_status().iloc[:0], pd.DataFrame({"status": []}), shipped_params,
                                           Period(2024, 2), 10)
    assert "Responden yang diharapkan: 0" in text and "tanggal 10 bulan pengumpulan" in text
    assert text.endswith("tidak terbaca: 0 berkas. " + missing.survey_missing("teknis", Period(2024, 2), 10))
    assert "kinerja " not in text  # the commands are the team's (missing.team_steps)


def test_respondents_to_remind_are_late_missing_or_incomplete_and_a_pokja_shows_no_code():
    remind = collection_quality.needs_attention(_status())
    assert remind["nama_responden"].tolist() == ["B", "C", "D"]
    assert remind["nip"].tolist() == ["198102022006022002", "", "198203032007031003"]


def test_completeness_sums_format_5_and_8_over_every_opd():
    k = pd.DataFrame({"paket_f5": [10, 5], "paket_f8": [3, 2], "terjawab_f5": [8, 5], "terjawab_f8": [1, 0]})
    assert collection_quality.answered(k) == (14, 20)
    assert collection_quality.completeness_text(k) == "Secara keseluruhan 14 dari 20 baris paket terjawab (70,0%)."
    assert collection_quality.completeness_text(k.iloc[:0]) == \
        "Secara keseluruhan 0 dari 0 baris paket terjawab (–)."
