"""Vectorised draws of the demo generator (one numpy Generator(PCG64) stream per seed) and the
text shapes of the real LKPP export: Rupiah as the export and an analyst's spreadsheet write
them, Indonesian dates, day and month numbers, office-hours timestamps.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kinerja.core.fmt import BULAN


def stream(*entropy) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(list(entropy)))


def normalised(weights) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def choose_by(rng, table, group) -> np.ndarray:
    """One category per row from the probability row of its group (loops over groups only)."""
    out = np.zeros(len(group), dtype=np.int64)
    for g in range(len(table)):
        rows = np.flatnonzero(group == g)
        if len(rows) and table[g].sum() > 0:
            out[rows] = rng.choice(table.shape[1], size=len(rows), p=normalised(table[g]))
    return out


def lognormal(rng, median, sigma, lo, hi) -> np.ndarray:
    """Log-normal values redrawn until inside [lo, hi]: truncation without piling up at bounds."""
    x = median * np.exp(sigma * rng.standard_normal(len(median)))
    for _ in range(60):
        bad = np.flatnonzero((x < lo) | (x > hi))
        if not len(bad):
            break
        x[bad] = median[bad] * np.exp(sigma[bad] * rng.standard_normal(len(bad)))
    return np.clip(x, lo, hi)


def codes(rng, n, start, span) -> np.ndarray:
    """n increasing unique codes within [start, start + span): random gaps, like a live sequence."""
    gap = max(1, span // max(n, 1))
    return start + np.cumsum(rng.integers(1, gap + 1, n))


def strs(values) -> pd.api.extensions.ExtensionArray:
    return pd.array(list(values), dtype="str")


def take(values, idx) -> pd.Series:
    """Strings from a small pool by index; -1 gives a blank."""
    pool = values if isinstance(values, pd.api.extensions.ExtensionArray) else strs(values)
    return pd.Series(pool.take(np.asarray(idx), allow_fill=True))


def money(values) -> pd.Series:
    """Rupiah as the export writes them: '1250000' or '1399818654.61'; blank for NaN."""
    v = np.asarray(values, dtype=float)
    missing = np.isnan(v)
    cents = np.round(np.where(missing, 0, v) * 100).astype(np.int64)
    whole = pd.Series(cents // 100).astype("str")
    frac = pd.Series(cents % 100).astype("str").str.zfill(2)
    text = whole.where(cents % 100 == 0, (whole + "." + frac).str.rstrip("0"))
    return text.where(~missing)


def rupiah_text(values) -> pd.Series:
    """'Rp 1.250.000.000,00' (how an analyst's spreadsheet shows money)."""
    cents = np.round(np.asarray(values, dtype=float) * 100).astype(np.int64)
    s = pd.Series(cents // 100).astype("str").str.zfill(15)
    dotted = s.str[0:3]
    for i in range(3, 15, 3):  # five groups of three digits; leading zeros stripped below
        dotted = dotted + "." + s.str[i:i + 3]
    return "Rp " + dotted.str.lstrip("0.") + "," + pd.Series(cents % 100).astype("str").str.zfill(2)


def indonesian_date(days) -> pd.Series:
    """'21 Maret 2024'."""
    d = np.asarray(days).astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    years = d.astype("datetime64[Y]")
    day = (d - months.astype("datetime64[D]")).astype(np.int64) + 1
    month = (months - years.astype("datetime64[M]")).astype(np.int64)
    return (pd.Series(day).astype("str") + " " + take(BULAN, month) + " "
            + pd.Series(years.astype(np.int64) + 1970).astype("str"))


def day_of(text: str) -> int:
    return int(np.datetime64(text, "D").astype(np.int64))


def workday(days) -> np.ndarray:
    """Saturday and Sunday move back to Friday (1970-01-01, day 0, was a Thursday)."""
    weekday = (days + 3) % 7  # Monday = 0
    return days - np.where(weekday == 5, 1, np.where(weekday == 6, 2, 0))


def month_of(days) -> np.ndarray:
    return np.asarray(days).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def first_day(months) -> np.ndarray:
    return np.asarray(months).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def last_day(months) -> np.ndarray:
    return first_day(np.asarray(months) + 1) - 1


def clock(rng, n, first_hour, last_hour) -> np.ndarray:
    """Office-hours time of day in seconds; half on the hour like scheduled SPSE events."""
    secs = rng.integers(first_hour, last_hour + 1, n) * 3600
    free = rng.random(n) < 0.5
    return secs + np.where(free, rng.integers(0, 3600, n), 0)


def timestamps(days, secs=0, mask=None) -> np.ndarray:
    """datetime64[s] from day numbers and seconds; NaT where mask is False."""
    out = (np.asarray(days, dtype=np.int64) * 86400 + secs).astype("datetime64[s]")
    if mask is not None:
        out[~np.asarray(mask)] = np.datetime64("NaT")
    return out


def round_money(rng, values, cents_share) -> np.ndarray:
    """Floor to whole Rupiah, or to the cent for a share of rows (never rounds upward)."""
    with_cents = rng.random(len(values)) < cents_share
    return np.where(with_cents, np.floor(values * 100) / 100, np.floor(values))


def zipf(rng, members, size, exponent) -> np.ndarray:
    """Members drawn with Zipf-like weights: a few providers win again and again."""
    if size == 0 or len(members) == 0:
        return np.zeros(size, dtype=np.int64)
    w = 1.0 / np.arange(1, len(members) + 1) ** exponent
    return members[rng.choice(len(members), size=size, p=w / w.sum())]
