"""Sentences of the satisfaction survey (stage 03): each customer group's IKM with its mutu,
interval, change since last year and sample size; the unsur that moved most; the weakest unsur
with their follow-up; and table captions. Figures come from satisfaction.summary / nrr_table /
weakest; a group without answers is said as missing (kinerja.methods.missing)."""

from __future__ import annotations

import pandas as pd

from kinerja.core.config import Parameters
from kinerja.core.fmt import angka, arah, kata, rentang
from kinerja.methods import satisfaction as sat
from kinerja.core.periods import Period
from kinerja.methods import missing
from kinerja.methods.satisfaction import KELOMPOK, PELANGGAN, WEAKEST, bobot_label

NO_DATA = "Belum ada data."


def _finding(key: str, this: pd.DataFrame, last: pd.DataFrame, period: Period, deadline_day: int) -> str:
    head = f"- **{PELANGGAN[key]}**: "
    if key not in this.index:
        return head + missing.survey_missing(key, period, deadline_day)
    r = this.loc[key]
    text = (f"{head}IKM konversi **{angka(r.ikm_konversi, 2)}** (nilai IKM {angka(r.ikm, 4)}), "
            f"mutu **{r.mutu}** — kinerja unit pelayanan *{r.kinerja}*, dari {angka(r.responden)} responden. "
            f"Selang kepercayaan 95%: {rentang(r.ci_bawah, r.ci_atas)}")
    text += ("; seluruh selang berada dalam pita mutu yang sama." if r.mutu_pasti else
             "; selang ini melintasi batas pita mutu, sehingga mutu belum dapat dipastikan dari sampel ini.")
    if key in last.index:
        before = last.loc[key]
        change = r.ikm_konversi - before.ikm_konversi
        text += (f" Dibanding tahun {period.year - 1} ({angka(before.ikm_konversi, 2)}, mutu {before.mutu}) "
                 f"{arah(change)} {angka(abs(change), 2)} poin.")
    if pd.notna(r.sampel_minimum):
        text += (f" Sampel minimum untuk populasi {angka(r.populasi)} adalah {angka(r.sampel_minimum)} "
                 f"responden: " + ("**terpenuhi**." if r.sampel_cukup else
                                   f"**belum terpenuhi** (kurang {angka(r.sampel_minimum - r.responden)})."))
    return text


def summary_text(this: pd.DataFrame, last: pd.DataFrame, params: Parameters, period: Period) -> str:
    """Stage 03's summary (Markdown): the unsur weight, then one line per customer group from
    this year's and last year's IKM (satisfaction.of_year), or when its survey is collected."""
    m = params.metode
    lines = [_finding(k, this, last, period, m.batas_hari_pengumpulan) for k in KELOMPOK]
    return (f"**{params.ukpbj.nama}** — {period.nama}. Bobot tiap unsur: {bobot_label(m.bobot_ikm)}.\n\n"
            + "\n".join(lines))


def unit_changes(nrr: pd.DataFrame, year: int) -> str:
    """Per customer group, the unsur whose NRR konversi rose most since last year and the one
    that fell most (nrr_table rows of both years with a `tahun` column)."""
    if not len(nrr):
        return NO_DATA
    lines = []
    for key in KELOMPOK:
        d = nrr[nrr["kelompok"] == key].pivot(index=["unsur", "nama"], columns="tahun", values="konversi")
        if year - 1 not in d or year not in d:
            lines.append(f"- {PELANGGAN[key]}: tidak ada data tahun {year - 1} untuk dibandingkan.")
            continue
        change = (d[year] - d[year - 1]).dropna().sort_values()
        up, down = change.index[-1], change.index[0]
        text = f"- {PELANGGAN[key]}: kenaikan terbesar pada {up[0]} {up[1]} ({angka(change.iloc[-1], 2)} poin)"
        if change.iloc[0] < 0:
            text += f"; penurunan terbesar pada {down[0]} {down[1]} ({angka(change.iloc[0], 2)} poin)"
        lines.append(text + ".")
    return "\n".join(lines)


def weakest_text(weakest: pd.DataFrame) -> str:
    """The weakest unsur per customer group (satisfaction.weakest), ranked, each with its NRR,
    konversi, mutu and follow-up (Markdown)."""
    parts = []
    for key in KELOMPOK:
        d = weakest[weakest["kelompok"] == key]
        if len(d):
            rows = [f"{r.peringkat}. **{r.unsur} {r.nama}** — NRR {angka(r.nrr, 4)}, konversi "
                    f"{angka(r.konversi, 2)} (mutu {r.mutu}). {r.tindak_lanjut}" for r in d.itertuples()]
            parts.append(f"**{PELANGGAN[key]}**\n\n" + "\n".join(rows))
    return "\n\n".join(parts) or NO_DATA


def opd_caption(shown: int, total: int) -> str:
    """The caption of the per-OPD IKM table: how many OPD of how many are shown."""
    return f"Pelanggan internal per OPD, urut dari IKM terendah ({angka(shown)} dari {angka(total)} OPD)"


def group_caption(year: int) -> str:
    """The caption of the IKM table per customer group."""
    return f"IKM per kelompok pelanggan, tahun {year}"


def comparison_headings(year: int) -> dict[str, str]:
    """The headings of the year comparison (satisfaction.compare_years), named by year."""
    return {"kelompok": "Kelompok", "ikm_konversi_lalu": f"IKM konversi {year - 1}", "mutu_lalu": f"Mutu {year - 1}",
            "ikm_konversi": f"IKM konversi {year}", "mutu": f"Mutu {year}", "selisih": "Selisih (poin)"}


def unsur_headings(wide: pd.DataFrame) -> dict[str, str]:
    """The headings of the per-unsur table (satisfaction.nrr_wide): unsur, then NRR, konversi
    and mutu of each customer group that answered, internal first."""
    headings = {"unsur": "Unsur", "nama": "Nama unsur"}
    for key in KELOMPOK:
        headings |= {f"nrr_{key}": f"NRR {key}", f"konversi_{key}": f"Konversi {key}", f"mutu_{key}": f"Mutu {key}"}
    return {column: heading for column, heading in headings.items() if column in wide}


def unsur_formats(wide: pd.DataFrame) -> dict[str, str]:
    """The per-unsur table's number formats: NRR and konversi with two decimals."""
    return {column: "desimal" for column in wide.columns if column.startswith(("nrr_", "konversi_"))}


def weakest_caption(k: int = WEAKEST) -> str:
    """The caption of the table of the k weakest unsur (satisfaction.weakest)."""
    return f"{kata(k)} unsur pelayanan terlemah per kelompok pelanggan"


def bands_note(batas) -> str:
    """How NRR per unsur is read, with the quality bands of the parameter file (metode.batas_mutu_ikm)."""
    d, c, b = (angka(x, 2) for x in batas)
    return ("Nilai rata-rata (NRR) tiap unsur dihitung dari responden yang menjawab unsur itu, lalu dikonversi "
            f"ke skala 25–100 dan dibandingkan dengan pita mutu peraturan: D sampai {d}; C sampai {c}; B sampai "
            f"{b}; A di atasnya.")


def uncertainty_note() -> str:
    """Why the report gives an interval beside the Krejcie & Morgan minimum sample."""
    return ("Ukuran sampel minimum mengikuti tabel Krejcie & Morgan yang dipakai PermenPANRB 14/2017 (tingkat "
            "kepercayaan 95%, galat 5%). Tabel itu dibuat untuk proporsi, sedangkan IKM adalah rata-rata; karena "
            "itu buku kerja ini juga melaporkan selang kepercayaan 95% IKM konversi dengan bootstrap atas "
            f"responden ({angka(sat.BOOTSTRAP_ULANGAN)} ulangan, seed tetap): bila selang melintasi batas pita, "
            "mutu belum pasti.")


def groups_note() -> str:
    """Which OPD and respondent types the per-group tables show (satisfaction.enough_respondents)."""
    return (f"Hanya kelompok dengan paling sedikit {kata(sat.MIN_RESPONDEN_KELOMPOK).lower()} responden yang "
            "ditampilkan; dengan sampel sekecil ini selangnya lebar, sehingga angka per OPD adalah petunjuk, "
            "bukan penilaian.")
