"""Excel recaps with one look (F6, F7, F9, F10, F11): title rows, Indonesian headings, number
formats, frozen header, autofilter, a totals row and column widths.

Number formats are Excel format codes ('"Rp" #,##0.00'); Excel shows them with the reader's
own separators, so an Indonesian Excel shows Rp 1.250.000,00. Text that came from respondents
or exports is always stored as text: a value starting with =, +, - or @ never becomes a formula
(formula injection), and characters that xlsx cannot hold are dropped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

FORMATS = {
    "rupiah": '"Rp" #,##0.00',
    "desimal": "#,##0.00",
    "angka": "#,##0",
    "persen": '0.00"%"',  # values are already in percent (12.5 -> 12,50%)
    "tanggal": "[$-421]d mmmm yyyy",  # 421 = Indonesian: month names in Indonesian
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_TEXT = 32_767  # Excel's limit per cell
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_THIN = Side(style="thin", color="9AA5B1")


@dataclass
class Sheet:
    """One table on its own sheet.

    headings: column -> Indonesian heading (only these columns, in this order);
    formats: column -> rupiah / desimal / angka / persen / tanggal;
    totals: column -> value of the totals row (computed by the caller: a mean of means is not a
    sum), written under the table with `totals_label` in the first column.
    """
    name: str
    data: pd.DataFrame
    headings: dict[str, str]
    formats: dict[str, str] = field(default_factory=dict)
    title: list[str] = field(default_factory=list)
    totals: dict[str, object] | None = None
    totals_label: str = "Jumlah"
    notes: list[str] = field(default_factory=list)


def cell_value(value):
    """A Python value openpyxl can store: NaN/NA -> empty, numpy -> Python, bool -> Ya/Tidak."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return "Ya" if value else "Tidak"
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_TEXT]
    return value


def keep_text(cell) -> None:
    """After `ws.cell(row, col, value)`: text that looks like a formula stays text."""
    if isinstance(cell.value, str) and (cell.data_type == "f" or cell.value.startswith(FORMULA_START)):
        cell.data_type = "s"
        cell.quotePrefix = True


def put(cell, value) -> None:
    """Write a value; text stays text even when it looks like a formula."""
    value = cell_value(value)
    cell.value = value
    if isinstance(value, str) and (cell.data_type == "f" or value.startswith(FORMULA_START)):
        cell.data_type = "s"
        cell.quotePrefix = True


def _shown_length(value) -> int:
    """Characters of a number as formatted; a text in a number column (e.g. 'Belum ada data') as is."""
    if isinstance(value, str):
        return len(value)
    return len(f"{float(value):,.2f}")


def _width(heading: str, values: pd.Series, kind: str | None) -> float:
    sample = values.dropna().head(2000)
    if kind in ("rupiah", "desimal", "angka", "persen"):
        longest = max((_shown_length(v) for v in sample), default=4) + (4 if kind == "rupiah" else 1)
    elif kind == "tanggal":
        longest = 18
    else:
        longest = int(sample.astype(str).str.len().max()) if len(sample) else 4
    words = max((len(w) for w in heading.split()), default=4)
    return float(min(max(longest, words, 8) + 2, 60))


def _write_sheet(ws, sheet: Sheet) -> None:
    cols = list(sheet.headings)
    data = sheet.data.reindex(columns=cols)
    row = 1
    for n, line in enumerate(sheet.title):
        put(ws.cell(row, 1), line)
        ws.cell(row, 1).font = Font(bold=True, size=12 if n == 0 else 11)
        row += 1
    if sheet.title:
        row += 1  # a blank row between title and table
    header = row
    for c, col in enumerate(cols, start=1):
        cell = ws.cell(header, c)
        put(cell, sheet.headings[col])
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = Border(top=_THIN, bottom=_THIN, left=_THIN, right=_THIN)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    number_formats = [FORMATS.get(sheet.formats.get(col, ""), None) for col in cols]
    for r, values in enumerate(data.itertuples(index=False, name=None), start=header + 1):
        for c, (value, number_format) in enumerate(zip(values, number_formats), start=1):
            cell = ws.cell(r, c)
            put(cell, value)
            if number_format:
                cell.number_format = number_format
    last = header + len(data)
    last_col = get_column_letter(len(cols))
    if sheet.totals is not None:
        total_row = last + 1
        for c, (col, number_format) in enumerate(zip(cols, number_formats), start=1):
            cell = ws.cell(total_row, c)
            put(cell, sheet.totals_label if c == 1 else sheet.totals.get(col))
            cell.font = Font(bold=True)
            cell.border = Border(top=_THIN, bottom=Side(style="double", color="9AA5B1"))
            if number_format and c > 1:
                cell.number_format = number_format
        last_total = total_row
    else:
        last_total = last
    for n, line in enumerate(sheet.notes):
        put(ws.cell(last_total + 2 + n, 1), line)
        ws.cell(last_total + 2 + n, 1).font = Font(italic=True, size=9)
    ws.freeze_panes = ws.cell(header + 1, 1).coordinate
    ws.auto_filter.ref = f"A{header}:{last_col}{max(last, header)}"  # the totals row stays put
    for c, col in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(c)].width = _width(
            sheet.headings[col], data[col], sheet.formats.get(col))
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    clean = "".join("-" if ch in "[]:*?/\\" else ch for ch in name).strip("'")
    return clean[:31] or "Lembar"


def write(path: str | Path, sheets: list[Sheet]) -> Path:
    """Write the sheets (in order) to one workbook."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _write_sheet(wb.create_sheet(sheet_name(sheet.name)), sheet)
    wb.properties.creator = "Kinerja PBJ"
    wb.save(path)
    return path
