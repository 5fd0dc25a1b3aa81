"""One writer at a time on the store. DuckDB locks the store's file (a writer exclusively,
readers shared) and the operating system releases the lock with its process, even one killed
with SIGKILL, so no command leaves the store held. A command that finds the store locked waits
for the holder, saying so on standard error (which process, from DuckDB's message), up to
WAIT_SECONDS (the environment variable WAIT_ENV changes it), then refuses with StoreBusy, one
Indonesian line, instead of DuckDB's IOException."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import duckdb

from kinerja.core import fmt

WAIT_ENV = "KINERJA_STORE_WAIT"
WAIT_SECONDS = 120.0
POLL_SECONDS = 0.2


class StoreBusy(Exception):
    """The store stayed locked by another process for the whole wait."""


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


def holder(message: str) -> str:
    """' (PID 123: kinerja intake)' from DuckDB's lock message and /proc, or '' when unknown."""
    found = re.search(r"PID (\d+)", message)
    if not found:
        return ""
    pid = found.group(1)
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return f" (PID {pid})"
    words = [a for a in argv if a]
    if len(words) > 2 and Path(words[0]).name.startswith("python") and words[1] == "-m":
        words = words[2:]  # python -m kinerja register → kinerja register
    elif len(words) > 1 and Path(words[0]).name.startswith("python") and not words[1].startswith("-"):
        words = words[1:]  # python …/bin/kinerja intake → kinerja intake
    shown = [Path(words[0]).name if words else "?"]
    shown += [w for w in words[1:2] if re.fullmatch(r"-?[\w-]{1,30}", w)]
    return f" (PID {pid}: {' '.join(shown)})"


def open_store(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, waiting while another process holds the store's lock."""
    deadline = None
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            who, limit = holder(str(exc)), wait_seconds()
            seconds = fmt.angka(limit, 0 if limit.is_integer() else 1)
            if deadline is None:
                deadline = time.monotonic() + limit
                print(f"Basis data {path} sedang dipakai proses lain{who}; menunggu sampai proses "
                      f"itu selesai (paling lama {seconds} detik)…", file=sys.stderr, flush=True)
            if time.monotonic() >= deadline:
                raise StoreBusy(f"Basis data {path} masih dipakai proses lain{who} setelah menunggu "
                                f"{seconds} detik: jalankan lagi setelah proses itu selesai (lama "
                                f"menunggu dapat diubah dengan {WAIT_ENV}=detik).") from None
            time.sleep(POLL_SECONDS)
