"""Satisfaction answers (F12/F13) as the stages read them: the answers `kinerja intake`
accepted into the store, else a recap in the survey folder (`data.survei`), or one file (a
filled form, a CSV or xlsx of answers), each checked with satisfaction.clean."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.formulir import satisfaction_forms
from kinerja.inputs import register, surveys
from kinerja.methods.satisfaction import UNSUR, clean


def read_answers(path: str | Path) -> pd.DataFrame:
    """A CSV or xlsx of responses (columns U1..U9, other columns kept as they are; header =
    row 1) or a filled F12/F13 form, checked with `clean`; the index is the spreadsheet row."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"Berkas '{path}' tidak ditemukan.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        raw, first = register.read_csv(path)
    elif suffix == ".xlsx" and satisfaction_forms.is_form(path):
        raw, first = satisfaction_forms.read_table(path)[0], None  # indexed by sheet row
    elif suffix == ".xlsx":
        raw, first = _read_first_sheet(path)
    else:
        raise ValueError(f"Berkas '{path.name}': jenis '{suffix}' tidak didukung (gunakan .csv "
                         f"atau .xlsx).")
    if first is not None:
        raw.index = pd.RangeIndex(first, first + len(raw))
    raw.columns = [str(c).strip().upper() if str(c).strip().upper() in UNSUR else c
                   for c in raw.columns]
    return clean(raw, path.name, pd.Series(raw.index, index=raw.index))


def _read_first_sheet(path: Path) -> tuple[pd.DataFrame, int]:
    """Cells of the first sheet as written (formulas as text, never evaluated), header row 1."""
    frame, first = surveys.read_first_sheet(path)
    if frame.columns.empty:
        raise ValueError(f"Berkas '{Path(path).name}': lembar pertama kosong.")
    return frame, first


def load_responses(ctx, year: int | None = None) -> pd.DataFrame:
    """The year's satisfaction responses for a stage notebook, checked (`clean`). The one place
    that says where the rows come from (`surveys.load`): the F12/F13 answers `kinerja intake`
    accepted into the store, else the survey folder named by `data.survei` (an analyst's recap
    `kepuasan_<tahun>.csv`, or demo data written by `kinerja demo-data`). No folder, no file:
    no rows (the stage says "Belum ada data")."""
    year = year or ctx.period.year
    rows, source = surveys.load_with_source(ctx.params, ctx.store, "kepuasan", year)
    return clean(rows, source)


def load_years(ctx, years) -> dict[int, pd.DataFrame]:
    """`load_responses` of each year, year -> responses, in the order given (e.g. this year and
    last year, for the comparison)."""
    return {year: load_responses(ctx, year) for year in years}
