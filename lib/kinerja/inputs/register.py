"""Loading the package register (SPSE / SiRUP / e-Kontrak exports) into the store.

Each file is recognised by its fields (schemas.identify), every cell is read against the one
contract of its dataset, unreadable rows are rejected with file, row, column and an Indonesian
reason, and nothing is dropped silently: rows read = rows loaded + rows rejected. A file already
loaded (same sha256) changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.core import parse
from kinerja.inputs import data_dates, store
from kinerja.inputs.schemas import BY_KIND, VERSION, Dataset, Outside, fits, identify, named

MAX_BYTES = 1024 * 1024 * 1024          # a register file larger than 1 GB is refused
MAX_XLSX_UNZIPPED = 2 * 1024 ** 3        # zip-bomb guard for xlsx
SUFFIXES = {".csv", ".json", ".xlsx", ".txt"}

# "NIP - Nama" pairs of the non-tender announcement, split into the contract's two columns;
# several people are separated by ';'.
SPLIT_PAIRS = {"nip_nama_ppk": ("nip_ppk", "nama_ppk"), "nip_nama_pokja": ("nip_pokja", "nama_pokja"),
               "nip_nama_pp": ("nip_pp", "nama_pp")}

REASONS = {
    "money": "bukan nilai rupiah yang dapat dibaca (contoh: 1250000 atau Rp 1.250.000,00)",
    "number": "bukan angka yang dapat dibaca",
    "int": "bukan bilangan bulat",
    "date": "bukan tanggal yang dapat dibaca (contoh: 2024-03-21 atau 21 Maret 2024)",
    "flag": "harus Ya atau Tidak",
    "code": "kode terlalu panjang (lebih dari 64 karakter)",
    "text": "teks terlalu panjang (lebih dari 2.000 karakter)",
}


class RegisterFileError(Exception):
    """A file that cannot be read at all; the message is Indonesian and names the file."""


class EmptyFile(RegisterFileError):
    """A file with no records (0 bytes, `[]`): reported as empty, not as an error."""


@dataclass
class LoadResult:
    file: str
    # loaded | unchanged | empty | outside (not used by the SOP) | rejected (a dataset that
    # is not recognised, or not the one its name declares: every row refused) | error (unreadable)
    status: str
    dataset: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    message: str = ""
    rejections: pd.DataFrame = field(default_factory=pd.DataFrame)

    def as_dict(self) -> dict:
        return {"file": self.file, "status": self.status, "dataset": self.dataset,
                "rows_read": self.rows_read, "rows_loaded": self.rows_loaded,
                "rows_rejected": self.rows_rejected, "message": self.message,
                "rejections": self.rejections.to_dict("records")}


# ---------------------------------------------------------------- reading files

def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _read_json(path: Path) -> tuple[pd.DataFrame, int]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RegisterFileError(f"{path.name}: bukan JSON yang sah ({exc.__class__.__name__}).") from None
    if isinstance(data, dict):  # some services wrap the records: {"data": [...]}
        data = next((v for v in data.values() if isinstance(v, list)), None)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise RegisterFileError(f"{path.name}: JSON harus berupa daftar rekaman (list of objects).")
    if not data:
        raise EmptyFile(f"{path.name}: berkas kosong (tidak ada rekaman).")
    return pd.DataFrame.from_records(data), 1  # record k is "baris k"


def read_csv(path: Path) -> tuple[pd.DataFrame, int]:
    """A CSV (UTF-8 or cp1252; ',', ';', tab or '|' separated) as text cells, blank lines kept
    so that row numbers match the file; header = row 1."""
    raw = path.read_bytes()
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
        raise RegisterFileError(f"{path.name}: CSV tidak dapat dibaca ({str(exc).splitlines()[0]}).") from None
    return frame, 2  # header is row 1


def _read_xlsx(path: Path) -> tuple[pd.DataFrame, int]:
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
                if identify(h.lower() for h in header):
                    body = [r for r in rows]
                    frame = pd.DataFrame(body, columns=header, dtype=object)
                    frame = frame.loc[:, [h != "" for h in header]]
                    return frame, number + 1
    finally:
        book.close()
    return pd.DataFrame(), 2


def read_file(path: Path) -> tuple[pd.DataFrame, int]:
    """The file as a raw frame and the row number of its first data row."""
    if not path.exists():
        raise RegisterFileError(f"{path}: berkas tidak ditemukan.")
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile(f"{path.name}: berkas kosong (0 bita).")
    if size > MAX_BYTES:
        raise RegisterFileError(f"{path.name}: berkas terlalu besar ({size:,} bita; batas "
                                f"{MAX_BYTES:,} bita).".replace(",", "."))
    suffix = path.suffix.lower()
    if suffix == ".json":
        return _read_json(path)
    if suffix in (".csv", ".txt"):
        return read_csv(path)
    if suffix == ".xlsx":
        return _read_xlsx(path)
    raise RegisterFileError(f"{path.name}: jenis berkas '{suffix}' tidak didukung "
                            f"(gunakan .xlsx, .csv atau .json).")


# ---------------------------------------------------------------- validating rows

def _source_column(frame: pd.DataFrame, names: list[str]) -> pd.Series | None:
    """First non-blank value across the export's candidate columns (aliases first: e.g. the
    dotted kd_satker_str is preferred over the numeric kd_satker id)."""
    present = [n for n in names if n in frame.columns]
    if not present:
        return None
    out = frame[present[0]]
    for name in present[1:]:
        out = out.where(~parse.blank(out), frame[name])
    return out


def _split_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """'196801012005011426 - Pegawai BEB5F3' (several joined by ';') into a NIP column and a
    name column, where the export gives only the pair."""
    for source, (nip, nama) in SPLIT_PAIRS.items():
        if source not in frame.columns or nip in frame.columns:
            continue
        people = frame[source].astype("string").str.split(";")
        pairs = people.explode().str.strip().str.split(r"\s+-\s+", n=1, regex=True)
        parts = pd.DataFrame({"nip": pairs.str[0], "nama": pairs.str[1]})
        joined = parts.groupby(level=0).agg(lambda v: ";".join(x for x in v.dropna() if x) or pd.NA)
        frame = frame.assign(**{nip: joined["nip"], nama: joined["nama"]})
    return frame


def _empty_rows(frame: pd.DataFrame) -> pd.Series:
    """True for rows with no cell filled (checked column by column, only where still empty)."""
    empty = pd.Series(True, index=frame.index)
    for name in frame.columns:
        rows = empty[empty].index
        if not len(rows):
            break
        cells = frame.loc[rows, name].astype("string").str.strip()
        empty.loc[rows] = cells.isna() | (cells == "")
    return empty


def validate(frame: pd.DataFrame, ds: Dataset, file_name: str, first_row: int
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(accepted typed rows, rejections) for a raw frame of dataset `ds`."""
    frame = frame.rename(columns=lambda c: str(c).strip().lower())
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame = _split_pairs(frame)
    # The frame's index is the row's position in the file (blank lines dropped, numbers kept).
    row_numbers = pd.Series(frame.index.to_numpy() + first_row, index=frame.index)
    typed, problems = {}, []

    def reject(mask: pd.Series, column: str, values: pd.Series, reason: str) -> None:
        if mask.any():
            problems.append(pd.DataFrame({
                "file": file_name, "row": row_numbers[mask], "column": column,
                "value": values[mask].astype("string").fillna("").str.slice(0, 200),
                "reason": reason}))

    for col in ds.columns:
        raw = _source_column(frame, [*col.aliases, col.name])
        if raw is None:
            typed[col.name] = pd.Series(pd.NA, index=frame.index)
            if col.required:
                raise RegisterFileError(
                    f"{file_name}: kolom wajib '{col.name}' ({col.label}) tidak ada; semua "
                    f"{len(frame)} baris ditolak.")
            continue
        values, bad = parse.PARSERS[col.type](raw)
        reject(bad, col.name, raw, REASONS[col.type])
        if col.type == "money":
            negative = values < 0
            reject(negative.fillna(False), col.name, raw, "nilai rupiah tidak boleh negatif")
            bad = bad | negative.fillna(False)
        if col.name == "tahun_anggaran":
            odd = ~values.isna() & ~values.between(2000, 2100).fillna(False)
            reject(odd, col.name, raw, "tahun anggaran di luar rentang 2000–2100")
            bad = bad | odd
        if col.required:
            missing = values.isna() & ~bad
            reject(missing, col.name, raw, f"wajib diisi ({col.label})")
        typed[col.name] = values.where(~bad)
    accepted = pd.DataFrame(typed, index=frame.index)

    key = list(ds.key)
    dup = accepted.duplicated(subset=key, keep="first") & accepted[key].notna().all(axis=1)
    dup &= not ds.multi  # payment terms, addenda, stages: every row is its own record
    if dup.any():
        first = accepted[~accepted.duplicated(subset=key, keep="first")]
        first_row_of = dict(zip(map(tuple, first[key].astype(str).values), row_numbers[first.index]))
        dups = accepted[dup]
        reason = [f"kode ganda: sama dengan baris {first_row_of.get(tuple(k))}"
                  for k in dups[key].astype(str).values]
        problems.append(pd.DataFrame({"file": file_name, "row": row_numbers[dup],
                                      "column": ", ".join(key),
                                      "value": dups[key].astype(str).agg(" / ".join, axis=1),
                                      "reason": reason}))
    rejections = (pd.concat(problems, ignore_index=True) if problems
                  else pd.DataFrame(columns=["file", "row", "column", "value", "reason"]))
    bad_rows = set(rejections["row"].tolist())
    keep = ~row_numbers.isin(bad_rows)
    accepted = accepted[keep].copy()
    accepted["_row"] = row_numbers[keep]
    if "kd_satker" in accepted:
        accepted["satker_key"] = parse.code_key(accepted["kd_satker"])
    return accepted, rejections.sort_values(["row", "column"], kind="stable", ignore_index=True)


# ---------------------------------------------------------------- loading

def expand(paths) -> list[Path]:
    """Files to load: directories give their register files (sorted, no hidden/lock files)."""
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES
                          and not f.name.startswith((".", "~$")))
        else:
            out.append(p)
    return out


def _record(con, digest: str, path: Path, status: str, dataset: str | None, rows_read=0,
            rows_loaded=0, rows_rejected=0, message: str = "", seq: int | None = None) -> None:
    """Remember every file examined, loaded or not, so that a later run (and every parallel
    stage) knows it without reading it again."""
    con.execute("INSERT INTO register_files (sha256, file_name, path, dataset, loaded_at, seq, "
                "rows_read, rows_loaded, rows_rejected, status, message, version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [digest, path.name, str(path.resolve()), dataset, dt.datetime.now(), seq,
                 rows_read, rows_loaded, rows_rejected, status, message, VERSION])


def _not_loaded(con, digest: str, path: Path, status: str, message: str,
                dataset: str | None = None, rows_read: int = 0) -> LoadResult:
    refused = rows_read if status in ("error", "rejected") else 0
    with store.transaction(con):
        _record(con, digest, path, status, dataset, rows_read, 0, refused, message)
    return LoadResult(path.name, status, dataset, rows_read, 0, refused, message)


def _unrecognised(name: str, columns) -> str:
    shown = ", ".join(list(columns)[:6])
    return (f"{name}: jenis data tidak dikenali dari nama kolomnya ({len(columns)} kolom: "
            f"{shown}{', …' if len(columns) > 6 else ''}); lihat daftar dataset yang dikenali "
            f"di README (Memulai dengan data UKPBJ sendiri).")


def _declared_mismatch(name: str, declared, found) -> str:
    isb = declared.isb[0] if declared.isb else declared.label
    also = f"; kolomnya cocok dengan dataset {found.label}" if found is not None else ""
    return (f"{name}: nama berkas menyebut dataset {isb}, tetapi kolom penandanya "
            f"({', '.join(declared.signature)}) tidak ada{also}. Berkas tidak dimuat: unduh "
            f"ulang dataset ini dari layanan data LKPP.")


def load_file(con, path: Path) -> LoadResult:
    name = path.name
    if not path.exists():
        return LoadResult(name, "error", message=f"{path}: berkas tidak ditemukan.")
    digest = sha256(path)
    seen = store.fetch_one(con, "SELECT dataset, rows_read, rows_loaded, rows_rejected, "
                           "coalesce(status, 'loaded'), message, version FROM register_files "
                           "WHERE sha256 = ?", [digest])
    if seen and (seen[4] == "loaded" or seen[6] == VERSION):
        if seen[4] == "loaded":
            if (seen[6] or 0) < data_dates.SINCE:  # loaded before files were dated: date it now
                _backfill_dates(con, path, digest, seen[0])
            return LoadResult(name, "unchanged", seen[0], seen[1], seen[2], seen[3],
                              "sudah dimuat sebelumnya; tidak ada perubahan")
        return LoadResult(name, seen[4], seen[0], seen[1], seen[2], seen[3], seen[5])
    if seen:  # examined by an older version of the contracts: look again
        con.execute("DELETE FROM register_files WHERE sha256 = ?", [digest])
    try:
        frame, first_row = read_file(path)
        frame = frame[~_empty_rows(frame)]  # blank lines are nobody's row
        if frame.empty:
            raise EmptyFile(f"{name}: berkas kosong (tidak ada baris data).")
    except EmptyFile as exc:
        return _not_loaded(con, digest, path, "empty", str(exc))
    except RegisterFileError as exc:
        return _not_loaded(con, digest, path, "error", str(exc))
    columns = [str(c).strip().lower() for c in frame.columns]
    declared, found = named(name), identify(columns)
    if declared is not None and not fits(declared, columns):
        return _not_loaded(con, digest, path, "rejected", _declared_mismatch(name, declared, found),
                           rows_read=len(frame))
    ds = declared or found
    if ds is None:
        return _not_loaded(con, digest, path, "rejected", _unrecognised(name, columns),
                           rows_read=len(frame))
    if isinstance(ds, Outside):
        return _not_loaded(con, digest, path, "outside", f"{name}: {ds.label} — di luar lingkup "
                           f"SOP, tidak dimuat ({len(frame)} baris).", ds.label, len(frame))
    try:
        accepted, rejections = validate(frame, ds, name, first_row)
    except RegisterFileError as exc:
        return _not_loaded(con, digest, path, "error", str(exc), ds.kind, len(frame))

    with store.transaction(con):
        seq = store.next_seq(con)
        accepted["_sha256"], accepted["_seq"] = digest, seq
        con.register("incoming", accepted)
        con.execute(f"INSERT INTO {store.table_name(ds)} BY NAME SELECT * FROM incoming")
        con.unregister("incoming")
        if len(rejections):
            rej = rejections.assign(sha256=digest, file_name=name)[
                ["sha256", "file_name", "row", "column", "value", "reason"]]
            con.register("rej", rej)
            con.execute("INSERT INTO register_rejections SELECT * FROM rej")
            con.unregister("rej")
        _record(con, digest, path, "loaded", ds.kind, len(frame), len(accepted),
                len(frame) - len(accepted), seq=seq)
        data_dates.record(con, digest, data_dates.of_frame(frame, ds))
    return LoadResult(name, "loaded", ds.kind, len(frame), len(accepted),
                      len(frame) - len(accepted), rejections=rejections)


def _backfill_dates(con, path: Path, digest: str, kind: str | None) -> None:
    try:
        frame, _ = read_file(path)
    except RegisterFileError:
        return
    with store.transaction(con):
        data_dates.record(con, digest, data_dates.of_frame(frame, BY_KIND.get(kind)))
        con.execute("UPDATE register_files SET version = ? WHERE sha256 = ?", [VERSION, digest])


def settled_digests(store_path) -> set[str] | None:
    """The files the store needs not examine again: loaded, or examined by this version of the
    contracts (read-only; None when there is no store yet)."""
    if not Path(store_path).exists():
        return None
    con = store.connect(store_path, read_only=True)
    try:
        rows = con.execute("SELECT sha256 FROM register_files WHERE (coalesce(status, 'loaded') = "
                           "'loaded' AND version >= ?) OR version = ?",
                           [data_dates.SINCE, VERSION]).fetchall()
    except Exception:  # noqa: BLE001 - a store from before the status column: examine again
        return None
    finally:
        con.close()
    return {r[0] for r in rows}


def load(con, paths) -> list[LoadResult]:
    return [load_file(con, p) for p in expand(paths)]
