"""Indonesian number, money and date formatting (what every user-facing text uses).

Rp 1.250.000,00 · 21 Maret 2024 · 12,5% — via babel's id_ID locale data.
"""

from __future__ import annotations

import datetime as dt
import html
import math

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "id_ID"
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]
BULAN_INDEX = {name.lower(): i + 1 for i, name in enumerate(BULAN)}
# Short and English forms seen in real exports.
BULAN_INDEX.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "agu": 8,
                    "agt": 8, "ags": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "des": 12,
                    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
                    "august": 8, "october": 10, "december": 12, "pebruari": 2, "nopember": 11,
                    "aug": 8, "oct": 10, "dec": 12})


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA \
        or value is pd.NaT


def angka(value, desimal: int = 0) -> str:
    """1234567.5 -> '1.234.567,50' (desimal=2). Blank for missing values."""
    if _missing(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * desimal if desimal else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def rupiah(value, desimal: int = 2) -> str:
    """1250000 -> 'Rp 1.250.000,00'."""
    if _missing(value):
        return "–"
    return "Rp " + angka(value, desimal) if value >= 0 else "-Rp " + angka(-value, desimal)


# Large amounts in words, for a sentence (tables keep rupiah to the sen).
SKALA = ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"))


def rupiah_singkat(value, desimal: int = 1) -> str:
    """101_500_000_000 -> 'Rp 101,5 miliar'; below a million as rupiah() without sen."""
    if _missing(value):
        return "–"
    sign, size = ("-" if value < 0 else ""), abs(value)
    for unit, word in SKALA:
        if size >= unit:
            return f"{sign}Rp {angka(size / unit, desimal)} {word}"
    return f"{sign}Rp {angka(size)}"


def persen(value, desimal: int = 2) -> str:
    """12.5 -> '12,50%' (value already in percent)."""
    if _missing(value):
        return "–"
    return angka(value, desimal) + "%"


def rentang(low, high, desimal: int = 2) -> str:
    """(80.125, 85.5) -> '80,13–85,50': an interval, e.g. a 95% interval."""
    return f"{angka(low, desimal)}–{angka(high, desimal)}"


KATA_BILANGAN = ("Nol", "Satu", "Dua", "Tiga", "Empat", "Lima", "Enam", "Tujuh", "Delapan", "Sembilan",
                 "Sepuluh")


def kata(n: int) -> str:
    """3 -> 'Tiga': a small count in words at the start of a sentence (angka beyond ten)."""
    return KATA_BILANGAN[n] if 0 <= n < len(KATA_BILANGAN) else angka(n)


def arah(selisih) -> str:
    """The word for a change: 'naik' (> 0), 'turun' (< 0) or 'tetap'."""
    return "naik" if selisih > 0 else "turun" if selisih < 0 else "tetap"


def daftar(items) -> str:
    """'a', 'a dan b', 'a, b dan c' (at least one item)."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} dan {items[-1]}"


def tanggal(value) -> str:
    """date(2024, 3, 21) -> '21 Maret 2024'."""
    if _missing(value):
        return "–"
    if isinstance(value, str):
        value = pd.Timestamp(value)
    if isinstance(value, pd.Timestamp):
        value = value.date()
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, format="d MMMM y", locale=LOCALE)


def nilai(value, satuan: str, desimal: int = 2) -> str:
    """A KPI value with its unit: '%' -> '12,50%', 'Rp' -> rupiah, others '3,40 hari'."""
    if _missing(value):
        return "–"
    if satuan == "%":
        return persen(value, desimal)
    if satuan.lower() in ("rp", "rupiah"):
        return rupiah(value)
    return f"{angka(value, desimal)} {satuan}".strip()


def teks(value) -> str:
    """Untrusted text (a name, a note) for a Markdown output: HTML escaped and Markdown's
    emphasis/link characters neutralised, so it shows as written and runs nothing."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    out = html.escape(str(value), quote=True)
    for ch in "\\`*_[]#|":
        out = out.replace(ch, "\\" + ch)
    return " ".join(out.split())
