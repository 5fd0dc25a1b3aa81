"""Vectorised readers for the messy values of real exports.

Each parser takes a Series as read from a file and returns (values, bad): the parsed values and
a boolean mask of cells that were filled in but could not be read. Blank cells are missing, not
bad; whether missing is allowed is the contract's business (schemas.py).
"""

from __future__ import annotations

import pandas as pd

from kinerja.core.fmt import BULAN_INDEX

_BLANK = {"", "-", "–", "null", "none", "nan", "nat", "n/a", "#n/a"}
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def blank(series: pd.Series) -> pd.Series:
    """True where a cell holds nothing (None, NaN, empty or a placeholder like '-' or 'null')."""
    text = series.astype("string").str.strip().str.lower()
    return series.isna() | text.isna() | text.isin(_BLANK)


def _mask(values) -> pd.Series:
    """A nullable boolean result as plain bool (NA = False)."""
    return values.fillna(False).astype(bool)


def _match(t: pd.Series, pattern: str) -> pd.Series:
    return _mask(t.str.match(pattern))


def _text(series: pd.Series) -> pd.Series:
    return series.astype("string").str.strip()


def _regex_replace(t: pd.Series, pattern: str, repl: str) -> pd.Series:
    """Regex replace in Arrow's engine (RE2 syntax): pandas sends patterns with flags or
    classes like \\s to Python's re one cell at a time, ~10x slower on a million rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pc.replace_substring_regex(pa.array(t.astype("string[pyarrow]").array), pattern, repl)
    return pd.Series(values.to_pandas(types_mapper=pd.ArrowDtype).astype("string[pyarrow]").array,
                     index=t.index)


def money(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rupiah as number or text: 1250000, 1250000.5, 'Rp 1.250.000,00', '1,250,000.00', '1.2E+9'."""
    empty = blank(series)
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        values = series.astype("float64")
        return values.where(~empty), pd.Series(False, index=series.index)
    t = _text(series)
    for pattern, repl in ((r"(?i)^Rp\.?\s*", ""), (r"(?i)^-\s*Rp\.?\s*", "-"),
                          (r"[\s\x{00a0}]", ""), (r",-$", "")):
        t = _regex_replace(t, pattern, repl)
    out = pd.Series(float("nan"), index=series.index, dtype="float64")
    rules = [
        (r"^-?\d+$", lambda s: s),
        # Indonesian: dots group thousands, comma is the decimal mark (checked before plain
        # decimals so that '1.250' is one thousand two hundred fifty Rupiah).
        (r"^-?\d{1,3}(\.\d{3})+(,\d+)?$", lambda s: s.str.replace(".", "", regex=False)
         .str.replace(",", ".", regex=False)),
        (r"^-?\d+,\d+$", lambda s: s.str.replace(",", ".", regex=False)),
        (r"^-?\d{1,3}(,\d{3})+(\.\d+)?$", lambda s: s.str.replace(",", "", regex=False)),
        (r"^-?\d+\.\d+$", lambda s: s),
        (r"^-?\d+(\.\d+)?[eE][+-]?\d+$", lambda s: s),
    ]
    done = empty.copy()
    for pattern, clean in rules:
        hit = ~done & _match(t, pattern)
        if hit.any():
            out[hit] = pd.to_numeric(clean(t[hit]), errors="coerce").astype("float64")
            done |= hit
    return out, ~done


def integer(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    values, bad = money(series)
    fractional = values.notna() & (values % 1 != 0)
    return values.where(~fractional).astype("Int64"), bad | fractional


def date(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """ISO dates with or without time, '21 Maret 2024', '21/03/2024', Excel serials, datetimes."""
    empty = blank(series)
    out = pd.Series(pd.NaT, index=series.index, dtype="datetime64[us]")
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.astype("datetime64[us]"), pd.Series(False, index=series.index)
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        t = series.astype("float64").map(lambda v: repr(v) if pd.notna(v) else "")
        t = t.astype("string")
    else:
        t = _text(series)
    done = empty.copy()

    # ISB timestamps: '2025-03-21 09:30:00', '2025-01-31 14:00:00.000000Z',
    # '2025-08-13T00:00:00.000000Z'. The 'Z' is dropped, the wall-clock time kept: the service
    # marks local announcement times and plain dates as UTC, and converting would move dates.
    iso = ~done & _match(t, r"^\d{4}-\d{1,2}-\d{1,2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
    if iso.any():
        wall = t[iso].str.replace(r"(Z|[+-]\d{2}:?\d{2})$", "", regex=True)
        wall = wall.str.replace("T", " ", regex=False).str.replace(r"(\.\d{6})\d+$", r"\1", regex=True)
        out[iso] = pd.to_datetime(wall, format="mixed", errors="coerce")
        done |= iso & out.notna()

    # e-Kontrak SPMK: 'Nov 10, 2025, 12:00:00AM' (English month, 12-hour clock).
    us = t.str.extract(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$")
    us_month = us[0].str.lower().map(BULAN_INDEX)
    hit = ~done & us[1].notna() & us_month.notna()
    if hit.any():
        hour = pd.to_numeric(us.loc[hit, 3], errors="coerce").fillna(0).astype(int)
        ampm = us.loc[hit, 6].str.upper()
        pm = (ampm == "PM").fillna(False).astype(bool).to_numpy()
        hour = hour.where(ampm.isna(), (hour % 12) + pm * 12)
        text = (us.loc[hit, 2] + "-" + us_month[hit].astype(int).astype(str) + "-" + us.loc[hit, 1]
                + " " + hour.astype(str) + ":" + us.loc[hit, 4].fillna("00") + ":"
                + us.loc[hit, 5].fillna("00"))
        out[hit] = pd.to_datetime(text, format="%Y-%m-%d %H:%M:%S", errors="coerce")
        done |= hit & out.notna()

    dmy = ~done & _match(t, r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$")
    if dmy.any():
        out[dmy] = pd.to_datetime(t[dmy].str.replace(r"[.-]", "/", regex=True), format="mixed",
                                  dayfirst=True, errors="coerce")
        done |= dmy & out.notna()

    named = t.str.extract(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})(?:\s+(\d{1,2}:\d{2}(?::\d{2})?))?$")
    month = named[1].str.lower().map(BULAN_INDEX)
    idn = ~done & named[0].notna() & month.notna()
    if idn.any():
        text = named.loc[idn, 2] + "-" + month[idn].astype(int).astype(str) + "-" + named.loc[idn, 0] \
            + " " + named.loc[idn, 3].fillna("00:00")
        out[idn] = pd.to_datetime(text, format="%Y-%m-%d %H:%M", errors="coerce")
        done |= idn & out.notna()

    serial = pd.to_numeric(t.where(~done & _match(t, r"^\d{5}(\.\d+)?$")),
                           errors="coerce")
    ok = _mask(serial.between(20000, 80000))  # 1954..2119: anything else is not a plausible date
    if ok.any():
        out[ok] = _EXCEL_EPOCH + pd.to_timedelta(serial[ok], unit="D")
        done |= ok
    return out, ~done


def code(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Identifiers kept as text: '10011868000', 10011868000 (number), '10011868000.0' (Excel)."""
    empty = blank(series)
    if pd.api.types.is_float_dtype(series):
        integral = series.notna() & (series % 1 == 0)
        t = series.astype("Int64").astype("string").where(integral, series.astype("string"))
    else:
        t = _text(series)
    t = t.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)
    sci = _match(t, r"^\d+(\.\d+)?[eE]\+?\d+$")
    if sci.any():
        t[sci] = pd.to_numeric(t[sci], errors="coerce").astype("Int64").astype("string")
    t = t.where(~empty)
    return t, _mask(t.str.len() > 64)


def code_key(series: pd.Series) -> pd.Series:
    """Join key for codes that gain or lose leading zeros between exports ('012' = '12';
    '1.03.2' = '1.3.2')."""
    t = series.astype("string").str.strip()
    return t.str.replace(r"(?<![0-9])0+(?=[0-9])", "", regex=True)


_TRUE = {"1", "ya", "y", "true", "t", "benar", "yes"}
_FALSE = {"0", "tidak", "n", "false", "f", "salah", "no", "bukan"}


def flag(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    empty = blank(series)
    t = _text(series).str.lower().str.replace(r"\.0$", "", regex=True)
    out = pd.Series(pd.NA, index=series.index, dtype="boolean")
    out[_mask(t.isin(_TRUE))] = True
    out[_mask(t.isin(_FALSE))] = False
    return out, ~empty & _mask(out.isna())


def text(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    empty = blank(series)
    t = _text(series).where(~empty)
    return t, _mask(t.str.len() > 2000)


PARSERS = {"text": text, "code": code, "int": integer, "money": money, "number": money, "date": date,
           "flag": flag}
