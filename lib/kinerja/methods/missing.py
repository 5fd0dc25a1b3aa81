"""Missing data, said as missing: why an indicator has no value (its register dataset was not
downloaded, the downloaded file was empty, no package qualifies in the period, or its survey was
not run), when a missing survey is collected (said relative to the report's own date) and, for the
team only (the Survei Teknis stage report and the README), how to run it. The sentences F15, F16
and the stage reports print come from here, so a report never shows a figure, a status, a
comparison or a proposed target for what it lacks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kinerja.core import fmt, paths
from kinerja.core.measures import MEASURES
from kinerja.core.periods import COLLECTION_MONTH, Period, deadline

NO_DATA = "Belum ada data"
# The four reasons an indicator has no value (kind() tells them apart by these words).
SURVEY_NOT_RUN = "belum dilaksanakan atau belum diterima"
DOWNLOAD = "unduh"
EMPTY_FILE = "kosong (tanpa baris)"
NONE_QUALIFY = "tidak ada paket di register yang memenuhi syarat hitung pada periode ini"


def not_downloaded(isb: str, label: str) -> str:
    """'unduh RUP-PaketPenyedia-Terumumkan (RUP paket penyedia belum ada di register)'."""
    return f"{DOWNLOAD} {isb} ({label} belum ada di register)"


def empty_file(files: list[str], label: str) -> str:
    """The downloaded file(s) of the dataset held no row: nothing to count, not zero."""
    return (f"berkas {', '.join(files)} {EMPTY_FILE}: unduhan tidak memuat {label} untuk "
            f"dihitung; unduh ulang bila seharusnya ada")


@dataclass(frozen=True)
class Survey:
    nama: str          # what the reader calls it
    formulir: str      # the SOP format that carries it
    responden: str     # who fills it in
    tahunan: bool      # collected once a year (satisfaction) or every quarter (Survei Teknis)


SURVEYS = {
    "teknis": Survey("Survei Teknis", "Format 4, 5 dan 8", "PPK dan Pokja Pemilihan", False),
    "penyedia": Survey("Survei Teknis: penilaian kinerja penyedia", "Format 5", "PPK", False),
    "pokja": Survey("Survei Teknis: data kinerja Pokja Pemilihan", "Format 8", "Pokja Pemilihan", False),
    "internal": Survey("Survei Kepuasan Pelanggan internal", "Format 12",
                       "pelanggan internal (PA/KPA, PPK, pejabat pengadaan, perangkat daerah)", True),
    "eksternal": Survey("Survei Kepuasan Pelanggan eksternal", "Format 13", "penyedia", True),
}
# indicator measure -> the survey that gives its value (indicators.Measure.survei)
BY_MEASURE = {u: m.survei for u, m in MEASURES.items() if m.survei}
# The provider measure takes the PPK's SIKaP ratings first, F5 only where they lack.
NO_RATINGS = "tidak ada penilaian kinerja penyedia oleh PPK di SIKaP (e-Kontrak) untuk paket periode ini"


def provider_missing(ratings: str = NO_RATINGS) -> str:
    """Why the provider measure has no value: no usable SIKaP rating (`ratings` says which way)
    and no Format 5 form."""
    s = SURVEYS["penyedia"]
    return f"{ratings}, dan {s.nama} ({s.formulir}) {SURVEY_NOT_RUN}"


def collection_month_names() -> str:
    """'Mei, Agustus, November, Januari': the months the four quarters are collected in."""
    return ", ".join(fmt.BULAN[COLLECTION_MONTH[q][1] - 1] for q in range(1, 5))


def collection_months(year: int) -> str:
    """'Mei, Agustus dan November 2025 serta Januari 2026': when year's quarters are collected."""
    months = [(year + add, month) for add, month in (COLLECTION_MONTH[q] for q in range(1, 5))]
    same = [fmt.BULAN[m - 1] for y, m in months if y == year]
    later = [f"{fmt.BULAN[m - 1]} {y}" for y, m in months if y != year]
    return f"{', '.join(same[:-1])} dan {same[-1]} {year}" + (f" serta {', '.join(later)}" if later else "")


def how_to(key: str, period: Period, params_file: str = "BERKAS_PARAMETER", deadline_day: int = 15) -> str:
    """For the team (Survei Teknis stage report): the steps to run a survey that has no data yet,
    with the commands to type (the parameter file relative to the project folder)."""
    s, y = SURVEYS[key], period.year
    shown = paths.shown(params_file) if params_file != "BERKAS_PARAMETER" else params_file
    intake = f"`kinerja intake --params {shown} FOLDER_FORMULIR`"
    if s.tahunan:
        return (f"{s.nama} ({s.formulir}): formulir kosong dibuat oleh `kinerja forms --params {shown} "
                f"--period {y}-TW4` (juga oleh tahap Survei Kepuasan Pelanggan); sebarkan kepada "
                f"{s.responden}, kumpulkan sekali setahun bersama Survei Teknis triwulan IV "
                f"({_month(Period(y, 4))}), lalu terima jawabannya dengan {intake} dan jalankan "
                f"ulang laporan.")
    return (f"{s.nama} ({s.formulir}): buat formulir per responden dengan `kinerja forms --params "
            f"{shown} --period {y}-TW1` (sampai {y}-TW4) dan kirim kepada {s.responden}; formulir "
            f"dikumpulkan pada bulan {collection_months(y)} (paling lambat tanggal {deadline_day}), "
            f"lalu terima dengan {intake} dan jalankan ulang laporan.")


def team_steps(params, period: Period, params_file: str) -> str:
    """For the team (the Survei Teknis stage report, Markdown): how each survey is run, with the
    commands (how_to); what leaders read says only what is missing and when it is collected."""
    day = params.metode.batas_hari_pengumpulan
    return ("**Cara melaksanakan survei (untuk Tim Pengumpul Data)**\n\n"
            + "\n".join(f"- {how_to(k, period, params_file, day)}" for k in ("teknis", "internal", "eksternal")))


def _month(period: Period) -> str:
    year, month = period.collection_month()
    return f"{fmt.BULAN[month - 1]} {year}"


def _deadlines(key: str, period: Period, deadline_day: int) -> list[tuple[str, dt.date]]:
    """(which collection, its deadline) of the period's data for a survey: each quarter up to the
    period's (Survei Teknis), or once a year with the fourth quarter (satisfaction)."""
    if SURVEYS[key].tahunan:
        return [("pengumpulan tahunan", deadline(Period(period.year, 4), deadline_day))]
    quarters = range(1, (period.quarter or 4) + 1)
    return [(f"triwulan {['I', 'II', 'III', 'IV'][q - 1]}", deadline(Period(period.year, q), deadline_day))
            for q in quarters]


def _listed(items: list[tuple[str, dt.date]]) -> str:
    return fmt.daftar(f"{what} {fmt.tanggal(d)}" for what, d in items)


def when_collected(key: str, period: Period, deadline_day: int = 15, today: dt.date | None = None) -> str:
    """When a survey's data for the period are collected, said relative to `today` (the report's
    own date): deadlines still ahead, or that they have passed (never a past deadline as coming)."""
    today = today or dt.date.today()
    due = _deadlines(key, period, deadline_day)
    past = [d for d in due if d[1] < today]
    ahead = [d for d in due if d[1] >= today]
    if not past:
        return f"Batas pengumpulannya: {_listed(ahead)}."
    if not ahead:
        return (f"Batas pengumpulannya sudah lewat pada tanggal laporan ini ({fmt.tanggal(today)}): "
                f"{_listed(past)}; datanya hanya dapat dilengkapi dengan pengumpulan susulan.")
    return (f"Batas pengumpulan {_listed(past)} sudah lewat pada tanggal laporan ini "
            f"({fmt.tanggal(today)}); batas berikutnya: {_listed(ahead)}.")


def survey_missing(key: str, period: Period, deadline_day: int = 15, today: dt.date | None = None) -> str:
    """One paragraph for every reader: which survey has no data for the period, and when it is
    collected relative to the report's date (how to run it: how_to, for the team)."""
    s = SURVEYS[key]
    return (f"{NO_DATA}: {s.nama} ({s.formulir}) {SURVEY_NOT_RUN} untuk {period.nama}. "
            + when_collected(key, period, deadline_day, today))


def when_none(received: int, key: str, period: Period, deadline_day: int = 15,
              today: dt.date | None = None) -> str:
    """survey_missing(...) when nothing was received, '' otherwise (for a stage's summary)."""
    return "" if received else survey_missing(key, period, deadline_day, today)


def kind(reason: str) -> str:
    """'survei', 'register' (not downloaded), 'kosong' (an empty file) or 'periode' (no package
    qualifies): which of the four reasons a reasons() text gives."""
    return ("survei" if SURVEY_NOT_RUN in reason else "register" if reason.startswith(DOWNLOAD)
            else "kosong" if EMPTY_FILE in reason else "periode")


def reasons(kpi: pd.DataFrame, lacking: pd.DataFrame | None = None) -> pd.Series:
    """Per indicator row: why it has no value ('' where it has one). `lacking`: the register
    datasets a KPI needs that were not downloaded or came empty
    (register_quality.missing_datasets)."""
    lack = {} if lacking is None or lacking.empty else (
        lacking.groupby("kode")["kekurangan"].agg("; ".join).to_dict())
    out = []
    for r in kpi.itertuples():
        if pd.notna(r.nilai):
            out.append("")
        elif BY_MEASURE.get(r.ukuran) == "penyedia":
            out.append(provider_missing())
        elif r.ukuran in BY_MEASURE:
            s = SURVEYS[BY_MEASURE[r.ukuran]]
            out.append(f"{s.nama} ({s.formulir}) {SURVEY_NOT_RUN}")
        elif r.kode in lack:
            out.append(lack[r.kode])
        else:
            out.append(NONE_QUALIFY)
    return pd.Series(out, index=kpi.index, dtype="object")


def missing_surveys(kpi: pd.DataFrame) -> list[str]:
    """The survey keys whose indicators have no value, in catalogue order."""
    keys = [BY_MEASURE[u] for u, v in zip(kpi["ukuran"], kpi["nilai"]) if u in BY_MEASURE and pd.isna(v)]
    return list(dict.fromkeys(keys))


def collection_status(results: dict[str, pd.DataFrame], year: int) -> pd.DataFrame:
    """Per survey: what came in for the report's year (survei, formulir, status, jumlah)."""
    lengkap = results.get("02_kelengkapan_opd", pd.DataFrame())
    ikm = results["03_ikm"]
    ikm = ikm[ikm["tahun"] == year].set_index("kelompok")
    indeks = results["04_indeks"].iloc[0]  # the forms returned, not the packages SIKaP rated
    counts = {"penyedia": int(indeks["paket_f5"]) if pd.notna(indeks.get("paket_f5", pd.NA)) else 0,
              "pokja": int(lengkap["terjawab_f8"].sum()) if "terjawab_f8" in lengkap else 0}
    for k in ("internal", "eksternal"):
        counts[k] = int(ikm.loc[k, "responden"]) if k in ikm.index and pd.notna(ikm.loc[k, "responden"]) else 0
    unit = {"penyedia": "paket dinilai", "pokja": "paket dilaporkan", "internal": "responden",
            "eksternal": "responden"}
    rows = [{"survei": SURVEYS[k].nama, "formulir": SURVEYS[k].formulir, "jumlah": n,
             "status": f"{fmt.angka(n)} {unit[k]}" if n else NO_DATA, "kunci": k}
            for k, n in counts.items()]
    return pd.DataFrame(rows)
