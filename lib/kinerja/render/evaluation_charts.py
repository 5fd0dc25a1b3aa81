"""Statistical charts of the provider (stage 04) and Pokja (stage 05) evaluations, drawn with
seaborn in the workbook's one look (kinerja.render.charts.theme)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from kinerja.core import fmt
from kinerja.core.config import Indikator
from kinerja.methods import pokja, providers
from kinerja.render.charts import CATEGORY_COLORS, COLORS, theme


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
    weak = shares[list(providers.TO_COACH)].sum(axis=1)
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
