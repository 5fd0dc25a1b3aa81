"""The plain-Python floor of the notebook pipeline: the same stage work without kernels or
papermill.

Every stage notebook's code cells (the parameters cell, then the values papermill would inject)
are run in ONE Python process by an in-process IPython shell (no ZeroMQ, no kernel start, each
import paid once), with matplotlib's inline backend so the charts are displayed exactly as in a
kernel; the displayed outputs are written into the notebook, which is then rendered by the same
`batch.render` (HTML with nbconvert, and PDF with WeasyPrint for the stages whose report is
printed by default: F3, F15). Stages run in the order of their declarations
(kinerja.pipeline.stages), sequentially. The result is what `kinerja run --force` could cost at
best with this design.

Also usable as a profiler: `--cells` prints the slowest cells.

    .venv/bin/python bench/floor.py --params FILE --store DB --out DIR [--cells 15]
"""

from __future__ import annotations

import argparse
import copy
import ctypes
import datetime as dt
import json
import re
import time
from pathlib import Path

import nbformat
import pyarrow
from kinerja.core import config, paths
from kinerja.core.periods import Period
from kinerja.formulir import intake
from kinerja.pipeline import batch, stages as stage_table
from kinerja.pipeline.workbook import ensure_register

# What a cell mostly does, from its source: the benchmark reports each kind separately.
KINDS = (("word", re.compile(r"\bdocuments\.")),
         ("excel", re.compile(r"write_|next_forms|\.xlsx")),
         ("charts", re.compile(r"\bcharts\.|\bplt\.|\bsns\.")))


def kind(source: str) -> str:
    return next((name for name, pattern in KINDS if pattern.search(source)), "computation")


def reset_peak() -> None:
    """Reset this process's peak resident memory (Linux: VmHWM) so the next step is measured
    alone."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def trim_heap() -> None:
    """Hand the freed pages of the C heap (glibc malloc_trim) and of Arrow's memory pool back
    to the system, so that memory an untimed preparation freed is not counted in the next
    step's peak."""
    pyarrow.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _shell():
    from IPython.core.interactiveshell import InteractiveShell

    class Shell(InteractiveShell):
        def enable_gui(self, gui=None):  # inline needs no GUI event loop (as in ipykernel)
            pass

    shell = Shell.instance()
    shell.enable_matplotlib("inline")  # figures flushed as image/png displays after each cell
    return shell


def run_notebook(shell, name: str, parameters: dict, out: Path) -> tuple[Path, list[dict]]:
    """Execute one stage notebook in `shell` (a fresh namespace); write it with its outputs."""
    from IPython.utils.capture import capture_output

    nb = nbformat.read(paths.NOTEBOOKS / f"{name}.ipynb", as_version=4)
    injected = nbformat.v4.new_code_cell("\n".join(f"{k} = {v!r}" for k, v in parameters.items()))
    injected.metadata["tags"] = ["injected-parameters"]
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, injected)
    shell.reset(new_session=False)
    timings = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        reset_peak()
        t0 = time.perf_counter()
        with capture_output(display=True) as captured:
            result = shell.run_cell(cell.source, store_history=False)
        outputs = []
        if captured.stdout:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=captured.stdout))
        for item in captured.outputs:
            outputs.append(nbformat.v4.new_output("display_data", data=item.data,
                                                  metadata=item.metadata or {}))
        if result.result is not None:
            data, metadata = shell.display_formatter.format(result.result)
            outputs.append(nbformat.v4.new_output("execute_result", data=data, metadata=metadata,
                                                  execution_count=index))
        if not result.success:
            err = result.error_in_exec or result.error_before_exec
            raise batch.StageError(f"Tahap '{name}' gagal pada sel {index}: "
                                   f"{err.__class__.__name__}: {err}")
        cell.outputs = outputs
        timings.append({"cell": index, "seconds": round(time.perf_counter() - t0, 3),
                        "peak_mb": peak_mb(), "kind": kind(cell.source),
                        "source": cell.source.splitlines()[0][:80] if cell.source else ""})
    executed = out / f"{name}.ipynb"
    nbformat.write(nb, executed)
    return executed, timings


def run(params_file: Path, store_path: Path | None, out: Path, periode: str | None = None) -> dict:
    """The floor for one parameter file: seconds per stage (execute, render) and in total."""
    started = time.perf_counter()
    params = config.load(params_file)
    period = Period.parse(periode or params.tahun)
    store_path = store_path or params.store_path
    out.mkdir(parents=True, exist_ok=True)
    ensure_register(params, store_path)
    intake.ensure_forms(params, store_path)
    parameters = {"params_file": str(Path(params_file).resolve()), "periode": period.label,
                  "store": str(store_path), "output_dir": str(out)}
    shell = _shell()
    from kinerja.render.html import notebook_to_html
    from kinerja.render.pdf import html_to_pdf

    stages, cells = [], {}
    for wave in stage_table.waves():
        for stage in wave:
            t0 = time.perf_counter()
            executed, cells[stage.notebook] = run_notebook(shell, stage.notebook, parameters, out)
            reset_peak()
            t1 = time.perf_counter()
            # what batch.render does, in two timed steps
            html = notebook_to_html(executed, executed.with_suffix(".html"), title=stage.title,
                                    subtitle=period.nama, ukpbj_name=params.ukpbj.nama,
                                    instansi=params.ukpbj.instansi, generated=dt.date.today())
            t2, html_peak = time.perf_counter(), peak_mb()
            reset_peak()
            if stage.pdf:
                html_to_pdf(html, executed.with_suffix(".pdf"))
            t3 = time.perf_counter()
            stages.append({"notebook": stage.notebook, "execute_seconds": round(t1 - t0, 3),
                           "html_seconds": round(t2 - t1, 3), "html_peak_mb": html_peak,
                           "pdf_seconds": round(t3 - t2, 3), "pdf_peak_mb": peak_mb()})
    kinds: dict[str, dict] = {}
    for cs in cells.values():
        for c in cs:
            k = kinds.setdefault(c["kind"], {"seconds": 0.0, "peak_mb": 0.0})
            k["seconds"] = round(k["seconds"] + c["seconds"], 3)
            k["peak_mb"] = max(k["peak_mb"], c["peak_mb"])
    for step in ("html", "pdf"):
        kinds[step] = {"seconds": round(sum(s[f"{step}_seconds"] for s in stages), 3),
                       "peak_mb": max(s[f"{step}_peak_mb"] for s in stages)}
    return {"seconds_total": round(time.perf_counter() - started, 3), "stages": stages,
            "kinds": kinds, "cells": cells}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--params", default=str(paths.DEFAULT_PARAMS))
    ap.add_argument("--store")
    ap.add_argument("--out", required=True)
    ap.add_argument("--period")
    ap.add_argument("--cells", type=int, default=0, help="also print the N slowest cells")
    args = ap.parse_args()
    result = run(Path(args.params), Path(args.store).resolve() if args.store else None,
                 Path(args.out).resolve(), args.period)
    cells = result.pop("cells")
    if args.cells:
        flat = sorted(((c["seconds"], nb, c["cell"], c["source"]) for nb, cs in cells.items()
                       for c in cs), reverse=True)
        result["slowest_cells"] = [dict(zip(("seconds", "notebook", "cell", "source"), x))
                                   for x in copy.copy(flat[: args.cells])]
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
