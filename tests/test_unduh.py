"""`kinerja unduh` against a stand-in of the INAPROC API Gateway on loopback (tests/inaproc_server.py,
serving the world of tests/gateway_data.py): complete downloads equal the world with every page
as received, retries of 429/503/dropped connections counted on the server, interrupted runs
(SIGKILL, SIGINT/SIGTERM, the network cut) that leave only whole pages and complete without
fetching again what is complete, the token refused or missing, and the token found nowhere.
No test reaches beyond 127.0.0.1; waits are scaled down (KINERJA_DOWNLOAD_DELAY_SCALE)."""

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import gateway_data
import pytest
from inaproc_server import TOKEN, Gateway
from kinerja.apps import cli
from kinerja.inputs import download, gateway, gateway_client, register
from kinerja.inputs.register import LoadResult

CAP = 10  # rows a page the stand-in serves (limit=1000 is asked): several pages per dataset
V1 = gateway.endpoints("v1")


# short waits, the token, and never a proxy between the client and the loopback stand-in
LOCAL = {gateway_client.DELAY_SCALE_ENV: "0.001", download.TOKEN_ENV: TOKEN, "NO_PROXY": "127.0.0.1"}


@pytest.fixture(autouse=True)
def fast_and_authorised(monkeypatch):
    for name, value in LOCAL.items():
        monkeypatch.setenv(name, value)


def unduh(gw, out, capsys, *extra) -> tuple[int, str, str]:
    code = cli.main(["unduh", "--klpd", "D107", "--tahun", "2025", "--out", str(out),
                     "--alamat", gw.base_url, *extra])
    got = capsys.readouterr()
    return code, got.out, got.err


def spawn(gw, out) -> subprocess.Popen:
    env = os.environ | LOCAL
    return subprocess.Popen([sys.executable, "-m", "kinerja", "unduh", "--klpd", "D107", "--tahun",
                             "2025", "--out", str(out), "--alamat", gw.base_url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def manifest(folder: Path) -> dict:
    return json.loads((folder / gateway.MANIFEST).read_text(encoding="utf-8"))


def records(folder: Path, entry: dict, api: str) -> list:
    out = []
    for f in entry["files"]:
        body = json.loads((folder / f["path"]).read_text(encoding="utf-8"))
        out += body if api == "legacy" else (body["data"] or [])
    return out


def expected_pages(gw, api: str) -> int:
    """Requests of a clean download: one a v1 page (CAP rows, at least one page), one a legacy array."""
    if api == "legacy":
        return len(gateway.endpoints("legacy"))
    return sum(max(1, -(-len(gw.records[("v1", e.path)]) // (gw.page_cap or 1000))) for e in V1)


def assert_only_whole_pages(folder: Path) -> None:
    """Every file in the folder is the manifest or a file it lists with the right sha256."""
    m = manifest(folder)
    listed = {f["path"]: f["sha256"] for d in m["datasets"] for f in d["files"]}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == set(listed) | {gateway.MANIFEST}
    for path, digest in listed.items():
        data = (folder / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest
        json.loads(data)  # whole


def assert_equals_world(folder: Path, gw, api: str) -> None:
    m = manifest(folder)
    assert (m["klpd"], m["year"], m["api"], m["base_url"]) == ("D107", 2025, api, gw.base_url)
    assert [d["endpoint"] for d in m["datasets"]] == [e.path for e in gateway.endpoints(api)]
    assert m["finished"] is not None
    for entry in m["datasets"]:
        want = gw.records[(api, entry["endpoint"])]
        assert entry["complete"] is True
        assert records(folder, entry, api) == want, entry["endpoint"]
        assert entry["rows"] == len(want) == sum(f["rows"] for f in entry["files"])
        assert entry["pages"] == len(entry["files"])
        # as received: the files are the bodies the gateway sent, byte for byte, in order
        assert [(folder / f["path"]).read_bytes() for f in entry["files"]] == gw.sent[(api, entry["endpoint"])]
    assert_only_whole_pages(folder)


def test_full_v1_download_equals_the_world(tmp_path, capsys):
    out = tmp_path / "D107-2025"
    with Gateway(page_cap=CAP) as gw:
        code, stdout, stderr = unduh(gw, out, capsys)
        assert code == 0, stderr
        assert_equals_world(out, gw, "v1")
        pages = expected_pages(gw, "v1")
        assert len(gw.requests) == pages == 70  # 19 endpoints, 25-79 rows, 10 a page
        # a well-behaved client: limit=1000 always, the cursor followed with the same parameters
        for r in gw.requests:
            assert (r.params["kode_klpd"], r.params["tahun"], r.params["limit"]) == ("D107", "2025", "1000")
            assert r.headers["Accept"] == "application/json"
        m = manifest(out)
        entry = next(d for d in m["datasets"] if d["endpoint"] == "tender/peserta-tender")
        assert entry["pages"] == 8 and entry["rows"] == 79
        assert entry["files"][0]["params"] == {"kode_klpd": "D107", "tahun": 2025, "limit": 1000, "cursor": None}
        for before, after in zip(entry["files"], entry["files"][1:]):
            assert after["params"]["cursor"] == before["next_cursor"] is not None
        assert entry["files"][-1]["next_cursor"] is None
        assert all(f["http_status"] == 200 for f in entry["files"])
        empty = next(d for d in m["datasets"] if d["endpoint"] == "tender/pencatatan-swakelola")
        assert (empty["rows"], empty["pages"], empty["complete"]) == (0, 1, True)  # data: null
        # the data date: the latest _event_date, else the latest recorded event (tgl_kontrak)
        dates = {d["endpoint"]: d["data_date"] for d in m["datasets"]}
        rup = gw.records[("v1", "rup/paket-penyedia-terumumkan")]
        assert dates["rup/paket-penyedia-terumumkan"] == max(r["_event_date"][:10] for r in rup) == "2025-10-03"
        contracts = gw.records[("v1", "tender/tender-ekontrak")]
        assert dates["tender/tender-ekontrak"] == max(r["tgl_kontrak"][:10] for r in contracts if r.get("tgl_kontrak"))
        assert dates["tender/tender-ekontrak"] == "2025-08-13"
        assert dates["rup/master-satker"] is None  # no date of any kind
    assert "19 dari 19 dataset lengkap, 589 baris, 70 permintaan" in stdout
    assert "Tanggal data terbaru: 3 Oktober 2025." in stdout
    assert "  tender/peserta-tender: 79 baris, 8 halaman — lengkap" in stderr


def test_legacy_download_with_a_token_file(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(download.TOKEN_ENV)
    (tmp_path / "token.txt").write_text(TOKEN + "\n")
    out = tmp_path / "legacy"
    with Gateway() as gw:
        code, stdout, stderr = unduh(gw, out, capsys, "--api", "legacy", "--token-file",
                                     str(tmp_path / "token.txt"))
        assert code == 0, stderr
        assert_equals_world(out, gw, "legacy")
        assert len(gw.requests) == 23  # one array per legacy endpoint
        assert all(r.params == {"kode_klpd": "D107", "tahun": "2025"} for r in gw.requests)
    entry = manifest(out)["datasets"][0]
    assert entry["files"][0]["path"] == "legacy/rup__paket-penyedia-terumumkan/data.json"


def test_retries_429_503_and_dropped_connections(tmp_path, capsys):
    out = tmp_path / "d"
    with Gateway(page_cap=CAP) as gw:
        gw.faults = {2: "429", 5: "429-date", 9: "429-bare", 14: "503", 20: "drop", 21: "drop"}
        code, _, stderr = unduh(gw, out, capsys)
        assert code == 0, stderr
        assert len(gw.requests) == 70 + 6  # every fault answered once more
        assert [r.status for r in gw.requests[19:22]] == [None, None, 200]
        assert_equals_world(out, gw, "v1")


def test_client_honours_retry_after_and_backs_off(monkeypatch):
    with Gateway() as gw:
        client = gateway_client.Client(gw.base_url, TOKEN)
        path, params = "tender/pengumuman", {"kode_klpd": "D107", "tahun": 2025, "limit": 1000}
        gw.faults = {1: "429", 3: "429-date", 5: "429-bare", 7: "503", 8: "503"}
        for _ in range(4):
            assert client.get("v1", path, params).status == 200
        waits = client.waits
        assert waits[0] == 2.0                   # Retry-After: 2
        assert 1.0 < waits[1] <= 3.0             # Retry-After: an HTTP date ±3 s ahead
        assert 0.5 <= waits[2] <= 1.5            # no Retry-After: first back-off 1 s ± 50 %
        assert 0.5 <= waits[3] <= 1.5 and 1.0 <= waits[4] <= 3.0  # doubled at the next retry
        assert client.requests == len(gw.requests) == 9
        # a bounded number of retries, then the dataset is given up
        gw.faults_at = {("v1", path): "503"}
        with pytest.raises(gateway_client.GatewayFailed, match="6 percobaan"):
            client.get("v1", path, params)
        assert len(gw.requests) == 9 + 1 + gateway_client.RETRIES
        # a timeout on every request: a stalled answer is retried
        gw.faults_at, gw.faults, gw.stall_seconds = {}, {len(gw.requests) + 1: "stall"}, 1.0
        monkeypatch.setenv(gateway_client.TIMEOUT_ENV, "0.2")
        quick = gateway_client.Client(gw.base_url, TOKEN)
        assert quick.get("v1", path, params).status == 200 and quick.requests == 2
        client.close(), quick.close()


def test_rate_limiter_keeps_under_the_limits():
    now = [0.0]
    limiter = gateway_client.RateLimiter(((3, 60.0), (5, 3600.0)), clock=lambda: now[0])
    for t in (0.0, 1.0, 2.0):
        now[0] = t
        assert limiter.delay() == 0
        limiter.record()
    now[0] = 2.5
    assert limiter.delay() == 57.5  # the 4th waits until the 1st is a minute old
    now[0] = 60.0
    limiter.record()
    now[0] = 61.0
    limiter.record()  # 5 in the hour
    now[0] = 62.0
    assert limiter.delay() == 3600.0 - 62.0  # the hour's limit: until the 1st is an hour old
    assert gateway_client.RATE_LIMITS == ((900, 60.0), (4500, 3600.0))


def test_retry_after_forms():
    assert gateway_client.retry_after("7") == 7.0
    assert gateway_client.retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now=1792567670.0) == 10.0
    assert gateway_client.retry_after(None) is None and gateway_client.retry_after("soon") is None


def test_sigkill_midway_leaves_whole_pages_and_the_next_run_goes_on(tmp_path, capsys):
    out = tmp_path / "d"
    with Gateway(page_cap=CAP) as gw:
        proc = spawn(gw, out)
        gw.hooks[12] = lambda: os.kill(proc.pid, signal.SIGKILL)  # request 12: page 3 of tender/pengumuman
        proc.communicate(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        assert_only_whole_pages(out)
        m = manifest(out)
        assert m["finished"] is None
        state = {d["endpoint"]: (d["complete"], d["pages"]) for d in m["datasets"]}
        assert state["rup/master-satker"] == (True, 3)
        assert state["tender/pengumuman"] == (False, 2)
        assert state["tender/tender-selesai"] == (False, 0)
        first = len(gw.requests)
        code, stdout, stderr = unduh(gw, out, capsys)
        assert code == 0, stderr
        again = gw.requests[first:]
        per = {p: sum(r.path == p for r in again) for p in {r.path for r in gw.requests}}
        assert [per[e] for e in ("rup/paket-penyedia-terumumkan", "rup/paket-swakelola-terumumkan",
                                 "rup/master-satker")] == [0, 0, 0]
        assert per["tender/pengumuman"] == 1  # from its saved cursor: page 3 only
        assert len(again) == 70 - 11
        assert again[0].params["cursor"] == m["datasets"][3]["files"][-1]["next_cursor"]
        assert_equals_world_after_resume(out, gw)
    assert "3 dataset lengkap dari unduhan sebelumnya tidak diunduh ulang" in stdout
    assert "rup/master-satker: 25 baris, 3 halaman — sudah lengkap dari unduhan sebelumnya" in stderr


def assert_equals_world_after_resume(folder: Path, gw) -> None:
    """As assert_equals_world, without the byte comparison with the server's log (it holds the
    answers of both runs)."""
    m = manifest(folder)
    assert m["finished"] is not None
    for entry in m["datasets"]:
        assert entry["complete"] and records(folder, entry, "v1") == gw.records[("v1", entry["endpoint"])]
    assert_only_whole_pages(folder)


def test_a_stale_cursor_restarts_its_dataset(tmp_path, capsys):
    out = tmp_path / "d"
    with Gateway(page_cap=CAP) as gw:
        gw.hooks[12] = lambda: setattr(gw, "down", True)  # the network goes at request 12
        code, stdout, _ = unduh(gw, out, capsys)
        assert code == 1
        assert len(gw.requests) == 12 + gateway_client.RETRIES  # then the run stops
        assert "sambungan terputus setelah 6 percobaan" in stdout and "Belum lengkap (16 dataset)" in stdout
        assert_only_whole_pages(out)
        gw.down = False
        gw.expire_cursors()  # the saved cursor of tender/pengumuman no longer works
        first = len(gw.requests)
        code, _, stderr = unduh(gw, out, capsys)
        assert code == 0, stderr
        again = gw.requests[first:]
        assert [r.status for r in again[:2]] == [400, 200] and again[1].params.get("cursor") is None
        assert sum(r.path == "tender/pengumuman" for r in again) == 1 + 3
        assert len(again) == 70 - 9 + 1
        assert_equals_world_after_resume(out, gw)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_sigint_and_sigterm_finish_the_page_and_write_the_manifest(tmp_path, signum):
    out = tmp_path / "d"
    with Gateway(page_cap=CAP) as gw:
        proc = spawn(gw, out)
        gw.hooks[11] = lambda: os.kill(proc.pid, signum)  # during page 2 of tender/pengumuman
        stdout, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 1, stderr
        assert len(gw.requests) == 11  # no request after the signal
        assert_only_whole_pages(out)
        entry = manifest(out)["datasets"][3]
        assert (entry["endpoint"], entry["complete"], entry["pages"]) == ("tender/pengumuman", False, 2)
        assert (out / entry["files"][1]["path"]).read_bytes() == gw.sent[("v1", "tender/pengumuman")][1]
        assert "tender/pengumuman: dihentikan" in stdout


def test_a_failing_dataset_is_retried_alone_by_the_next_run(tmp_path, capsys):
    out = tmp_path / "d"
    with Gateway(page_cap=CAP) as gw:
        gw.faults_at = {("v1", "tender/peserta-tender"): "503"}
        code, stdout, _ = unduh(gw, out, capsys, "--json")
        summary = json.loads(stdout)
        assert code == summary["exit_status"] == 1
        assert gw.count("v1", "tender/peserta-tender") == 1 + gateway_client.RETRIES
        failed = [d for d in summary["datasets"] if not d["complete"]]
        assert [(d["endpoint"], d["rows"], d["pages"]) for d in failed] == [("tender/peserta-tender", 0, 0)]
        assert "HTTP 503" in failed[0]["message"]
        assert summary["folder"] == str(out) and summary["requests"] == 70 - 8 + 6
        gw.faults_at = {}
        first = len(gw.requests)
        code, stdout, _ = unduh(gw, out, capsys, "--json")
        summary = json.loads(stdout)
        assert code == summary["exit_status"] == 0 and summary["complete"] is True
        assert {r.path for r in gw.requests[first:]} == {"tender/peserta-tender"}
        assert [d["downloaded"] for d in summary["datasets"]].count(True) == 1
        assert set(summary["datasets"][0]) >= {"endpoint", "rows", "pages", "complete", "data_date"}
        # the last run finished: running again refreshes every dataset
        first = len(gw.requests)
        assert unduh(gw, out, capsys)[0] == 0
        assert len(gw.requests) - first == 70
        assert_only_whole_pages(out)


def test_no_token_or_a_refused_one_exits_2(tmp_path, capsys, monkeypatch):
    with Gateway(granted=("v1",)) as gw:
        monkeypatch.delenv(download.TOKEN_ENV)
        code, stdout, stderr = unduh(gw, tmp_path / "a", capsys)
        assert code == 2 and stdout == "" and gw.requests == []
        line = stderr.strip().splitlines()[-1]
        for part in ("INAPROC_TOKEN", "--token-file", "akun.inaproc.id", "Data Integrator",
                     "surat permohonan", "alamat IP publik"):
            assert part in line
        monkeypatch.setenv(download.TOKEN_ENV, "token-yang-salah")
        code, stdout, stderr = unduh(gw, tmp_path / "b", capsys)
        assert code == 2 and len(gw.requests) == 1  # a 401 stops the run
        assert stderr.strip().splitlines()[-1] == (
            "Galat: Token ditolak gateway INAPROC (HTTP 401): periksa token (tersalin utuh), masa "
            "berlakunya, alamat IP publik yang didaftarkan untuk token, dan API yang diizinkan "
            "untuk token ini.")
        assert "token-yang-salah" not in stdout + stderr  # the gateway echoed it in its body
        monkeypatch.setenv(download.TOKEN_ENV, TOKEN)
        code, stdout, stderr = unduh(gw, tmp_path / "c", capsys, "--api", "legacy")
        assert code == 2
        assert stderr.strip().splitlines()[-1].startswith(
            "Galat: Akses ditolak gateway INAPROC (HTTP 403) untuk semua dataset: periksa token")
        assert all(not d["complete"] for d in manifest(tmp_path / "c")["datasets"])


def test_the_token_is_sent_only_as_the_bearer_header_and_found_nowhere(tmp_path, capsys, monkeypatch):
    outputs = []
    with Gateway(page_cap=CAP, granted=("v1",)) as gw:
        gw.faults = {3: "429", 6: "503", 9: "drop"}
        gw.hooks[30] = lambda: setattr(gw, "down", True)
        outputs += unduh(gw, tmp_path / "v1", capsys)[1:]         # cut off
        gw.down = False
        outputs += unduh(gw, tmp_path / "v1", capsys, "--json")[1:]  # completed
        outputs += unduh(gw, tmp_path / "legacy", capsys, "--api", "legacy")[1:]  # 403
        monkeypatch.setenv(download.TOKEN_ENV, TOKEN + "x")
        outputs += unduh(gw, tmp_path / "salah", capsys)[1:]      # 401, echoed by the gateway
        for r in gw.requests:
            assert r.headers["Authorization"] in (f"Bearer {TOKEN}", f"Bearer {TOKEN}x")
            assert not any(TOKEN in str(v) for v in r.params.values())
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) > 70
    for p in written:
        assert TOKEN.encode() not in p.read_bytes(), p
    for text in outputs:
        assert TOKEN not in text and TOKEN[:20] not in text


def test_register_option_loads_the_folder_and_passes_its_exit_code(tmp_path, capsys, monkeypatch):
    calls = []

    def load(con, files):
        calls.append([Path(f) for f in files])
        return [LoadResult("halaman-00001.json", "error", message="halaman-00001.json: tidak terbaca.")]

    monkeypatch.setattr(register, "load", load)
    store_path = tmp_path / "s.duckdb"
    with Gateway() as gw:
        code, stdout, _ = unduh(gw, tmp_path / "d", capsys, "--register", "--store", str(store_path))
    assert calls == [[tmp_path / "d"]] and store_path.exists()
    assert code == 2 and "✗ halaman-00001.json: tidak terbaca." in stdout
    monkeypatch.setattr(register, "load", lambda con, files: [LoadResult("x.json", "loaded", "tender", 3, 3)])
    with Gateway() as gw:
        code, stdout, _ = unduh(gw, tmp_path / "d", capsys, "--register", "--store", str(store_path), "--json")
    assert code == 0 and json.loads(stdout)["register"][0]["rows_loaded"] == 3


def test_a_folder_that_is_not_this_download_is_refused(tmp_path, capsys):
    (tmp_path / "isb").mkdir()
    (tmp_path / "isb" / "1_1001_SPSE-TenderPengumuman.json").write_text("[]")
    with Gateway() as gw:
        code, _, stderr = unduh(gw, tmp_path / "isb", capsys)
        assert code == 2 and "bukan folder unduhan" in stderr
        gateway_data.write_download(tmp_path / "lain", gateway_data.world(), "v1", klpd="D108")
        code, _, stderr = unduh(gw, tmp_path / "lain", capsys)
        assert code == 2 and "berisi unduhan D108 tahun 2025 (API v1)" in stderr
        assert gw.requests == []


def test_two_datasets_failing_in_a_row_stop_the_run(tmp_path, capsys):
    with Gateway(page_cap=CAP) as gw:
        gw.faults_at = {("v1", "tender/pengumuman"): "503", ("v1", "tender/tender-selesai"): "503"}
        code, stdout, _ = unduh(gw, tmp_path / "d", capsys)
        assert code == 1
        tries = 1 + gateway_client.RETRIES
        assert len(gw.requests) == 9 + 2 * tries  # three complete datasets, then two that fail
        assert "Belum lengkap (16 dataset): tender/pengumuman: gateway sedang tidak tersedia (HTTP 503)" in stdout


def test_one_download_a_folder_at_a_time(tmp_path, capsys):
    folder = tmp_path / "d"
    folder.mkdir()
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a running kinerja unduh holds it
    try:
        with Gateway() as gw:
            code, _, stderr = unduh(gw, folder, capsys)
            assert code == 2 and f"Folder {folder} sedang diisi oleh kinerja unduh lain" in stderr
            assert gw.requests == []
    finally:
        os.close(fd)
