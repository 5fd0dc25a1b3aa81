"""Test data in the shapes of LKPP's data services, built from the real ISB samples
(../shared/data/lkpp-isb-samples): one consistent world of ISB datasets, rendered three ways —
an ISB download folder (`<n>_<id>_<dataset>.json`), a Legacy ISB API download and an API v1
download (pages in envelopes, e-Kontrak documents nested in their contract record) — in the
folder layout of kinerja.inputs.gateway. The same rows in all three, so that a test can check
that they give the same KPIs; the v1 rendering carries the quirks the gateway is known for
(inaproc-api.md): null K/L/PD fields on non-tender-selesai, an 18-digit NIP as a JSON number,
an unknown new field, `data: null` for an empty endpoint, and the SPMK date form
`May 7, 2021 12:00:00 AM`.

Consistency: the samples are 25 rows per dataset, so an e-Kontrak document (SPMK, BAST) may
lack its contract row; the world gives every such package a contract row made from the
document's own contract fields, as a real download has. The tender BAST sample holds bidder
rows under a wrong name, so the world's tender BAST dataset is empty (as in the real download).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from pathlib import Path

from kinerja.inputs import gateway

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "data" / "lkpp-isb-samples"
KLPD, YEAR = "D107", 2025

# The contract fields an e-Kontrak document repeats (what a synthesised contract row takes).
CONTRACT_FIELDS = ("tahun_anggaran", "kd_klpd", "nama_klpd", "jenis_klpd", "kd_satker", "kd_satker_str",
                   "nama_satker", "kd_lpse", "kd_tender", "kd_nontender", "nama_paket", "mtd_pengadaan",
                   "no_sppbj", "no_kontrak", "tgl_kontrak", "nilai_kontrak", "nip_ppk", "nama_ppk",
                   "jabatan_ppk", "nama_penyedia", "npwp_penyedia", "status_kontrak", "apakah_addendum",
                   "versi_addendum")
# The document fields of the nested arrays of a v1 e-Kontrak record (the rest is the contract's).
BAST_FIELDS = ("no_bast", "tgl_bast", "no_bap", "tgl_bap", "besar_pembayaran", "progres_pekerjaan",
               "cara_pembayaran_kontrak", "apakah_addendum", "versi_addendum", "status_kontrak")
SPMK_FIELDS = ("no_spmk_spp", "tgl_spmk_spp", "tgl_mulai_pekerjaan", "tgl_selesai_pekerjaan",
               "waktu_penyelesaian", "kota_spmk_spp", "alamat_pengiriman", "apakah_addendum",
               "versi_addendum")
KIND = {"tender": "kd_tender", "non-tender": "kd_nontender"}
DOCS = {"tender": "SPSE-TenderEkontrak", "non-tender": "SPSE-NonTenderEkontrak"}


def sample(name: str) -> list[dict]:
    """The rows of one sample dataset ([] when the samples have no such file)."""
    found = sorted(SAMPLES.glob(f"*_{name}.json"))
    return json.loads(found[0].read_text(encoding="utf-8")) if found else []


def world() -> dict[str, list[dict]]:
    """ISB dataset name -> rows: every sample dataset the workbook reads, made consistent."""
    names = {e.isb_dataset for e in gateway.ENDPOINTS if e.isb_dataset}
    out = {name: copy.deepcopy(sample(name)) for name in sorted(names)}
    out["SPSE-TenderEkontrak-4BAPBAST"] = []
    for kind, key in KIND.items():
        contracts = out[f"{DOCS[kind]}-2Kontrak"]
        have = {(r[key], r["no_kontrak"]) for r in contracts}
        for doc in ("3SPMKSPP", "4BAPBAST"):
            for row in out[f"{DOCS[kind]}-{doc}"]:
                if (row[key], row["no_kontrak"]) not in have:
                    contracts.append({f: row.get(f) for f in CONTRACT_FIELDS if f in row})
                    have.add((row[key], row["no_kontrak"]))
    return out


def rating(index: int) -> list[dict]:
    """A SIKaP rating as the v1 e-Kontrak record nests it: three contracts in four are rated."""
    if index % 4 == 3:
        return []
    aspects = ("Kualitas dan Kuantitas Pekerjaan", "Biaya", "Waktu", "Layanan")
    return [{"indikator_penilaian": a, "nilai_indikator": 1 + (index + n) % 3} for n, a in enumerate(aspects)]


def _us_date(text):
    """'Nov 10, 2025, 12:00:00AM' (ISB) -> 'Nov 10, 2025 12:00:00 AM' (the v1 history's form)."""
    if not text:
        return text
    for form in ("%b %d, %Y, %I:%M:%S%p", "%b %d, %Y %I:%M:%S %p"):
        try:
            return dt.datetime.strptime(text, form).strftime("%b %-d, %Y %I:%M:%S %p")
        except ValueError:
            continue
    return text


def nested_contracts(rows: dict[str, list[dict]], kind: str) -> list[dict]:
    """v1 `tender/tender-ekontrak` (kind 'tender') or `tender/non-tender-ekontrak` records: each
    contract row with its BAP/BAST and SPMK/SPP rows nested (always arrays) and its rating."""
    key = KIND[kind]
    docs = {doc: rows[f"{DOCS[kind]}-{doc}"] for doc in ("3SPMKSPP", "4BAPBAST")}
    out = []
    for index, contract in enumerate(rows[f"{DOCS[kind]}-2Kontrak"]):
        mine = lambda doc: [r for r in docs[doc] if (r[key], r["no_kontrak"]) == (contract[key], contract["no_kontrak"])]
        record = copy.deepcopy(contract)
        record["bapbast_history_json"] = [{f: r.get(f) for f in BAST_FIELDS} for r in mine("4BAPBAST")]
        record["spmkspp_history_json"] = [
            {**{f: r.get(f) for f in SPMK_FIELDS}, "tgl_selesai_pekerjaan": _us_date(r.get("tgl_selesai_pekerjaan")),
             "tgl_mulai_pekerjaan": _us_date(r.get("tgl_mulai_pekerjaan"))} for r in mine("3SPMKSPP")]
        record["penilaian_kinerja_penyedia"] = rating(index)
        out.append(record)
    return out


def v1_records(rows: dict[str, list[dict]], endpoint: gateway.Endpoint) -> list[dict]:
    """The records an API v1 endpoint serves for the world, with the gateway's quirks."""
    if endpoint.nested:
        records = nested_contracts(rows, "tender" if endpoint.path == "tender/tender-ekontrak" else "non-tender")
    else:
        records = copy.deepcopy(rows.get(endpoint.isb_dataset, []))
    for n, r in enumerate(records):
        if endpoint.path == "tender/non-tender-selesai":
            r.update(kd_klpd=None, jenis_klpd=None, nama_klpd=None)
        if n % 5 == 0 and isinstance(r.get("nip_ppk"), str) and r["nip_ppk"].isdigit():
            r["nip_ppk"] = int(r["nip_ppk"])  # an 18-digit NIP as a JSON number
        if n == 0:
            r["kolom_baru_2026"] = "nilai baru"  # a field the gateway added without notice
    return records


def legacy_records(rows: dict[str, list[dict]], endpoint: gateway.Endpoint) -> list[dict]:
    """The array a Legacy ISB API endpoint serves: the ISB dataset's rows as they are."""
    return copy.deepcopy(rows.get(endpoint.isb_dataset, []))


def pages(records: list[dict], size: int) -> list[dict]:
    """The v1 envelopes of an endpoint's records, `size` a page; an endpoint without records
    gives one page with `data: null`."""
    if not records:
        return [{"success": True, "data": None, "meta": {"limit": size, "has_more": False, "cursor": ""}}]
    chunks = [records[i:i + size] for i in range(0, len(records), size)]
    return [{"success": True, "data": chunk,
             "meta": {"limit": size, "has_more": n < len(chunks) - 1,
                      "cursor": f"c{n + 1}" if n < len(chunks) - 1 else ""}}
            for n, chunk in enumerate(chunks)]


def _dump(path: Path, payload) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    path.write_bytes(data)
    return {"sha256": hashlib.sha256(data).hexdigest()}


def write_isb(folder: Path, rows: dict[str, list[dict]]) -> Path:
    """An ISB download folder: one `<n>_<id>_<dataset>.json` per dataset (empty ones as [])."""
    for n, (name, records) in enumerate(sorted(rows.items()), start=1):
        _dump(Path(folder) / f"{n}_{1000 + n}_{name}.json", records)
    return Path(folder)


def write_download(folder: Path, rows: dict[str, list[dict]], api: str, page_size: int = 10,
                   klpd: str = KLPD, year: int = YEAR) -> Path:
    """A complete gateway download folder of `api` (v1 or legacy) with its manifest, as
    `kinerja unduh` leaves it."""
    folder = Path(folder)
    now = dt.datetime(2026, 12, 6, 9, 0, 0).isoformat()
    datasets = []
    for endpoint in gateway.endpoints(api):
        files = []
        if api == "v1":
            envelopes = pages(v1_records(rows, endpoint), page_size)
            cursor = None
            for number, envelope in enumerate(envelopes, start=1):
                path = gateway.page_file(folder, endpoint.path, number)
                files.append({"path": str(path.relative_to(folder)), **_dump(path, envelope),
                              "rows": len(envelope["data"] or []), "http_status": 200, "fetched_at": now,
                              "params": {"kode_klpd": klpd, "tahun": year, "limit": page_size, "cursor": cursor},
                              "next_cursor": envelope["meta"]["cursor"] or None})
                cursor = envelope["meta"]["cursor"] or None
        else:
            path = gateway.legacy_file(folder, endpoint.path)
            records = legacy_records(rows, endpoint)
            files.append({"path": str(path.relative_to(folder)), **_dump(path, records), "rows": len(records),
                          "http_status": 200, "fetched_at": now,
                          "params": {"kode_klpd": klpd, "tahun": year}, "next_cursor": None})
        datasets.append({"endpoint": endpoint.path, "isb_dataset": endpoint.isb_dataset, "complete": True,
                         "rows": sum(f["rows"] for f in files), "pages": len(files), "data_date": None,
                         "files": files})
    manifest = {"format": 1, "klpd": klpd, "year": year, "api": api, "base_url": gateway.BASE_URL,
                "started": now, "finished": now, "datasets": datasets}
    (folder / gateway.MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    return folder
