import json
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from conftest import write_json
from kinerja.inputs import packages, register


def test_real_export_loads_as_it_is(db, sample_dir):
    results = register.load(db, [sample_dir])
    assert [r.status for r in results] == ["loaded"] * 4
    assert {r.file: r.dataset for r in results} == {
        "47_1013_SPSE-TenderPengumuman.json": "tender", "48_1014_SPSE-TenderSelesai.json": "tender",
        "49_1015_SPSE-TenderSelesaiNilai.json": "tender_hasil", "TenderSelesaiNilai.csv": "tender_hasil"}
    for r in results:
        assert r.rows_read == r.rows_loaded + r.rows_rejected
        assert r.rows_rejected == 0
    pk = packages.load_packages(db)
    # one package per tender code across the four files
    codes = set()
    for name in ("47_1013_SPSE-TenderPengumuman.json", "48_1014_SPSE-TenderSelesai.json",
                 "49_1015_SPSE-TenderSelesaiNilai.json"):
        codes |= {str(r["kd_tender"]) for r in json.loads((sample_dir / name).read_text())}
    codes |= set(pd.read_csv(sample_dir / "TenderSelesaiNilai.csv", dtype=str)["kd_tender"])
    assert set(pk["kd_paket"]) == codes
    # announcement numeric kd_satker and result dotted kd_satker meet on the dotted code
    assert pk["satker_key"].nunique() == pk["nama_satker"].nunique()


def test_loading_the_same_file_twice_changes_nothing(db, sample_dir):
    register.load(db, [sample_dir])
    before = db.execute("SELECT count(*) FROM reg_tender").fetchall()
    again = register.load(db, [sample_dir])
    assert {r.status for r in again} == {"unchanged"}
    assert db.execute("SELECT count(*) FROM reg_tender").fetchall() == before


def _tender(**over):
    row = {"tahun_anggaran": 2024, "kd_satker": "1.01.0.00.0.00.01.0000", "nama_satker": "DINAS A",
           "kd_tender": "1000", "kd_rup": "55", "nama_paket": "Paket", "pagu": 1000, "hps": 900,
           "mtd_pemilihan": "Tender", "status_tender": "Selesai", "versi_tender": 1,
           "tgl_pengumuman_tender": "2024-02-01"}
    row.update(over)
    return row


def test_bad_values_are_flagged_and_their_rows_kept(db, tmp_path):
    path = tmp_path / "tender.csv"
    pd.DataFrame([
        _tender(kd_tender="1"),
        _tender(kd_tender="2", pagu="dua juta"),
        _tender(kd_tender="3", tgl_pengumuman_tender="31 Februarii 2024"),
        _tender(kd_tender="1", nama_paket="Paket (baris terakhir)"),   # duplicate of row 2
        _tender(kd_tender="5", pagu=""),             # required
        _tender(kd_tender="6", pagu="Rp 1.250.000,00", tgl_pengumuman_tender="21 Maret 2024"),
        _tender(kd_tender="7", pagu=-5),
    ]).to_csv(path, index=False)
    result = register.load_file(db, path)
    assert result.status == "loaded"
    assert (result.rows_read, result.rows_loaded, result.rows_rejected, result.rows_flagged) == (7, 7, 0, 5)
    flags = result.flags.set_index("row")
    assert flags.loc[3, "column"] == "pagu" and "rupiah" in flags.loc[3, "reason"]
    assert flags.loc[3, "value"] == "dua juta" and "dianggap tidak ada" in flags.loc[3, "reason"]
    assert flags.loc[4, "column"] == "tgl_pengumuman_tender" and "tanggal" in flags.loc[4, "reason"]
    assert "ganda" in flags.loc[5, "reason"] and "baris 2" in flags.loc[5, "reason"]
    assert "wajib" in flags.loc[6, "reason"]
    assert "negatif" in flags.loc[8, "reason"]
    assert set(flags["file"]) == {"tender.csv"}
    stored = db.execute("SELECT kd_tender, pagu, tgl_pengumuman_tender FROM reg_tender ORDER BY _row").fetchall()
    assert [r[0] for r in stored] == ["1", "2", "3", "1", "5", "6", "7"]   # every row kept
    assert [r[1] for r in stored] == [1000, None, 1000, 1000, None, 1250000, None]  # unusable = missing
    assert stored[2][2] is None and stored[5][2].day == 21
    assert db.execute("SELECT count(*) FROM register_flags").fetchone()[0] == 5
    assert db.execute("SELECT count(*) FROM register_rejections").fetchone()[0] == 0
    pk = packages.load_packages(db).set_index("kd_paket")
    assert sorted(pk.index) == ["1", "2", "3", "5", "6", "7"]
    assert pk.loc["1", "nama_paket"] == "Paket (baris terakhir)"   # the later row of the key wins
    assert pd.isna(pk.loc["2", "pagu"]) and pk.loc["6", "pagu"] == 1250000.0


def test_blank_lines_are_skipped_but_rows_keep_their_file_numbers(db, tmp_path):
    path = tmp_path / "tender.csv"
    good = pd.DataFrame([_tender(kd_tender="1")]).to_csv(index=False)
    bad = pd.DataFrame([_tender(kd_tender="2", pagu="dua juta")]).to_csv(index=False, header=False)
    path.write_text(good + "\n,,,,,,,,,,,\n" + bad, encoding="utf-8")   # line 3, 4 blank; 5 bad
    result = register.load_file(db, path)
    assert (result.rows_read, result.rows_loaded, result.rows_flagged) == (2, 2, 1)
    assert result.flags["row"].tolist() == [5]


@pytest.mark.parametrize("content, status, fragment", [
    (b"", "empty", "kosong"),
    (b"[]", "empty", "kosong"),
    (b"{not json", "error", "bukan JSON"),
    (b'{"a": 1}', "error", "daftar rekaman"),
    (b'[{"foo": 1, "bar": 2}]', "rejected", "tidak dikenali"),
])
def test_unreadable_files_get_one_message(db, tmp_path, content, status, fragment):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    result = register.load_file(db, path)
    assert result.status == status
    assert fragment in result.message and "x.json" in result.message
    assert len(result.message) < 300  # one short line, not a list of every known field
    # remembered: a second look neither reads the file again nor needs a writable store
    again = register.load_file(db, path)
    assert (again.status, again.message) == (status, result.message)


def test_missing_required_column_refuses_the_file(db, tmp_path):
    rows = [_tender()]
    del rows[0]["pagu"]
    result = register.load_file(db, write_json(tmp_path / "t.json", rows))
    assert result.status == "rejected" and "'pagu'" in result.message and "t.json" in result.message
    assert result.rows_rejected == result.rows_read == 1


def test_xlsx_with_title_row_and_serial_dates(db, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Daftar Paket Tender 2024"])
    header = list(_tender().keys())
    ws.append(header)
    row = _tender(kd_tender=10011868000, tgl_pengumuman_tender=45372, kd_satker="01.01.0.00.0.00.01.0000")
    ws.append([row[h] for h in header])
    path = tmp_path / "tender.xlsx"
    wb.save(path)
    result = register.load_file(db, path)
    assert (result.status, result.rows_loaded) == ("loaded", 1)
    got = db.execute("SELECT kd_tender, tgl_pengumuman_tender, satker_key FROM reg_tender").fetchall()[0]
    assert got[0] == "10011868000" and got[1].strftime("%Y-%m-%d") == "2024-03-21"
    assert got[2] == "1.1.0.0.0.0.1.0"


def test_later_file_fills_fields_without_erasing(db, tmp_path):
    register.load_file(db, write_json(tmp_path / "a.json", [_tender(status_tender="Berlangsung")]))
    later = _tender(status_tender="Selesai", tgl_penetapan_pemenang="2024-03-01")
    del later["versi_tender"]
    register.load_file(db, write_json(tmp_path / "b.json", [later]))
    pk = packages.load_packages(db)
    assert len(pk) == 1
    row = pk.iloc[0]
    assert row["status"] == "Selesai" and row["versi_tender"] == 1
    assert str(row["tgl_penetapan_pemenang"].date()) == "2024-03-01"
    assert set(register.source_rows(db, "1000")["file_name"]) == {"a.json", "b.json"}


def test_not_a_workbook_is_reported(db, tmp_path):
    path = tmp_path / "palsu.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a zip")
    result = register.load_file(db, path)
    assert result.status == "error" and "palsu.xlsx" in result.message


def test_procurement_types_as_exports_write_them():
    from kinerja.inputs.packages import _jenis
    got = _jenis(pd.Series(["Pengadaan Barang", "Jasa Konsultansi Badan Usaha Konstruksi",
                            "Pekerjaan Konstruksi", "Jasa Lainnya", "Barang", None, "Sewa"]))
    assert got.tolist()[:5] == ["Barang", "Jasa Konsultansi", "Pekerjaan Konstruksi", "Jasa Lainnya", "Barang"]
    assert pd.isna(got[5]) and got[6] == "Lainnya"


def test_register_command_reports_per_file_and_exit_codes(tmp_path, sample_dir):
    import subprocess
    import sys

    store = str(tmp_path / "s.duckdb")
    run = lambda *a: subprocess.run([sys.executable, "-m", "kinerja", "register", "--store", store, *a],
                                    capture_output=True, text=True)
    ok = run("--json", str(sample_dir))
    assert ok.returncode == 0
    files = json.loads(ok.stdout)
    assert {f["file"]: f["rows_loaded"] for f in files}["47_1013_SPSE-TenderPengumuman.json"] == 92
    again = run(str(sample_dir))
    assert again.returncode == 0 and "tidak berubah" in again.stdout
    bad = tmp_path / "tender.csv"
    pd.DataFrame([_tender(), _tender(kd_tender="2", pagu="abc")]).to_csv(bad, index=False)
    some = run(str(bad))  # a value flagged, its row kept: not a refusal
    assert some.returncode == 0 and "baris 3, kolom pagu" in some.stdout and "ditandai 1" in some.stdout
    broken = tmp_path / "rusak.json"
    broken.write_text("{", encoding="utf-8")
    fail = run(str(broken))
    assert fail.returncode == 2 and "rusak.json" in fail.stdout and "Traceback" not in fail.stderr


def test_json_numbers_are_read_exactly_and_invisible_characters_dropped(db, tmp_path):
    row = _tender(kd_tender="1", nama_satker="DINAS A\u200b", nip_ppk=196801012005011426)
    # pagu beyond a float's precision (a float would read 1234567890123456.8)
    text = json.dumps([row]).replace('"pagu": 1000', '"pagu": 1234567890123456.78')
    (tmp_path / "47_1013_SPSE-TenderPengumuman.json").write_text(text, encoding="utf-8")
    assert "\\u200b" in text and "196801012005011426" in text
    csv_path = tmp_path / "tender.csv"
    csv_path.write_text("kd_tender,tahun_anggaran,kd_satker,nama_satker,pagu,mtd_pemilihan,status_tender\n"
                        "2,2024,1.01,DINAS B\u200b\u200b,\"Rp 1.250.000,50\",Tender,Selesai\n", encoding="utf-8")
    assert {r.status for r in register.load(db, [tmp_path])} == {"loaded"}
    got = db.execute("SELECT kd_tender, pagu, nip_ppk, nama_satker FROM reg_tender ORDER BY 1").fetchall()
    assert got == [("1", Decimal("1234567890123456.78"), "196801012005011426", "DINAS A"),
                   ("2", Decimal("1250000.50"), None, "DINAS B")]
    assert packages.load_packages(db).set_index("kd_paket").loc["1", "pagu"] == 1234567890123456.78  # float64 view


def test_a_file_of_a_dataset_not_known_yet_is_named_and_not_loaded(db, tmp_path):
    from kinerja.apps.data_commands import exit_code

    new = write_json(tmp_path / "55_1099_SPSE-TenderBaru.json", [{"kd_baru": 1, "uraian": "x"}] * 3)
    result = register.load_file(db, new)
    assert result.status == "unknown" and "SPSE-TenderBaru" in result.message
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (3, 0, 0)
    assert exit_code([result]) == 0
    loose = register.load_file(db, write_json(tmp_path / "baru.json", [{"kd_baru": 1}]))
    assert loose.status == "rejected" and exit_code([result, loose]) == 1  # a hand-made file of no known shape


def test_older_e_katalog_export_is_read_only_in_the_known_shape(db, tmp_path):
    v5 = {"tahun_anggaran": 2025, "kd_klpd": "D107", "satker_id": 60414, "kd_paket": 11, "no_paket": "EP-1",
          "kd_produk": 5, "total_harga": 2500000, "tanggal_buat_paket": "2025-03-01", "paket_status_str": "Paket Selesai"}
    v6 = {"tahun_anggaran": 2025, "kd_klpd": "D107", "kd_satker_str": "1.02.0.00.0.00.02.0000", "kd_paket": "P6",
          "rup_nama_pkt": "Laptop", "total_harga": 62493000, "tgl_order": "2025-09-18", "status_pkt": "COMPLETED"}
    old = register.load_file(db, write_json(tmp_path / "50_1200_Ecat-PaketEPurchasing.json", [v5]))
    assert old.status == "outside" and "versi 5" in old.message
    same = register.load_file(db, write_json(tmp_path / "51_1201_Ecat-PaketEPurchasing.json", [v6]))
    assert (same.status, same.dataset) == ("loaded", "epurchasing")
    assert db.execute("SELECT kd_paket, nama_paket, total_harga, status_paket FROM reg_epurchasing").fetchall() == [
        ("P6", "Laptop", Decimal("62493000.00"), "COMPLETED")]


def test_the_quality_listing_names_every_file_with_its_date_and_flags(db, tmp_path, shipped_params):
    from kinerja.methods import register_quality

    folder = tmp_path / "unduhan"
    folder.mkdir()
    write_json(folder / "47_1013_SPSE-TenderPengumuman.json",
               [_tender(kd_tender="1", _event_date="2025-10-03"), _tender(kd_tender="2", pagu="dua juta")])
    for name in ("40_1059_SPSE-PencatatanSwakelola.json", "41_1060_SPSE-PencatatanSwakelolaRealisasi.json"):
        (folder / name).write_text("[]", encoding="utf-8")
    register.load(db, [folder])
    params = shipped_params.model_copy(update={"data": shipped_params.data.model_copy(
        update={"register_paket": [str(folder)]})})
    listing = register_quality.files(db, params).set_index("berkas")
    assert list(listing.index) == sorted(f.name for f in folder.iterdir())
    tender = listing.loc["47_1013_SPSE-TenderPengumuman.json"]
    assert (tender["status"], tender["dibaca"], tender["dimuat"], tender["ditandai"]) == ("dimuat", 2, 2, 1)
    assert tender["data_per"] == pd.Timestamp("2025-10-03") and "bukan nilai rupiah" in tender["alasan"]
    assert set(listing.drop(index="47_1013_SPSE-TenderPengumuman.json")["status"]) == {"kosong"}


def test_the_readme_names_every_dataset_and_gateway_path():
    from kinerja.core import paths
    from kinerja.inputs import gateway
    from kinerja.inputs.schemas import DATASETS, OUTSIDE

    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Memulai dengan data UKPBJ sendiri"):text.index("## Keluaran")]
    for name in {n for item in (*DATASETS, *OUTSIDE) for n in item.isb}:
        assert name in section, name
    for endpoint in gateway.ENDPOINTS:
        assert f"`{endpoint.path}`" in section, endpoint.path
    for ds in DATASETS:
        assert ds.label in section and ds.use in section, ds.kind


def test_satker_names_come_from_the_satker_master_where_a_process_gives_none(db, tmp_path):
    master = [{"kd_satker": 60414, "kd_satker_str": "1.02.0.00.0.00.02.0000", "nama_satker": "DINAS KESEHATAN",
               "status_satker": "Aktif", "jenis_satker": "SKPD", "kd_klpd": "D107"},
              {"kd_satker": 60412, "kd_satker_str": "4.02.0.00.0.00.25.0000", "nama_satker": "SEKRETARIAT DPRD",
               "status_satker": "Aktif", "jenis_satker": "SKPD", "kd_klpd": "D107"}]
    write_json(tmp_path / "17_1008_RUP-MasterSatker.json", master)
    write_json(tmp_path / "47_1013_SPSE-TenderPengumuman.json", [
        _tender(kd_tender="1", kd_satker="1.02.0.00.0.00.02.0000", nama_satker=None),
        _tender(kd_tender="2", kd_satker="4.02.0.00.0.00.25.0000", nama_satker="Sekretariat DPRD (nama proses)")])
    assert {r.dataset for r in register.load(db, [tmp_path])} == {"satker", "tender"}
    assert db.execute("SELECT id_satker, kd_satker FROM reg_satker ORDER BY 1").fetchall() == [
        ("60412", "4.02.0.00.0.00.25.0000"), ("60414", "1.02.0.00.0.00.02.0000")]
    names = packages.load_packages(db).set_index("kd_paket")["nama_satker"]
    assert names.to_dict() == {"1": "DINAS KESEHATAN", "2": "Sekretariat DPRD (nama proses)"}
