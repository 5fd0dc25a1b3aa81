"""Groups (OPD, Pokja, jenis pengadaan, metode) compared with the rest of the UKPBJ on a measure's
rate — never ranked on their size, never rated on one or two processes.

A group's rate is the declared measure (core.measures) over its rows: Σ numerator ÷ Σ
denominator; "the rest" is the same over every other row (all other groups pooled). A group is
compared only when the measure counts at least `minimum` of its processes
(`metode.minimum_proses_banding`), and it stands out when its rate is worse than the rest's —
by at least BEDA_POIN percentage points for a percentage, by at least BEDA_RELATIF of the rest's
value for another unit (days, bidders) — in the measure's direction (workbook definitions).
"""

from __future__ import annotations

import pandas as pd

from kinerja.core import fmt
from kinerja.core.measures import MEASURES

BEDA_POIN = 10.0     # percentage points a group's percentage must be worse than the rest's
BEDA_RELATIF = 0.25  # share of the rest's value another unit must be worse by
COLUMNS = ["grup", "pembilang", "penyebut", "jumlah_proses", "nilai", "pembilang_lain", "penyebut_lain",
           "nilai_lain", "selisih", "menonjol"]


def rates(rows: pd.DataFrame, group: pd.Series, ukuran: str, minimum: int, lower_is_better: bool) -> pd.DataFrame:
    """Per group (the values of `group`, aligned with `rows`) with at least `minimum` counted
    processes: its rate, the rest's rate, the gap (positive = worse than the rest) and whether
    it stands out (COLUMNS); worst first."""
    m = MEASURES[ukuran]
    mask, num, den = m.compute(rows)
    parts = pd.DataFrame({"grup": group.to_numpy(), "pembilang": num.to_numpy(), "penyebut": den.to_numpy(),
                          "jumlah_proses": mask.to_numpy(int)})
    parts = parts[parts["grup"].notna()]
    per = parts.groupby("grup", observed=True)[["pembilang", "penyebut", "jumlah_proses"]].sum().reset_index()
    per["pembilang_lain"] = float(num.sum()) - per["pembilang"]
    per["penyebut_lain"] = float(den.sum()) - per["penyebut"]
    per = per[(per["jumlah_proses"] >= minimum) & (per["penyebut"] > 0) & (per["penyebut_lain"] > 0)].copy()
    per["nilai"] = m.scale * per["pembilang"] / per["penyebut"]
    per["nilai_lain"] = m.scale * per["pembilang_lain"] / per["penyebut_lain"]
    per["selisih"] = (per["nilai"] - per["nilai_lain"]) * (1 if lower_is_better else -1)
    margin = BEDA_POIN if m.scale == 100 else BEDA_RELATIF * per["nilai_lain"].abs()
    per["menonjol"] = per["selisih"] >= margin
    per = per.sort_values(["selisih", "jumlah_proses"], ascending=False, kind="stable", ignore_index=True)
    return per.reindex(columns=COLUMNS)


def value_text(value, ukuran: str, num, den, unit: str = "proses") -> str:
    """'40,00% (4 dari 10 proses)' for a share; '3,20 (32 penawaran, 10 proses)' otherwise."""
    m = MEASURES[ukuran]
    if m.scale == 100:
        return f"{fmt.persen(value)} ({fmt.angka(round(num))} dari {fmt.angka(round(den))} {unit})"
    return f"{fmt.angka(value, 2)} ({fmt.angka(round(den))} {unit})"


def standing_out(table: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The groups that stand out (rates), worst first, at most `limit`."""
    return table[table["menonjol"].to_numpy(bool)].head(limit)
