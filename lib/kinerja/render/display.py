"""Tables as the user reads them: Indonesian headings and number formats (notebook/HTML)."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from kinerja.core import fmt
from kinerja.core.fmt import teks  # noqa: F401  (notebooks use display.teks)
from kinerja.methods import narrative
from kinerja.render.layout import FORMATTERS  # the same cell formats as every described document



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


def kpi_rows(kpi: pd.DataFrame) -> pd.DataFrame:
    """The KPI table (report.kpi_table) with its shown columns: realisasi and target_teks in each
    KPI's unit, capaian_teks (one decimal) and status_teks (narrative.status_text)."""
    return kpi.assign(realisasi=kpi_value(kpi, "nilai"), target_teks=kpi_value(kpi, "target"),
                      capaian_teks=[fmt.persen(v, 1) for v in kpi["capaian"]], status_teks=narrative.status_text(kpi))


def target_rows(proposed: pd.DataFrame) -> pd.DataFrame:
    """Next year's proposed targets (report.next_year_targets) with target_teks, realisasi and
    usulan_teks in each KPI's unit; headed by target_headings."""
    return proposed.assign(target_teks=kpi_value(proposed, "target"), realisasi=kpi_value(proposed, "nilai"),
                           usulan_teks=kpi_value(proposed, "usulan"))


def target_headings(year: int) -> dict[str, str]:
    """The headings of the proposed-targets table (target_rows) for the report's year."""
    return {"kode": "Kode", "nama": "Indikator", "target_teks": f"Target {year}", "realisasi": "Realisasi",
            "usulan_teks": f"Usulan {year + 1}", "dasar": "Dasar"}


def named_headings(df: pd.DataFrame, headings: dict[str, str]) -> dict[str, str]:
    """`headings` first, then every other column of `df` under its own name (columns named by
    what they hold, e.g. the quarters or methods of a pivoted table)."""
    return headings | {column: column for column in df.columns if column not in headings}


def interval(df: pd.DataFrame, low: str = "ci_bawah", high: str = "ci_atas") -> pd.Series:
    """Each row's 95% interval as text ('80,13–85,50')."""
    return pd.Series([fmt.rentang(a, b) for a, b in zip(df[low], df[high])], index=df.index, dtype="object")


def bullets(lines: Iterable[str], escape: bool = True) -> str:
    """A Markdown list, one item per line. `escape`: each line is untrusted text (a name, a
    note) shown as written (fmt.teks); off for lines that are already Markdown."""
    return "\n".join(f"- {fmt.teks(line) if escape else line}" for line in lines)


def paragraphs(texts: Iterable[str]) -> str:
    """Untrusted texts (fmt.teks) as Markdown paragraphs."""
    return "\n\n".join(fmt.teks(text) for text in texts)


def file_list(paths: Iterable[str | Path]) -> str:
    """The files a stage wrote, as a Markdown list of their names."""
    return bullets((Path(path).name for path in paths), escape=False)


YES_NO = {True: "Ya", False: "Tidak"}
CERTAIN = {True: "Ya", False: "Belum"}


def ikm_rows(ikm: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """IKM rows (satisfaction.summary, with a `kelompok` column) as shown: the group's name,
    the IKM to four decimals (ikm_teks), the 95% interval (interval), whether the sample is
    sufficient (cukup) and the quality band certain (pasti) in words."""
    return ikm.assign(kelompok=ikm["kelompok"].map(names), ikm_teks=[fmt.angka(v, 4) for v in ikm["ikm"]],
                      interval=interval(ikm), cukup=ikm["sampel_cukup"].map(YES_NO),
                      pasti=ikm["mutu_pasti"].map(CERTAIN))
