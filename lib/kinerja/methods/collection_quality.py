"""How the Survei Teknis collection went (stage 02 and the report's data quality): the stage's
summary sentence, the respondents who need a reminder, how many asked package rows were
answered, and the report's data-quality table (F15 section 6), from the collection status
(formulir.collection) and the stage results of 02–04."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.periods import Period
from kinerja.methods import missing, provider_text


def summary_text(status: pd.DataFrame, submissions: pd.DataFrame, params: Parameters, period: Period,
                 deadline_day: int) -> str:
    """Stage 02's opening paragraph (Markdown): respondents expected, on time / late / missing,
    the deadline, files processed and unreadable, and when the survey is collected when nothing
    came in (how to run it: missing.how_to, shown below it for the team).
    `status`: collection.status; `submissions`: the store's submissions (status 'error' =
    unreadable)."""
    count = status["status"].value_counts()
    unreadable = submissions["status"] == "error"
    return (f"**{params.ukpbj.nama}** — {period.nama}. Responden yang diharapkan: {fmt.angka(len(status))} "
            f"(PPK dan Pokja Pemilihan dengan paket dalam lingkup pada triwulannya). "
            f"Tepat waktu {fmt.angka(count.get('Tepat waktu', 0))}, terlambat "
            f"{fmt.angka(count.get('Terlambat', 0))}, belum masuk {fmt.angka(count.get('Belum masuk', 0))}. "
            f"Batas pengiriman: tanggal {deadline_day} bulan pengumpulan ({missing.collection_month_names()}). "
            f"Kiriman yang diolah: {fmt.angka((~unreadable).sum())} berkas; "
            f"tidak terbaca: {fmt.angka(unreadable.sum())} berkas. "
            + missing.when_none(len(submissions), "teknis", period, deadline_day))


def needs_attention(status: pd.DataFrame) -> pd.DataFrame:
    """The respondents to remind (collection.status rows): late, nothing received, or forms
    still missing; `nip` is a PPK's NIP, empty for a Pokja (named by its members: its code stays
    in the F9–F11 workbooks)."""
    out = status[(status["status"] != "Tepat waktu") | ~status["lengkap"]]
    return out.assign(nip=out["kode_responden"].where(out["jenis_responden"] == "PPK", ""))


def answered(completeness: pd.DataFrame) -> tuple[int, int]:
    """(package rows answered, package rows asked) over Format 5 and Format 8 and every OPD
    (collection.completeness_by_opd, 02_kelengkapan_opd)."""
    if not len(completeness):
        return 0, 0
    return (int(completeness[["terjawab_f5", "terjawab_f8"]].to_numpy().sum()),
            int(completeness[["paket_f5", "paket_f8"]].to_numpy().sum()))


def completeness_text(completeness: pd.DataFrame) -> str:
    """'Secara keseluruhan 120 dari 150 baris paket terjawab (80,0%).'"""
    done, asked = answered(completeness)
    share = 100 * done / asked if asked else np.nan
    return (f"Secara keseluruhan {fmt.angka(done)} dari {fmt.angka(asked)} baris paket terjawab "
            f"({fmt.persen(share, 1)}).")


def data_quality(results: dict[str, pd.DataFrame], kpi: pd.DataFrame, year: int) -> pd.DataFrame:
    """The collection's data quality as (aspek, nilai, keterangan) rows, from stages 02–04, with
    what each survey brought in for the report's year."""
    ring = results["02_ringkasan_pengumpulan"]
    lengkap = results["02_kelengkapan_opd"]
    tolak = results["02_penolakan_alasan"]
    indeks = results["04_indeks"].iloc[0]
    rows = []
    if len(ring):
        responden = int(ring["responden"].sum())
        masuk = int(ring["Tepat waktu"].sum() + ring["Terlambat"].sum())
        rows.append(("Responden Survei Teknis yang mengirim",
                     f"{fmt.angka(masuk)} dari {fmt.angka(responden)}",
                     f"tingkat respons {fmt.persen(100 * masuk / responden if responden else np.nan)}; "
                     f"terlambat {fmt.angka(ring['Terlambat'].sum())}, belum masuk "
                     f"{fmt.angka(ring['Belum masuk'].sum())}"))
    jawab, paket = answered(lengkap)
    rows.append(("Baris paket formulir F5/F8 yang terjawab", f"{fmt.angka(jawab)} dari {fmt.angka(paket)}",
                 f"kelengkapan {fmt.persen(100 * jawab / paket if paket else np.nan)}"))
    rows.append(("Penolakan baris/berkas formulir", fmt.angka(int(tolak["jumlah"].sum()) if len(tolak) else 0),
                 "; ".join(f"{r.jenis_kesalahan} ({fmt.angka(r.jumlah)})" for r in tolak.itertuples())
                 or "tidak ada"))
    rows.append(("Paket selesai yang dinilai PPK (SIKaP, F5)",
                 f"{fmt.angka(indeks['jumlah_paket'])} dari {fmt.angka(indeks['paket_selesai'])}",
                 f"cakupan {fmt.persen(indeks['cakupan'])}; {provider_text.sources_text(results['04_penyedia_paket'])}"))
    flagged = results["04_mutu_penilaian"]
    if len(flagged) or len(results["04_selisih_sumber"]):
        rows.append(("Penilaian SIKaP yang ditandai", fmt.angka(flagged[["kode_paket", "no_kontrak"]]
                                                              .drop_duplicates().shape[0]) + " kontrak",
                     provider_text.quality_text(flagged, results["04_selisih_sumber"], results["04_penyedia_paket"])))
    for r in missing.collection_status(results, year).itertuples():
        rows.append((f"{r.survei} ({r.formulir})", r.status,
                     "diterima" if r.jumlah else missing.SURVEY_NOT_RUN))
    for r in results["03_ikm"].itertuples():
        if r.tahun != year or not r.responden:
            continue
        rows.append((f"Responden survei kepuasan {r.kelompok}",
                     f"{fmt.angka(r.responden)} (minimum {fmt.angka(r.sampel_minimum)})",
                     ("sampel memadai" if r.sampel_cukup else "sampel belum memadai")
                     + ("; mutu pasti dalam selang 95%" if r.mutu_pasti else "; selang 95% melintasi batas mutu")))
    kosong = kpi[kpi["nilai"].isna()]["kode"].tolist()
    rows.append(("Indikator tanpa data pada periode ini", fmt.angka(len(kosong)), ", ".join(kosong) or "–"))
    return pd.DataFrame(rows, columns=["aspek", "nilai", "keterangan"])
