"""Every read row of a returned form checked against the one contract of its table: types,
ranges, choices, required cells, the table's rules, references (a package, indicator or action
plan the respondent's form may answer about) and duplicates; the accepted rows as stored, and
every rejected cell with its reason in Indonesian. Survei Teknis forms (through the intake) and
the customer-satisfaction forms F12/F13 (`kinerja.formulir.satisfaction_forms`) alike.

A row counts as read when at least one of its input cells holds something; prefilled rows the
respondent left empty are "not filled in", not data. A read row whose key cell was emptied is
rejected (required). For every table: rows read = rows accepted + rows rejected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kinerja.core import fmt, parse
from kinerja.inputs import form_contracts as c

REASONS = {
    c.INT: "bukan bilangan bulat",
    c.DECIMAL: "bukan angka yang dapat dibaca (contoh: 12,5)",
    c.DATE: "bukan tanggal yang dapat dibaca (contoh: 21/03/2024 atau 21 Maret 2024)",
    c.FLAG: "harus Ya atau Tidak",
    c.CODE: "kode terlalu panjang (lebih dari 64 karakter)",
    c.TEXT: "teks terlalu panjang (lebih dari 2.000 karakter)",
}
REJECTION_COLUMNS = ["sheet", "row", "column", "value", "reason", "kategori", "sel", "judul_kolom"]


@dataclass
class Batch:
    """The rows of one contract table from many files, validated together (vectorised; the
    per-file cost of pandas would otherwise dominate an intake of hundreds of small files)."""
    accepted: pd.DataFrame          # stored columns + _file, _sheet, _row
    rejections: pd.DataFrame        # REJECTION_COLUMNS + _file
    rows_read: pd.Series            # per _file


def _choice(series: pd.Series, choices: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    text, _ = parse.text(series)
    canon = {ch.lower(): ch for ch in choices}
    out = text.str.lower().map(canon).astype("string")
    return out, text.notna() & out.isna()


def _parse(f: c.Field, raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    if f.type == c.CHOICE:
        return _choice(raw, f.choices)
    kind = {c.DECIMAL: "money", c.INT: "int", c.DATE: "date", c.FLAG: "flag", c.CODE: "code",
            c.TEXT: "text"}[f.type]
    values, bad = parse.PARSERS[kind](raw)
    return values, bad.astype(bool)


def _out_of_range(f: c.Field, values: pd.Series, year: int) -> tuple[pd.Series, str]:
    if f.type in (c.INT, c.DECIMAL) and (f.min is not None or f.max is not None):
        v = values.astype("float64")
        out = pd.Series(False, index=values.index)
        if f.min is not None:
            out |= (v < f.min).fillna(False)
        if f.max is not None:
            out |= (v > f.max).fillna(False)
        span = f"{f.min:g}–{f.max:g}" if f.max is not None else f"≥ {f.min:g}"
        return out.astype(bool), f"di luar rentang {span}".replace(".", ",")
    if f.type == c.DATE and f.min is not None:
        lo, hi = c.date_bounds(f, year)
        out = (values < pd.Timestamp(lo)) | (values >= pd.Timestamp(hi) + pd.Timedelta(days=1))
        return out.fillna(False).astype(bool), (f"tanggal di luar rentang {fmt.tanggal(lo)} – "
                                                f"{fmt.tanggal(hi)}")
    return pd.Series(False, index=values.index), ""


def _choice_reason(f: c.Field) -> str:
    if len(f.choices) > 8:  # a long list (the OPD names): the form's drop-down shows it
        return "bukan salah satu pilihan pada daftar formulir"
    return f"bukan pilihan yang sah (pilihan: {', '.join(f.choices)})"


def _show(value) -> str:
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    return str(value)


def is_formula(values: pd.Series) -> pd.Series:
    """Cells holding a formula: its text '=…' (openpyxl with data_only=False) or a formula
    object (array/data-table formulas); anything but plain values counts as one."""
    plain = (str, int, float, bool, dt.datetime, dt.date, dt.time, type(None))
    return values.map(lambda v: (isinstance(v, str) and v.startswith("="))
                      or not isinstance(v, plain)).astype(bool)


def validate(raw: pd.DataFrame, table: c.Table, *, year: int, context: pd.DataFrame,
             allowed: set[tuple], known: set | None, who: pd.Series,
             package_info: pd.DataFrame | None = None,
             letters: dict[int, dict[str, str]] | None = None) -> Batch:
    """Check every read row of `table` against its contract.

    raw: the table's cells from one or more files, with `_file` (a file number) and `_row`
    (the Excel row); context: the stored row's meta values per _file; allowed: (_file, *key)
    tuples each file's form may answer about; known: every package code in the register (to
    tell a mistyped code from someone else's package); who: per _file, the respondent as named in
    messages; package_info: register columns by kd_paket (the table's from_package columns)."""
    raw = raw.reset_index(drop=True)
    inputs = [f.name for f in table.inputs if f.name in raw]
    formulas = pd.DataFrame({n: is_formula(raw[n]) for n in raw if n not in ("_file", "_row")})
    read = pd.Series(False, index=raw.index)
    for name in inputs:
        read |= ~parse.blank(raw[name]) | formulas[name]
    values, formulas = raw[read], formulas[read]
    problems: list[pd.DataFrame] = []
    bad_cells = pd.DataFrame(False, index=values.index, columns=formulas.columns)

    def reject(mask: pd.Series, name: str, reason, kategori: str) -> None:
        mask = mask.reindex(values.index, fill_value=False).astype(bool)
        if not mask.any():
            return
        shown = (values[name] if name in values else pd.Series("", index=values.index))[mask]
        problems.append(pd.DataFrame({
            "_file": values["_file"][mask], "sheet": table.sheet, "row": values["_row"][mask],
            "column": name,
            "value": shown.map(lambda v: "" if v is None else str(v)).str.slice(0, 200),
            "reason": reason[mask] if isinstance(reason, pd.Series) else reason,
            "kategori": kategori, "judul_kolom": table.field(name).label}))
        if name in bad_cells:
            bad_cells.loc[mask, name] = True

    typed = {}
    for f in table.fields:
        if f.name not in values or not (f.stored or f.name in table.key):
            continue
        formula = formulas[f.name]
        reject(formula, f.name, "berisi rumus (formula); isikan nilai, bukan rumus", "rumus")
        parsed, bad = _parse(f, values[f.name].where(~formula, None))
        reject(bad & ~formula, f.name, _choice_reason(f) if f.type == c.CHOICE
               else REASONS[f.type], "pilihan" if f.type == c.CHOICE else "tipe")
        outside, why = _out_of_range(f, parsed, year)
        reject(outside & ~bad, f.name, why, "rentang")
        broken = formula | bad | outside
        parsed = parsed.where(~broken)
        if f.default is not None:
            parsed = (parsed.astype("boolean") if f.type == c.FLAG else parsed).fillna(f.default)
        if f.required:
            reject(parsed.isna() & ~broken, f.name, f"wajib diisi ({f.label})", "wajib")
        typed[f.name] = parsed
    for f in table.fields:
        if f.required_when and f.name in typed:
            other, value = f.required_when
            when = ((typed[other] == value).fillna(False).astype(bool) if other in typed
                    else pd.Series(False, index=values.index))
            missing = typed[f.name].isna() & ~bad_cells[f.name] & when
            reject(missing, f.name, f"wajib diisi bila '{table.field(other).label}' = "
                   f"{_show(value)}", "wajib")
    frame = pd.DataFrame(typed, index=values.index)
    for check in table.checks:
        clean = ~bad_cells[[n for n in bad_cells if n in frame]].any(axis=1)
        reject(check.bad(frame).fillna(False).astype(bool) & clean, check.column, check.reason,
               "aturan")

    key = list(table.key)
    key_ok = frame[key].notna().all(axis=1) & ~bad_cells[key].any(axis=1)
    keys = pd.Series(list(zip(values["_file"], *(frame[k].astype("string").fillna("")
                                                  for k in key))), index=frame.index, dtype=object)
    foreign = (key_ok & ~keys.map(allowed.__contains__).astype(bool) if table.reference
               else pd.Series(False, index=frame.index))
    if foreign.any():
        shown = keys.map(lambda t: " / ".join(t[1:]))
        whom = values["_file"].map(who)
        if table.reference == "paket":
            unknown = keys.map(lambda t: t[1] not in known) if known is not None else False
            reason = ("paket " + shown + " bukan paket " + whom).mask(
                unknown, "kode paket " + shown + " tidak terdaftar di register paket")
        else:
            label = "indikator" if table.reference == "indikator" else "rencana aksi"
            reason = label + " " + shown + " bukan " + label + " " + whom + " pada formulir ini"
        reject(foreign, key[-1], reason, "rujukan")
    candidates = key_ok & ~foreign
    dup = candidates & keys.where(candidates, None).duplicated(keep="first")
    if dup.any():
        first = {k: r for k, r, d in zip(keys[candidates], values["_row"][candidates],
                                         dup[candidates]) if not d}
        reason = keys[dup].map(lambda k: f"baris ganda: {' / '.join(k[1:])} sama dengan baris "
                                         f"{first.get(k)} (baris itu yang dipakai)")
        reject(dup, key[-1], reason.reindex(frame.index), "ganda")

    rejections = (pd.concat(problems, ignore_index=True) if problems
                  else pd.DataFrame(columns=["_file", *REJECTION_COLUMNS]))
    if len(rejections):
        rejections["sel"] = [(letters or {}).get(f, {}).get(col, "") + str(r) for f, col, r in
                             zip(rejections["_file"], rejections["column"], rejections["row"])]
    rejections = rejections.sort_values(["_file", "row", "column"], kind="stable",
                                        ignore_index=True)[["_file", *REJECTION_COLUMNS]]
    bad_row = pd.Series(list(zip(values["_file"], values["_row"])), index=values.index).isin(
        set(zip(rejections["_file"], rejections["row"])))
    good = frame[~bad_row]
    accepted = _stored_rows(good, values.loc[good.index, "_file"], table, context, package_info)
    accepted["_file"] = values.loc[good.index, "_file"].to_numpy()
    accepted["_sheet"] = table.sheet
    accepted["_row"] = values.loc[good.index, "_row"].to_numpy()
    return Batch(accepted.reset_index(drop=True), rejections,
                 read.groupby(raw["_file"]).sum().astype(int))


def _stored_rows(frame: pd.DataFrame, files: pd.Series, table: c.Table, context: pd.DataFrame,
                 package_info: pd.DataFrame | None) -> pd.DataFrame:
    out = pd.DataFrame(index=frame.index)
    for col in table.columns:
        if col in table.context:
            out[col] = files.map(context[table.context[col]])
        elif col in table.from_package:
            src = package_info[table.from_package[col]] if package_info is not None else None
            out[col] = frame["kode_paket"].map(src) if src is not None else pd.NA
        else:
            out[col] = frame[col]
    return out
