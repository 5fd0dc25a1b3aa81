"""The main job: run the stage notebooks with papermill, render each to HTML without code and to
PDF, and write manifest.json (parameters and inputs with sha256, package versions, seconds per
stage, artefacts with their format number).

A run is built in a staging folder and moved into outputs/<year>/<period>/ only when every stage
succeeded, so a failing cell never destroys the outputs of the last good run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import platform
import shutil
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from kinerja.core import config, paths
from kinerja.core.periods import Period
from kinerja.formulir import intake
from kinerja.inputs import register
from kinerja.methods import register_quality
from kinerja.methods.report import cover
from kinerja.pipeline.workbook import ensure_register, output_dir
from kinerja.render.html import notebook_to_html
from kinerja.render.pdf import html_to_pdf

KERNEL = "python3"  # the kernel of the environment kinerja runs in (the project's .venv)
WORKERS = 2  # this is a 2-core machine: two kernels at a time nearly halve the wall time


@dataclass(frozen=True)
class Stage:
    notebook: str
    title: str
    report_format: str | None  # the format the stage's HTML/PDF report is
    wave: int = 1  # stages of one wave are independent and run in parallel; later waves read them
    template: str | None = None  # a page template with title page and contents (render/templates)


STAGES = (
    Stage("01_perencanaan", "Perencanaan Kinerja", "F3"),
    Stage("02_survei_teknis", "Survei Teknis", None),
    Stage("03_kepuasan", "Survei Kepuasan Pelanggan", "F14"),
    Stage("04_penyedia", "Evaluasi Kinerja Penyedia", None),
    Stage("05_pokja", "Evaluasi Kinerja Pokja Pemilihan", None),
    Stage("06_laporan", "Laporan Evaluasi Kinerja Pengadaan", "F15", wave=2,
          template="laporan_evaluasi.html.j2"),
)

PACKAGES = ("kinerja-pbj", "pandas", "numpy", "duckdb", "papermill", "nbconvert", "nbclient",
            "ipykernel", "seaborn", "matplotlib", "openpyxl", "python-docx", "weasyprint",
            "pydantic", "babel", "pyarrow")


class StageError(Exception):
    """A stage notebook failed; the message names the notebook, the cell and the error."""


def file_sha256(path: Path) -> str:
    return register.sha256(path)


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def _describe_failure(exc: Exception, notebook: str) -> str:
    import papermill

    if isinstance(exc, papermill.PapermillExecutionError):
        return (f"Tahap '{notebook}' gagal pada sel ke-{exc.exec_count or exc.cell_index}: "
                f"{exc.ename}: {exc.evalue}")
    return f"Tahap '{notebook}' gagal: {exc.__class__.__name__}: {exc}"


def execute(stage: Stage, out: Path, parameters: dict) -> Path:
    import papermill

    logging.getLogger("papermill").setLevel(logging.WARNING)
    executed = out / f"{stage.notebook}.ipynb"
    try:
        papermill.execute_notebook(
            str(paths.NOTEBOOKS / f"{stage.notebook}.ipynb"), str(executed),
            parameters=parameters, kernel_name=KERNEL, progress_bar=False,
            cwd=str(paths.ROOT), request_save_on_cell_execute=False,
            shutdown_kernel="immediate",
            # the kernel's own start-up warnings (e.g. TCP transport) are noise for the user
            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    except Exception as exc:  # papermill wraps every kernel-side error
        raise StageError(_describe_failure(exc, stage.notebook)) from None
    return executed


def render(stage: Stage, executed: Path, params: config.Parameters, period: Period,
           demo: bool = False) -> list[Path]:
    extra = {}
    if stage.template:  # the report (F15): title page with letterhead, revision, contents
        extra = {"template": stage.template, "cover": cover(params, period)}
    html = notebook_to_html(executed, executed.with_suffix(".html"), title=stage.title,
                            subtitle=period.nama, ukpbj_name=params.ukpbj.nama,
                            instansi=params.ukpbj.instansi, generated=dt.date.today(),
                            demo=demo, **extra)
    pdf = html_to_pdf(html, executed.with_suffix(".pdf"))
    return [html, pdf]


def _warm_renderer() -> None:
    """Run once per render worker: importing this module already loaded nbconvert and
    WeasyPrint (kinerja.render.html, .pdf), so the first render does not pay for them."""


def _render_pool():
    """Worker processes for rendering: nbconvert and WeasyPrint are pure Python, so in threads of
    this process two renders (and the papermill clients) take turns on one GIL. None inside a
    daemonic process (a Dask worker), which may not start processes: its threads render."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if multiprocessing.current_process().daemon:
        return None
    pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"))
    for _ in range(WORKERS):  # start and import now, while the first kernels execute
        pool.submit(_warm_renderer)
    return pool


def _artifacts(out: Path, rendered: list[tuple[str | None, Path]]) -> list[dict]:
    entries: dict[Path, str] = {}
    log = out / "artifacts.jsonl"
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            entries[Path(item["path"])] = item["format"]
    for fmt, path in rendered:  # a stage report that is no SOP format is listed with format null
        entries[path.resolve()] = fmt or entries.get(path.resolve())
    rows = []
    for path, fmt in entries.items():
        # Notebooks record paths inside the staging folder; the manifest is relative to itself.
        rel = path.resolve().relative_to(out.resolve())
        rows.append({"format": fmt, "path": rel.as_posix(), "sha256": file_sha256(path),
                     "bytes": path.stat().st_size})
    return sorted(rows, key=lambda r: (int(r["format"][1:]) if r["format"] else 99, r["path"]))


def run(params_file: Path, periode: str | None = None, store_path: Path | None = None,
        out: Path | None = None, progress: bool = True) -> Path:
    """Run every stage for the period; return the final output folder."""
    from tqdm import tqdm

    params = config.load(params_file)
    period = Period.parse(periode or params.tahun)
    store_path = store_path or params.store_path
    final = out or output_dir(period, params_file)
    if params.laporan.revisi:  # a revision never overwrites an earlier revision's outputs
        final = final.with_name(f"{final.name}-revisi{params.laporan.revisi}")
    staging = final.parent / f".{final.name}.baru"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)

    started = time.perf_counter()
    missing = [f for f in params.register_files if not f.exists()]
    if missing:
        shutil.rmtree(staging, ignore_errors=True)
        raise register.RegisterFileError(
            f"Register paket tidak ditemukan: {', '.join(map(str, missing))} (kunci "
            f"'data.register_paket' di {Path(params_file).name}).")
    loads = ensure_register(params, store_path)
    demo = register_quality.is_demo(params, store_path)
    intake.ensure_forms(params, store_path)  # returned forms first: stages read their rows
    inputs = [{"path": str(p), "sha256": file_sha256(p), "bytes": p.stat().st_size}
              for p in register.expand(params.register_files) if p.exists()]
    status = {r.file: r for r in loads}
    for item in inputs:
        r = status.get(Path(item["path"]).name)
        if r:
            item.update(dataset=r.dataset, rows_read=r.rows_read, rows_loaded=r.rows_loaded,
                        rows_rejected=r.rows_rejected)
    # The report stage lists the data sources (the manifest's inputs) in its appendix.
    (staging / "inputs.json").write_text(json.dumps(inputs, indent=2, ensure_ascii=False),
                                         encoding="utf-8")
    notebook_parameters = {"params_file": str(Path(params_file).resolve()),
                           "periode": period.label, "store": str(store_path),
                           "output_dir": str(staging)}
    timings, rendered, failures = [], [], []
    bar = tqdm(total=len(STAGES), desc="Tahap", unit="tahap", disable=not progress, leave=True)

    render_pool = _render_pool()

    def one(stage: Stage):
        t0 = time.perf_counter()
        executed = execute(stage, staging, notebook_parameters)
        t1 = time.perf_counter()
        files = (render_pool.submit(render, stage, executed, params, period, demo).result()
                 if render_pool else render(stage, executed, params, period, demo))
        return stage, files, {"notebook": stage.notebook, "execute_seconds": round(t1 - t0, 3),
                              "render_seconds": round(time.perf_counter() - t1, 3)}

    for wave in sorted({s.wave for s in STAGES}):
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            futures = [pool.submit(one, s) for s in STAGES if s.wave == wave]
            for future in as_completed(futures):
                try:
                    stage, files, timing = future.result()
                except StageError as exc:
                    failures.append(str(exc))
                    continue
                rendered += [(stage.report_format, p) for p in files]
                timings.append(timing)
                bar.set_postfix_str(stage.notebook)
                bar.update()
        if failures:
            bar.close()
            if render_pool:
                render_pool.shutdown(cancel_futures=True)
            failed = final.parent / f"{final.name}.gagal-{dt.datetime.now():%Y%m%d-%H%M%S}"
            staging.rename(failed)
            raise StageError("\n".join(failures) + f"\nNotebook yang gagal disimpan di {failed}; "
                             f"keluaran sebelumnya tidak diubah.")
    bar.close()
    if render_pool:
        render_pool.shutdown()
    order = [s.notebook for s in STAGES]
    timings.sort(key=lambda t: order.index(t["notebook"]))

    manifest = {
        "aplikasi": "Kinerja PBJ",
        "ukpbj": params.ukpbj.nama,
        "periode": period.label,
        "dibuat": dt.datetime.now().isoformat(timespec="seconds"),
        "parameters": {"path": str(Path(params_file).resolve()),
                       "sha256": file_sha256(Path(params_file))},
        "store": str(store_path),
        "inputs": inputs,
        "packages": _versions(),
        "stages": timings,
        "seconds_total": round(time.perf_counter() - started, 3),
        "artifacts": _artifacts(staging, rendered),
    }
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False),
                                           encoding="utf-8")
    (staging / "artifacts.jsonl").unlink(missing_ok=True)
    _replace(staging, final)
    return final


def _replace(staging: Path, final: Path) -> None:
    """Swap the finished run into place; the previous run is removed only after the swap."""
    old = final.parent / f".{final.name}.lama"
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
