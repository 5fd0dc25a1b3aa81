"""Tables as the user reads them: Indonesian headings and number formats (notebook/HTML)."""

from __future__ import annotations

import pandas as pd

from kinerja import fmt

FORMATTERS = {"rupiah": fmt.rupiah, "angka": fmt.angka, "tanggal": fmt.tanggal,
              "persen": fmt.persen, "desimal": lambda v: fmt.angka(v, 2)}


def table(df: pd.DataFrame, headings: dict[str, str] | None = None,
          formats: dict[str, str] | None = None, caption: str | None = None):
    """A Styler with Indonesian headings (`headings`: column -> label; only those columns are
    shown, in that order) and formats (`formats`: column -> rupiah/angka/tanggal/persen/desimal)."""
    headings = headings or {c: c for c in df.columns}
    view = df[list(headings)].rename(columns=headings)
    styler = view.style.hide(axis="index")
    fmts = {headings[c]: FORMATTERS[f] for c, f in (formats or {}).items() if c in headings}
    styler = styler.format(fmts, na_rep="–")
    if caption:
        styler = styler.set_caption(caption)
    return styler


def kpi_value(df: pd.DataFrame, column: str = "nilai", unit: str = "satuan") -> pd.Series:
    """Each KPI value formatted with its own unit ('12,50%', '26,86 hari')."""
    return pd.Series([fmt.nilai(v, u) for v, u in zip(df[column], df[unit])], index=df.index)
