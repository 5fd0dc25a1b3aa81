"""Reading a register file into a raw frame of text cells: JSON (numbers read exactly, as their
own digits, never through a float), CSV (UTF-8 or cp1252, any common separator) and xlsx (a
title above the header allowed). Every problem is one Indonesian message naming the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from pathlib import Path

import pandas as pd

MAX_BYTES = 1024 * 1024 * 1024          # a register file larger than 1 GB is refused
MAX_XLSX_UNZIPPED = 2 * 1024 ** 3        # zip-bomb guard for xlsx

# Zero-width characters that exports leave at the end of names (invisible, never meant): their
# UTF-8 bytes and JSON escapes, looked for in the raw bytes before any cell is touched.
_INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff]"
_INVISIBLE_CODES = ("200b", "200c", "200d", "2060", "feff")
_INVISIBLE_BYTES = tuple(chr(int(c, 16)).encode() for c in _INVISIBLE_CODES) + tuple(
    f"\\u{c}".encode() for c in _INVISIBLE_CODES) + tuple(f"\\u{c.upper()}".encode() for c in _INVISIBLE_CODES)


class RegisterFileError(Exception):
    """A file that cannot be read at all; the message is Indonesian and names the file."""


class EmptyFile(RegisterFileError):
    """A file with no records (0 bytes, `[]`, a gateway page with `data: null`): reported as
    empty, not as an error."""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def records(raw: bytes, name: str) -> list[dict]:
    """The records of a JSON document: an array of objects, or an envelope holding one (the
    gateway's `{"success": true, "data": [...], "meta": {...}}`, `data: null` = no records).
    Numbers stay text (an 18-digit NIP, money beyond a float's precision) for the typed readers."""
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_int=str, parse_float=str)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RegisterFileError(f"{name}: bukan JSON yang sah ({exc.__class__.__name__}).") from None
    if isinstance(data, dict) and "data" in data:
        data = [] if data["data"] is None else data["data"]
    elif isinstance(data, dict):  # other services' wrappers: {"rows": [...]}
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise RegisterFileError(f"{name}: JSON harus berupa daftar rekaman (list of objects).")
    return data


def _read_json(raw: bytes, name: str) -> tuple[pd.DataFrame, int]:
    data = records(raw, name)
    if not data:
        raise EmptyFile(f"{name}: berkas kosong (tidak ada rekaman).")
    return pd.DataFrame.from_records(data), 1  # record k is "baris k"


def _read_csv(raw: bytes, name: str) -> tuple[pd.DataFrame, int]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        delimiter = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                            skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise RegisterFileError(f"{name}: CSV tidak dapat dibaca ({str(exc).splitlines()[0]}).") from None
    return frame, 2  # header is row 1


def read_csv(path: Path) -> tuple[pd.DataFrame, int]:
    """A CSV (UTF-8 or cp1252; ',', ';', tab or '|' separated) as text cells, blank lines kept
    so that row numbers match the file; header = row 1."""
    return _read_csv(path.read_bytes(), path.name)


def _read_xlsx(path: Path, is_header) -> tuple[pd.DataFrame, int]:
    import openpyxl  # uses defusedxml when installed: no XML entity expansion

    try:
        with zipfile.ZipFile(path) as zf:
            if sum(i.file_size for i in zf.infolist()) > MAX_XLSX_UNZIPPED:
                raise RegisterFileError(f"{path.name}: isi berkas terlalu besar setelah dibuka "
                                        f"(dicurigai zip bomb).")
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except RegisterFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one user message
        raise RegisterFileError(f"{path.name}: bukan berkas Excel (.xlsx) yang sah "
                                f"({exc.__class__.__name__}).") from None
    try:
        for sheet in book.worksheets:
            rows = sheet.iter_rows(values_only=True)
            # Exports sometimes put a title above the header: look at the first ten rows.
            for number, row in enumerate(rows, start=1):
                if number > 10:
                    break
                header = [str(v).strip() if v is not None else "" for v in row]
                if is_header([h.lower() for h in header]):
                    body = [r for r in rows]
                    frame = pd.DataFrame(body, columns=header, dtype=object)
                    frame = frame.loc[:, [h != "" for h in header]]
                    return frame, number + 1
    finally:
        book.close()
    return pd.DataFrame(), 2


def strip_invisible(frame: pd.DataFrame) -> pd.DataFrame:
    """Zero-width characters removed from every text cell and column name."""
    frame = frame.rename(columns=lambda c: re.sub(_INVISIBLE, "", str(c)))
    for name in frame.columns:
        cells = frame[name]
        if not (pd.api.types.is_object_dtype(cells) or pd.api.types.is_string_dtype(cells)):
            continue
        text = cells.map(lambda v: isinstance(v, str)).astype(bool)
        if text.any():
            frame[name] = cells.where(~text, cells[text].str.replace(_INVISIBLE, "", regex=True))
    return frame


def has_invisible(raw: bytes) -> bool:
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # a leading BOM is the encoding's
    return any(b in body for b in _INVISIBLE_BYTES)


def read_file(path: Path, is_header) -> tuple[pd.DataFrame, int]:
    """The file as a raw frame and the row number of its first data row. `is_header(names)`
    tells an xlsx sheet's header row (the columns of a known dataset)."""
    if not path.exists():
        raise RegisterFileError(f"{path}: berkas tidak ditemukan.")
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile(f"{path.name}: berkas kosong (0 bita).")
    if size > MAX_BYTES:
        raise RegisterFileError(f"{path.name}: berkas terlalu besar ({size:,} bita; batas "
                                f"{MAX_BYTES:,} bita).".replace(",", "."))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        frame, first = _read_xlsx(path, is_header)
        return strip_invisible(frame), first
    if suffix not in (".json", ".csv", ".txt"):
        raise RegisterFileError(f"{path.name}: jenis berkas '{suffix}' tidak didukung "
                                f"(gunakan .xlsx, .csv atau .json).")
    raw = path.read_bytes()
    frame, first = (_read_json if suffix == ".json" else _read_csv)(raw, path.name)
    if has_invisible(raw):
        frame = strip_invisible(frame)
    return frame, first
