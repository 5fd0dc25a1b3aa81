"""Reading a raw frame's rows against its dataset's contract: every cell parsed to its type, and
every row kept. A value the workbook cannot use (unreadable, negative rupiah, a code over 64
characters, a required field left blank, a repeated key) is set missing and flagged with file,
row, column, value and reason; the KPIs leave a missing value out by themselves. A row without
its first key field belongs to no package: kept and flagged, the package view skips it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kinerja.core import parse
from kinerja.inputs.schema_base import CODES, MONEY, Dataset

FLAG_COLUMNS = ["file", "row", "column", "value", "reason"]

# "NIP - Nama" pairs of the non-tender announcement, split into the contract's two columns;
# several people are separated by ';'.
SPLIT_PAIRS = {"nip_nama_ppk": ("nip_ppk", "nama_ppk"), "nip_nama_pokja": ("nip_pokja", "nama_pokja"),
               "nip_nama_pp": ("nip_pp", "nama_pp")}

# Why a value was set missing. A flag's reason is "<kind> — <consequence or detail>"; the
# data-quality listing counts flags by kind.
REASONS = {
    "money": "bukan nilai rupiah yang dapat dibaca (contoh: 1250000 atau Rp 1.250.000,00)",
    "number": "bukan angka yang dapat dibaca",
    "int": "bukan bilangan bulat",
    "date": "bukan tanggal yang dapat dibaca (contoh: 2024-03-21 atau 21 Maret 2024)",
    "flag": "harus Ya atau Tidak",
    "code": "kode terlalu panjang (lebih dari 64 karakter)",
    "codes": "kode terlalu panjang (lebih dari 64 karakter)",
    "text": "teks terlalu panjang (lebih dari 2.000 karakter)",
}
UNUSED = "nilai dianggap tidak ada"
# DECIMAL(18,2) holds rupiah below 10^16 (ten thousand trillion): anything larger is a typo.
MONEY_LIMIT = 1e16


def _source_column(frame: pd.DataFrame, names: list[str]) -> pd.Series | None:
    """First non-blank value across the export's candidate columns (aliases first: e.g. the
    dotted kd_satker_str is preferred over the numeric kd_satker id)."""
    present = [n for n in names if n in frame.columns]
    if not present:
        return None
    out = frame[present[0]]
    for name in present[1:]:
        out = out.where(~parse.blank(out), frame[name])
    return out


def _split_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """'196801012005011426 - Pegawai BEB5F3' (several joined by ';') into a NIP column and a
    name column, where the export gives only the pair."""
    for source, (nip, nama) in SPLIT_PAIRS.items():
        if source not in frame.columns or nip in frame.columns:
            continue
        people = frame[source].astype("string").str.split(";")
        pairs = people.explode().str.strip().str.split(r"\s+-\s+", n=1, regex=True)
        parts = pd.DataFrame({"nip": pairs.str[0], "nama": pairs.str[1]})
        joined = parts.groupby(level=0).agg(lambda v: ";".join(x for x in v.dropna() if x) or pd.NA)
        frame = frame.assign(**{nip: joined["nip"], nama: joined["nama"]})
    return frame


def empty_rows(frame: pd.DataFrame) -> pd.Series:
    """True for rows with no cell filled (checked column by column, only where still empty)."""
    empty = pd.Series(True, index=frame.index)
    for name in frame.columns:
        rows = empty[empty].index
        if not len(rows):
            break
        cells = frame.loc[rows, name].astype("string").str.strip()
        empty.loc[rows] = cells.isna() | (cells == "")
    return empty


def codes(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A cell of one or more codes ('60832782;45828523', a consolidated package's RUP codes) as
    the codes joined by ';'; bad where one of them is over 64 characters."""
    values, bad = parse.code(series)
    listed = values.str.contains(r"[;,]", regex=True).fillna(False).astype(bool)
    if listed.any():
        parts = values[listed].str.split(r"\s*[;,]\s*", regex=True).explode()
        one, too_long = parse.code(parts[parts.str.len() > 0])
        joined = one.dropna().groupby(level=0).agg(";".join)
        values[listed] = joined.reindex(values[listed].index).replace("", pd.NA)
        bad = bad & ~listed | too_long.groupby(level=0).any().reindex(bad.index, fill_value=False)
    return values, bad


def _money_text(raw: pd.Series, values: pd.Series) -> pd.Series:
    """The exact decimal text of each parsed rupiah value, which the store keeps as DECIMAL: the
    cell's own digits where it is a plain number (how every LKPP export writes money), else the
    parsed value (Rp 1.250.000,00) to a float's 15 significant digits."""
    ok = values.notna().to_numpy()
    out = pd.Series(pd.NA, index=raw.index, dtype="string")
    if not ok.any():
        return out
    text = raw[ok].astype("string").str.strip()
    plain = pc.match_substring_regex(pa.array(text.array, type=pa.string()), r"^-?[0-9]+(\.[0-9]+)?$")
    plain = plain.fill_null(False).to_numpy(zero_copy_only=False)
    given = text.where(plain)
    if not plain.all():
        floats = values[ok][~plain]
        given[~plain] = [np.format_float_positional(v, trim="-") for v in floats.to_numpy()]
    out[ok] = given
    return out


def validate(frame: pd.DataFrame, ds: Dataset, file_name: str, rows: int | np.ndarray
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(every row typed, flags) for a raw frame of dataset `ds`; `rows`: each row's number in
    the file, or the number of the frame's row 0. Raises KeyError naming a required column the
    file lacks altogether (the file is then refused whole)."""
    frame = frame.rename(columns=lambda c: str(c).strip().lower())
    frame = frame.loc[:, ~frame.columns.duplicated()]
    frame = _split_pairs(frame)
    # The frame's index is the row's position in the file (blank lines dropped, numbers kept).
    numbers = frame.index.to_numpy() + rows if isinstance(rows, int) else np.asarray(rows)
    row_numbers = pd.Series(numbers, index=frame.index)
    typed, problems = {}, []

    def flag(mask: pd.Series, column: str, values: pd.Series, reason: str) -> None:
        if mask.any():
            problems.append(pd.DataFrame({
                "file": file_name, "row": row_numbers[mask], "column": column,
                "value": values[mask].astype("string").fillna("").str.slice(0, 200),
                "reason": reason if " — " in reason else f"{reason} — {UNUSED}"}))

    for col in ds.columns:
        raw = _source_column(frame, [*col.aliases, col.name])
        if raw is None:
            if col.required:
                raise KeyError(col.name)
            typed[col.name] = pd.Series(pd.NA, index=frame.index)
            continue
        values, bad = (codes if col.type == CODES else parse.PARSERS[col.type])(raw)
        flag(bad, col.name, raw, REASONS[col.type])
        if col.type == MONEY:
            negative = (values < 0).fillna(False)
            flag(negative, col.name, raw, "nilai rupiah negatif")
            huge = (values.abs() >= MONEY_LIMIT).fillna(False)
            flag(huge, col.name, raw, "nilai rupiah terlalu besar (10.000 triliun atau lebih)")
            bad = bad | negative | huge
        if col.name == "tahun_anggaran":
            odd = ~values.isna() & ~values.between(2000, 2100).fillna(False)
            flag(odd, col.name, raw, "tahun anggaran di luar rentang 2000–2100")
            bad = bad | odd
        if col.required:
            missing = values.isna() & ~bad
            reason = (f"tanpa {col.label.lower()} — baris tidak dapat dikaitkan ke paket mana pun"
                      if col.name == ds.key[0] else col.missing or f"kosong — {col.label} wajib diisi")
            flag(missing, col.name, raw, reason)
        values = values.where(~bad)
        typed[col.name] = _money_text(raw, values) if col.type == MONEY else values
    out = pd.DataFrame(typed, index=frame.index)

    if not ds.multi:  # payment terms, addenda, stages: every row is its own record
        key = list(ds.key)
        known = out[key].notna().all(axis=1)
        dup = out.duplicated(subset=key, keep="first") & known
        if dup.any():
            first = out[known & ~out.duplicated(subset=key, keep="first")]
            first_row_of = dict(zip(map(tuple, first[key].astype(str).values), row_numbers[first.index]))
            dups = out[dup]
            problems.append(pd.DataFrame({
                "file": file_name, "row": row_numbers[dup], "column": ", ".join(key),
                "value": dups[key].astype(str).agg(" / ".join, axis=1),
                "reason": [f"kode ganda — sama dengan baris {first_row_of.get(tuple(k))}; nilai yang "
                           f"terisi pada baris terakhir dipakai" for k in dups[key].astype(str).values]}))
    flags = (pd.concat(problems, ignore_index=True) if problems else pd.DataFrame(columns=FLAG_COLUMNS))
    out["_row"] = row_numbers
    if "kd_satker" in out:
        out["satker_key"] = parse.code_key(out["kd_satker"])
    return out, flags.sort_values(["row", "column"], kind="stable", ignore_index=True)
