"""The package view and every KPI, provider and Pokja figure equal a slow, straightforward
reference path kept here: the package view as it was built before it was made to scale (every
key aggregated field by field, the RUP row joined whole to every process, the process columns
from SQL windows over the whole view, `.df()` and pandas post-processing row by row) and the
KPIs' area and period rows as they were selected (a copy of every column, Series.isin).

On the demo province with a second, later pull of the tender export (fields blanked and changed,
rows of another K/L/PD, new processes whose fields only the RUP has) and on two pulls of the
real LKPP ISB samples (Kab. Bandung, with BUMD rows)."""

import numpy as np
import pandas as pd
import pytest
from conftest import PARAMS, SAMPLE
from kinerja.core import config
from kinerja.core.measures import MEASURES
from kinerja.core.config import Metode, SatuanPelaksana
from kinerja.core.periods import Period
from kinerja.demo import generate as demo
from kinerja.inputs import data_dates, packages, processes, register, store
from kinerja.inputs.schemas import BY_KIND, MONEY, STATUS_TENDER
from kinerja.methods import indicators, pokja, providers
from kinerja.render import evaluation_charts

SAMPLES = SAMPLE.parent / "lkpp-isb-samples"
# dtypes the reference gave by chance of the data (object when every value is missing, bool
# when no RUP flag is blank) and the view now gives always
STEADY = {"kd_pkt_dce": "str", "status_dikecualikan": "boolean", "ket_ditutup": "str", "ket_diulang": "str",
          "nip_ppk_kontrak": "str", "nama_ppk_kontrak": "str", "dinilai": "boolean"}


# ------------------------------------------------------------------ the slow reference path

def _latest_slow(kind: str) -> str:
    ds = BY_KIND[kind]
    cols = [c for c in ds.names if c not in ds.key] + (["satker_key"] if "kd_satker" in ds.names else [])
    money = {c.name for c in ds.columns if c.type == MONEY}  # DECIMAL in the store, DOUBLE in the view
    value = lambda c: f'"{c}"::DOUBLE' if c in money else f'"{c}"'
    fields = ", ".join(f'arg_max({value(c)}, (_seq, _row)) FILTER (WHERE "{c}" IS NOT NULL) AS "{c}"' for c in cols)
    key = ", ".join(ds.key)
    return f"SELECT {key}, {fields} FROM {store.table_name(ds)} WHERE {ds.key[0]} IS NOT NULL GROUP BY {key}"


def reference_view(con, scope=None, kd_klpd=None) -> pd.DataFrame:
    parts = packages._sql_parts()
    parts.update({k: _latest_slow(k) for k in BY_KIND if not BY_KIND[k].multi})
    parts["gap"] = "TRUE"  # every process joined to its whole RUP row
    sql = packages._SQL.format(**parts).replace("NOT MATERIALIZED", "")
    df = con.execute(f"""SELECT *,
        row_number() OVER (PARTITION BY id_paket ORDER BY coalesce(versi, 1) DESC,
                           tgl_pengumuman DESC NULLS LAST, kd_paket DESC) = 1 AS proses_terakhir,
        count(*) OVER (PARTITION BY id_paket) AS jumlah_proses,
        max(coalesce(versi_tender, 1)) OVER (PARTITION BY id_paket) > 1 AS paket_diulang
        FROM ({sql})""").df()
    if kd_klpd:
        code = df["kd_klpd"].astype("string").str.strip().str.upper()
        df = df[~(code.notna() & (code != kd_klpd.strip().upper())).fillna(False).astype(bool)]
    text = df["metode_asli"].fillna(df["metode_rup"]).astype("string").str.strip()
    text = text.replace(packages.KODE_METODE_RUP).str.lower().map(packages._METHOD_NAMES)
    df["metode"] = text.fillna("Lainnya").mask(
        df["status_dikecualikan"].fillna(False).astype(bool), "Dikecualikan").astype("str")
    df["dalam_lingkup"] = df["metode"].isin(scope or config.METODE_DALAM_LINGKUP)
    status = df["status_asli"].astype("string").str.strip().str.lower().map(STATUS_TENDER)
    df["status"] = status.astype("string")
    df["jenis_pengadaan"] = packages._jenis(df["jenis_pengadaan_asli"])
    for col in ("tahun_anggaran", "versi_tender", "versi", "jumlah_peserta", "jumlah_pendaftar",
                "jumlah_proses", "jumlah_bast", "versi_addendum"):
        df[col] = df[col].astype("Int64")
    for col in ("proses_terakhir", "paket_diulang"):
        df[col] = df[col].fillna(False).astype(bool)
    df = df.sort_values("kd_paket", ignore_index=True).astype(STEADY)
    years = df["tahun_anggaran"].dropna().unique()
    return processes.state(df, {y: data_dates.for_klpd(con, kd_klpd, int(y)) for y in years})


def reference_covered(df, cakupan=None, scope=None) -> pd.Series:
    row = df["metode"].isin(scope) if scope is not None else df["dalam_lingkup"].astype(bool)
    if cakupan is not None and cakupan.metode:
        row &= df["metode"].isin(cakupan.metode)
    if cakupan is not None and cakupan.jenis_pengadaan:
        row &= df["jenis_pengadaan"].isin(cakupan.jenis_pengadaan).fillna(False).astype(bool)
    last = row & df["proses_terakhir"]
    return row & df["id_paket"].isin(df.loc[last, "id_paket"])


def reference_quarter(rows, year) -> pd.Series:
    """The quarter rule written out: announcement date, else award date; before the year TW I,
    after it TW IV; neither date TW IV."""
    date = rows["tgl_pengumuman"].fillna(rows["tgl_penetapan_pemenang"])
    quarter = pd.Series(4, index=rows.index)
    inside = date.dt.year == year
    quarter[inside] = (date[inside].dt.month - 1) // 3 + 1
    quarter[date.dt.year < year] = 1
    return quarter


def reference_rows(pk, period, cakupan, scope, cumulative) -> pd.DataFrame:
    year = pk[pk["tahun_anggaran"] == period.year]
    rows = year[reference_covered(year, cakupan, scope)]
    if period.quarter is None:
        return rows
    quarter = reference_quarter(rows, period.year)
    return rows[quarter <= period.quarter if cumulative else quarter == period.quarter]


# ------------------------------------------------------------------ data

def _later_pull(folder):
    """A later tender export: a quarter of the 2024 rows again, some fields blank (the earlier
    value stays), statuses and a pagu changed (the later value wins), rows of another K/L/PD,
    and re-tenders without satker, name or jenis (the RUP row fills them)."""
    rows = pd.read_csv(folder / "tender_2024.csv", dtype=str, keep_default_na=False).iloc[::4].copy()
    rows.loc[rows.index[::3], ["nama_satker", "jenis_pengadaan", "nip_ppk"]] = ""
    rows.loc[rows.index[1::5], "status_tender"] = "Gagal/Batal"
    rows.loc[rows.index[2::7], "pagu"] = "123456789"
    rows.loc[rows.index[3::11], ["kd_klpd", "nama_klpd"]] = ["D999", "Kabupaten Lain"]
    rows["kd_pkt_dce"] = rows["kd_tender"]  # blank in the first pull
    new = rows.iloc[:40].copy()  # re-tenders of the same SPSE packages
    new["kd_tender"] = [f"9{k}" for k in new["kd_tender"]]
    new["versi_tender"] = "2"
    new[["nama_satker", "nama_paket", "jenis_pengadaan", "nip_ppk", "nama_ppk", "kd_klpd"]] = ""
    pd.concat([rows, new]).to_csv(folder / "tender_2024_tarikan_2.csv", index=False)


@pytest.fixture(scope="module", params=["demo", "isb"])
def world(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"setara-{request.param}")
    con = store.connect(base / "s.duckdb")
    if request.param == "demo":
        demo.generate(base / "register", year=2024, seed=11)
        _later_pull(base / "register")
        files = sorted(base.joinpath("register").glob("*.csv"))
        register.load(con, [f for f in files if "tarikan" not in f.name])
        register.load(con, [base / "register" / "tender_2024_tarikan_2.csv"])
        params = config.load(PARAMS)
    else:
        if not SAMPLES.is_dir():
            pytest.fail(f"the ISB samples are expected at {SAMPLES} (../shared beside the repo)")
        register.load(con, [SAMPLE])
        register.load(con, [SAMPLES])
        text = PARAMS.read_text(encoding="utf-8").replace("kd_klpd: 'DEMO'", "kd_klpd: 'D107'")
        (base / "p.yaml").write_text(text.replace("\ntahun: 2024", "\ntahun: 2025"), encoding="utf-8")
        params = config.load(base / "p.yaml")
    yield con, params
    con.close()


@pytest.fixture(scope="module")
def views(world):
    con, params = world
    return packages.for_params(con, params), reference_view(
        con, params.metode.metode_dalam_lingkup, params.ukpbj.kd_klpd)


# ------------------------------------------------------------------ tests

def test_package_view_equals_the_reference(world, views):
    con, params = world
    pk, ref = views
    assert len(pk) > 100 and pk["proses_terakhir"].sum() < len(pk)  # re-tenders are there
    pd.testing.assert_frame_equal(pk, ref)
    everything = packages.load_packages(con)
    pd.testing.assert_frame_equal(everything, reference_view(con))
    assert len(everything) > len(pk)  # another K/L/PD's rows were left out
    others = packages.other_klpd(con, params.ukpbj.kd_klpd)
    assert others["jumlah_proses"].sum() == len(everything) - len(pk)


def test_area_and_period_rows_equal_the_reference(world, views):
    _, params = world
    pk, ref = views
    scope = params.metode.metode_dalam_lingkup
    for area in [None, *params.area_strategis]:
        cakupan = area.cakupan if area else None
        got = packages.covered(pk, cakupan, scope if area else None)
        pd.testing.assert_series_equal(got, reference_covered(ref, cakupan, scope if area else None))
    for label in (str(params.tahun), f"{params.tahun}-TW2"):
        for cumulative in (False, True):
            period = Period.parse(label)
            pd.testing.assert_frame_equal(packages.in_period(pk, period, cumulative),
                                          packages.in_period(ref, period, cumulative))


def test_every_kpi_equals_the_reference(world, views):
    _, params = world
    pk, ref = views
    scope, areas = params.metode.metode_dalam_lingkup, params.area_strategis
    register_kpis = [i for i in params.indikator if MEASURES[i.ukuran].compute]
    Y = params.tahun
    for label in (str(Y), f"{Y}-TW1", f"{Y}-TW3", str(Y - 1)):
        period = Period.parse(label)
        for cumulative in (False, True):
            got = indicators.realisation(pk, params.indikator, period, scope=scope,
                                         cumulative=cumulative, areas=areas).set_index("kode")
            for ind in register_kpis:
                m = MEASURES[ind.ukuran]
                rows = reference_rows(ref, period, indicators.area_scope(ind, areas), scope, cumulative)
                want = indicators._aggregate(rows, m, []).iloc[0]
                for col in ("nilai", "pembilang", "penyebut", "jumlah_paket", "jumlah_proses"):
                    value = got.loc[ind.kode, col]
                    assert value == want[col] or np.isnan(want[col]) and np.isnan(value), (label, col)
                if m.pendamping:
                    extra = indicators._aggregate(rows, MEASURES[m.pendamping], []).iloc[0]
                    assert got.loc[ind.kode, "pendamping_pembilang"] == extra["pembilang"]
                    assert got.loc[ind.kode, "pendamping_penyebut"] == extra["penyebut"]
                counted = indicators.counted(pk, ind, period, scope, cumulative, areas)
                behind = rows.loc[m.compute(rows)[0].to_numpy(), "kd_paket"]
                assert counted["kd_paket"].tolist() == behind.tolist()
        for by in ("nama_satker", ["metode", "jenis_pengadaan"]):
            pd.testing.assert_frame_equal(*(
                indicators.realisation(view, params.indikator, period, by=by, scope=scope, areas=areas)
                for view in (pk, ref)))
    pd.testing.assert_frame_equal(indicators.plan_table(pk, params), indicators.plan_table(ref, params))


def _forms(pk, year):
    """F5 and F8 rows as text, the way a returned form gives them, for the view's own packages."""
    own = pk[(pk["tahun_anggaran"] == year) & pk["dalam_lingkup"]]
    won = own[own["kd_penyedia"].notna()]
    scores = pd.DataFrame({"kode_paket": won["kd_paket"], "kd_penyedia": won["kd_penyedia"],
                           "nama_penyedia": won["nama_penyedia"], "nip_ppk": won["nip_ppk"],
                           "kualitas": "3", "biaya": "2", "layanan": "2",
                           "waktu": np.where(np.arange(len(won)) % 3, "3", "1"),
                           "putus_kontrak": np.where(np.arange(len(won)) % 17, "0", "1")})
    tenders = own[own["kd_tender"].notna()].iloc[::2]
    f8 = pd.DataFrame({"tahun_anggaran": str(year), "triwulan": "2", "kode_paket": tenders["kd_paket"],
                       "jumlah_sanggahan": np.where(np.arange(len(tenders)) % 4, "0", "1")})
    return scores.astype(str).replace("<NA>", ""), f8


def test_provider_and_pokja_recaps_equal_the_reference(world, views):
    _, params = world
    pk, ref = views
    metode, satuan = Metode(), SatuanPelaksana(per_jenis_pengadaan={"Barang": "Unit Barang"})
    raw_scores, raw_f8 = _forms(ref, params.tahun)
    scored = providers.score(providers.read_scores(raw_scores), metode.bobot_penyedia,
                             metode.kategori_penyedia)
    results = []
    for view in (pk, ref):
        s = providers.with_packages(scored, view)
        f6 = providers.provider_recap(s, metode.kategori_penyedia, previous=scored)
        out = [s, f6, providers.satker_recap(s, metode.kategori_penyedia),
               providers.performance_index(s, f6, metode.kategori_penyedia, due=len(s)),
               providers.attention(s, f6), evaluation_charts.category_table(s, "metode"),
               providers.finished(view, Period(params.tahun, 2))]
        for period in (Period(params.tahun), Period(params.tahun, 3)):
            pp = pokja.per_package(pokja.read_rows(raw_f8), view, period, satuan)
            out += [pp, pokja.per_pokja(pp), pokja.per_unit(pp), pokja.total(pp),
                    pokja.due(view, period)]
        results.append(out)
    assert len(results[0][0]) and len(results[0][7])
    for got, want in zip(*results):
        pd.testing.assert_frame_equal(got, want)
