"""The suite's one full batch run: a small demo world (200 packages a year, survey recaps with
respondents' hostile text, no returned forms) and `kinerja run --pdf --formulir` on it, once per
test session (fixtures `small_demo` and `annual_run` in conftest). Tests that only read a run's
outputs read this one; tests that run again start from a hard-linked copy of its output folder
(so a later run can reuse its stages) and put back any input they change."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from kinerja.core import config, paths
from kinerja.demo import generate as demo

HOSTILE_NAME = '<script>alert("nama")</script> PT. JAHAT & RUGI'
HOSTILE_NOTE = '=HYPERLINK("http://evil.example","klik")'
HOSTILE_POKJA = "<img src=x onerror=alert(1)> @SUM(1+1)"
HOSTILE_SARAN = "+cmd|' /C calc'!A0"
HOSTILE_CODE = '=HYPERLINK("http://evil.example/kode","x")'
RAW_HTML = ("<script>alert(", "<img src=x")


@dataclass
class World:
    """A demo register and survey folder with its parameter file and store."""
    base: Path
    params: Path   # kecil-2024.yaml
    raw: dict      # the parameter file's content

    @property
    def survei(self) -> Path:
        return self.base / "register" / "survei"

    def write_params(self, name: str, raw: dict) -> Path:
        path = self.base / name
        path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
        return path


def inject_hostile_text(survei: Path) -> None:
    """Respondents' free text that would run as HTML or become a spreadsheet formula."""
    kw = {"dtype": str, "keep_default_na": False}
    scores = pd.read_csv(survei / "penilaian_penyedia_2024.csv", **kw)
    scores.loc[0, ["kd_penyedia", "nama_penyedia", "catatan"]] = ["9999999", HOSTILE_NAME, HOSTILE_NOTE]
    scores.loc[0, "putus_kontrak"] = "1"  # alone and Buruk (0): listed in every provider table
    scores.to_csv(survei / "penilaian_penyedia_2024.csv", index=False)
    pokja = pd.read_csv(survei / "pokja_2024.csv", **kw)
    done = pokja.index[pokja["tgl_penetapan_pemenang"] != ""][0]
    pokja.loc[done, ["jumlah_sanggahan", "catatan"]] = ["9", HOSTILE_POKJA]  # top of the objections
    pokja.to_csv(survei / "pokja_2024.csv", index=False)
    answers = pd.read_csv(survei / "kepuasan_2024.csv", **kw)
    answers.loc[0, ["saran", "kode_responden"]] = [HOSTILE_SARAN, HOSTILE_CODE]  # F14 lists the codes
    answers.to_csv(survei / "kepuasan_2024.csv", index=False)


def make_world(base: Path) -> World:
    demo.generate(base / "register", year=2024, packages=200, seed=7)
    demo.generate_surveys(base / "register", year=2024, seed=7, params=config.load(paths.DEFAULT_PARAMS))
    inject_hostile_text(base / "register" / "survei")
    shutil.rmtree(base / "register" / "formulir", ignore_errors=True)  # survey rows from the recaps
    raw = yaml.safe_load(paths.DEFAULT_PARAMS.read_text(encoding="utf-8"))
    raw["data"] = {"register_paket": [str(base / "register")], "store": str(base / "kinerja.duckdb"),
                   "survei": str(base / "register" / "survei")}
    world = World(base, base / "kecil-2024.yaml", raw)
    world.write_params(world.params.name, raw)
    return world


def run(params: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kinerja", "run", "--params", str(params), "--out",
                           str(out), "--no-progress", *extra], capture_output=True, text=True)
