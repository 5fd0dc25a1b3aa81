"""Small data for the Survei Teknis tests (F4, F5, F8): a demo register of a few dozen packages
a year loaded into a temporary store, and a parameter file pointing at them."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import yaml

from conftest import PARAMS
from kinerja import config, demo, packages, register, store


def small_setup(base: Path, n_packages: int = 60, seed: int = 7, forms_dir: Path | None = None):
    demo.generate(base / "register", year=2024, packages=n_packages, seed=seed)
    db = base / "kinerja.duckdb"
    con = store.connect(db)
    try:
        register.load(con, [base / "register"])
        pk = packages.load_packages(con)
    finally:
        con.close()
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["data"] = {"register_paket": [str(base / "register")], "store": str(db)}
    if forms_dir:
        raw["data"]["formulir"] = str(forms_dir)
    path = base / "kecil-2024.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return SimpleNamespace(base=base, params_file=path, params=config.load(path), store=db,
                           packages=pk)
