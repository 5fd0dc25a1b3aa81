"""Charts with one look (seaborn's whitegrid theme, Indonesian labels, sharp in HTML and PDF).
The statistical charts of the provider and Pokja evaluations, drawn with seaborn, are in
kinerja.render.evaluation_charts."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from kinerja.core import fmt
from kinerja.core.measures import MEASURES
from kinerja.core.periods import TRIWULAN

COLORS = {"baseline": "#9aa5b1", "target": "#1f5f8b", "Tercapai": "#2e7d32",
          "Perlu perhatian": "#f9a825", "Tidak tercapai": "#c62828", "Belum ada data": "#9e9e9e"}
# Provider categories (providers.KATEGORI), best first.
CATEGORY_COLORS = {"Sangat Baik": "#2e7d32", "Baik": "#81c784", "Cukup": "#f9a825", "Buruk": "#c62828"}


# seaborn.set_theme(style="whitegrid", context="notebook", font_scale=0.9), written out: importing
# seaborn (and SciPy with it) costs a second in every stage kernel, and only stages 04 and 05
# draw with seaborn. 150 dpi is sharp in an A4 PDF; 200 dpi cost a third more rendering for no
# visible gain.
THEME = {
    "axes.axisbelow": True, "axes.edgecolor": ".8", "axes.grid": True, "axes.labelcolor": ".15",
    "axes.labelsize": 10.8, "axes.linewidth": 1.25, "axes.titlesize": 10.8,
    "axes.prop_cycle": plt.cycler(color=["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3",
                                         "#937860", "#da8bc3", "#8c8c8c", "#ccb974", "#64b5cd"]),
    "font.size": 10.8, "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans",
                                           "Bitstream Vera Sans", "sans-serif"],
    "grid.color": ".8", "grid.linewidth": 1.0, "legend.fontsize": 9.9, "legend.title_fontsize": 10.8,
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True,
    "text.color": ".15", "xtick.bottom": False, "xtick.color": ".15", "xtick.labelsize": 9.9,
    "xtick.major.size": 6.0, "xtick.major.width": 1.25, "xtick.minor.size": 4.0,
    "xtick.minor.width": 1.0, "ytick.color": ".15", "ytick.labelsize": 9.9, "ytick.left": False,
    "ytick.major.size": 6.0, "ytick.major.width": 1.25, "ytick.minor.size": 4.0,
    "ytick.minor.width": 1.0,
    "figure.dpi": 110, "savefig.dpi": 150, "axes.titleweight": "bold",
}


def theme() -> None:
    plt.rcParams.update(THEME)


def blues(n: int) -> list:
    """n shades of the Blues colour map, light to dark, as seaborn.color_palette("Blues", n)."""
    return [tuple(c[:3]) for c in plt.get_cmap("Blues")(np.linspace(0, 1, n + 2)[1:-1])]


def baseline_vs_target(plan: pd.DataFrame, cols: int = 4):
    """Small multiples: per indicator, baseline against target in its own unit."""
    theme()
    n = len(plan)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.3 * cols, 2.1 * rows), squeeze=False)
    for ax, (_, r) in zip(axes.flat, plan.iterrows()):
        values = [r["baseline"], r["target"]]
        ax.barh(["Baseline", "Target"], [0 if pd.isna(v) else v for v in values],
                color=[COLORS["baseline"], COLORS["target"]])
        for y, v in enumerate(values):
            ax.text(0, y, " " + fmt.nilai(v, r["satuan"]), va="center", fontsize=8,
                    color="white" if pd.notna(v) and v else "black")
        ax.set_title(f"{r['kode']}: {r['nama']}"[:42], fontsize=8.5, loc="left")
        ax.tick_params(labelsize=8)
        ax.xaxis.set_visible(False)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


MUTU_COLORS = {"D": "#f4c7c3", "C": "#fce8b2", "B": "#d9ead3", "A": "#b7e1cd"}


def nrr_bands(nrr_long: pd.DataFrame, batas=(64.99, 76.60, 88.30), panel: str = "kelompok",
              hue: str | None = None, titles: dict | None = None):
    """IKM per unsur: NRR konversi (columns unsur, nama, konversi) as horizontal bars, one
    panel per `panel` value, over the shaded quality bands D–A with their edges dashed;
    `hue` (e.g. tahun) puts the groups side by side."""
    theme()
    panels = list(dict.fromkeys(nrr_long[panel]))
    if titles:  # the titles' order first (e.g. internal before eksternal)
        panels = [k for k in titles if k in panels] + [k for k in panels if k not in titles]
    fig, axes = plt.subplots(1, len(panels), figsize=(6.4 * len(panels), 4.6), squeeze=False,
                             sharey=True)
    low = max(25.0, min(60.0, float(nrr_long["konversi"].min()) - 5))
    edges = [25.0, *batas, 100.0]
    hues = [None] if hue is None else sorted(nrr_long[hue].unique())
    colors = blues(len(hues) + 1)[1:] if hue else [COLORS["target"]]
    for ax, key in zip(axes.flat, panels):
        d = nrr_long[nrr_long[panel] == key]
        for lo, hi, grade in zip(edges[:-1], edges[1:], "DCBA"):
            ax.axvspan(lo, hi, color=MUTU_COLORS[grade], alpha=0.6, lw=0)
            if hi > low:
                ax.text((max(lo, low) + hi) / 2, 1.01, grade, transform=ax.get_xaxis_transform(),
                        ha="center", fontsize=8, fontweight="bold")
        for e in batas:
            ax.axvline(e, color="#555", lw=0.8, ls="--")
        units = list(dict.fromkeys(d["unsur"]))
        height = 0.8 / len(hues)
        for i, h in enumerate(hues):
            part = (d if h is None else d[d[hue] == h]).set_index("unsur").reindex(units)
            y = np.arange(len(units)) + (i - (len(hues) - 1) / 2) * height
            ax.barh(y, part["konversi"], height=height, color=colors[i],
                    label=None if h is None else str(h))
            for yy, v in zip(y, part["konversi"]):
                if pd.notna(v):
                    ax.text(v + 0.4, yy, fmt.angka(v, 2), va="center", fontsize=7)
        names = d.drop_duplicates("unsur").set_index("unsur")["nama"].reindex(units)
        ax.set_yticks(range(len(units)), [textwrap.fill(f"{u} {n}", 30) for u, n in names.items()])
        ax.set_ylim(len(units) - 0.5, -0.5)  # U1 on top (set, not inverted: the axes share y)
        ax.set_xlim(low, 100)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt.angka(v)))
        ax.set_xlabel("NRR konversi (25–100)")
        ax.set_title((titles or {}).get(key, str(key)), loc="left", pad=14)
        if hue:
            ax.legend(loc="lower right", fontsize=8, frameon=True)
    fig.tight_layout()
    return fig


def save(fig, path: Path) -> Path:
    fig.savefig(path, bbox_inches="tight")
    return path


def achievement(kpi: pd.DataFrame, size: tuple[float, float] | None = None, font: float = 7.5):
    """Achievement (%) per indicator (report.kpi_table) as horizontal bars coloured by status,
    with the target (100%) and the tolerance edge as lines; bars are capped at 150% for
    readability. `size` (inches) and `font` (pt): the report's A4 figure by default, a slide's
    (render/slides.chart_size) with larger text for a presentation."""
    theme()
    d = kpi.iloc[::-1]
    values = d["capaian"].clip(upper=150).fillna(0)
    fig, ax = plt.subplots(figsize=size or (7.5, 0.8 + 0.32 * len(d)))
    labels = [f"{k} {n}" for k, n in zip(d["kode"], d["nama"])]
    ax.barh([t if len(t) <= 46 else t[:45] + "…" for t in labels], values,
            color=[COLORS[s] for s in d["status_akhir"]])
    for y, (v, raw) in enumerate(zip(values, d["capaian"])):
        ax.text(v + 1, y, fmt.persen(raw, 1), va="center", fontsize=font)
    tol = float(kpi["toleransi"].iloc[0])
    ax.axvline(100, color="#1b1f23", lw=1)
    ax.axvline(100 * (1 - tol), color="#555", lw=0.8, ls="--")
    ax.set(ylabel="", xlim=(0, 165 if size is None else 180))
    ax.set_xlabel("Capaian terhadap target (%)", fontsize=font)
    fig.suptitle("Capaian indikator kinerja (garis: target 100% dan batas toleransi)", x=0.01, ha="left",
                 fontsize=font + 2, fontweight="bold")
    ax.tick_params(axis="y", labelsize=font)
    ax.tick_params(axis="x", labelsize=font)
    fig.tight_layout()
    return fig


def quarter_panels(kpi: pd.DataFrame, trend: pd.DataFrame, size: tuple[float, float], font: float = 15):
    """One panel per indicator (rows of report.kpi_table with the display.kpi_rows texts): the
    value of each quarter on its own (report.quarter_trend) as a bar coloured by that quarter's
    status — or one bar for the year where the measure is surveyed once a year — the target as
    a dashed line, and above it the period's realisation, target and status as the report
    prints them. Drawn at `size` inches with `font` pt text (a slide: readable from the back of
    a room)."""
    theme()
    n = len(kpi)
    cols = n if n <= 3 else math.ceil(n / 2)
    fig, axes = plt.subplots(math.ceil(n / cols), cols, figsize=size, squeeze=False)
    per_line = int(0.8 * size[0] / cols / (0.55 * font / 72))  # wrapped inside its panel
    for ax, r in zip(axes.flat, kpi.itertuples()):
        part = trend[trend["kode"] == r.kode].sort_values("triwulan")
        if MEASURES[r.ukuran].per_triwulan:
            labels, values, status = [f"TW {TRIWULAN[q - 1]}" for q in part["triwulan"]], part["nilai"], part["status"]
        else:  # surveyed once a year: the year's value
            labels, values, status = ["per tahun"], pd.Series([r.nilai]), pd.Series([r.status_akhir])
        ax.bar(labels, values.fillna(0), color=[COLORS[s] for s in status], width=0.6)
        for x, v in enumerate(values):
            text = "–" if pd.isna(v) else fmt.nilai(v, r.satuan) if r.satuan == "%" else fmt.angka(v, 2)
            ax.text(x, 0 if pd.isna(v) else v, text, ha="center", va="bottom", fontsize=font - 3)
        top = np.nanmax([values.max(), r.target, 0])
        if values.isna().all():  # nothing measured: why, as the report says it (missing.reasons)
            ax.text(0.5, 0.55, textwrap.fill(f"Belum ada data: {r.keterangan}", per_line), transform=ax.transAxes,
                    ha="center", va="center", fontsize=font - 2, color="#555")
        elif pd.notna(r.target):
            ax.axhline(r.target, color="#1b1f23", lw=1.4, ls="--")
        ax.set_ylim(0, 1.3 * top if top > 0 else 1)
        ax.set_xlim(*((-0.6, len(labels) - 0.4) if len(labels) > 1 else (-1.2, 1.2)))
        heading = textwrap.fill(f"{r.kode} {r.nama}", per_line)
        said = textwrap.fill(f"{r.realisasi} (target {r.target_teks}): {r.status_akhir}", per_line)
        ax.set_title(heading, loc="left", fontsize=font - 1, fontweight="bold",
                     pad=(said.count("\n") + 1.6) * (font - 2) * 1.25)
        ax.text(0, 1.02, said, transform=ax.transAxes, fontsize=font - 2, va="bottom",
                color=COLORS[r.status_akhir], fontweight="bold")
        ax.tick_params(axis="x", labelsize=font - 2)
        ax.yaxis.set_visible(False)
        ax.grid(False)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig
