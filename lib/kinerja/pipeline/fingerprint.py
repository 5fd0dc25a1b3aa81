"""What a stage's outputs depend on, as content digests, and whether an earlier run's outputs of
that stage can be reused.

A stage depends on: its notebook, the lib code and the installed package versions, the period,
the parameter-file sections it declares, the store data it declares (register rows, survey rows
and survey files, hashed by content, not by date), the results of the earlier stages it reads
(hashed by content). The digests are written to each `stages[]` entry of manifest.json
(`depends`, `fingerprint`). A later run reuses a stage's files only from a run whose fingerprint
is the same, which made at least what is asked now (`options`: PDF, next period's forms) and
whose files are still there with the sha256 the manifest recorded; otherwise it runs the stage
and says why (`why`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kinerja.core import config, marks, paths
from kinerja.inputs import register, store
from kinerja.pipeline import results as stage_results
from kinerja.pipeline.stages import REGISTER, SURVEYS, Stage

LIB = Path(__file__).resolve().parents[1]  # lib/kinerja: code, templates, catalogue data
# The layers above the pipeline and the demo generators: no stage notebook or renderer reaches
# them (tests/test_layout.py), so a change there re-runs nothing.
NOT_IN_STAGES = ("apps", "demo")
# store table -> the data kind it holds (tables named by the register and the survey intake)
TABLE_KINDS = (("reg_", REGISTER), ("register_", REGISTER), ("file_data_dates", REGISTER), ("survei_", SURVEYS))


def digest(value) -> str:
    """sha256 of a JSON-able value (sorted keys), or of bytes."""
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()


def lib_digest() -> str:
    """Every file of the kinerja package a stage can reach (not caches): a change in any rule
    re-runs the stages."""
    h = hashlib.sha256()
    for f in sorted(LIB.rglob("*")):
        rel = f.relative_to(LIB).parts
        if f.is_file() and "__pycache__" not in rel and f.suffix != ".pyc" and rel[0] not in NOT_IN_STAGES:
            h.update(f.relative_to(LIB).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def notebook_digest(stage: Stage) -> str:
    """The notebook's bytes; '' when it is missing (running it then fails with its name)."""
    notebook = paths.NOTEBOOKS / f"{stage.notebook}.ipynb"
    return register.sha256(notebook) if notebook.is_file() else ""


def section_digests(params: config.Parameters) -> dict[str, str]:
    """Each parameter-file section's validated content (defaults filled in, layout ignored) and
    the ISI/USULAN marks its comments carry (the plan shows which values are still proposals)."""
    dumped = params.model_dump(mode="json")
    marked = {name: {k: m for k, m in params.marks.items() if marks.section(k) == name} for name in dumped}
    return {name: digest(value) if not marked[name] else digest({"nilai": value, "tanda": marked[name]})
            for name, value in dumped.items()}


def data_digests(params: config.Parameters, store_path: Path, inputs: list[dict]) -> dict[str, str]:
    """One digest per store data kind, from the rows themselves: per table the row count and the
    sum of DuckDB's row hashes (order does not matter, any changed value does). Survey recap
    files read straight from `data.survei` count by their bytes; the register's file list with
    sha256 (inputs.json, which the report prints) counts too."""
    parts: dict[str, list] = {REGISTER: [digest(inputs)], SURVEYS: []}
    if Path(store_path).exists():
        con = store.connect(store_path, read_only=True)
        try:
            tables = [r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY table_name").fetchall()]
            for table in tables:
                # a table of no known kind counts for every kind: never a stale reuse
                kinds = [k for prefix, k in TABLE_KINDS if table.startswith(prefix)] or list(parts)
                count, total = con.execute(
                    f'SELECT count(*), sum(hash(t))::VARCHAR FROM "{table}" t').fetchone()
                for kind in kinds:
                    parts[kind].append((table, count, total))
        finally:
            con.close()
    folder = params.survey_dir
    if folder and folder.is_dir():
        parts[SURVEYS] += [(f.relative_to(folder).as_posix(), register.sha256(f))
                           for f in sorted(folder.rglob("*")) if f.is_file()]
    return {kind: digest(items) for kind, items in parts.items()}


def depends(stage: Stage, base: dict, upstream_folder: Path) -> dict:
    """Everything the stage's outputs depend on; `base` holds the digests shared by all stages
    (lib, packages, period, sections, data)."""
    return {
        "notebook": notebook_digest(stage),
        "lib": base["lib"],
        "packages": base["packages"],
        "period": base["period"],
        "draf": base["draf"],
        "params": {s: base["sections"][s] for s in stage.sections},
        "data": {d: base["data"][d] for d in stage.data},
        "upstream": {r: register.sha256(stage_results.path(upstream_folder, r)) for r in stage.upstream},
    }


def why(now: dict, before: dict | None, options: dict, made: dict | None) -> list[str]:
    """Why a stage runs again (`now`/`before`: what it depends on; `options`/`made`: what is
    asked now and what the earlier run made), in the words the run summary prints."""
    if before is None:
        return ["belum ada keluaran sebelumnya untuk tahap ini"]
    said = {"notebook": "notebook tahap berubah", "lib": "kode lib berubah",
            "packages": "versi paket terpasang berubah", "period": "periode berubah",
            "draf": "tanda DRAF berubah"}
    out = [text for key, text in said.items() if now.get(key) != before.get(key)]
    if not covers(made, options):
        out.append("diminta keluaran tambahan (PDF/formulir)")
    for key, label in (("params", "bagian parameter '{}' berubah"), ("data", "data {} berubah"),
                       ("upstream", "hasil tahap {} berubah")):
        old = before.get(key) or {}
        out += [label.format(name) for name, value in now[key].items() if old.get(name) != value]
    return out or ["keluaran sebelumnya tidak lengkap atau telah diubah"]


def previous_runs(final: Path) -> list[tuple[Path, dict]]:
    """(folder, manifest) of the runs whose outputs may be reused, read once per run: the run
    being replaced first, then the other revisions of the same report (a revision changes only
    the report's section of the parameter file, so stages 01–05 of the original are still
    valid)."""
    base = final.name.split("-revisi")[0]
    siblings = sorted(final.parent.glob(f"{base}-revisi*")) if final.parent.is_dir() else []
    out: dict[Path, dict] = {}
    for folder in [final, final.with_name(base), *siblings]:
        if folder not in out and (folder / "manifest.json").is_file():
            out[folder] = load_manifest(folder)
    return list(out.items())


def load_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def covers(made: dict | None, options: dict) -> bool:
    """Whether a run that made `made` made everything `options` asks for (a run that made more,
    e.g. every stage PDF, serves a plain run too)."""
    return made is not None and all(made.get(k, False) or not wanted for k, wanted in options.items())


def reusable(stage: Stage, fingerprint: str, options: dict,
             runs: list[tuple[Path, dict]]) -> tuple[Path, dict] | None:
    """(run folder, its manifest entry) of the first earlier run (previous_runs) whose outputs of
    `stage` have the same fingerprint, include what `options` asks for and are all still there
    unchanged."""
    for folder, manifest in runs:
        entry = entry_of(manifest, stage)
        if (not entry or entry.get("fingerprint") != fingerprint or not entry.get("files")
                or not covers(entry.get("options"), options)):
            continue
        if all(_unchanged(folder / f["path"], f["sha256"]) for f in entry["files"]):
            return folder, entry
    return None


def entry_of(manifest: dict, stage: Stage) -> dict | None:
    return next((s for s in manifest.get("stages", []) if s.get("notebook") == stage.notebook), None)


def _unchanged(path: Path, sha: str) -> bool:
    return path.is_file() and register.sha256(path) == sha
