"""Tables as the user reads them: Indonesian headings and number formats (notebook/HTML)."""

from __future__ import annotations

import html

import pandas as pd

from kinerja.core import fmt
from kinerja.core.fmt import teks  # noqa: F401  (notebooks use display.teks)

FORMATTERS = {"rupiah": fmt.rupiah, "angka": fmt.angka, "tanggal": fmt.tanggal,
              "persen": fmt.persen, "desimal": lambda v: fmt.angka(v, 2)}


def table(df: pd.DataFrame, headings: dict[str, str] | None = None,
          formats: dict[str, str] | None = None, caption: str | None = None,
          missing: dict[str, str] | None = None):
    """A Styler with Indonesian headings (`headings`: column -> label; only those columns are
    shown, in that order) and formats (`formats`: column -> rupiah/angka/tanggal/persen/desimal).
    A missing value shows as '–', or as `missing[column]` (e.g. 'Belum ada data')."""
    headings = headings or {c: c for c in df.columns}
    view = df[list(headings)].rename(columns=headings)
    styler = view.style.hide(axis="index")
    fmts = {headings[c]: FORMATTERS[f] for c, f in (formats or {}).items() if c in headings}
    # Cells hold respondents' free text (names, notes): escaped, never read as HTML.
    styler = styler.format(na_rep="–", escape="html").format(fmts, na_rep="–", escape="html")
    for col, text in (missing or {}).items():
        if col in headings:
            styler = styler.format(FORMATTERS.get((formats or {}).get(col)), subset=[headings[col]],
                                   na_rep=text, escape="html")
    styler = styler.format_index(escape="html", axis=1)
    if caption:
        styler = styler.set_caption(html.escape(caption))
    return styler


# How many rows a stage report shows of a long table (the full table is a stage result or a
# format workbook); captions say how many of how many are shown (shown_caption).
SHOWN = {"opd": 15, "penyedia": 20, "paket": 10, "penolakan": 30, "pemetaan": 40}


def shown_caption(shown: int, total: int, what: str, rest: str = "") -> str:
    """'15 dari 39 OPD dengan …' when the table is cut, '13 OPD dengan …' when it is whole."""
    count = fmt.angka(total) if shown >= total else f"{fmt.angka(shown)} dari {fmt.angka(total)}"
    return f"{count} {what}{rest}"


def kpi_value(df: pd.DataFrame, column: str = "nilai", unit: str = "satuan") -> pd.Series:
    """Each KPI value formatted with its own unit ('12,50%', '26,86 hari')."""
    return pd.Series([fmt.nilai(v, u) for v, u in zip(df[column], df[unit])], index=df.index)


def interval(df: pd.DataFrame, low: str = "ci_bawah", high: str = "ci_atas") -> pd.Series:
    """Each row's 95% interval as text ('80,13–85,50')."""
    return pd.Series([fmt.rentang(a, b) for a, b in zip(df[low], df[high])], index=df.index, dtype="object")
