"""Failed selection processes by kind, each with its reason: every process of the period whose
status is Gagal/Batal, the kind the process state gives it (inputs.processes: no offer, offers
but no winner, cancelled for budget or plan reasons, other — measures.FAILURE_KINDS) and the
reason its announcement states (ket_ditutup / ket_diulang). The failure measures count every
kind but a cancellation (`dihitung`). Stage 05 shows the list and writes it (05_proses_gagal)."""

from __future__ import annotations

import pandas as pd

from kinerja.core import fmt
from kinerja.core.measures import CANCELLED, FAILURE_KINDS
from kinerja.core.periods import Period
from kinerja.inputs.packages import period_rows

COLUMNS = ["kd_paket", "kd_tender", "kd_nontender", "id_paket", "nama_paket", "nama_satker", "metode",
           "versi_tender", "tgl_pengumuman", "pagu", "jumlah_pendaftar", "jumlah_peserta", "jenis_gagal", "jenis",
           "dihitung", "alasan"]
HEADINGS = {"kd_paket": "Kode proses", "nama_paket": "Nama paket", "nama_satker": "Satuan kerja",
            "metode": "Metode", "tgl_pengumuman": "Pengumuman", "jumlah_pendaftar": "Pendaftar",
            "jumlah_peserta": "Penawaran", "jenis": "Jenis kegagalan", "alasan": "Keterangan pengumuman"}
FORMATS = {"tgl_pengumuman": "tanggal", "jumlah_pendaftar": "angka", "jumlah_peserta": "angka"}
REASON_CHARS = 120  # an announcement's reason quoted for the leadership is cut after this many characters
KIND_HEADINGS = {"jenis": "Jenis kegagalan", "jumlah_proses": "Proses", "dihitung_teks": "Dihitung sebagai gagal"}


def listing(packages: pd.DataFrame, period: Period, scope: list[str] | None = None,
            cumulative: bool = False) -> pd.DataFrame:
    """The period's failed processes in scope (quarters as the KPIs count them), by kind."""
    p = packages
    keep = (p["metode"].isin(scope) if scope is not None else p["dalam_lingkup"].fillna(False).astype(bool))
    keep &= period_rows(p, period, cumulative) & p["status"].eq("Gagal").fillna(False).astype(bool)
    out = p.loc[keep.to_numpy(bool)].copy()
    out["jenis"] = out["jenis_gagal"].map(FAILURE_KINDS).astype("string")
    out["dihitung"] = out["jenis_gagal"].ne(CANCELLED).fillna(True).astype(bool).to_numpy()
    reason = out["ket_ditutup"].fillna(out["ket_diulang"]).astype("string")
    out["alasan"] = reason.str.replace(r"\s+", " ", regex=True).str.strip()
    order = {k: n for n, k in enumerate(FAILURE_KINDS)}
    out = out.assign(_order=out["jenis_gagal"].map(order)).sort_values(["_order", "tgl_pengumuman", "kd_paket"])
    return out[COLUMNS].reset_index(drop=True)


def short_reason(text) -> str:
    """An announcement's reason on one line, cut at REASON_CHARS (the full text is in the team's
    stage report); '' without one."""
    if not isinstance(text, str) or not text.strip():
        return ""
    text = " ".join(text.split())
    return text if len(text) <= REASON_CHARS else text[:REASON_CHARS].rsplit(" ", 1)[0] + " …"


def by_kind(failed: pd.DataFrame) -> pd.DataFrame:
    """Processes per kind (every kind, also those with none), and whether the failure measures
    count it."""
    counts = failed["jenis_gagal"].value_counts()
    return pd.DataFrame({"jenis_gagal": list(FAILURE_KINDS), "jenis": list(FAILURE_KINDS.values()),
                         "jumlah_proses": [int(counts.get(k, 0)) for k in FAILURE_KINDS],
                         "dihitung_teks": ["tidak" if k == CANCELLED else "ya" for k in FAILURE_KINDS]})


def summary_text(failed: pd.DataFrame, period: Period, running_now: int | None = None) -> str:
    """One paragraph: how many processes failed in the period, per kind, which kinds the failure
    indicator counts and how the kind is set. For the team's stage report by default (naming the
    dataset and the stage result); with `running_now` (processes still running at the data date,
    `running`) in words only, for the leadership (F15)."""
    team = running_now is None
    still = (f" {fmt.angka(running_now)} proses masih berlangsung pada tanggal data dan belum dihitung."
             if running_now else "")
    if failed.empty:
        return f"Tidak ada proses pemilihan berstatus Gagal/Batal pada {period.nama}.{still}"
    kinds = by_kind(failed).set_index("jenis_gagal")["jumlah_proses"]
    counted = ", ".join(f"{FAILURE_KINDS[k]} {fmt.angka(kinds[k])}" for k in FAILURE_KINDS if k != CANCELLED)
    how = ("daftar peserta (SPSE-PesertaTender) dan keterangan ditutup/diulang pengumuman; daftar lengkap di "
           "hasil tahap 05_proses_gagal" if team else
           "daftar peserta tender dan keterangan penutupan atau pengulangan pengumuman")
    return (f"{fmt.angka(len(failed))} proses berstatus Gagal/Batal pada {period.nama}. Dihitung sebagai "
            f"pemilihan gagal: {counted}. Tidak dihitung: {FAILURE_KINDS[CANCELLED]} "
            f"{fmt.angka(kinds[CANCELLED])} (keputusan anggaran atau rencana, bukan kegagalan pemilihan). "
            f"Jenis ditetapkan dari {how}.{still}")


def scope_rows(packages: pd.DataFrame, scope: list[str], period: Period) -> pd.DataFrame:
    """The period's processes (year to date for a quarter) of the SOP's methods."""
    keep = period_rows(packages, period, cumulative=True) & packages["metode"].isin(scope)
    return packages[keep.to_numpy(bool)]


def running(packages: pd.DataFrame, period: Period, scope: list[str]) -> int:
    """Processes of the SOP's methods in the period (year to date) still running at the data
    date: neither awarded nor failed yet, so no failure measure counts them."""
    return int(scope_rows(packages, scope, period)["berlangsung"].fillna(False).astype(bool).sum())

