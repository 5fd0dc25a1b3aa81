"""Formats 9, 10 and 11: the Pokja recaps (per Pokja, per satuan pelaksana, total UKPBJ) as
Excel workbooks, from the tables of kinerja.methods.pokja."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.config import Parameters
from kinerja.core.periods import Period
from kinerja.methods.pokja import (
    F8_ONLY,
    F9_HEADINGS,
    F10_HEADINGS,
    F11_HEADINGS,
    FROM_FORM,
    MISSING,
    PACKAGE_FORMATS,
    PACKAGE_HEADINGS,
    RECAP_FORMATS,
    TOTAL,
    method_note,
    recap,
)
from kinerja.methods.pokja_text import source_summary
from kinerja.render import excel


def shown(table: pd.DataFrame, columns=F8_ONLY, where: pd.Series | None = None) -> pd.DataFrame:
    """`table` with MISSING written in `columns` where the value is missing (or where `where`
    holds): what a reader sees in a workbook for the measures only the form gives."""
    out = table.copy()
    for col in columns:
        if col in out:
            blank = out[col].isna() if where is None else where
            out[col] = out[col].astype(object).where(~np.asarray(blank, dtype=bool), MISSING)
    return out


def _title(title: str, params: Parameters, period: Period, totals: dict) -> list[str]:
    return [title, params.ukpbj.nama, period.nama,
            source_summary(totals["jumlah_proses"], totals["proses_f8"])]


def _sheet(name, table, headings, title, totals, params, period, label=TOTAL):
    return excel.Sheet(name, shown(table), headings, RECAP_FORMATS, _title(title, params, period, totals),
                       shown(pd.DataFrame([totals])).iloc[0].to_dict(), label, method_note())


def _totals(p: pd.DataFrame) -> dict:
    return recap(p).iloc[0].to_dict()


def write_f9(path, table: pd.DataFrame, p: pd.DataFrame, params: Parameters, period: Period):
    """Format 9 — Rekapitulasi Kinerja Per Pokja Pemilihan (and the processes behind it)."""
    totals = _totals(p)
    detail = shown(p, ("jumlah_sanggahan", "catatan"), p["sumber"].ne(FROM_FORM))
    return excel.write(path, [
        _sheet("Rekap per Pokja", table, F9_HEADINGS,
               "FORMAT 9 — FORMULIR REKAPITULASI KINERJA PER POKJA PEMILIHAN", totals, params, period),
        excel.Sheet("Data per paket", detail, PACKAGE_HEADINGS, PACKAGE_FORMATS,
                    _title("Data kinerja Pokja Pemilihan per paket (proses tender/seleksi): Format 8 "
                           "dan register paket", params, period, totals), notes=method_note()),
    ])


def write_f10(path, table: pd.DataFrame, p: pd.DataFrame, params: Parameters, period: Period):
    """Format 10 — Rekapitulasi Kinerja Pokja Per Unit Eselon II / Satuan Pelaksana UKPBJ."""
    return excel.write(path, [_sheet(
        "Rekap per satuan pelaksana", table, F10_HEADINGS,
        "FORMAT 10 — FORMULIR REKAPITULASI KINERJA POKJA PER UNIT ESELON II / SATUAN PELAKSANA UKPBJ",
        _totals(p), params, period)])


def write_f11(path, table: pd.DataFrame, params: Parameters, period: Period):
    """Format 11 — Rekapitulasi Kinerja Pokja Pemilihan Total UKPBJ (per method, total last)."""
    body = table[table["metode"] != TOTAL]
    totals = table[table["metode"] == TOTAL].iloc[0].to_dict()
    return excel.write(path, [_sheet(
        "Total UKPBJ", body, F11_HEADINGS,
        "FORMAT 11 — FORMULIR REKAPITULASI KINERJA POKJA PEMILIHAN TOTAL UKPBJ", totals, params, period)])
