"""The whole year's procurement in the data, by channel, and what of it the SOP's indicators
cover: the report's summary (F15), the dashboard's header (F16) and the chapter *Pengadaan di luar
metode SOP*. Context only: nothing here enters a KPI.

Channels (CHANNELS): tender/seleksi/tender cepat and Penunjukan Langsung, Pengadaan Langsung
(non-tender processes, by their SPSE method), pencatatan non tender, swakelola (the RUP's
self-managed packages), and e-Purchasing: e-Katalog packages and Toko Daring orders (context
datasets, inputs.context). A RUP package without any process yet is a plan, no channel's
procurement (said in one line beside the table).

Counting rules (workbook definitions):
- paket: each package once (an SPSE package by its package code, so a re-tender is one package
  and two processes; an e-Katalog package by its code; a Toko Daring order by its order number,
  the export repeating an order on several rows);
- pagu: Σ pagu of each package's last process (a budget ceiling: never added to a contract value);
- nilai kontrak: the value agreed with a provider — the contract value of a package whose last
  process ended with a winner by the data date (a recorded purchase: its total realisation),
  the order value (total_harga) of an e-Katalog package, the transaction value of a Toko Daring
  order; e-Katalog packages and orders whose status says cancelled or failed are not counted
  (their number is said). Swakelola has no provider contract: pagu only.
- dihitung indikator SOP: the processes whose method is one of `metode.metode_dalam_lingkup`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kinerja.core import fmt
from kinerja.core.config import Parameters
from kinerja.core.measures import MEASURES
from kinerja.core.periods import Period, data_per
from kinerja.inputs import context, store
from kinerja.inputs.packages import period_rows
from kinerja.methods import register_quality
from kinerja.methods.missing import NO_DATA


@dataclass(frozen=True)
class Channel:
    kode: str
    nama: str                  # in a table
    singkat: str               # mid-sentence
    datasets: tuple[str, ...]  # register datasets it comes from (one must hold rows)
    unit: str = "proses"       # what one is called: a selection process, a package, an order
    proses: bool = True        # a selection process with a state (failures, contracts, BAST)


CHANNELS = (
    Channel("tender", "Tender, seleksi dan tender cepat", "tender/seleksi", ("tender", "tender_hasil")),
    Channel("penunjukan", "Penunjukan Langsung", "Penunjukan Langsung", ("nontender",)),
    Channel("pengadaan_langsung", "Pengadaan Langsung", "Pengadaan Langsung", ("nontender",)),
    Channel("pencatatan", "Pencatatan non tender", "pencatatan non tender", ("pencatatan",), "paket"),
    Channel("katalog", "e-Purchasing: e-Katalog", "e-Katalog", ("epurchasing",), "paket", proses=False),
    Channel("toko_daring", "e-Purchasing: Toko Daring", "Toko Daring", ("toko_daring",), "pesanan", proses=False),
    Channel("swakelola", "Swakelola (RUP)", "swakelola", ("rup_swakelola",), "paket", proses=False),
)
BY_CODE = {c.kode: c for c in CHANNELS}
# A status of an e-Katalog package or Toko Daring order that says it was not bought.
NOT_BOUGHT = re.compile(r"batal|cancel|gagal|tolak|reject|kadaluarsa|kedaluwarsa|expired", re.IGNORECASE)
TOP_OPD = 10  # OPD shown by name in the per-OPD table; the rest in one row
COLUMNS = ["kanal", "nama", "paket", "proses", "dalam_sop", "pagu", "kontrak", "nilai", "nilai_sop",
           "porsi_nilai", "tidak_dihitung", "keterangan"]


@dataclass
class Coverage:
    """The year's procurement by channel (`kanal`, COLUMNS), the per-channel context measures
    (`konteks`), outside-SOP procurement per OPD (`opd`), the year's procurement budget
    (`anggaran`: rupiah or None, `anggaran_teks`), the RUP packages without a process yet
    (`rencana`: count, pagu) and the data date."""
    kanal: pd.DataFrame
    konteks: pd.DataFrame
    opd: pd.DataFrame
    anggaran: float | None
    anggaran_teks: str
    rencana: tuple[int, float]
    data_date: object
    year: int


def channel_of(p: pd.DataFrame) -> pd.Series:
    """Each package-view row's channel code (CHANNELS), NA for a RUP package without a process."""
    code = p["kd_paket"].astype("string")
    method = p["metode_asli"].astype("string").str.lower().fillna("")
    out = pd.Series(pd.NA, index=p.index, dtype="string")
    out = out.mask(p["kd_tender"].notna(), "tender")
    nontender = p["kd_nontender"].notna()
    out = out.mask(nontender, np.where(method.str.contains("penunjukan"), "penunjukan", "pengadaan_langsung"))
    out = out.mask(code.str.startswith("PCT-").fillna(False), "pencatatan")
    return out.mask(code.str.startswith("SWA-").fillna(False), "swakelola")


def _flag(series) -> np.ndarray:
    return series.fillna(False).astype(bool).to_numpy()


def _package_rows(c: Channel, rows: pd.DataFrame) -> dict:
    """A package-view channel's counts and values."""
    last = _flag(rows["proses_terakhir"])
    signed = last & _flag(rows["menang"]) & rows["nilai_kontrak"].notna().to_numpy()
    sop = _flag(rows["dalam_lingkup"])
    value = (lambda keep: float(rows.loc[keep, "nilai_kontrak"].sum())) if c.kode != "swakelola" else (lambda _: np.nan)
    return {"paket": rows["id_paket"].nunique(), "proses": len(rows), "dalam_sop": int(sop.sum()),
            "pagu": float(rows.loc[last, "pagu"].sum()),
            "kontrak": int(signed.sum()) if c.kode != "swakelola" else np.nan,
            "nilai": value(signed), "nilai_sop": value(signed & sop), "tidak_dihitung": 0}


def _bought(frame: pd.DataFrame, status: str, key: str, value: str) -> dict:
    """An e-Purchasing channel's counts: packages (orders) bought and their value, and how many
    were cancelled or failed (not counted)."""
    gone = frame[status].astype("string").str.contains(NOT_BOUGHT).fillna(False).to_numpy(bool)
    kept = frame[~gone]
    n = kept[key].nunique()
    return {"paket": n, "proses": n, "dalam_sop": 0, "pagu": np.nan, "kontrak": n,
            "nilai": float(kept[value].sum()), "nilai_sop": 0.0, "tidak_dihitung": int(frame.loc[gone, key].nunique())}


def _context_frames(con, params: Parameters, period: Period) -> dict[str, pd.DataFrame]:
    """The year's e-Katalog packages and Toko Daring orders (to the period's end for a quarter)."""
    out = {}
    for kind, dated in (("epurchasing", "tgl_order"), ("toko_daring", "tanggal_transaksi")):
        f = context.rows(con, kind, params.ukpbj.kd_klpd, period.year)
        if period.quarter:
            f = f[~(pd.to_datetime(f[dated]) >= pd.Timestamp(period.end) + pd.Timedelta(days=1)).to_numpy(bool)]
        out[kind] = f
    return out


def channels(packages: pd.DataFrame, bought: dict[str, pd.DataFrame], gaps: dict[str, str],
             year_rows: pd.Series | None = None) -> pd.DataFrame:
    """One row per channel (COLUMNS): a channel whose datasets the store lacks has no figures and
    says why (`keterangan`, register_quality.gaps); porsi_nilai is its share of Σ nilai kontrak."""
    p = packages if year_rows is None else packages[year_rows.to_numpy(bool)]
    which = channel_of(p)
    rows = []
    for c in CHANNELS:
        if c.kode in gaps:
            rows.append({"kanal": c.kode, "nama": c.nama, "keterangan": why_missing(gaps[c.kode])})
            continue
        if c.kode == "katalog":
            figures = _bought(bought["epurchasing"], "status_paket", "kd_paket", "total_harga")
        elif c.kode == "toko_daring":
            figures = _bought(bought["toko_daring"], "status_konfirmasi_ppmse", "order_id", "valuasi")
        else:
            figures = _package_rows(c, p[(which == c.kode).fillna(False).to_numpy(bool)])
        rows.append({"kanal": c.kode, "nama": c.nama, **figures, "keterangan": ""})
    out = pd.DataFrame(rows).reindex(columns=COLUMNS)
    total = out["nilai"].sum()
    out["porsi_nilai"] = 100 * out["nilai"] / total if total else np.nan
    return out


def why_missing(gap: dict) -> str:
    """'belum diunduh (RUP-StrukturAnggaranPD)' or 'berkas … kosong' (register_quality.gap)."""
    if gap["jenis"] == "kosong":
        return f"berkas unduhannya kosong ({gap['berkas']})"
    return f"belum diunduh ({gap['dataset']})"


def sop_text(row) -> str:
    """'ya, semua', 'tidak' or '3 dari 25 proses' (the processes of the SOP's methods); 'Belum
    ada data' for a channel the store lacks."""
    if pd.isna(row.proses):
        return NO_DATA
    if not row.proses:
        return "tidak ada proses"
    if not row.dalam_sop:
        return "tidak"
    return "ya, semua" if row.dalam_sop == row.proses else f"{fmt.angka(row.dalam_sop)} dari {fmt.angka(row.proses)} proses"


def _rate(rows: pd.DataFrame, name: str, unit: str) -> str:
    """A measure applied to a channel's rows as its definition says, with its base: '10,20% (5
    dari 49 proses)'; '–' where nothing qualifies."""
    m = MEASURES[name]
    mask, num, den = m.compute(rows)
    if not den.sum():
        return "–"
    value = fmt.persen(m.scale * num.sum() / den.sum())
    if name == "efisiensi_hps":  # a share of rupiah: its base is the packages counted
        return f"{value} ({fmt.angka(int(mask.sum()))} {unit})"
    return f"{value} ({fmt.angka(int(num.sum()))} dari {fmt.angka(int(den.sum()))} {unit})"


def context_measures(packages: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Per process channel with data: processes still running at the data date, and the failed
    share, efficiency against HPS and contracts handed over on time — each the declared measure
    (core.measures) applied to the channel's rows, as context, never a KPI."""
    which = channel_of(packages)
    out = []
    for r in table.itertuples():
        c = BY_CODE[r.kanal]
        if not c.proses or pd.isna(r.proses) or not r.proses:
            continue
        rows = packages[(which == c.kode).fillna(False).to_numpy(bool)]
        out.append({"kanal": c.kode, "nama": c.nama, "proses": int(r.proses),
                    "berlangsung": int(_flag(rows["berlangsung"]).sum()),
                    "gagal": _rate(rows, "tender_gagal", "proses"),
                    "efisiensi_hps": _rate(rows, "efisiensi_hps", "paket"),
                    "tepat_waktu": _rate(rows, "kontrak_tepat_waktu", "kontrak")})
    return pd.DataFrame(out, columns=["kanal", "nama", "proses", "berlangsung", "gagal", "efisiensi_hps",
                                      "tepat_waktu"])


def outside_by_opd(packages: pd.DataFrame, bought: dict[str, pd.DataFrame], top: int = TOP_OPD,
                   gaps: dict | None = None) -> pd.DataFrame:
    """Procurement outside the SOP's methods per OPD: Pengadaan Langsung processes, recorded
    purchases, e-Purchasing packages and orders, and their contract value (as `channels` counts
    it); the `top` OPD by value, then one row 'dan N OPD lainnya'. A count whose channel the
    store lacks (`gaps`: register_quality.gaps; e-Purchasing when both its channels do) is
    missing, never 0."""
    which = channel_of(packages)
    outside = packages[(~_flag(packages["dalam_lingkup"]) & which.isin(["pengadaan_langsung", "pencatatan",
                                                                         "penunjukan", "tender"]).fillna(False)
                        .to_numpy(bool))]
    signed = _flag(outside["proses_terakhir"]) & _flag(outside["menang"]) & outside["nilai_kontrak"].notna().to_numpy()
    parts = [pd.DataFrame({"nama_satker": outside["nama_satker"].astype("string").to_numpy(),
                           "pl": (which[outside.index] == "pengadaan_langsung").to_numpy(int),
                           "pct": (which[outside.index] == "pencatatan").to_numpy(int), "ep": 0,
                           "nilai": np.where(signed, outside["nilai_kontrak"].to_numpy(float), 0.0)})]
    for kind, status, key, value in (("epurchasing", "status_paket", "kd_paket", "total_harga"),
                                     ("toko_daring", "status_konfirmasi_ppmse", "order_id", "valuasi")):
        f = bought[kind]
        f = f[~f[status].astype("string").str.contains(NOT_BOUGHT).fillna(False).to_numpy(bool)].drop_duplicates(key)
        parts.append(pd.DataFrame({"nama_satker": f["nama_satker"].astype("string").to_numpy(), "pl": 0, "pct": 0,
                                   "ep": 1, "nilai": f[value].astype(float).fillna(0).to_numpy()}))
    rows = pd.concat(parts, ignore_index=True)
    rows["nama_satker"] = rows["nama_satker"].fillna("(satker tidak tercatat)")
    per = rows.groupby("nama_satker").agg(pengadaan_langsung=("pl", "sum"), pencatatan=("pct", "sum"),
                                          epurchasing=("ep", "sum"), nilai=("nilai", "sum")).reset_index()
    per = per.sort_values(["nilai", "nama_satker"], ascending=[False, True], ignore_index=True)
    total = per["nilai"].sum()
    shown, rest = per.head(top), per.iloc[top:]
    if len(rest):
        shown = pd.concat([shown, pd.DataFrame([{
            "nama_satker": f"dan {fmt.angka(len(rest))} OPD lainnya", **rest[["pengadaan_langsung", "pencatatan",
                                                                               "epurchasing", "nilai"]].sum()}])],
                          ignore_index=True)
    shown = shown.assign(porsi_nilai=100 * shown["nilai"] / total if total else np.nan)
    shown = shown.astype({"pengadaan_langsung": "Int64", "pencatatan": "Int64", "epurchasing": "Int64"})
    gaps = gaps or {}
    lacking = {"pengadaan_langsung": "pengadaan_langsung" in gaps, "pencatatan": "pencatatan" in gaps,
               "epurchasing": "katalog" in gaps and "toko_daring" in gaps}
    for column, lacks in lacking.items():
        if lacks:
            shown[column] = pd.NA
    return shown


def _budget(con, params: Parameters, year: int, gaps: dict[str, str]) -> tuple[float | None, str]:
    """The year's procurement budget (Σ belanja pengadaan over the K/L/PD's satker) and one line
    saying it, or why it is missing."""
    if "anggaran" in gaps:
        return None, (f"Belanja pengadaan tahun {year}: Belum ada data — struktur anggaran perangkat daerah "
                      f"{why_missing(gaps['anggaran'])}.")
    b = context.rows(con, "anggaran", params.ukpbj.kd_klpd, year)
    spent = b["belanja_pengadaan"].dropna()
    if spent.empty:
        return None, (f"Belanja pengadaan tahun {year}: Belum ada data (struktur anggaran perangkat daerah "
                      f"tidak memuat belanja pengadaan tahun ini).")
    return float(spent.sum()), (f"Belanja pengadaan tahun {year} menurut struktur anggaran perangkat daerah: "
                                f"{fmt.rupiah(spent.sum())} ({fmt.angka(len(spent))} satker).")


def year(store_path, params: Parameters, period: Period, packages: pd.DataFrame, data_date=None) -> Coverage:
    """The period's procurement by channel (the whole year; year to date for a quarter), its
    context measures, per OPD, and the year's budget, read from the store at `store_path`."""
    groups = {c.kode: c.datasets for c in CHANNELS} | {"anggaran": ("anggaran",)}
    con = store.connect(store_path, read_only=True)
    try:
        gaps = register_quality.gaps(con, params, groups)
        bought = _context_frames(con, params, period)
        budget, budget_text = _budget(con, params, period.year, gaps)
    finally:
        con.close()
    p = packages[period_rows(packages, period, cumulative=True).to_numpy(bool)]
    table = channels(p, bought, gaps)
    # a RUP package an e-Katalog order names is bought, not a plan without a process
    ordered = set(bought["epurchasing"]["kd_rup"].dropna().astype(str).str.split(";").explode().str.strip())
    planned = p[channel_of(p).isna().to_numpy(bool) & ~p["kd_rup"].astype("string").isin(ordered).to_numpy(bool)]
    return Coverage(table, context_measures(p, table), outside_by_opd(p, bought, gaps=gaps), budget, budget_text,
                    (len(planned), float(planned["pagu"].sum())), data_date, period.year)


def lines(cov: Coverage) -> list[str]:
    """Two sentences for the summary (F15) and the dashboard's header (F16): the year's
    procurement in the data and the share the SOP's indicators count; what lies outside their
    methods, per channel; and the year's procurement budget (or why it is missing)."""
    t = cov.kanal
    known = t[t["paket"].notna()]
    in_sop_value = known["nilai_sop"].sum()
    total_value = known["nilai"].sum()
    first = (f"Pengadaan tahun {cov.year} dalam data ({data_per(cov.data_date)}): "
             f"{fmt.angka(int(known['paket'].sum()))} paket, nilai kontrak {fmt.rupiah_singkat(total_value)}. Indikator "
             f"SOP menghitung {fmt.angka(int(known['dalam_sop'].sum()))} proses metode SOP ("
             f"{fmt.rupiah_singkat(in_sop_value)}, {fmt.persen(100 * in_sop_value / total_value if total_value else np.nan, 1)} "
             f"nilai kontrak).")
    parts = []
    for r in t.itertuples():
        c = BY_CODE[r.kanal]
        if pd.isna(r.paket):
            parts.append(f"{c.singkat} belum ada data")
            continue
        count = r.proses - r.dalam_sop
        if not count:  # all counted by the indicators, or none in the data
            continue
        value = f"pagu {fmt.rupiah_singkat(r.pagu)}" if r.kanal == "swakelola" else fmt.rupiah_singkat(r.nilai - r.nilai_sop)
        parts.append(f"{c.singkat} {fmt.angka(int(count))} {c.unit} ({value})")
    second = ("Di luar metode SOP (konteks, tidak masuk indikator): " + "; ".join(parts) + "."
              if parts else "Tidak ada pengadaan di luar metode SOP dalam data.")
    return [first, second, cov.anggaran_teks]

