"""A stand-in of the INAPROC API Gateway on loopback (127.0.0.1, a random port) for the tests of
`kinerja unduh`, built to the documented contract (../shared/spec/inaproc-api.md), not to one
client: Bearer auth (401 for a wrong or missing token, 403 for an API family not granted),
`kode_klpd` and `tahun` required (400 without), v1 `limit` 1–1000 with default 1, opaque cursors
bound to their parameters (400 for an unknown or expired one), `data: null` for an empty page,
error envelopes; and the faults a client must live with, injected at a request number: 429 with
`Retry-After` in seconds, as an HTTP date or without it, 503, a connection dropped mid-response,
a stalled response. It serves the world of tests/gateway_data.py (v1 records with nested
e-Kontrak and the gateway's quirks; legacy arrays) and records every request, every body sent
and who asked for what, so that tests count requests per endpoint. `hooks[n]` runs when request
n arrives (before it is answered): a test kills the client there, or sets `down` (every later
connection is closed without an answer) to cut the network.
"""

from __future__ import annotations

import email.utils
import json
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import gateway_data
from kinerja.inputs import gateway

TOKEN = "eyJhbGciOiJIUzI1NiJ9.dGVzdC10b2tlbi1EMTA3.c2lnbmF0dXJlLXJhaGFzaWE"


@dataclass
class Request:
    number: int
    api: str | None
    path: str | None
    params: dict
    headers: dict
    status: int | None = None  # None: dropped without an answer


class Gateway:
    def __init__(self, token: str = TOKEN, granted=gateway.APIS, page_cap: int | None = None,
                 klpd: str = gateway_data.KLPD, year: int = gateway_data.YEAR):
        rows = gateway_data.world()
        self.records = {("v1", e.path): gateway_data.v1_records(rows, e) for e in gateway.endpoints("v1")}
        self.records |= {("legacy", e.path): gateway_data.legacy_records(rows, e)
                         for e in gateway.endpoints("legacy")}
        self.token, self.granted, self.page_cap, self.klpd, self.year = token, granted, page_cap, klpd, year
        self.faults: dict[int, str] = {}            # request number -> fault
        self.faults_at: dict[tuple[str, str], str] = {}  # (api, path) -> fault on every request
        self.hooks: dict[int, callable] = {}
        self.requests: list[Request] = []
        self.sent: dict[tuple[str, str], list[bytes]] = {}  # bodies of 200 answers, in order
        self.cursors: dict[str, tuple] = {}
        self.down = False
        self.stall_seconds = 2.0
        self._lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.gateway = self
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def expire_cursors(self) -> None:
        self.cursors.clear()

    def count(self, api: str | None = None, path: str | None = None) -> int:
        return sum(1 for r in self.requests if (api is None or r.api == api) and (path is None or r.path == path))

    def per_endpoint(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.requests:
            out[r.path] = out.get(r.path, 0) + 1
        return out

    def arrive(self, request: Request) -> None:
        with self._lock:
            request.number = len(self.requests) + 1
            self.requests.append(request)
        hook = self.hooks.get(request.number)
        if hook:
            hook()

    def page(self, api: str, path: str, params: dict) -> tuple[int, object]:
        """The answer to an authorised request: (status, JSON body)."""
        for name in ("kode_klpd", "tahun"):
            if not params.get(name):
                return 400, _error("Bad Request", f"parameter {name} wajib diisi")
        mine = params["kode_klpd"].upper() == self.klpd and params["tahun"] == str(self.year)
        records = self.records[(api, path)] if mine else []
        if api == "legacy":
            return 200, records
        try:
            limit = int(params.get("limit", "1"))
        except ValueError:
            limit = 0
        if not 1 <= limit <= 1000:
            return 400, _error("Bad Request", "limit harus 1 sampai 1000")
        bound = (path, params["kode_klpd"], params["tahun"], limit)
        offset = 0
        if params.get("cursor"):
            known = self.cursors.get(params["cursor"])
            if known is None or known[0] != bound:
                return 400, _error("Bad Request", "cursor tidak valid atau kedaluwarsa")
            offset = known[1]
        size = min(limit, self.page_cap or limit)
        chunk = records[offset:offset + size]
        more = offset + size < len(records)
        cursor = ""
        if more:
            cursor = secrets.token_urlsafe(12)
            self.cursors[cursor] = (bound, offset + size)
        return 200, {"success": True, "data": chunk or None,
                     "meta": {"limit": limit, "has_more": more, "cursor": cursor}}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # a killed client resets its connection
        pass


def _error(code: str, message: str, details: str = "") -> dict:
    return {"success": False, "error": {"code": code, "message": message, "details": details},
            "meta": {"request_id": f"req-{secrets.token_hex(4)}"}}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet
        pass

    def setup(self):
        super().setup()  # headers and body go in two writes: no Nagle delay between them
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        gw: Gateway = self.server.gateway
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/", 2)
        api, path = (parts[1], parts[2]) if len(parts) == 3 and parts[0] == "api" else (None, None)
        params = {k: v[-1] for k, v in parse_qs(url.query).items()}
        request = Request(0, api, path, params, dict(self.headers))
        gw.arrive(request)
        if gw.down:
            return self._drop()
        fault = gw.faults.get(request.number) or gw.faults_at.get((api, path))
        if self.headers.get("Authorization") != f"Bearer {gw.token}":
            # echoes what it was sent, as a careless gateway might: the client must never show it
            return self._send(request, 401, _error("Unauthorized", "token tidak valid",
                                                   str(self.headers.get("Authorization"))))
        if api not in gw.granted:
            return self._send(request, 403, _error("Forbidden", "API tidak diizinkan untuk token ini",
                                                   str(self.headers.get("Authorization"))))
        if (api, path) not in gw.records:
            return self._send(request, 404, _error("Not Found", "endpoint tidak ada"))
        if fault == "429":
            return self._send(request, 429, _error("Too Many Requests", "coba lagi"), {"Retry-After": "2"})
        if fault == "429-date":
            when = email.utils.formatdate(time.time() + 3, usegmt=True)
            return self._send(request, 429, _error("Too Many Requests", "coba lagi"), {"Retry-After": when})
        if fault == "429-bare":
            return self._send(request, 429, _error("Too Many Requests", "coba lagi"))
        if fault == "503":
            return self._send(request, 503, _error("Service Unavailable",
                                                   "The data source is temporarily unavailable"))
        if fault == "stall":
            time.sleep(gw.stall_seconds)
        status, body = gw.page(api, path, params)
        self._send(request, status, body, drop=fault == "drop")

    def _send(self, request: Request, status: int, body, headers: dict | None = None, drop: bool = False):
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        request.status = None if drop else status
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if drop:  # half the body, then the connection goes
                self.wfile.write(data[:len(data) // 2])
                self.wfile.flush()
                return self._drop()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # the client is gone (killed)
            self.close_connection = True
            return
        if status == 200:
            with self.server.gateway._lock:
                self.server.gateway.sent.setdefault((request.api, request.path), []).append(data)

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
