"""Small data for the Survei Teknis tests (F4, F5, F8): a demo register of a few dozen packages
a year loaded into a temporary store, and a parameter file pointing at them."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import yaml
from conftest import PARAMS
from kinerja.core import config
from kinerja.demo import demo_penyedia
from kinerja.demo import generate as demo
from kinerja.inputs import packages, register, store
from kinerja.pipeline import workbook


def demo_register_setup(base: Path, n_packages: int = 60, seed: int = 7, forms_dir: Path | None = None):
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


def evaluation_setup(base: Path):
    """200 demo packages a year, their F5/F8 survey rows for 2023 and 2024 in a survey folder,
    and a parameter file pointing at both: (parameter file, packages)."""
    demo.generate(base / "register", year=2024, packages=200, seed=7)
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["data"] = {"register_paket": [str(base / "register")], "store": str(base / "kinerja.duckdb"),
                   "survei": str(base / "survei")}
    path = base / "kecil-2024.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    params = config.load(path)
    workbook.ensure_register(params, params.store_path)
    con = store.connect(params.store_path, read_only=True)
    try:
        pk = packages.for_params(con, params)
    finally:
        con.close()
    for year in (2023, 2024):
        demo_penyedia.generate(params.survey_dir, pk, year, seed=7)
    return path, pk


def filled(job) -> dict[str, pd.DataFrame]:
    """The job's rows with every input filled in correctly."""
    rows = {k: v.copy() for k, v in job["rows"].items()}
    if job["format"] == "F5":
        t = rows["KinerjaPenyedia"]
        t[["kualitas", "biaya", "waktu", "layanan"]] = 3
        t["putus_kontrak"] = "Tidak"
    elif job["format"] == "F8":
        rows["DataPokja"]["jumlah_sanggahan"] = 0
    else:
        rows["DataUtama"]["realisasi"] = 50.0
        ra = rows["RencanaAksi"]
        ra["status"], ra["persen_selesai"], ra["bukti"] = "Berjalan", 40, "Notula rapat"
    return rows
