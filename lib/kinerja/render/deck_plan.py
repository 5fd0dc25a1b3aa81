"""Materi presentasi perencanaan: the deck of the planning meeting (seed 001 steps 6–7: the
Koordinator presents the performance plan and the circular and asks the leadership to approve
them, or to send the plan back for improvement).

The deck shows the plan as Format 3 does (render/documents.py): the same plan table
(indicators.plan_table) with its values marked as proposals while the parameter file still marks
them `# USULAN:` (planning.marked_plan), the same goals and areas (planning.goals_and_areas),
mapping (report.area_mapping, planning.mapping_total) and action plans (planning.action_plans);
nothing is computed or worded here that F3 words otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.periods import data_per
from kinerja.methods import planning, register_quality, report
from kinerja.methods.indicators import POLARITAS
from kinerja.render import display, slides
from kinerja.render.docx_primitives import DRAFT

F3 = "Dokumen Perencanaan Kinerja (Format 3)"


def _title(params: Parameters, data_date, demo: bool, draft: bool) -> slides.Slide:
    s, dated = params.surat.dokumen_perencanaan, data_per(data_date)
    lines = [params.ukpbj.nama, f"{F3} Nomor {s.nomor}, {fmt.tanggal(s.tanggal)}", dated[0].upper() + dated[1:],
             "Permohonan persetujuan pimpinan", demo and register_quality.DEMO_BANNER, draft and DRAFT]
    return slides.Slide(f"Rencana Kinerja Pengadaan Barang/Jasa Tahun {params.tahun}", kind="judul",
                        subtitle="\n".join(x for x in lines if x),
                        notes=f"Paparan rencana kinerja dan target tahun berjalan kepada "
                              f"{params.pejabat.kepala_ukpbj.jabatan} dan pimpinan untuk mendapatkan persetujuan: {F3} "
                              f"dan Surat Edaran implementasi pengelolaan kinerja (Format 2).")


def _goals(params: Parameters, pemetaan: pd.DataFrame) -> list[slides.Slide]:
    goals = planning.goals_and_areas(params)
    areas = goals.merge(report.area_mapping(pemetaan, params)[["area", "cakupan", "indikator"]], on="area")
    return [slides.Slide("Tujuan pengadaan", notes=f"Sumber: {F3}, Bab II Tujuan dan Area Strategis.",
                         bullets=[f"{r.tujuan} {r.nama_tujuan}" for r in goals.drop_duplicates("tujuan").itertuples()]),
            slides.Slide("Area strategis", notes=f"Sumber: {F3}, Bab II Tujuan dan Area Strategis. Cakupan paket: "
                                                 f"paket yang dihitung indikator area itu.",
                         table=_heads(areas, {"area": "Kode", "nama_area": "Area strategis", "tujuan": "Tujuan",
                                              "cakupan": "Cakupan paket", "indikator": "Indikator"}))]


def _heads(frame: pd.DataFrame, headings: dict[str, str]) -> pd.DataFrame:
    return frame[list(headings)].rename(columns=headings)


def _mapping(params: Parameters, pemetaan: pd.DataFrame, total: dict, notes: Sequence[str]) -> slides.Slide:
    """The packages each area covers, and all areas together (each package once), as F3's Bab V."""
    per_area = report.area_mapping(pemetaan, params)
    everything = pd.DataFrame([{"area": "", "area_nama": planning.ALL_AREAS, "jumlah_opd": None,
                                "jumlah_paket": total["paket"], "pagu": total["pagu"]}])
    shown = pd.concat([per_area, everything], ignore_index=True)
    shown = shown.assign(opd=shown["jumlah_opd"].map(fmt.angka), paket=shown["jumlah_paket"].map(fmt.angka),
                         pagu_teks=shown["pagu"].map(fmt.rupiah))
    return slides.Slide(f"Paket Tahun Anggaran {params.tahun} yang dicakup area strategis",
                        table=_heads(shown, {"area": "Kode", "area_nama": "Area strategis", "opd": "OPD",
                                             "paket": "Paket", "pagu_teks": "Pagu"}),
                        notes=" ".join([f"Sumber: {F3}, Bab V Pemetaan Area Strategis ke Paket Perangkat Daerah.",
                                        planning.mapping_total_text(total), *notes]))


def _indicators(params: Parameters, rencana: pd.DataFrame) -> list[slides.Slide]:
    """Per strategic area: its indicators with baseline and target as F3 shows them, each
    indicator's attributes in the notes."""
    plan = planning.marked_plan(rencana, params)
    plan = plan.assign(baseline_teks=display.kpi_value(plan, "baseline"), target_teks=display.kpi_value(plan, "target"),
                       arah=plan["polaritas"].map(POLARITAS))
    out = []
    for a in params.area_strategis:
        rows = plan[plan["area"] == a.kode]
        if rows.empty:
            continue
        out.append(slides.Slide(
            f"{a.kode} {a.nama}: indikator dan target",
            table=_heads(rows, {"kode": "Kode", "nama": "Indikator", "arah": "Polaritas", "baseline_teks": "Baseline",
                                "target_teks": "Target", "status_target": "Status target"}),
            notes=f"Sumber: {F3}, Bab III Indikator Kinerja dan Atribut. Baseline adalah realisasi tahun sebelumnya "
                  f"bila datanya ada di register; bila tidak, baseline yang ditetapkan dalam berkas parameter.",
            row_notes=[f"{r.kode} {r.nama}. Definisi: {r.definisi} Rumus: {r.rumus}. Definisi hitung: "
                       f"{r.definisi_buku_kerja} Dataset sumber: {r.dataset_sumber}. Polaritas: {r.arah}. Baseline "
                       f"{r.baseline_teks}, sumber: {r.baseline_sumber}; target {r.target_teks} ({r.status_target}). "
                       f"Penanggung jawab: {r.penanggung_jawab}; frekuensi {r.frekuensi.lower()}."
                       for r in rows.itertuples()]))
    return out


def _action_plans(params: Parameters) -> slides.Slide:
    """How many action plans each indicator has and who carries them out; the plans themselves
    in the notes of the slide that lists their indicator."""
    brief = planning.action_plan_brief(params)
    plans = planning.action_plans(params)
    return slides.Slide(
        "Rencana aksi (ringkas)", notes=f"Sumber: {F3}, Bab IV Rencana Aksi.",
        table=_heads(brief.assign(jumlah=brief["jumlah"].map(fmt.angka)), {
            "kode": "Kode", "nama": "Indikator", "jumlah": "Rencana aksi", "penanggung_jawab": "Penanggung jawab",
            "status": "Status"}),
        row_notes=["\n".join(f"{r.indikator} {r.kode}: {r.uraian}. Jadwal: {r.jadwal}. Keluaran: {r.keluaran}. "
                             f"Penanggung jawab: {r.penanggung_jawab}." for r in part.itertuples())
                   for _, part in plans.groupby("indikator", sort=False)])


def _decision(params: Parameters) -> slides.Slide:
    plan, circular = params.surat.dokumen_perencanaan, params.surat.surat_edaran
    asked = [f"Menyetujui {F3} Nomor {plan.nomor}: tujuan, area strategis, {fmt.angka(len(params.indikator))} "
             f"indikator kinerja beserta baseline, target dan rencana aksinya, untuk dilaksanakan.",
             f"Menyetujui Surat Edaran implementasi pengelolaan kinerja (Format 2) Nomor {circular.nomor} untuk "
             f"dikirim kepada Perangkat Daerah, PPK dan Pokja Pemilihan.",
             "Atau mengembalikan rencana kinerja untuk diperbaiki sebelum dilaksanakan.",
             planning.proposals_note(params)]
    head = params.pejabat.kepala_ukpbj
    return slides.Slide("Keputusan yang dimohon", bullets=[x for x in asked if x],
                        notes=f"SOP Pengelolaan Kinerja Pengadaan langkah 6–7: pimpinan menyetujui rencana kinerja "
                              f"untuk dieksekusi atau meminta perbaikan atas rencana yang diusulkan. Persetujuan "
                              f"ditandatangani pada lembar pengesahan {F3} oleh {head.nama} ({head.jabatan}); setelah "
                              f"itu Surat Edaran dikirim dan sosialisasi dilaksanakan.")


def write(params: Parameters, rencana: pd.DataFrame, pemetaan: pd.DataFrame, path: Path, *, total: dict,
          catatan: Sequence[str] = (), data_date=None, demo: bool = False, draft: bool = False) -> Path:
    """The planning meeting's deck (.pptx) from the plan F3 is written from: `rencana`
    (indicators.plan_table), `pemetaan` (planning.area_mapping), `total` (planning.mapping_total),
    `catatan` (planning.plan_notes)."""
    deck = [_title(params, data_date, demo, draft), *_goals(params, pemetaan),
            _mapping(params, pemetaan, total, catatan), *_indicators(params, rencana), _action_plans(params),
            _decision(params)]
    return slides.write(deck, slides.Style.of(params, data_date, demo, draft), path)
