"""Fiscal year and quarters (triwulan). Year n is collected in May, Aug, Nov of n and Jan of n+1."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kinerja.core.fmt import tanggal

TRIWULAN = ["I", "II", "III", "IV"]  # quarter numerals as reports write them
_PERIOD = re.compile(r"^(\d{4})(?:-TW([1-4]))?$")
# Collection month of each quarter's survey (seed 000: Mei, Agustus, November, Januari n+1).
COLLECTION_MONTH = {1: (0, 5), 2: (0, 8), 3: (0, 11), 4: (1, 1)}


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None  # None = the whole fiscal year

    @classmethod
    def parse(cls, text: str | int) -> "Period":
        m = _PERIOD.match(str(text).strip().upper())
        if not m:
            raise ValueError(f"Periode '{text}' tidak dikenal: tulis tahun (2024) "
                             f"atau triwulan (2024-TW1 … 2024-TW4).")
        return cls(int(m.group(1)), int(m.group(2)) if m.group(2) else None)

    @property
    def label(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}-TW{self.quarter}"

    @property
    def nama(self) -> str:
        """Indonesian name for titles."""
        if self.quarter is None:
            return f"Tahun Anggaran {self.year}"
        return f"Triwulan {TRIWULAN[self.quarter - 1]} Tahun {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the period (inclusive)."""
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.quarter + 1, 1) - dt.timedelta(days=1)

    @property
    def previous_year(self) -> "Period":
        return Period(self.year - 1, self.quarter)

    def collection_month(self) -> tuple[int, int]:
        """(year, month) in which this quarter's forms are collected."""
        add, month = COLLECTION_MONTH[self.quarter or 4]
        return self.year + add, month

    def __str__(self) -> str:
        return self.label


def deadline(period: Period, day: int) -> dt.date:
    """The collection month's day `day` (clamped to the month's last day)."""
    year, month = period.collection_month()
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day, last))


def incomplete(period: Period, data_date) -> bool:
    """Whether the data end before the period does (a quarter or year still open at the data
    date); unknown when there is no data date (False: nothing to mark)."""
    return data_date is not None and _day(data_date) < period.end


def data_per(data_date) -> str:
    """'data per 3 Oktober 2025' — how recent the data behind a figure are."""
    if data_date is None:
        return "tanggal data tidak diketahui"
    return f"data per {tanggal(_day(data_date))}"


def incomplete_note(period: Period, data_date, name: str | None = None) -> str:
    """'TW IV: data sampai 3 Oktober 2025' where the period ends after the data date; '' where
    the data cover it. `name` replaces the period's own name (e.g. 'TW IV')."""
    if not incomplete(period, data_date):
        return ""
    return f"{name or period.nama}: data sampai {tanggal(_day(data_date))}"


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
