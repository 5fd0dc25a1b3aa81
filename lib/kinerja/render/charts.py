"""Charts with one look (seaborn theme, Indonesian labels, sharp in HTML and PDF)."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from kinerja.core import fmt
from kinerja.core.config import Indikator
from kinerja.methods import pokja, providers

COLORS = {"baseline": "#9aa5b1", "target": "#1f5f8b", "Tercapai": "#2e7d32",
          "Perlu perhatian": "#f9a825", "Tidak tercapai": "#c62828", "Belum ada data": "#9e9e9e"}
# Provider categories (providers.KATEGORI), best first.
CATEGORY_COLORS = {"Sangat Baik": "#2e7d32", "Baik": "#81c784", "Cukup": "#f9a825", "Buruk": "#c62828"}


def theme() -> None:
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.9)
    # 150 dpi is sharp in an A4 PDF; 200 dpi cost a third more rendering for no visible gain.
    plt.rcParams.update({"figure.dpi": 110, "savefig.dpi": 150, "axes.titleweight": "bold"})


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
    import textwrap

    import numpy as np
    from matplotlib.ticker import FuncFormatter

    theme()
    panels = list(dict.fromkeys(nrr_long[panel]))
    if titles:  # the titles' order first (e.g. internal before eksternal)
        panels = [k for k in titles if k in panels] + [k for k in panels if k not in titles]
    fig, axes = plt.subplots(1, len(panels), figsize=(6.4 * len(panels), 4.6), squeeze=False,
                             sharey=True)
    low = max(25.0, min(60.0, float(nrr_long["konversi"].min()) - 5))
    edges = [25.0, *batas, 100.0]
    hues = [None] if hue is None else sorted(nrr_long[hue].unique())
    colors = sns.color_palette("Blues", len(hues) + 1)[1:] if hue else [COLORS["target"]]
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


def achievement(kpi: pd.DataFrame):
    """Achievement (%) per indicator (report.kpi_table) as horizontal bars coloured by status,
    with the target (100%) and the tolerance edge as lines; bars are capped at 150% for
    readability."""
    theme()
    d = kpi.iloc[::-1]
    values = d["capaian"].clip(upper=150).fillna(0)
    fig, ax = plt.subplots(figsize=(7.5, 0.8 + 0.32 * len(d)))
    labels = [f"{k} {n}" for k, n in zip(d["kode"], d["nama"])]
    ax.barh([t if len(t) <= 46 else t[:45] + "…" for t in labels], values,
            color=[COLORS[s] for s in d["status_akhir"]])
    for y, (v, raw) in enumerate(zip(values, d["capaian"])):
        ax.text(v + 1, y, fmt.persen(raw, 1), va="center", fontsize=7.5)
    tol = float(kpi["toleransi"].iloc[0])
    ax.axvline(100, color="#1b1f23", lw=1)
    ax.axvline(100 * (1 - tol), color="#555", lw=0.8, ls="--")
    ax.set(xlabel="Capaian terhadap target (%)", ylabel="", xlim=(0, 165))
    ax.set_title("Capaian indikator kinerja (garis: target 100% dan batas toleransi)", loc="left", fontsize=9.5)
    ax.tick_params(axis="y", labelsize=7.5)
    fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- providers (stage 04)

def score_histogram(scored: pd.DataFrame):
    """Package scores (providers.score) in 0,1 bins, stacked by category."""
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 3.2))
    sns.histplot(scored, x="nilai", hue="kategori", hue_order=list(CATEGORY_COLORS), palette=CATEGORY_COLORS,
                 multiple="stack", binwidth=0.1, binrange=(-0.05, 3.05), ax=ax)
    ax.set(xlabel="Nilai paket (0–3)", ylabel="Jumlah paket", title="Nilai kinerja penyedia per paket")
    if ax.get_legend():
        ax.get_legend().set_title("Kategori")
    return fig


def category_table(scored: pd.DataFrame, by: str) -> pd.DataFrame:
    """Share (%) of packages per category (columns, best first) for each value of `by` (rows;
    packages outside the register under their own label), the weakest first: most Cukup and
    Buruk, then least Sangat Baik."""
    counts = pd.crosstab(scored[by].fillna(providers.NOT_IN_REGISTER), scored["kategori"])
    shares = counts.reindex(columns=list(providers.KATEGORI), fill_value=0)
    shares = shares.div(shares.sum(axis=1), axis=0) * 100
    shares.columns = list(shares.columns)
    weak = shares["Cukup"] + shares["Buruk"]
    return shares.assign(_lemah=weak).sort_values(["_lemah", "Sangat Baik"], ascending=[False, True]
                                                  ).drop(columns="_lemah")


def category_bars(scored: pd.DataFrame, by: str, title: str):
    """100% bars of the package categories per value of `by` (category_table): the weakest at
    the top, long names cut at 45 characters."""
    theme()
    table = category_table(scored, by)
    table.index = [s if len(s) <= 45 else s[:44] + "…" for s in table.index]
    fig, ax = plt.subplots(figsize=(7.5, 0.9 + 0.22 * len(table)))
    table.plot.barh(stacked=True, color=list(CATEGORY_COLORS.values()), width=0.8, ax=ax)
    ax.set(xlabel="Porsi paket (%)", ylabel="", xlim=(0, 100))
    ax.set_title(title, pad=22)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=4, frameon=False, fontsize=8)
    ax.tick_params(axis="y", labelsize=7.5)
    return fig


# --------------------------------------------------------------------------- Pokja (stage 05)

def _target_line(ax, target: Indikator | None, **legend) -> None:
    if target is not None:
        ax.axvline(target.target, ls="--", color=COLORS["Tidak tercapai"], label=f"Target {target.kode}")
        ax.legend(fontsize=8, **legend)


def duration_by_method(per_package: pd.DataFrame, target: Indikator | None = None):
    """Selection duration per method (box plot; pokja.per_package) with the target as a line;
    None without a process that has a duration."""
    data = per_package.dropna(subset=["durasi_hari", "metode"]).astype({"durasi_hari": "float64"})
    if not len(data):
        return None
    theme()
    fig, ax = plt.subplots(figsize=(7.5, 2.8))
    sns.boxplot(data, x="durasi_hari", y="metode", color="#9ecae1", fliersize=2, ax=ax)
    _target_line(ax, target)
    ax.set(xlabel="Durasi pemilihan (hari kalender)", ylabel="", title="Durasi pemilihan per metode")
    return fig


def on_time_by_pokja(ranked: pd.DataFrame, target: Indikator | None = None):
    """Share of selections on schedule per known Pokja (pokja.per_pokja), lowest at the top,
    with the target as a line; None when no Pokja has a scheduled process."""
    data = pokja.known(ranked).dropna(subset=["pemilihan_tepat_waktu"])
    if not len(data):
        return None
    theme()
    data = data.sort_values("pemilihan_tepat_waktu")
    fig, ax = plt.subplots(figsize=(7.5, 0.8 + 0.25 * len(data)))
    sns.barplot(data, x="pemilihan_tepat_waktu", y="kode_pokja", color=COLORS["target"], ax=ax)
    _target_line(ax, target, loc="lower right")
    ax.set(xlabel="Pemilihan tepat waktu (%)", ylabel="", xlim=(0, 100), title="Ketepatan jadwal per Pokja")
    return fig


def bidders(per_package: pd.DataFrame, ranked: pd.DataFrame):
    """Bidders per process (10 = ten or more) beside the single-bidder share per known Pokja
    with the EU Single Market Scoreboard bands; None without bids in the period."""
    if not per_package["jumlah_peserta"].notna().any():
        return None
    theme()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2), gridspec_kw={"width_ratios": [1, 1.2]})
    count = per_package["jumlah_peserta"].dropna().astype(int).clip(upper=10)
    sns.countplot(x=count, color=COLORS["target"], ax=left)
    left.set(xlabel="Jumlah peserta (10 = 10 atau lebih)", ylabel="Jumlah paket", title="Sebaran peserta")
    data = pokja.known(ranked).dropna(subset=["peserta_tunggal"]).sort_values("peserta_tunggal")
    sns.barplot(data, x="peserta_tunggal", y="kode_pokja", color=COLORS["baseline"], ax=right)
    right.axvline(pokja.SINGLE_BIDDER_GREEN, ls="--", color=COLORS["Tercapai"],
                  label=f"hijau ≤ {fmt.persen(pokja.SINGLE_BIDDER_GREEN, 0)}")
    right.axvline(pokja.SINGLE_BIDDER_RED, ls="--", color=COLORS["Tidak tercapai"],
                  label=f"merah > {fmt.persen(pokja.SINGLE_BIDDER_RED, 0)}")
    right.set(xlabel="Peserta tunggal (%)", ylabel="", title="Peserta tunggal per Pokja")
    right.legend(fontsize=7, loc="upper right")
    fig.tight_layout()
    return fig
