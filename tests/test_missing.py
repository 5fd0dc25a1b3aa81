"""Missing data said as missing: reasons per indicator, survey steps, no target or comparison
resting on a missing value, and the report sentences built from them."""

import datetime as dt

import numpy as np
import pandas as pd
from kinerja.core.periods import Period
from kinerja.methods import collection_quality, missing, narrative, providers, recommendations
from kinerja.render import dashboard, display

from tests.test_laporan_unit import _kpi


def test_collection_months_follow_the_sop():
    assert missing.collection_months(2025) == "Mei, Agustus dan November 2025 serta Januari 2026"
    assert missing.collection_month_names() == "Mei, Agustus, November, Januari"


def test_reasons_tell_survey_download_empty_file_and_period_apart(shipped_params):
    kpi = _kpi(shipped_params, {"IKP-01": 12.0})   # only IKP-01 measured
    lacking = pd.DataFrame([
        {"kode": "IKP-08", "nama": "x", "jenis": "dataset",
         "kekurangan": missing.not_downloaded("RUP-PaketPenyedia-Terumumkan", "RUP paket penyedia (SiRUP)")},
        {"kode": "IKP-11", "nama": "x", "jenis": "kosong",
         "kekurangan": missing.empty_file(["43_1076_SPSE-TenderEkontrak-4BAPBAST.json"], "e-Kontrak: BAP / BAST")}])
    why = missing.reasons(kpi, lacking).set_axis(kpi["kode"])
    assert why["IKP-01"] == ""
    assert why["IKP-08"] == "unduh RUP-PaketPenyedia-Terumumkan (RUP paket penyedia (SiRUP) belum ada di register)"
    assert why["IKP-11"].startswith("berkas 43_1076_SPSE-TenderEkontrak-4BAPBAST.json kosong (tanpa baris)")
    assert why["IKP-13"] == "Survei Kepuasan Pelanggan internal (Format 12) belum dilaksanakan atau belum diterima"
    # the provider index: no SIKaP rating and no F5 form, both said
    assert why["IKP-12"] == ("tidak ada penilaian kinerja penyedia oleh PPK di SIKaP (e-Kontrak) untuk paket periode "
                             "ini, dan Survei Teknis: penilaian kinerja penyedia (Format 5) belum dilaksanakan atau "
                             "belum diterima")
    assert missing.kind(why["IKP-12"]) == "survei"
    assert why["IKP-03"] == missing.NONE_QUALIFY
    assert [missing.kind(why[k]) for k in ("IKP-13", "IKP-08", "IKP-11", "IKP-03")] == [
        "survei", "register", "kosong", "periode"]
    kpi["keterangan"] = why.to_numpy()
    shown = narrative.status_text(kpi).set_axis(kpi["kode"])
    assert shown["IKP-08"].startswith("Belum ada data: unduh RUP-PaketPenyedia-Terumumkan")


def test_survey_steps_say_what_is_missing_and_when_relative_to_the_report_date(shipped_params):
    kpi = _kpi(shipped_params, {k: 1.0 for k in ("IKP-12", "IKP-14")})   # F12 missing, F5 and F13 there
    (step,) = narrative.survey_steps(kpi, shipped_params, Period(2025), dt.date(2025, 12, 1))
    assert step == ("Belum ada data: Survei Kepuasan Pelanggan internal (Format 12) belum dilaksanakan atau belum "
                    "diterima untuk Tahun Anggaran 2025. Batas pengumpulannya: pengumpulan tahunan 15 Januari 2026.")
    assert "kinerja " not in step and "`" not in step   # commands are for the team (missing.how_to)
    # a report made after every deadline never presents one as coming
    late = missing.survey_missing("penyedia", Period(2025), 15, dt.date(2026, 12, 6))
    assert late.endswith("Batas pengumpulannya sudah lewat pada tanggal laporan ini (6 Desember 2026): "
                         "triwulan I 15 Mei 2025, triwulan II 15 Agustus 2025, triwulan III 15 November 2025 dan "
                         "triwulan IV 15 Januari 2026; datanya hanya dapat dilengkapi dengan pengumpulan susulan.")
    mid = missing.survey_missing("penyedia", Period(2025), 10, dt.date(2025, 9, 1))
    assert mid.endswith("Batas pengumpulan triwulan I 10 Mei 2025 dan triwulan II 10 Agustus 2025 sudah lewat "
                        "pada tanggal laporan ini (1 September 2025); batas berikutnya: triwulan III 10 November "
                        "2025 dan triwulan IV 10 Januari 2026.")
    assert missing.survey_missing("penyedia", Period(2025, 2), 15, dt.date(2025, 9, 1)).endswith(
        "(1 September 2025): triwulan I 15 Mei 2025 dan triwulan II 15 Agustus 2025; datanya hanya dapat "
        "dilengkapi dengan pengumpulan susulan.")  # a second-quarter report asks for its two quarters only


def test_the_teams_steps_name_the_commands_with_a_relative_parameter_file(shipped_params):
    from kinerja.core import paths

    f5 = missing.how_to("penyedia", Period(2025), str(paths.ROOT / "parameters" / "bandung.yaml"), 15)
    assert "`kinerja forms --params parameters/bandung.yaml --period 2025-TW1`" in f5
    assert "`kinerja intake --params parameters/bandung.yaml FOLDER_FORMULIR`" in f5
    assert "Mei, Agustus dan November 2025 serta Januari 2026" in f5 and "paling lambat tanggal 15" in f5
    steps = missing.team_steps(shipped_params, Period(2025), str(paths.ROOT / "parameters" / "bandung.yaml"))
    assert steps.count("`kinerja forms") == 3 and str(paths.ROOT) not in steps


def test_summary_names_the_indicators_without_data_in_one_sentence(shipped_params):
    kpi = _kpi(shipped_params, {"IKP-01": 12.0, "IKP-03": 20.0})
    kpi["keterangan"] = missing.reasons(kpi)
    parts = narrative.executive_summary(shipped_params, Period(2024), kpi, pd.DataFrame(columns=recommendations.COLUMNS),
                                        ["Pengadaan tahun 2024 dalam data: …"])
    assert parts["cakupan"] == ["Pengadaan tahun 2024 dalam data: …"]
    status, no_data = parts["capaian"]
    assert "13 belum ada data" in status and "1 tercapai" in status and "1 tidak tercapai" in status
    # one sentence: every indicator without a value, grouped by why, in a few words
    assert no_data.count(".") == 1 and no_data.startswith("Belum ada data: ")
    assert "; IKP-12, IKP-13 dan IKP-14 (survei belum dilaksanakan atau belum diterima)" in no_data
    assert "IKP-10, IKP-11 dan IKP-15 (tidak ada paket yang memenuhi syarat hitung)" in no_data
    assert "IKM" not in " ".join(status + no_data) and "Indeks kinerja penyedia" not in no_data
    asked = " ".join(parts["keputusan"])
    assert "SOP langkah 18" in asked and "menetapkan indikator telah tercapai" in asked
    assert "IKP-03" in asked and "IKP-01" not in asked  # off target (20% failed against 5%) / achieved
    assert asked.endswith("Keputusan saat ini: Belum diputuskan.")


def test_missing_surveys_are_one_finding_register_gaps_another(shipped_params):
    kpi = _kpi(shipped_params, {k.kode: k.target for k in shipped_params.indikator if k.kode not in ("IKP-11", "IKP-13")})
    kpi["keterangan"] = missing.reasons(kpi, pd.DataFrame([{"kode": "IKP-11", "nama": "", "kekurangan":
                                                            missing.not_downloaded("SPSE-TenderEkontrak-4BAPBAST", "BAST")}]))
    rows = recommendations.indicators_without_data(kpi)
    assert [r["kode"] for r in rows] == ["IKP-11"] and "muat ke register" in rows[0]["rekomendasi"]
    plans = pd.DataFrame({"kode": ["IKP-01", "IKP-02"], "dilaporkan": [0, 2]})
    ringkasan = pd.DataFrame({"periode": ["2024-TW1", "2024-TW2"], "Belum masuk": [3, 4], "Terlambat": [0, 1],
                              "tingkat_respons": [70.0, 60.0]})
    (survey,) = recommendations.surveys_missing(kpi, plans, ringkasan)
    assert survey["kode"] == "IKP-13" and survey["topik"] == "Kualitas data"
    assert "IKP-13 tanpa nilai karena surveinya belum dilaksanakan atau belum diterima" in survey["temuan"]
    assert "7 kiriman responden belum masuk dan 1 terlambat" in survey["temuan"]
    assert "laporan kemajuan rencana aksi belum ada untuk 1 indikator" in survey["temuan"]
    assert "Kualitas data pengumpulan" in survey["rekomendasi"] and "Format 4" in survey["rekomendasi"]
    assert not any("kinerja " in r["rekomendasi"] + r["bukti"] for r in rows + [survey])
    nothing = pd.DataFrame({"periode": ["2024-TW1"], "Belum masuk": [0], "Terlambat": [0], "tingkat_respons": [100.0]})
    assert recommendations.surveys_missing(kpi.assign(nilai=1.0), plans.assign(dilaporkan=1), nothing) == []
    assert not recommendations.kpi_off_target(kpi, pd.DataFrame())  # targets met, nothing off target


def test_provider_index_without_scores_is_missing_not_zero():
    scored = pd.DataFrame({"nilai_x100": pd.Series(dtype="int64"), "putus_kontrak": pd.Series(dtype=bool)})
    recap = pd.DataFrame({"kategori": pd.Series(dtype="object")})
    idx = providers.performance_index(scored, recap, due=23)
    assert idx.loc[0, "cakupan"] == 0 and pd.isna(idx.loc[0, "penyedia_buruk"]) and pd.isna(idx.loc[0, "nilai"])
    last = pd.DataFrame([{"nilai": 2.4}])
    assert np.isnan(providers.with_previous_index(idx, last).loc[0, "nilai_tahun_lalu"])
    measured = idx.assign(nilai=2.1)
    assert providers.with_previous_index(measured, last).loc[0, "nilai_tahun_lalu"] == 2.4


def test_data_quality_counts_only_the_reports_year(shipped_params):
    ikm = pd.DataFrame([{"kelompok": "internal", "tahun": 2024, "responden": 183, "sampel_minimum": 169,
                         "sampel_cukup": True, "mutu_pasti": True}])
    results = {"02_ringkasan_pengumpulan": pd.DataFrame(), "02_kelengkapan_opd": pd.DataFrame(),
               "02_penolakan_alasan": pd.DataFrame(), "03_ikm": ikm,
               "04_indeks": pd.DataFrame([{"jumlah_paket": 0, "paket_selesai": 23, "cakupan": 0.0}]),
               "04_penyedia_paket": pd.DataFrame({"sumber": pd.Series(dtype="string")}),
               "04_mutu_penilaian": pd.DataFrame(columns=["kode_paket", "no_kontrak", "masalah"]),
               "04_selisih_sumber": pd.DataFrame(columns=["kode_paket", "nilai", "nilai_f5"])}
    kpi = _kpi(shipped_params, {})
    q = collection_quality.data_quality(results, kpi, 2025).set_index("aspek")
    assert "Responden survei kepuasan internal" not in q.index     # 2024's answers are not 2025's
    assert q.loc["Survei Kepuasan Pelanggan internal (Format 12)", "nilai"] == "Belum ada data"
    q24 = collection_quality.data_quality(results, kpi, 2024).set_index("aspek")
    assert q24.loc["Survei Kepuasan Pelanggan internal (Format 12)", "nilai"] == "183 responden"


def test_shown_caption_never_claims_more_rows_than_exist():
    assert display.shown_caption(13, 13, "OPD") == "13 OPD"
    assert display.shown_caption(15, 39, "OPD", "; lengkap di hasil.") == "15 dari 39 OPD; lengkap di hasil."


def test_dashboard_shows_quarter_values_and_why_no_data(shipped_params, tmp_path):
    kpi = _kpi(shipped_params, {"IKP-01": 12.0})
    kpi["keterangan"] = missing.reasons(kpi)
    trend = pd.DataFrame([{"kode": k, "triwulan": q, "nilai": (8.5 + q) if k == "IKP-01" else np.nan,
                           "status": "Tercapai" if k == "IKP-01" else "Belum ada data"}
                          for k in kpi["kode"] for q in (1, 2, 3)])
    page = dashboard.write_dashboard(tmp_path / "F16.html", kpi, trend, shipped_params,
                                     Period(2024, 3)).read_text("utf-8")
    tile = page[page.index('data-kode="IKP-01"'):page.index('data-kode="IKP-02"')]
    assert "TW I 9,50% · TW II 10,50% · TW III 11,50%" in tile
    ikm = page[page.index('data-kode="IKP-13"'):page.index('data-kode="IKP-14"')]
    assert "Diukur per tahun" in ikm and "Belum ada data: Survei Kepuasan Pelanggan internal (Format 12)" in ikm
    reg = page[page.index('data-kode="IKP-11"'):page.index('data-kode="IKP-12"')]
    assert "TW I – · TW II – · TW III –" in reg and "Belum ada data per triwulan" in reg
    assert "Tidak diukur per triwulan" not in page


def test_stage_summary_says_the_survey_is_missing_only_when_nothing_came_in():
    assert missing.when_none(3, "teknis", Period(2025)) == ""
    text = missing.when_none(0, "teknis", Period(2025), 10, dt.date(2025, 4, 1))
    assert text.startswith("Belum ada data: Survei Teknis (Format 4, 5 dan 8)")
    assert text.endswith("Batas pengumpulannya: triwulan I 10 Mei 2025, triwulan II 10 Agustus 2025, "
                         "triwulan III 10 November 2025 dan triwulan IV 10 Januari 2026.")
