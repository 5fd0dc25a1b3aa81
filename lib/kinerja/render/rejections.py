"""The list of rejected form rows and files (penolakan_intake.xlsx): file, sheet, row, column,
value as received (text) and the Indonesian reason, for the respondents to correct."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.core import frames
from kinerja.core.periods import Period
from kinerja.render.excel import keep_text


def write_rejection_workbook(rows: pd.DataFrame, path: Path, period: Period) -> Path:
    """The rejected rows as the collection team sends them back to respondents."""
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as XlTable
    from openpyxl.worksheet.table import TableStyleInfo

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Penolakan"
    ws["A1"] = f"Baris formulir Survei Teknis yang ditolak — {period.nama}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = (f"{len(rows)} penolakan. Perbaiki sel yang disebut lalu kirim ulang seluruh "
                f"formulir; kiriman baru menggantikan kiriman lama." if len(rows)
                else "Tidak ada baris yang ditolak.")
    heads = list(REJECTION_HEADINGS.values())
    for j, h in enumerate(heads, start=1):
        ws.cell(4, j, h).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(j)].width = (40 if h in ("Alasan penolakan", "Berkas")
                                                            else 16)
    for i, rec in enumerate(rows[list(REJECTION_HEADINGS)].itertuples(index=False), start=5):
        for j, v in enumerate(rec, start=1):
            cell = ws.cell(i, j, frames.python_value(v) if not (v is None or (not isinstance(v, str) and pd.isna(v)))
                           else None)
            keep_text(cell)  # a rejected value such as '=1+1' is shown as text, never run
    if len(rows):
        ref = f"A4:{get_column_letter(len(heads))}{4 + len(rows)}"
        t = XlTable(displayName="Penolakan", ref=ref)
        t.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(t)
    ws.freeze_panes = "A5"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


REJECTION_HEADINGS = {"berkas": "Berkas", "format": "Format", "periode": "Periode",
                      "jenis_responden": "Responden", "kode_responden": "Kode responden",
                      "sheet": "Lembar", "row": "Baris", "column": "Kolom", "value": "Nilai",
                      "reason": "Alasan penolakan"}
