"""Many UKPBJ at once: `kinerja run-many PARAMS...` runs `batch.run` for many UKPBJ/year parameter
files, on a local process pool by default or on a Dask distributed cluster (`--scheduler`).

Every parameter file is checked here first (readable, valid) and given its own output folder,
`<out>/<parameter-file stem>/<year>/<period>`, so two UKPBJ of the same year never write into
one folder. Each file must have its own store (`data.store`): two files naming one store would
mix their registers in one package view and race for DuckDB's single writer lock, so they are
refused (both listed with the reason) and the others still run. A failing UKPBJ (bad file,
missing register, failing stage, a worker that died) is listed with its Indonesian message and
never stops the others.

On a cluster the workers must see the same paths as this machine (a shared file system) and
have this project installed; each task is one whole `batch.run`, which itself runs its stage
notebooks two at a time.
"""

from __future__ import annotations

import os
import socket
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from kinerja.core import config, paths
from kinerja.core.periods import Period
from kinerja.inputs.register import RegisterFileError
from kinerja.pipeline import batch

OK, FAILED = "ok", "failed"
SUFFIXES = (".yaml", ".yml")


@dataclass
class Job:
    params: Path
    periode: str | None
    out: Path
    draft: bool = False  # batch.run's draft: every page marked DRAF, unfilled values let through


@dataclass
class Outcome:
    """One line of the summary; `as_dict()` is the `--json` record (exactly these keys)."""
    params: str
    status: str            # ok | failed
    output: str | None
    seconds: float
    message: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def expand(items: Iterable[str | Path]) -> list[Path]:
    """Parameter files: folders give their *.yaml/*.yml files (sorted); the same file named
    twice is run once."""
    out, seen = [], set()
    for p in map(Path, items):
        found = sorted(f for f in p.iterdir() if f.suffix.lower() in SUFFIXES
                       and not f.name.startswith(".")) if p.is_dir() else [p]
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def plan(files: list[Path], periode: str | None = None, out_base: Path | None = None,
         draft: bool = False) -> tuple[list[Job], list[Outcome]]:
    """Check every file; return the jobs to run and the files refused before running."""
    out_base = Path(out_base or paths.OUTPUTS)
    loaded, refused = {}, []
    for f in files:
        try:
            params = config.load(f)
            period = Period.parse(periode or params.tahun)
        except (config.ParameterError, ValueError) as exc:
            refused.append(Outcome(str(f), FAILED, None, 0.0, str(exc)))
            continue
        loaded[f] = (params, period)

    by_store, by_out = defaultdict(list), defaultdict(list)
    for f, (params, period) in loaded.items():
        by_store[params.store_path.resolve()].append(f)
        by_out[(out_base / f.stem / str(period.year) / period.label).resolve()].append(f)
    clash: dict[Path, str] = {}
    for store, group in by_store.items():
        if len(group) > 1:
            names = ", ".join(g.name for g in group)
            for f in group:
                clash[f] = (f"Berkas parameter {names} memakai basis data yang sama ({store}); "
                            f"register UKPBJ akan tercampur. Beri setiap berkas parameter "
                            f"data.store sendiri. Tidak dijalankan.")
    for target, group in by_out.items():
        if len(group) > 1:
            names = ", ".join(str(g) for g in group)
            for f in group:
                clash.setdefault(f, f"Berkas parameter {names} bernama sama sehingga keluarannya "
                                    f"akan bertabrakan di {target}; ganti nama salah satunya. "
                                    f"Tidak dijalankan.")
    jobs = []
    for f, (params, period) in loaded.items():
        if f in clash:
            refused.append(Outcome(str(f), FAILED, None, 0.0, clash[f]))
        else:
            jobs.append(Job(f, period.label, out_base / f.stem / str(period.year) / period.label, draft))
    return jobs, refused


def run_one(job: Job) -> Outcome:
    """One UKPBJ/period, in a pool process or on a Dask worker: never raises."""

    started = time.perf_counter()
    try:
        final = batch.run(job.params, job.periode, out=job.out, progress=False, draft=job.draft)
        return Outcome(str(job.params), OK, str(final), round(time.perf_counter() - started, 1))
    except (batch.StageError, config.ParameterError, RegisterFileError, ValueError,
            FileNotFoundError) as exc:
        message = str(exc)
    except Exception as exc:  # noqa: BLE001 - a bug in one UKPBJ must not stop the others
        message = f"Galat tak terduga ({exc.__class__.__name__}: {exc})"
    return Outcome(str(job.params), FAILED, None, round(time.perf_counter() - started, 1), message)


def default_workers() -> int:
    """Each run already keeps batch.WORKERS kernels busy: one run per that many cores."""

    return max(1, (os.cpu_count() or 1) // batch.WORKERS)


def _local(jobs: list[Job], workers: int, done: Callable[[Outcome], None]) -> list[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # spawn: a clean interpreter per worker (no inherited threads, kernels or open stores)
    with ProcessPoolExecutor(max_workers=workers,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = {pool.submit(run_one, job): job for job in jobs}
        return _collect(futures, as_completed, "Proses pekerja berhenti tak terduga", done)


def _collect(futures: dict, completed, lost: str, done: Callable[[Outcome], None]
             ) -> list[Outcome]:
    """Outcomes in order of completion; a job whose worker died is a failure with `lost`."""
    results = []
    for future in completed(list(futures)):
        try:
            outcome = future.result()
        except Exception as exc:  # noqa: BLE001 - the worker died (e.g. Dask's KilledWorker)
            outcome = Outcome(str(futures[future].params), FAILED, None, 0.0,
                              f"{lost} ({exc.__class__.__name__}: {exc}).")
        done(outcome)
        results.append(outcome)
    return results


def connect(address: str, timeout: float = 10):
    """A client of the Dask scheduler at `address` (e.g. tcp://10.0.0.5:8786). An address where
    nothing listens is refused at once, not after the client's whole timeout of retries."""
    from distributed import Client

    try:
        _listening(address, timeout)
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConnectionError(f"Tidak dapat terhubung ke penjadwal Dask di {address}: "
                              f"{exc.__class__.__name__}: {exc}") from None


def _listening(address: str, timeout: float) -> None:
    """Raise OSError when a tcp:// address refuses connections (other schemes: no check)."""
    scheme, _, where = address.rpartition("://")
    host, _, port = where.rpartition(":")
    if scheme == "tcp" and host and port.isdigit():
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()


def _dask(jobs: list[Job], address, done: Callable[[Outcome], None]) -> list[Outcome]:
    client = connect(address) if isinstance(address, str) else address
    results = []
    try:
        with client.as_current():  # as_completed looks the client up as the current one
            results = _gather(client, jobs, done)
    finally:
        if isinstance(address, str):
            client.close()
    return results


def _gather(client, jobs: list[Job], done: Callable[[Outcome], None]) -> list[Outcome]:
    from distributed import as_completed

    futures = {client.submit(run_one, job, key=f"kinerja-{i}-{job.params.stem}", pure=False): job
               for i, job in enumerate(jobs)}
    return _collect(futures, as_completed, "Pekerja Dask gagal menjalankan tugas", done)


def run_many(files: Iterable[str | Path], periode: str | None = None, out_base: Path | None = None,
             scheduler=None, workers: int | None = None,
             done: Callable[[Outcome], None] | None = None, draft: bool = False) -> list[Outcome]:
    """Run every parameter file; return one outcome per file, in the order given.

    `scheduler`: None for a local process pool of `workers` processes, a scheduler address
    string, or a `distributed.Client`. `done` is called as each outcome arrives."""
    files = expand(files)
    done = done or (lambda outcome: None)
    jobs, refused = plan(files, periode, out_base, draft)
    for outcome in refused:
        done(outcome)
    results = list(refused)
    if jobs:
        if scheduler is None:
            results += _local(jobs, workers or default_workers(), done)
        else:
            results += _dask(jobs, scheduler, done)
    order = {str(f): i for i, f in enumerate(files)}
    return sorted(results, key=lambda o: order.get(o.params, len(order)))
