"""Filled forms back in: guard against hostile files and read the cells as they are; the rows
are then checked against their table's contract by `kinerja.formulir.validation`.

Guards, in order: size limit; a real zip archive; zip-bomb limits on the number of members and
their declared uncompressed size (Python's zipfile never inflates a member beyond its declared
size); every XML part parsed with defusedxml, streaming, with DTDs and entities forbidden.

The workbook parts are read directly (workbook, its relations, shared strings, the sheets)
rather than through openpyxl, whose per-cell object model costs 25–40 ms a file — an intake of
1,000 forms must take well under a minute. A cell with a formula is read as its text ('=…'),
never its cached result, never evaluated: a formula in a cell the form reads is a rejected cell.

Every table's header row must be exactly as the writer wrote it (the contract's labels, in
order, nothing added after them): a renamed, moved or removed column makes the whole file
unusable, with one message naming the sheet and the cell. The same guards and header check
serve the customer-satisfaction forms F12/F13 (`kinerja.formulir.satisfaction_forms`).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kinerja.core import fmt
from kinerja.core.periods import Period
from kinerja.inputs import form_contracts as c

MAX_BYTES = 20 * 1024 ** 2          # a returned form larger than 20 MB is refused
MAX_UNZIPPED = 100 * 1024 ** 2      # zip bomb: total declared uncompressed size
MAX_MEMBERS = 1000
MAX_ROWS = 20_000                   # rows below a table header
EXCEL_EPOCH = dt.datetime(1899, 12, 30)


class FormFileError(ValueError):
    """A file that cannot be read as a form at all; the message is Indonesian and names it.
    `where`: the cell at fault when there is one (sheet, row, column, value), for the
    rejection table. A ValueError, as every user-input error the CLI reports."""

    def __init__(self, message: str, where: dict | None = None):
        super().__init__(message)
        self.where = where


class SatisfactionForm(FormFileError):
    """The file is a customer-satisfaction form (F12/F13): the intake reads it with
    `kinerja.formulir.satisfaction_forms` instead (the workbook has passed the hostile-file guards)."""

    def __init__(self, message: str, form: str):
        super().__init__(message)
        self.form = form


@dataclass
class RawTable:
    values: pd.DataFrame            # field name -> cell value as stored (formulas as '=…' text)
    rows: list[int]                 # Excel row number of each value row
    letters: dict[str, str]         # field name -> Excel column letter


@dataclass
class FilledForm:
    meta: dict
    form: c.Form
    period: Period
    tables: dict[str, RawTable]


# ---------------------------------------------------------------- guards and reading

def _open(path: Path, max_bytes: int | None) -> zipfile.ZipFile:
    """Size, zip structure and zip-bomb checks; the open archive, or FormFileError."""
    name = path.name
    limit = MAX_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size == 0:
        raise FormFileError(f"{name}: berkas kosong.")
    if size > limit:
        raise FormFileError(f"{name}: berkas terlalu besar ({fmt.angka(size)} bita; batas "
                            f"{fmt.angka(limit)} bita).")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise FormFileError(f"{name}: bukan berkas Excel (.xlsx) yang sah atau rusak "
                            f"({exc.__class__.__name__}).") from None
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        zf.close()
        raise FormFileError(f"{name}: arsip berisi {fmt.angka(len(members))} bagian (batas "
                            f"{fmt.angka(MAX_MEMBERS)}); dicurigai berkas berbahaya.")
    if sum(m.file_size for m in members) > MAX_UNZIPPED:
        zf.close()
        raise FormFileError(f"{name}: isi berkas terlalu besar setelah dibuka (lebih dari "
                            f"{fmt.angka(MAX_UNZIPPED)} bita); dicurigai zip bomb.")
    return zf


_M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL = re.compile(r"([A-Z]{1,3})(\d+)$")


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class _Book:
    """The parts of an xlsx this reader needs, parsed with defusedxml (no DTD, no entities)."""

    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        names = set(zf.namelist())
        rels = {r.get("Id"): r.get("Target", "") for _, r in self._parse("xl/_rels/workbook.xml.rels")
                if r.tag.endswith("Relationship")}
        self.sheets = {}
        for _, el in self._parse("xl/workbook.xml"):
            if el.tag == _M + "sheet":
                target = rels.get(el.get(_R + "id"), "")
                path = target.lstrip("/") if target.startswith("/") else "xl/" + target
                self.sheets[el.get("name")] = path.replace("/./", "/")
        self.strings: list[str] = []
        if "xl/sharedStrings.xml" in names:
            for _, el in self._parse("xl/sharedStrings.xml"):
                if el.tag == _M + "si":
                    self.strings.append(_text(el))
                    el.clear()

    def _parse(self, member: str):
        from defusedxml.ElementTree import iterparse

        with self.zf.open(member) as fh:
            yield from iterparse(fh, events=("end",), forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)

    def rows(self, sheet: str):
        """(row number, {column index: value}) for each non-empty row."""
        auto = 0
        for _, el in self._parse(self.sheets[sheet]):
            if el.tag != _M + "row":
                continue
            auto = int(el.get("r") or auto + 1)
            cells, j = {}, -1
            for cell in el.iter(_M + "c"):
                m = _CELL.match(cell.get("r") or "")
                j = _col(m.group(1)) if m else j + 1
                value = self._value(cell)
                if value is not None and value != "":
                    cells[j] = value
            el.clear()
            if cells:
                yield auto, cells

    def _value(self, cell):
        f = cell.find(_M + "f")
        if f is not None:
            return "=" + (f.text or "")          # the formula itself; its cached value is ignored
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            node = cell.find(_M + "is")
            return _text(node) if node is not None else None
        v = cell.find(_M + "v")
        if v is None or v.text is None:
            return None
        if kind == "s":
            return self.strings[int(v.text)]
        if kind == "b":
            return v.text.strip() == "1"
        if kind in ("str", "e", "d"):
            return v.text
        number = float(v.text)
        return int(number) if number.is_integer() and re.fullmatch(r"-?\d+", v.text.strip()) else number


def _text(node) -> str:
    """A string item's text: its <t> and the <t> of its runs, not phonetic hints (<rPh>)."""
    parts = []
    for child in node:
        if child.tag == _M + "t":
            parts.append(child.text or "")
        elif child.tag == _M + "r":
            parts += [t.text or "" for t in child.iter(_M + "t")]
    return "".join(parts)


def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().lower() if text is not None else ""


def meta_cells(book: _Book) -> dict[str, str]:
    """The hidden meta sheet's key → value (as text), or {} when the sheet is absent."""
    meta = {}
    if c.META_SHEET not in book.sheets:
        return meta
    for _, cells in book.rows(c.META_SHEET):
        if 0 in cells:
            meta[str(cells[0]).strip()] = str(cells.get(1, "")).strip()
        if len(meta) > 50:
            break
    return meta


def _read_meta(book: _Book, name: str) -> dict:
    if c.META_SHEET not in book.sheets:
        raise FormFileError(f"{name}: bukan formulir Survei Teknis Kinerja PBJ (lembar "
                            f"{c.META_SHEET} tidak ada); gunakan formulir dari `kinerja forms`.")
    meta = meta_cells(book)
    form = meta.get("format", "").upper()
    if form in ("F12", "F13"):
        raise SatisfactionForm(f"{name}: formulir survei kepuasan {form}", form)
    if form and form not in c.FORMS:
        raise FormFileError(f"{name}: format '{meta['format']}' bukan formulir Survei Teknis "
                            f"(yang dikenal: {', '.join(c.FORMS)}).")
    missing = [k for k in ("format", "periode", "jenis_responden", "kode_responden", "versi_skema")
               if not meta.get(k)]
    if missing:
        raise FormFileError(f"{name}: lembar {c.META_SHEET} tidak lengkap ({', '.join(missing)} "
                            f"kosong).")
    return meta


def _serial_to_date(value):
    """Excel stores dates as day numbers; show and parse them as dates."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 <= value <= 80000:
        return EXCEL_EPOCH + dt.timedelta(seconds=round(float(value) * 86400))
    return value


def check_header(found: dict, table: c.Table, name: str, header_row: int = c.HEADER_ROW) -> None:
    """The table's header row (`found`: column index → cell value) as the writer wrote it: the
    contract's labels from column A, in order (spaces and letter case aside), and nothing in the
    cell after the last one. Else FormFileError naming the sheet and the first cell that
    differs."""
    from openpyxl.utils import get_column_letter

    labels = [f.label for f in table.fields]
    wrong = [j for j, label in enumerate(labels) if _norm(found.get(j)) != _norm(label)]
    extra = len(labels) in found
    if not wrong and not extra:
        return
    j = wrong[0] if wrong else len(labels)
    got = "" if found.get(j) is None else str(found[j]).strip()
    if j == len(labels):
        what = f"kolom tambahan '{got}' (formulir tidak boleh ditambah kolom)"
    elif not got:
        what = f"judul kolom '{labels[j]}' tidak ada (sel kosong)"
    else:
        what = f"judul kolom '{labels[j]}' diubah menjadi '{got}'"
        if _norm(got) in {_norm(x) for x in labels}:
            what += " (kolom dipindah atau dihapus)"
    others = len(wrong) + extra - 1
    more = f"; {others} sel judul lain juga berbeda" if others else ""
    cell = f"{get_column_letter(j + 1)}{header_row}"
    raise FormFileError(
        f"{name}: lembar '{table.sheet}', sel {cell}: {what}{more}. Judul kolom tidak boleh "
        f"diubah, dipindah, atau dihapus; berkas ditolak — isi ulang formulir asli lalu kirim "
        f"kembali.",
        {"sheet": table.sheet, "row": header_row,
         "column": table.fields[j].name if j < len(labels) else get_column_letter(j + 1),
         "value": got})


def read_table(book: _Book, table: c.Table, name: str, header_row: int = c.HEADER_ROW) -> RawTable:
    """The table's cells below its header (checked with `check_header`), by field name; rows
    without any cell in the table's columns are skipped."""
    from openpyxl.utils import get_column_letter

    if table.sheet not in book.sheets:
        raise FormFileError(f"{name}: lembar '{table.sheet}' tidak ada.")
    columns = {j: f.name for j, f in enumerate(table.fields)}
    header, values, rows = None, [], []
    for number, cells in book.rows(table.sheet):
        if number < header_row:
            continue
        if header is None:  # the first row at or below the header's place
            header = cells if number == header_row else {}
            check_header(header, table, name, header_row)
            if number == header_row:
                continue
        picked = [cells.get(j) for j in columns]
        if all(v is None for v in picked):
            continue
        if len(rows) >= MAX_ROWS:
            raise FormFileError(f"{name}: lembar '{table.sheet}' berisi lebih dari "
                                f"{fmt.angka(MAX_ROWS)} baris; berkas ditolak.")
        rows.append(number)
        values.append(picked)
    if header is None:
        check_header({}, table, name, header_row)
    frame = pd.DataFrame(values, columns=list(columns.values()), dtype=object)
    for f in table.fields:
        if f.type == c.DATE:
            frame[f.name] = frame[f.name].map(_serial_to_date).astype(object)
    letters = {n: get_column_letter(j + 1) for j, n in columns.items()}
    return RawTable(frame, rows, letters)


@contextmanager
def workbook(path: Path, max_bytes: int | None = None):
    """The returned workbook behind the hostile-file guards, as a `_Book`; anything wrong with
    the file — here or in the caller's block — is one FormFileError naming it."""
    from defusedxml import DefusedXmlException

    path = Path(path)
    name = path.name
    if not path.is_file():
        raise FormFileError(f"{path}: berkas tidak ditemukan.")
    if path.suffix.lower() != ".xlsx":
        raise FormFileError(f"{name}: jenis berkas '{path.suffix or '(tanpa akhiran)'}' tidak "
                            f"didukung; kirim formulir sebagai .xlsx.")
    zf = _open(path, max_bytes)
    try:
        yield _Book(zf)
    except FormFileError:
        raise
    except DefusedXmlException:
        raise FormFileError(f"{name}: memuat deklarasi DTD/entitas XML yang tidak diizinkan; "
                            f"berkas ditolak.") from None
    except Exception as exc:  # noqa: BLE001 - a malformed part is one user message
        raise FormFileError(f"{name}: isi berkas Excel rusak atau tidak dapat dibaca "
                            f"({exc.__class__.__name__}).") from None
    finally:
        zf.close()


def read_form(path: Path, max_bytes: int | None = None) -> FilledForm:
    """The form's meta data and its tables' cells; FormFileError when it cannot be read
    (SatisfactionForm for an F12/F13, which `kinerja.formulir.satisfaction_forms` reads)."""
    name = Path(path).name
    with workbook(path, max_bytes) as book:
        meta = _read_meta(book, name)
        form = c.FORMS[meta["format"].upper()]
        if meta["versi_skema"] != c.SCHEMA_VERSION:
            raise FormFileError(f"{name}: versi formulir '{meta['versi_skema']}' tidak dikenal "
                                f"(versi sekarang {c.SCHEMA_VERSION}); gunakan formulir terbaru.")
        try:
            period = Period.parse(meta["periode"])
        except ValueError:
            raise FormFileError(f"{name}: periode '{meta['periode']}' pada formulir tidak "
                                f"dikenal.") from None
        if period.quarter is None:
            raise FormFileError(f"{name}: periode formulir harus triwulan, tertulis "
                                f"'{meta['periode']}'.")
        if meta["jenis_responden"] not in form.roles:
            raise FormFileError(f"{name}: {form.code} tidak diisi oleh "
                                f"'{meta['jenis_responden']}' (pengisi: {', '.join(form.roles)}).")
        tables = {t.name: read_table(book, t, name) for t in form.tables}
    return FilledForm(meta, form, period, tables)
