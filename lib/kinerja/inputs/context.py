"""The context datasets of one K/L/PD and fiscal year, as the report's coverage chapter reads them:
e-Katalog packages, Toko Daring orders and the year's procurement budget per satker. They are
never part of the package view (inputs.packages) and never enter a KPI.

Each is read one row per key with each field's latest non-blank value (the same rule as the
package view): an e-Katalog package per kd_paket, a Toko Daring order per order_id (the export
repeats an order on several rows), a budget row per satker and year. Rows of another K/L/PD are
left out (rows without a K/L/PD code are the UKPBJ's own); a row without a fiscal year counts in
the year of its date. A satker without a name in the row takes the name RUP-MasterSatker gives
it (e-Katalog by its satker code, Toko Daring by SiRUP's numeric satker id).
"""

from __future__ import annotations

import pandas as pd

from kinerja.inputs.packages import latest

# kind -> (the date a row without a fiscal year is placed by, how its satker is named in the master)
_READ = {"epurchasing": ("tgl_order", "satker_key"), "toko_daring": ("tanggal_transaksi", "id_satker"),
         "anggaran": (None, "satker_key")}
_MASTER = ("SELECT {key}, arg_max(nama_satker, _seq * 1099511627776 + _row) AS nama_master FROM reg_satker "
           "WHERE {key} IS NOT NULL AND nama_satker IS NOT NULL GROUP BY {key}")


def rows(con, kind: str, kd_klpd: str | None, year: int) -> pd.DataFrame:
    """One row per key of a context dataset (`epurchasing`, `toko_daring`, `anggaran`) for the
    K/L/PD and fiscal year, with `nama_satker` filled from the satker master where the row has
    none; rupiah as float."""
    dated, key = _READ[kind]
    year_of = "t.tahun_anggaran" if dated is None else f"coalesce(t.tahun_anggaran, year(t.{dated}))"
    klpd = "TRUE" if not kd_klpd else "(t.kd_klpd IS NULL OR upper(trim(t.kd_klpd)) = upper(trim(?)))"
    sql = (f"SELECT t.* EXCLUDE (nama_satker), coalesce(t.nama_satker, m.nama_master) AS nama_satker "
           f"FROM ({latest(kind)}) t LEFT JOIN ({_MASTER.format(key=key)}) m ON t.{key} = m.{key} "
           f"WHERE {year_of} = ? AND {klpd}")
    args = [year] + ([kd_klpd] if kd_klpd else [])
    return con.execute(sql, args).df()


