"""Blank (prefilled) Survei Teknis forms, one workbook per respondent and format.

Every workbook has an instruction sheet (Petunjuk) generated from the contract, one sheet per
contract table holding an Excel Table (identifying columns prefilled and locked; input cells
unlocked, yellow, with data validation), and a very hidden `_meta` sheet with the format,
period, respondent and schema version the reader relies on. Sheets are protected without a
password: the protection prevents accidents, the reader still checks every cell.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from copy import copy
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table as XlTable
from openpyxl.worksheet.table import TableStyleInfo

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.periods import Period, deadline
from kinerja.formulir import respondents as resp
from kinerja.inputs import form_contracts as c
from kinerja.render.excel import keep_text

HEADER_ROW = c.HEADER_ROW  # title block above, table header here, data below
OPEN_ROWS = 10          # blank rows (package code unlocked) when no package is known yet
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
LOCKED_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="BFBFBF")
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_NUMBER_FORMAT = {c.DATE: "dd/mm/yyyy", c.DECIMAL: "#,##0.00", c.INT: "0", c.CODE: "@"}
# Style objects are created once: building them per cell was a large part of writing forms.
BOLD = Font(bold=True)
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
NO_WRAP = Alignment(wrap_text=False)
GRID = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
_GUIDE_FONTS = {(bold, size): Font(bold=bold, size=size) for bold in (True, False) for size in (11, 13)}
_RESOLVED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _styled(cell, key, **attrs):
    """Give `cell` (new, unstyled) the style `attrs` (font=…, alignment=…, style=…). openpyxl
    hashes every style object on every assignment; here each distinct style is resolved once
    per workbook and later cells copy the resolved ids, as openpyxl's own sheet copy does."""
    resolved = _RESOLVED.setdefault(cell.parent.parent, {})
    style = resolved.get(key)
    if style is None:
        for name, value in attrs.items():
            setattr(cell, name, value)
        resolved[key] = copy(cell._style)
    else:
        cell._style = copy(style)
    return cell


def file_name(form_code: str, role: str, kode: str, period: Period) -> str:
    """F5_PPK_<nip>_2024-TW2.xlsx; anything but letters, digits, '-', '.' becomes '_'."""
    safe = re.sub(r"[^A-Za-z0-9.-]+", "_", str(kode)).strip("._") or "tanpa-kode"
    return f"{form_code}_{role.upper()}_{safe}_{period.label}.xlsx"


def _excel_value(value, type_: str):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if type_ == c.DATE and isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
        return pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)
    if type_ == c.CODE:
        return str(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _validation(f: c.Field, year: int) -> DataValidation:
    if f.type in (c.CHOICE, c.FLAG):
        choices = f.choices if f.type == c.CHOICE else c.YA_TIDAK
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    elif f.type in (c.INT, c.DECIMAL):
        kind = "whole" if f.type == c.INT else "decimal"
        if f.max is None:
            dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=f"{f.min:g}")
        else:
            dv = DataValidation(type=kind, operator="between", formula1=f"{f.min:g}",
                                formula2=f"{f.max:g}")
    elif f.type == c.DATE:
        lo, hi = c.date_bounds(f, year)
        serial = [(dt.datetime.combine(d, dt.time()) - EXCEL_EPOCH).days for d in (lo, hi)]
        dv = DataValidation(type="date", operator="between", formula1=str(serial[0]),
                            formula2=str(serial[1]))
    else:  # text and codes typed by the respondent
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(c.TEXT_MAX))
    dv.allow_blank = True
    dv.showErrorMessage = dv.showInputMessage = True
    dv.errorTitle = "Isian tidak sah"
    dv.error = f"{f.label}: {f.rule(year)}."[:255]
    dv.promptTitle = f.label[:32]
    dv.prompt = (f.help or f.rule(year))[:255]
    return dv


def _cell_style(wb, f: c.Field, editable: bool) -> str:
    """A named style per kind of data cell (input or locked, number format, wrapping): one
    style assignment per cell instead of five keeps writing hundreds of forms fast."""
    wrap = f.type == c.TEXT and f.width >= 30
    name = f"{'isian' if editable else 'terkunci'}-{f.type}{'-lipat' if wrap else ''}"
    if name not in wb.named_styles:
        wb.add_named_style(NamedStyle(
            name=name, fill=INPUT_FILL if editable else LOCKED_FILL,
            border=GRID,
            alignment=Alignment(wrap_text=wrap, vertical="top"),
            protection=Protection(locked=not editable),
            number_format=_NUMBER_FORMAT.get(f.type, "General")))
    return name


def _title_block(ws, form: c.Form, table: c.Table, meta: dict, due: dt.date) -> None:
    ws["A1"] = f"Format {form.code[1:]} — {form.title}"
    ws["A1"].font = _GUIDE_FONTS[True, 13]
    ws["A2"] = meta["ukpbj"]
    ws["A3"] = f"Responden: {meta['jenis_responden']} {meta['nama_responden']} ({meta['kode_responden']})"
    ws["A4"] = (f"Periode: {Period.parse(meta['periode']).nama} · kirim kembali paling lambat "
                f"{fmt.tanggal(due)}")
    ws[f"A{HEADER_ROW - 1}"] = table.title
    ws[f"A{HEADER_ROW - 1}"].font = BOLD


def _table_sheet(wb, form: c.Form, table: c.Table, rows: pd.DataFrame, meta: dict,
                 year: int, due: dt.date, params: Parameters):
    ws = wb.create_sheet(table.sheet)
    _title_block(ws, form, table, meta, due)
    open_rows = rows.empty
    n = OPEN_ROWS if open_rows else len(rows)
    first, last = HEADER_ROW + 1, HEADER_ROW + n
    for j, f in enumerate(table.fields, start=1):
        _styled(ws.cell(HEADER_ROW, j, f.label), "head", font=BOLD, alignment=TOP_WRAP)
        ws.column_dimensions[get_column_letter(j)].width = f.width
        editable = f.input or (open_rows and f.name in table.key)
        values = rows[f.name].tolist() if f.name in rows else [None] * n
        style = _cell_style(wb, f, editable)
        for i, value in enumerate(values if not open_rows else [None] * n):
            cell = _styled(ws.cell(first + i, j, _excel_value(value, f.type)), ("named", style),
                           style=style)
            keep_text(cell)  # names from the register stay text, never a formula
        if editable:
            dv = _validation(f, year)
            ws.add_data_validation(dv)
            dv.add(f"{get_column_letter(j)}{first}:{get_column_letter(j)}{last}")
    ref = f"A{HEADER_ROW}:{get_column_letter(len(table.fields))}{last}"
    xl = XlTable(displayName=table.name, ref=ref)
    xl.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    ws.add_table(xl)
    ws.row_dimensions[HEADER_ROW].height = 45
    ws.freeze_panes = ws.cell(first, 1)
    if form.code == "F5":
        _criteria(ws, len(table.fields) + 2, params)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False
    ws.protection.autoFilter = ws.protection.sort = False
    return ws


def _criteria(ws, col: int, params: Parameters) -> None:
    """The provider scoring criteria (methodology §1) beside the score cells."""
    weights = params.metode.bobot_penyedia
    ws.cell(HEADER_ROW - 1, col, "Kriteria penilaian (Peraturan LKPP 4/2021)").font = BOLD
    heads = ("Aspek", "Bobot", "3 — Sangat Baik", "2 — Baik", "1 — Cukup")
    for j, h in enumerate(heads):
        _styled(ws.cell(HEADER_ROW, col + j, h), "bold", font=BOLD)
        ws.column_dimensions[get_column_letter(col + j)].width = 12 if j < 2 else 34
    for i, (name, (label, three, two, one)) in enumerate(c.CRITERIA.items(), start=1):
        values = (label, fmt.persen(getattr(weights, name) * 100, 0), three, two, one)
        for j, v in enumerate(values):
            _styled(ws.cell(HEADER_ROW + i, col + j, v), "wrap", alignment=TOP_WRAP)
    ws.cell(HEADER_ROW + 6, col, "Kontrak diputus karena kesalahan penyedia: semua aspek bernilai 0 "
            "(nilai paket 0).").alignment = NO_WRAP


def _guide(wb, form: c.Form, meta: dict, due: dt.date, year: int, role: str) -> None:
    ws = wb.active
    ws.title = c.GUIDE_SHEET
    ws.column_dimensions["A"].width = 30
    for col, width in zip("BCDE", (12, 10, 44, 60)):
        ws.column_dimensions[col].width = width
    lines = [(f"Format {form.code[1:]} — {form.title}", True), (meta["ukpbj"], False),
             (f"Responden: {meta['jenis_responden']} {meta['nama_responden']} "
              f"({meta['kode_responden']})", False),
             (f"Periode: {Period.parse(meta['periode']).nama}", False),
             (f"Batas pengiriman: {fmt.tanggal(due)}", True), ("", False), (form.purpose, False),
             ("", False), ("Cara mengisi", True)]
    lines += [(f"{k}. {t.format(batas=fmt.tanggal(due))}", False)
              for k, t in enumerate(c.GENERAL_INSTRUCTIONS, start=1)]
    if form.code == "F4":
        lines += [("", False), ("Indikator dan rencana aksi pada formulir ini", True),
                  (f"Indikator yang penanggung jawabnya {role}, yang sumber datanya formulir "
                   f"{role} (Format {'5' if role == c.PPK else '8'}), atau yang memiliki rencana "
                   f"aksi dengan penanggung jawab {role}; rencana aksi yang dilaporkan adalah "
                   f"yang penanggung jawabnya {role}.", False)]
    row = 1
    for text, bold in lines:
        size = 13 if row == 1 else 11
        _styled(ws.cell(row, 1, text), ("guide", bold, size), font=_GUIDE_FONTS[bold, size])
        row += 1
    for table in form.tables:
        row += 1
        _styled(ws.cell(row, 1, f"Lembar '{table.sheet}': {table.title}"), "bold", font=BOLD)
        row += 1
        for j, h in enumerate(("Kolom", "Isian", "Wajib", "Aturan", "Keterangan"), start=1):
            _styled(ws.cell(row, j, h), "bold", font=BOLD)
        for f in table.fields:
            row += 1
            required = ("Ya" if f.required else
                        f"Bila '{table.field(f.required_when[0]).label}' = {_show(f.required_when[1])}"
                        if f.required_when else "Tidak")
            values = (f.label, "Diisi" if f.input else "Terkunci", required if f.input or f.required
                      else "–", f.rule(year) if f.input else "terisi dari register/perencanaan", f.help)
            for j, v in enumerate(values, start=1):
                _styled(ws.cell(row, j, v), "wrap", alignment=TOP_WRAP)
        for check in table.checks:
            row += 1
            ws.cell(row, 1, f"Aturan: {check.reason} → ditolak.")
    ws.protection.sheet = True


def _show(value) -> str:
    return {True: "Ya", False: "Tidak"}.get(value, str(value)) if isinstance(value, bool) else str(value)


def _meta_sheet(wb, meta: dict) -> None:
    ws = wb.create_sheet(c.META_SHEET)
    for i, key in enumerate(c.META_KEYS, start=1):
        ws.cell(i, 1, key)
        ws.cell(i, 2, str(meta[key]))
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def write_form(path: Path, form_code: str, role: str, kode: str, nama: str, params: Parameters,
               period: Period, rows: dict[str, pd.DataFrame], deadline_day: int | None = None,
               created: dt.datetime | None = None) -> Path:
    """One respondent's form. `rows[table.name]` holds the prefilled rows (any of the table's
    field names; input columns present are written too, which the demo uses to fill forms)."""
    form = c.FORMS[form_code]
    due = deadline(period, deadline_day or params.metode.batas_hari_pengumpulan)
    created = created or dt.datetime.now().replace(microsecond=0)
    meta = {"format": form.code, "periode": period.label, "jenis_responden": role,
            "kode_responden": kode, "nama_responden": nama, "versi_skema": c.SCHEMA_VERSION,
            "ukpbj": params.ukpbj.nama, "dibuat": created.isoformat()}
    wb = openpyxl.Workbook()
    _guide(wb, form, meta, due, period.year, role)
    sheets = [_table_sheet(wb, form, t, rows.get(t.name, pd.DataFrame()), meta, period.year, due,
                           params) for t in form.tables]
    _meta_sheet(wb, meta)
    wb.active = wb.sheetnames.index(sheets[0].title)
    wb.properties.creator = params.ukpbj.singkatan
    wb.properties.title = f"{form.code} {form.title} — {period.label}"
    wb.properties.created = wb.properties.modified = created
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def form_jobs(params: Parameters, period_pk: pd.DataFrame, respondents: pd.DataFrame | None = None,
              formats=("F4", "F5", "F8")) -> list[dict]:
    """What to write for a period: one job per respondent and format, with the prefilled rows.
    `respondents` defaults to the period's own; given another period's (the next quarter before
    its packages are in the register), F5/F8 tables get open rows for the package codes."""
    own = respondents is None
    resp_frame = resp.respondents(period_pk) if own else respondents
    expected = resp.expected_forms(resp_frame) if own else pd.DataFrame(
        [{"jenis_responden": r.jenis_responden, "kode_responden": r.kode_responden,
          "nama_responden": r.nama_responden, "format": code}
         for r in resp_frame.itertuples() for code in c.FORMS_BY_ROLE[r.jenis_responden]],
        columns=["jenis_responden", "kode_responden", "nama_responden", "format"])
    jobs = []
    for r in expected[expected["format"].isin(formats)].itertuples(index=False):
        form = c.FORMS[r.format]
        rows = {t.name: resp.rows_for(t.name, r.jenis_responden, r.kode_responden, params, period_pk)
                for t in form.tables}
        jobs.append({"format": r.format, "role": r.jenis_responden, "kode": str(r.kode_responden),
                     "nama": r.nama_responden, "rows": rows})
    return jobs


def write_forms(params: Parameters, packages: pd.DataFrame, period: Period, out: Path,
                formats=("F4", "F5", "F8"), respondents_from: Period | None = None) -> list[Path]:
    """All blank forms of a quarter into `out`. With `respondents_from`, the respondents are
    that period's (used when `period`'s packages are not in the register yet)."""
    if period.quarter is None:
        raise ValueError(f"Formulir Survei Teknis dibuat per triwulan: tulis {period.year}-TW1 … "
                         f"{period.year}-TW4, bukan '{period.label}'.")
    period_pk = resp.period_packages(packages, period)
    others = None
    if respondents_from is not None:
        others = resp.respondents(resp.period_packages(packages, respondents_from))
    written = []
    for job in form_jobs(params, period_pk, others, formats):
        path = Path(out) / file_name(job["format"], job["role"], job["kode"], period)
        written.append(write_form(path, job["format"], job["role"], job["kode"], job["nama"],
                                  params, period, job["rows"]))
    return written
