"""Provider performance (methodology §1): exact package scores and category edges, terminated
contracts, recaps per provider / satker with trend, the index, the F6/F7 workbooks read back,
`kinerja penyedia` on good and bad files, the demo rows, and notebook 04 on small data."""

import json
import subprocess
import sys

import numpy as np
import openpyxl
import pandas as pd
import papermill
import pytest
import yaml
from conftest import PARAMS
from kinerja.core import config, paths
from kinerja.core.config import BobotPenyedia, KategoriPenyedia, ParameterError
from kinerja.core.periods import Period
from kinerja.demo import demo_penyedia
from kinerja.inputs import surveys
from kinerja.methods import providers
from kinerja.render import provider_workbooks
from survei_data import evaluation_setup


def rows(*scores, putus=None, **cols):
    """Validated F5 rows from (kualitas, biaya, waktu, layanan) tuples."""
    n = len(scores)
    raw = pd.DataFrame({"kode_paket": cols.pop("kode_paket", [f"P{i}" for i in range(n)]),
                        "kd_penyedia": cols.pop("kd_penyedia", ["A"] * n),
                        **{a: [s[k] for s in scores] for k, a in enumerate(providers.ASPECTS)},
                        **cols})
    if putus is not None:
        raw["putus_kontrak"] = putus
    return providers.read_scores(raw.astype(str).replace({"None": ""}))


def nilai(*scores, bobot=BobotPenyedia(), kategori=KategoriPenyedia(), **kw):
    return providers.score(rows(*scores, **kw), bobot, kategori)


# --------------------------------------------------------------------------- package scores

def test_default_weights_hand_computed():
    s = nilai((3, 3, 3, 3), (2, 2, 2, 2), (3, 1, 1, 3), (1, 3, 2, 2), (1, 1, 1, 1), (3, 2, 1, 1))
    # 0,3·k + 0,2·b + 0,3·w + 0,2·l
    assert s["nilai_x100"].tolist() == [300, 200, 200, 190, 100, 180]
    assert s["nilai"].tolist() == [3.0, 2.0, 2.0, 1.9, 1.0, 1.8]
    assert s["kategori"].tolist() == ["Sangat Baik", "Baik", "Baik", "Cukup", "Cukup", "Cukup"]


def test_three_times_every_weight_is_exactly_sangat_baik_even_where_floats_are_not():
    bobot = BobotPenyedia(kualitas=0.1, biaya=0.3, waktu=0.3, layanan=0.3)
    assert 0.1 * 3 + 0.3 * 3 + 0.3 * 3 + 0.3 * 3 < 3  # the trap: 2.9999999999999996
    s = nilai((3, 3, 3, 3), (2, 3, 2, 1), bobot=bobot)
    assert s["nilai_x100"].tolist() == [300, 200]
    assert s["kategori"].tolist() == ["Sangat Baik", "Baik"]  # 0,2+0,9+0,6+0,3 is exactly 2


def test_category_edges_two_decimals():
    bobot = BobotPenyedia(kualitas=0.33, biaya=0.33, waktu=0.33, layanan=0.01)
    s = nilai((2, 2, 2, 2), (2, 2, 2, 1), (1, 1, 1, 1), (1, 1, 1, 3), bobot=bobot)
    assert s["nilai"].tolist() == [2.0, 1.99, 1.0, 1.02]
    assert s["kategori"].tolist() == ["Baik", "Cukup", "Cukup", "Cukup"]
    assert providers.category([300, 299, 200, 199, 100, 99, 0]).tolist() == [
        "Sangat Baik", "Baik", "Baik", "Cukup", "Cukup", "Buruk", "Buruk"]


def test_thresholds_come_from_the_parameters():
    kategori = KategoriPenyedia(sangat_baik=2.75, baik=2.25, cukup=1.5)
    assert providers.category([275, 274, 225, 224, 150, 149], kategori).tolist() == [
        "Sangat Baik", "Baik", "Baik", "Cukup", "Cukup", "Buruk"]


def test_terminated_contract_scores_zero_whatever_its_aspects():
    s = nilai((3, 3, 3, 3), ("", "", "", ""), (3, 3, 3, 3), putus=["0", "1", "ya"])
    assert s["nilai_x100"].tolist() == [300, 0, 0]
    assert s["kategori"].tolist() == ["Sangat Baik", "Buruk", "Buruk"]
    assert s["putus_kontrak"].tolist() == [False, True, True]


def test_period_filter_reads_the_triwulan_however_written():
    r = rows((3, 3, 3, 3), (2, 2, 2, 2), (1, 1, 1, 1), triwulan=["TW2", "2.0", "3"],
             tahun_anggaran=["2024", "", "2023"])
    assert r["triwulan"].tolist() == [2, 2, 3]
    assert surveys.in_period(r, Period(2024, 2))["kode_paket"].tolist() == ["P0", "P1"]
    assert surveys.in_period(r, Period(2024))["kode_paket"].tolist() == ["P0", "P1"]


def test_weights_must_be_whole_percent_and_thresholds_ordered(tmp_path):
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["metode"]["bobot_penyedia"] = {"kualitas": 0.333, "biaya": 0.167, "waktu": 0.3, "layanan": 0.2}
    raw["metode"]["kategori_penyedia"] = {"sangat_baik": 3, "baik": 1, "cukup": 2}
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        config.load(path)
    text = str(err.value)
    assert "metode.bobot_penyedia" in text and "persen bulat" in text
    assert "metode.kategori_penyedia" in text and "cukup < baik" in text


# --------------------------------------------------------------------------- recaps

def test_provider_mean_counts_packages_and_distinct_ppk():
    s = nilai((3, 3, 3, 3), (2, 2, 1, 2), (2, 2, 2, 2), (1, 1, 1, 1),
              kd_penyedia=["A", "A", "A", "B"], nip_ppk=["p1", "p2", "p1", "p3"])
    recap = providers.provider_recap(s).set_index("kd_penyedia")
    # A: (300 + 170 + 200) / 3 = 223.33 -> 2.23, Baik; lowest 1.70
    assert recap.loc["A", ["jumlah_paket", "jumlah_ppk"]].tolist() == [3, 2]
    assert recap.loc["A", "nilai"] == 2.23 and recap.loc["A", "nilai_min"] == 1.7
    assert recap.loc["A", "kategori"] == "Baik"
    assert recap.loc["B", "nilai"] == 1.0 and recap.loc["B", "kategori"] == "Cukup"
    assert list(recap.index) == ["A", "B"]  # best first


def test_provider_mean_is_rounded_half_up_and_categorised_as_shown():
    # (190 + 200 + 200 + 200) / 4 = 197.5 -> 1.98 (half up); (190 + 209)/2 = 199.5 -> 2.00 Baik
    assert providers.mean_x100([790, 399], [4, 2]).tolist() == [198, 200]
    bobot = BobotPenyedia(kualitas=0.33, biaya=0.33, waktu=0.33, layanan=0.01)
    s = nilai((2, 2, 2, 2), (2, 2, 2, 1), kd_penyedia=["A", "A"], bobot=bobot)  # 2.00 and 1.99
    recap = providers.provider_recap(s)
    assert recap["nilai"].tolist() == [2.0] and recap["kategori"].tolist() == ["Baik"]


def test_array_scores_are_the_recaps_scores():
    """package_x100, mean_score and mean_scores_by (the what-if engine's path) give the
    package scores, the index and the per-provider means of score, performance_index and
    provider_recap on the same rows."""
    s = nilai((3, 3, 3, 3), (2, 2, 1, 2), (2, 2, 2, 2), (1, 1, 1, 1), (3, 3, 3, 3),
              kd_penyedia=["A", "A", "B", "B", "C"], putus=["0", "0", "0", "0", "1"])
    aspects = s[list(providers.ASPECTS)].to_numpy()
    x100 = providers.package_x100(aspects, s["putus_kontrak"], [30, 20, 30, 20])
    assert x100.tolist() == s["nilai_x100"].tolist() == [300, 170, 200, 100, 0]
    recap = providers.provider_recap(s)
    assert providers.mean_score(x100) == providers.performance_index(s, recap)["nilai"].iloc[0] == 1.54
    codes, names = pd.factorize(s["kd_penyedia"])
    means = dict(zip(names, providers.mean_scores_by(x100, codes, len(names))))
    assert means == {"A": 2.35, "B": 1.5, "C": 0.0}
    assert means == dict(zip(recap["kd_penyedia"], recap["nilai"]))
    assert providers.mean_scores_by(x100, np.array([0, 0, -1, 2, 2]), 3).tolist() == [2.35, 0.5]
    assert np.isnan(providers.mean_score([]))
    assert providers.pct_ok([30, 20, 30, 20]) and not providers.pct_ok([40, 20, 30, 20])
    assert not providers.pct_ok([110, -10, 0, 0])


def test_trend_against_last_year():
    now = nilai((3, 3, 3, 3), (2, 2, 2, 2), (2, 2, 2, 2), (1, 1, 1, 1), kd_penyedia=["A", "B", "C", "D"])
    last = nilai((2, 2, 2, 2), (2, 2, 2, 2), (3, 3, 3, 3), kd_penyedia=["A", "B", "C"],
                 kode_paket=["L1", "L2", "L3"])
    recap = providers.provider_recap(now, previous=last).set_index("kd_penyedia")
    assert recap["tren"].to_dict() == {"A": "Naik", "B": "Tetap", "C": "Turun", "D": "Baru dinilai"}
    assert recap.loc["A", "selisih"] == 1.0 and recap.loc["C", "selisih"] == -1.0
    assert recap.loc["C", "kategori_tahun_lalu"] == "Sangat Baik" and pd.isna(recap.loc["D", "nilai_tahun_lalu"])


def register(**extra):
    """A package register (the columns providers reads) for packages P0..P3."""
    return pd.DataFrame({
        "kd_paket": ["P0", "P1", "P2", "P3"], "nama_paket": ["Jalan", "Gedung", "Obat", "Laptop"],
        "satker_key": ["1.1", "1.1", "2.1", "2.1"], "kd_satker": ["1.01", "1.01", "2.01", "2.01"],
        "nama_satker": ["Dinas PUPR", "Dinas PUPR", "RSUD", "RSUD"],
        "metode": ["Tender", "Tender", "Seleksi", "Tender"], "jenis_pengadaan": ["Pekerjaan Konstruksi"] * 4,
        "nilai_kontrak": [1_000_000.0, 2_000_000.5, 500_000.0, 250_000.0],
        "nama_penyedia": ["PT A", "PT A", "PT B", "PT C"], **extra})


def test_satker_recap_index_and_attention():
    s = providers.with_packages(nilai((3, 3, 3, 3), (2, 2, 2, 2), (1, 2, 1, 2), ("", "", "", ""),
                                      kd_penyedia=["A", "A", "B", "C"], nip_ppk=["p1", "p1", "p2", "p2"],
                                      putus=["", "", "", "1"]), register())
    assert s["nama_satker"].tolist() == ["Dinas PUPR", "Dinas PUPR", "RSUD", "RSUD"]
    assert s["nama_penyedia"].tolist() == ["PT A", "PT A", "PT B", "PT C"]  # from the register
    satker = providers.satker_recap(s).set_index("nama_satker")
    # PUPR: (300 + 200)/2 = 2.50 Baik; RSUD: (140 + 0)/2 = 0.70 Buruk
    assert satker.loc["Dinas PUPR", ["jumlah_paket", "jumlah_penyedia", "nilai"]].tolist() == [2, 1, 2.5]
    assert satker.loc["RSUD", "nilai"] == 0.7 and satker.loc["RSUD", "kategori"] == "Buruk"
    assert satker.loc["RSUD", ["paket_cukup", "paket_buruk"]].tolist() == [1, 1]
    assert satker.loc["Dinas PUPR", "nilai_kontrak"] == 3_000_000.5

    recap = providers.provider_recap(s)
    index = providers.performance_index(s, recap, due=5).iloc[0]
    # (300 + 200 + 140 + 0) / 4 = 160 -> 1.60 Cukup; A Baik, B Cukup, C Buruk
    assert index["nilai"] == 1.6 and index["kategori"] == "Cukup"
    assert index["porsi_minimal_baik"] == pytest.approx(100 / 3)
    assert (index["penyedia_cukup"], index["penyedia_buruk"], index["paket_putus"]) == (1, 1, 1)
    assert index["cakupan"] == 80.0

    weak = providers.attention(s, recap)
    assert weak["kd_penyedia"].tolist() == ["C", "B"]  # worst first, each with its packages
    assert weak["kode_paket"].tolist() == ["P3", "P2"] and weak["nama_paket"].tolist() == ["Laptop", "Obat"]


def test_empty_year_gives_empty_recaps_not_errors():
    s = providers.with_packages(providers.score(providers.read_scores(
        pd.DataFrame(columns=surveys.COLUMNS["penilaian_penyedia"]))), register())
    recap = providers.provider_recap(s, previous=s)
    assert len(recap) == 0 and len(providers.satker_recap(s)) == 0
    assert np.isnan(providers.performance_index(s, recap).iloc[0]["nilai"])


# --------------------------------------------------------------------------- F6 / F7 workbooks

HOSTILE = '=HYPERLINK("http://contoh.invalid","klik")'


def test_f6_f7_workbooks_read_back(tmp_path):
    params = config.load(PARAMS)
    s = providers.with_packages(nilai((3, 3, 3, 3), (2, 2, 2, 2), (1, 2, 1, 2),
                                      kd_penyedia=["A", "A", "B"], nip_ppk=["p1", "p2", "p1"],
                                      nama_penyedia=[HOSTILE, HOSTILE, "+62 CV Plus"],
                                      catatan=["-terlambat", "@ppk", ""]), register())
    recap = providers.provider_recap(s)
    f6 = provider_workbooks.write_f6(tmp_path / "F6.xlsx", recap, providers.attention(s, recap), s, params, Period(2024))
    wb = openpyxl.load_workbook(f6)
    ws = wb["Rekap per penyedia"]
    assert ws["A1"].value.startswith("FORMAT 6") and ws["A3"].value == "Tahun Anggaran 2024"
    header = [c.value for c in ws[5]]
    assert header[:3] == ["Kode penyedia", "Nama penyedia", "Jumlah paket dinilai"]
    assert "Nilai rata-rata" in header and "Kategori" in header
    assert ws.freeze_panes == "A6" and ws.auto_filter.ref == f"A5:{ws.cell(5, len(header)).column_letter}7"
    name = ws["B6"]
    assert name.value == HOSTILE and name.data_type == "s" and name.quotePrefix
    col = {h: i + 1 for i, h in enumerate(header)}
    assert ws.cell(6, col["Nilai rata-rata"]).value == 2.5
    assert ws.cell(6, col["Nilai rata-rata"]).number_format == "#,##0.00"
    assert ws.cell(6, col["Nilai kontrak"]).number_format == '"Rp" #,##0.00'
    assert ws.cell(6, col["Nilai kontrak"]).value == 3_000_000.5
    totals = [c.value for c in ws[8]]
    assert totals[0] == "Jumlah / rata-rata"
    assert totals[col["Jumlah paket dinilai"] - 1] == 3 and totals[col["Jumlah PPK penilai"] - 1] == 2
    assert totals[col["Nilai rata-rata"] - 1] == 2.13  # (300 + 200 + 140) / 3
    notes = " ".join(str(ws.cell(r, 1).value) for r in range(9, 13))
    assert "0,3 × kualitas" in notes
    for sheet in wb.worksheets:  # no cell anywhere holds a formula
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    detail = wb["Penilaian per paket"]
    texts = {c.value: c for row in detail.iter_rows() for c in row if isinstance(c.value, str)}
    assert texts["-terlambat"].quotePrefix and texts["@ppk"].data_type == "s"

    index = providers.performance_index(s, recap)
    f7 = openpyxl.load_workbook(provider_workbooks.write_f7(tmp_path / "F7.xlsx", providers.satker_recap(s), index, s,
                                                   params, Period(2024)))
    ws = f7["Rekap per satker"]
    assert [c.value for c in ws[5]][:2] == ["Kode satker", "Satuan kerja (OPD)"]
    assert ws.freeze_panes == "A6" and ws.auto_filter.ref.startswith("A5:")
    assert ws["A8"].value == "Jumlah / rata-rata UKPBJ" and ws["C8"].value == 3
    index_sheet = f7["Indeks kinerja penyedia"]
    heading = {c.value: c.column for c in index_sheet[5]}
    assert index_sheet.cell(6, heading["Indeks kinerja penyedia"]).value == 2.13
    # rows read from F5 files alone: every package from Format 5
    assert index_sheet.cell(6, heading["Dari Format 5"]).value == 3
    assert index_sheet.cell(6, heading["Dari SIKaP"]).value == 0


# --------------------------------------------------------------------------- kinerja penyedia

def run_cli(*args):
    done = subprocess.run([sys.executable, "-m", "kinerja", "penyedia", *map(str, args)],
                          capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


def test_cli_json_contract(tmp_path):
    path = tmp_path / "nilai.csv"
    path.write_text("kode_paket,kd_penyedia,kualitas,biaya,waktu,layanan,putus_kontrak,keterangan\n"
                    "P1,101,3,3,3,3,,abaikan\nP2,101,2,2,3,2,0,\nP3,202,3,1,1,3,,\nP4,202,,,,,1,\n",
                    encoding="utf-8")
    code, out, err = run_cli(path, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["paket"] == [
        {"kode_paket": "P1", "kd_penyedia": "101", "nilai": 3.0, "kategori": "Sangat Baik"},
        {"kode_paket": "P2", "kd_penyedia": "101", "nilai": 2.3, "kategori": "Baik"},
        {"kode_paket": "P3", "kd_penyedia": "202", "nilai": 2.0, "kategori": "Baik"},
        {"kode_paket": "P4", "kd_penyedia": "202", "nilai": 0.0, "kategori": "Buruk"}]
    assert data["penyedia"] == [
        {"kd_penyedia": "101", "jumlah_paket": 2, "nilai": 2.65, "kategori": "Baik"},
        {"kd_penyedia": "202", "jumlah_paket": 2, "nilai": 1.0, "kategori": "Cukup"}]
    code, out, _ = run_cli(path)
    assert code == 0 and "Sangat Baik" in out and "2,65" in out and "kontrak diputus" in out


def test_cli_reads_xlsx_and_uses_parameter_weights(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["kode_paket", "kd_penyedia", "kualitas", "biaya", "waktu", "layanan"])
    wb.active.append([14503424000, 5019633, 3, 3, 3, 3])
    wb.active.append([14503425000, 5019633, 2, 3, 2, 1])
    wb.save(tmp_path / "nilai.xlsx")
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["metode"]["bobot_penyedia"] = {"kualitas": 0.1, "biaya": 0.3, "waktu": 0.3, "layanan": 0.3}
    params = tmp_path / "p.yaml"
    params.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    code, out, err = run_cli(tmp_path / "nilai.xlsx", "--json", "--params", params)
    assert code == 0, err
    data = json.loads(out)
    assert [(p["kode_paket"], p["nilai"], p["kategori"]) for p in data["paket"]] == [
        ("14503424000", 3.0, "Sangat Baik"), ("14503425000", 2.0, "Baik")]


@pytest.mark.parametrize("cells, row, column, words", [
    ("P1,A,3,3,3,3\nP2,A,3,4,3,3\n", 3, "biaya", "di luar rentang"),
    ("P1,A,3,3,3,3\nP2,A,3,3,3,3\n\nP3,A,2,2,,2\n", 5, "waktu", "kosong"),
    ("P1,A,baik,3,3,3\n", 2, "kualitas", "bukan angka"),
    ("P1,A,3,3,3,2.5\n", 2, "layanan", "di luar rentang"),
])
def test_cli_bad_scores_name_row_and_column(tmp_path, cells, row, column, words):
    path = tmp_path / "salah.csv"
    path.write_text("kode_paket,kd_penyedia,kualitas,biaya,waktu,layanan\n" + cells, encoding="utf-8")
    code, out, err = run_cli(path, "--json")
    assert code == 2 and out == ""
    assert f"baris {row}, kolom '{column}'" in err and words in err
    assert "Traceback" not in err and "salah.csv" in err


def test_cli_xlsx_formula_where_a_score_belongs_is_rejected_not_evaluated(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["kode_paket", "kd_penyedia", "kualitas", "biaya", "waktu", "layanan"])
    wb.active.append(["P1", "A", 3, 3, 3, 3])
    wb.active.append(["P2", "A", "=1+2", 3, 3, 3])
    wb.save(tmp_path / "rumus.xlsx")
    code, out, err = run_cli(tmp_path / "rumus.xlsx", "--json")
    assert code == 2 and out == ""
    assert "baris 3, kolom 'kualitas'" in err and "=1+2" in err and "Traceback" not in err


def test_a_package_scored_twice_for_one_provider_is_rejected_but_kso_is_not():
    ok = rows((3, 3, 3, 3), (2, 2, 2, 2), kode_paket=["P1", "P1"], kd_penyedia=["A", "B"])
    assert len(ok) == 2
    with pytest.raises(ValueError, match="baris 4, kolom 'kode_paket'"):
        rows((3, 3, 3, 3), (2, 2, 2, 2), (1, 1, 1, 1), kode_paket=["P1", "P1", "P1"],
             kd_penyedia=["A", "B", "A"])


def test_cli_missing_column_and_missing_file(tmp_path):
    path = tmp_path / "kurang.csv"
    path.write_text("kode_paket,kd_penyedia,kualitas,biaya,layanan\nP1,A,3,3,3\n", encoding="utf-8")
    code, _, err = run_cli(path)
    assert code == 2 and "kolom 'waktu' tidak ada" in err and "Traceback" not in err
    code, _, err = run_cli(tmp_path / "tidak-ada.csv")
    assert code == 2 and "tidak ditemukan" in err and "Traceback" not in err


# --------------------------------------------------------------------------- demo rows and notebook

@pytest.fixture(scope="module")
def packages_200_with_surveys(tmp_path_factory):
    """200 demo packages a year, their survey rows, and a parameter file pointing at them."""
    base = tmp_path_factory.mktemp("penyedia")
    return evaluation_setup(base)


def test_demo_rows_are_deterministic_and_realistic(packages_200_with_surveys, tmp_path):
    path, pk = packages_200_with_surveys
    folder = config.load(path).survey_dir
    again = demo_penyedia.generate(tmp_path, pk, 2024, seed=7)
    for f in again:
        assert f.read_bytes() == (folder / f.name).read_bytes()
    f5 = pd.read_csv(folder / "penilaian_penyedia_2024.csv", dtype=str, keep_default_na=False)
    f8 = pd.read_csv(folder / "pokja_2024.csv", dtype=str, keep_default_na=False)
    assert list(f5.columns) == list(surveys.COLUMNS["penilaian_penyedia"])
    assert list(f8.columns) == list(surveys.COLUMNS["pokja"])
    assert set(f5["kode_paket"]) == set(providers.finished(pk, 2024)["kd_paket"])
    assert set(f5["triwulan"]) <= {"1", "2", "3", "4"}
    rated = f5[f5["putus_kontrak"] == "0"]
    scores = rated[list(providers.ASPECTS)].astype(int).to_numpy().ravel()
    assert np.isin(scores, [1, 2, 3]).all() and (scores >= 2).mean() > 0.85 and (scores == 1).any()
    assert (f5["putus_kontrak"] == "1").mean() < 0.05
    assert set(f8["jumlah_sanggahan"].astype(int)) <= {0, 1, 2, 3}
    assert (f8["jumlah_sanggahan"] == "0").mean() > 0.7
    assert providers.read_scores(f5).shape[0] == len(f5)  # the demo passes its own checks


def test_notebook_04_runs_and_writes_f6_f7(packages_200_with_surveys, tmp_path):
    path, _ = packages_200_with_surveys
    out = tmp_path / "keluaran"
    papermill.execute_notebook(str(paths.NOTEBOOKS / "04_penyedia.ipynb"), str(tmp_path / "04.ipynb"),
                               parameters={"params_file": str(path), "periode": "2024", "output_dir": str(out)},
                               kernel_name="python3", cwd=str(paths.ROOT), progress_bar=False)
    index = pd.read_parquet(out / "hasil" / "04_indeks.parquet").iloc[0]
    scored = pd.read_parquet(out / "hasil" / "04_penyedia_paket.parquet")
    assert index["jumlah_paket"] == len(scored) > 0 and index["cakupan"] == 100
    assert index["nilai"] == providers.mean_x100(scored["nilai_x100"].sum(), len(scored)) / 100
    recap = pd.read_parquet(out / "hasil" / "04_penyedia.parquet")
    assert recap["jumlah_paket"].sum() == len(scored) and "tren" in recap
    artefacts = [json.loads(line) for line in (out / "artifacts.jsonl").read_text().splitlines()]
    assert {a["format"] for a in artefacts} == {"F6", "F7"}
    wb = openpyxl.load_workbook(out / "F6_Rekap_Kinerja_Per_Penyedia.xlsx")
    assert wb["Rekap per penyedia"].max_row > 6


def test_mean_by_method_is_exact_and_skips_packages_outside_the_register():
    r = pd.DataFrame({"metode": ["Tender", "Tender", "Seleksi", None], "nilai_x100": [300, 233, 200, 100],
                      "putus_kontrak": [False] * 4, "nip_ppk": ["a", "b", "a", "c"]})
    out = providers.mean_by(r, "metode")
    assert out.to_dict("index") == {"Tender": {"jumlah_paket": 2, "nilai": 2.67},
                                    "Seleksi": {"jumlah_paket": 1, "nilai": 2.0}}
