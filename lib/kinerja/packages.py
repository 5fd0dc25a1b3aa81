"""One row per procurement package, joined from the register datasets in the store.

Per dataset and key, each field takes its latest non-blank value (the file loaded later wins,
field by field), so a finished-tender export fills in award dates without erasing the
announcement's fields. Packages are joined on their codes (kd_tender, kd_nontender, kd_rup);
satker codes are compared in normalised form (leading zeros removed).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja import store
from kinerja.schemas import BY_KIND, KODE_METODE_RUP, METODE_DALAM_LINGKUP, STATUS_TENDER

JENIS = ("Barang", "Pekerjaan Konstruksi", "Jasa Konsultansi", "Jasa Lainnya")


def _latest(kind: str) -> str:
    ds = BY_KIND[kind]
    key = ", ".join(ds.key)
    cols = [c for c in ds.names if c not in ds.key]
    if "kd_satker" in ds.names:
        cols.append("satker_key")
    fields = ", ".join(f'arg_max("{c}", _seq) FILTER (WHERE "{c}" IS NOT NULL) AS "{c}"'
                       for c in cols)
    return f"SELECT {key}, {fields} FROM {store.table_name(ds)} GROUP BY {key}"


_SQL = """
WITH rup AS ({rup}), tender AS ({tender}), hasil AS ({tender_hasil}), nt AS ({nontender}),
kontrak AS ({kontrak}),
peserta AS (SELECT kd_tender, count(*) AS jumlah_peserta FROM ({peserta}) GROUP BY kd_tender),
tp AS (
  SELECT coalesce(t.kd_tender, h.kd_tender) AS kd_paket, coalesce(t.kd_tender, h.kd_tender) AS kd_tender,
    NULL::VARCHAR AS kd_nontender, coalesce(t.kd_rup, h.kd_rup) AS kd_rup,
    coalesce(t.tahun_anggaran, h.tahun_anggaran) AS tahun_anggaran,
    coalesce(t.satker_key, h.satker_key) AS satker_key, coalesce(t.kd_satker, h.kd_satker) AS kd_satker,
    coalesce(t.nama_satker, h.nama_satker) AS nama_satker, t.nama_paket,
    coalesce(t.pagu, h.pagu) AS pagu, coalesce(t.hps, h.hps) AS hps, t.jenis_pengadaan,
    coalesce(t.mtd_pemilihan, 'Tender') AS metode_asli,
    -- a result row with a contract value means the tender finished even if the announcement
    -- export is older
    CASE WHEN t.status_tender IS NULL AND h.nilai_kontrak IS NOT NULL THEN 'Selesai'
         ELSE t.status_tender END AS status_asli,
    t.versi_tender,
    coalesce(t.tgl_pengumuman_tender, h.tgl_pengumuman_tender) AS tgl_pengumuman,
    coalesce(h.tgl_penetapan_pemenang, t.tgl_penetapan_pemenang) AS tgl_penetapan_pemenang,
    h.nilai_kontrak, h.nilai_pdn_kontrak, h.nilai_umk_kontrak,
    h.kd_penyedia, h.nama_penyedia, h.npwp_penyedia, t.nip_ppk, t.nama_ppk, t.nama_pokja, t.nip_pokja
  FROM tender t FULL OUTER JOIN hasil h ON t.kd_tender = h.kd_tender),
ntp AS (
  SELECT kd_nontender AS kd_paket, NULL::VARCHAR AS kd_tender, kd_nontender, kd_rup, tahun_anggaran,
    satker_key, kd_satker, nama_satker, nama_paket, pagu, hps, jenis_pengadaan,
    mtd_pemilihan AS metode_asli, status_nontender AS status_asli, NULL::BIGINT AS versi_tender,
    tgl_pengumuman_nontender AS tgl_pengumuman, tgl_penetapan_pemenang, nilai_kontrak,
    nilai_pdn_kontrak, nilai_umk_kontrak, kd_penyedia, nama_penyedia, npwp_penyedia,
    nip_ppk, nama_ppk, nama_pokja, NULL::VARCHAR AS nip_pokja
  FROM nt),
rp AS (
  SELECT 'RUP-' || r.kd_rup AS kd_paket, NULL::VARCHAR, NULL::VARCHAR, r.kd_rup, r.tahun_anggaran,
    r.satker_key, r.kd_satker, r.nama_satker, r.nama_paket, r.pagu, NULL::DOUBLE, r.jenis_pengadaan,
    r.metode_pengadaan, NULL::VARCHAR, NULL::BIGINT, r.tgl_awal_pemilihan, NULL::TIMESTAMP,
    NULL::DOUBLE, NULL::DOUBLE, NULL::DOUBLE, NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR,
    r.nip_ppk, r.nama_ppk, NULL::VARCHAR, NULL::VARCHAR
  FROM rup r
  WHERE r.kd_rup NOT IN (SELECT kd_rup FROM tp WHERE kd_rup IS NOT NULL
                         UNION SELECT kd_rup FROM nt WHERE kd_rup IS NOT NULL)),
p AS (SELECT * FROM tp UNION ALL BY NAME SELECT * FROM ntp UNION ALL SELECT * FROM rp)
SELECT p.* EXCLUDE (tahun_anggaran, satker_key, kd_satker, nama_satker, nama_paket, pagu,
                    jenis_pengadaan, nip_ppk, nama_ppk, nilai_kontrak),
  coalesce(p.tahun_anggaran, r.tahun_anggaran) AS tahun_anggaran,
  coalesce(p.satker_key, r.satker_key) AS satker_key,
  coalesce(p.kd_satker, r.kd_satker) AS kd_satker,
  coalesce(p.nama_satker, r.nama_satker) AS nama_satker,
  coalesce(p.nama_paket, r.nama_paket) AS nama_paket,
  coalesce(p.pagu, r.pagu) AS pagu,
  coalesce(p.jenis_pengadaan, r.jenis_pengadaan) AS jenis_pengadaan_asli,
  coalesce(p.nip_ppk, r.nip_ppk) AS nip_ppk, coalesce(p.nama_ppk, r.nama_ppk) AS nama_ppk,
  coalesce(p.nilai_kontrak, k.nilai_kontrak) AS nilai_kontrak,
  r.metode_pengadaan AS metode_rup, r.status_dikecualikan,
  r.tgl_akhir_pemilihan AS tgl_akhir_pemilihan_rencana,
  coalesce(k.tgl_akhir_kontrak, r.tgl_akhir_kontrak) AS tgl_akhir_kontrak,
  k.no_kontrak, k.tgl_kontrak, k.status_kontrak, k.tgl_serah_terima,
  ps.jumlah_peserta
FROM p
LEFT JOIN rup r ON p.kd_rup = r.kd_rup
LEFT JOIN kontrak k ON p.kd_paket = k.kd_paket
LEFT JOIN peserta ps ON p.kd_tender = ps.kd_tender
"""


def _method(raw: pd.Series, rup: pd.Series, excluded: pd.Series) -> pd.Series:
    """Canonical method names; Dikecualikan is a RUP flag that overrides the method."""
    names = {m.lower(): m for m in (*METODE_DALAM_LINGKUP, "Pengadaan Langsung", "E-Purchasing",
                                    "Swakelola")}
    names.update({"e-purchasing": "E-Purchasing", "epurchasing": "E-Purchasing",
                  "e-katalog": "E-Purchasing", "seleksi cepat": "Seleksi",
                  "pengecualian": "Dikecualikan", "dikecualikan": "Dikecualikan",
                  "tender/seleksi": "Tender"})
    text = raw.fillna(rup).astype("string").str.strip()
    text = text.replace(KODE_METODE_RUP)
    out = text.str.lower().map(names).fillna("Lainnya")
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


def load_packages(con, scope: list[str] | None = None) -> pd.DataFrame:
    """All packages in the store, one row each, with canonical method, status and scope flag."""
    sql = _SQL.format(**{k: _latest(k) for k in BY_KIND})
    df = con.execute(sql).df()
    df["metode"] = _method(df["metode_asli"], df["metode_rup"], df["status_dikecualikan"])
    df["dalam_lingkup"] = df["metode"].isin(scope or METODE_DALAM_LINGKUP)
    status = df["status_asli"].astype("string").str.strip().str.lower().map(STATUS_TENDER)
    df["status"] = status.astype("string")
    df["jenis_pengadaan"] = _jenis(df["jenis_pengadaan_asli"])
    df["tahun_anggaran"] = df["tahun_anggaran"].astype("Int64")
    df["versi_tender"] = df["versi_tender"].astype("Int64")
    return df.sort_values("kd_paket", ignore_index=True)


def in_period(df: pd.DataFrame, period, cumulative: bool = False) -> pd.DataFrame:
    """Packages of the period's fiscal year; for a quarter, those announced in it (or up to its
    end when cumulative — the year-to-date view)."""
    rows = df[df["tahun_anggaran"] == period.year]
    if period.quarter is None:
        return rows
    date = rows["tgl_pengumuman"]
    start = pd.Timestamp(period.start if not cumulative else f"{period.year}-01-01")
    end = pd.Timestamp(period.end) + pd.Timedelta(days=1)
    return rows[(date >= start) & (date < end)]


def source_rows(con, kd_paket: str) -> pd.DataFrame:
    """Trace a package back to the files and rows it came from."""
    parts = []
    for ds in BY_KIND.values():
        keys = [k for k in ("kd_tender", "kd_nontender", "kd_paket", "kd_rup") if k in ds.names]
        where = " OR ".join(f"{k} = ?" for k in keys)
        rup = kd_paket.removeprefix("RUP-")
        args = [rup if k == "kd_rup" else kd_paket for k in keys]
        parts.append(con.execute(
            f"SELECT '{ds.kind}' AS dataset, f.file_name, t._row AS baris FROM {store.table_name(ds)} t "
            f"JOIN register_files f ON f.sha256 = t._sha256 WHERE {where}", args).df())
    return pd.concat(parts, ignore_index=True)
