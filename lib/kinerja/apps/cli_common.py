"""What the `kinerja` commands share: the exit codes (0 ok, 1 some rows or a file refused, 2
unusable input or failed stage), the error the user must fix, the store a command works on and the
parameter file's packages read from it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kinerja.core import config, paths
from kinerja.inputs import packages

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2


class UserError(Exception):
    """Anything the user must fix; printed as is."""


def store_location(args, params: config.Parameters | None = None) -> Path:
    if args.store:
        return Path(args.store).resolve()
    return params.store_path if params else paths.DEFAULT_STORE


def parameter_packages(args, params: config.Parameters) -> pd.DataFrame:
    """The parameter file's packages (packages.for_params) from the command's store, opened read
    only; a store that does not exist is the user's to fix."""
    try:
        return packages.from_store(store_location(args, params), params)
    except FileNotFoundError as exc:
        raise UserError(str(exc)) from None


def scoring_methods(args) -> config.Metode:
    """The scoring methods of `--params`, or the national defaults without it."""
    return config.load(args.params).metode if args.params else config.Metode()


def print_flags(flags: pd.DataFrame, file: str, shown: int = 5, groups: int = 10) -> None:
    """The values a loaded register source had set missing (the rows are kept), one line per
    column and kind of reason: the row (or how many rows, the first `shown` of them), the
    value, why; the file named where it is not the source's own (a contract's nested
    documents)."""
    if flags.empty:
        return
    kinds = flags.assign(kind=flags["reason"].str.split(" — ").str[0])
    listed = list(kinds.groupby(["file", "column", "kind"], sort=False))
    for (where, column, kind), rows in listed[:groups]:
        where = "" if where == file else f"{where}, "
        first = rows.iloc[0]
        if len(rows) == 1:
            print(f"    {where}baris {first['row']}, kolom {column}: {first['reason']} (nilai: "
                  f"'{first['value']}')")
            continue
        numbers = ", ".join(map(str, rows["row"].head(shown))) + (", …" if len(rows) > shown else "")
        print(f"    {where}kolom {column}: {kind} — {len(rows)} baris ({numbers}; baris {first['row']}: "
              f"{first['reason'].split(' — ', 1)[-1]}, nilai '{first['value']}')")
    if len(listed) > groups:
        print(f"    … dan {len(listed) - groups} jenis tanda lain (lihat --json)")


def print_rejections(rejections: pd.DataFrame, with_sheet: bool = False, shown: int = 20) -> None:
    """The first `shown` rejected rows of a file, each with where and why, and how many more."""
    for rej in rejections.head(shown).itertuples():
        where = f"lembar '{rej.sheet}' baris {rej.row}" if with_sheet else f"baris {rej.row}"
        print(f"    {where}, kolom {rej.column}: {rej.reason} (nilai: '{rej.value}')")
    if len(rejections) > shown:
        print(f"    … dan {len(rejections) - shown} penolakan lain")
