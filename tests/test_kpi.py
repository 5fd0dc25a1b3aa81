"""KPI formulas on small hand-computed data, baseline from the previous year, and `kinerja kpi`
on the real export against the same figures computed straight from the raw files."""

import json

import numpy as np
import pandas as pd
import pytest
from conftest import PARAMS, write_json
from kinerja.apps import indicator_commands
from kinerja.core import config
from kinerja.core.config import MEASURES, Indikator
from kinerja.core.periods import Period
from kinerja.inputs import packages, processes, register
from kinerja.methods import indicators


def catalogue():
    return [Indikator(kode=m, nama=m, area="A", definisi="d", rumus="r", ukuran=m, satuan="%",
                      polaritas="naik", sumber_data="s", frekuensi="Tahunan", penanggung_jawab="p",
                      target=1, rencana_aksi=[{"kode": "x", "uraian": "u", "jadwal": "j",
                                               "keluaran": "k", "penanggung_jawab": "p"}])
            for m in MEASURES]


def by_measure(kpi):
    return kpi.set_index("ukuran")


@pytest.fixture
def hand_made_packages(db, tmp_path):
    """Four tenders of 2024 (one failed, one re-tendered), one Penunjukan Langsung, one
    Pengadaan Langsung (out of scope), one tender of 2023."""
    t = lambda **o: {"tahun_anggaran": 2024, "kd_satker": "01", "nama_satker": "DINAS A",
                     "mtd_pemilihan": "Tender", "versi_tender": 1, "status_tender": "Selesai", **o}
    write_json(tmp_path / "tender.json", [
        t(kd_tender="1", kd_rup="r1", pagu=1000, hps=900, tgl_pengumuman_tender="2024-01-10"),
        t(kd_tender="2", kd_rup="r2", pagu=2000, hps=2000, tgl_pengumuman_tender="2024-02-01",
          kd_satker="1", nama_satker="DINAS A"),
        t(kd_tender="3", kd_rup="r3", pagu=500, hps=500, status_tender="Gagal/Batal",
          tgl_pengumuman_tender="2024-05-01", kd_satker="2", nama_satker="DINAS B"),
        t(kd_tender="40", kd_pkt_dce="P4", kd_rup="r4", pagu=800, hps=800, mtd_pemilihan="Seleksi",
          status_tender="Gagal/Batal", tgl_pengumuman_tender="2024-06-01", kd_satker="2",
          nama_satker="DINAS B"),
        t(kd_tender="4", kd_pkt_dce="P4", kd_rup="r4", pagu=800, hps=800, versi_tender=2,
          mtd_pemilihan="Seleksi", tgl_pengumuman_tender="2024-07-01", kd_satker="2",
          nama_satker="DINAS B"),
        t(kd_tender="9", kd_rup="r9", pagu=100, hps=100, tahun_anggaran=2023,
          tgl_pengumuman_tender="2023-03-01"),
    ])
    h = lambda **o: {"tahun_anggaran": 2024, "kd_satker": "01", **o}
    write_json(tmp_path / "hasil.json", [
        h(kd_tender="1", nilai_kontrak=800, nilai_pdn_kontrak=800, nilai_umk_kontrak=0,
          tgl_penetapan_pemenang="2024-01-30"),
        h(kd_tender="2", nilai_kontrak=1900, nilai_pdn_kontrak=950, nilai_umk_kontrak=None,
          tgl_penetapan_pemenang="2024-02-11"),
        h(kd_tender="4", kd_satker="2", nilai_kontrak=700, nilai_pdn_kontrak=700,
          nilai_umk_kontrak=700, tgl_penetapan_pemenang="2024-08-30"),
        h(kd_tender="9", tahun_anggaran=2023, nilai_kontrak=50, nilai_pdn_kontrak=50,
          nilai_umk_kontrak=50, tgl_penetapan_pemenang="2023-03-11"),
    ])
    write_json(tmp_path / "nontender.json", [
        {"tahun_anggaran": 2024, "kd_satker": "2", "kd_nontender": "50", "kd_rup": "r50",
         "pagu": 300, "hps": 300, "mtd_pemilihan": "Penunjukan Langsung", "status_nontender": "Selesai",
         "tgl_pengumuman_nontender": "2024-03-01", "tgl_penetapan_pemenang": "2024-03-05",
         "nilai_kontrak": 270, "nilai_pdn_kontrak": 270, "nilai_umk_kontrak": 270},
        {"tahun_anggaran": 2024, "kd_satker": "2", "kd_nontender": "60", "kd_rup": "r60",
         "pagu": 10_000, "hps": 10_000, "mtd_pemilihan": "Pengadaan Langsung", "status_nontender": "Selesai",
         "tgl_pengumuman_nontender": "2024-03-01", "tgl_penetapan_pemenang": "2024-03-02",
         "nilai_kontrak": 1, "nilai_pdn_kontrak": 0, "nilai_umk_kontrak": 0},
    ])
    # bidders carry an offer; registrants without one (d, e, f, g, h) are no bidders
    write_json(tmp_path / "peserta.json", [
        {"kd_tender": "1", "kd_penyedia": p, "pemenang": p == "a", "nilai_penawaran": 800} for p in "abc"] + [
        {"kd_tender": "1", "kd_penyedia": p, "pemenang": 0, "nilai_penawaran": None} for p in "de"] + [
        {"kd_tender": "2", "kd_penyedia": "a", "pemenang": True, "nilai_penawaran": 1900},
        {"kd_tender": "2", "kd_penyedia": "f", "pemenang": False, "nilai_penawaran": None},
        {"kd_tender": "3", "kd_penyedia": "g", "pemenang": False, "nilai_penawaran": None},
        {"kd_tender": "3", "kd_penyedia": "h", "pemenang": False, "nilai_penawaran": None},
        {"kd_tender": "4", "kd_penyedia": "a", "pemenang": True, "nilai_penawaran": 700},
        {"kd_tender": "4", "kd_penyedia": "b", "pemenang": False, "nilai_penawaran": 750}])
    write_json(tmp_path / "rup.json", [
        {"tahun_anggaran": 2024, "kd_satker": "01", "kd_rup": "r1", "pagu": 1000, "metode_pengadaan": "Tender",
         "tgl_akhir_pemilihan": "2024-01-31"},
        {"tahun_anggaran": 2024, "kd_satker": "01", "kd_rup": "r2", "pagu": 2000, "metode_pengadaan": "Tender",
         "tgl_akhir_pemilihan": "2024-02-10"},
        {"tahun_anggaran": 2024, "kd_satker": "2", "kd_rup": "r70", "pagu": 400, "metode_pengadaan": "13",
         "status_dikecualikan": "Ya"}])
    # K1's addendum moves its end to 30 June (its first end, 31 May, would make it late);
    # K2 carries the UMK value its tender result leaves blank
    k = lambda **o: {"tgl_kontrak": "2024-02-01", "status_kontrak": "Selesai", **o}
    write_json(tmp_path / "kontrak.json", [
        k(kd_tender="1", no_kontrak="K1", tgl_kontrak_akhir="2024-05-31", versi_addendum=0),
        k(kd_tender="1", no_kontrak="K1", tgl_kontrak_akhir="2024-06-30", versi_addendum=1),
        k(kd_tender="2", no_kontrak="K2", tgl_kontrak_akhir="2024-06-30", nilai_umk_kontrak=500),
        k(kd_nontender="50", no_kontrak="K50", status_kontrak="Berjalan", tgl_kontrak_akhir="2024-12-30")])
    write_json(tmp_path / "bast.json", [
        {"kd_tender": "1", "no_bast": "B1a", "tgl_bast": "2024-05-01"},
        {"kd_tender": "1", "no_bast": "B1b", "tgl_bast": "2024-06-30"},
        {"kd_tender": "2", "no_bast": "B2", "tgl_bast": "2024-07-15"}])
    results = register.load(db, [tmp_path])
    assert all(r.status == "loaded" and r.rows_flagged == 0 for r in results), \
        [(r.file, r.message, r.flags) for r in results]
    return packages.load_packages(db)


def test_kpi_formulas_on_hand_computed_data(hand_made_packages):
    k = by_measure(indicators.realisation(hand_made_packages, catalogue(), Period(2024)))
    # finished with contract, in scope: tenders 1, 2, 4 and PL 50 (Pengadaan Langsung 60 is out)
    assert k.loc["efisiensi_pagu", "nilai"] == pytest.approx((200 + 100 + 100 + 30) / (1000 + 2000 + 800 + 300) * 100)
    assert k.loc["efisiensi_hps", "nilai"] == pytest.approx((100 + 100 + 100 + 30) / (900 + 2000 + 800 + 300) * 100)
    assert k.loc["efisiensi_pagu", "jumlah_paket"] == 4
    # processes announced in scope: 1, 2, 3, 40, 4, 50 -> 3 and 40 failed; per package
    # (1, 2, 3, P4, 50) only 3's last process failed
    assert k.loc["tender_gagal", "nilai"] == pytest.approx(200 / 6)
    assert k.loc["tender_gagal", "pendamping_nilai"] == pytest.approx(20.0)
    assert (k.loc["tender_gagal", "jumlah_proses"], k.loc["tender_gagal", "jumlah_paket"]) == (6, 5)
    # re-tendered: package P4 of the 4 tender packages; process 4 of the 5 tender processes
    assert k.loc["tender_ulang", "nilai"] == pytest.approx(25.0)
    assert k.loc["tender_ulang", "pendamping_nilai"] == pytest.approx(20.0)
    # bidders = offers, over tenders with >= 1 offer (3 had registrants only)
    assert k.loc["rata_peserta", "nilai"] == pytest.approx((3 + 1 + 2) / 3)
    assert k.loc["rata_peserta", "pendamping_nilai"] == pytest.approx((5 + 2 + 2) / 3)
    assert k.loc["peserta_tunggal", "nilai"] == pytest.approx(100 / 3)
    assert k.loc["durasi_pemilihan", "nilai"] == pytest.approx((20 + 10 + 60 + 4) / 4)
    # planned end known for 1 (met) and 2 (award 11 Feb after 10 Feb)
    assert k.loc["pemilihan_tepat_waktu", "nilai"] == pytest.approx(50.0)
    # UMK blank in tender 2's result: the contract's 500
    assert k.loc["porsi_pdn", "nilai"] == pytest.approx((800 + 950 + 700 + 270) / (800 + 1900 + 700 + 270) * 100)
    assert k.loc["porsi_umk", "nilai"] == pytest.approx((0 + 500 + 700 + 270) / (800 + 1900 + 700 + 270) * 100)
    # K1: last BAST 30 June = end after the addendum; K2: 15 July after 30 June
    assert k.loc["kontrak_tepat_waktu", "nilai"] == pytest.approx(50.0)
    assert pd.isna(k.loc["ikm_internal", "nilai"])


def test_out_of_scope_methods_never_enter_a_kpi(hand_made_packages):
    assert set(hand_made_packages["metode"]) >= {"Pengadaan Langsung", "Dikecualikan"}
    k = by_measure(indicators.realisation(hand_made_packages, catalogue(), Period(2024)))
    only_pl = by_measure(indicators.realisation(hand_made_packages, catalogue(), Period(2024),
                                                scope=["Pengadaan Langsung"]))
    assert only_pl.loc["efisiensi_pagu", "jumlah_paket"] == 1
    assert k.loc["efisiensi_pagu", "penyebut"] == 4100


def test_breakdown_by_opd_adds_up_to_the_total(hand_made_packages):
    total = by_measure(indicators.realisation(hand_made_packages, catalogue(), Period(2024)))
    per = indicators.realisation(hand_made_packages, catalogue(), Period(2024), by="satker_key")
    assert set(per["satker_key"]) == {"1", "2"}  # '01' and '1' are one satker
    sums = per.groupby("ukuran")[["pembilang", "penyebut"]].sum()
    for m in ("efisiensi_pagu", "porsi_pdn", "tender_gagal"):
        assert sums.loc[m, "pembilang"] == pytest.approx(total.loc[m, "pembilang"])


def test_quarter_takes_packages_announced_in_it(hand_made_packages):
    q1 = by_measure(indicators.realisation(hand_made_packages, catalogue(), Period.parse("2024-TW1")))
    assert q1.loc["tender_gagal", "penyebut"] == 3      # tenders 1, 2 and PL 50
    ytd = by_measure(indicators.realisation(hand_made_packages, catalogue(), Period.parse("2024-TW2"), cumulative=True))
    assert ytd.loc["tender_gagal", "penyebut"] == 5     # and 3, 40


def test_baseline_is_last_years_realisation_when_it_exists():
    params = config.load(PARAMS)
    pk = pd.DataFrame({
        "kd_paket": ["a", "b"], "kd_tender": ["a", "b"], "kd_nontender": [None, None], "jenis_pengadaan": "Barang",
        "tahun_anggaran": pd.array([2023, 2024], dtype="Int64"), "metode": "Tender", "dalam_lingkup": True,
        "status": "Selesai", "pagu": [100.0, 100.0], "hps": [100.0, 100.0], "nilai_kontrak": [90.0, 80.0],
        "nilai_pdn_kontrak": [90.0, 80.0], "nilai_umk_kontrak": [0.0, 0.0],
        "versi_tender": pd.array([1, 1], dtype="Int64"), "jumlah_peserta": pd.array([None, None], dtype="Int64"),
        "jumlah_pendaftar": pd.array([None, None], dtype="Int64"), "id_paket": ["a", "b"],
        "proses_terakhir": True, "paket_diulang": False,
        "tgl_pengumuman": pd.to_datetime(["2023-02-01", "2024-02-01"]),
        "tgl_penetapan_pemenang": pd.to_datetime(["2023-02-11", "2024-02-05"]),
        "tgl_akhir_pemilihan_rencana": pd.NaT, "tgl_akhir_kontrak": pd.NaT, "tgl_serah_terima": pd.NaT,
        "nilai_penawaran": np.nan, "ket_ditutup": None, "ket_diulang": None,
        "no_kontrak": None, "dinilai": pd.array([None, None], dtype="boolean")})
    pk = processes.state(pk, {})
    plan = indicators.plan_table(pk, params).set_index("kode")
    by_measure_code = {i.ukuran: i.kode for i in params.indikator}
    eff = plan.loc[by_measure_code["efisiensi_pagu"]]
    assert eff["baseline"] == pytest.approx(10.0) and "2023" in eff["baseline_sumber"]
    ikm = plan.loc[by_measure_code["ikm_internal"]]
    given = next(i.baseline for i in params.indikator if i.ukuran == "ikm_internal")
    assert ikm["baseline"] == given and "parameter" in ikm["baseline_sumber"]
    tw = plan.loc[by_measure_code["pemilihan_tepat_waktu"]]
    assert pd.isna(tw["baseline"]) and tw["baseline_sumber"] == "Belum tersedia"


def test_status_against_target_with_tolerance():
    s = indicators.status([95, 90, 80, None, 5, 5.4, 6], [95, 95, 95, 95, 5, 5, 5],
                          ["naik"] * 4 + ["turun"] * 3, 0.10)
    assert s.tolist() == ["Tercapai", "Perlu perhatian", "Tidak tercapai", "Belum ada data",
                          "Tercapai", "Perlu perhatian", "Tidak tercapai"]
    a = indicators.achievement([45, 10], [90, 5], ["naik", "turun"])
    assert a.tolist() == [50.0, 50.0]


def test_kpi_json_record_gives_python_values_and_null_for_any_missing_value():
    """One indicator of `kinerja kpi --json`: numpy scalars as Python numbers, NaN and pd.NA as null."""
    row = pd.Series({"kode": "IKP-03", "nama": "Tender gagal", "nilai": np.float64(12.5), "satuan": "%",
                     "pembilang": np.float64(1.0), "penyebut": np.float64(8.0), "jumlah_paket": np.int64(8),
                     "jumlah_proses": np.int64(9), "polaritas": "turun", "area": None, "ukuran": "tender_gagal",
                     "catatan": "", "pendamping_ukuran": "tender_gagal_paket", "pendamping_nilai": np.nan,
                     "pendamping_pembilang": pd.NA, "pendamping_penyebut": np.int64(0)}, dtype=object)
    record = indicator_commands._kpi_record(row)
    # the first keys are the contract, in their order; later keys are only added
    assert json.dumps(record, ensure_ascii=False).startswith(
        '{"kode": "IKP-03", "nama": "Tender gagal", "nilai": 12.5, "satuan": "%", "pembilang": 1.0, '
        '"penyebut": 8.0, "jumlah_paket": 8, "jumlah_proses": 9, "polaritas": "turun", "area": null, '
        '"ukuran": "tender_gagal", "catatan": "", "sumber": ["SPSE-TenderPengumuman", "SPSE-NonTenderPengumuman", '
        '"SPSE-PesertaTender"], "cakupan": null, "pendamping": {"ukuran": "tender_gagal_paket", "label": "per '
        'paket (proses terakhir gagal)", "nilai": null, "pembilang": null, "penyebut": 0}, ')
    assert record["basis"] == "proses" and record["definisi"].startswith("Per proses pemilihan")
    assert record["tanggal_data"] is None and record["data_per"] == "tanggal data tidak diketahui"
