"""`kinerja unduh`: one K/L/PD-year from the INAPROC API Gateway into a download folder, every
response kept as received, with its manifest (layout and keys: kinerja.inputs.gateway).

A folder never holds half a page: each page (v1) or array (legacy) is written whole under a
temporary name and renamed, then the manifest is rewritten the same way, after every page. A
run cut off (network, server, SIGINT/SIGTERM, SIGKILL) leaves complete pages and a manifest
whose unfinished datasets say `complete: false`.

What a run does with what the folder already holds:
- the last run finished (every dataset complete): a refresh, every dataset is fetched again;
- the last run was cut off less than RESUME_HOURS ago, from the same address: a continuation,
  the datasets it completed are kept (when their files are unchanged: sha256) and only the
  others are fetched; an unfinished v1 dataset goes on from its last saved cursor, and starts
  again from its first page when the gateway refuses that cursor (400/410: it expired);
- otherwise every dataset is fetched again.
A dataset being fetched again loses its old pages first (no mix of two downloads).
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import signal
import urllib.parse
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from kinerja.core import fmt
from kinerja.inputs import data_dates, gateway, schemas
from kinerja.inputs.gateway_client import AuthRefused, Client, GatewayFailed, Interrupted

TOKEN_ENV = "INAPROC_TOKEN"
RESUME_HOURS = 24
HALT_AFTER = 2  # datasets in a row failing after all their retries stop the run
# The ISB dataset whose contract describes a v1-only nested e-Kontrak record (for its data date)
NESTED_CONTRACT = {"tender/tender-ekontrak": "SPSE-TenderEkontrak-2Kontrak",
                   "tender/non-tender-ekontrak": "SPSE-NonTenderEkontrak-2Kontrak"}
HOW_TO_GET_A_TOKEN = ("Token diperoleh instansi dari LKPP: akun di akun.inaproc.id dengan peran "
                      "Data Integrator, surat permohonan kepada LKPP, dan alamat IP publik komputer "
                      "ini didaftarkan bersama token.")
WHAT_TO_CHECK = ("periksa token (tersalin utuh), masa berlakunya, alamat IP publik yang "
                 "didaftarkan untuk token, dan API yang diizinkan untuk token ini")


class DownloadError(Exception):
    """Unusable input (token, folder) or a refused token: one Indonesian line, exit 2."""


@dataclass
class Outcome:
    folder: Path
    manifest: dict
    requests: int = 0
    kept: list[str] = field(default_factory=list)           # complete from the cut-off run
    problems: dict[str, str] = field(default_factory=dict)  # endpoint -> why it is incomplete
    refused: list[str] = field(default_factory=list)        # endpoints answered 403
    interrupted: bool = False

    @property
    def exit_status(self) -> int:
        if self.refused:
            return 2
        return 0 if all(d["complete"] for d in self.manifest["datasets"]) else 1


def read_token(environ, token_file: str | None) -> str:
    """The token from `--token-file` or INAPROC_TOKEN; never echoed in a message."""
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            raise DownloadError(f"Berkas token {token_file} tidak dapat dibaca. "
                                f"{HOW_TO_GET_A_TOKEN}") from None
    else:
        token = (environ.get(TOKEN_ENV) or "").strip()
    if not token:
        raise DownloadError(f"Token API INAPROC belum diberikan: simpan di variabel lingkungan "
                            f"{TOKEN_ENV} (export {TOKEN_ENV}=…) atau di berkas untuk --token-file. "
                            f"{HOW_TO_GET_A_TOKEN}")
    if any(c.isspace() for c in token):
        raise DownloadError("Token API INAPROC memuat spasi atau baris baru: simpan token saja, "
                            "satu baris, tanpa awalan 'Bearer'.")
    return token


def check_address(url: str) -> str:
    """The gateway's base address (`--alamat`): http(s), no user name or password in it."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DownloadError(f"Alamat gateway '{url}' tidak dikenali: tulis lengkap, mis. "
                            f"{gateway.BASE_URL}.")
    if parts.username or parts.password:
        raise DownloadError("Alamat gateway tidak boleh memuat nama pengguna atau kata sandi: "
                            f"token dibaca dari {TOKEN_ENV} atau --token-file.")
    return url.strip().rstrip("/")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _write_whole(path: Path, data: bytes) -> None:
    """Write under a temporary name, then rename: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _intact(folder: Path, entry: dict) -> bool:
    """Whether a dataset's files are still those the manifest recorded."""
    return all((folder / f["path"]).is_file() and _sha256(folder / f["path"]) == f["sha256"]
               for f in entry["files"])


def data_date(rows: list, endpoint: gateway.Endpoint) -> str | None:
    """The latest data date of rows (data_dates.of_frame with the dataset the endpoint
    replaces), as YYYY-MM-DD; None when no row is dated."""
    if not rows or not all(isinstance(r, dict) for r in rows):
        return None
    frame = pd.DataFrame(rows)
    found = [ds for ds in schemas.named(endpoint.isb_dataset or NESTED_CONTRACT.get(endpoint.path, ""))
             if isinstance(ds, schemas.Dataset)]
    # the contract whose signature the rows carry (a name may declare several), else the first
    chosen = next((ds for ds in found if schemas.fits(ds, frame.columns)), found[0] if found else None)
    dates = data_dates.of_frame(frame, chosen)
    return dates["data_date"].max().date().isoformat() if len(dates) else None


def _later(a: str | None, b: str | None) -> str | None:
    return max(d for d in (a, b) if d) if (a or b) else None


def _new_entry(endpoint: gateway.Endpoint) -> dict:
    return {"endpoint": endpoint.path, "isb_dataset": endpoint.isb_dataset, "complete": False,
            "rows": 0, "pages": 0, "data_date": None, "files": []}


def _previous(folder: Path, klpd: str, year: int, api: str) -> dict | None:
    """The manifest of an earlier run of the same K/L/PD-year and API in the folder; a folder
    holding anything else is refused (it is not ours to write into)."""
    path = folder / gateway.MANIFEST
    if not path.is_file():
        if folder.is_dir() and any(folder.iterdir()):
            raise DownloadError(f"Folder {folder} sudah berisi berkas lain dan bukan folder unduhan "
                                f"(tidak ada {gateway.MANIFEST}): pilih folder lain dengan --out.")
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        mine = (manifest["klpd"], manifest["year"], manifest["api"]) == (klpd, year, api)
    except (ValueError, KeyError, TypeError):
        raise DownloadError(f"{path} tidak terbaca: pindahkan atau hapus folder itu, atau pilih "
                            f"folder lain dengan --out.") from None
    if not mine:
        raise DownloadError(f"Folder {folder} berisi unduhan {manifest['klpd']} tahun "
                            f"{manifest['year']} (API {manifest['api']}): pilih folder lain dengan --out.")
    return manifest


def _continues(previous: dict | None, base_url: str) -> bool:
    """Whether this run completes a cut-off run (see the module docstring)."""
    if not previous or previous.get("finished") or previous.get("base_url") != base_url:
        return False
    try:
        started = dt.datetime.fromisoformat(previous["started"])
    except (KeyError, TypeError, ValueError):
        return False
    return dt.datetime.now(dt.timezone.utc) - started < dt.timedelta(hours=RESUME_HOURS)


@contextmanager
def _stop_on_signals():
    """SIGINT/SIGTERM set a flag instead of killing: the page in flight is finished and
    written, no new request is sent."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop.is_set
        return
    before = {s: signal.signal(s, lambda *_: stop.set()) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop.is_set
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


class _Run:
    def __init__(self, folder: Path, manifest: dict, client: Client,
                 progress: Callable[[str, bool], None]):
        self.folder, self.manifest, self.client, self.progress = folder, manifest, client, progress

    def save(self) -> None:
        data = json.dumps(self.manifest, ensure_ascii=False, indent=2).encode("utf-8")
        _write_whole(self.folder / gateway.MANIFEST, data)

    def _clear(self, api: str, endpoint: gateway.Endpoint, keep: int = 0) -> None:
        """Remove an endpoint's files beyond its first `keep` pages, and leftover temporary files."""
        where = gateway.endpoint_dir(self.folder, api, endpoint.path)
        wanted = {gateway.page_file(self.folder, endpoint.path, n).name for n in range(1, keep + 1)}
        for f in where.glob("*") if where.is_dir() else ():
            if f.name not in wanted:
                f.unlink()

    def _add(self, entry: dict, endpoint: gateway.Endpoint, path: Path, reply, rows: list,
             params: dict, next_cursor: str | None, last: bool) -> None:
        """Keep one page: its file, then the manifest saying so (and, with the last page, that
        the dataset is complete)."""
        _write_whole(path, reply.content)
        entry["files"].append({
            "path": path.relative_to(self.folder).as_posix(),
            "sha256": hashlib.sha256(reply.content).hexdigest(), "rows": len(rows),
            "http_status": reply.status, "fetched_at": _now(), "params": params,
            "next_cursor": next_cursor})
        entry.update(rows=entry["rows"] + len(rows), pages=len(entry["files"]), complete=last,
                     data_date=_later(entry["data_date"], data_date(rows, endpoint)))
        self.save()
        self.progress(progress_line(entry), False)

    def v1(self, endpoint: gateway.Endpoint, entry: dict) -> None:
        done = entry["files"]
        cursor = done[-1]["next_cursor"] if done else None
        if not cursor or not _intact(self.folder, entry):  # nothing to go on from: page 1
            entry.update(_new_entry(endpoint))
        self._clear("v1", endpoint, keep=len(entry["files"]))
        seen = {f["params"].get("cursor") for f in entry["files"]} - {None}
        restarted = False
        while True:
            params = {"kode_klpd": self.manifest["klpd"], "tahun": self.manifest["year"],
                      "limit": gateway.PAGE_LIMIT, "cursor": cursor}
            try:
                reply = self.client.get("v1", endpoint.path, {k: v for k, v in params.items() if v is not None})
            except GatewayFailed as exc:
                if cursor and exc.status in (400, 410) and not restarted:  # a stale cursor
                    restarted, cursor, seen = True, None, set()
                    entry.update(_new_entry(endpoint))
                    self._clear("v1", endpoint)
                    continue
                raise
            page = reply.payload
            if not isinstance(page, dict) or page.get("success") is False or \
                    not isinstance(page.get("data") or [], list):
                raise GatewayFailed("tanggapan bukan amplop API v1 ({success, data, meta})")
            meta = page.get("meta") if isinstance(page.get("meta"), dict) else {}
            following = str(meta.get("cursor") or "") or None
            path = gateway.page_file(self.folder, endpoint.path, len(entry["files"]) + 1)
            last = not meta.get("has_more") or following is None
            self._add(entry, endpoint, path, reply, page.get("data") or [], params, following, last)
            if last:
                return
            if following in seen:
                raise GatewayFailed("gateway mengulang kursor yang sama (halaman berulang)")
            seen.add(following)
            cursor = following

    def legacy(self, endpoint: gateway.Endpoint, entry: dict) -> None:
        entry.update(_new_entry(endpoint))
        self._clear("legacy", endpoint)
        params = {"kode_klpd": self.manifest["klpd"], "tahun": self.manifest["year"]}
        reply = self.client.get("legacy", endpoint.path, params)
        if not isinstance(reply.payload, list) and reply.payload is not None:
            raise GatewayFailed("tanggapan Legacy ISB API bukan larik JSON")
        self._add(entry, endpoint, gateway.legacy_file(self.folder, endpoint.path), reply,
                  reply.payload or [], params, None, last=True)


def download(folder: Path, klpd: str, year: int, api: str, base_url: str, token: str,
             progress: Callable[[str, bool], None] = lambda line, final: None) -> Outcome:
    """Download every dataset of `api` (gateway.endpoints) for one K/L/PD-year into `folder`.
    Raises DownloadError on a refused token (401); a 403 leaves that dataset incomplete and
    the outcome's exit status 2."""
    folder, klpd, base_url = Path(folder), klpd.strip().upper(), check_address(base_url)
    with _only_run(folder):
        return _download(folder, klpd, year, api, base_url, token, progress)


@contextmanager
def _only_run(folder: Path):
    """One `kinerja unduh` a folder at a time (a lock on the folder itself, released with the
    process, even one killed)."""
    if folder.exists() and not folder.is_dir():
        raise DownloadError(f"{folder} adalah berkas, bukan folder: pilih folder lain dengan --out.")
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DownloadError(f"Folder {folder} sedang diisi oleh kinerja unduh lain: tunggu "
                                f"sampai selesai.") from None
        yield
    finally:
        os.close(fd)


def _download(folder: Path, klpd: str, year: int, api: str, base_url: str, token: str,
              progress: Callable[[str, bool], None]) -> Outcome:
    previous = _previous(folder, klpd, year, api)
    continuing = _continues(previous, base_url)
    before = {d["endpoint"]: d for d in previous["datasets"]} if continuing else {}
    manifest = {"format": 1, "klpd": klpd, "year": year, "api": api, "base_url": base_url,
                "started": previous["started"] if continuing else _now(), "finished": None,
                "datasets": [before.get(e.path) or _new_entry(e) for e in gateway.endpoints(api)]}
    out = Outcome(folder, manifest)
    with _stop_on_signals() as stopping:
        client = Client(base_url, token, stopping)
        run = _Run(folder, manifest, client, progress)
        run.save()
        if not continuing:  # a refresh: no page of an earlier download stays beside the new ones
            for api_dir in gateway.APIS:
                shutil.rmtree(folder / api_dir, ignore_errors=True)
        try:
            _fetch_all(run, out, api, continuing)
        finally:
            client.close()
            out.requests = client.requests
            if all(d["complete"] for d in manifest["datasets"]):
                manifest["finished"] = _now()
            run.save()
    return out


def _fetch_all(run: _Run, out: Outcome, api: str, continuing: bool) -> None:
    failing = 0  # datasets in a row that used up their retries: at HALT_AFTER, the gateway is down
    for endpoint, entry in zip(gateway.endpoints(api), run.manifest["datasets"]):
        if continuing and entry["complete"] and _intact(run.folder, entry):
            out.kept.append(endpoint.path)
            run.progress(progress_line(entry, kept=True), True)
            continue
        entry["complete"] = False
        try:
            getattr(run, api)(endpoint, entry)
            failing = 0
        except AuthRefused as exc:
            if exc.status == 401:
                raise DownloadError(f"Token ditolak gateway INAPROC (HTTP 401): {WHAT_TO_CHECK}.") from None
            out.refused.append(endpoint.path)
            out.problems[endpoint.path] = "akses ditolak (HTTP 403)"
        except Interrupted:
            out.interrupted = True
            out.problems[endpoint.path] = "dihentikan"
        except GatewayFailed as exc:
            out.problems[endpoint.path] = run.client.redact(str(exc))
            failing = failing + 1 if exc.retried else 0
            out.interrupted = exc.halt or failing >= HALT_AFTER
        run.save()
        run.progress(progress_line(entry, problem=out.problems.get(endpoint.path)), True)
        if out.interrupted:
            return


def progress_line(entry: dict, kept: bool = False, problem: str | None = None) -> str:
    """'  tender/pengumuman: 1.234 baris, 2 halaman — lengkap' (rows and pages so far)."""
    state = ("sudah lengkap dari unduhan sebelumnya, tidak diunduh ulang" if kept else
             "lengkap" if entry["complete"] else f"belum lengkap: {problem}" if problem else "…")
    return (f"  {entry['endpoint']}: {fmt.angka(entry['rows'])} baris, "
            f"{fmt.angka(entry['pages'])} halaman — {state}")


def refused_line(out: Outcome) -> str:
    """The one line of a 403 (exit 2)."""
    which = ("semua dataset" if len(out.refused) == len(out.manifest["datasets"])
             else f"{len(out.refused)} dataset ({', '.join(out.refused)})")
    return f"Akses ditolak gateway INAPROC (HTTP 403) untuk {which}: {WHAT_TO_CHECK}."


def summary(out: Outcome) -> dict:
    """The machine-readable summary (`kinerja unduh --json`)."""
    m = out.manifest
    return {"folder": str(out.folder), "klpd": m["klpd"], "year": m["year"], "api": m["api"],
            "exit_status": out.exit_status, "requests": out.requests,
            "complete": all(d["complete"] for d in m["datasets"]),
            "datasets": [{"endpoint": d["endpoint"], "isb_dataset": d["isb_dataset"],
                          "rows": d["rows"], "pages": d["pages"], "complete": d["complete"],
                          "data_date": d["data_date"], "downloaded": d["endpoint"] not in out.kept,
                          "message": out.problems.get(d["endpoint"])} for d in m["datasets"]]}


def summary_lines(out: Outcome) -> list[str]:
    """What a run did, in Indonesian: datasets complete, rows, requests, the data date, and
    what is incomplete and how to complete it."""
    sets = out.manifest["datasets"]
    complete = [d for d in sets if d["complete"]]
    dates = [d["data_date"] for d in sets if d["data_date"]]
    lines = [f"Unduhan {out.manifest['klpd']} tahun {out.manifest['year']} (API {out.manifest['api']}) "
             f"di {out.folder}: {fmt.angka(len(complete))} dari {fmt.angka(len(sets))} dataset lengkap, "
             f"{fmt.angka(sum(d['rows'] for d in sets))} baris, {fmt.angka(out.requests)} permintaan"
             + (f"; {fmt.angka(len(out.kept))} dataset lengkap dari unduhan sebelumnya tidak diunduh "
                f"ulang" if out.kept else "") + "."]
    if dates:
        lines.append(f"Tanggal data terbaru: {fmt.tanggal(max(dates))}.")
    missing = [d["endpoint"] for d in sets if not d["complete"]]
    if missing:
        why = "; ".join(f"{e}: {out.problems[e]}" for e in missing if e in out.problems)
        lines.append(f"Belum lengkap ({fmt.angka(len(missing))} dataset){': ' + why if why else ''}. "
                     f"Jalankan perintah yang sama lagi untuk melengkapinya (dalam {RESUME_HOURS} jam: "
                     f"dataset yang sudah lengkap tidak diunduh ulang).")
    return lines
