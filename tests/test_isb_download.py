"""The real LKPP ISB download: every dataset recognised by its fields (and its file name), the
ones the SOP uses loaded, the others named, and `kinerja kpi` equal to the same KPIs computed
by hand from the raw files (Kab. Bandung 2025 samples, ../shared/data/lkpp-isb-samples)."""

import csv
import json
import shutil
import subprocess
import sys
from collections import defaultdict

import pandas as pd
import pytest
from conftest import PARAMS, SAMPLE
from kinerja.core.config import FRASA_PEMBATALAN
from kinerja.inputs import packages, register, store

SAMPLES = SAMPLE.parent / "lkpp-isb-samples"
LOADED = {"rup", "rup_swakelola", "tender", "tender_hasil", "nontender", "peserta", "jadwal",
          "sppbj", "kontrak", "spmk", "bast", "pencatatan", "pencatatan_realisasi",
          "satker", "epurchasing", "toko_daring"}  # the last three: names and context, no KPI


@pytest.fixture(scope="module")
def isb_samples_dir():
    if not SAMPLES.is_dir():
        pytest.fail(f"the ISB samples are expected at {SAMPLES} (../shared beside the repo)")
    return SAMPLES


def _rows(folder, dataset):
    return [r for f in sorted(folder.glob(f"*_{dataset}.json")) for r in json.loads(f.read_text())]


def _params(tmp_path, kd_klpd="D107", year=2025):
    text = PARAMS.read_text(encoding="utf-8")
    text = text.replace("kd_klpd: 'DEMO'", f"kd_klpd: '{kd_klpd}'").replace("\ntahun: 2024", f"\ntahun: {year}")
    path = tmp_path / "ukpbj.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _kinerja(*args):
    return subprocess.run([sys.executable, "-m", "kinerja", *map(str, args)], capture_output=True,
                          text=True)


def test_every_dataset_of_the_download_is_recognised(tmp_path, isb_samples_dir):
    folder = tmp_path / "unduhan"
    shutil.copytree(isb_samples_dir, folder)
    (folder / "40_1059_SPSE-PencatatanSwakelola.json").write_text("[]")
    (folder / "41_1060_SPSE-PencatatanSwakelolaRealisasi.json").write_bytes(b"")
    con = store.connect(tmp_path / "s.duckdb")
    results = {r.file: r for r in register.load(con, [folder])}
    by_status = defaultdict(set)
    for r in results.values():
        by_status[r.status].add(r.dataset)
    assert by_status["loaded"] == LOADED
    assert "error" not in by_status
    assert by_status["empty"] == {None}
    assert len([r for r in results.values() if r.status == "empty"]) == 2
    outside = [r for r in results.values() if r.status == "outside"]
    assert {f.name for f in folder.glob("*.json") if f.name.split("_")[2].startswith("Ecat")
            and "PaketEPurchasing" not in f.name} <= {r.file for r in outside}
    assert all("di luar lingkup SOP" in r.message and len(r.message) < 160 for r in outside)
    # the tender BAST sample holds PesertaTender fields: an official file is kept whole, its rows
    # loaded as what they are, under its own name, with the mismatch and what to download said
    bast = results["43_1076_SPSE-TenderEkontrak-4BAPBAST.json"]
    assert bast.status == "loaded" and bast.dataset == "peserta"
    assert bast.message == ("nama berkas menyebut SPSE-TenderEkontrak-4BAPBAST, isinya Peserta tender: dimuat "
                            "sebagai Peserta tender; unduh ulang SPSE-TenderEkontrak-4BAPBAST")
    assert bast.rows_loaded == bast.rows_read == 25 and bast.rows_rejected == 0
    # every value of every loaded file read: no timestamp form flagged; the only flags are the
    # Toko Daring orders the export repeats (identical rows, kept and flagged)
    assert all(r.rows_rejected == 0 for r in results.values() if r.status == "loaded")
    assert {r.dataset for r in results.values() if r.rows_flagged} == {"toko_daring"}
    assert set(results["1_1061_Bela-TokoDaringRealisasi.json"].flags["reason"].str.split(" — ").str[0]) == {"kode ganda"}
    n_peserta = con.execute("SELECT count(*) FROM reg_peserta").fetchone()[0]
    assert n_peserta == len(_rows(isb_samples_dir, "SPSE-PesertaTender")) + 25
    # several rows per package are all kept (payment terms of one non-tender BAST)
    raw_bast = _rows(isb_samples_dir, "SPSE-NonTenderEkontrak-4BAPBAST")
    assert con.execute("SELECT count(*) FROM reg_bast").fetchone()[0] == len(raw_bast)
    # "NIP - Nama" of the non-tender announcement split into its two columns
    nt = con.execute("SELECT nip_ppk, nama_ppk, nip_pp FROM reg_nontender WHERE kd_nontender = "
                     "'10048728000'").fetchone()
    assert nt == ("196801012005011426", "Pegawai BEB5F3", "197801011998011645")
    # a second run examines nothing again and needs no writable store
    con.close()
    ro = store.connect(tmp_path / "s.duckdb", read_only=True)
    again = register.load(ro, [folder])
    assert {r.status for r in again} <= {"unchanged", "outside", "empty", "rejected"}
    ro.close()


def test_register_command_exit_code_and_short_lines(tmp_path, isb_samples_dir):
    out = _kinerja("register", "--store", tmp_path / "s.duckdb", isb_samples_dir)
    assert out.returncode == 0, out.stderr  # the whole download registers (the mislabelled BAST too)
    lines = out.stdout.splitlines()
    own = [line for line in lines if not line.startswith(" ")]  # a file's flagged values are indented below it
    assert len(own) == len(list(isb_samples_dir.glob("*.json")))
    assert {line.split(" ")[1].rstrip(":") for line in own} == {f.name for f in isb_samples_dir.glob("*.json")}
    assert max(len(line) for line in lines) < 330


def _hand_kpis(isb_samples_dir, older):
    """Tender KPIs of D107, 2025, from the raw JSON: later pulls win field by field."""
    ann, res = defaultdict(dict), defaultdict(dict)
    for folder in (older, isb_samples_dir):
        for name in ("SPSE-TenderPengumuman", "SPSE-TenderSelesai"):
            for r in _rows(folder, name):
                ann[str(r["kd_tender"])].update({k: v for k, v in r.items() if v is not None})
        for r in _rows(folder, "SPSE-TenderSelesaiNilai"):
            res[str(r["kd_tender"])].update({k: v for k, v in r.items() if v is not None})
        for r in (csv.DictReader(open(f, encoding="utf-8")) for f in folder.glob("*.csv")):
            for row in r:  # the CSV of a later pull: text cells, 'null' for missing
                res[row["kd_tender"]].update({k: v for k, v in row.items() if v not in ("", "null")})
    # a result without an announcement row is a finished tender process all the same
    for k, r in res.items():
        if k not in ann:
            ann[k] = dict(r, kd_pkt_dce=r["kd_paket"], status_tender="Selesai")
    own = {k: r for k, r in ann.items() if r["kd_klpd"] == "D107" and int(r["tahun_anggaran"]) == 2025}
    by_package = defaultdict(list)
    for k, r in own.items():
        by_package[str(r["kd_pkt_dce"])].append(k)
    last = {p: max(ks, key=lambda k: (own[k].get("versi_tender", 1), own[k]["tgl_pengumuman_tender"], k))
            for p, ks in by_package.items()}
    # decided at the data date (the latest _event_date): not running, not closed for budget reasons
    data_date = max(r["_event_date"] for folder in (older, isb_samples_dir)
                    for name in ("SPSE-TenderPengumuman", "SPSE-TenderSelesai", "SPSE-TenderSelesaiNilai")
                    for r in _rows(folder, name) if r.get("_event_date"))
    award = lambda k: str(res.get(k, {}).get("tgl_penetapan_pemenang") or own[k].get("tgl_penetapan_pemenang") or "")
    running = {k for k in own if own[k]["status_tender"] == "Berlangsung" or award(k)[:10] > data_date}
    budget = lambda k: any(p in f"{own[k].get('ket_ditutup') or ''} {own[k].get('ket_diulang') or ''}".lower()
                           for p in FRASA_PEMBATALAN)
    fail = {k for k in own if own[k]["status_tender"] == "Gagal/Batal" and not budget(k)}
    decided = [k for k in own if k not in running and (own[k]["status_tender"] == "Selesai" or k in fail)]
    done = [k for k in last.values() if own[k]["status_tender"] == "Selesai" and k not in running
            and res.get(k, {}).get("nilai_kontrak") is not None]
    pagu = lambda k: float(own[k]["pagu"])
    eff = sum(pagu(k) - float(res[k]["nilai_kontrak"]) for k in done) / sum(pagu(k) for k in done) * 100
    failed = [k in fail for k in decided]
    failed_pkg = [k in fail for k in last.values() if k in decided]
    retender_pkg = [any(own[k].get("versi_tender", 1) > 1 for k in ks) for ks in by_package.values()]
    # per process over the processes whose version is known (a result-only row has none)
    retender = [own[k]["versi_tender"] > 1 for k in own if "versi_tender" in own[k]]
    offers = defaultdict(int)
    registered = defaultdict(int)
    # the sample file named for the tender BAST holds bidder rows (text numbers): bidders too, one
    # row per registrant (kd_tender, kd_peserta) — one of them is in both files
    bidders = {(str(r["kd_tender"]), str(r["kd_peserta"])): r for r in
               _rows(isb_samples_dir, "SPSE-PesertaTender") + _rows(isb_samples_dir, "SPSE-TenderEkontrak-4BAPBAST")}
    for r in bidders.values():
        if r.get("kd_penyedia") in (None, ""):  # a placeholder row: evidence of no registrant, not one
            continue
        registered[str(r["kd_tender"])] += 1
        offers[str(r["kd_tender"])] += float(r["nilai_penawaran"] or 0) > 0
    bid = [k for k in decided if offers.get(k, 0) >= 1]
    return {"efisiensi_pagu": eff, "tender_gagal": sum(failed) / len(failed) * 100,
            "tender_gagal_paket": sum(failed_pkg) / len(failed_pkg) * 100,
            "tender_ulang": sum(retender_pkg) / len(retender_pkg) * 100,
            "tender_ulang_proses": sum(retender) / len(retender) * 100,
            "rata_peserta": sum(offers[k] for k in bid) / len(bid),
            "rata_pendaftar": sum(registered[k] for k in bid) / len(bid),
            "peserta_tunggal": sum(offers[k] == 1 for k in bid) / len(bid) * 100,
            }, len(own), len(by_package), len(done)


def test_kpis_of_the_download_equal_the_raw_files(tmp_path, isb_samples_dir):
    db = tmp_path / "s.duckdb"
    assert _kinerja("register", "--store", db, SAMPLE, isb_samples_dir).returncode == 0
    out = _kinerja("kpi", "--params", _params(tmp_path), "--store", db, "--period", "2025", "--json")
    assert out.returncode == 0, out.stderr
    got = {r["ukuran"]: r for r in json.loads(out.stdout)}
    expected, processes, n_packages, n_done = _hand_kpis(isb_samples_dir, SAMPLE)
    assert n_packages < processes  # re-tenders: several processes of one package
    for measure in ("efisiensi_pagu", "tender_gagal", "tender_ulang", "rata_peserta", "peserta_tunggal"):
        assert got[measure]["nilai"] == pytest.approx(expected[measure], rel=1e-9), measure
    companions = {r["pendamping"]["ukuran"]: r["pendamping"]["nilai"] for r in got.values() if "pendamping" in r}
    for measure in ("tender_gagal_paket", "tender_ulang_proses", "rata_pendaftar"):
        assert companions[measure] == pytest.approx(expected[measure], rel=1e-9), measure
    assert got["efisiensi_pagu"]["jumlah_paket"] == n_done
    gagal = got["tender_gagal"]
    assert gagal["jumlah_proses"] > gagal["jumlah_paket"] or gagal["penyebut"] >= processes
    assert "SPSE-PesertaTender" in got["rata_peserta"]["sumber"]
    assert got["ikm_internal"]["nilai"] is None


def test_other_klpd_rows_are_left_out_and_counted(tmp_path, isb_samples_dir):
    con = store.connect(tmp_path / "s.duckdb")
    register.load(con, [SAMPLE])
    everything = packages.load_packages(con)
    own = packages.load_packages(con, kd_klpd="D107")
    others = packages.other_klpd(con, "D107")
    bumd = [r for r in _rows(SAMPLE, "SPSE-TenderPengumuman") if r["kd_klpd"] != "D107"]
    assert len(everything) - len(own) == len(bumd) == int(others["jumlah_proses"].sum())
    assert set(others["kd_klpd"]) == {r["kd_klpd"] for r in bumd}
    assert others["pagu"].sum() == pytest.approx(sum(r["pagu"] for r in bumd))


def _ekontrak_case(tmp_path, isb_samples_dir):
    """A finished tender whose result leaves PDN/UMK blank, its e-Kontrak contract with an
    addendum that moves the end date, two BAST rows: all in the samples' shapes."""
    kontrak = _rows(isb_samples_dir, "SPSE-TenderEkontrak-2Kontrak")[0]
    code = str(kontrak["kd_tender"])
    ann = dict(_rows(isb_samples_dir, "SPSE-TenderPengumuman")[0], kd_tender=code, kd_pkt_dce="P1",
               status_tender="Selesai", versi_tender=1, pagu=1_000_000_000,
               # works, not consultancy: the PDN/UMK area (AS-03) leaves Jasa Konsultansi out
               jenis_pengadaan="Pekerjaan Konstruksi",
               tgl_pengumuman_tender="2025-01-31 14:00:00.000000Z")
    res = dict(_rows(isb_samples_dir, "SPSE-TenderSelesaiNilai")[0], kd_tender=code, kd_paket="P1",
               nilai_kontrak=800_000_000, nilai_pdn_kontrak=None, nilai_umk_kontrak=None,
               tgl_penetapan_pemenang="2025-03-01")
    first = dict(kontrak, tgl_kontrak="2025-03-10T00:00:00.000000Z",
                 tgl_kontrak_awal="2025-03-10T00:00:00.000000Z",
                 tgl_kontrak_akhir="2025-06-30T00:00:00.000000Z", versi_addendum=0,
                 nilai_kontrak=800_000_000, nilai_pdn_kontrak=600_000_000, nilai_umk_kontrak=0)
    addendum = dict(first, tgl_kontrak_akhir="2025-07-31T00:00:00.000000Z", versi_addendum=1,
                    apakah_addendum="Ya", nilai_pdn_kontrak=640_000_000, nilai_umk_kontrak=800_000_000)
    bast = dict(_rows(isb_samples_dir, "SPSE-NonTenderEkontrak-4BAPBAST")[0])
    bast.pop("kd_nontender")
    terms = [dict(bast, kd_tender=code, no_bast="B/1", tgl_bast="2025-05-01T00:00:00.000000Z"),
             dict(bast, kd_tender=code, no_bast="B/2", tgl_bast="2025-07-20T00:00:00.000000Z")]
    folder = tmp_path / "ekontrak"
    folder.mkdir()
    for name, rows in (("47_1013_SPSE-TenderPengumuman", [ann]), ("49_1015_SPSE-TenderSelesaiNilai", [res]),
                       ("44_1073_SPSE-TenderEkontrak-2Kontrak", [first, addendum]),
                       ("43_1076_SPSE-TenderEkontrak-4BAPBAST", terms)):
        (folder / f"{name}.json").write_text(json.dumps(rows))
    return folder


def test_pdn_and_contract_on_time_come_from_ekontrak(tmp_path, isb_samples_dir):
    folder = _ekontrak_case(tmp_path, isb_samples_dir)
    db = tmp_path / "s.duckdb"
    assert _kinerja("register", "--store", db, folder).returncode == 0
    out = _kinerja("kpi", "--params", _params(tmp_path), "--store", db, "--period", "2025", "--json")
    got = {r["ukuran"]: r for r in json.loads(out.stdout)}
    # PDN/UMK blank in the result: the contract's values after the last addendum
    assert got["porsi_pdn"]["nilai"] == pytest.approx(640 / 800 * 100)
    assert got["porsi_umk"]["nilai"] == pytest.approx(100.0)
    # last BAST 20 July ≤ end after the addendum 31 July (the first end, 30 June, would be late)
    assert got["kontrak_tepat_waktu"]["nilai"] == pytest.approx(100.0)
    con = store.connect(db, read_only=True)
    row = packages.load_packages(con).iloc[0]
    assert row["sumber_pdn"] == "e-Kontrak (kontrak)"
    assert row["tgl_serah_terima"] == pd.Timestamp("2025-07-20")
    assert row["sumber_akhir_kontrak"].startswith("e-Kontrak (kontrak")


def test_a_cancelled_recording_is_cancelled_not_running_nor_bought(tmp_path, isb_samples_dir):
    """SPSE closes a cancelled pencatatan ('Ditutup', 'Paket Dibatalkan'), sometimes with a
    realisation already entered: neither a running package nor a purchase, nor a failed selection."""
    folder = tmp_path / "pencatatan"
    folder.mkdir()
    shutil.copy(isb_samples_dir / "38_1057_SPSE-PencatatanNonTender.json", folder)
    raw = _rows(folder, "SPSE-PencatatanNonTender")
    closed = {f"PCT-{r['kd_nontender_pct']}": r for r in raw if r["status_nontender_pct"] == "Ditutup"}
    assert closed and all(r["status_nontender_pct_ket"] == "Paket Dibatalkan" for r in closed.values())
    con = store.connect(tmp_path / "s.duckdb")
    register.load(con, [folder])
    pk = packages.load_packages(con, kd_klpd="D107").set_index("kd_paket")
    con.close()
    rows = pk.loc[list(closed)]
    assert rows["dibatalkan"].all() and not rows["gagal"].any()
    assert not rows["menang"].any() and not rows["berlangsung"].any()
    reasons = {k: r["alasan_pembatalan"] for k, r in closed.items() if r["alasan_pembatalan"] != "-"}
    assert reasons and rows.loc[list(reasons), "ket_ditutup"].tolist() == list(reasons.values())
    running = [f"PCT-{r['kd_nontender_pct']}" for r in raw if r["status_nontender_pct_ket"] == "Paket Sedang Berjalan"]
    done = [f"PCT-{r['kd_nontender_pct']}" for r in raw if r["status_nontender_pct_ket"] == "Paket Selesai"]
    assert pk.loc[running, "berlangsung"].all() and pk.loc[done, "menang"].all()


def test_a_store_of_an_earlier_version_is_read_after_upgrading(tmp_path, isb_samples_dir):
    """A store made before a column was added to a contract (here pencatatan's
    alasan_pembatalan) is upgraded when first opened, also by a reader: no Binder Error."""
    folder = tmp_path / "pencatatan"
    folder.mkdir()
    shutil.copy(isb_samples_dir / "38_1057_SPSE-PencatatanNonTender.json", folder)
    db = tmp_path / "s.duckdb"
    con = store.connect(db)
    register.load(con, [folder])
    con.execute("ALTER TABLE reg_pencatatan DROP COLUMN alasan_pembatalan")
    con.execute("DROP TABLE reg_toko_daring")
    con.close()
    con = store.connect(db, read_only=True)
    try:
        pk = packages.load_packages(con, kd_klpd="D107")
    finally:
        con.close()
    assert pk["kd_paket"].str.startswith("PCT-").sum() == len(_rows(folder, "SPSE-PencatatanNonTender"))
    assert pk["ket_ditutup"].isna().all()  # rows loaded before the column: no reason, never an invented one


def test_a_file_named_for_one_dataset_holding_another_says_so_where_that_dataset_is_missing(tmp_path, isb_samples_dir):
    from kinerja.core import config
    from kinerja.methods import register_quality

    folder = tmp_path / "unduhan"
    folder.mkdir()
    shutil.copy(isb_samples_dir / "43_1076_SPSE-TenderEkontrak-4BAPBAST.json", folder)
    params = config.load(_params(tmp_path))
    params = params.model_copy(update={"data": params.data.model_copy(update={"register_paket": [str(folder)]})})
    con = store.connect(tmp_path / "s.duckdb")
    try:
        (result,) = register.load(con, [folder])
        assert result.status == "loaded" and result.dataset == "peserta"
        why = register_quality.gaps(con, params, {"bast": ("bast",)})["bast"]
    finally:
        con.close()
    assert why["jenis"] == "dataset" and why["dataset"] == "SPSE-TenderEkontrak-4BAPBAST"
    assert why["kekurangan"].startswith("unduh SPSE-TenderEkontrak-4BAPBAST")
    assert why["kekurangan"].endswith("; berkas 43_1076_SPSE-TenderEkontrak-4BAPBAST.json berisi Peserta tender")
