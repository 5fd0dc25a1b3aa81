"""Pokja Pemilihan performance: per-package measures from F8 rows joined with the register
(form first, register fills the gaps), recaps per Pokja / unit / total with rankings, row
checks naming row and column, the F9–F11 workbooks read back, and notebook 05 on small data.
(Stage 05 without F8 and a mixed period, on real sample rows: test_pokja_register.py.)"""

import json

import openpyxl
import pandas as pd
import papermill
import pytest
import yaml
from conftest import PARAMS
from kinerja.core import config, frames, paths
from kinerja.core.config import ParameterError, SatuanPelaksana
from kinerja.core.periods import Period
from kinerja.inputs import surveys
from kinerja.methods import pokja
from kinerja.render import pokja_workbooks
from survei_data import evaluation_setup

T = pd.Timestamp


def register():
    """Four tenders of 2024 (one failed, one re-tendered, one late, one without a plan date)."""
    return pd.DataFrame({
        "kd_paket": ["T1", "T2", "T3", "T4"], "kd_tender": ["T1", "T2", "T3", "T4"],
        "kd_nontender": pd.Series([None] * 4, dtype="string"),
        "nama_paket": ["Laptop", "Jalan", "Kajian", "Kebersihan"],
        "kd_satker": ["1", "1", "2", "2"], "nama_satker": ["Dinas A", "Dinas A", "Dinas B", "Dinas B"],
        "metode": ["Tender", "Tender", "Seleksi", "Tender Cepat"],
        "jenis_pengadaan": ["Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya"],
        "status": ["Selesai", "Selesai", "Gagal", "Selesai"], "berlangsung": [False] * 4,
        "jenis_gagal": pd.array([None, None, "tanpa_pemenang", None], dtype="string"),
        "versi_tender": pd.array([1, 2, 1, 1], dtype="Int64"),
        "tgl_pengumuman": [T("2024-01-10 09:30"), T("2024-02-01"), T("2024-05-01"), T("2024-07-01")],
        "tgl_penetapan_pemenang": [T("2024-01-30 15:00"), T("2024-03-15"), pd.NaT, pd.NaT],
        "tgl_akhir_pemilihan_rencana": [T("2024-01-30"), T("2024-03-01"), T("2024-06-30"), pd.NaT],
        "jumlah_peserta": pd.array([3, 1, 2, None], dtype="Int64"),
        "hps": [900.0, 2000.0, 500.0, 800.0], "nilai_kontrak": [800.0, 1900.0, None, 700.0],
        "tahun_anggaran": pd.array([2024] * 4, dtype="Int64"), "dalam_lingkup": [True] * 4,
        "nip_pokja": ["1;2;3", "3;2;1", "4;5;6", "4;5;6"],
        "nama_pokja": ["Ani;Budi;Cici", "Ani;Budi;Cici", "Dedi;Eka;Fani", "Dedi;Eka;Fani"],
    })


F8 = ("kode_paket,kode_pokja,tgl_pengumuman,tgl_penetapan_pemenang,jumlah_peserta,tender_ulang,"
      "jumlah_sanggahan,catatan\n"
      "T1,,,,4,0,1,Sanggahan dijawab\n"
      "T2,,,,,,0,\n"
      "T3,,,,,1,2,Tender gagal\n"
      "T4,,,11/07/2024,,,,\n"
      "X9,PK-LUAR,2024-08-01,2024-08-21,2,0,0,\n")


def f8(text=F8):
    from io import StringIO

    return pokja.read_rows(pd.read_csv(StringIO(text), dtype=str, keep_default_na=False))


SATUAN = SatuanPelaksana(bawaan="Bagian PBJ", per_jenis_pengadaan={
    "Barang": "Unit Barang", "Pekerjaan Konstruksi": "Unit Konstruksi"})


@pytest.fixture
def per_paket():
    return pokja.per_package(f8(), register(), 2024, SATUAN).set_index("kode_paket", drop=False)


def test_per_package_form_first_register_fills(per_paket):
    p = per_paket
    a, b = surveys.pokja_code(pd.Series(["1;2;3", "4;5;6"]))
    assert p["kode_pokja"].tolist() == [a, a, b, b, "PK-LUAR"]  # same members in another order: same Pokja
    assert p.loc["T1", "jumlah_peserta"] == 4  # the form's 4 wins over the register's 3
    assert p.loc["T2", "jumlah_peserta"] == 1 and pd.isna(p.loc["T4", "jumlah_peserta"])
    assert p.loc["T4", "tgl_penetapan_pemenang"] == T("2024-07-11")  # from the form (dd/mm/yyyy)
    assert p["durasi_hari"].tolist()[:2] == [20, 43] and pd.isna(p.loc["T3", "durasi_hari"])
    assert p.loc["T4", "durasi_hari"] == 10 and p.loc["X9", "durasi_hari"] == 20
    assert p.loc["T1", "tepat_waktu"] == True and p.loc["T2", "tepat_waktu"] == False  # noqa: E712
    assert pd.isna(p.loc["T3", "tepat_waktu"]) and pd.isna(p.loc["T4", "tepat_waktu"])
    assert p["tender_ulang"].tolist() == [False, True, True, False, False]  # T2 from versi 2, T3 from form
    assert p["gagal"].tolist() == [False, False, True, False, False]
    assert p.loc["T2", "peserta_tunggal"] == True  # noqa: E712
    assert p.loc["T1", "efisiensi_hps_paket"] == pytest.approx(100 / 9)
    assert pd.isna(p.loc["T3", "efisiensi_hps_paket"])
    assert p["satuan_pelaksana"].tolist() == ["Unit Barang", "Unit Konstruksi", "Bagian PBJ", "Bagian PBJ",
                                              "Bagian PBJ"]
    assert p.loc["X9", "nama_satker"] == pokja.NOT_IN_REGISTER


def test_recap_per_pokja_sums_numerators_and_denominators(per_paket):
    a, b = surveys.pokja_code(pd.Series(["1;2;3", "4;5;6"]))
    r = pokja.per_pokja(per_paket).set_index("kode_pokja")
    assert r.loc[a, "nama_pokja"] == "Ani; Budi; Cici"
    assert r.loc[a, ["jumlah_paket", "proses_gagal", "paket_ulang", "jumlah_sanggahan"]].tolist() == [2, 0, 1, 1]
    assert r.loc[a, "durasi_pemilihan"] == 31.5 and r.loc[a, "pemilihan_tepat_waktu"] == 50
    assert r.loc[a, "rata_peserta"] == 2.5 and r.loc[a, "peserta_tunggal"] == 50
    assert r.loc[a, "efisiensi_hps"] == pytest.approx(200 / 2900 * 100)  # Σ(hps − kontrak) / Σ hps
    assert r.loc[a, ["hps", "nilai_kontrak"]].tolist() == [2900, 2700]
    assert r.loc[b, "tender_gagal"] == 50 and r.loc[b, "durasi_pemilihan"] == 10
    assert pd.isna(r.loc[b, "pemilihan_tepat_waktu"]) and r.loc[b, "rata_peserta"] == 2
    assert r.loc[b, "efisiensi_hps"] == 12.5 and r.loc[b, "paket_disanggah"] == 1
    assert sorted(r["peringkat"].tolist()) == [1, 2, 3]


def test_combined_rank_is_mean_of_measure_ranks():
    table = pd.DataFrame({"grup": ["G1", "G2", "G3"], "pemilihan_tepat_waktu": [90.0, 80, 70],
                          "durasi_pemilihan": [30.0, 20, 40], "tender_gagal": [0.0, 10, 10],
                          "rata_peserta": [4.0, 3, 5]})
    # G1: 1,2,1,2 -> 1.5; G2: 2,1,2,3 -> 2.0; G3: 3,3,2,1 -> 2.25
    assert pokja.rank(table)[["grup", "peringkat"]].values.tolist() == [["G1", 1], ["G2", 2], ["G3", 3]]


def test_units_and_total(per_paket):
    unit = pokja.per_unit(per_paket).set_index("satuan_pelaksana")
    assert unit.loc["Bagian PBJ", ["jumlah_paket", "jumlah_pokja"]].tolist() == [3, 2]
    assert unit.loc["Unit Konstruksi", "tender_ulang"] == 100
    total = pokja.total(per_paket)
    assert total["metode"].tolist() == [pokja.NOT_IN_REGISTER, "Seleksi", "Tender", "Tender Cepat", pokja.TOTAL]
    t = total.iloc[-1]
    assert (t["jumlah_paket"], t["proses_gagal"], t["jumlah_sanggahan"], t["jumlah_pokja"]) == (5, 1, 3, 3)
    assert t["tender_gagal"] == 20 and t["durasi_pemilihan"] == (20 + 43 + 10 + 20) / 4
    assert t["pemilihan_tepat_waktu"] == 50 and t["rata_peserta"] == pytest.approx(9 / 4)


def test_satuan_pelaksana_parameter_is_checked(tmp_path):
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    assert config.load(PARAMS).satuan_pelaksana.per_jenis_pengadaan["Barang"]
    raw["satuan_pelaksana"]["per_jenis_pengadaan"]["Barang Modal"] = "Unit X"
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParameterError) as err:
        config.load(path)
    assert "satuan_pelaksana.per_jenis_pengadaan" in str(err.value) and "Barang Modal" in str(err.value)


@pytest.mark.parametrize("row, column, words", [
    ("T1,,kemarin,,4,0,1,", "tgl_pengumuman", "bukan tanggal"),
    ("T1,,,,-1,0,1,", "jumlah_peserta", "tidak boleh negatif"),
    ("T1,,,,4,0,dua,", "jumlah_sanggahan", "bilangan bulat"),
    ("T1,,,,4,mungkin,1,", "tender_ulang", "harus 1"),
])
def test_bad_f8_rows_name_row_and_column(row, column, words):
    header = F8.splitlines()[0]
    with pytest.raises(ValueError) as err:
        f8(f"{header}\nT0,,,,1,0,0,\n{row}\n")
    assert f"baris 3, kolom '{column}'" in str(err.value) and words in str(err.value)


def test_package_reported_twice_is_rejected():
    with pytest.raises(ValueError, match="baris 3, kolom 'kode_paket'"):
        f8(F8.splitlines()[0] + "\nT1,,,,1,0,0,\nT1,,,,2,0,0,\n")


def test_lookup_leaves_unknown_keys_missing():
    found = frames.lookup(pd.Series(["T2", "Z", "T1"]), register(), "kd_paket", ["nama_paket", "hps"])
    assert found["nama_paket"].tolist()[::2] == ["Jalan", "Laptop"] and pd.isna(found["nama_paket"][1])
    assert pd.isna(found["hps"][1]) and found["hps"][0] == 2000


def test_f9_f10_f11_read_back(per_paket, tmp_path):
    params = config.load(PARAMS)
    p = per_paket.reset_index(drop=True)
    p.loc[0, "catatan"] = "=cmd|' /C calc'!A0"
    f9 = openpyxl.load_workbook(pokja_workbooks.write_f9(tmp_path / "F9.xlsx", pokja.per_pokja(p), p, params, Period(2024)))
    ws = f9["Rekap per Pokja"]
    assert ws["A4"].value.startswith("Sumber data: Formulir Kinerja Pokja (Format 8) untuk semua 5 proses")
    header = [c.value for c in ws[6]]
    assert header[:3] == ["Peringkat", "Kode Pokja", "Anggota Pokja"]
    assert "Rata-rata durasi pemilihan (hari)" in header and "Efisiensi terhadap HPS (%)" in header
    assert ws.freeze_panes == "A7" and ws.auto_filter.ref == f"A6:{ws.cell(6, len(header)).column_letter}9"
    assert ws["A10"].value == pokja.TOTAL and ws["D10"].value == 5
    col = {h: i + 1 for i, h in enumerate(header)}
    assert ws.cell(10, col["Tender gagal (%)"]).value == 20
    assert ws.cell(10, col["Tender gagal (%)"]).number_format == '0.00"%"'
    assert ws.cell(10, col["Jumlah HPS"]).number_format == '"Rp" #,##0.00'
    detail = f9["Data per paket"]
    cells = {c.value: c for row in detail.iter_rows() for c in row}
    hostile = cells["=cmd|' /C calc'!A0"]
    assert hostile.data_type == "s" and hostile.quotePrefix
    dates = [c for row in detail.iter_rows(min_row=7) for c in row if c.number_format.startswith("[$-421]")]
    assert dates and dates[0].value.year == 2024

    f10 = openpyxl.load_workbook(pokja_workbooks.write_f10(tmp_path / "F10.xlsx", pokja.per_unit(p), p, params, Period(2024)))
    ws = f10.active
    assert ws["A1"].value.startswith("FORMAT 10") and ws["B6"].value == "Satuan pelaksana"
    assert ws.freeze_panes == "A7" and ws["A10"].value == pokja.TOTAL
    f11 = openpyxl.load_workbook(pokja_workbooks.write_f11(tmp_path / "F11.xlsx", pokja.total(p), params, Period(2024)))
    ws = f11.active
    assert [ws.cell(r, 1).value for r in range(7, 12)] == [pokja.NOT_IN_REGISTER, "Seleksi", "Tender",
                                                           "Tender Cepat", pokja.TOTAL]
    assert ws.auto_filter.ref.endswith("10")  # the total row stays out of the filter


@pytest.fixture(scope="module")
def packages_200_with_surveys(tmp_path_factory):
    base = tmp_path_factory.mktemp("pokja")
    return evaluation_setup(base)


def test_notebook_05_runs_and_writes_f9_f10_f11(packages_200_with_surveys, tmp_path):
    path, pk = packages_200_with_surveys
    out = tmp_path / "keluaran"
    papermill.execute_notebook(str(paths.NOTEBOOKS / "05_pokja.ipynb"), str(tmp_path / "05.ipynb"),
                               parameters={"params_file": str(path), "periode": "2024", "output_dir": str(out)},
                               kernel_name="python3", cwd=str(paths.ROOT), progress_bar=False)
    per_paket = pd.read_parquet(out / "hasil" / "05_pokja_paket.parquet")
    assert set(per_paket["kode_paket"]) == set(pokja.due(pk, 2024)["kd_paket"])
    total = pd.read_parquet(out / "hasil" / "05_total.parquet")
    assert total.iloc[-1]["metode"] == pokja.TOTAL and total.iloc[-1]["jumlah_proses"] == len(per_paket)
    assert total.iloc[-1]["jumlah_paket"] == per_paket["id_paket"].nunique()
    ranked = pd.read_parquet(out / "hasil" / "05_pokja.parquet")
    assert ranked["peringkat"].min() == 1 and ranked["jumlah_proses"].sum() == len(per_paket)
    assert (per_paket["sumber"] == pokja.FROM_FORM).all()  # the demo's F8 covers every due process
    artefacts = [json.loads(line) for line in (out / "artifacts.jsonl").read_text().splitlines()]
    assert {a["format"] for a in artefacts} == {"F9", "F10", "F11"}
