"""The HTTP client of the INAPROC API Gateway (../shared/spec/inaproc-api.md), on httpx: the
token only in the `Authorization: Bearer` header, a timeout on every request, a client-side
limit under the gateway's reported rate limits, and bounded retries of what is worth retrying
(429 after its `Retry-After` or a back-off, 5xx, a dropped connection, a timeout).

Waits can be shortened for tests with the environment variable DELAY_SCALE_ENV (a factor on
every wait); TIMEOUT_ENV sets the timeout of one request in seconds.
"""

from __future__ import annotations

import email.utils
import json
import os
import random
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

import httpx

from kinerja.core import fmt

TIMEOUT_ENV = "KINERJA_DOWNLOAD_TIMEOUT"
DELAY_SCALE_ENV = "KINERJA_DOWNLOAD_DELAY_SCALE"
TIMEOUT_SECONDS = 60.0
RETRIES = 5            # a request is sent at most 1 + RETRIES times
BACKOFF_SECONDS = 1.0  # first back-off, doubled at each retry (±50 % jitter), at most BACKOFF_MAX
BACKOFF_MAX = 60.0
MAX_RETRY_AFTER = 300.0  # a 429 asking for a longer wait is not waited out
# (requests, seconds): under the reported 1,000 a minute and 5,000 an hour, with a margin
RATE_LIMITS = ((900, 60.0), (4500, 3600.0))


class AuthRefused(Exception):
    """401 or 403: the token, its expiry, the registered IP or the APIs granted to it."""

    def __init__(self, status: int):
        super().__init__(f"HTTP {status}")
        self.status = status


class GatewayFailed(Exception):
    """A request that failed for good: an error status, or its retries used up (`retried`);
    `halt` when the rest of the run would fail the same way (the gateway unreachable, the
    connection dropping, the rate limit not lifting), so that the download stops there."""

    def __init__(self, message: str, status: int | None = None, halt: bool = False,
                 retried: bool = False):
        super().__init__(message)
        self.status, self.halt, self.retried = status, halt, retried


class Interrupted(Exception):
    """SIGINT or SIGTERM arrived: no new request is sent."""


@dataclass
class Reply:
    status: int
    content: bytes  # the body exactly as received
    payload: Any    # the body read as JSON


class RateLimiter:
    """A sliding window per limit: how long to wait before the next request."""

    def __init__(self, limits=RATE_LIMITS, clock: Callable[[], float] = time.monotonic):
        self.limits, self.clock, self.sent = limits, clock, deque()

    def delay(self) -> float:
        now = self.clock()
        longest = max(window for _, window in self.limits)
        while self.sent and self.sent[0] <= now - longest:
            self.sent.popleft()
        wait = 0.0
        for count, window in self.limits:
            recent = [t for t in self.sent if t > now - window]
            if len(recent) >= count:  # wait until the oldest of the last `count` leaves the window
                wait = max(wait, recent[-count] + window - now)
        return wait

    def record(self) -> None:
        self.sent.append(self.clock())


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header (seconds or an HTTP date); None without one."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _error_text(response: httpx.Response) -> str:
    """The gateway's error envelope as 'code: message' (never the whole body)."""
    try:
        error = response.json().get("error") or {}
        return ": ".join(str(error[k]) for k in ("code", "message") if error.get(k))
    except (ValueError, AttributeError):
        return ""


class Client:
    """GET requests to `<base_url>/<api>/<path>` with the token, the limits and the retries.
    `stopping()` says whether to stop (a signal arrived); `requests` counts what was sent."""

    def __init__(self, base_url: str, token: str, stopping: Callable[[], bool] = lambda: False,
                 limiter: RateLimiter | None = None):
        self.base, self.token, self.stopping = base_url.rstrip("/"), token, stopping
        self.limiter = limiter or RateLimiter()
        self.scale = max(0.0, _env_float(DELAY_SCALE_ENV, 1.0))
        self.requests, self.waits = 0, []
        self.http = httpx.Client(
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
            timeout=httpx.Timeout(_env_float(TIMEOUT_ENV, TIMEOUT_SECONDS)), follow_redirects=True)

    def close(self) -> None:
        self.http.close()

    def redact(self, text: str) -> str:
        return text.replace(self.token, "***") if self.token else text

    def wait(self, seconds: float, scaled: bool = True) -> None:
        """Sleep `seconds` (a retry's wait times the scale), in short steps so that a signal
        is heard."""
        self.waits.append(seconds)
        end = time.monotonic() + seconds * (self.scale if scaled else 1.0)
        while (left := end - time.monotonic()) > 0:
            if self.stopping():
                raise Interrupted
            time.sleep(min(left, 0.1))

    def get(self, api: str, path: str, params: dict) -> Reply:
        url = f"{self.base}/{api}/{path}"
        attempt = 0
        while True:
            if (pause := self.limiter.delay()) > 0:
                self.wait(pause, scaled=False)
            if self.stopping():
                raise Interrupted
            self.limiter.record()
            self.requests += 1
            wait, halt = None, False
            try:
                response = self.http.get(url, params=params)
            except httpx.TimeoutException:
                problem, halt = "waktu tunggu habis", True
            except httpx.TransportError:
                problem, halt = "sambungan terputus", True
            else:
                status = response.status_code
                if status in (401, 403):
                    raise AuthRefused(status)
                if status == 200:
                    try:
                        return Reply(status, response.content, json.loads(response.content))
                    except ValueError:
                        problem = "tanggapan HTTP 200 bukan JSON yang utuh"
                elif status == 429:
                    wait = retry_after(response.headers.get("Retry-After"))
                    problem, halt = "terlalu banyak permintaan (HTTP 429)", True
                    if wait is not None and wait > MAX_RETRY_AFTER:
                        raise GatewayFailed(f"gateway meminta menunggu {fmt.angka(wait / 60)} menit "
                                            f"(HTTP 429); jalankan lagi nanti", status, halt=True)
                elif status >= 500:
                    problem = f"gateway sedang tidak tersedia (HTTP {status})"
                else:
                    detail = self.redact(_error_text(response))
                    raise GatewayFailed(f"HTTP {status}" + (f" ({detail})" if detail else ""), status)
            if attempt == RETRIES:
                raise GatewayFailed(f"{problem} setelah {RETRIES + 1} percobaan", halt=halt, retried=True)
            self.wait(wait if wait is not None else self.backoff(attempt))
            attempt += 1

    @staticmethod
    def backoff(attempt: int) -> float:
        """Exponential back-off with jitter: 1, 2, 4, 8, 16 s (each ×0.5–1.5), at most 60 s."""
        return min(BACKOFF_MAX, BACKOFF_SECONDS * 2 ** attempt) * random.uniform(0.5, 1.5)
