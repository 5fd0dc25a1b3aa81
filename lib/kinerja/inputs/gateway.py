"""LKPP's INAPROC API Gateway (data.inaproc.id): the endpoints the workbook reads, the ISB dataset
each one replaces, and the layout of a download folder — the contract between `kinerja unduh`,
which writes the folder, and `kinerja register`, which reads it (../shared/spec/inaproc-api.md).

A download folder of one K/L/PD-year (default `data/unduhan/<KODE>-<TAHUN>/`):

    manifest-unduhan.json                          what was fetched (MANIFEST below)
    v1/<endpoint>/halaman-00001.json ...           API v1: every page as received (envelope)
    legacy/<endpoint>/data.json                    Legacy ISB API: the year's array as received

`<endpoint>` is the path after `/api/v1/` or `/api/legacy/` with '/' written as '__'
(`tender__pengumuman`). Pages are numbered from 1 in request order; a page is written whole
(to a temporary name, then renamed), so a folder never holds half a page.

The manifest (JSON, English keys; no token anywhere):
    {"format": 1, "klpd": "D107", "year": 2025, "api": "v1", "base_url": "https://…/api",
     "started": ISO time, "finished": ISO time or null,
     "datasets": [{"endpoint": "tender/pengumuman", "isb_dataset": "SPSE-TenderPengumuman",
                   "complete": true, "rows": 1234, "pages": 2, "data_date": "2025-10-03" or null,
                   "files": [{"path": "v1/tender__pengumuman/halaman-00001.json",
                              "sha256": "…", "rows": 1000, "http_status": 200,
                              "fetched_at": ISO time, "params": {"kode_klpd": "D107",
                              "tahun": 2025, "limit": 1000, "cursor": null},
                              "next_cursor": "…" or null}]}]}
A dataset whose `complete` is false was cut off: the register refuses it (naming it) until a
later `kinerja unduh` completes it. Rows whose `kd_klpd` is null belong to the manifest's `klpd`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

BASE_URL = "https://data.inaproc.id/api"
APIS = ("v1", "legacy")
MANIFEST = "manifest-unduhan.json"
LEGACY_FILE = "data.json"
PAGE_LIMIT = 1000  # v1 `limit` (1–1000; the gateway's default is 1)


@dataclass(frozen=True)
class Endpoint:
    path: str                 # after /api/v1/ or /api/legacy/
    isb_dataset: str | None   # the ISB dataset it replaces (None: v1 only, see nested)
    apis: tuple[str, ...] = APIS
    # v1 e-Kontrak record with nested arrays: bapbast_history_json (BAP/BAST rows),
    # spmkspp_history_json (SPMK/SPP rows), penilaian_kinerja_penyedia (the PPK's SIKaP rating)
    nested: bool = False


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("rup/paket-penyedia-terumumkan", "RUP-PaketPenyedia-Terumumkan"),
    Endpoint("rup/paket-swakelola-terumumkan", "RUP-PaketSwakelola-Terumumkan"),
    Endpoint("rup/master-satker", "RUP-MasterSatker"),
    Endpoint("tender/pengumuman", "SPSE-TenderPengumuman"),
    Endpoint("tender/tender-selesai", "SPSE-TenderSelesai"),
    Endpoint("tender/tender-selesai-nilai", "SPSE-TenderSelesaiNilai"),
    Endpoint("tender/peserta-tender", "SPSE-PesertaTender"),
    Endpoint("tender/jadwal-tahapan-tender", "SPSE-JadwalTahapanTender"),
    Endpoint("tender/jadwal-tahapan-non-tender", "SPSE-JadwalTahapanNonTender"),
    Endpoint("tender/non-tender-pengumuman", "SPSE-NonTenderPengumuman"),
    Endpoint("tender/non-tender-selesai", "SPSE-NonTenderSelesai"),
    Endpoint("tender/tender-ekontrak-kontrak", "SPSE-TenderEkontrak-2Kontrak"),
    Endpoint("tender/non-tender-ekontrak-kontrak", "SPSE-NonTenderEkontrak-2Kontrak"),
    # e-Kontrak documents: separate datasets in the legacy API, nested in v1's contract record
    Endpoint("tender/tender-ekontrak-sppbj", "SPSE-TenderEkontrak-1SPPBJ", ("legacy",)),
    Endpoint("tender/tender-ekontrak-spmkspp", "SPSE-TenderEkontrak-3SPMKSPP", ("legacy",)),
    Endpoint("tender/tender-ekontrak-bapbast", "SPSE-TenderEkontrak-4BAPBAST", ("legacy",)),
    Endpoint("tender/non-tender-ekontrak-sppbj", "SPSE-NonTenderEkontrak-1SPPBJ", ("legacy",)),
    Endpoint("tender/non-tender-ekontrak-spmkspp", "SPSE-NonTenderEkontrak-3SPMKSPP", ("legacy",)),
    Endpoint("tender/non-tender-ekontrak-bapbast", "SPSE-NonTenderEkontrak-4BAPBAST", ("legacy",)),
    Endpoint("tender/tender-ekontrak", None, ("v1",), nested=True),
    Endpoint("tender/non-tender-ekontrak", None, ("v1",), nested=True),
    Endpoint("tender/pencatatan-non-tender", "SPSE-PencatatanNonTender"),
    Endpoint("tender/pencatatan-non-tender-realisasi", "SPSE-PencatatanNonTenderRealisasi"),
    Endpoint("tender/pencatatan-swakelola", "SPSE-PencatatanSwakelola"),
    Endpoint("tender/pencatatan-swakelola-realisasi", "SPSE-PencatatanSwakelolaRealisasi"),
)
BY_PATH = {e.path: e for e in ENDPOINTS}


def endpoints(api: str) -> list[Endpoint]:
    """The endpoints a download through `api` (v1 or legacy) fetches, in a fixed order."""
    return [e for e in ENDPOINTS if api in e.apis]


def folder_name(path: str) -> str:
    """'tender/pengumuman' -> 'tender__pengumuman' (one folder per endpoint)."""
    return path.strip("/").replace("/", "__")


def endpoint_path(name: str) -> str:
    """'tender__pengumuman' -> 'tender/pengumuman'."""
    return name.replace("__", "/")


def endpoint_dir(folder: Path, api: str, path: str) -> Path:
    return Path(folder) / api / folder_name(path)


def page_file(folder: Path, path: str, number: int) -> Path:
    """The file of v1 page `number` (from 1) of an endpoint."""
    return endpoint_dir(folder, "v1", path) / f"halaman-{number:05d}.json"


def legacy_file(folder: Path, path: str) -> Path:
    return endpoint_dir(folder, "legacy", path) / LEGACY_FILE


def default_folder(root: Path, klpd: str, year: int) -> Path:
    """data/unduhan/<KODE>-<TAHUN>/ under the project root."""
    return Path(root) / "data" / "unduhan" / f"{klpd.strip().upper()}-{year}"


def is_download(folder: Path) -> bool:
    """Whether a folder is a gateway download (it holds the manifest)."""
    return (Path(folder) / MANIFEST).is_file()
