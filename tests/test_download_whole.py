"""An official download registers whole (issue 20): the real ISB samples of Kab. Bandung without
the mislabelled tender BAST file, plus what a complete download also holds — empty files (`[]`),
the RUP budget structure and the activity masters, a non-tender whose status is "-", a
PesertaTender placeholder row without a provider, a consolidated package listing eight RUP
codes, the same file twice under two names — exits 0, every file reported under its own name,
no row refused; values the workbook cannot use are kept as missing and flagged."""

import json
import shutil
import subprocess
import sys
from decimal import Decimal

import pandas as pd
import pytest
from conftest import SAMPLE
from kinerja.inputs import packages, register, store

SAMPLES = SAMPLE.parent / "lkpp-isb-samples"
EMPTY = ("40_1059_SPSE-PencatatanSwakelola.json", "41_1060_SPSE-PencatatanSwakelolaRealisasi.json",
         "51_1062_SPSE-JadwalTahapanNonTender.json", "52_1063_SIKaP-PenilaianKinerjaPenyedia-Tender.json",
         "53_1064_SiKAP-PenilaianKinerjaPenyedia-NonTender.json", "43_1076_SPSE-TenderEkontrak-4BAPBAST.json",
         "54_1079_SPSE-TenderEkontrak-4BAPBAST-ulang.json")
NO_REGISTRANT = "10036883000"  # a failed tender of the samples without any PesertaTender row


def _rows(folder, name):
    return json.loads(next(folder.glob(f"*_{name}.json")).read_text(encoding="utf-8"))


def _write(path, rows):
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def _budget():
    """RUP-StrukturAnggaranPD in the shape public clients store it (money as JSON numbers; one
    beyond a float's precision)."""
    base = {"tahun_anggaran": 2025, "kd_klpd": "D107", "nama_klpd": "Kab. Bandung", "_event_date": "2025-10-01"}
    return [dict(base, kd_satker=60414, kd_satker_str="1.02.0.00.0.00.02.0000", nama_satker="DINAS KESEHATAN",
                 belanja_operasi=812345678901.25, belanja_modal=98765432100, belanja_btt=0,
                 belanja_non_pengadaan=700000000000, belanja_pengadaan=211111111001.25,
                 total_belanja=911111111001.25),
            dict(base, kd_satker=60412, kd_satker_str="4.02.0.00.0.00.25.0000", nama_satker="SEKRETARIAT DPRD",
                 belanja_operasi=45000000000, belanja_modal=1500000000, belanja_btt=0,
                 belanja_non_pengadaan=30000000000, belanja_pengadaan=16500000000.5,
                 total_belanja=46500000000.5)]


def _masters():
    program = _rows(SAMPLES, "RUP-ProgramMaster")[0]
    kegiatan = {k: program[k] for k in ("tahun_anggaran", "kd_klpd", "nama_klpd", "jenis_klpd", "kd_satker",
                                        "kd_program", "_event_date")}
    kegiatan.update(kd_kegiatan="1.02.02", kd_kegiatan_str="1.02.02.2.01", nama_kegiatan="Penyediaan Layanan Kesehatan",
                    pagu_kegiatan=1250000000, kd_kegiatan_lokal=None, is_deleted=False)
    sub = {k: kegiatan[k] for k in ("tahun_anggaran", "kd_klpd", "kd_satker", "kd_program", "kd_kegiatan")}
    sub.update(kd_subkegiatan="1.02.02.2.01.0001", kd_subkegiatan_str="1.02.02.2.01.0001",
               nama_subkegiatan="Pengelolaan Pelayanan Kesehatan Ibu Hamil", pagu_subkegiatan=350000000,
               kd_subkegiatan_lokal=None, is_deleted=False, _event_date="2025-09-30")
    return [kegiatan], [sub]


@pytest.fixture(scope="module")
def download(tmp_path_factory):
    if not SAMPLES.is_dir():
        pytest.fail(f"the ISB samples are expected at {SAMPLES} (../shared beside the repo)")
    folder = tmp_path_factory.mktemp("unduhan") / "D107-2025"
    shutil.copytree(SAMPLES, folder, ignore=shutil.ignore_patterns("43_1076_*", "README*"))
    for name in EMPTY:
        (folder / name).write_text("[]", encoding="utf-8")
    _write(folder / "12_1035_RUP-StrukturAnggaranPD.json", _budget())
    kegiatan, sub = _masters()
    _write(folder / "13_1042_RUP-KegiatanMaster.json", kegiatan)
    _write(folder / "14_1043_RUP-SubKegiatanMaster.json", sub)
    # the same PaketSwakelola file a second time under another name
    shutil.copy(folder / "23_1030_RUP-PaketSwakelola-Terumumkan.json", folder / "23_1030_RUP-PaketSwakelola-Terumumkan (1).json")
    nontender = _rows(SAMPLES, "SPSE-NonTenderSelesai")
    rup = _rows(SAMPLES, "RUP-PaketPenyedia-Terumumkan")
    codes = [str(r["kd_rup"]) for r in rup[:8]]
    nontender[0]["kd_rup"] = ";".join(codes)          # a consolidated package: eight RUP codes
    nontender[1]["status_nontender"] = "-"             # status not given
    _write(folder / "37_1017_SPSE-NonTenderSelesai.json", nontender)
    peserta = _rows(SAMPLES, "SPSE-PesertaTender")
    placeholder = dict.fromkeys(peserta[0], None)
    placeholder.update(tahun_anggaran=2025, kd_klpd="D107", kd_tender=int(NO_REGISTRANT), kd_lpse=93)
    _write(folder / "42_1070_SPSE-PesertaTender.json", peserta + [placeholder])
    db = folder.parent / "s.duckdb"
    out = subprocess.run([sys.executable, "-m", "kinerja", "register", "--store", str(db), str(folder)],
                         capture_output=True, text=True)
    return {"folder": folder, "db": db, "out": out, "codes": codes, "nontender": nontender}


def test_a_whole_download_exits_0_and_names_every_file(download):
    out = download["out"]
    assert out.returncode == 0, out.stdout + out.stderr
    lines = [line for line in out.stdout.splitlines() if not line.startswith(" ")]
    files = sorted(f.name for f in download["folder"].glob("*.json"))
    assert len(lines) == len(files) == len(list(SAMPLES.glob("*.json"))) - 1 + len(EMPTY) + 4
    for name in files:  # every file under its own name, the seven empty ones included
        assert sum(line.split(" ", 1)[1].startswith(name) for line in lines) == 1, name
    for name in EMPTY:
        assert f"– {name}: berkas kosong" in out.stdout
    assert "✗" not in out.stdout and "Traceback" not in out.stderr
    assert "RUP-KegiatanMaster.json: RUP: master kegiatan — di luar lingkup SOP" in out.stdout
    assert "RUP-SubKegiatanMaster.json: RUP: master subkegiatan — di luar lingkup SOP" in out.stdout
    # the same content twice: the second file met is a copy of the first, its rows not loaded again
    swakelola = sorted(f for f in files if f.startswith("23_1030_"))
    assert f"– {swakelola[1]}: isinya sama persis dengan {swakelola[0]} yang sudah dimuat" in out.stdout


def test_values_it_cannot_use_are_kept_and_flagged(download):
    con = store.connect(download["db"], read_only=True)
    try:
        files = con.execute("SELECT file_name, status FROM register_files").df()
        assert files["file_name"].is_unique and len(files) == len(list(download["folder"].glob("*.json")))
        assert set(files["status"]) == {"loaded", "empty", "outside", "copy"}
        nontender = download["nontender"]
        stored = con.execute("SELECT kd_nontender, kd_rup, status_nontender FROM reg_nontender t JOIN "
                             "register_files f ON f.sha256 = t._sha256 WHERE f.file_name = "
                             "'37_1017_SPSE-NonTenderSelesai.json' ORDER BY _row").fetchall()
        assert [r[0] for r in stored] == [str(r["kd_nontender"]) for r in nontender]  # every row kept
        assert stored[0][1] == ";".join(download["codes"]) and len(stored[0][1]) > 64
        assert stored[1][2] is None
        flags = con.execute("SELECT file_name, \"row\", \"column\", value, reason FROM register_flags").df()
        assert flags[["file_name", "row", "column"]].values.tolist().count(
            ["37_1017_SPSE-NonTenderSelesai.json", 2, "status_nontender"]) == 1
        assert flags.loc[flags["column"] == "status_nontender", "reason"].str.startswith("kosong").all()
        placeholder = flags[flags["file_name"] == "42_1070_SPSE-PesertaTender.json"]
        assert placeholder["column"].tolist() == ["kd_penyedia"]
        assert placeholder["row"].tolist() == [len(_rows(SAMPLES, "SPSE-PesertaTender")) + 1]
        # the swakelola file twice: its rows once
        assert con.execute("SELECT count(*) FROM reg_rup_swakelola").fetchone()[0] == 25
        # the budget structure, exactly
        budget = dict(con.execute("SELECT kd_satker, belanja_pengadaan FROM reg_anggaran").fetchall())
        assert budget == {"1.02.0.00.0.00.02.0000": Decimal("211111111001.25"),
                          "4.02.0.00.0.00.25.0000": Decimal("16500000000.50")}
        pk = packages.load_packages(con, kd_klpd="D107").set_index("kd_paket")
    finally:
        con.close()
    # a tender whose only PesertaTender row is a placeholder had no registrant
    assert pk.loc[NO_REGISTRANT, "jumlah_pendaftar"] == 0 and pk.loc[NO_REGISTRANT, "jumlah_peserta"] == 0
    assert pk.loc["10012486000", "jumlah_pendaftar"] == 30
    # a list of RUP codes joins on its first code, and every code counts as used
    first = next(r for r in _rows(SAMPLES, "RUP-PaketPenyedia-Terumumkan") if str(r["kd_rup"]) == download["codes"][0])
    consolidated = pk.loc[str(download["nontender"][0]["kd_nontender"])]
    assert consolidated["metode_rup"] == first["metode_pengadaan"]
    assert not {f"RUP-{c}" for c in download["codes"]} & set(pk.index)
    assert pd.isna(pk.loc[str(download["nontender"][1]["kd_nontender"]), "status"])


def test_registering_the_download_again_changes_nothing(download):
    again = subprocess.run([sys.executable, "-m", "kinerja", "register", "--store", str(download["db"]),
                            str(download["folder"]), "--json"], capture_output=True, text=True)
    assert again.returncode == 0
    status = {r["file"]: r["status"] for r in json.loads(again.stdout)}
    assert {s for s in status.values()} == {"unchanged", "empty", "outside", "copy"}
    assert all(status[name] == "empty" for name in EMPTY)
