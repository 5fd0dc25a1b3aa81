"""Row checks for survey files (F5, F8 rows), reported the way a user finds them in the
spreadsheet: row number (header = row 1), column, the value and the reason, in Indonesian.
Checks are vectorised masks; only the first MAX problems are listed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.core import parse

MAX = 20


def problems(mask: pd.Series, rows: pd.Series, column: str, values: pd.Series,
             reason: str) -> pd.DataFrame:
    """The rows where `mask` holds, as (baris, kolom, nilai, alasan)."""
    hit = np.flatnonzero(mask.fillna(False).to_numpy(bool))[:MAX]
    if not len(hit):
        return pd.DataFrame(columns=["baris", "kolom", "nilai", "alasan"])
    return pd.DataFrame({"baris": rows.to_numpy()[hit], "kolom": column,
                         "nilai": values.astype("string").fillna("").to_numpy()[hit],
                         "alasan": reason})


def raise_found(found: list[pd.DataFrame], where: str) -> None:
    """Raise one ValueError listing every problem (first MAX, by row) — or do nothing."""
    found = [f for f in found if len(f)]
    if not found:
        return
    table = pd.concat(found, ignore_index=True)
    table = table.sort_values("baris", kind="stable").head(MAX)
    lines = [f"baris {r.baris}, kolom '{r.kolom}': nilai '{r.nilai}' {r.alasan}" if r.nilai
             else f"baris {r.baris}, kolom '{r.kolom}': {r.alasan}" for r in table.itertuples()]
    raise ValueError(f"{where} tidak dapat diolah:\n- " + "\n- ".join(lines))


def _numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def numbers(series: pd.Series, empty: pd.Series | None = None) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(values, blank, not a number) for a column of plain numbers ('2', '2.0', '2,5', 2).

    Fast path for a million rows: Arrow's string→float cast; only a column with something
    Arrow cannot read (a decimal comma, text) goes through pandas' slower parser. `empty`: the
    column's parse.blank mask when the caller already has it.
    """
    empty = parse.blank(series) if empty is None else empty
    if _numeric(series):
        number = series.astype("float64").where(~empty)
    else:
        text = series.astype("string").str.strip().where(~empty)
        try:
            number = pd.Series(pc.cast(pa.array(text), pa.float64()).to_numpy(zero_copy_only=False),
                               index=series.index)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            number = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
        number = number.astype("float64")
    return number, empty, ~empty & number.isna()


def whole(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(values as Int64, bad) for whole numbers; blank is missing, not bad."""
    number, _, not_number = numbers(series)
    bad = not_number | (number.notna() & (number % 1 != 0))
    return number.where(~bad).astype("Int64"), bad


def dates(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(values, bad) for dates: plain YYYY-MM-DD fast, every other form via parse.date."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.astype("datetime64[us]"), pd.Series(False, index=series.index)
    empty = parse.blank(series)
    text = series.astype("string").str.strip().where(~empty)
    out = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")
    rest = (~empty & out.isna()).to_numpy(bool)
    bad = pd.Series(False, index=series.index)
    if rest.any():
        out[rest], bad[rest] = parse.date(series[rest])
    return out, bad


def codes(series: pd.Series, empty: pd.Series | None = None) -> pd.Series:
    """Identifiers as text (see parse.code); plain digit/letter codes take a fast path."""
    if not _numeric(series):
        text = series.astype("string").str.strip()
        if not text.str.contains(r"[.eE]", regex=True).fillna(False).any():
            return text.where(~(parse.blank(series) if empty is None else empty))
    return parse.code(series)[0]


def quarter(series: pd.Series) -> pd.Series:
    """Triwulan 1–4 from '1', 'TW1', 'TW 1', 1.0; anything else is missing."""
    text = series.astype("string").str.strip().str.upper().str.removeprefix("TW")
    values, _ = whole(text)
    return values.where(values.between(1, 4)).astype("Int64")


def optional(df: pd.DataFrame, name: str, reader, dtype: str) -> pd.Series:
    """An optional column read with `reader` (a parse.* reader's (values, bad) or plain
    values; a bad optional cell is just missing), or all missing when absent."""
    if name not in df.columns:
        return pd.Series(pd.NA, index=df.index, dtype=dtype)
    values = reader(df[name])
    return values[0] if isinstance(values, tuple) else values


def normalise_columns(raw: pd.DataFrame) -> pd.DataFrame:
    """Header names stripped and lower-case; a repeated header keeps its first column."""
    df = raw.rename(columns=lambda c: str(c).strip().lower())
    return df.loc[:, ~df.columns.duplicated()]
