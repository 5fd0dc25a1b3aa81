"""Project paths, defined once from the project root (never from a notebook's cwd)."""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("KINERJA_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "notebooks").is_dir():
            return parent
    return Path.cwd().resolve()


ROOT = _find_root()
NOTEBOOKS = ROOT / "notebooks"
PARAMETERS = ROOT / "parameters"
DATA = ROOT / "data"
RAW = DATA / "raw"
OUTPUTS = ROOT / "outputs"
DEFAULT_STORE = DATA / "kinerja.duckdb"
DEFAULT_PARAMS = PARAMETERS / "kaltim-2024.yaml"


def absolute(path: str | os.PathLike) -> Path:
    """`path` made absolute lexically (from the working folder, '..' removed), links kept: a
    register folder reached through a link (../shared as a link) is recorded and written under
    the name it was given, not the link's target."""
    return Path(os.path.abspath(Path(path).expanduser()))


def resolve(path: str | os.PathLike, base: Path = ROOT) -> Path:
    """A path from a parameter file: absolute as is, relative to the project root otherwise."""
    p = Path(path).expanduser()
    return absolute(p if p.is_absolute() else base / p)


def shown(path: str | os.PathLike) -> str:
    """A path as people read it and parameter files keep it: relative to the project root (POSIX
    separators), never absolute; the file name alone where no relative path exists (another
    drive)."""
    given = absolute(path)
    real = given.resolve()
    # inside the project: by its real place; outside: as given, so a linked folder (../shared
    # as a link elsewhere) keeps the name it was given instead of the link's target
    p = real if real.is_relative_to(ROOT) else given
    try:
        return Path(os.path.relpath(p, ROOT)).as_posix()
    except ValueError:
        return p.name
