"""The what-if page's pieces as HTML: the result table, the status summary and the achievement
chart (inline SVG), all text escaped."""

from __future__ import annotations

import functools
import html

import pandas as pd

from kinerja.core import fmt
from kinerja.methods.whatif import COLORS, STATUSES

# babel's number formatting is most of a redraw's time; slider values repeat, so remember them.
fmt_nilai = functools.lru_cache(maxsize=8192)(fmt.nilai)
fmt_persen = functools.lru_cache(maxsize=8192)(fmt.persen)
fmt_angka = functools.lru_cache(maxsize=8192)(fmt.angka)


def _badge(status: str) -> str:
    color = COLORS.get(status, "#9e9e9e")
    text = "#000" if status == "Perlu perhatian" else "#fff"
    return (f'<span class="whatif-status" style="background:{color};color:{text};'
            f'padding:1px 6px;border-radius:3px;white-space:nowrap">{html.escape(status)}</span>')


def _count(n, total) -> str:
    if n is None or pd.isna(n):
        return "–"
    if pd.isna(total) or not total:
        return "tidak ada data"
    return f"{fmt_angka(n)} dari {fmt_angka(total)}"


def table_html(result: pd.DataFrame) -> str:
    """The status table (Indonesian headings and number formats)."""
    head = ("Kode", "Indikator", "Realisasi", "Target", "Status", "Capaian",
            "OPD memenuhi target", "Penyedia memenuhi target")
    cells = []
    for r in result.itertuples():
        value = fmt_nilai(r.nilai, r.satuan)
        if r.catatan and pd.isna(r.nilai):
            value = f'– <small style="color:#666">({html.escape(r.catatan)})</small>'
        cells.append(
            f'<tr data-kode="{html.escape(r.kode)}"><td>{html.escape(r.kode)}</td>'
            f"<td title=\"{html.escape(getattr(r, 'definisi', ''))}\">{html.escape(r.nama)}</td>"
            f"<td style='text-align:right'>{value}</td>"
            f"<td style='text-align:right'>{fmt_nilai(r.target, r.satuan)}</td>"
            f"<td>{_badge(r.status)}</td><td style='text-align:right'>{fmt_persen(r.capaian, 1)}</td>"
            f"<td style='text-align:right'>{_count(r.opd_memenuhi, r.opd_jumlah)}</td>"
            f"<td style='text-align:right'>{_count(r.penyedia_memenuhi, r.penyedia_jumlah)}</td></tr>")
    th = "".join(f"<th style='text-align:left;border-bottom:2px solid #1f5f8b;padding:4px'>{h}</th>"
                 for h in head)
    return ("<table class='whatif-tabel' style='border-collapse:collapse;font-size:13px;width:100%'>"
            f"<thead><tr>{th}</tr></thead><tbody>{''.join(cells)}</tbody></table>"
            + definitions_html(result) +
            "<style>.whatif-tabel td{padding:3px 4px;border-bottom:1px solid #ddd;line-height:1.35}"
            ".whatif-tabel td:first-child{white-space:nowrap}</style>")


def definitions_html(result: pd.DataFrame) -> str:
    """The printed definition of every indicator shown (the same text as F3 and F15), folded."""
    if "definisi" not in result:
        return ""
    items = "".join(f"<dt><b>{html.escape(r.kode)}</b> {html.escape(r.nama)}</dt>"
                    f"<dd style='margin:0 0 6px 12px'>{html.escape(r.definisi)}</dd>"
                    for r in result.itertuples())
    return (f"<details class='whatif-definisi' style='font-size:12px;margin-top:6px'>"
            f"<summary>Definisi hitung indikator</summary><dl>{items}</dl></details>")


def summary_html(result: pd.DataFrame) -> str:
    counts = result["status"].value_counts()
    parts = [f"{_badge(s)} {fmt_angka(int(counts.get(s, 0)))}" for s in STATUSES]
    return (f"<div class='whatif-ringkasan' style='font-size:14px'><b>{fmt_angka(len(result))} "
            f"indikator</b> — " + " &nbsp; ".join(parts) + "</div>")


def chart_svg(result: pd.DataFrame, cap: float = 150.0) -> str:
    """Horizontal bars: achievement (capaian, % of target) per indicator coloured by status,
    with the 100% line; and the share of OPD meeting each target. SVG, so an update costs
    no image rendering."""
    n = len(result)
    row, left, width = 22, 250, 330
    height = 40 + row * max(n, 1)
    x = lambda v: left + width * min(max(v, 0), cap) / cap  # noqa: E731
    parts = [f"<svg class='whatif-grafik' xmlns='http://www.w3.org/2000/svg' width='{left + width + 260}' "
             f"height='{height}' font-family='DejaVu Sans, sans-serif' font-size='11'>",
             f"<text x='{left}' y='14' font-weight='bold'>Capaian terhadap target (%)</text>",
             f"<text x='{left + width + 20}' y='14' font-weight='bold'>OPD memenuhi target (%)</text>"]
    for i, r in enumerate(result.itertuples()):
        y = 24 + i * row
        label = f"{r.kode} {r.nama}"
        label = label if len(label) <= 38 else label[:37] + "…"
        parts.append(f"<text x='{left - 6}' y='{y + 13}' text-anchor='end'>{html.escape(label)}</text>")
        color = COLORS.get(r.status, "#9e9e9e")
        if pd.notna(r.capaian):
            parts.append(f"<rect x='{left}' y='{y + 3}' width='{x(r.capaian) - left:.1f}' height='{row - 7}' "
                         f"fill='{color}'><title>{html.escape(r.status)}</title></rect>")
            parts.append(f"<text x='{x(r.capaian) + 4:.1f}' y='{y + 13}'>{fmt_persen(r.capaian, 1)}</text>")
        else:
            parts.append(f"<text x='{left + 4}' y='{y + 13}' fill='#666'>belum ada data</text>")
        if pd.notna(r.opd_jumlah) and r.opd_jumlah > 0:
            share = r.opd_memenuhi / r.opd_jumlah
            x0 = left + width + 20
            parts.append(f"<rect x='{x0}' y='{y + 3}' width='160' height='{row - 7}' fill='#e8eef3'/>")
            parts.append(f"<rect x='{x0}' y='{y + 3}' width='{160 * share:.1f}' height='{row - 7}' "
                         f"fill='{COLORS['target']}'/>")
            parts.append(f"<text x='{x0 + 166}' y='{y + 13}'>{fmt_persen(share * 100, 0)}</text>")
    x100 = x(100)
    parts.append(f"<line x1='{x100:.1f}' x2='{x100:.1f}' y1='20' y2='{height - 4}' stroke='#333' "
                 f"stroke-dasharray='4 3'/>")
    parts.append(f"<text x='{x100 + 3:.1f}' y='{height - 6}' fill='#333'>target</text>")
    parts.append("</svg>")
    return "".join(parts)
