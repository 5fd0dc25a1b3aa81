"""One row per procurement package, joined from the register datasets in the store.

Per dataset and key, each field takes its latest non-blank value (the file loaded later wins,
field by field), so a finished-tender export fills in award dates without erasing the
announcement's fields. Packages are joined on their codes (kd_tender, kd_nontender, kd_rup);
satker codes are compared in normalised form (leading zeros removed).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.core import frames
from kinerja.core.config import FRASA_PEMBATALAN, METODE_DALAM_LINGKUP
from kinerja.inputs import data_dates, processes, store
from kinerja.inputs.schemas import BY_KIND, KODE_METODE_RUP, MONEY, STATUS_TENDER

JENIS = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")


def _value(ds, name: str, alias: str = "t") -> str:
    """A stored column as the view reads it: rupiah (DECIMAL in the store) as DOUBLE."""
    money = name in ds.names and ds.column(name).type == MONEY
    return f'CAST({alias}."{name}" AS DOUBLE)' if money else f'{alias}."{name}"'


# A row's place in the load: its file's load number, then its row in the file (rows < 2^40).
_ORDER = "t._seq * 1099511627776 + t._row"


def latest(kind: str) -> str:
    """One row per key of a dataset: each field's latest non-blank value (a later file, then a
    later row). A key loaded once (nearly every key) is its row as it is; only keys loaded several
    times are aggregated. Rows without their first key field belong to no package: left out."""
    ds = BY_KIND[kind]
    table = store.table_name(ds)
    cols = [c for c in ds.names if c not in ds.key]
    if "kd_satker" in ds.names:
        cols.append("satker_key")
    keys = ", ".join(f"t.{k}" for k in ds.key)
    on = " AND ".join(f"t.{k} IS NOT DISTINCT FROM d.{k}" for k in ds.key)
    fields = ", ".join(f'{_value(ds, c)} AS "{c}"' for c in cols)
    latest = ", ".join(f'arg_max({_value(ds, c)}, {_ORDER}) FILTER (WHERE t."{c}" IS NOT NULL) AS "{c}"'
                       for c in cols)
    owned = f"t.{ds.key[0]} IS NOT NULL"
    again = f"SELECT {', '.join(ds.key)} FROM {table} t WHERE {owned} GROUP BY ALL HAVING count(*) > 1"
    return (f"SELECT {keys}, {fields} FROM {table} t ANTI JOIN ({again}) d ON {on} WHERE {owned} UNION ALL "
            f"SELECT {keys}, {latest} FROM {table} t SEMI JOIN ({again}) d ON {on} WHERE {owned} GROUP BY ALL")


def _last(kind: str, cols: str, order: str, where: str = "TRUE") -> str:
    """One row per kd_paket of a several-rows-per-package e-Kontrak dataset: the first by
    `order` (`*`: every column, rupiah as DOUBLE)."""
    ds = BY_KIND[kind]
    if cols == "*":
        money = [f'{_value(ds, c.name, "s")} AS {c.name}' for c in ds.columns if c.type == MONEY]
        cols = f"* REPLACE ({', '.join(money)})"
    return (f"SELECT {cols} FROM (SELECT *, row_number() OVER (PARTITION BY kd_paket ORDER BY "
            f"{order}, _seq DESC, _row DESC) AS _n FROM {store.table_name(ds)} WHERE {where}) s WHERE _n = 1")


# The values the package view takes from datasets with several rows per package (documented
# in the plan's and the report's method appendix, see indicators.SOURCES):
# - contract (e-Kontrak Kontrak): the row of the last addendum (highest versi_addendum);
# - work order (SPMK/SPP): the completion date of the last addendum's order;
# - handover (BAP/BAST): the last BAST date of the package (payment terms give several rows);
# - bidders (PesertaTender): rows with an offer (nilai_penawaran > 0) are bidders, all rows
#   are registrants.
# SPSE's JadwalTahapanTender is not read: its stages are rewritten whenever the schedule changes,
# so it is no plan to measure an award against (the plan is the RUP's).
# Datasets read by several parts of the view are NOT MATERIALIZED: each part then reads only the
# columns it uses, where a materialised CTE would hold every column of every row in memory.
_SQL = """
WITH rup AS NOT MATERIALIZED ({rup}), swa AS ({rup_swakelola}), tender AS ({tender}),
hasil AS ({tender_hasil}), nt AS NOT MATERIALIZED ({nontender}),
pct AS NOT MATERIALIZED ({pencatatan}),
kontrak AS ({kontrak}), spmk AS ({spmk}),
-- a package whose contract the PPK rated in SIKaP (any rating row; methods.sikap judges them)
rated AS (SELECT DISTINCT kd_paket FROM reg_penilaian WHERE kd_paket IS NOT NULL),
bast AS (SELECT kd_paket, max(tgl_bast) AS tgl_serah_terima, count(*) AS jumlah_bast
         FROM reg_bast GROUP BY kd_paket),
-- a placeholder row without a provider is no registrant (a tender with only such a row had 0)
peserta AS (SELECT kd_tender, count(*) FILTER (WHERE kd_penyedia IS NOT NULL) AS jumlah_pendaftar,
                   count(*) FILTER (WHERE nilai_penawaran > 0 AND kd_penyedia IS NOT NULL) AS jumlah_peserta
            FROM ({peserta}) GROUP BY kd_tender),
tp AS (
  SELECT coalesce(t.kd_tender, h.kd_tender) AS kd_paket, coalesce(t.kd_tender, h.kd_tender) AS kd_tender,
    NULL::VARCHAR AS kd_nontender, coalesce(t.kd_pkt_dce, h.kd_pkt_dce) AS kd_pkt_dce,
    coalesce(t.kd_rup, h.kd_rup) AS kd_rup,
    coalesce(t.tahun_anggaran, h.tahun_anggaran) AS tahun_anggaran,
    coalesce(t.kd_klpd, h.kd_klpd) AS kd_klpd, coalesce(t.nama_klpd, h.nama_klpd) AS nama_klpd,
    coalesce(t.satker_key, h.satker_key) AS satker_key, coalesce(t.kd_satker, h.kd_satker) AS kd_satker,
    coalesce(t.nama_satker, h.nama_satker) AS nama_satker, t.nama_paket,
    coalesce(t.pagu, h.pagu) AS pagu, coalesce(t.hps, h.hps) AS hps, t.jenis_pengadaan,
    coalesce(t.mtd_pemilihan, 'Tender') AS metode_asli,
    -- a result row with a contract value means the tender finished even if the announcement
    -- export is older
    CASE WHEN t.status_tender IS NULL AND h.nilai_kontrak IS NOT NULL THEN 'Selesai'
         ELSE t.status_tender END AS status_asli,
    t.versi_tender, t.versi_tender AS versi,
    coalesce(t.tgl_pengumuman_tender, h.tgl_pengumuman_tender) AS tgl_pengumuman,
    coalesce(h.tgl_penetapan_pemenang, t.tgl_penetapan_pemenang) AS tgl_penetapan_pemenang,
    h.nilai_kontrak, h.nilai_pdn_kontrak, h.nilai_umk_kontrak, h.nilai_penawaran,
    t.ket_ditutup, t.ket_diulang,
    CASE WHEN h.nilai_pdn_kontrak IS NOT NULL THEN 'SPSE-TenderSelesaiNilai' END AS sumber_pdn,
    CASE WHEN h.nilai_umk_kontrak IS NOT NULL THEN 'SPSE-TenderSelesaiNilai' END AS sumber_umk,
    h.kd_penyedia, h.nama_penyedia, h.npwp_penyedia, t.nip_ppk, t.nama_ppk, t.nama_pokja, t.nip_pokja
  FROM tender t FULL OUTER JOIN hasil h ON t.kd_tender = h.kd_tender),
ntp AS NOT MATERIALIZED (
  SELECT kd_nontender AS kd_paket, NULL::VARCHAR AS kd_tender, kd_nontender, kd_pkt_dce, kd_rup,
    tahun_anggaran, kd_klpd, nama_klpd, satker_key, kd_satker, nama_satker, nama_paket, pagu, hps,
    jenis_pengadaan, mtd_pemilihan AS metode_asli, status_nontender AS status_asli,
    NULL::BIGINT AS versi_tender, versi_nontender AS versi,
    tgl_pengumuman_nontender AS tgl_pengumuman, tgl_penetapan_pemenang, nilai_kontrak,
    nilai_pdn_kontrak, nilai_umk_kontrak, nilai_penawaran, ket_ditutup, ket_diulang,
    CASE WHEN nilai_pdn_kontrak IS NOT NULL THEN 'SPSE-NonTenderSelesai' END AS sumber_pdn,
    CASE WHEN nilai_umk_kontrak IS NOT NULL THEN 'SPSE-NonTenderSelesai' END AS sumber_umk,
    kd_penyedia, nama_penyedia, npwp_penyedia,
    nip_ppk, nama_ppk, coalesce(nama_pokja, nama_pp) AS nama_pokja, coalesce(nip_pokja, nip_pp) AS nip_pokja
  FROM nt),
pctp AS NOT MATERIALIZED (
  SELECT 'PCT-' || kd_nontender_pct AS kd_paket, NULL::VARCHAR AS kd_tender, NULL::VARCHAR AS kd_nontender,
    kd_pkt_dce, trim(split_part(kd_rup, ';', 1)) AS kd_rup, tahun_anggaran, kd_klpd, nama_klpd,
    satker_key, kd_satker, nama_satker, nama_paket, pagu, NULL::DOUBLE AS hps,
    kategori_pengadaan AS jenis_pengadaan, mtd_pemilihan AS metode_asli,
    -- SPSE closes a cancelled record: status 'Ditutup', keterangan 'Paket Dibatalkan'
    CASE WHEN lower(status_nontender_pct) LIKE '%batal%' OR lower(trim(status_nontender_pct)) = 'ditutup'
              OR lower(status_nontender_pct_ket) LIKE '%batal%' THEN 'Gagal/Batal'
         WHEN lower(status_nontender_pct_ket) LIKE '%selesai%' THEN 'Selesai'
         ELSE 'Berlangsung' END AS status_asli,
    nullif(trim(alasan_pembatalan), '-') AS ket_ditutup,
    NULL::BIGINT AS versi_tender, NULL::BIGINT AS versi, tgl_mulai_paket AS tgl_pengumuman,
    NULL::TIMESTAMP AS tgl_penetapan_pemenang, total_realisasi AS nilai_kontrak,
    nilai_pdn_pct AS nilai_pdn_kontrak, nilai_umk_pct AS nilai_umk_kontrak,
    CASE WHEN nilai_pdn_pct IS NOT NULL THEN 'SPSE-PencatatanNonTender' END AS sumber_pdn,
    CASE WHEN nilai_umk_pct IS NOT NULL THEN 'SPSE-PencatatanNonTender' END AS sumber_umk,
    NULL::VARCHAR AS kd_penyedia, NULL::VARCHAR AS nama_penyedia, NULL::VARCHAR AS npwp_penyedia,
    nip_ppk, nama_ppk, NULL::VARCHAR AS nama_pokja, NULL::VARCHAR AS nip_pokja
  FROM pct),
-- kd_rup may list several codes (a consolidated package, joined by ';'): every one is used
used_rup AS (SELECT unnest(string_split(kd_rup, ';')) AS kd_rup FROM tp WHERE kd_rup IS NOT NULL
             UNION SELECT unnest(string_split(kd_rup, ';')) FROM nt WHERE kd_rup IS NOT NULL
             UNION SELECT trim(unnest(string_split(kd_rup, ';'))) FROM pct WHERE kd_rup IS NOT NULL),
rp AS (
  SELECT 'RUP-' || r.kd_rup AS kd_paket, NULL::VARCHAR AS kd_tender, NULL::VARCHAR AS kd_nontender,
    NULL::VARCHAR AS kd_pkt_dce, r.kd_rup, r.tahun_anggaran, r.kd_klpd, r.nama_klpd,
    r.satker_key, r.kd_satker, r.nama_satker, r.nama_paket, r.pagu, NULL::DOUBLE AS hps,
    r.jenis_pengadaan, r.metode_pengadaan AS metode_asli, NULL::VARCHAR AS status_asli,
    NULL::BIGINT AS versi_tender, NULL::BIGINT AS versi, r.tgl_awal_pemilihan AS tgl_pengumuman,
    NULL::TIMESTAMP AS tgl_penetapan_pemenang, NULL::DOUBLE AS nilai_kontrak,
    NULL::DOUBLE AS nilai_pdn_kontrak, NULL::DOUBLE AS nilai_umk_kontrak,
    NULL::VARCHAR AS sumber_pdn, NULL::VARCHAR AS sumber_umk, NULL::VARCHAR AS kd_penyedia,
    NULL::VARCHAR AS nama_penyedia, NULL::VARCHAR AS npwp_penyedia, r.nip_ppk, r.nama_ppk,
    NULL::VARCHAR AS nama_pokja, NULL::VARCHAR AS nip_pokja
  FROM rup r WHERE r.kd_rup NOT IN (SELECT kd_rup FROM used_rup WHERE kd_rup IS NOT NULL)),
-- self-managed (swakelola) RUP packages: context only, outside the five methods
swp AS (
  SELECT 'SWA-' || kd_rup AS kd_paket, kd_rup, tahun_anggaran, kd_klpd, nama_klpd,
    satker_key, kd_satker, nama_satker, nama_paket, pagu, 'Swakelola' AS metode_asli,
    tgl_awal_pelaksanaan_kontrak AS tgl_pengumuman, nip_ppk, nama_ppk
  FROM swa WHERE kd_rup NOT IN (SELECT kd_rup FROM rup)),  -- so the RUP join below finds none
p AS (SELECT * FROM tp UNION ALL BY NAME SELECT * FROM ntp UNION ALL BY NAME SELECT * FROM pctp
      UNION ALL BY NAME SELECT * FROM rp UNION ALL BY NAME SELECT * FROM swp),
-- The RUP row of a process gives its plan fields (rn) and fills the fields the process lacks
-- (r): only the RUP rows of processes with such a gap are joined whole (a RUP package's own
-- row has nothing to fill, a swakelola package no RUP row).
gap AS (SELECT split_part(kd_rup, ';', 1) AS kd_rup FROM tp WHERE {gap}
        UNION SELECT split_part(kd_rup, ';', 1) FROM ntp WHERE {gap} UNION SELECT kd_rup FROM pctp WHERE {gap}),
rf AS (SELECT * FROM rup SEMI JOIN gap USING (kd_rup)),
rn AS (SELECT kd_rup, metode_pengadaan, status_dikecualikan, tgl_akhir_pemilihan FROM rup),
-- satker names from RUP-MasterSatker, for a process (or RUP row) that gives none
ms AS (SELECT satker_key, arg_max(nama_satker, _seq * 1099511627776 + _row) AS nama_satker FROM reg_satker t
       WHERE satker_key IS NOT NULL AND nama_satker IS NOT NULL GROUP BY satker_key)
SELECT p.* EXCLUDE (tahun_anggaran, kd_klpd, nama_klpd, satker_key, kd_satker, nama_satker, nama_paket,
                    pagu, jenis_pengadaan, nip_ppk, nama_ppk, nilai_kontrak, nilai_pdn_kontrak,
                    nilai_umk_kontrak, sumber_pdn, sumber_umk),
  coalesce(p.tahun_anggaran, r.tahun_anggaran) AS tahun_anggaran,
  coalesce(p.kd_klpd, r.kd_klpd) AS kd_klpd, coalesce(p.nama_klpd, r.nama_klpd) AS nama_klpd,
  coalesce(p.satker_key, r.satker_key) AS satker_key,
  coalesce(p.kd_satker, r.kd_satker) AS kd_satker,
  coalesce(p.nama_satker, r.nama_satker, ms.nama_satker) AS nama_satker,
  coalesce(p.nama_paket, r.nama_paket) AS nama_paket,
  coalesce(p.pagu, r.pagu) AS pagu,
  coalesce(p.jenis_pengadaan, r.jenis_pengadaan) AS jenis_pengadaan_asli,
  coalesce(p.nip_ppk, r.nip_ppk, k.nip_ppk) AS nip_ppk, coalesce(p.nama_ppk, r.nama_ppk, k.nama_ppk) AS nama_ppk,
  coalesce(p.nilai_kontrak, k.nilai_kontrak) AS nilai_kontrak,
  -- PDN/UMK: the selection result's value, else the e-Kontrak contract's (source kept)
  coalesce(p.nilai_pdn_kontrak, k.nilai_pdn_kontrak) AS nilai_pdn_kontrak,
  coalesce(p.nilai_umk_kontrak, k.nilai_umk_kontrak) AS nilai_umk_kontrak,
  coalesce(p.sumber_pdn, CASE WHEN k.nilai_pdn_kontrak IS NOT NULL THEN 'e-Kontrak (kontrak)' END) AS sumber_pdn,
  coalesce(p.sumber_umk, CASE WHEN k.nilai_umk_kontrak IS NOT NULL THEN 'e-Kontrak (kontrak)' END) AS sumber_umk,
  rn.metode_pengadaan AS metode_rup, rn.status_dikecualikan,
  -- planned end of selection: the RUP's only (SiRUP plans by month and writes its first day:
  -- the plan then ends on the month's last day)
  CASE WHEN day(rn.tgl_akhir_pemilihan) = 1 THEN CAST(last_day(rn.tgl_akhir_pemilihan) AS TIMESTAMP)
       ELSE rn.tgl_akhir_pemilihan END AS tgl_akhir_pemilihan_rencana,
  -- contract end: tenders the contract's end after the last addendum (a contract whose end is
  -- not after its start carries no real end date: then the work order's completion date);
  -- non-tenders the work order's completion date, else the contract's end
  CASE WHEN p.kd_tender IS NOT NULL THEN coalesce(
         CASE WHEN k.tgl_kontrak_akhir > coalesce(k.tgl_kontrak_awal, k.tgl_kontrak, k.tgl_kontrak_akhir - INTERVAL 1 DAY)
              THEN k.tgl_kontrak_akhir END, s.tgl_selesai_pekerjaan)
       ELSE coalesce(s.tgl_selesai_pekerjaan, k.tgl_kontrak_akhir) END AS tgl_akhir_kontrak,
  CASE WHEN p.kd_tender IS NOT NULL AND k.tgl_kontrak_akhir > coalesce(k.tgl_kontrak_awal, k.tgl_kontrak, k.tgl_kontrak_akhir - INTERVAL 1 DAY)
         THEN 'e-Kontrak (kontrak, addendum terakhir)'
       WHEN s.tgl_selesai_pekerjaan IS NOT NULL THEN 'e-Kontrak (SPMK/SPP)'
       WHEN p.kd_tender IS NULL AND k.tgl_kontrak_akhir IS NOT NULL THEN 'e-Kontrak (kontrak, addendum terakhir)'
  END AS sumber_akhir_kontrak,
  k.no_kontrak, k.tgl_kontrak, k.status_kontrak, k.versi_addendum, b.tgl_serah_terima, b.jumlah_bast,
  k.nip_ppk AS nip_ppk_kontrak, k.nama_ppk AS nama_ppk_kontrak,  -- who signed the contract rates it
  -- unknown (not "no") for every package while the register holds no rating at all
  CASE WHEN EXISTS (SELECT 1 FROM reg_penilaian) THEN d.kd_paket IS NOT NULL END AS dinilai,
  ps.jumlah_peserta, ps.jumlah_pendaftar,
  coalesce(p.kd_pkt_dce, p.kd_paket) AS id_paket
FROM p
LEFT JOIN rn ON split_part(p.kd_rup, ';', 1) = rn.kd_rup
LEFT JOIN rf r ON split_part(p.kd_rup, ';', 1) = r.kd_rup
LEFT JOIN ms ON coalesce(p.satker_key, r.satker_key) = ms.satker_key
LEFT JOIN kontrak k ON p.kd_paket = k.kd_paket
LEFT JOIN spmk s ON p.kd_paket = s.kd_paket
LEFT JOIN bast b ON p.kd_paket = b.kd_paket
LEFT JOIN rated d ON p.kd_paket = d.kd_paket
LEFT JOIN peserta ps ON p.kd_tender = ps.kd_tender
"""

# The process fields a RUP row fills where the process lacks them.
_FROM_RUP = ("tahun_anggaran", "kd_klpd", "nama_klpd", "satker_key", "kd_satker", "nama_satker",
             "nama_paket", "pagu", "jenis_pengadaan", "nip_ppk", "nama_ppk")


def _sql_parts() -> dict:
    parts = {k: latest(k) for k in BY_KIND if not BY_KIND[k].multi}
    parts["gap"] = "kd_rup IS NOT NULL AND (" + " OR ".join(f"{c} IS NULL" for c in _FROM_RUP) + ")"
    parts["kontrak"] = _last("kontrak", "*", "coalesce(versi_addendum, 0) DESC")
    parts["spmk"] = _last("spmk", "kd_paket, tgl_selesai_pekerjaan",
                          "coalesce(versi_addendum, 0) DESC, tgl_spmk_spp DESC NULLS LAST",
                          "tgl_selesai_pekerjaan IS NOT NULL")
    return parts


_METHOD_NAMES = {m.lower(): m for m in (*METODE_DALAM_LINGKUP, "Pengadaan Langsung",
                                         "E-Purchasing", "Swakelola")}
_METHOD_NAMES.update({"e-purchasing": "E-Purchasing", "epurchasing": "E-Purchasing",
                      "e-katalog": "E-Purchasing", "seleksi cepat": "Seleksi",
                      "pengecualian": "Dikecualikan", "dikecualikan": "Dikecualikan",
                      "tender/seleksi": "Tender"})


def _method_name(text: pd.Series) -> pd.Series:
    text = text.astype("string").str.strip().replace(KODE_METODE_RUP)
    return text.str.lower().map(_METHOD_NAMES).fillna("Lainnya")


def _method(raw: pd.Series, rup: pd.Series, excluded: pd.Series) -> pd.Series:
    """Canonical method names; Dikecualikan is a RUP flag that overrides the method."""
    out = frames.map_distinct(raw.fillna(rup), _method_name, "str").fillna("Lainnya")
    return out.mask(excluded.fillna(False).astype(bool), "Dikecualikan")


def _jenis(raw: pd.Series) -> pd.Series:
    """'Jasa Konsultansi Badan Usaha Konstruksi' -> 'Jasa Konsultansi'; 'Pengadaan Barang' ->
    'Barang'. Checked in this order because consultancy names may mention construction."""
    text = raw.astype("string").str.lower()
    out = pd.Series(pd.NA, index=raw.index, dtype="string")
    for name in ("Jasa Konsultansi", "Jasa Lainnya", "Pekerjaan Konstruksi", "Barang"):
        hit = out.isna() & text.str.contains(name.lower(), regex=False).fillna(False).astype(bool)
        out = out.mask(hit, name)
    return out.mask(raw.notna() & out.isna(), "Lainnya")


def _status(raw: pd.Series) -> pd.Series:
    return raw.astype("string").str.strip().str.lower().map(STATUS_TENDER).astype("string")


def _klpd(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip().str.upper()


def _processes(table: pa.Table) -> dict[str, np.ndarray]:
    """Per row (selection process): whether it is its package's last process (highest versi,
    then latest announcement, then highest code), its package's number of processes, and
    whether any of them is a re-tender (versi_tender > 1). A re-tender is a new process
    (kd_tender) of the same SPSE package (id_paket, from kd_pkt_dce)."""
    package = table["id_paket"].combine_chunks().dictionary_encode("encode").indices
    package = package.to_numpy(zero_copy_only=False).astype(np.int64)
    count = np.bincount(package)[package]
    last = count == 1
    several = np.flatnonzero(~last)  # rows are in kd_paket order: a later row has a higher code
    versi = pc.fill_null(table["versi"], 1).to_numpy()[several]
    announced = pc.fill_null(table["tgl_pengumuman"].cast(pa.int64()), np.iinfo(np.int64).min)
    order = several[np.lexsort((several, announced.to_numpy()[several], versi, package[several]))]
    if len(order):
        last[order[np.r_[package[order][1:] != package[order][:-1], True]]] = True
    retender = pc.fill_null(pc.greater(table["versi_tender"], 1), False)
    retender = retender.to_numpy(zero_copy_only=False)
    return {"proses_terakhir": last, "jumlah_proses": count,
            "paket_diulang": np.bincount(package, weights=retender)[package] > 0}


def _table(con) -> tuple[pa.Table, dict[str, np.ndarray]]:
    """The joined packages as Arrow, sorted by kd_paket, and their process columns. Text comes
    as large_string, the type pandas keeps it in, so the frame shares its buffers."""
    large = _setting(con, "arrow_large_buffer_size")
    con.execute("SET arrow_large_buffer_size = true")
    try:
        table = con.sql(_SQL.format(**_sql_parts())).to_arrow_table()
    finally:
        con.execute(f"SET arrow_large_buffer_size = {large}")
    _give_back_memory(con)
    order = pc.sort_indices(table["kd_paket"])
    # column by column, two at a time: Table.take would first copy every column whole
    with ThreadPoolExecutor(2) as pool:
        columns = list(pool.map(lambda column: column.take(order), table.columns))
    table = pa.table(columns, names=table.column_names)
    return table, _processes(table)


def _setting(con, name: str) -> str:
    return con.execute(f"SELECT current_setting('{name}')").fetchone()[0]


def _give_back_memory(con) -> None:
    """DuckDB keeps the memory of a finished query for its next one; a million packages leave
    gigabytes that the frame could use. Lowering its memory limit for a moment returns them to
    the system (an optimisation only: where it cannot, nothing changes)."""
    limit = _setting(con, "memory_limit")
    try:
        con.execute("SET memory_limit = '64MB'")
    except duckdb.Error:
        pass
    finally:
        con.execute(f"SET memory_limit = '{limit}'")


# Arrow -> pandas: whole numbers as nullable Int64, yes/no with blanks as nullable boolean
# (text as pandas' default string dtype, dates as datetime64[us], amounts as float64).
_DTYPES = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


def load_packages(con, scope: list[str] | None = None, kd_klpd: str | None = None,
                  phrases=FRASA_PEMBATALAN) -> pd.DataFrame:
    """All packages in the store, one row per selection process (a tender, a non-tender, a
    recorded purchase, or a RUP package not yet processed), with canonical method, status and
    scope flag, and each process's state at its K/L/PD-year's data date (processes.state; a
    failure's kind by `phrases`, metode.frasa_pembatalan). With `kd_klpd`, rows of any other
    K/L/PD are left out (see other_klpd)."""
    table, per_process = _table(con)
    if kd_klpd:
        own = ~_other(table["kd_klpd"].to_pandas(), kd_klpd).to_numpy()
        if not own.all():
            table = table.filter(own)
            per_process = {k: v[own] for k, v in per_process.items()}
    df = table.to_pandas(types_mapper=_DTYPES.get)
    df["proses_terakhir"] = per_process["proses_terakhir"]
    df["jumlah_proses"] = pd.array(per_process["jumlah_proses"], dtype="Int64")
    df["paket_diulang"] = per_process["paket_diulang"]
    df["metode"] = _method(df["metode_asli"], df["metode_rup"], df["status_dikecualikan"])
    df["dalam_lingkup"] = df["metode"].isin(scope or METODE_DALAM_LINGKUP)
    df["status"] = frames.map_distinct(df["status_asli"], _status, "string")
    df["jenis_pengadaan"] = frames.map_distinct(df["jenis_pengadaan_asli"], _jenis, "string")
    years = df["tahun_anggaran"].dropna().unique()
    return processes.state(df, {y: data_dates.for_klpd(con, kd_klpd, int(y)) for y in years}, phrases)


def for_params(con, params) -> pd.DataFrame:
    """The packages a parameter file's KPIs count: its methods in scope, its own K/L/PD."""
    return load_packages(con, params.metode.metode_dalam_lingkup, params.ukpbj.kd_klpd,
                         params.metode.frasa_pembatalan)


def from_store(store_path, params) -> pd.DataFrame:
    """for_params on the store at `store_path`, opened read only for the call."""
    con = store.connect(store_path, read_only=True)
    try:
        return for_params(con, params)
    finally:
        con.close()


def covered(df: pd.DataFrame, cakupan=None, scope: list[str] | None = None) -> pd.Series:
    """The rows (selection processes) a strategic area covers — the one rule behind both the
    area's KPIs (indicators.realisation) and its mapping to OPD packages (planning.area_mapping).

    A row is covered when its method is in scope (`scope`, else the `dalam_lingkup` flag) and,
    where the area's `cakupan` lists them, its method is one of `cakupan.metode` and its jenis
    pengadaan one of `cakupan.jenis_pengadaan` (an empty list = no restriction; a package
    without a jenis is outside an area that lists jenis). A package belongs to an area by its
    last process, the row the mapping counts: an earlier process counts only when that last
    process is covered, so the packages an area's KPI counts are always among the packages its
    mapping shows. Pass one fiscal year's rows for that year's mapping and KPIs.
    """
    if scope is not None:
        row = df["metode"].isin(scope)
    else:
        row = df["dalam_lingkup"].fillna(False).astype(bool)
    if cakupan is not None and cakupan.metode:
        row &= df["metode"].isin(cakupan.metode)
    if cakupan is not None and cakupan.jenis_pengadaan:
        row &= df["jenis_pengadaan"].isin(cakupan.jenis_pengadaan).fillna(False).astype(bool)
    last = (row & df["proses_terakhir"].fillna(False).astype(bool)).to_numpy(bool)
    package = pd.factorize(df["id_paket"], use_na_sentinel=False)[0]
    return (row & (np.bincount(package, weights=last) > 0)[package]).rename(None)


def _other(codes: pd.Series, kd_klpd: str) -> pd.Series:
    """Rows whose code names another K/L/PD (rows without a K/L/PD code are the UKPBJ's own)."""
    code = frames.map_distinct(codes, _klpd)
    return (code.notna() & (code != kd_klpd.strip().upper())).fillna(False).astype(bool)


def other_klpd(con, kd_klpd: str | None) -> pd.DataFrame:
    """The processes of other K/L/PD in the store, left out of every KPI (data quality)."""
    if not kd_klpd:
        return pd.DataFrame(columns=["kd_klpd", "nama_klpd", "jumlah_proses", "pagu"])
    sql = f"SELECT kd_paket, kd_klpd, nama_klpd, pagu FROM ({_SQL.format(**_sql_parts())})"
    df = con.sql(sql).to_arrow_table().to_pandas()
    rows = df[_other(df["kd_klpd"], kd_klpd)]
    return (rows.groupby(["kd_klpd", "nama_klpd"], dropna=False)
            .agg(jumlah_proses=("kd_paket", "size"), pagu=("pagu", "sum")).reset_index())


def in_period(df: pd.DataFrame, period, cumulative: bool = False) -> pd.DataFrame:
    """Packages of the period's fiscal year; for a quarter, those of that quarter (processes.
    quarters: by announcement date, one announced before the year in TW I), or of the quarters
    up to it when cumulative — the year-to-date view."""
    return df[period_rows(df, period, cumulative)]


def period_rows(df: pd.DataFrame, period, cumulative: bool = False) -> pd.Series:
    """The rows in_period keeps, as a mask."""
    rows = df["tahun_anggaran"].eq(period.year).fillna(False).astype(bool)
    if period.quarter is None:
        return rows
    quarter = df["triwulan"].to_numpy() if "triwulan" in df else processes.quarters(df)
    keep = quarter <= period.quarter if cumulative else quarter == period.quarter
    return rows & keep

