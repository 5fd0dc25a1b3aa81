"""Reading a download folder of the INAPROC API Gateway (the layout of kinerja.inputs.gateway,
written by `kinerja unduh`) as register data: each endpoint is one dataset, its pages read
together; v1 envelopes unwrapped (`data: null` is an empty page); the contract record of v1's
`tender/tender-ekontrak` and `tender/non-tender-ekontrak` split into its contract row and the
BAP/BAST, SPMK/SPP and rating rows nested in it (contract fields from the parent); rows without
a K/L/PD code given the K/L/PD the download asked for, and flagged as such.

A v1 download also holds the flat contract endpoint (`tender/tender-ekontrak-kontrak`): a
contract it delivers is not loaded a second time from the nested record (same tender or
non-tender, contract number and addendum version), so the contracts are the ISB file's.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.inputs import gateway, readers
from kinerja.inputs.rows import FLAG_COLUMNS
from kinerja.inputs.schema_base import Dataset
from kinerja.inputs.schemas import BAST, KONTRAK, RATING, SPMK, named

# The arrays nested in a v1 e-Kontrak record and the dataset each one's rows belong to.
NESTED = {"bapbast_history_json": BAST, "spmkspp_history_json": SPMK, "penilaian_kinerja_penyedia": RATING}
# The flat contract endpoint of each nested one (the same contracts, without the documents).
FLAT = {"tender/tender-ekontrak": "tender/tender-ekontrak-kontrak",
        "tender/non-tender-ekontrak": "tender/non-tender-ekontrak-kontrak"}
_CONTRACT = ("kd_tender", "kd_nontender", "no_kontrak", "versi_addendum")
FILLED_KLPD = "kd_klpd dari permintaan unduhan"


@dataclass
class Endpoint:
    """One endpoint of a download folder as its manifest lists it."""
    folder: Path
    api: str
    path: str
    files: list[Path]
    complete: bool
    klpd: str | None
    year: int | None
    listed: bool = True  # False: a folder on disk the manifest does not name
    flat: list[Path] = field(default_factory=list)  # the pages of the flat contract endpoint

    @property
    def name(self) -> str:
        return f"{self.api} {self.path}"

    @property
    def dir(self) -> Path:
        return gateway.endpoint_dir(self.folder, self.api, self.path)

    @property
    def known(self) -> gateway.Endpoint | None:
        return gateway.BY_PATH.get(self.path)

    def digest(self) -> str:
        """What the endpoint's data is: its pages' bytes, whether it is complete, and the
        K/L/PD and year it was asked for (a page that changes, or a download completed later,
        is new data)."""
        parts = [self.api, self.path, self.complete, self.klpd, self.year]
        parts += [(f.name, readers.sha256(f) if f.is_file() else None) for f in self.files]
        return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


@dataclass
class Part:
    """Rows of one dataset read from a source, with their row numbers (or the number of the
    first row) and the flags reading them raised (a K/L/PD filled in). `ds` is None where the
    dataset is still to be told from the columns among those the source's name declares."""
    ds: Dataset | None
    frame: pd.DataFrame
    rows: np.ndarray | int
    file: str
    declared: list = field(default_factory=list)
    isb_name: str | None = None  # the ISB dataset a file's name gives (known or not)
    # the source's own records (its data date, "dibaca") where `frame` loads fewer of them
    read: pd.DataFrame | None = None
    note: str = ""
    flags: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FLAG_COLUMNS))


def manifest(folder: Path) -> dict:
    path = Path(folder) / gateway.MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise readers.RegisterFileError(f"{path}: manifest unduhan tidak terbaca "
                                        f"({exc.__class__.__name__}).") from None


def endpoints(folder: Path) -> list[Endpoint]:
    """The endpoints of a download folder: those its manifest lists (pages in request order),
    then endpoint folders on disk the manifest does not name."""
    folder = Path(folder)
    info = manifest(folder)
    api, klpd, year = info.get("api", "v1"), info.get("klpd"), info.get("year")
    out = []
    for entry in info.get("datasets", []):
        files = [folder / f["path"] for f in entry.get("files", [])]
        out.append(Endpoint(folder, api, entry["endpoint"], files, bool(entry.get("complete")), klpd, year))
    complete = {e.path: e.files for e in out if e.complete}
    for e in out:
        e.flat = complete.get(FLAT.get(e.path), []) if e.api == "v1" else []
    named_dirs = {e.dir.resolve() for e in out}
    for api_dir in sorted(p for p in folder.iterdir() if p.is_dir() and p.name in gateway.APIS):
        for d in sorted(p for p in api_dir.iterdir() if p.is_dir() and p.resolve() not in named_dirs):
            out.append(Endpoint(folder, api_dir.name, gateway.endpoint_path(d.name),
                                sorted(f for f in d.iterdir() if f.suffix == ".json"), False, klpd, year,
                                listed=False))
    return out


def _records(ep: Endpoint) -> tuple[list[dict], bool]:
    """The endpoint's records over its pages, and whether a page holds zero-width characters."""
    out, invisible = [], False
    for f in ep.files:
        if not f.is_file():
            raise readers.RegisterFileError(f"{ep.name}: halaman {f.name} tercantum di manifest tetapi "
                                            f"tidak ada di folder; jalankan kinerja unduh lagi.")
        raw = f.read_bytes()
        out += readers.records(raw, f"{ep.name} ({f.name})")
        invisible |= readers.has_invisible(raw)
    return out, invisible


def _key(record: dict) -> tuple:
    return tuple(str(record.get(k)) for k in _CONTRACT)


def _nested(records: list[dict]) -> list[tuple[Dataset, list[dict], list[int], str]]:
    """A v1 e-Kontrak record's contract row and the rows of its nested arrays, each with the
    contract's fields (the nested item's own fields win), and the parent record's number."""
    contracts, rows = [], {name: ([], []) for name in NESTED}
    for number, record in enumerate(records):
        parent = {k: v for k, v in record.items() if k not in NESTED}
        contracts.append(parent)
        for name in NESTED:
            items = record.get(name) or []
            if isinstance(items, str):  # an array sent as JSON text
                items = json.loads(items, parse_int=str, parse_float=str) if items.strip() else []
            for item in items:
                rows[name][0].append({**parent, **item})
                rows[name][1].append(number)
    out = [(KONTRAK, contracts, list(range(len(contracts))), "")]
    out += [(NESTED[name], found, found_at, f" ({name})") for name, (found, found_at) in rows.items()]
    return out


def _fill_klpd(ep: Endpoint, frame: pd.DataFrame, rows: np.ndarray, file: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows without kd_klpd belong to the K/L/PD the download asked for: filled, and flagged."""
    if not ep.klpd or frame.empty:
        return frame, pd.DataFrame(columns=FLAG_COLUMNS)
    code = frame["kd_klpd"] if "kd_klpd" in frame else pd.Series(None, index=frame.index, dtype=object)
    blank = code.isna() | (code.astype("string").str.strip() == "").fillna(False).astype(bool)
    if not blank.any():
        return frame, pd.DataFrame(columns=FLAG_COLUMNS)
    frame = frame.assign(kd_klpd=code.where(~blank, ep.klpd))
    flags = pd.DataFrame({"file": file, "row": rows[blank.to_numpy()], "column": "kd_klpd", "value": "",
                          "reason": f"{FILLED_KLPD} — kosong pada data; diisi {ep.klpd}, K/L/PD yang diminta"})
    return frame, flags


def parts(ep: Endpoint) -> list[Part]:
    """The endpoint's rows per dataset, its main dataset first. Raises readers.EmptyFile when no
    page holds a record."""
    records, invisible = _records(ep)
    if not records:
        raise readers.EmptyFile(f"{ep.name}: tidak ada rekaman.")
    nested = ep.known is not None and ep.known.nested and ep.api == "v1"
    pieces = _nested(records) if nested else [(None, records, list(range(len(records))), "")]
    out = []
    for ds, found, numbers, part in pieces:
        if not found:
            continue
        rows = np.asarray(numbers, dtype=np.int64) + 1  # record numbers from 1 across the pages
        frame = pd.DataFrame.from_records(found)
        frame, flags = _fill_klpd(ep, readers.strip_invisible(frame) if invisible else frame, rows, ep.name + part)
        out.append(Part(ds, frame, rows, ep.name + part, named(ep.known.isb_dataset or ""),
                        ep.known.isb_dataset, flags=flags))
    if nested and ep.flat:
        _drop_delivered(out[0], pieces[0][1], ep)
    return out


def _drop_delivered(contracts: Part, records: list[dict], ep: Endpoint) -> None:
    """The nested records' contracts that the download's flat contract endpoint delivered are
    not loaded again (its rows are the contracts, as in the ISB download)."""
    flat = Endpoint(ep.folder, ep.api, FLAT[ep.path], ep.flat, True, ep.klpd, ep.year)
    delivered = {_key(r) for r in _records(flat)[0]}
    keep = np.array([_key(r) not in delivered for r in records], dtype=bool)
    contracts.read = contracts.frame
    contracts.frame, contracts.rows = contracts.frame[keep], contracts.rows[keep]
    contracts.flags = contracts.flags[contracts.flags["row"].isin(contracts.rows)]
    if not keep.all():
        contracts.note = f"{int((~keep).sum())} kontrak sudah dimuat dari {flat.name}"
