"""Frame operations that must stay fast at a million rows of Arrow-backed text, where pandas'
merge, isin and Series.map fall back to slow paths: looking up register fields by package code,
finding codes, and mapping a function over the distinct values of a column."""

from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def lookup(keys: pd.Series, table: pd.DataFrame, key: str, columns: list[str]) -> pd.DataFrame:
    """`table`'s `columns` for each of `keys` (matched on table[key], which must be unique;
    missing where a key is not in the table), aligned with `keys`. A left join without the
    cost of pandas' merge on text keys."""
    position = positions(keys, table[key])
    return pd.DataFrame({c: table[c].array.take(position, allow_fill=True) for c in columns},
                        index=keys.index)


def positions(keys: pd.Series, values: pd.Series) -> np.ndarray:
    """The position of each of `keys` in `values` (as text), -1 where it is not there."""
    found = pc.index_in(pa.array(keys.astype("string")), value_set=pa.array(values.astype("string")))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def map_distinct(series: pd.Series, func: Callable[[pd.Series], pd.Series],
                 dtype: str = "string") -> pd.Series:
    """func applied once per distinct value (missing stays missing), spread back to every row."""
    codes, uniques = pd.factorize(series)
    mapped = pd.Series(func(pd.Series(uniques)).to_numpy(), dtype=dtype)
    return pd.Series(mapped.array.take(codes, allow_fill=True), index=series.index)


def python_value(value):
    """A cell value as JSON and openpyxl take it: numpy scalars as Python values, missing as None."""
    if hasattr(value, "item"):
        value = value.item()
    return None if value is pd.NA or (isinstance(value, float) and value != value) else value
