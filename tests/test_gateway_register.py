"""Gateway downloads register like ISB files (issue 22): the same rows give the same KPIs and the
same register tables whether they come as ISB files, as a Legacy ISB API download or as an API
v1 download (envelopes, nested e-Kontrak documents and ratings, the gateway's quirks), built by
tests/gateway_data.py from the real ISB samples of Kab. Bandung."""

import json
import os
import shutil
import signal
import subprocess
import sys

import gateway_data as gw
import pandas as pd
import pytest
from conftest import PARAMS
from inaproc_server import TOKEN, Gateway
from kinerja.core import config
from kinerja.core.periods import Period
from kinerja.inputs import download, gateway, gateway_client, packages, register, store
from kinerja.inputs.schemas import DATASETS
from kinerja.methods import indicators

WEIGHTS = {"Kualitas dan Kuantitas Pekerjaan": 0.3, "Biaya": 0.2, "Waktu": 0.3, "Layanan": 0.2}
SIKAP = {"tender": "SIKaP-PenilaianKinerjaPenyedia-Tender", "non-tender": "SiKAP-PenilaianKinerjaPenyedia-NonTender"}


def sikap_rows(rows: dict, kind: str) -> list[dict]:
    """The ratings gateway_data nests in the v1 contract records, as the old ISB SIKaP dataset
    delivered them: one row per indicator with the contract's fields and the total score."""
    key = gw.KIND[kind]
    out = []
    for index, contract in enumerate(rows[f"{gw.DOCS[kind]}-2Kontrak"]):
        rating = gw.rating(index)
        total = sum(WEIGHTS[r["indikator_penilaian"]] * r["nilai_indikator"] for r in rating)
        fields = {f: contract.get(f) for f in ("tahun_anggaran", "kd_klpd", "kd_satker", "kd_satker_str", "nama_satker",
                                               key, "nama_paket", "no_kontrak", "versi_addendum", "kd_penyedia",
                                               "nama_penyedia", "npwp_penyedia", "nip_ppk", "nama_ppk")}
        out += [dict(fields, **r, total_skors=total) for r in rating]
    return out


def _params(tmp_path):
    text = PARAMS.read_text(encoding="utf-8").replace("kd_klpd: 'DEMO'", "kd_klpd: 'D107'")
    path = tmp_path / "d107.yaml"
    path.write_text(text.replace("\ntahun: 2024", "\ntahun: 2025"), encoding="utf-8")
    return config.load(path)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    if not gw.SAMPLES.is_dir():
        pytest.fail(f"the ISB samples are expected at {gw.SAMPLES} (../shared beside the repo)")
    base = tmp_path_factory.mktemp("gerbang")
    world = gw.world()
    isb = dict(world, **{name: sikap_rows(world, kind) for kind, name in SIKAP.items()})
    folders = {"isb": gw.write_isb(base / "isb", isb), "legacy": gw.write_download(base / "legacy", world, "legacy"),
               "v1": gw.write_download(base / "v1", world, "v1")}
    out = {"base": base, "folders": folders, "params": _params(base), "world": world}
    for name, folder in folders.items():
        con = store.connect(base / f"{name}.duckdb")
        try:
            out[name] = {r.file: r for r in register.load(con, [folder])}
        finally:
            con.close()
    return out


def _counts(base, name) -> dict[str, int]:
    con = store.connect(base / f"{name}.duckdb", read_only=True)
    try:
        return {store.table_name(d): con.execute(f"SELECT count(*) FROM {store.table_name(d)}").fetchone()[0]
                for d in DATASETS}
    finally:
        con.close()


def _kpis(base, name, params):
    con = store.connect(base / f"{name}.duckdb", read_only=True)
    try:
        pk = packages.for_params(con, params)
    finally:
        con.close()
    kpi = indicators.realisation(pk, params.indikator, Period(2025), scope=params.metode.metode_dalam_lingkup,
                                 areas=params.area_strategis)
    return pk.sort_values("kd_paket", ignore_index=True), kpi


def test_every_endpoint_registers_in_one_line_with_its_pages(stores):
    for api in ("legacy", "v1"):
        results = stores[api]
        assert set(results) == {f"{api} {e.path}" for e in gateway.endpoints(api)}
        assert {r.status for r in results.values()} == {"loaded", "empty"}
        assert all(r.rows_rejected == 0 for r in results.values())
    v1 = stores["v1"]
    assert v1["v1 tender/pengumuman"].pages == 3 and v1["v1 tender/pengumuman"].rows_read == 25
    assert v1["v1 tender/jadwal-tahapan-non-tender"].status == "empty"  # data: null
    # rows without kd_klpd belong to the K/L/PD the download asked for: filled and flagged
    selesai = v1["v1 tender/non-tender-selesai"]
    assert selesai.rows_flagged == len(gw.sample("SPSE-NonTenderSelesai"))
    assert set(selesai.flags["reason"].str.split(" — ").str[0]) == {"kd_klpd dari permintaan unduhan"}


def test_the_same_rows_give_the_same_tables_and_kpis(stores):
    base, params = stores["base"], stores["params"]
    counts = {name: _counts(base, name) for name in ("isb", "legacy", "v1")}
    # v1 has no SPPBJ endpoint (inaproc-api.md); the Legacy ISB API no rating endpoint
    assert counts["legacy"] == dict(counts["isb"], reg_penilaian=0)
    assert counts["v1"] == dict(counts["isb"], reg_sppbj=0)
    assert counts["v1"]["reg_penilaian"] == sum(len(gw.rating(i)) for kind in gw.KIND
                                                for i in range(len(stores["world"][f"{gw.DOCS[kind]}-2Kontrak"])))
    assert counts["isb"]["reg_bast"] > 0 and counts["isb"]["reg_kontrak"] > 0
    pk_isb, kpi_isb = _kpis(base, "isb", params)
    assert kpi_isb["jumlah_paket"].sum() > 0 and kpi_isb["nilai"].notna().sum() >= 8
    rated = kpi_isb["ukuran"].eq("porsi_kontrak_dinilai")
    assert kpi_isb.loc[rated, "nilai"].notna().all()
    for name in ("legacy", "v1"):
        pk, kpi = _kpis(base, name, params)
        if name == "legacy":  # without a rating in the register the rated share is unknown, never 0%
            assert kpi.loc[rated, "nilai"].isna().all() and (kpi.loc[rated, "jumlah_paket"] == 0).all()
            assert pk["dinilai"].isna().all() and pk_isb["dinilai"].notna().all()
            kpi, pk = kpi.where(~rated, kpi_isb), pk.assign(dinilai=pk_isb["dinilai"])
        pd.testing.assert_frame_equal(kpi, kpi_isb)  # value, numerator, denominator, counts, notes
        # the package view too, but the K/L/PD name the gateway leaves null on non-tender-selesai
        pd.testing.assert_frame_equal(pk.drop(columns="nama_klpd"), pk_isb.drop(columns="nama_klpd"))


def test_v1_numbers_are_exact_and_nested_documents_carry_their_contract(stores):
    base = stores["base"]
    con = store.connect(base / "v1.duckdb", read_only=True)
    ref = store.connect(base / "isb.duckdb", read_only=True)
    try:
        query = "SELECT kd_tender, nip_ppk FROM reg_tender ORDER BY ALL"
        assert con.execute(query).fetchall() == ref.execute(query).fetchall()  # NIP sent as a JSON number
        page = gateway.page_file(stores["folders"]["v1"], "tender/pengumuman", 1)
        sent = [r for r in json.loads(page.read_text(encoding="utf-8"))["data"] if isinstance(r["nip_ppk"], int)]
        assert sent and all(r["nip_ppk"] > 2 ** 53 for r in sent)  # beyond a float's exact integers
        for r in sent:
            assert con.execute("SELECT DISTINCT nip_ppk FROM reg_tender WHERE kd_tender = ? AND nip_ppk IS NOT NULL",
                               [str(r["kd_tender"])]).fetchall() == [(str(r["nip_ppk"]),)]
        # BAP/BAST rows of v1 take the contract's fields from their parent record
        bast = con.execute("SELECT kd_paket, no_kontrak, nama_paket, kd_satker, tgl_bast FROM reg_bast ORDER BY ALL").fetchall()
        assert bast == ref.execute("SELECT kd_paket, no_kontrak, nama_paket, kd_satker, tgl_bast FROM reg_bast "
                                   "ORDER BY ALL").fetchall()
        rated = con.execute("SELECT kd_paket, no_kontrak, indikator_penilaian, nilai_indikator FROM reg_penilaian "
                            "ORDER BY ALL").fetchall()
        assert rated == ref.execute("SELECT kd_paket, no_kontrak, indikator_penilaian, nilai_indikator FROM "
                                    "reg_penilaian ORDER BY ALL").fetchall()
        # an unrated contract (every fourth) has no rating row
        contracts = stores["world"]["SPSE-TenderEkontrak-2Kontrak"]
        unrated = str(contracts[3]["kd_tender"]), contracts[3]["no_kontrak"]
        assert not [r for r in rated if (r[0], r[1]) == unrated]
    finally:
        con.close()
        ref.close()


def test_a_folder_read_twice_changes_nothing(stores):
    base = stores["base"]
    before = _counts(base, "v1")
    con = store.connect(base / "v1.duckdb")
    try:
        again = register.load(con, [stores["folders"]["v1"]])
    finally:
        con.close()
    assert {r.status for r in again} == {"unchanged", "empty"}
    assert _counts(base, "v1") == before


def test_an_incomplete_endpoint_is_refused_whole(stores, tmp_path):
    folder = tmp_path / "terputus"
    shutil.copytree(stores["folders"]["v1"], folder)
    manifest = json.loads((folder / gateway.MANIFEST).read_text(encoding="utf-8"))
    entry = next(d for d in manifest["datasets"] if d["endpoint"] == "tender/pengumuman")
    entry["complete"] = False
    (folder / gateway.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    out = subprocess.run([sys.executable, "-m", "kinerja", "register", "--store", str(db), str(folder)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    refused = [line for line in out.stdout.splitlines() if line.startswith("✗")]
    assert len(refused) == 1 and "v1 tender/pengumuman" in refused[0] and "belum lengkap" in refused[0]
    con = store.connect(db, read_only=True)
    try:  # only the finished-tender endpoint's rows: nothing of the announcements
        assert con.execute("SELECT count(*) FROM reg_tender").fetchone()[0] == len(gw.sample("SPSE-TenderSelesai"))
    finally:
        con.close()


def test_field_name_variants_and_invisible_characters(tmp_path):
    rows = gw.world()
    announced = rows["SPSE-TenderPengumuman"]
    first = announced[0]
    first["nama_paket"] += "\u200b\u200b"  # names that end in zero-width characters
    for r in announced:  # the v1 spelling of the plan and package codes
        r["kd_rup_paket"], r["kd_paket_dce"] = r.pop("kd_rup"), r.pop("kd_pkt_dce")
    folder = gw.write_download(tmp_path / "v1", rows, "v1")
    con = store.connect(tmp_path / "s.duckdb")
    try:
        register.load(con, [folder])
        got = con.execute("SELECT kd_rup, kd_pkt_dce, nama_paket FROM reg_tender t JOIN register_files f ON "
                          "f.sha256 = t._sha256 WHERE kd_tender = ? AND f.file_name = 'v1 tender/pengumuman'",
                          [str(first["kd_tender"])]).fetchall()
    finally:
        con.close()
    assert got == [(str(first["kd_rup_paket"]), str(first["kd_paket_dce"]), first["nama_paket"].rstrip("\u200b"))]


def test_init_names_the_download_folder_as_the_register(stores):
    from kinerja.apps import klpd

    con = store.connect(stores["base"] / "v1.duckdb", read_only=True)
    try:
        assert klpd.recorded_registers(con, "D107") == ([str(stores["folders"]["v1"].resolve())], [])
        assert klpd.find_klpd(con, "D107").nama == "Kab. Bandung"
    finally:
        con.close()


RATED = ("nilai_kinerja_penyedia", "porsi_kontrak_dinilai")  # the measures the SIKaP ratings give


def _kpi_json(params_file, store_path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "kinerja", "kpi", "--params", str(params_file), "--period",
                           "2025", "--json", "--store", str(store_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout)


def test_downloaded_then_registered_gives_the_kpis_of_the_isb_files(stores, tmp_path, monkeypatch):
    """The held-out check in small: `kinerja unduh` from the stand-in (429, 503 and a dropped
    connection on the way; one v1 run cut off after a dozen requests, then run again), then
    `kinerja register`: `kinerja kpi --json` gives exactly what registering the ISB files gives."""
    env = {gateway_client.DELAY_SCALE_ENV: "0.001", download.TOKEN_ENV: TOKEN, "NO_PROXY": "127.0.0.1"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    params_file = stores["base"] / "d107.yaml"
    expected = _kpi_json(params_file, stores["base"] / "isb.duckdb")
    assert sum(r["nilai"] is not None for r in expected) >= 8

    def unduh(gw, out, api, store_path):
        return subprocess.run([sys.executable, "-m", "kinerja", "unduh", "--klpd", "D107", "--tahun", "2025",
                               "--out", str(out), "--alamat", gw.base_url, "--api", api, "--register",
                               "--store", str(store_path)], capture_output=True, text=True, env=os.environ | env)

    for api in ("v1", "legacy"):
        with Gateway(page_cap=10) as gw:
            gw.faults = {3: "429", 7: "503", 11: "drop"}
            done = unduh(gw, tmp_path / api, api, tmp_path / f"{api}.duckdb")
        assert done.returncode == 0, done.stdout + done.stderr
        got = _kpi_json(params_file, tmp_path / f"{api}.duckdb")
        if api == "legacy":  # the Legacy ISB API has no rating endpoint: the ratings' measures say so
            rated = [n for n, r in enumerate(expected) if r["ukuran"] in RATED]
            assert [got[n]["nilai"] for n in rated] == [None, None]
            assert all("SIKaP" in got[n]["keterangan"] for n in rated)
            assert [expected[n]["nilai"] is not None for n in rated] == [True, True]
            got = [expected[n] if n in rated else r for n, r in enumerate(got)]
        assert got == expected
    with Gateway(page_cap=10) as gw:  # cut off at request 12, then completed by the same command
        proc = subprocess.Popen([sys.executable, "-m", "kinerja", "unduh", "--klpd", "D107", "--tahun", "2025",
                                 "--out", str(tmp_path / "cut"), "--alamat", gw.base_url],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ | env)
        gw.hooks[12] = lambda: os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=120)
        done = unduh(gw, tmp_path / "cut", "v1", tmp_path / "cut.duckdb")
    assert done.returncode == 0, done.stdout + done.stderr
    assert _kpi_json(params_file, tmp_path / "cut.duckdb") == expected
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
