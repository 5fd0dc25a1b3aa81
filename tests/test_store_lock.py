"""One writer at a time on the store, with real processes: a second writer waits for the first
(saying which process holds the store) and goes on, or refuses in one Indonesian line after the
wait (KINERJA_STORE_WAIT); a read-only open waits likewise; a writer killed with SIGKILL leaves
nothing holding the store and no half-written transaction in it; two `kinerja register` on one
store both succeed."""

import os
import subprocess
import sys
import time

import gateway_data
import pytest
from kinerja.inputs import store, store_lock

HOLD = """
import sys, time
from kinerja.inputs import store
con = store.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
if sys.argv[2] == "tx":  # killed inside a transaction that wrote a row
    con.begin()
    con.execute("INSERT INTO register_files (sha256, file_name) VALUES ('setengah', 'x.json')")
print("siap", flush=True)
time.sleep(float(sys.argv[3]))
con.close()
"""


def hold(path, mode: str, seconds: float) -> subprocess.Popen:
    """A process holding the store (rw, ro, or tx: inside an open transaction) for `seconds`."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), mode, str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "siap"
    return proc


def kinerja(*args, wait: float) -> subprocess.CompletedProcess:
    env = os.environ | {store_lock.WAIT_ENV: str(wait)}
    return subprocess.run([sys.executable, "-m", "kinerja", *args], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.fixture
def isb_file(tmp_path):
    """One register file: the tender announcements of the ISB samples."""
    rows = {"SPSE-TenderPengumuman": gateway_data.sample("SPSE-TenderPengumuman")}
    return next(gateway_data.write_isb(tmp_path / "isb", rows).iterdir())


def test_a_second_writer_waits_for_the_first_and_goes_on(tmp_path, isb_file):
    db = tmp_path / "s.duckdb"
    store.connect(db).close()
    holder = hold(db, "rw", 2.0)
    started = time.monotonic()
    done = kinerja("register", "--store", str(db), str(isb_file), wait=60)
    assert holder.wait(timeout=30) == 0
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started >= 1.0  # it waited for the holder
    assert (f"Basis data {db} sedang dipakai proses lain (PID {holder.pid}: python -c); menunggu "
            f"sampai proses itu selesai (paling lama 60 detik)…") in done.stderr
    assert "dimuat: dibaca 25, dimuat 25, ditandai 0" in done.stdout


def test_after_the_wait_it_refuses_in_one_line_and_a_killed_holder_frees_the_store(tmp_path, isb_file):
    db = tmp_path / "s.duckdb"
    store.connect(db).close()
    holder = hold(db, "rw", 60)
    try:
        done = kinerja("register", "--store", str(db), str(isb_file), wait=1)
        assert done.returncode == 2
        assert done.stderr.strip().splitlines()[-1] == (
            f"Galat: Basis data {db} masih dipakai proses lain (PID {holder.pid}: python -c) setelah "
            f"menunggu 1 detik: jalankan lagi setelah proses itu selesai (lama menunggu dapat diubah "
            f"dengan KINERJA_STORE_WAIT=detik).")
        assert "Galat tak terduga" not in done.stderr and "IOException" not in done.stderr
        os.environ[store_lock.WAIT_ENV] = "0.5"
        try:  # a reader waits for a writer too, then refuses
            with pytest.raises(store_lock.StoreBusy, match="masih dipakai proses lain"):
                store.connect(db, read_only=True)
        finally:
            del os.environ[store_lock.WAIT_ENV]
    finally:
        holder.kill()  # SIGKILL
        holder.wait()
    started = time.monotonic()
    con = store.connect(db)  # right after: the operating system released the lock
    con.close()
    assert time.monotonic() - started < store_lock.POLL_SECONDS


def test_a_writer_killed_inside_a_transaction_leaves_the_store_as_it_was(tmp_path):
    db = tmp_path / "s.duckdb"
    store.connect(db).close()
    holder = hold(db, "tx", 60)
    holder.kill()
    holder.wait()
    con = store.connect(db, read_only=True)
    try:
        assert store.fetch_one(con, "SELECT count(*) FROM register_files")[0] == 0
    finally:
        con.close()


def test_readers_share_the_store(tmp_path):
    db = tmp_path / "s.duckdb"
    store.connect(db).close()
    holder = hold(db, "ro", 60)
    try:
        started = time.monotonic()
        store.connect(db, read_only=True).close()
        assert time.monotonic() - started < store_lock.POLL_SECONDS
    finally:
        holder.kill()
        holder.wait()


def test_two_register_commands_on_one_store_both_succeed(tmp_path, isb_file):
    db = tmp_path / "s.duckdb"
    env = os.environ | {store_lock.WAIT_ENV: "60"}
    procs = [subprocess.Popen([sys.executable, "-m", "kinerja", "register", "--store", str(db), str(isb_file)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert not any("Galat" in err for _, err in outs)
    assert sorted("tidak berubah" in out for out, _ in outs) == [False, True]  # loaded once
