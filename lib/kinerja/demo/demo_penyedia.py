"""Demo survey rows until the Survei Teknis forms exist: the PPK's provider scores (F5) and the
Pokja's selection data (F8) for one fiscal year, made from a package register.

- F5 `penilaian_penyedia_{year}.csv`: one row per finished in-scope package of the year, scored
  by the package's PPK. Each provider has a steady quality (from a hash of its code, so the
  same provider is good or weak in both years): most aspect scores are 2–3, a few 1; waktu
  slips most often. Contracts the register shows as terminated are, most of them,
  putus_kontrak = 1 (about 1% of packages). Triwulan from the award date.
- F8 `pokja_{year}.csv`: one row per tender/selection package whose selection ended, with the
  register's dates, bidders and re-tender flag; sanggahan mostly 0, some 1–3 (more where many
  bid); a note now and then.

Columns are exactly `surveys.COLUMNS`. Vectorised and deterministic: the same packages, year
and seed give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja.demo.draws import stream
from kinerja.inputs import surveys
from kinerja.methods import pokja, providers

# P(score 1) and P(score 2) per provider tier (good, average, weak) and aspect
# (kualitas, biaya, waktu, layanan); the rest is 3.
_P1 = np.array([[.01, .01, .03, .01], [.04, .03, .07, .03], [.30, .25, .35, .25]])
_P2 = np.array([[.22, .20, .25, .20], [.50, .45, .50, .45], [.50, .55, .45, .55]])

_SCORE_NOTES = np.array([
    "", "Kontrak diputus karena penyedia tidak mampu menyelesaikan pekerjaan; jaminan "
    "pelaksanaan dicairkan",
    "Keterlambatan lebih dari 50 hari kalender karena kesalahan penyedia",
    "Lebih dari separuh pekerjaan harus diperbaiki atau diganti",
    "Penyedia lambat menanggapi dan sulit diajak berdiskusi",
    "Terlambat kurang dari 50 hari kalender; dikenakan denda keterlambatan",
    "Penyedia tidak menyampaikan risiko biaya sejak awal",
    "Pekerjaan selesai tepat waktu dan sesuai kontrak",
    "Pekerjaan diterima baik; dokumentasi serah terima lengkap",
])
_FAIL_NOTES = np.array([
    "Tender gagal: tidak ada peserta yang lulus evaluasi teknis",
    "Tender gagal: seluruh penawaran di atas HPS",
    "Tender gagal: peserta yang lulus kurang dari yang dipersyaratkan",
])
_POKJA_NOTES = np.array([
    "", "", "Tender ulang setelah tender sebelumnya gagal",
    "Sanggahan dijawab dalam batas waktu; hasil pemilihan tidak berubah",
    "Hanya satu peserta memasukkan penawaran; dilanjutkan dengan klarifikasi dan negosiasi",
    "Klarifikasi HPS dan spesifikasi teknis dengan PPK sebelum pengumuman",
])


def _day(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d").fillna("")


def _count(values: pd.Series) -> pd.Series:
    """Int64 as text, blank when missing."""
    return values.astype("Int64").astype("string").fillna("")


def provider_scores(done: pd.DataFrame, year: int, seed: int) -> pd.DataFrame:
    """F5 rows for the finished packages `done` (providers.finished)."""
    rng = stream(seed, year, 5)
    n = len(done)
    kd = done["kd_penyedia"].astype("string").fillna("").to_numpy(dtype=object)
    quality = pd.util.hash_array(kd, hash_key=f"{seed % 10**16:016d}") / 2.0**64 if n else np.zeros(0)
    tier = np.select([quality < 0.10, quality < 0.55], [2, 1], 0)
    u = rng.random((n, 4))
    p1, p2 = _P1[tier], _P2[tier]
    scores = np.where(u < p1, 1, np.where(u < p1 + p2, 2, 3)).astype(np.int64)
    terminated = done["status_kontrak"].eq("Putus").fillna(False).to_numpy(bool)
    putus = terminated & (rng.random(n) < 0.7)
    scores[putus] = 0
    k, b, w, lay = scores.T
    note = np.select([putus, w == 1, k == 1, lay == 1, w == 2, b == 1, scores.min(1) == 3,
                      scores.min(1) >= 2], np.arange(1, 9), 0)
    text = pd.Series(_SCORE_NOTES[note])
    late = note == 5
    text[late] = ("Terlambat " + pd.Series(rng.integers(3, 50, n)[late]).astype(str)
                  + " hari kalender; dikenakan denda keterlambatan").to_numpy()
    shown = putus | (rng.random(n) < 0.25)
    out = pd.DataFrame({
        "tahun_anggaran": year, "triwulan": providers.award_quarter(done, year),
        "kode_paket": done["kd_paket"].to_numpy(), "kd_penyedia": done["kd_penyedia"].to_numpy(),
        "nama_penyedia": done["nama_penyedia"].to_numpy(), "nip_ppk": done["nip_ppk"].to_numpy(),
        "nama_ppk": done["nama_ppk"].to_numpy(), "kualitas": k, "biaya": b, "waktu": w,
        "layanan": lay, "putus_kontrak": putus.astype(np.int64),
        "catatan": np.where(shown, text.to_numpy(), "")})
    return out[list(surveys.COLUMNS[providers.KIND])]


def pokja_rows(tenders: pd.DataFrame, year: int, seed: int) -> pd.DataFrame:
    """F8 rows for the tender packages `tenders` (pokja.due)."""
    rng = stream(seed, year, 8)
    n = len(tenders)
    bidders = tenders["jumlah_peserta"].astype("Int64")
    many = bidders.fillna(0).to_numpy(np.int64) >= 3
    p0 = np.where(many, 0.80, 0.90)
    u = rng.random(n)
    objections = np.select([u < p0, u < p0 + 0.10, u < p0 + 0.15], [0, 1, 2], 3)
    failed = tenders["status"].eq("Gagal").fillna(False).to_numpy(bool)
    again = tenders["versi_tender"].gt(1).fillna(False).to_numpy(bool)
    single = bidders.eq(1).fillna(False).to_numpy(bool)
    note = np.select([again, objections > 0, single, rng.random(n) < 0.05], [2, 3, 4, 5], 0)
    text = _POKJA_NOTES[note]
    text = np.where(failed, _FAIL_NOTES[rng.integers(0, len(_FAIL_NOTES), n)], text)
    shown = failed | again | (rng.random(n) < 0.6)
    out = pd.DataFrame({
        "tahun_anggaran": year, "triwulan": providers.award_quarter(tenders, year),
        "kode_paket": tenders["kd_paket"].to_numpy(),
        "kode_pokja": pokja.pokja_codes(tenders["nip_pokja"]).fillna("").to_numpy(),
        "nama_pokja": tenders["nama_pokja"].fillna("").to_numpy(),
        "tgl_pengumuman": _day(tenders["tgl_pengumuman"]).to_numpy(),
        "tgl_penetapan_pemenang": _day(tenders["tgl_penetapan_pemenang"]).to_numpy(),
        "jumlah_peserta": _count(bidders).to_numpy(), "tender_ulang": again.astype(np.int64),
        "jumlah_sanggahan": objections, "catatan": np.where(shown, text, "")})
    return out[list(surveys.COLUMNS[pokja.KIND])]


def generate(out_dir: Path, packages: pd.DataFrame, year: int, seed: int) -> list[Path]:
    """Write `penilaian_penyedia_{year}.csv` and `pokja_{year}.csv` into out_dir for the
    packages (as packages.load_packages returns them) and return their paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    done = providers.finished(packages, year).sort_values("kd_paket", kind="stable")
    tenders = pokja.due(packages, year).sort_values("kd_paket", kind="stable")
    files = [(providers.KIND, provider_scores(done, year, seed)),
             (pokja.KIND, pokja_rows(tenders, year, seed))]
    paths = []
    for kind, frame in files:
        path = out_dir / f"{kind}_{year}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        paths.append(path)
    return paths
