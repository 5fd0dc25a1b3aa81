"""The demo register generator (kinerja.demo.generate): deterministic, schema-exact, realistic."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from kinerja.core import parse
from kinerja.demo import demo_context
from kinerja.demo import generate as demo
from kinerja.inputs.schemas import BY_KIND, identify

YEAR = 2024
YEARS = (YEAR - 1, YEAR)
N = 300

NPWP = re.compile(r"^\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3}$")
NIP = re.compile(r"^\d{18}$")
SIPD = re.compile(r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$")
STAMP = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
DATE = r"\d{4}-\d{2}-\d{2}"
ULID = r"[0-9A-HJKMNP-TV-Z]{26}"  # Crockford's base32, as e-Katalog codes
BKAD = next(kd for kd, nama in demo.OPD if nama == "Badan Keuangan dan Aset Daerah")
RUPIAH_TEXT = re.compile(r"^Rp \d{1,3}(\.\d{3})*,\d{2}$")
TANGGAL_TEXT = re.compile(r"^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September"
                          r"|Oktober|November|Desember) \d{4}$")


@pytest.fixture(scope="module")
def demo_register_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo")
    demo.generate(path, year=YEAR, packages=N, seed=7)
    return path


def read(demo_register_dir, kind, year) -> pd.DataFrame:
    # As the register loader reads CSV: every cell as text, blanks as "".
    return pd.read_csv(demo_register_dir / f"{kind}_{year}.csv", dtype=str, keep_default_na=False)


def both(demo_register_dir, kind) -> pd.DataFrame:
    return pd.concat([read(demo_register_dir, kind, y) for y in YEARS], ignore_index=True)


def num(series) -> pd.Series:
    return pd.to_numeric(series.replace("", None), errors="coerce")


def test_same_arguments_give_identical_bytes_and_a_new_seed_differs(tmp_path, demo_register_dir):
    paths = demo.generate(tmp_path / "again", year=YEAR, packages=N, seed=7)
    assert [p.name for p in paths] == [f"{k}_{y}.csv" for y in YEARS for k in demo.KINDS]
    for p in paths:
        assert p.read_bytes() == (demo_register_dir / p.name).read_bytes(), p.name
    other = demo.generate(tmp_path / "other", year=YEAR, packages=N, seed=8)
    assert all(p.read_bytes() != (demo_register_dir / p.name).read_bytes() for p in other)


def test_one_file_per_dataset_and_year_with_exactly_the_schema_columns(demo_register_dir):
    assert sorted(p.name for p in demo_register_dir.iterdir()) == sorted(
        f"{k}_{y}.csv" for k in demo.KINDS for y in YEARS)
    for kind in demo.KINDS:
        for y in YEARS:
            frame = read(demo_register_dir, kind, y)
            # the schema's columns, and the data date an ISB download carries on every row
            assert list(frame.columns) == [*BY_KIND[kind].names, "_event_date"], (kind, y)
            assert set(frame["_event_date"]) == {f"{y + 1}-01-31"}
            assert identify(frame.columns) is BY_KIND[kind]
            assert len(frame) > 0, (kind, y)
            if "tahun_anggaran" in frame:
                assert set(frame["tahun_anggaran"]) == {str(y)}


def test_packages_per_year_and_real_kaltim_opd(demo_register_dir):
    rup = {y: read(demo_register_dir, "rup", y) for y in YEARS}
    assert len(rup[YEAR]) == N and abs(len(rup[YEAR - 1]) - N) <= 0.1 * N
    assert len(demo.OPD) >= 38
    assert len({kd for kd, _ in demo.OPD}) == len({nama for _, nama in demo.OPD}) == len(demo.OPD)
    assert all(SIPD.match(kd) for kd, _ in demo.OPD)
    names = {nama for _, nama in demo.OPD}
    assert {"RSUD Abdul Wahab Sjahranie", "Dinas Kesehatan", "Sekretariat DPRD"} <= names
    seen = pd.concat(rup.values())
    assert seen["kd_satker"].nunique() >= 35
    assert dict(zip(seen["kd_satker"], seen["nama_satker"])).items() <= dict(demo.OPD).items()


@pytest.mark.parametrize("year", YEARS)
def test_method_mix(demo_register_dir, year):
    rup = read(demo_register_dir, "rup", year)
    share = rup["metode_pengadaan"].value_counts(normalize=True)
    # Wide enough for any seed at 300 packages (about 4 standard deviations).
    bands = {"Tender": (.22, .38), "Seleksi": (.03, .14), "Tender Cepat": (.015, .095),
             "Penunjukan Langsung": (.015, .095), "Dikecualikan": (.003, .07),
             "Pengadaan Langsung": (.25, .45), "E-Purchasing": (.07, .22)}
    assert set(share.index) == set(bands)
    for method, (lo, hi) in bands.items():
        assert lo <= share[method] <= hi, (method, share[method])
    excluded = rup["status_dikecualikan"] == "true"
    assert (excluded == (rup["metode_pengadaan"] == "Dikecualikan")).all()
    tender = read(demo_register_dir, "tender", year)
    assert set(tender["mtd_pemilihan"]) == {"Tender", "Seleksi", "Tender Cepat"}
    assert set(read(demo_register_dir, "nontender", year)["mtd_pemilihan"]) == {"Penunjukan Langsung",
                                                                  "Pengadaan Langsung"}
    status = tender["status_tender"].value_counts(normalize=True)
    assert status["Selesai"] > 0.75 and 0 < status["Gagal/Batal"] < 0.2
    assert (tender["versi_tender"] != "1").mean() < 0.25


def test_codes_are_unique_and_shaped_like_the_real_export(demo_register_dir):
    rup, tender, nontender = (both(demo_register_dir, kind) for kind in ("rup", "tender", "nontender"))
    assert rup["kd_rup"].str.fullmatch(r"\d{8}").all() and rup["kd_rup"].is_unique
    assert tender["kd_tender"].str.fullmatch(r"\d{8}000").all() and tender["kd_tender"].is_unique
    assert nontender["kd_nontender"].is_unique
    assert not set(tender["kd_tender"]) & set(nontender["kd_nontender"])
    assert set(tender["kd_rup"]) | set(nontender["kd_rup"]) <= set(rup["kd_rup"])
    kontrak = both(demo_register_dir, "kontrak")
    assert kontrak["kd_paket"].is_unique
    finished = set(tender.loc[tender["status_tender"] == "Selesai", "kd_tender"]) | set(
        nontender.loc[nontender["status_nontender"] == "Selesai", "kd_nontender"])
    assert set(kontrak["kd_paket"]) == finished


def test_every_result_belongs_to_a_finished_tender(demo_register_dir):
    tender, hasil = both(demo_register_dir, "tender"), both(demo_register_dir, "tender_hasil")
    status = dict(zip(tender["kd_tender"], tender["status_tender"]))
    assert hasil["kd_tender"].map(status).eq("Selesai").all()
    assert len(hasil) == (tender["status_tender"] == "Selesai").sum()


def test_contract_at_most_hps_at_most_pagu(demo_register_dir):
    for kind in ("tender_hasil", "nontender"):
        frame = both(demo_register_dir, kind)
        pagu, hps, kontrak = num(frame["pagu"]), num(frame["hps"]), num(frame["nilai_kontrak"])
        rows = pagu.notna() & hps.notna() & kontrak.notna()
        assert rows.sum() > 0.9 * frame["nilai_kontrak"].ne("").sum()
        assert (kontrak[rows] <= hps[rows]).all() and (hps[rows] <= pagu[rows]).all()
        assert (hps[rows] >= 0.95 * pagu[rows] - 1).all()
        assert (kontrak[rows] >= 0.80 * hps[rows] - 1).all()
        pdn, umk = num(frame["nilai_pdn_kontrak"]), num(frame["nilai_umk_kontrak"])
        assert (pdn[rows].fillna(0) <= kontrak[rows]).all()
        assert (umk[rows].fillna(0) <= kontrak[rows]).all()
    tender = both(demo_register_dir, "tender")
    assert (num(tender["hps"]) <= num(tender["pagu"])).all()
    open_tender = tender["mtd_pemilihan"] != "Seleksi"
    assert (num(tender.loc[open_tender, "pagu"]) > 2e8).all()
    nontender = both(demo_register_dir, "nontender")
    direct = nontender["mtd_pemilihan"] == "Pengadaan Langsung"
    assert (num(nontender.loc[direct, "pagu"]) <= 2e8).all()


def test_exactly_one_winner_per_finished_tender(demo_register_dir):
    for y in YEARS:
        tender, peserta = read(demo_register_dir, "tender", y), read(demo_register_dir, "peserta", y)
        hasil = read(demo_register_dir, "tender_hasil", y)
        assert set(peserta["kd_tender"]) <= set(tender["kd_tender"])
        assert not peserta.duplicated(["kd_tender", "kd_penyedia"]).any()
        winners = peserta[peserta["pemenang"] == "1"].groupby("kd_tender").size()
        finished = set(tender.loc[tender["status_tender"] == "Selesai", "kd_tender"])
        assert set(winners.index) == finished and (winners == 1).all()
        bidders = peserta.groupby("kd_tender").size()
        assert bidders.between(1, 12).all()
        single = (bidders[list(finished)] == 1).mean()
        assert 0.01 <= single <= 0.25
        # The winner in the bidder list is the provider in the result.
        won = peserta[peserta["pemenang"] == "1"].set_index("kd_tender")["kd_penyedia"]
        assert (hasil["kd_tender"].map(won) == hasil["kd_penyedia"]).all()


def test_providers_people_and_their_identifiers(demo_register_dir):
    for kind in ("peserta", "tender_hasil", "nontender"):
        npwp = both(demo_register_dir, kind)["npwp_penyedia"]
        npwp = npwp[npwp != ""]
        assert len(npwp) and npwp.str.match(NPWP).all(), kind
    peserta = both(demo_register_dir, "peserta")
    assert peserta["nama_penyedia"].str.match(r"^(CV|PT|Cv|Pt)\.").all()
    assert peserta.groupby("kd_penyedia")["npwp_penyedia"].nunique().eq(1).all()
    assert peserta["kd_penyedia"].nunique() >= 50
    wins = peserta[peserta["pemenang"] == "1"]["kd_penyedia"].value_counts()
    assert wins.iloc[0] >= 3  # some providers win again and again
    tender = both(demo_register_dir, "tender")
    assert tender["nip_ppk"].str.match(NIP).all()
    members = tender["nip_pokja"].str.split(";")
    assert members.map(len).eq(3).all() and members.explode().str.match(NIP).all()
    assert tender["nama_pokja"].str.split(";").map(len).eq(3).all()
    assert tender["nama_pokja"].nunique() <= 12


def test_dates_are_export_shaped_and_inside_the_fiscal_year(demo_register_dir):
    date_cols = {"rup": ["tgl_awal_pemilihan", "tgl_akhir_pemilihan", "tgl_awal_kontrak",
                         "tgl_akhir_kontrak"],
                 "tender": ["tgl_pengumuman_tender", "tgl_penetapan_pemenang"],
                 "nontender": ["tgl_pengumuman_nontender", "tgl_penetapan_pemenang"],
                 "kontrak": ["tgl_kontrak_akhir"], "bast": ["tgl_bast"]}
    for y in YEARS:
        for kind, cols in date_cols.items():
            frame = read(demo_register_dir, kind, y)
            for col in cols:
                text = frame[col][frame[col] != ""]
                assert len(text) and text.str.match(STAMP).all(), (kind, col)
                when = pd.to_datetime(text, format="%Y-%m-%d %H:%M:%S")
                assert when.min() >= pd.Timestamp(f"{y}-01-01"), (kind, col)
                assert when.max() < pd.Timestamp(f"{y + 1}-04-01"), (kind, col)
        tender = read(demo_register_dir, "tender", y)
        done = tender[tender["status_tender"] == "Selesai"]
        days = (pd.to_datetime(done["tgl_penetapan_pemenang"])
                - pd.to_datetime(done["tgl_pengumuman_tender"])).dt.days
        assert days.between(3, 95).all()
        unfinished = tender["status_tender"] != "Selesai"
        assert (tender.loc[unfinished, "tgl_penetapan_pemenang"] == "").all()


def test_a_little_mess_that_a_loader_must_accept(demo_register_dir):
    hasil, kontrak = both(demo_register_dir, "tender_hasil"), both(demo_register_dir, "kontrak")
    typed = hasil["pagu"].str.startswith("Rp")
    assert 0 < typed.sum() < 0.1 * len(hasil)
    assert hasil.loc[typed, "pagu"].str.match(RUPIAH_TEXT).all()
    tender = both(demo_register_dir, "tender")
    tender_pagu = dict(zip(tender["kd_tender"], num(tender["pagu"])))
    values, bad = parse.money(hasil["pagu"])
    assert not bad.any()
    assert (values == hasil["kd_tender"].map(tender_pagu)).all()
    spelled = ~kontrak["tgl_kontrak"].str.match(STAMP)
    assert 0 < spelled.sum() < 0.1 * len(kontrak)
    assert kontrak.loc[spelled, "tgl_kontrak"].str.match(TANGGAL_TEXT).all()
    dates, bad = parse.date(kontrak["tgl_kontrak"])
    assert not bad.any() and dates.notna().all()


def test_contract_execution(demo_register_dir):
    kontrak = both(demo_register_dir, "kontrak")
    assert set(kontrak["status_kontrak"]) <= {"Selesai", "Berjalan", "Putus"}
    assert (kontrak["status_kontrak"] == "Selesai").mean() > 0.8
    # the handover is an e-Kontrak BAST row of each finished contract
    bast = both(demo_register_dir, "bast").set_index("kd_paket")
    done = kontrak["status_kontrak"] == "Selesai"
    assert set(bast.index) == set(kontrak.loc[done, "kd_paket"])
    assert (bast["kd_klpd"] == "DEMO").all()
    handover = pd.to_datetime(bast.loc[kontrak.loc[done, "kd_paket"], "tgl_bast"]).dt.normalize().values
    on_time = handover <= pd.to_datetime(kontrak.loc[done, "tgl_kontrak_akhir"]).values
    assert 0.6 <= on_time.mean() <= 0.95
    assert set(kontrak["apakah_addendum"]) <= {"Ya", "Tidak"}
    assert kontrak["no_kontrak"].str.match(r"^\d{3}/\d{4}/SPK?/[A-Z0-9-]+/[IVX]+/\d{4}$").all()


# --------------------------------------------------------------------------- context datasets
# (demo_context: what the report's coverage chapter reads beside the SOP's processes)


@pytest.mark.parametrize("year", YEARS)
def test_context_satker_are_the_demo_opd_and_sizes_follow_the_packages(demo_register_dir, year):
    n = N if year == YEAR else round(0.95 * N)
    opd = dict(demo.OPD)
    for kind in demo_context.KINDS:
        frame = read(demo_register_dir, kind, year)
        assert (frame["kd_klpd"] == "DEMO").all(), kind
        if kind == "toko_daring":  # SiRUP's numeric satker id: one per satker name
            assert frame.groupby("id_satker")["nama_satker"].nunique().eq(1).all()
            assert set(frame["nama_satker"]) <= set(opd.values())
        else:
            assert dict(zip(frame["kd_satker"], frame["nama_satker"])).items() <= opd.items(), kind
    assert len(read(demo_register_dir, "pencatatan", year)) == round(0.04 * n)
    assert len(read(demo_register_dir, "rup_swakelola", year)) == round(0.10 * n)
    assert read(demo_register_dir, "toko_daring", year)["order_id"].nunique() == round(0.08 * n)
    # e-Katalog through the E-Purchasing RUP packages (14% of packages, ~1.6 packages each)
    rup = read(demo_register_dir, "rup", year)
    bought = (rup["metode_pengadaan"] == "E-Purchasing").sum()
    assert 1.2 * bought <= len(read(demo_register_dir, "epurchasing", year)) <= 2.1 * bought


def test_pencatatan_as_spse_records_it(demo_register_dir):
    pct = pd.concat([read(demo_register_dir, "pencatatan", y) for y in YEARS], ignore_index=True)
    states = set(zip(pct["status_nontender_pct"], pct["status_nontender_pct_ket"]))
    assert states == {("Aktif", "Paket Selesai"), ("Aktif", "Paket Sedang Berjalan"), ("Ditutup", "Paket Dibatalkan")}
    done = pct["status_nontender_pct_ket"] == "Paket Selesai"
    cancelled = pct["status_nontender_pct"] == "Ditutup"
    assert 0.6 < done.mean() < 0.9
    assert (pct.loc[cancelled, "alasan_pembatalan"] != "").all() and (pct.loc[~cancelled, "alasan_pembatalan"] == "").all()
    pagu, total = num(pct["pagu"]), num(pct["total_realisasi"])
    assert total[done].notna().all() and total[cancelled].isna().all()
    assert (total[done] <= pagu[done]).all() and (total[done] >= 0.85 * pagu[done]).all() and (pagu <= 2e8).all()
    for value in ("nilai_pdn_pct", "nilai_umk_pct"):  # the realisation or 0 (not declared), as SPSE writes
        v = num(pct[value])
        assert ((v == total) | (v == 0))[done].all() and (v[~done] == 0).all()
    assert (pct["mtd_pemilihan"] == "Pengadaan Langsung").all()
    assert pct["tgl_mulai_paket"].str.match(STAMP).all()
    assert pct["kd_nontender_pct"].is_unique and pct["kd_nontender_pct"].str.fullmatch(r"\d{8}000").all()
    # its SPSE package code is no tender's or non-tender's (the package view's package id)
    processes = set()
    for y in YEARS:
        processes |= set(read(demo_register_dir, "tender", y)["kd_tender"]) | set(read(demo_register_dir, "nontender", y)["kd_nontender"])
    assert pct["kd_pkt_dce"].is_unique and not set(pct["kd_pkt_dce"]) & processes


def test_ekatalog_packages_buy_the_e_purchasing_rup_packages_within_their_pagu(demo_register_dir):
    for y in YEARS:
        ek, rup = read(demo_register_dir, "epurchasing", y), read(demo_register_dir, "rup", y).set_index("kd_rup")
        assert ek["kd_paket"].str.fullmatch(ULID).all() and ek["kd_paket"].is_unique
        assert ek["kd_penyedia"].str.fullmatch(ULID).all()
        assert (rup.loc[ek["kd_rup"], "metode_pengadaan"] == "E-Purchasing").all()
        assert (rup.loc[ek["kd_rup"], "kd_satker"].to_numpy() == ek["kd_satker"].to_numpy()).all()
        assert (rup.loc[ek["kd_rup"], "nama_paket"].to_numpy() == ek["nama_paket"].to_numpy()).all()
        spent = num(ek["total_harga"]).groupby(ek["kd_rup"]).sum()
        assert (spent <= num(rup.loc[spent.index, "pagu"])).all()
        assert ek["tgl_order"].str.fullmatch(DATE).all()
        assert pd.to_datetime(ek["tgl_order"]).dt.year.eq(y).all()
        status = ek["status_paket"].value_counts(normalize=True)
        assert set(status.index) == {"COMPLETED", "ON_PROCESS", "PAYMENT_OUTSIDE_SYSTEM", "CANCELLED"}
        assert 0 < status["CANCELLED"] < 0.12 and status["COMPLETED"] > 0.4
        assert (ek.loc[ek["status_paket"] == "CANCELLED", "status_pengiriman"] == "DRAFT").all()


def test_toko_daring_repeats_some_orders_on_identical_lines_and_fails_a_few(demo_register_dir):
    td = pd.concat([read(demo_register_dir, "toko_daring", y) for y in YEARS], ignore_index=True)
    repeated = td[td["order_id"].duplicated(keep=False)]
    assert len(repeated) and len(repeated.drop_duplicates()) == repeated["order_id"].nunique()
    orders = td.drop_duplicates("order_id")
    failed = orders["status_konfirmasi_ppmse"] == "gagal"
    assert set(orders["status_konfirmasi_ppmse"]) == {"berhasil", "gagal"} and 0 < failed.mean() < 0.2
    assert num(orders["valuasi"]).between(1.5e5, 2e8).all()
    assert td["tanggal_transaksi"].str.match(STAMP).all()
    # order numbers follow the transaction time within a year
    for _, year_rows in orders.groupby("tahun_anggaran"):
        by_time = year_rows.sort_values("tanggal_transaksi", kind="stable")
        assert by_time["order_id"].astype(int).is_monotonic_increasing


def test_swakelola_codes_stay_apart_from_the_rup_and_the_budget_covers_the_plan(demo_register_dir):
    for y in YEARS:
        swa, rup = read(demo_register_dir, "rup_swakelola", y), read(demo_register_dir, "rup", y)
        pct = read(demo_register_dir, "pencatatan", y)
        # not in the RUP file: the package view keeps a swakelola package only without a RUP row
        assert swa["kd_rup"].is_unique and not set(swa["kd_rup"]) & set(rup["kd_rup"])
        assert not set(pct["kd_rup"]) & (set(rup["kd_rup"]) | set(swa["kd_rup"]))
        assert set(swa["tipe_swakelola"]) <= {"1", "2", "3", "4"}
        for column in ("tgl_awal_pelaksanaan_kontrak", "tgl_akhir_pelaksanaan_kontrak"):
            assert swa[column].str.fullmatch(DATE).all()
        budget = read(demo_register_dir, "anggaran", y).set_index("kd_satker")
        assert budget.index.is_unique
        plan = num(rup["pagu"]).groupby(rup["kd_satker"]).sum().add(
            num(swa["pagu"]).groupby(swa["kd_satker"]).sum(), fill_value=0)
        assert set(budget.index) == set(plan.index)
        share = plan / num(budget["belanja_pengadaan"]).reindex(plan.index)
        assert share.between(0.83, 0.98).all()
        b = {c: num(budget[c]) for c in budget.columns if c.startswith(("belanja", "total"))}
        assert (b["belanja_pengadaan"] + b["belanja_non_pengadaan"] == b["total_belanja"]).all()
        assert (b["belanja_operasi"] + b["belanja_modal"] + b["belanja_btt"] == b["total_belanja"]).all()
        assert set(budget.index[b["belanja_btt"] > 0]) == {BKAD} & set(budget.index)  # the finance agency's


def test_the_later_year_is_a_little_better(tmp_path):
    # More packages here, so the year-on-year difference is larger than the sampling noise.
    demo.generate(tmp_path, year=YEAR, packages=4000, seed=3)

    def kpis(year):
        tender, hasil = read(tmp_path, "tender", year), read(tmp_path, "tender_hasil", year)
        efficiency = 1 - num(hasil["nilai_kontrak"]).sum() / num(hasil["hps"]).sum()
        return efficiency, (tender["status_tender"] == "Gagal/Batal").mean()

    (eff_before, failed_before), (eff_after, failed_after) = kpis(YEAR - 1), kpis(YEAR)
    assert 0.04 < eff_before < eff_after < 0.2
    assert failed_after < failed_before


def test_rejects_an_impossible_size(tmp_path):
    with pytest.raises(ValueError):
        demo.generate(tmp_path, packages=0)
