"""The report's rules without a batch run: KPI table from stage results, shortfall drivers,
recommendations with evidence, next year's targets, the dashboard's escaping, decisions in the
parameter file, and escaping of untrusted text in tables and Markdown."""

import html
import json
import re

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import PARAMS
from kinerja.core import config
from kinerja.core.periods import Period
from kinerja.methods import indicators, kpi_status, missing, narrative, recommendations, report
from kinerja.render import dashboard, display, rejections

HOSTILE = '<script>alert("x")</script> PT Jahat & Co'


def _kpi(shipped_params, values: dict[str, float], tolerance=0.1) -> pd.DataFrame:
    rows = []
    for i in shipped_params.indikator:
        rows.append({"kode": i.kode, "nama": i.nama, "area": i.area, "ukuran": i.ukuran, "satuan": i.satuan,
                     "polaritas": i.polaritas, "nilai": values.get(i.kode, np.nan), "pembilang": 1.0,
                     "penyebut": 2.0, "jumlah_paket": 10, "catatan": "", "sumber": report.REGISTER_SOURCE,
                     "baseline": np.nan, "baseline_sumber": "", "target": i.target, "area_nama": i.area})
    k = pd.DataFrame(rows)
    from kinerja.methods import indicators
    k["capaian"] = indicators.achievement(k["nilai"], k["target"], k["polaritas"]).values
    k["status"] = indicators.status(k["nilai"], k["target"], k["polaritas"], tolerance).values
    k["keputusan"], k["catatan_keputusan"] = "", ""
    k["status_akhir"] = k["status"]
    k["toleransi"] = tolerance
    k["keterangan"] = missing.reasons(k)  # as report.kpi_table gives it
    return k


def test_drivers_compare_rates_with_the_rest_never_name_the_largest_opd(shipped_params):
    kpi = _kpi(shipped_params, {"IKP-03": 20.0})  # tender gagal, target 5% (turun): off target
    # A: the largest OPD, 6 of 60 failed (10%); B: 6 of 15 (40%); C: 2 of 2 (100%) but too few to compare
    by = pd.DataFrame({"nama_satker": ["Dinas A", "Dinas B", "Dinas C"], "kode": "IKP-03",
                       "pembilang": [6.0, 6.0, 2.0], "penyebut": [60.0, 15.0, 2.0], "jumlah_proses": [60, 15, 2],
                       "jumlah_paket": [55, 15, 2], "satuan": "%", "polaritas": "turun",
                       "dibandingkan": [True, True, False]})
    by["nilai"] = by["pembilang"] / by["penyebut"] * 100
    by["nilai_lain"] = [100 * 8 / 17, 100 * 8 / 62, 100 * 12 / 75]  # every other OPD's rows pooled
    d = report.drivers(by, kpi)
    assert d["nama_satker"].tolist() == ["Dinas B"]  # 40% against 12,9%: 27 points worse
    assert d["nilai"].iloc[0] == pytest.approx(40.0) and d["nilai_lain"].iloc[0] == pytest.approx(800 / 62)
    assert d["jumlah_proses"].iloc[0] == 15
    # a gap under the margin (10 points) names nobody
    close = by.assign(pembilang=[6.0, 2.0, 0.0], nilai=[10.0, 100 * 2 / 15, 0.0],
                      nilai_lain=[100 * 2 / 17, 100 * 6 / 62, 100 * 8 / 75])  # B: 13,3% against 9,7%
    assert report.drivers(close, kpi).empty


def test_recommendation_for_kpi_off_target_names_the_opd_far_below_the_rest(shipped_params):
    kpi = _kpi(shipped_params, {"IKP-03": 20.0, "IKP-01": 12.0})
    driver = pd.DataFrame([{"kode": "IKP-03", "nama_satker": "Dinas B", "jumlah_paket": 15, "jumlah_proses": 15,
                            "nilai": 40.0, "nilai_lain": 12.9, "satuan": "%"}])
    rows = recommendations.kpi_off_target(kpi, driver)
    assert [r["kode"] for r in rows] == ["IKP-03"]
    r = rows[0]
    assert "20,00%" in r["temuan"] and "5,00%" in r["temuan"] and "tidak tercapai" in r["temuan"]
    assert "Dinas B jauh di bawah OPD lain: 40,00% (15 proses), OPD lain 12,90%" in r["temuan"]
    assert "Dinas B" in r["rekomendasi"] and "Prioritaskan" not in r["rekomendasi"]
    assert "pembilang" in r["bukti"] and "10 paket" in r["bukti"]


def test_weakest_ikm_unsur_and_poor_providers_carry_their_numbers():
    terlemah = pd.DataFrame([{"kelompok": "internal", "unsur": "U8", "nama": "Penanganan Pengaduan",
                              "nrr": 2.9, "konversi": 72.5, "mutu": "C", "dijawab": 40, "peringkat": 1,
                              "tindak_lanjut": "Perbaiki penanganan pengaduan."}])
    row = recommendations.weakest_ikm_unsur(terlemah)[0]
    assert "U8" in row["temuan"] and row["rekomendasi"] == "Perbaiki penanganan pengaduan."
    assert "72,50" in row["bukti"] and "Survei Kepuasan Pelanggan (Format 14)" in row["bukti"]
    penyedia = pd.DataFrame({"nama_penyedia": [HOSTILE, "CV Baik"], "nilai": [0.0, 2.5],
                             "jumlah_paket": [1, 3], "kategori": ["Buruk", "Baik"]})
    indeks = pd.DataFrame([{"jumlah_penyedia": 2, "paket_putus": 1}])
    row = recommendations.providers_poor(penyedia, indeks)[0]
    assert row["temuan"].startswith("1 penyedia berkategori Buruk") and HOSTILE in row["bukti"]


def test_findings_name_the_customer_groups_as_satisfaction_does_mid_sentence():
    assert recommendations.KELOMPOK == {"internal": "pelanggan internal", "eksternal": "pelanggan eksternal"}


def test_next_year_targets_follow_the_rules(shipped_params):
    kpi = _kpi(shipped_params, {"IKP-01": 12.5, "IKP-03": 3.0, "IKP-05": 4.0, "IKP-10": 120.0})
    kpi.loc[kpi["kode"] == "IKP-05", "keputusan"] = "Dinyatakan tercapai"
    u = report.next_year_targets(kpi).set_index("kode")
    assert u.loc["IKP-01", "usulan"] == 12.5        # naik, achieved: up to the realisation
    assert u.loc["IKP-03", "usulan"] == 3.0         # turun, achieved: down to the realisation
    assert u.loc["IKP-05", "usulan"] == 5.0 and "pimpinan" in u.loc["IKP-05", "dasar"]
    assert u.loc["IKP-10", "usulan"] == 100.0       # a percentage stays ≤ 100
    # no data: nothing proposed, and the reason given
    assert np.isnan(u.loc["IKP-02", "usulan"]) and u.loc["IKP-02", "dasar"].startswith("Belum ada data")
    assert np.isnan(u.loc["IKP-13", "usulan"]) and "Format 12" in u.loc["IKP-13", "dasar"]


def test_dashboard_escapes_text_and_json(shipped_params, tmp_path):
    kpi = _kpi(shipped_params, {"IKP-01": 12.0})
    kpi.loc[0, "nama"] = HOSTILE + "</script><script>alert(2)</script>"
    trend = pd.DataFrame([{"kode": k, "triwulan": q, "nilai": 1.0 * q, "status": "Tercapai"}
                          for k in kpi["kode"] for q in (1, 2)])
    path = dashboard.write_dashboard(tmp_path / "F16.html", kpi, trend, shipped_params, Period(2024, 2))
    page = path.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert page.count("<script") == 2  # the JSON data and the filter script, nothing else
    data = re.search(r'<script type="application/json" id="data-dasbor">(.*?)</script>', page, re.S).group(1)
    assert set(json.loads(data)["indikator"]) == {i.kode for i in shipped_params.indikator}
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # nothing fetched


def test_display_table_and_teks_escape_untrusted_text():
    html = display.table(pd.DataFrame({"nama": [HOSTILE], "n": [1.5]}), {"nama": "Nama <b>", "n": "N"},
                         {"n": "desimal"}, caption="<i>x</i>").to_html()
    assert "<script>" not in html and "&lt;script&gt;" in html and "Nama &lt;b&gt;" in html
    assert "<i>x</i>" not in html and "1,50" in html
    t = display.teks("**tebal** [tautan](http://x) <img src=x onerror=alert(1)>")
    assert "<img" not in t and "\\*\\*tebal" in t and "\\[tautan\\]" in t


def test_bullets_escape_untrusted_text_and_file_lists_name_the_files(tmp_path):
    assert display.bullets(["Dinas *A*", "B_2"]) == "- Dinas \\*A\\*\n- B\\_2"
    assert display.bullets(["**A** naik"], escape=False) == "- **A** naik"
    assert display.bullets([]) == ""
    assert display.file_list([tmp_path / "F6_Rekap.xlsx", "keluaran/F7_Rekap.xlsx"]) == \
        "- F6_Rekap.xlsx\n- F7_Rekap.xlsx"


def test_report_decisions_come_from_parameters_with_clear_errors(tmp_path):
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["laporan"] = {"revisi": 2, "keputusan": "revisi", "tanggal_keputusan": "2025-02-10",
                      "indikator": [{"kode": "IKP-06", "keputusan": "dinyatakan_tercapai", "catatan": "ok"}]}
    good = tmp_path / "baik.yaml"
    good.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    p = config.load(good)
    assert report.decision_text(p) == ("Revisi ke-2 · Keputusan pimpinan: Dikembalikan untuk revisi "
                                       "(10 Februari 2025)")
    assert kpi_status.decisions(p) == {"IKP-06": ("Dinyatakan tercapai", "ok")}
    assert report.file_label(p, Period(2024, 2)) == "2024-TW2_revisi2"
    raw["laporan"]["indikator"] = [{"kode": "IKP-99", "keputusan": "tercapai"}]
    bad = tmp_path / "salah.yaml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(config.ParameterError) as err:
        config.load(bad)
    text = str(err.value)
    assert "laporan.indikator[0].keputusan" in text and "dinyatakan_tercapai" in text
    assert "Traceback" not in text


def test_status_column_adds_the_decision_and_why_there_is_no_value():
    kpi = pd.DataFrame({"status_akhir": ["Tercapai", "Tercapai", "Belum ada data"],
                        "keputusan": ["", "Dinyatakan tercapai", ""],
                        "keterangan": ["", "", "tidak ada data di register: SPSE-PesertaTender"]})
    assert narrative.status_text(kpi).tolist() == [
        "Tercapai", "Tercapai (dinyatakan tercapai)", "Belum ada data: tidak ada data di register: SPSE-PesertaTender"]
    assert report.decided(kpi).index.tolist() == [1]


def test_kpi_rows_show_each_value_in_its_unit_with_achievement_and_status():
    kpi = pd.DataFrame({"nilai": [12.5, 26.857, np.nan], "target": [10.0, 30.0, 2.5], "satuan": ["%", "hari", ""],
                        "capaian": [125.0, 111.7, np.nan], "status_akhir": ["Tercapai", "Tercapai", "Belum ada data"],
                        "keputusan": ["", "", ""], "keterangan": ["", "", "tidak ada data"]})
    rows = display.kpi_rows(kpi)
    assert rows[["realisasi", "target_teks", "capaian_teks", "status_teks"]].values.tolist() == [
        ["12,50%", "10,00%", "125,0%", "Tercapai"], ["26,86 hari", "30,00 hari", "111,7%", "Tercapai"],
        ["–", "2,50", "–", "Belum ada data: tidak ada data"]]
    assert rows.columns[:7].tolist() == kpi.columns.tolist()


def test_proposed_targets_are_headed_by_this_year_and_next():
    proposed = pd.DataFrame({"kode": ["IKP-01"], "nama": ["Efisiensi"], "satuan": ["%"], "target": [10.0],
                             "nilai": [12.3456], "usulan": [12.35], "dasar": ["naik"]})
    assert display.target_rows(proposed)[["target_teks", "realisasi", "usulan_teks"]].values.tolist() == [
        ["10,00%", "12,35%", "12,35%"]]
    assert display.target_headings(2024) == {"kode": "Kode", "nama": "Indikator", "target_teks": "Target 2024",
                                             "realisasi": "Realisasi", "usulan_teks": "Usulan 2025", "dasar": "Dasar"}


def test_named_headings_put_the_given_first_and_keep_the_other_names():
    wide = pd.DataFrame(columns=["kode", "TW I", "TW II", "nama"])
    assert display.named_headings(wide, {"kode": "Kode", "nama": "Indikator"}) == {
        "kode": "Kode", "nama": "Indikator", "TW I": "TW I", "TW II": "TW II"}
    assert display.named_headings(pd.DataFrame(columns=["kode", "Tender", "E-Purchasing"]), {"kode": "Kode"}) == {
        "kode": "Kode", "Tender": "Tender", "E-Purchasing": "E-Purchasing"}


def test_paragraphs_escape_untrusted_text():
    assert display.paragraphs(["OPD *A*", "Catatan <b>"]) == "OPD \\*A\\*\n\nCatatan &lt;b&gt;"
    assert display.paragraphs([]) == ""


def test_driver_lines_name_the_opd_as_written_against_the_rest():
    # plain text: the report's renderers escape it (test_report_layout)
    driver = pd.DataFrame([{"kode": "IKP-03", "nama_satker": "Dinas *A* & B", "jumlah_paket": 1150,
                            "jumlah_proses": 1200, "nilai": 30.0, "nilai_lain": 7.25, "satuan": "%"}])
    assert narrative.driver_lines(driver) == ["IKP-03: Dinas *A* & B — 30,00% (1.200 proses), OPD lain 7,25%."]
    assert narrative.driver_lines(driver.iloc[:0]) == []


def test_decision_paragraph_carries_the_note_and_says_when_no_indicator_is_decided(shipped_params):
    decision = "Revisi ke-1 · Keputusan pimpinan: Dikembalikan untuk revisi"
    noted = shipped_params.model_copy(
        update={"laporan": shipped_params.laporan.model_copy(update={"catatan": "Lengkapi <b>OPD</b>."})})
    assert narrative.decision_paragraph(decision, noted, pd.DataFrame({"kode": ["IKP-05"]})) == (
        "Revisi ke-1 · Keputusan pimpinan: Dikembalikan untuk revisi. Catatan: Lengkapi <b>OPD</b>.")
    assert narrative.decision_paragraph(decision, shipped_params, pd.DataFrame({"kode": []})) == (
        "Revisi ke-1 · Keputusan pimpinan: Dikembalikan untuk revisi. Belum ada keputusan per indikator.")


def test_rejection_workbook_keeps_a_rejected_formula_as_text(tmp_path):
    from openpyxl import load_workbook

    rows = pd.DataFrame([{"berkas": "F5_x.xlsx", "format": "F5", "periode": "2024-TW1", "jenis_responden": "PPK",
                          "kode_responden": "=1+1", "sheet": "Kinerja Penyedia", "row": 7, "column": "kualitas",
                          "value": '=HYPERLINK("http://evil.example","klik")', "reason": "Rumus pada sel isian"}])
    path = rejections.write_rejection_workbook(rows, tmp_path / "penolakan.xlsx", Period(2024, 1))
    cells = [c for row in load_workbook(path).active.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert {c.value for c in cells} == {"=1+1", '=HYPERLINK("http://evil.example","klik")'}
    assert all(c.data_type == "s" for c in cells)


def test_breakdown_note_names_the_minimum_and_the_margin():
    note = narrative.breakdown_note(7)
    assert "paling sedikit 7 prosesnya" in note and "paling sedikit 10 poin persen" in note
    assert "bukan OPD dengan paket terbanyak" in note


def test_dashboard_states_the_data_date_the_incomplete_quarter_and_each_definition(shipped_params, tmp_path):
    kpi = _kpi(shipped_params, {"IKP-01": 12.0}).assign(tanggal_data=pd.Timestamp("2025-10-03"))
    trend = pd.DataFrame([{"kode": k, "triwulan": q, "nilai": 1.0 * q, "status": "Tercapai",
                           "catatan_periode": "TW IV: data sampai 3 Oktober 2025" if q == 4 else ""}
                          for k in kpi["kode"] for q in (3, 4)])
    page = dashboard.write_dashboard(tmp_path / "F16.html", kpi, trend, shipped_params,
                                     Period(2025)).read_text(encoding="utf-8")
    assert ("Register paket: data per 3 Oktober 2025 — Tahun Anggaran 2025: data sampai 3 Oktober 2025 "
            "(periode belum lengkap)") in page
    assert "Triwulan IV (data sampai 3 Oktober 2025)" in page and "TW IV (data sampai 3 Oktober 2025)" in page
    assert "Triwulan III (data" not in page and "TW III (data" not in page  # a quarter the data cover
    ind = shipped_params.indikator[0]
    assert html.escape(indicators.definisi_buku_kerja(ind, shipped_params.area_strategis)) in page


def test_trend_heads_an_incomplete_quarter_with_its_data_date():
    trend = pd.DataFrame([{"kode": "IKP-01", "triwulan": q, "nilai": 5.0, "satuan": "%", "ukuran": "efisiensi_pagu",
                           "catatan_periode": "TW IV: data sampai 3 Oktober 2025" if q == 4 else ""}
                          for q in (1, 2, 3, 4)])
    wide = report.trend_wide(trend)
    assert list(wide.columns) == ["kode", "TW I", "TW II", "TW III", "TW IV: data sampai 3 Oktober 2025"]
