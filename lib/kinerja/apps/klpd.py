"""A K/L/PD as the store knows it, for `kinerja init`: its name, years and satker from its
register rows (the SOP's datasets, satker names from RUP-MasterSatker), the register files it was loaded from, the
baselines (the previous year's realisation, computed with the KPI engine), and the UKPBJ names
derived from the LKPP K/L/PD name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

from kinerja.core import config
from kinerja.core.paths import absolute
from kinerja.core.periods import Period
from kinerja.inputs import packages, register, store
from kinerja.inputs.schemas import BY_KIND, SOP
from kinerja.methods import indicators as kpi


@dataclass
class Satker:
    kode: str
    nama: str | None
    tahun: tuple[int, ...]


@dataclass
class Klpd:
    kode: str
    nama: str
    tahun: list[int]
    satker: list[Satker]
    baris: int


# The tables that tell which satker and years a K/L/PD has: the SOP's datasets and the satker
# master (RUP-MasterSatker), not the context datasets (e-Katalog, Toko Daring, budget).
_TABLES = [store.table_name(d) for d in SOP] + [store.table_name(BY_KIND["satker"])]


def _tables(con) -> list[str]:
    """Every register table of _TABLES the store has that carries kd_klpd."""
    rows = con.execute("SELECT DISTINCT table_name FROM information_schema.columns "
                       "WHERE column_name = 'kd_klpd' AND table_name IN (SELECT unnest(?)) "
                       "ORDER BY table_name", [_TABLES]).fetchall()
    return [r[0] for r in rows]


def _columns(con, table: str) -> set[str]:
    return {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                      "WHERE table_name = ?", [table]).fetchall()}


def _union(con, wanted: tuple[str, ...]) -> str:
    """All _TABLES with kd_klpd as one relation of the `wanted` columns (NULL where a table
    lacks one) and `_master`: whether the row is the satker master's."""
    parts = []
    for table in _tables(con):
        have = _columns(con, table)
        cols = ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in wanted)
        parts.append(f"SELECT {cols}, {table == _TABLES[-1]} AS _master FROM {table}")
    return " UNION ALL ".join(parts)


_ROW = ("kd_klpd", "nama_klpd", "tahun_anggaran", "kd_satker", "satker_key", "nama_satker",
        "_seq", "_sha256")


def find_klpd(con, kode: str) -> Klpd | None:
    """The K/L/PD's name, years and satker from its rows in the store; None without rows."""
    rows = _union(con, _ROW)
    if not rows:
        return None
    sql = f"SELECT * FROM ({rows}) WHERE upper(trim(kd_klpd)) = ?"
    count = con.execute(f"SELECT count(*) FROM ({sql})", [kode]).fetchone()[0]
    if not count:
        return None
    # The name most rows give (ties: the most recently loaded).
    name = con.execute(f"SELECT nama_klpd FROM ({sql}) WHERE nama_klpd IS NOT NULL "
                       f"GROUP BY nama_klpd ORDER BY count(*) DESC, max(_seq) DESC LIMIT 1",
                       [kode]).fetchone()
    years = [r[0] for r in con.execute(f"SELECT DISTINCT tahun_anggaran FROM ({sql}) WHERE "
                                       f"tahun_anggaran IS NOT NULL ORDER BY 1", [kode]).fetchall()]
    # One satker per normalised code (leading zeros removed), the processes' and the satker
    # master's; code and name as the master gives them, else the most recently loaded row.
    satker = [Satker(_one_line(r[0]), _one_line(r[1]), tuple(sorted(r[2] or ()))) for r in con.execute(
        f"SELECT arg_max(kd_satker, (_master, _seq)), arg_max(nama_satker, (_master, _seq)) FILTER "
        f"(WHERE nama_satker IS NOT NULL), list(DISTINCT tahun_anggaran) FILTER (WHERE tahun_anggaran "
        f"IS NOT NULL) FROM ({sql}) WHERE satker_key IS NOT NULL GROUP BY satker_key "
        f"ORDER BY arg_max(kd_satker, (_master, _seq))", [kode]).fetchall()]
    return Klpd(kode, _one_line(name[0]) if name else kode, years, satker, count)


def _one_line(text):
    """Names go into comment lines: one line, single spaces."""
    return " ".join(str(text).split()) if text is not None else None


def known_klpd(con) -> list[tuple[str, str | None]]:
    """(code, name) of every K/L/PD with rows in the store, for the error message."""
    rows = _union(con, ("kd_klpd", "nama_klpd"))
    if not rows:
        return []
    return con.execute(f"SELECT upper(trim(kd_klpd)), any_value(nama_klpd) FROM ({rows}) "
                       f"WHERE kd_klpd IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall()


def recorded_registers(con, kode: str) -> tuple[list[str], list[str]]:
    """(paths, missing) for data.register_paket from the store's register_files: the loaded
    files (status 'loaded' or NULL) that hold rows of this K/L/PD or rows without a K/L/PD
    code, a folder instead of its files where the whole folder was loaded (every register
    file or gateway endpoint now in it is recorded, whatever its status; a gateway download
    is always named by its folder), in load order. Files no longer on disk are returned apart."""
    files = con.execute("SELECT path, sha256, coalesce(status, 'loaded'), seq, loaded_at "
                        "FROM register_files WHERE path IS NOT NULL").fetchall()
    rows = _union(con, ("kd_klpd", "_sha256"))
    own = set()
    if rows:
        own = {r[0] for r in con.execute(
            f"SELECT DISTINCT _sha256 FROM ({rows}) WHERE kd_klpd IS NULL OR "
            f"upper(trim(kd_klpd)) = ?", [kode]).fetchall()}
    recorded = {str(absolute(p)) for p, *_ in files}
    chosen = sorted((f for f in files if f[2] == "loaded" and f[1] in own),
                    key=lambda f: (f[3] is None, f[3] or 0, f[4] or dt.datetime.min))
    out, missing, seen = [], [], set()
    for path, *_ in chosen:
        p = Path(path)
        if not p.exists():
            if path not in missing:
                missing.append(path)
            continue
        folder = register.folder_of(p)  # a gateway endpoint's download folder, else its folder
        inside = register.sources([folder])
        whole = bool(inside) and all(str(absolute(s.path)) in recorded for s in inside)
        entry = str(absolute(folder if whole else p))
        if entry not in seen:
            seen.add(entry)
            out.append(entry)
    return out, missing


def baselines(con, indicators: list[config.Indikator], tahun: int, kode: str,
              scope: list[str], areas: list[config.AreaStrategis] | None = None
              ) -> dict[str, tuple[float, int]]:
    """{kode indikator: (realisation of tahun-1, packages counted)} where the store holds the
    previous year's data for the measure (the plan's baseline, indicators.plan_table: each
    indicator over its area's cakupan)."""

    pk = packages.load_packages(con, scope, kode)
    previous = Period(tahun - 1)
    if not (pk["tahun_anggaran"] == previous.year).any():
        return {}
    real = kpi.realisation(pk, indicators, previous, scope=scope, areas=areas)
    out = {}
    for _, r in real.iterrows():
        value = r["nilai"]
        if value is not None and not (isinstance(value, float) and math.isnan(value)):
            out[r["kode"]] = (float(value), int(r["jumlah_paket"]))
    return out


# --------------------------------------------------------------------------- names

_PEMDA = (("kabupaten", r"kab\.?|kabupaten"), ("kota", r"kota"), ("provinsi", r"prov\.?|provinsi"))


def derive_names(nama_klpd: str) -> dict:
    """nama/singkatan/instansi of the UKPBJ and, for a city, its kota, from the LKPP K/L/PD
    name ('Kab. Bandung' -> 'Pemerintah Kabupaten Bandung'). Other K/L/PD (ministries,
    agencies, BUMD) keep their name as the instansi."""
    nama = " ".join(nama_klpd.split())
    kind, region = None, None
    for label, pattern in _PEMDA:
        m = re.match(rf"(?i)^({pattern})\s+(.+)$", nama)
        if m:
            kind, region = label, m.group(2)
            break
    if kind:
        wilayah = f"{kind.title()} {region}"          # 'Kabupaten Bandung'
        instansi = f"Pemerintah {wilayah}"
    else:
        wilayah, instansi = nama, nama
    return {"nama": f"Unit Kerja Pengadaan Barang/Jasa {instansi}",
            "singkatan": f"UKPBJ {nama}", "instansi": instansi, "wilayah": wilayah,
            "pemda": kind is not None, "kota": region if kind == "kota" else None}
