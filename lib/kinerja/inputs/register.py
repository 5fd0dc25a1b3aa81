"""Loading register data into the store: LKPP ISB downloads, INAPROC gateway download folders
(kinerja unduh) and SPSE / SiRUP / e-Kontrak exports.

One source is one line of `kinerja register`: a file, or one endpoint of a gateway download
(gateway_folder). Its dataset is the one its name declares (an ISB dataset name, a gateway
endpoint), else the one its fields identify (schemas.identify). Every row is kept (rows.py): a
value the workbook cannot use is set missing and flagged. A source is refused whole only when its
columns are not the dataset its name declares, a required column is absent altogether, its
fields match no dataset, or a download is incomplete. Every source is recorded under its own
name and path, loaded or not, so that a later run (and every parallel stage) knows it without
reading it again; the same content under a second name is not loaded twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.core.paths import absolute
from kinerja.inputs import data_dates, gateway, gateway_folder, rows, store
from kinerja.inputs.gateway_folder import Part
from kinerja.inputs.readers import (EmptyFile, RegisterFileError, read_csv, read_file,  # noqa: F401
                                    sha256)
from kinerja.inputs.schemas import (BY_KIND, SOP, VERSION, Dataset, Outside, fits, identify,
                                    isb_dataset, named)

SUFFIXES = {".csv", ".json", ".xlsx", ".txt"}
# Sources a store need not examine again: loaded (or a copy of a loaded one) and dated, or
# examined by this version of the contracts. Parameters: data_dates.SINCE, VERSION.
_SETTLED = "(coalesce(status, 'loaded') IN ('loaded', 'copy') AND version >= ?) OR version = ?"


class NotLoaded(Exception):
    """A source examined and not loaded: outside the SOP, unknown, or refused."""

    def __init__(self, status: str, message: str, dataset: str | None = None, rows_read: int = 0):
        super().__init__(message)
        self.status, self.message, self.dataset, self.rows_read = status, message, dataset, rows_read


@dataclass
class LoadResult:
    file: str
    # loaded | unchanged | copy (same content as a loaded file: not loaded twice) | empty |
    # outside (not used by the SOP) | unknown (an ISB dataset or endpoint the workbook does not
    # know yet) | rejected (refused whole) | error (unreadable)
    status: str
    dataset: str | None = None
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    rows_flagged: int = 0
    message: str = ""
    flags: pd.DataFrame = field(default_factory=pd.DataFrame)
    data_date: pd.Timestamp | None = None
    pages: int | None = None
    sha256: str | None = None
    stale: str = ""  # the data date is well before the store's (data_dates.stale)

    def as_dict(self) -> dict:
        return {"file": self.file, "status": self.status, "dataset": self.dataset,
                "rows_read": self.rows_read, "rows_loaded": self.rows_loaded,
                "rows_rejected": self.rows_rejected, "rows_flagged": self.rows_flagged,
                "message": self.message, "pages": self.pages, "stale": self.stale,
                "data_date": None if self.data_date is None else self.data_date.date().isoformat(),
                "flags": self.flags.to_dict("records")}


@dataclass
class Source:
    """What one line reports: a file, or an endpoint of a gateway download."""
    name: str
    path: Path
    files: list[Path]
    endpoint: gateway_folder.Endpoint | None = None
    error: str = ""  # a download folder whose manifest cannot be read

    def digest(self) -> str:
        return self.endpoint.digest() if self.endpoint else sha256(self.path)

    @property
    def pages(self) -> int | None:
        return len(self.files) if self.endpoint else None


# ---------------------------------------------------------------- what to load

def _files_in(folder: Path) -> list[Path]:
    return sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES
                  and not f.name.startswith((".", "~$")))


def _download(folder: Path) -> list[Source]:
    try:
        return [Source(ep.name, ep.dir, ep.files, ep) for ep in gateway_folder.endpoints(folder)]
    except RegisterFileError as exc:
        return [Source(gateway.MANIFEST, folder / gateway.MANIFEST, [], error=str(exc))]


def sources(paths) -> list[Source]:
    """The sources given: a file; a folder's register files (sorted, no hidden or lock files)
    and the gateway downloads among its sub-folders; a gateway download folder's endpoints."""
    out = []
    for p in map(Path, paths):
        if p.is_dir() and gateway.is_download(p):
            out += _download(p)
        elif p.is_dir():
            out += [Source(f.name, f, [f]) for f in _files_in(p)]
            out += [s for d in sorted(p.iterdir()) if d.is_dir() and gateway.is_download(d) for s in _download(d)]
        else:
            out.append(Source(p.name, p, [p]))
    return out


def expand(paths) -> list[Path]:
    """Every file the sources read (a download's pages one by one): the inputs a run lists."""
    return [f for s in sources(paths) for f in s.files]


def folder_of(path: str | Path) -> Path:
    """The folder a recorded source belongs to: its gateway download, else its own folder."""
    path = Path(path)
    for parent in list(path.parents)[:3]:
        if gateway.is_download(parent):
            return parent
    return path.parent


# ---------------------------------------------------------------- recording

def _record(con, digest: str, src: Source, status: str, dataset: str | None, rows_read=0,
            rows_loaded=0, rows_rejected=0, message: str = "", seq: int | None = None,
            data_date=None) -> None:
    con.execute("INSERT INTO register_files (sha256, file_name, path, dataset, loaded_at, seq, "
                "rows_read, rows_loaded, rows_rejected, status, message, version, data_date) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [digest, src.name, str(absolute(src.path)), dataset, dt.datetime.now(), seq,
                 rows_read, rows_loaded, rows_rejected, status, message, VERSION, data_date])


def _not_loaded(con, digest: str, src: Source, status: str, message: str,
                dataset: str | None = None, rows_read: int = 0) -> LoadResult:
    refused = rows_read if status in ("error", "rejected") else 0
    with store.transaction(con):
        _record(con, digest, src, status, dataset, rows_read, 0, refused, message)
    return LoadResult(src.name, status, dataset, rows_read, 0, refused, message=message,
                      pages=src.pages, sha256=digest)


def _flag_count(con, digest: str) -> int:
    return store.fetch_one(con, 'SELECT count(DISTINCT (file_name, "row")) FROM register_flags '
                           "WHERE sha256 = ?", [digest])[0]


def _recorded(con, src: Source, digest: str) -> LoadResult | None:
    """The source as the store knows it (this path with this content, or this content loaded
    under another path), recording the new path; None when it must be read."""
    where = str(absolute(src.path))
    mine = store.fetch_one(con, "SELECT dataset, rows_read, rows_loaded, rows_rejected, "
                           "coalesce(status, 'loaded'), message, coalesce(version, 0), data_date "
                           "FROM register_files WHERE path = ? AND sha256 = ? ORDER BY loaded_at DESC "
                           "LIMIT 1", [where, digest])
    if mine:
        kind, read, loaded, refused, status, message, version, date = mine
        date = pd.Timestamp(date) if date is not None else None
        if status == "loaded":
            if version < data_dates.SINCE:  # loaded before files were dated: date it now
                date = _backfill_dates(con, src, digest, kind)
            return LoadResult(src.name, "unchanged", kind, read, loaded, refused, _flag_count(con, digest),
                              "sudah dimuat sebelumnya; tidak ada perubahan", data_date=date,
                              pages=src.pages, sha256=digest)
        if status == "copy" or version == VERSION:
            return LoadResult(src.name, status, kind, read, loaded, refused, message=message,
                              data_date=date, pages=src.pages, sha256=digest)
        # examined by an older version of the contracts: look again
        con.execute("DELETE FROM register_files WHERE path = ? AND sha256 = ?", [where, digest])
    other = store.fetch_one(con, "SELECT file_name, path, dataset, rows_read, rows_loaded, seq, data_date "
                            "FROM register_files WHERE sha256 = ? AND coalesce(status, 'loaded') = "
                            "'loaded' ORDER BY loaded_at LIMIT 1", [digest])
    if not other:
        return None
    name, path, kind, read, loaded, seq, date = other
    date = pd.Timestamp(date) if date is not None else None
    with store.transaction(con):
        if name == src.name:  # the same file at another place (a moved or copied folder)
            _record(con, digest, src, "loaded", kind, read, loaded, 0, "", seq, date)
            return LoadResult(src.name, "unchanged", kind, read, loaded, 0, _flag_count(con, digest),
                              f"sudah dimuat sebelumnya dari {path}; tidak ada perubahan",
                              data_date=date, pages=src.pages, sha256=digest)
        message = (f"{src.name}: isinya sama persis dengan {name} yang sudah dimuat; barisnya tidak "
                   f"dimuat dua kali.")
        _record(con, digest, src, "copy", kind, read, 0, 0, message, None, date)
    return LoadResult(src.name, "copy", kind, read, 0, 0, message=message, data_date=date,
                      pages=src.pages, sha256=digest)


def _backfill_dates(con, src: Source, digest: str, kind: str | None):
    try:
        main = _parts(src)[0]
        dates = data_dates.of_frames([(main.read if main.read is not None else main.frame,
                                       main.ds or BY_KIND.get(kind))])
    except (RegisterFileError, NotLoaded):
        return None
    with store.transaction(con):
        data_dates.record(con, digest, dates)
        con.execute("UPDATE register_files SET version = ? WHERE sha256 = ?", [VERSION, digest])
    return dates["data_date"].max() if len(dates) else None


# ---------------------------------------------------------------- reading

def _unrecognised(name: str, columns) -> str:
    shown = ", ".join(list(columns)[:6])
    return (f"{name}: jenis data tidak dikenali dari nama kolomnya ({len(columns)} kolom: "
            f"{shown}{', …' if len(columns) > 6 else ''}); lihat daftar dataset yang dikenali "
            f"di README (Memulai dengan data UKPBJ sendiri).")


def _declared_mismatch(name: str, declared, found) -> str:
    isb = declared.isb[0] if declared.isb else declared.label
    head = (f"nama berkas menyebut dataset {isb}, tetapi kolom penandanya "
            f"({', '.join(declared.signature)}) tidak ada")
    if isinstance(found, Dataset):  # said beside the file's own line: no name again
        return f"nama berkas menyebut {isb}, isinya {found.label}: dimuat sebagai {found.label}; unduh ulang {isb}"
    return f"{name}: {head}. Berkas tidak dimuat: unduh ulang dataset ini dari layanan data LKPP."


def _parts(src: Source) -> list[Part]:
    """The source's rows per dataset (raises EmptyFile, NotLoaded, RegisterFileError)."""
    ep = src.endpoint
    if ep is not None:
        if not ep.listed:
            raise NotLoaded("rejected", f"{ep.name}: folder ini tidak tercantum di {gateway.MANIFEST}; "
                                        f"tidak dimuat. Jalankan kinerja unduh lagi.")
        if ep.known is None or ep.api not in ep.known.apis:
            raise NotLoaded("unknown", f"{ep.name}: endpoint ini belum dikenal workbook; tidak dimuat.")
        if not ep.complete:
            raise NotLoaded("rejected", f"{ep.name}: unduhan dataset ini belum lengkap (terputus); "
                                        f"tidak ada barisnya yang dimuat. Jalankan kinerja unduh lagi "
                                        f"untuk melengkapinya.", rows_read=0)
        return gateway_folder.parts(ep)
    frame, first = read_file(src.path, lambda names: identify(names) is not None)
    frame = frame[~rows.empty_rows(frame)]  # blank lines are nobody's row
    if frame.empty:
        raise EmptyFile(f"{src.name}: berkas kosong (tidak ada baris data).")
    isb = isb_dataset(src.name)
    return [Part(None, frame, first, src.name, named(isb) if isb else [], isb_name=isb)]


def _dataset(part: Part) -> Dataset:
    """The part's dataset: the one its name declares whose fields it carries, else the one its
    fields identify (raises NotLoaded)."""
    columns = [str(c).strip().lower() for c in part.frame.columns]
    n, found = len(part.frame), identify(columns)
    if part.declared:
        fitting = [d for d in part.declared if fits(d, columns)]
        if not fitting and not isinstance(found, Dataset):
            raise NotLoaded("rejected", _declared_mismatch(part.file, part.declared[0], found), rows_read=n)
        if not fitting:
            # an official file under another dataset's name: its rows are kept as what they are,
            # and the file is reported under its own name with the mismatch
            part.note = _declared_mismatch(part.file, part.declared[0], found)
        found = fitting[0] if fitting else found
    elif found is None and part.isb_name:
        raise NotLoaded("unknown", f"{part.file}: dataset ISB {part.isb_name} belum dikenal workbook "
                                   f"ini; tidak dimuat ({n} baris).", rows_read=n)
    elif found is None:
        raise NotLoaded("rejected", _unrecognised(part.file, columns), rows_read=n)
    if isinstance(found, Outside):
        raise NotLoaded("outside", f"{part.file}: {found.label} — di luar lingkup SOP, tidak dimuat "
                                   f"({n} baris).", found.label, n)
    return found


def _validated(part: Part) -> tuple[Dataset, Part, pd.DataFrame, pd.DataFrame]:
    ds = part.ds or _dataset(part)
    try:
        typed, flags = rows.validate(part.frame, ds, part.file, part.rows)
    except KeyError as exc:
        column = ds.column(exc.args[0])
        raise NotLoaded("rejected", f"{part.file}: kolom wajib '{column.name}' ({column.label}) tidak "
                                    f"ada; berkas tidak dimuat ({len(part.frame)} baris).",
                        ds.kind, len(part.frame)) from None
    return ds, part, typed, pd.concat([f for f in (part.flags, flags) if len(f)] or [flags], ignore_index=True)


def _insert(con, digest: str, src: Source, validated) -> LoadResult:
    main, first = validated[0][0], validated[0][1]
    # a source's records are its main part's; documents nested in a record date with it
    records = first.read if first.read is not None else first.frame
    read, loaded = len(records), len(validated[0][2])
    notes = [first.note] * bool(first.note)
    notes += [f"berisi juga {', '.join(f'{len(typed)} baris {ds.label}' for ds, _, typed, _ in validated[1:])}"
              ] * (len(validated) > 1)
    message = "; ".join(notes)
    flags = pd.concat([f for *_, f in validated], ignore_index=True)
    dates = data_dates.of_frames([(records, main)])
    date = dates["data_date"].max() if len(dates) else None
    with store.transaction(con):
        seq = store.next_seq(con)
        for ds, _, typed, _ in validated:
            typed["_sha256"], typed["_seq"] = digest, seq
            con.register("incoming", typed)
            con.execute(f"INSERT INTO {store.table_name(ds)} BY NAME SELECT * FROM incoming")
            con.unregister("incoming")
        if len(flags):
            con.register("flags", flags.assign(sha256=digest)[
                ["sha256", "file", "row", "column", "value", "reason"]])
            con.execute("INSERT INTO register_flags SELECT * FROM flags")
            con.unregister("flags")
        _record(con, digest, src, "loaded", main.kind, read, loaded, 0, message, seq)
        data_dates.record(con, digest, dates)
    flagged = len(flags[["file", "row"]].drop_duplicates()) if len(flags) else 0
    return LoadResult(src.name, "loaded", main.kind, read, loaded, 0, flagged, message, flags,
                      pd.Timestamp(date) if date is not None else None, src.pages, digest)


def load_source(con, src: Source) -> LoadResult:
    if src.error:
        return LoadResult(src.name, "error", message=src.error)
    if not src.path.exists():
        return LoadResult(src.name, "error", message=f"{src.path}: berkas tidak ditemukan.")
    digest = src.digest()
    known = _recorded(con, src, digest)
    if known is not None:
        return known
    try:
        validated = [_validated(p) for p in _parts(src)]
    except EmptyFile as exc:
        return _not_loaded(con, digest, src, "empty", str(exc))
    except NotLoaded as exc:
        return _not_loaded(con, digest, src, exc.status, exc.message, exc.dataset, exc.rows_read)
    except RegisterFileError as exc:
        return _not_loaded(con, digest, src, "error", str(exc))
    return _insert(con, digest, src, validated)


def _with_stale(con, results: list[LoadResult]) -> list[LoadResult]:
    """Each loaded file's data date compared with the store's, once every file is in."""
    for r in results:
        if r.status in ("loaded", "unchanged") and r.sha256:
            r.stale = data_dates.stale(con, r.sha256)
    return results


def load_file(con, path: Path) -> LoadResult:
    path = Path(path)
    return _with_stale(con, [load_source(con, Source(path.name, path, [path]))])[0]


def load(con, paths) -> list[LoadResult]:
    return _with_stale(con, [load_source(con, s) for s in sources(paths)])


def settled(store_path) -> set[tuple[str, str]] | None:
    """(path, sha256) of the sources the store needs not examine again (read-only; None when
    there is no store yet)."""
    if not Path(store_path).exists():
        return None
    con = store.connect(store_path, read_only=True)
    try:
        rows_ = con.execute(f"SELECT path, sha256 FROM register_files WHERE {_SETTLED}",
                            [data_dates.SINCE, VERSION]).fetchall()
    except Exception:  # noqa: BLE001 - a store from before the status column: examine again
        return None
    finally:
        con.close()
    return {(r[0], r[1]) for r in rows_}


def needs_loading(store_path, paths) -> bool:
    """Whether a source given is new to the store (a missing file only gives its error
    message; it needs no writing)."""
    known = settled(store_path)
    if known is None:
        return True
    return any((str(absolute(s.path)), s.digest()) not in known
               for s in sources(paths) if not s.error and s.path.exists())


def source_rows(con, kd_paket: str) -> pd.DataFrame:
    """Trace a package (packages.load_packages) back to the files and rows it came from (a list
    of RUP codes names each of them)."""
    code = kd_paket
    for prefix in ("RUP-", "SWA-", "PCT-"):
        code = code.removeprefix(prefix)
    parts = []
    for ds in SOP:
        keys = [k for k in ("kd_tender", "kd_nontender", "kd_paket", "kd_rup", "kd_nontender_pct")
                if k in ds.names]
        if not keys:
            continue
        where = " OR ".join(f"list_contains(string_split(CAST({k} AS VARCHAR), ';'), ?)" for k in keys)
        parts.append(con.execute(
            f"SELECT DISTINCT '{ds.kind}' AS dataset, f.file_name, t._row AS baris FROM {store.table_name(ds)} t "
            f"JOIN register_files f ON f.sha256 = t._sha256 AND coalesce(f.status, 'loaded') = 'loaded' "
            f"WHERE {where}",
            [code] * len(keys)).df())
    return pd.concat(parts, ignore_index=True)
