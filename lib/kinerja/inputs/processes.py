"""The state of each selection process at the data date, added to the package view: the data
date of its K/L/PD-year (`tgl_data`), whether it is still running (`berlangsung`), why a failed
process failed (`jenis_gagal`), its outcome by the data date (`menang`: awarded, `gagal`: a
failed selection the failure measures count, `dibatalkan`: closed for budget or plan reasons)
and the quarter of its fiscal year it belongs to (`triwulan`).

Rules (workbook definitions, stated in the README and the measures' definitions):
- Running: status Berlangsung, or an award date after the data date (a running tender's award
  date is its schedule). A running process is neither awarded nor failed.
- Awarded: status Selesai, or no status but an award date (a result row without its
  announcement, a Pokja's Format 8); failed: status Gagal/Batal and not `dibatalkan`.
- Failure kind of a process with status Gagal/Batal, first rule that applies:
  0. a cancelled pencatatan (a purchase recorded, not a selection: nothing could fail) →
     `dibatalkan`;
  1. `dibatalkan`: its ket_ditutup or ket_diulang holds a budget or plan phrase
     (`metode.frasa_pembatalan`, config.FRASA_PEMBATALAN by default);
  2. a tender whose bidder list (SPSE-PesertaTender) has rows: no offer (nilai_penawaran > 0)
     → `tanpa_penawaran`, one or more → `tanpa_pemenang`; a non-tender with an offer value →
     `tanpa_pemenang`;
  3. the keterangan says so: no bidder passed or qualified → `tanpa_pemenang`, no offer came in
     → `tanpa_penawaran` (NO_WINNER, NO_OFFER);
  4. otherwise `lainnya`.
- Quarter: by announcement date; announced before 1 January of its fiscal year → TW I (tender
  dini), after 31 December → TW IV; without an announcement date, by its award date the same
  way; without either, TW IV (it is counted with the year, in its last quarter). Every process of
  a year is in exactly one quarter, so the quarters add up to the year.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from kinerja.core import frames
from kinerja.core.config import FRASA_PEMBATALAN
from kinerja.core.measures import CANCELLED

# What a keterangan says when the bidder list cannot tell (checked in this order: "tidak ada
# peserta yang lulus" says there were bidders).
NO_WINNER = re.compile(r"tidak ada (?:peserta|penawaran|penyedia|calon)\w* (?:yang )?(?:lulus|lolos|memenuhi)"
                       r"|(?:seluruh|semua) (?:peserta|penawaran|penawar)\w* (?:gugur|tidak lulus|tidak memenuhi)"
                       r"|tidak lulus (?:evaluasi|pembuktian|kualifikasi)|gagal (?:evaluasi|negosiasi|klarifikasi)")
NO_OFFER = re.compile(r"tidak ada (?:\w+ ){0,3}penawaran|tanpa penawaran|penawaran nihil"
                      r"|tidak ada (?:peserta|penyedia|calon)\w* yang (?:memasukkan|menyampaikan|mengajukan"
                      r"|mengunggah|mengirim|mendaftar)|tidak ada (?:peserta|pendaftar)\b")


QUARTER_RULE = ("menurut tanggal pengumuman; diumumkan sebelum 1 Januari = TW I, sesudah 31 Desember = "
                "TW IV; tanpa tanggal pengumuman menurut tanggal penetapan, tanpa keduanya TW IV")


def _text(series: pd.Series) -> pd.Series:
    return series.astype("string").str.lower().str.replace(r"\s+", " ", regex=True)


def _mentions(text: pd.Series, phrases) -> pd.Series:
    pattern = "|".join(re.escape(" ".join(p.lower().split())) for p in phrases if p.strip())
    if not pattern:
        return pd.Series(False, index=text.index)
    return text.str.contains(pattern, regex=True).fillna(False).astype(bool)


def _kind_of_text(text: pd.Series) -> pd.Series:
    """tanpa_pemenang / tanpa_penawaran / NA from the keterangan (distinct texts only)."""
    out = pd.Series(pd.NA, index=text.index, dtype="string")
    out = out.mask(text.str.contains(NO_OFFER).fillna(False).astype(bool), "tanpa_penawaran")
    return out.mask(text.str.contains(NO_WINNER).fillna(False).astype(bool), "tanpa_pemenang")


def failure_kinds(df: pd.DataFrame, phrases=FRASA_PEMBATALAN) -> pd.Series:
    """Per row: the kind of a failed process (measures.FAILURE_KINDS key), NA otherwise."""
    out = pd.Series(pd.NA, index=df.index, dtype="string")
    gagal = df["status"].eq("Gagal").fillna(False).to_numpy(bool)
    if not gagal.any():
        return out
    f = df.loc[gagal]
    text = _text(f["ket_ditutup"].fillna("") + " " + f["ket_diulang"].fillna(""))
    said = frames.map_distinct(text, _kind_of_text, "string")
    kind = said.fillna("lainnya")
    tender = f["kd_tender"].notna()
    kind = kind.mask(~tender & f["nilai_penawaran"].gt(0).fillna(False).astype(bool), "tanpa_pemenang")
    offers = f["jumlah_peserta"]
    listed = tender & offers.notna()
    kind = kind.mask(listed & offers.fillna(0).gt(0), "tanpa_pemenang")
    kind = kind.mask(listed & offers.fillna(0).eq(0), "tanpa_penawaran")
    budget = frames.map_distinct(text, lambda t: _mentions(t, phrases), "boolean")
    kind = kind.mask(budget.fillna(False).astype(bool), "dibatalkan")
    kind = kind.mask(f["kd_paket"].astype("string").str.startswith("PCT-").fillna(False).astype(bool), "dibatalkan")
    out.loc[gagal] = kind.to_numpy()
    return out


def _quarter(dates: pd.Series, year: pd.Series) -> np.ndarray:
    month = dates.dt.month.to_numpy(np.float64)
    dated = dates.dt.year.to_numpy(np.float64)
    q = (month - 1) // 3 + 1
    q = np.where(dated < year, 1, np.where(dated > year, 4, q))
    return np.where(np.isnan(month), 0, q).astype(np.int8)


def quarters(df: pd.DataFrame) -> np.ndarray:
    """The quarter (1–4) of its fiscal year each row belongs to (module docstring); 0 for a row
    without a fiscal year."""
    year = df["tahun_anggaran"].astype("Float64").to_numpy(np.float64, na_value=np.nan)
    q = _quarter(df["tgl_pengumuman"], year)
    q = np.where(q == 0, _quarter(df["tgl_penetapan_pemenang"], year), q)
    return np.where(np.isnan(year), 0, np.where(q == 0, 4, q)).astype(np.int8)


def outcome(df: pd.DataFrame) -> pd.DataFrame:
    """Set menang, gagal and dibatalkan from status, award date, berlangsung and jenis_gagal (in
    place and returned; again after a form fills a process's award date)."""
    status = df["status"]
    running = df["berlangsung"].fillna(False).to_numpy(bool)
    gagal = status.eq("Gagal").fillna(False).to_numpy(bool)
    cancelled = df["jenis_gagal"].eq(CANCELLED).fillna(False).to_numpy(bool)
    won = status.eq("Selesai").fillna(False).to_numpy(bool) | (
        status.isna().to_numpy(bool) & df["tgl_penetapan_pemenang"].notna().to_numpy(bool))
    df["menang"] = won & ~running
    df["gagal"] = gagal & ~cancelled & ~running
    df["dibatalkan"] = gagal & cancelled
    return df


def state(df: pd.DataFrame, dates: dict, phrases=FRASA_PEMBATALAN) -> pd.DataFrame:
    """Add tgl_data, berlangsung, jenis_gagal, menang, gagal, dibatalkan and triwulan to the
    package view `df` (in place and returned); `dates`: fiscal year -> the K/L/PD-year's data
    date (data_dates.for_klpd)."""
    year = df["tahun_anggaran"]
    known = {int(y): d for y, d in dates.items() if d is not None}
    df["tgl_data"] = pd.Series(year.map(known), index=df.index).astype("datetime64[us]").dt.normalize()
    award = df["tgl_penetapan_pemenang"]
    later = (award.dt.normalize() > df["tgl_data"]).fillna(False).to_numpy(bool)
    df["berlangsung"] = df["status"].eq("Berlangsung").fillna(False).to_numpy(bool) | later
    df["jenis_gagal"] = failure_kinds(df, phrases)
    outcome(df)
    df["triwulan"] = quarters(df)
    return df


def data_date(packages: pd.DataFrame, year: int) -> pd.Timestamp | None:
    """The data date of the year's rows (state's tgl_data), None when the year has none."""
    if "tgl_data" not in packages:
        return None
    dated = packages.loc[packages["tahun_anggaran"].eq(year).fillna(False).to_numpy(bool), "tgl_data"]
    value = dated.dropna()
    return None if value.empty else pd.Timestamp(value.iloc[0])
