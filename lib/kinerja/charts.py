"""Charts with one look (seaborn theme, Indonesian labels, sharp in HTML and PDF)."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from kinerja import fmt

COLORS = {"baseline": "#9aa5b1", "target": "#1f5f8b", "Tercapai": "#2e7d32",
          "Perlu perhatian": "#f9a825", "Tidak tercapai": "#c62828", "Belum ada data": "#9e9e9e"}


def theme() -> None:
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.9)
    plt.rcParams.update({"figure.dpi": 110, "savefig.dpi": 200, "axes.titleweight": "bold"})


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


def save(fig, path: Path) -> Path:
    fig.savefig(path, bbox_inches="tight")
    return path
