"""Materi presentasi laporan: the deck of the report meeting (seed 001 steps 17–18: the
Koordinator presents the performance report; seed 000 step 7: with the dashboard, the
recommendations and next year's plan, to the Kepala UKPBJ and the leadership, who accept it or
send it back).

Nothing here computes a figure or words a finding: the slides show F15 as it is described
(render/laporan.py, `describe`) — its cover, summary lines, KPI table, findings, proposed targets
and decision sentence — and draw the report's tables with the chart functions of render/charts.
Tables are taken from the description by the column they carry (`status_teks`, `bukti`,
`usulan_teks` …), so when the report's content improves the deck follows without a change here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from kinerja.core import fmt
from kinerja.core.periods import data_per, incomplete_note
from kinerja.methods import narrative, planning, register_quality, report
from kinerja.render import charts, slides
from kinerja.render.docx_primitives import DRAFT
from kinerja.render.layout import Bullets, Document, Paragraph, Section, Table
from kinerja.render.laporan import Bahan, cover

F15 = "Laporan Evaluasi Kinerja (Format 15)"


# --------------------------------------------------------------------------- the report's parts

def _chapters(doc: Document) -> Iterator[tuple[Section, object]]:
    """(chapter, block) for every block of the report, subsections' blocks under their chapter."""
    def walk(blocks):
        for b in blocks:
            yield b
            if isinstance(b, Section):
                yield from walk(b.blocks)
    for chapter in doc.sections:
        for block in walk(chapter.blocks):
            yield chapter, block


def _part(doc: Document, key: str) -> tuple[Table, Section]:
    """The report's table carrying column `key`, and the chapter it stands in."""
    return next((b, c) for c, b in _chapters(doc)
                if isinstance(b, Table) and key in [column.key for column in b.columns])


def _shown(table: Table, keys: list[str], frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Columns `keys` of a report table as the report prints them: its headings, its cell texts
    (of `frame`, rows of the table's own frame, when given)."""
    columns = [c for k in keys for c in table.columns if c.key == k]
    part = Table(table.frame if frame is None else frame, columns)
    return pd.DataFrame(part.rows(), columns=part.headings)


def _source(chapter: Section) -> str:
    """Where a slide's figures are in F15, and the chapter's own explanation of them."""
    first = next((b.text for b in chapter.blocks if isinstance(b, Paragraph)), "")
    return f'Sumber: {F15}, bab "{chapter.title}". {first}'.strip()


def _definitions(doc: Document, codes: list[str]) -> list[str]:
    """Each indicator's definition in words, data sources and polarity, as F15's method annex
    prints them."""
    table, _ = _part(doc, "definisi_buku_kerja")
    rows = _shown(table, ["kode", "nama", "definisi_buku_kerja", "dataset_sumber", "polaritas"],
                  table.frame[table.frame["kode"].isin(codes)])
    return [f"{kode} {nama}: {definition} Dataset sumber: {sources}. Polaritas: {polarity}."
            for kode, nama, definition, sources, polarity in rows.itertuples(index=False)]


# --------------------------------------------------------------------------- slides

def _title(b: Bahan) -> slides.Slide:
    c = cover(b)
    lines = [c.ukpbj, c.periode, c.data_per, c.revisi, c.catatan and f"Catatan pimpinan: {c.catatan}",
             c.demo, b.draft and DRAFT]
    return slides.Slide(c.judul, subtitle="\n".join(x for x in lines if x), kind="judul",
                        notes=f"Paparan {F15} kepada Kepala UKPBJ dan pimpinan untuk mendapatkan keputusan: "
                              f"laporan diterima atau dikembalikan untuk perbaikan, rekomendasi perbaikan "
                              f"disetujui, dan indikator yang dinyatakan tercapai. {c.dibuat}.")


def _summary(doc: Document) -> list[slides.Slide]:
    chapter = doc.sections[0]
    lines = [line for b in chapter.blocks if isinstance(b, Bullets) for line in b.lines]
    return [slides.Slide("Ringkasan", bullets=lines, notes=_source(chapter))]


def _coverage(b: Bahan, doc: Document) -> list[slides.Slide]:
    c = cover(b)
    dated = incomplete_note(b.period, b.data_date) or f"{c.periode}, {data_per(b.data_date)}"
    total = planning.mapping_total(b.packages, b.params, b.period.year)
    quality, chapter = _part(doc, "aspek")
    lines = [f"{dated}.", planning.mapping_total_text(total), register_quality.note(b.mutu_register)]
    return [slides.Slide("Data dan cakupan", bullets=lines,
                         notes=f"Sumber: {F15}, sampul, bab Rincian per OPD dan per metode pemilihan (pemetaan area "
                               f"strategis) dan bab Kualitas data pengumpulan (register paket). "
                               f"{' '.join(report.area_mapping_text(b.params, b.period, b.packages))}"),
            slides.Slide("Kelengkapan data pengumpulan", table=_shown(quality, ["aspek", "nilai", "keterangan"]),
                         notes=_source(chapter))]


def _at_a_glance(b: Bahan, doc: Document) -> list[slides.Slide]:
    kpi, chapter = _part(doc, "status_teks")
    tolerance = float(b.kpi["toleransi"].iloc[0])
    terms = report.method_parameters(b.params, tolerance).set_index("parameter")["nilai"]
    defined = " ".join(f"{name}: {terms[name]}." for name in terms.index
                       if name.startswith(("Toleransi", "Status", "Capaian")))
    chart = charts.achievement(b.kpi, size=slides.chart_size(), font=15)
    return [slides.Slide("Status indikator sekilas", image=chart,
                         notes=f'Grafik capaian yang sama dengan {F15}, bab "{chapter.title}". {defined}'),
            slides.Slide("Capaian indikator kinerja", notes=_source(chapter), table=_shown(
                kpi, ["kode", "nama", "realisasi", "target_teks", "capaian_teks", "status_teks"]))]


PANELS = 4  # indicators a strategic area's slide shows (more continue on the next slide)


def _areas(b: Bahan, doc: Document) -> list[slides.Slide]:
    """One slide per strategic area (two when it has more than PANELS indicators): its
    indicators' realisation against target, and the value of each quarter on its own."""
    kpi, chapter = _part(doc, "status_teks")
    trend, _ = _part(doc, "TW I")
    quarters = [c.key for c in trend.columns if c.key.startswith("TW ")]
    out = []
    for a in b.params.area_strategis:
        rows = kpi.frame[kpi.frame["area"] == a.kode]
        parts = math.ceil(len(rows) / PANELS)
        for n in range(parts):
            size = math.ceil(len(rows) / parts)
            part = rows.iloc[n * size:(n + 1) * size]
            by_quarter = _shown(trend, quarters, trend.frame.set_index("kode").loc[part["kode"]].reset_index())
            lines = [f"{r.kode} {r.nama}: realisasi {r.realisasi}, target {r.target_teks}, capaian "
                     f"{r.capaian_teks}, status {r.status_teks}; per triwulan "
                     + ", ".join(f"{q} {v}" for q, v in zip(by_quarter.columns, values)) + "."
                     for r, values in zip(part.itertuples(), by_quarter.itertuples(index=False))]
            out.append(slides.Slide(
                f"{a.kode} {a.nama}" + (slides.CONTINUED if n else ""),
                image=charts.quarter_panels(part, b.tren, slides.chart_size(subtitle=True)),
                subtitle="Realisasi terhadap target dan nilai setiap triwulan (bukan kumulatif)",
                notes="\n".join([_source(chapter), *lines, *_definitions(doc, list(part["kode"]))])))
    return out


def _findings(doc: Document) -> list[slides.Slide]:
    found, chapter = _part(doc, "bukti")
    if found.frame.empty:
        return [slides.Slide("Temuan", bullets=["Tidak ada temuan."], notes=_source(chapter))]
    return [slides.Slide("Temuan dan buktinya", table=_shown(found, ["no", "temuan", "bukti"]),
                         notes=_source(chapter)),
            slides.Slide("Rekomendasi perbaikan", table=_shown(found, ["no", "topik", "rekomendasi"]),
                         notes=_source(chapter))]


def _targets(b: Bahan, doc: Document) -> list[slides.Slide]:
    proposed, chapter = _part(doc, "usulan_teks")
    return [slides.Slide(f"Usulan target tahun {b.period.year + 1}", notes=_source(chapter),
                         table=_shown(proposed, [c.key for c in proposed.columns]))]


def _decision(b: Bahan, doc: Document) -> list[slides.Slide]:
    decided = report.decided(b.kpi)
    current = narrative.decision_paragraph(report.decision_text(b.params), b.params, decided)
    n = len(b.temuan)
    asked = [f"Menerima laporan ini, atau mengembalikannya kepada Tim Pengolah Data untuk diperbaiki (revisi "
             f"ke-{b.params.laporan.revisi + 1}).",
             f"Menyetujui {fmt.angka(n)} rekomendasi perbaikan untuk dilaksanakan, atau melanjutkan proses tanpa "
             f"perbaikan." if n else "Melanjutkan proses: laporan ini tidak memuat rekomendasi perbaikan.",
             "Menetapkan indikator kinerja yang dinyatakan telah tercapai.",
             f"Menyetujui usulan target tahun {b.period.year + 1} sebagai bahan Dokumen Perencanaan Kinerja "
             f"tahun {b.period.year + 1}.",
             f"Keadaan saat ini: {current}"]
    head = b.params.pejabat.kepala_ukpbj
    out = [slides.Slide("Keputusan yang dimohon", bullets=asked,
                        notes=f"SOP Pengelolaan Kinerja Pengadaan langkah 18: menyetujui rekomendasi perbaikan untuk "
                              f"dieksekusi, melanjutkan proses tanpa perbaikan, atau menetapkan indikator kinerja "
                              f"telah tercapai. Keputusan dicatat pada bab Keputusan pimpinan {F15} dan "
                              f"ditandatangani oleh {head.nama} ({head.jabatan}); laporan yang dikembalikan disusun "
                              f"ulang sebagai revisi berikutnya.")]
    if len(decided):
        table, chapter = _part(doc, "catatan_keputusan")
        out.append(slides.Slide("Keputusan per indikator", table=_shown(table, [c.key for c in table.columns]),
                                notes=_source(chapter)))
    return out


def write(b: Bahan, doc: Document, path: Path) -> Path:
    """The report meeting's deck (.pptx) from the report's material `b` and its description `doc`
    (laporan.describe(b))."""
    deck = [_title(b), *_summary(doc), *_coverage(b, doc), *_at_a_glance(b, doc), *_areas(b, doc),
            *_findings(doc), *_targets(b, doc), *_decision(b, doc)]
    return slides.write(deck, slides.Style.of(b.params, b.data_date, b.demo, b.draft), path)
