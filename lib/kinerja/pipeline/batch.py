"""The main job: run the stage notebooks with papermill, render each to HTML without code (and to
PDF where the stage's report is printed), and write manifest.json (parameters and inputs with
sha256, package versions, per stage its timing, what it depends on and its files, artefacts with
their format number).

Incremental: a stage whose dependencies (kinerja.pipeline.fingerprint) equal those of an earlier
run of the same report, with that run's files unchanged, is not executed again; its files are
taken over (`"reused": true` in the manifest). `force=True` runs every stage.

A run is built in a staging folder and moved into outputs/<name>/<period>/ only when every stage
succeeded, so a failing cell never destroys the outputs of the last good run.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import platform
import shutil
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from kinerja.core import config, paths
from kinerja.core.periods import Period
from kinerja.formulir import intake
from kinerja.inputs import register
from kinerja.methods import register_quality
from kinerja.pipeline import fingerprint, stages
from kinerja.pipeline.stages import STAGES, Stage
from kinerja.pipeline.workbook import ensure_register, output_dir
from kinerja.render.html import notebook_to_html
from kinerja.render.pdf import html_to_pdf

KERNEL = "python3"  # the kernel of the environment kinerja runs in (the project's .venv)
WORKERS = 2  # this is a 2-core machine: two kernels at a time nearly halve the wall time


PACKAGES = ("kinerja-pbj", "pandas", "numpy", "duckdb", "papermill", "nbconvert", "nbclient",
            "ipykernel", "seaborn", "matplotlib", "openpyxl", "python-docx", "weasyprint",
            "pydantic", "babel", "pyarrow")


class StageError(Exception):
    """A stage notebook failed; the message names the notebook, the cell and the error."""


class UnfilledError(config.ParameterError):
    """A parameter file with values still marked `# ISI:`, run for documents to be signed."""


def require_filled(params: config.Parameters) -> None:
    """Raise UnfilledError naming every key still marked `# ISI:` (kinerja.core.marks): a run
    without --draf makes documents to be signed, and a placeholder must never reach a signature."""
    keys = params.unfilled()
    if keys:
        name = params.source.name if params.source else "berkas parameter"
        raise UnfilledError(
            f"Berkas parameter '{name}' masih memuat {len(keys)} nilai yang belum diisi (bertanda "
            f"'# ISI:'): {', '.join(keys)}. Isi nilai-nilai itu dan hapus komentar '# ISI:'-nya, "
            f"atau buat dokumen bertanda DRAF dengan --draf (make report DRAF=1).")


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
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return (f"Tahap '{notebook}' gagal pada sel ke-{exc.exec_count or exc.cell_index}: "
                f"{exc.ename}: {exc.evalue}")
    return f"Tahap '{notebook}' gagal: {exc.__class__.__name__}: {exc}"


@dataclass(frozen=True)
class Options:
    """What the user asked the run to make besides the annual report."""
    pdf: bool = False       # every stage's report as PDF (F3 and F15 always)
    formulir: bool = False  # next period's blank Survei Teknis forms (F4, F5, F8 per respondent)

    def for_stage(self, stage: Stage) -> dict:
        return {"pdf": self.pdf or stage.pdf, "formulir": self.formulir and bool(stage.forms)}


def execute(stage: Stage, out: Path, parameters: dict) -> Path:
    import papermill  # its import costs a second; a run that reuses every stage never needs it

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
           demo: bool = False, pdf: bool = True, draft: bool = False) -> list[Path]:
    # The report (F15) has its own page template: the title page its notebook shows, contents.
    extra = {"template": stage.template, "contents": True} if stage.template else {}
    html = notebook_to_html(executed, executed.with_suffix(".html"), title=stage.title,
                            subtitle=period.nama, ukpbj_name=params.ukpbj.nama,
                            instansi=params.ukpbj.instansi, generated=dt.date.today(),
                            demo=demo, draft=draft, **extra)
    return [html, html_to_pdf(html, executed.with_suffix(".pdf"))] if pdf else [html]


def _recorded(out: Path) -> dict[Path, tuple[str | None, str | None]]:
    """Files the notebooks recorded (ctx.record): path -> (format, stage). A line another stage's
    kernel is still writing is skipped: only a finished stage's own lines are asked for."""
    entries = {}
    log = out / "artifacts.jsonl"
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            entries[Path(item["path"]).resolve()] = (item["format"], item.get("stage"))
    return entries


def stage_files(stage: Stage, out: Path, recorded: dict, rendered: list[Path]) -> list[dict]:
    """Every file of the run folder the stage made: its executed notebook and report, its results
    and charts in hasil/ (named by its number) and what it recorded; artefacts (what the
    manifest lists) carry their format."""
    files = {(out / f"{stage.notebook}.ipynb").resolve(): None}
    files |= {p.resolve(): {"format": stage.report_format} for p in rendered}
    hasil = out / "hasil"
    if hasil.is_dir():
        files |= {p.resolve(): None for p in sorted(hasil.iterdir())
                  if p.is_file() and stages.stage_of_file(p.name) == stage}
    files |= {p: {"format": fmt} for p, (fmt, owner) in recorded.items() if owner == stage.notebook}
    root = out.resolve()
    return [{"path": p.relative_to(root).as_posix(), "sha256": file_sha256(p), "bytes": p.stat().st_size,
             **({"artifact": True, "format": art["format"]} if art is not None else {})}
            for p, art in files.items() if p.exists()]


def _take_over(files: list[dict], source: Path, out: Path) -> None:
    """Put a reused stage's files into the new run folder (hard links: no copy, and the earlier
    run folder can be removed afterwards)."""
    for f in files:
        target = out / f["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / f["path"], target)
        except OSError:
            shutil.copy2(source / f["path"], target)


def _artifacts(entries: list[dict]) -> list[dict]:
    rows = [{"format": f["format"], "path": f["path"], "sha256": f["sha256"], "bytes": f["bytes"]}
            for e in entries for f in e["files"] if f.get("artifact")]
    return sorted(rows, key=lambda r: (int(r["format"][1:]) if r["format"] else 99, r["path"]))


def _schedule(decide, execute_stage, render_stage, on_reused) -> dict[str, dict]:
    """Run the stages on WORKERS threads, each driving one kernel or one render at a time.

    A stage is decided (reused or run) once every stage whose results it reads has executed.
    Executions go first and renders fill the free threads: the report stage needs the earlier
    stages' results, not their HTML or PDF, so their rendering overlaps its execution instead of
    delaying it. A failing stage lets the running ones finish, starts nothing new and raises one
    StageError naming every failure."""
    waiting, entries = list(STAGES), {}
    executed: set[str] = set()
    to_execute, to_render, running, failures = [], [], {}, []
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        while True:
            for stage in [s for s in waiting if not failures and all(
                    u.notebook in executed for u in stages.upstream_stages(s))]:
                waiting.remove(stage)
                entries[stage.notebook] = entry = decide(stage)
                if entry["reused"]:
                    executed.add(stage.notebook)
                    on_reused()
                else:
                    to_execute.append(stage)
            if waiting and not (to_execute or to_render or running or failures):
                continue  # a reuse just made more stages ready
            while len(running) < WORKERS and not failures and (to_execute or to_render):
                if to_execute:
                    stage = to_execute.pop(0)
                    job = pool.submit(execute_stage, stage, entries[stage.notebook])
                    running[job] = ("execute", stage)
                else:
                    stage, notebook = to_render.pop(0)
                    running[pool.submit(render_stage, stage, entries[stage.notebook], notebook)] = ("render", stage)
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for job in done:
                kind, stage = running.pop(job)
                try:
                    result = job.result()
                except StageError as exc:
                    failures.append(str(exc))
                    continue
                if kind == "execute":
                    executed.add(stage.notebook)
                    to_render.append((stage, result))
    if failures:
        raise StageError("\n".join(failures))
    return entries


def run(params_file: Path, periode: str | None = None, store_path: Path | None = None,
        out: Path | None = None, progress: bool = True, force: bool = False,
        options: Options = Options(), draft: bool = False) -> Path:
    """Run (or reuse) every stage for the period; return the final output folder. `draft`: every
    page of every document is marked DRAF (and unfilled `# ISI:` values are let through);
    otherwise a parameter file with unfilled values is refused (UnfilledError)."""
    from tqdm import tqdm

    params = config.load(params_file)
    if not draft:
        require_filled(params)
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
    versions = _versions()
    base = {"lib": fingerprint.lib_digest(), "packages": fingerprint.digest(versions),
            "period": period.label, "draf": draft, "sections": fingerprint.section_digests(params),
            "data": fingerprint.data_digests(params, store_path, inputs)}
    earlier = [] if force else fingerprint.previous_runs(final)
    notebook_parameters = {"params_file": str(Path(params_file).resolve()),
                           "periode": period.label, "store": str(store_path),
                           "output_dir": str(staging)}
    bar = tqdm(total=len(STAGES), desc="Tahap", unit="tahap", disable=not progress, leave=True)

    def decide(stage: Stage) -> dict:
        """The stage's manifest entry: reused (its files taken over) or to run, and why."""
        depends = fingerprint.depends(stage, base, staging / "hasil")
        wanted = options.for_stage(stage)
        entry = {"notebook": stage.notebook, "fingerprint": fingerprint.digest(depends)}
        found = fingerprint.reusable(stage, entry["fingerprint"], wanted, earlier)
        if found:
            folder, before = found
            _take_over(before["files"], folder, staging)
            entry.update(reused=True, execute_seconds=0.0, render_seconds=0.0,
                         options=before["options"], depends=depends, files=before["files"])
            if folder != final:
                entry["reused_from"] = folder.name
            return entry
        before = fingerprint.entry_of(earlier[0][1], stage) if earlier else None
        entry.update(reused=False, why=["dijalankan ulang atas permintaan (--force)"] if force
                     else fingerprint.why(depends, (before or {}).get("depends"), wanted,
                                          (before or {}).get("options")),
                     options=wanted, depends=depends)
        return entry

    def execute_stage(stage: Stage, entry: dict) -> Path:
        t0 = time.perf_counter()
        extra = {"formulir_berikut": entry["options"]["formulir"]} if stage.forms else {}
        if stage.documents:
            extra["draf"] = draft
        executed = execute(stage, staging, notebook_parameters | extra)
        entry["execute_seconds"] = round(time.perf_counter() - t0, 3)
        return executed

    def render_stage(stage: Stage, entry: dict, executed: Path) -> None:
        t0 = time.perf_counter()
        files = render(stage, executed, params, period, demo, entry["options"]["pdf"], draft)
        entry["render_seconds"] = round(time.perf_counter() - t0, 3)
        entry["files"] = stage_files(stage, staging, _recorded(staging), files)
        bar.set_postfix_str(stage.notebook)
        bar.update()

    try:
        entries = _schedule(decide, execute_stage, render_stage, on_reused=lambda: bar.update())
    except StageError as exc:
        bar.close()
        failed = final.parent / f"{final.name}.gagal-{dt.datetime.now():%Y%m%d-%H%M%S}"
        staging.rename(failed)
        raise StageError(f"{exc}\nNotebook yang gagal disimpan di {failed}; keluaran sebelumnya "
                         f"tidak diubah.") from None
    bar.close()
    ordered = [entries[s.notebook] for s in STAGES]

    manifest = {
        "aplikasi": "Kinerja PBJ",
        "ukpbj": params.ukpbj.nama,
        "periode": period.label,
        "dibuat": dt.datetime.now().isoformat(timespec="seconds"),
        "parameters": {"path": str(Path(params_file).resolve()),
                       "sha256": file_sha256(Path(params_file))},
        "store": str(store_path),
        "inputs": inputs,
        "packages": versions,
        "options": {"force": force, "pdf": options.pdf, "formulir": options.formulir, "draf": draft},
        "stages": ordered,
        "seconds_total": round(time.perf_counter() - started, 3),
        "artifacts": _artifacts(ordered),
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
