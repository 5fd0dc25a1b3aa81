"""The report's content (issue 21): the whole year with its coverage, findings from the UKPBJ's own
evidence, and the one-page summary's parts — on a download made from the real ISB sample rows of
Kab. Bandung 2025 (../shared/data/lkpp-isb-samples), each row a copy of a sample row with the
fields below set, written as ISB files, loaded by the register and read through the package
view. The data date is the samples' `_event_date`, 3 Oktober 2025. Every expected figure is
computed by hand from this world:

Tenders (all TA 2025; PU = DINAS PEKERJAAN UMUM DAN TATA RUANG via Pokja P1, KES = DINAS
KESEHATAN via Pokja P2):
- K1..K8: PU construction tenders, pagu Rp 2 M, HPS Rp 1,9 M, contract Rp 1,8 M, 20 registrants
  each; K1..K6 one offer, K7 K8 three; won by CV ALFA (K1-K3), CV BETA (K4-K6), CV GAMMA (K7 K8);
  K7 and K8 declare no PDN/UMK value (blank in the result, no e-Kontrak contract);
- S1..S5: KES consultancy selections, pagu Rp 500 jt, HPS Rp 480 jt, contract Rp 450 jt, 5
  registrants and 4 offers each, won by five providers; X: a KES selection with the issue's
  implausible pagu — pagu Rp 7,35 M, HPS Rp 350 jt, contract Rp 330 jt, 5 registrants, 4 offers;
- F1 (PU, pagu Rp 2 M): failed with 30 registrants and no offer; F2 (PU, Rp 1 M): failed, 12
  registrants, no offer; F3 (PU, Rp 1,5 M): failed with 2 offers of 10 registrants; F4 (KES,
  Rp 300 jt): closed for "Efisiensi Anggaran".
Non-tender: N1 a PU Penunjukan Langsung (pagu Rp 220 jt, contract Rp 200 jt, in the SOP's
methods); L1 L2 KES Pengadaan Langsung awarded (HPS Rp 120 jt → Rp 100 jt, Rp 60 jt → Rp 50 jt),
L3 a failed KES Pengadaan Langsung (pagu Rp 40 jt).
Recorded purchases: C1 (KES, realisation Rp 30 jt, finished), C2 (KES, running).
e-Katalog: E1 Rp 200 jt and E2 Rp 100 jt (BKAD), E3 cancelled (not counted). Toko Daring: order
O1 Rp 75 jt (SETDA) exported on two rows, order O2 failed. Swakelola (RUP): W1 Rp 6.460.000 and
W2 Rp 100.000.000. Budget structure: belanja pengadaan Rp 50 M + Rp 20 M. RUP: an e-Purchasing package
the e-Katalog orders name (bought) and a Tender package of Rp 900 jt without a process yet.
"""

import copy
import json

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import PARAMS, write_json
from gateway_data import SAMPLES, sample
from kinerja.core import config, fmt
from kinerja.core.periods import Period
from kinerja.inputs import packages, register, store
from kinerja.methods import (comparison, coverage, evidence, failures, kpi_status, plausibility,
                             recommendations)

YEAR, EVENT = 2025, "2025-10-03"
PU = ("DINAS PEKERJAAN UMUM DAN TATA RUANG", "1.03.2.15.1.04.03.0000")
KES = ("DINAS KESEHATAN", "1.02.0.00.0.00.02.0000")
BKAD = ("BADAN KEUANGAN DAN ASET DAERAH", "5.02.0.00.0.00.01.0000")
SETDA = ("SEKRETARIAT DAERAH", "4.01.0.00.0.00.24.0000")
P1 = ("197501012000012588;197801011998011645;198401012011011492", "Pegawai 3D47D4;Pegawai 64995F;Pegawai 73FCCB")
P2 = ("197101012002011599;197101011992011316;197301012007011542", "Pegawai ECD0DE;Pegawai 161D6C;Pegawai 44676C")
KONSTRUKSI, KONSULTANSI = "Pekerjaan Konstruksi", "Jasa Konsultansi Badan Usaha Non Konstruksi"
M = 1_000_000


def _tender(code, name, satker, pokja, jenis, method, pagu, hps, status="Selesai", ket_ditutup=None):
    r = copy.deepcopy(sample("SPSE-TenderPengumuman")[0])
    r.update(kd_tender=code, kd_pkt_dce=code + 1, kd_rup=str(code // 1000), nama_paket=name, nama_satker=satker[0],
             kd_satker_str=satker[1], kd_satker=satker[1], nip_pokja=pokja[0], nama_pokja=pokja[1],
             jenis_pengadaan=jenis, mtd_pemilihan=method, pagu=pagu, hps=hps, status_tender=status,
             ket_ditutup=ket_ditutup, ket_diulang=None, versi_tender=1, tgl_pengumuman_tender="2025-03-03 10:00:00",
             _event_date=EVENT)
    return r


WINNERS = ["CV ALFA", "CV BETA", "CV GAMMA"] + [f"PT KONSULTAN {n}" for n in range(1, 7)]


def _result(code, satker, contract, winner, pagu, hps, pdn=True):
    r = copy.deepcopy(sample("SPSE-TenderSelesaiNilai")[0])
    n = WINNERS.index(winner) + 1
    r.update(kd_tender=code, kd_paket=code + 1, kd_rup_paket=str(code // 1000), nama_satker=satker[0],
             kd_satker=satker[1], pagu=pagu, hps=hps, nilai_penawaran=contract, nilai_terkoreksi=contract,
             nilai_negosiasi=contract, nilai_kontrak=contract, kd_penyedia=5_997_000 + n, nama_penyedia=winner,
             npwp_penyedia=f"01.671.{n:03d}.2-421.000", npwp_16_penyedia=None, nilai_pdn_kontrak=contract if pdn else None,
             nilai_umk_kontrak=contract if pdn else None, tgl_pengumuman_tender="2025-03-03",
             tgl_penetapan_pemenang="2025-04-03", _event_date=EVENT)
    return r


def _bidders(code, registered, offers, winner_offer=None):
    template = sample("SPSE-PesertaTender")[0]
    rows = []
    for n in range(registered):
        r = copy.deepcopy(template)
        r.update(kd_tender=code, kd_pkt_dce=code + 1, kd_peserta=code * 100 + n, kd_penyedia=code * 100 + n,
                 nama_penyedia=f"PENYEDIA {code}-{n}", nilai_penawaran=(winner_offer or 1e9) if n < offers else None,
                 pemenang=int(n == 0 and winner_offer is not None))
        rows.append(r)
    return rows


def _nontender(code, name, satker, method, pagu, hps, status, contract=None):
    r = copy.deepcopy(sample("SPSE-NonTenderSelesai")[0])
    r.update(kd_nontender=code, kd_pkt_dce=code + 1, kd_rup=str(code // 1000), nama_paket=name,
             nama_satker=satker[0], kd_satker_str=satker[1], kd_satker=satker[1], mtd_pemilihan=method,
             jenis_pengadaan="Barang", pagu=pagu, hps=hps, status_nontender=status, nilai_penawaran=contract,
             nilai_terkoreksi=contract, nilai_negosiasi=contract, nilai_kontrak=contract, nilai_pdn_kontrak=contract,
             nilai_umk_kontrak=contract, _event_date=EVENT)
    return r


def _download(folder):
    if not SAMPLES.is_dir():
        pytest.fail(f"the ISB samples are expected at {SAMPLES} (../shared beside the repo)")
    folder.mkdir(parents=True)
    ann, res, bid = [], [], []
    winners = ["CV ALFA"] * 3 + ["CV BETA"] * 3 + ["CV GAMMA"] * 2
    for n in range(8):  # K1..K8
        code = 10100000000 + n * 1000
        ann.append(_tender(code, f"Rehabilitasi Jalan Ruas {n + 1}", PU, P1, KONSTRUKSI, "Tender", 2000 * M, 1900 * M))
        res.append(_result(code, PU, 1800 * M, winners[n], 2000 * M, 1900 * M, pdn=n < 6))
        bid += _bidders(code, 20, 1 if n < 6 else 3, 1800 * M)
    for n in range(5):  # S1..S5
        code = 10200000000 + n * 1000
        ann.append(_tender(code, f"Perencanaan Puskesmas {n + 1}", KES, P2, KONSULTANSI, "Seleksi", 500 * M, 480 * M))
        res.append(_result(code, KES, 450 * M, f"PT KONSULTAN {n + 1}", 500 * M, 480 * M))
        bid += _bidders(code, 5, 4, 450 * M)
    x = 10300000000  # X: the implausible pagu
    ann.append(_tender(x, "Pengawasan Gedung Labkesda", KES, P2, KONSULTANSI, "Seleksi", 7350 * M, 350 * M))
    res.append(_result(x, KES, 330 * M, "PT KONSULTAN 6", 7350 * M, 350 * M))
    bid += _bidders(x, 5, 4, 330 * M)
    failed = [(10400000000, "Pembangunan IPAL RSUD", PU, P1, 2000 * M, 30, 0, None),
              (10401000000, "Rehab Kantor Kecamatan", PU, P1, 1000 * M, 12, 0, None),
              (10402000000, "Pembangunan Jembatan Desa", PU, P1, 1500 * M, 10, 2, None),
              (10403000000, "Pengawasan Rehab Gedung Dinkes", KES, P2, 300 * M, 0, 0,
               "Dibatalkan karena Efisiensi Anggaran sesuai surat Kepala Dinas")]
    for code, name, satker, pokja, pagu, registered, offers, closed in failed:
        ann.append(_tender(code, name, satker, pokja, KONSTRUKSI, "Tender", pagu, pagu * 0.95, "Gagal/Batal", closed))
        bid += _bidders(code, registered, offers)
    nontender = [_nontender(10500000000, "Penunjukan Langsung Genset RSUD", PU, "Penunjukan Langsung", 220 * M,
                            210 * M, "Selesai", 200 * M),
                 _nontender(10501000000, "Belanja Alat Kesehatan A", KES, "Pengadaan Langsung", 130 * M, 120 * M,
                            "Selesai", 100 * M),
                 _nontender(10502000000, "Belanja Alat Kesehatan B", KES, "Pengadaan Langsung", 70 * M, 60 * M,
                            "Selesai", 50 * M),
                 _nontender(10503000000, "Belanja Alat Kesehatan C", KES, "Pengadaan Langsung", 40 * M, 38 * M,
                            "Gagal/Batal")]
    pct = []
    for code, status, realised in ((7767001, "Paket Selesai", 30 * M), (7767002, "Paket Sedang Berjalan", 5 * M)):
        r = copy.deepcopy(sample("SPSE-PencatatanNonTender")[0])
        r.update(kd_nontender_pct=code, kd_pkt_dce=code + 1, kd_rup=str(code), nama_satker=KES[0], kd_satker_str=KES[1],
                 pagu=40 * M if code == 7767001 else 20 * M, total_realisasi=realised, status_nontender_pct="Aktif",
                 status_nontender_pct_ket=status, tgl_mulai_paket="2025-05-02 10:00:00", _event_date=EVENT)
        pct.append(r)
    katalog = []
    for code, price, status in (("E1", 200 * M, "COMPLETED"), ("E2", 100 * M, "ON_PROCESS"), ("E3", 90 * M, "CANCELLED")):
        r = copy.deepcopy(sample("Ecat-PaketEPurchasingV6")[0])
        r.update(kd_paket=f"01K32QD12XPKKTQMJ6E33AD{code}", nama_satker=BKAD[0], kd_satker_str=BKAD[1],
                 total_harga=price, status_pkt=status, tgl_order="2025-08-27", _event_date=EVENT)
        katalog.append(r)
    toko = []
    for order, value, status in (("4397296", 75 * M, "berhasil"), ("4397296", 75 * M, "berhasil"),
                                 ("4397276", 74 * M, "gagal")):
        r = copy.deepcopy(sample("Bela-TokoDaringRealisasi")[0])
        r.update(order_id=order, valuasi=value, status_konfirmasi_ppmse=status, nama_satker=SETDA[0])
        toko.append(r)
    swakelola = []
    for code, pagu in ((38476850, 6_460_000), (38476851, 100 * M)):
        r = copy.deepcopy(sample("RUP-PaketSwakelola-Terumumkan")[0])
        r.update(kd_rup=code, pagu=pagu, nama_satker=KES[0], kd_satker_str=KES[1])
        swakelola.append(r)
    rup = []
    for code, method, pagu in (("60608395", "E-Purchasing", 400 * M), ("56999999", "Tender", 900 * M)):
        r = copy.deepcopy(sample("RUP-PaketPenyedia-Terumumkan")[0])
        r.update(kd_rup=code, metode_pengadaan=method, pagu=pagu, status_dikecualikan=False, nama_satker=KES[0],
                 kd_satker_str=KES[1], tahun_anggaran=YEAR, _event_date=EVENT)
        rup.append(r)
    anggaran = [{"tahun_anggaran": YEAR, "kd_klpd": "D107", "nama_klpd": "Kab. Bandung", "kd_satker": s[1],
                 "kd_satker_str": s[1], "nama_satker": s[0], "belanja_operasi": 90_000 * M, "belanja_modal": 10_000 * M,
                 "belanja_btt": 0, "belanja_non_pengadaan": 30_000 * M, "belanja_pengadaan": spent,
                 "total_belanja": 100_000 * M, "_event_date": EVENT} for s, spent in ((PU, 50_000 * M), (KES, 20_000 * M))]
    files = {"47_1013_SPSE-TenderPengumuman": ann, "49_1015_SPSE-TenderSelesaiNilai": res,
             "42_1070_SPSE-PesertaTender": bid, "37_1017_SPSE-NonTenderSelesai": nontender,
             "38_1057_SPSE-PencatatanNonTender": pct, "50_1213_Ecat-PaketEPurchasingV6": katalog,
             "1_1061_Bela-TokoDaringRealisasi": toko, "23_1030_RUP-PaketSwakelola-Terumumkan": swakelola,
             "25_1039_RUP-StrukturAnggaranPD": anggaran, "21_1018_RUP-PaketPenyedia-Terumumkan": rup}
    for name, rows in files.items():
        write_json(folder / f"{name}.json", rows)
    return folder


def _params(base, folder, db, target_pagu=12.0):
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["ukpbj"]["kd_klpd"], raw["tahun"] = "D107", YEAR
    raw["data"] = {"register_paket": [str(folder)], "store": str(db)}
    raw["area_strategis"] = [{"kode": "AS", "nama": "Semua", "tujuan": raw["tujuan"][0]["kode"]}]
    template = raw["indikator"][0]
    raw["indikator"] = [{**template, "kode": "IKP-01", "nama": "Efisiensi terhadap pagu", "area": "AS",
                         "ukuran": "efisiensi_pagu", "target": target_pagu, "polaritas": "naik", "satuan": "%",
                         "baseline": None}]
    raw["laporan"] = {"revisi": 0, "keputusan": "belum", "indikator": []}
    path = base / "d107.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return config.load(path)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("tahun")
    folder, db = _download(base / "unduhan"), base / "s.duckdb"
    params = _params(base, folder, db)
    con = store.connect(db)
    try:
        loaded = register.load(con, [folder])
        assert all(r.status == "loaded" and not r.rows_rejected for r in loaded), loaded
        pk = packages.for_params(con, params)
    finally:
        con.close()
    period = Period(YEAR)
    return {"params": params, "pk": pk, "db": db, "period": period,
            "rows": failures.scope_rows(pk, params.metode.metode_dalam_lingkup, period),
            "cov": coverage.year(db, params, period, pk, pd.Timestamp(EVENT))}


# --------------------------------------------------------------------------- the whole year

def test_each_channel_counted_once_with_one_kind_of_value(world):
    t = world["cov"].kanal.set_index("kanal")
    assert t.loc["tender", ["paket", "proses", "dalam_sop", "kontrak"]].tolist() == [18, 18, 18, 14]
    assert t.loc["tender", "pagu"] == 8 * 2000 * M + 5 * 500 * M + 7350 * M + (2000 + 1000 + 1500 + 300) * M
    assert t.loc["tender", "nilai"] == 8 * 1800 * M + 5 * 450 * M + 330 * M
    assert t.loc["penunjukan", ["proses", "dalam_sop"]].tolist() == [1, 1] and t.loc["penunjukan", "nilai"] == 200 * M
    assert t.loc["pengadaan_langsung", ["proses", "dalam_sop", "kontrak"]].tolist() == [3, 0, 2]
    assert t.loc["pengadaan_langsung", "nilai"] == 150 * M
    assert t.loc["pencatatan", ["paket", "kontrak", "nilai"]].tolist() == [2, 1, 30 * M]  # the running one: no value
    assert t.loc["katalog", ["paket", "nilai", "tidak_dihitung"]].tolist() == [2, 300 * M, 1]
    assert t.loc["toko_daring", ["paket", "nilai", "tidak_dihitung"]].tolist() == [1, 75 * M, 1]  # O1 once
    assert t.loc["swakelola", "paket"] == 2 and t.loc["swakelola", "pagu"] == 106_460_000
    assert np.isnan(t.loc["swakelola", "nilai"])  # no provider contract: never a value beside contracts
    total = 16_980 * M + 200 * M + 150 * M + 30 * M + 300 * M + 75 * M
    assert t.loc["katalog", "porsi_nilai"] == pytest.approx(100 * 300 * M / total)
    assert (t["keterangan"] == "").all()
    assert world["cov"].rencana == (1, 900 * M)  # the e-Purchasing RUP package was bought in e-Katalog


def test_the_summary_lines_state_the_data_date_the_sop_share_the_rest_and_the_budget(world):
    first, outside, budget = coverage.lines(world["cov"])
    assert first == ("Pengadaan tahun 2025 dalam data (data per 3 Oktober 2025): 29 paket, nilai kontrak Rp 17,7 "
                     "miliar. Indikator SOP menghitung 19 proses metode SOP (Rp 17,2 miliar, 96,9% nilai kontrak).")
    assert outside == ("Di luar metode SOP (konteks, tidak masuk indikator): Pengadaan Langsung 3 proses (Rp 150,0 "
                       "juta); pencatatan non tender 2 paket (Rp 30,0 juta); e-Katalog 2 paket (Rp 300,0 juta); Toko "
                       "Daring 1 pesanan (Rp 75,0 juta); swakelola 2 paket (pagu Rp 106,5 juta).")
    assert budget == ("Belanja pengadaan tahun 2025 menurut struktur anggaran perangkat daerah: "
                      "Rp 70.000.000.000,00 (2 satker).")


def test_a_channel_or_budget_not_downloaded_is_said_with_why(world, tmp_path):
    folder = tmp_path / "sebagian"
    folder.mkdir()
    src = world["params"].register_files[0]
    for name in ("47_1013_SPSE-TenderPengumuman", "49_1015_SPSE-TenderSelesaiNilai", "37_1017_SPSE-NonTenderSelesai"):
        (folder / f"{name}.json").write_text((src / f"{name}.json").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "50_1213_Ecat-PaketEPurchasingV6.json").write_text("[]", encoding="utf-8")
    params = world["params"].model_copy(update={"data": world["params"].data.model_copy(
        update={"register_paket": [str(folder)], "store": str(tmp_path / "s.duckdb")})})
    con = store.connect(tmp_path / "s.duckdb")
    try:
        register.load(con, [folder])
        pk = packages.for_params(con, params)
    finally:
        con.close()
    cov = coverage.year(tmp_path / "s.duckdb", params, world["period"], pk, pd.Timestamp(EVENT))
    t = cov.kanal.set_index("kanal")
    assert t.loc["katalog", "keterangan"] == "berkas unduhannya kosong (50_1213_Ecat-PaketEPurchasingV6.json)"
    assert t.loc["toko_daring", "keterangan"] == "belum diunduh (Bela-TokoDaringRealisasi)"
    assert np.isnan(t.loc["katalog", "paket"])  # missing, never 0
    assert coverage.sop_text(cov.kanal.iloc[4]) == "Belum ada data"
    assert cov.opd["nama_satker"].tolist() == [KES[0]] and cov.opd["pengadaan_langsung"].tolist() == [3]
    assert cov.opd["pencatatan"].isna().all() and cov.opd["epurchasing"].isna().all()  # missing, not 0 per OPD
    assert cov.anggaran is None and cov.anggaran_teks == (
        "Belanja pengadaan tahun 2025: Belum ada data — struktur anggaran perangkat daerah belum diunduh "
        "(RUP-StrukturAnggaranPD).")
    assert "e-Katalog belum ada data; Toko Daring belum ada data" in coverage.lines(cov)[1]


def test_each_channel_shows_the_measures_as_they_define_them_as_context(world):
    k = world["cov"].konteks.set_index("kanal")
    assert list(k.index) == ["tender", "penunjukan", "pengadaan_langsung", "pencatatan"]
    # Pengadaan Langsung: L3 failed of 3 decided; efficiency over the two with a contract and HPS
    assert k.loc["pengadaan_langsung", "gagal"] == "33,33% (1 dari 3 proses)"
    assert k.loc["pengadaan_langsung", "efisiensi_hps"] == f"{fmt.persen(100 * 30 / 180)} (2 paket)"
    # tenders: F1 F2 F3 failed of 17 decided (F4 cancelled is no failed selection)
    assert k.loc["tender", "gagal"] == f"{fmt.persen(100 * 3 / 17)} (3 dari 17 proses)"
    assert k.loc["pencatatan", "gagal"] == "–" and k.loc["pencatatan", "berlangsung"] == 1
    assert k.loc["tender", "tepat_waktu"] == "–"  # no BAST in this download: nothing qualifies


def test_outside_the_sop_per_opd_the_largest_then_the_rest_in_one_row(world):
    pk, db, params = world["pk"], world["db"], world["params"]
    con = store.connect(db, read_only=True)
    try:
        bought = coverage._context_frames(con, params, world["period"])
    finally:
        con.close()
    opd = coverage.outside_by_opd(pk, bought, top=2)
    assert opd["nama_satker"].tolist() == [BKAD[0], KES[0], "dan 1 OPD lainnya"]
    assert opd[["pengadaan_langsung", "pencatatan", "epurchasing"]].values.tolist() == [[0, 0, 2], [3, 2, 0], [0, 0, 1]]
    assert opd["nilai"].tolist() == [300 * M, 180 * M, 75 * M]
    assert opd["porsi_nilai"].tolist() == pytest.approx([100 * 300 / 555, 100 * 180 / 555, 100 * 75 / 555])


# --------------------------------------------------------------------------- findings from the evidence

def test_failed_processes_by_kind_name_the_packages(world):
    failed = failures.listing(world["pk"], world["period"], world["params"].metode.metode_dalam_lingkup)
    no_offer, no_winner, cancelled = evidence.failed_by_kind(failed)
    assert no_offer["temuan"] == (
        "Tidak ada satu penawaran pun pada 2 dari 3 proses gagal, padahal paling banyak 30 penyedia mendaftar pada "
        "satu paket: “Pembangunan IPAL RSUD” (DINAS PEKERJAAN UMUM DAN TATA RUANG, 30 pendaftar); “Rehab Kantor "
        "Kecamatan” (DINAS PEKERJAAN UMUM DAN TATA RUANG, 12 pendaftar).")
    assert no_offer["nilai"] == 3000 * M and no_offer["jumlah_paket"] == 2
    assert "Tanyakan kepada penyedia yang mendaftar tetapi tidak menawar" in no_offer["rekomendasi"]
    assert no_winner["temuan"] == ("1 dari 3 proses gagal walaupun ada penawaran (tidak ada penawar yang lulus "
                                   "evaluasi): “Pembangunan Jembatan Desa” (DINAS PEKERJAAN UMUM DAN TATA RUANG, 2 "
                                   "penawaran).")
    assert cancelled["temuan"].startswith("1 proses ditutup karena anggaran atau perubahan rencana")
    assert "“Dibatalkan karena Efisiensi Anggaran sesuai surat Kepala Dinas”" in cancelled["temuan"]
    assert cancelled["ringkas"] == "1 proses ditutup karena anggaran atau perubahan rencana (pagu Rp 300,0 juta)."


def test_single_bidders_compared_by_jenis_and_by_method(world):
    (by_jenis,) = evidence.single_bidder_by_group(world["rows"], "jenis_pengadaan", 5)
    # construction: K1..K6 single of K1..K8 and F3 (decided with offers); consultancy: none of 6
    assert by_jenis["temuan"].startswith(
        "Peserta tunggal pada Pekerjaan Konstruksi: 66,67% (6 dari 9 proses) proses tender hanya menerima satu "
        "penawaran, dibanding 0,00% (0 dari 6 proses) pada jenis pengadaan lainnya; rata-rata 1,6 penawaran per "
        "tender (4,0 lainnya).")
    assert "“Rehabilitasi Jalan Ruas 1” (DINAS PEKERJAAN UMUM DAN TATA RUANG, pagu Rp 2,0 miliar)" in by_jenis["temuan"]
    assert "dan 3 paket lainnya" in by_jenis["temuan"] and by_jenis["nilai"] == 6 * 2000 * M
    (by_method,) = evidence.single_bidder_by_group(world["rows"], "metode", 5)
    assert by_method["ringkas"] == "Peserta tunggal pada Tender 66,67% (6 dari 9 proses), metode pemilihan lainnya 0,00%."
    assert evidence.single_bidder_by_group(world["rows"], "metode", 10) == []  # Tender has 9 processes


def test_registrants_against_offers(world):
    (row,) = evidence.registrants_without_offers(world["rows"], 5)
    # 17 decided tenders with registrants: 8×20 + 6×5 + 30 + 12 + 10 = 242 registrants, 12 + 24 + 2 = 38 offers
    assert row["temuan"].startswith(
        f"Rata-rata {fmt.angka(242 / 17, 1)} penyedia mendaftar per proses tender, tetapi hanya "
        f"{fmt.angka(38 / 17, 1)} yang memasukkan penawaran ({fmt.persen(100 * 38 / 242, 1)} pendaftar menawar), atas "
        f"17 proses tender yang sudah diputuskan. Selisih terbesar: “Pembangunan IPAL RSUD” (DINAS PEKERJAAN UMUM "
        f"DAN TATA RUANG, 30 pendaftar, 0 penawaran)")
    assert row["jumlah_paket"] == 10  # K1..K8, F1, F2: under a fifth of their registrants offered
    assert evidence.registrants_without_offers(world["rows"], 5, share=0.1) == []


def test_a_few_winners_taking_most_of_the_contract_value(world):
    (row,) = evidence.winners_concentration(world["rows"])
    total = 16_980 * M + 200 * M  # 14 tender contracts and N1
    assert row["temuan"] == (
        f"Tiga penyedia memenangkan {fmt.persen(100 * 14_400 / 17_180, 1)} nilai kontrak metode SOP (Rp 14,4 miliar "
        f"dari Rp 17,2 miliar; 8 dari 15 kontrak): CV ALFA (3 kontrak, Rp 5,4 miliar); CV BETA (3 kontrak, Rp 5,4 "
        f"miliar); CV GAMMA (2 kontrak, Rp 3,6 miliar).")
    assert row["nilai"] == 14_400 * M and total == 17_180 * M
    assert evidence.winners_concentration(world["rows"], share=90.0) == []


def test_opd_and_pokja_compared_with_the_rest_with_a_minimum_of_processes(world):
    opd = {r["temuan"].split(" ")[0]: r for r in evidence.groups_standing_out(world["rows"], "opd", 5)}
    # PU: F1 F2 F3 failed of 12 decided (K1..K8, F1..F3, N1); KES: 0 of 6 (F4 cancelled)
    assert opd["Tender"]["temuan"] == ("Tender gagal jauh di atas OPD lain (proses yang sudah diputuskan gagal): "
                                       "DINAS PEKERJAAN UMUM DAN TATA RUANG: 25,00% (3 dari 12 proses), OPD lain 0,00%.")
    assert opd["Peserta"]["temuan"].startswith("Peserta tunggal jauh di atas OPD lain")
    assert "DINAS PEKERJAAN UMUM DAN TATA RUANG: 66,67% (6 dari 9 proses)" in opd["Peserta"]["temuan"]
    pokja = evidence.groups_standing_out(world["rows"], "pokja", 5)
    assert pokja[0]["temuan"] == ("Tender gagal jauh di atas Pokja lain (proses yang sudah diputuskan gagal): "
                                  "Pokja Pegawai 3D47D4; Pegawai 64995F; Pegawai 73FCCB: 27,27% (3 dari 11 proses), "
                                  "Pokja lain 0,00%.")  # N1 has no Pokja
    assert not any("PK-" in r["temuan"] + r["bukti"] + r["rekomendasi"] for r in pokja)
    assert evidence.groups_standing_out(world["rows"], "opd", 13) == []  # PU's 12 processes: not rated
    assert [r["temuan"].split(" ")[0] for r in evidence.groups_standing_out(world["rows"], "opd", 5,
                                                                          skip={"tender_gagal"})] == ["Peserta"]


def test_contracts_without_a_declared_pdn_value_are_named(world):
    (row,) = evidence.contracts_without_declared_value(world["rows"])
    assert row["temuan"].startswith("2 dari 15 kontrak metode SOP tidak menyatakan nilai PDN atau UMK di hasil "
                                    "pemilihan maupun e-Kontrak (2 tanpa nilai PDN maupun UMK: Rp 3,6 miliar)")
    assert "“Rehabilitasi Jalan Ruas 7”" in row["temuan"] and "“Rehabilitasi Jalan Ruas 8”" in row["temuan"]
    assert row["nilai"] == 3600 * M


def _kpi(world):
    params, pk, period = world["params"], world["pk"], world["period"]
    real = kpi_status.register_kpis(params, period, pk).assign(target=12.0)
    return kpi_status.judge(real, params, period, pk)


def test_the_implausible_package_behind_a_status_is_named(world):
    params, pk, period = world["params"], world["pk"], world["period"]
    kpi = _kpi(world)
    # savings over pagu (Rp juta): K 8 × 200 of 8 × 2.000, S 5 × 50 of 5 × 500, N1 20 of 220, X 7.020 of 7.350
    with_x, without = 100 * 8890 / 26070, 100 * 1870 / 18720
    assert kpi.loc[0, "nilai"] == pytest.approx(with_x) and kpi.loc[0, "status"] == "Tercapai"
    assert kpi.loc[0, "nilai_tanpa_ditandai"] == pytest.approx(without)  # target 12: below the 10% band
    flagged = plausibility.flagged(pk, params.metode.kewajaran, period, params.metode.metode_dalam_lingkup,
                                   cumulative=True)
    behind = kpi_status.behind(kpi, params, period, pk, flagged)
    assert list(behind) == ["IKP-01"] and behind["IKP-01"]["nama_paket"].tolist() == ["Pengawasan Gedung Labkesda"]
    named = kpi_status.name_flagged(kpi, behind)
    assert named.loc[0, "catatan_kewajaran"] == (f"tanpa 1 proses yang ditandai tidak wajar (“Pengawasan Gedung "
                                                 f"Labkesda”): {fmt.persen(without)} (Tidak tercapai)")
    (row,) = recommendations.implausible_status(kpi, behind)
    assert row["kewajaran"] and row["kode"] == "IKP-01"
    assert row["temuan"].startswith(f"IKP-01 Efisiensi terhadap pagu: status Tercapai ({fmt.persen(with_x)}) "
                                    f"bertumpu pada 1 proses yang ditandai tidak wajar — “Pengawasan Gedung Labkesda” "
                                    f"(DINAS KESEHATAN): HPS Rp 350.000.000,00 = 4,76% dari pagu Rp 7.350.000.000,00")
    assert row["temuan"].endswith(f"Tanpa proses itu realisasinya {fmt.persen(without)} (Tidak tercapai).")
    assert "“Pengawasan Gedung Labkesda”" in row["ringkas"] and row["nilai"] == 7350 * M


def test_findings_are_ordered_status_at_stake_first_then_by_rupiah(world):
    params, pk, period = world["params"], world["pk"], world["period"]
    kpi = _kpi(world)
    results = {"02_kewajaran": plausibility.flagged(pk, params.metode.kewajaran, period,
                                                    params.metode.metode_dalam_lingkup, cumulative=True),
               "05_proses_gagal": failures.listing(pk, period, params.metode.metode_dalam_lingkup)}
    found = recommendations.distinct(recommendations.from_processes(pk, params, period, results, kpi,
                                                                     pd.DataFrame(columns=["kode"])))
    ordered = recommendations.ordered(pd.DataFrame([{k: v for k, v in f.items() if k != "proses"} for f in found],
                                                   columns=recommendations.COLUMNS[1:]))
    assert ordered["no"].tolist() == list(range(1, len(ordered) + 1))
    # X (its pagu Rp 7,35 M) first; then by rupiah: registrants without offers (K1..K8, F1, F2: Rp 19 M),
    # three winners (Rp 14,4 M), construction's single bidders (K1..K6: Rp 12 M; the same processes for
    # the Tender method, PU and its Pokja say nothing new), PU's failures (F1..F3: Rp 4,5 M; its Pokja
    # likewise), contracts without PDN (Rp 3,6 M), no offer (Rp 3 M), no winner, cancelled
    assert ordered["topik"].tolist() == ["Kewajaran data", "Persaingan", "Konsentrasi pemenang", "Persaingan",
                                         "Kinerja OPD", "Data PDN/UMK", "Proses gagal", "Proses gagal", "Proses gagal"]
    assert ordered["nilai"].tolist()[1:] == [19_000 * M, 14_400 * M, 12_000 * M, 4_500 * M, 3_600 * M, 3_000 * M,
                                             1_500 * M, 300 * M]
    key = recommendations.key_findings(ordered)
    assert key == ordered["ringkas"].head(recommendations.KEY_FINDINGS).tolist()
    assert "“Pengawasan Gedung Labkesda”" in key[0]
    assert not any("Prioritaskan" in t for t in ordered["rekomendasi"])


def test_comparison_rates_hand_computed():
    rows = pd.DataFrame({"kd_tender": ["1"] * 12, "kd_nontender": [None] * 12, "menang": [True] * 9 + [False] * 3,
                         "gagal": [False] * 9 + [True] * 3, "dibatalkan": False, "berlangsung": False})
    group = pd.Series(["A"] * 6 + ["B"] * 3 + ["A", "A", "B"])
    t = comparison.rates(rows, group, "tender_gagal", 3, lower_is_better=True).set_index("grup")
    assert t.loc["A", ["pembilang", "penyebut", "nilai_lain"]].tolist() == pytest.approx([2, 8, 100 / 4])
    assert t.loc["B", "nilai"] == pytest.approx(25.0) and not t["menonjol"].any()  # 25% vs 25%: 0 points


def test_large_amounts_in_words():
    assert fmt.rupiah_singkat(101_500_000_000) == "Rp 101,5 miliar"
    assert fmt.rupiah_singkat(1_260_000_000_000) == "Rp 1,3 triliun"
    assert fmt.rupiah_singkat(350_000_000) == "Rp 350,0 juta" and fmt.rupiah_singkat(75_000) == "Rp 75.000"
    assert fmt.rupiah_singkat(np.nan) == "–"


def test_the_reason_quoted_for_leaders_is_cut_at_a_word():
    long = "Sesuai dengan surat Permohonan Pembatalan Seleksi " * 5
    cut = failures.short_reason(long)
    assert len(cut) <= failures.REASON_CHARS + 2 and cut.endswith(" …") and failures.short_reason(None) == ""


def test_flagged_rows_name_the_indicators_they_can_change():
    kpi = pd.DataFrame({"kode": ["IKP-01", "IKP-02"], "ukuran": ["efisiensi_pagu", "efisiensi_hps"]})
    out = plausibility.indicators_of(pd.Series(["efisiensi_pagu, efisiensi_hps", "durasi_pemilihan"]), kpi)
    assert out.tolist() == ["IKP-01, IKP-02", "–"]
