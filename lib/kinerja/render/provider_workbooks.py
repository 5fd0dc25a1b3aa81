"""Formats 6 and 7: the provider recaps (per provider, per satker) as Excel workbooks, from the
tables of kinerja.methods.providers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.core.config import Parameters
from kinerja.core.periods import Period
from kinerja.methods.providers import (
    ATTENTION_FORMATS,
    ATTENTION_HEADINGS,
    F6_FORMATS,
    F6_HEADINGS,
    F7_FORMATS,
    F7_HEADINGS,
    INDEX_FORMATS,
    INDEX_HEADINGS,
    PACKAGE_FORMATS,
    PACKAGE_HEADINGS,
    mean_score,
    ppk_of,
)
from kinerja.methods.provider_scores import DIFFERENCE_FORMATS, DIFFERENCE_HEADINGS
from kinerja.methods.provider_text import method_note, quality_text, sources_text
from kinerja.methods.sikap import PROBLEM_HEADINGS
from kinerja.render import excel


def _title(form: str, params: Parameters, period: Period) -> list[str]:
    return [form, params.ukpbj.nama, period.nama]


def _sums(recap: pd.DataFrame, columns) -> dict:
    """The totals row's sums of the count columns the recap has."""
    return {c: int(recap[c].sum()) for c in columns if c in recap}


def write_f6(path: Path, recap: pd.DataFrame, weak: pd.DataFrame, scored: pd.DataFrame,
             params: Parameters, period: Period, problems: pd.DataFrame | None = None,
             differences: pd.DataFrame | None = None) -> Path:
    """Format 6 — Rekapitulasi Kinerja Per Penyedia (with the packages behind it, their source,
    and the data quality of the SIKaP ratings: `problems` and `differences`,
    provider_scores.Scores)."""
    headings = {k: v for k, v in F6_HEADINGS.items() if k in recap.columns}
    n = len(scored)
    totals = {**_sums(recap, ("jumlah_paket", "paket_sikap", "paket_f5", "jumlah_putus")),
              "jumlah_ppk": int(ppk_of(scored).nunique()),
              "nilai": mean_score(scored["nilai_x100"]) if n else None,
              "nilai_min": scored["nilai"].min() if n else None}
    if "nilai_kontrak" in recap:
        totals["nilai_kontrak"] = float(recap["nilai_kontrak"].sum())
    note = method_note(params.metode) + [sources_text(scored)]
    problems = pd.DataFrame(columns=list(PROBLEM_HEADINGS)) if problems is None else problems
    differences = pd.DataFrame(columns=list(DIFFERENCE_HEADINGS)) if differences is None else differences
    return excel.write(path, [
        excel.Sheet("Rekap per penyedia", recap, headings, F6_FORMATS,
                    _title("FORMAT 6 — FORMULIR REKAPITULASI KINERJA PER PENYEDIA", params, period),
                    totals, "Jumlah / rata-rata", note),
        excel.Sheet("Penyedia Cukup dan Buruk", weak, ATTENTION_HEADINGS, ATTENTION_FORMATS,
                    _title("Penyedia berkategori Cukup atau Buruk dan paket yang dinilai", params, period),
                    notes=note),
        excel.Sheet("Penilaian per paket", scored,
                    {k: v for k, v in PACKAGE_HEADINGS.items() if k in scored.columns},
                    PACKAGE_FORMATS,
                    _title("Penilaian kinerja penyedia per paket (SIKaP dan Format 5)", params, period),
                    notes=note),
        excel.Sheet("Kualitas data penilaian", problems, PROBLEM_HEADINGS, {"nilai_indikator": "desimal"},
                    _title("Penilaian SIKaP yang ditandai (tidak ditebak)", params, period),
                    notes=[quality_text(problems, differences, scored)]),
        excel.Sheet("Selisih SIKaP dan Format 5", differences, DIFFERENCE_HEADINGS, DIFFERENCE_FORMATS,
                    _title("Paket yang dinilai SIKaP dan Format 5 dengan nilai berbeda", params, period),
                    notes=["Nilai SIKaP (penilaian resmi PPK) yang dipakai; nilai Format 5 sebagai pembanding."]),
    ])


def write_f7(path: Path, recap: pd.DataFrame, index: pd.DataFrame, scored: pd.DataFrame,
             params: Parameters, period: Period) -> Path:
    """Format 7 — Rekapitulasi Kinerja Per Satuan Kerja, with the UKPBJ index."""
    n = len(scored)
    totals = _sums(recap, ("jumlah_paket", "paket_sikap", "paket_f5", "paket_sangat_baik", "paket_baik",
                           "paket_cukup", "paket_buruk"))
    totals.update(jumlah_penyedia=int(scored["kd_penyedia"].nunique()),
                  jumlah_ppk=int(ppk_of(scored).nunique()),
                  nilai_kontrak=float(recap["nilai_kontrak"].sum()) if "nilai_kontrak" in recap else None,
                  nilai=mean_score(scored["nilai_x100"]) if n else None,
                  nilai_min=scored["nilai"].min() if n else None)
    note = method_note(params.metode) + [sources_text(scored)]
    return excel.write(path, [
        excel.Sheet("Rekap per satker", recap, F7_HEADINGS, F7_FORMATS,
                    _title("FORMAT 7 — FORMULIR REKAPITULASI KINERJA PER SATUAN KERJA INSTANSI",
                           params, period), totals, "Jumlah / rata-rata UKPBJ", note),
        excel.Sheet("Indeks kinerja penyedia", index, INDEX_HEADINGS, INDEX_FORMATS,
                    _title("Indeks kinerja penyedia UKPBJ", params, period),
                    notes=note + ["Indeks = rata-rata nilai seluruh paket yang dinilai pada "
                                  "periode ini (definisi buku kerja)."]),
    ])
