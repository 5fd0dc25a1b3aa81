"""Every number true, every status earned (issue 20), on a download made of the real ISB sample
rows of Kab. Bandung 2025 (../shared/data/lkpp-isb-samples), written as ISB files, loaded by the
register and read through the package view. The data date is the samples' `_event_date`,
3 Oktober 2025. Tender processes of TA 2025 (all Tender or Seleksi):

- A 10005991000: awarded 7 Mar, announced 17 Feb; RUP 53613689 plans the selection for January
  (SiRUP writes 2025-01-01: the plan ends 31 Jan) → late; three offers; SPSE's stage schedule
  of 10002510000 is attached to it (no plan: never used);
- B 10017932000: a consolidated package (kd_rup "56168859;56168861;56168878"), awarded; its
  declared PDN value is Rp 1.000.000.000 of a Rp 1.275.000.000 contract;
- C 10018179000: awarded; PDN and UMK blank in the tender result and in its e-Kontrak contract;
- D 10017691000: the issue's implausible pagu — pagu Rp 7.350.000.000 against an HPS of
  Rp 350.000.000, contract Rp 330.000.000: it alone lifts the efficiency from 8,88% to 43,33%;
- E1 10086224000 failed with 28 registrants and no offer (zero-offer failure), E2 10088019000 its
  re-tender, still running at the data date (Berlangsung, scheduled award 21 Oct);
- F 10037336000: closed for "Efisiensi Anggaran" (ket_ditutup) — a budget cancellation;
- G 10029558000: failed with one offer (offers but no winner);
- H 10002513000: announced 27 Dec 2024 for 2025 (tender dini: TW I), awarded 20 Feb; RUP
  53613698 plans February (written 2025-02-01: ends 28 Feb) → on schedule;
- I 10018467000: a result row without an announcement date (its quarter: the award's, TW II).
The tender BAST file of the download is empty. Every expected figure is computed by hand below.
"""

import copy
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import PARAMS, write_json
from gateway_data import SAMPLES, sample
from kinerja.apps import init_params
from kinerja.core import config
from kinerja.core.measures import BESIDE, MEASURES
from kinerja.core.periods import Period
from kinerja.inputs import packages, processes, register, store
from kinerja.methods import (failures, indicators, kpi_status, plausibility, pokja, provider_text,
                             register_quality, report)

A, B, C, D = "10005991000", "10017932000", "10018179000", "10017691000"
E1, E2, F, G, H, I = "10086224000", "10088019000", "10037336000", "10029558000", "10002513000", "10018467000"
PAGU = {A: 7_000_000_000, B: 1_431_703_950, C: 1_200_000_000, D: 7_350_000_000, I: 1_500_000_000}
KONTRAK = {A: 6_528_354_560.19, B: 1_275_000_000, C: 1_070_151_000, D: 330_000_000, I: 1_269_963_504.15}
HPS = {A: 6_999_647_646.16, B: 1_418_949_369.99, C: 1_163_060_500, D: 350_000_000, I: 1_499_321_187.61}
PDN = {A: 6_528_354_560.19, B: 1_000_000_000, D: 330_000_000, I: 1_269_963_504.15}  # C: blank in both


def _rows(name, *codes, key="kd_tender"):
    return [copy.deepcopy(r) for r in sample(name) if str(r[key]) in codes]


def _rekey(name, source, target):
    out = _rows(name, source)
    for r in out:
        r["kd_tender"] = int(target)
    return out


def _download(folder, with_rup=True):
    """The ISB files of the world above (one file per dataset, as the service names them)."""
    if not SAMPLES.is_dir():
        pytest.fail(f"the ISB samples are expected at {SAMPLES} (../shared beside the repo)")
    folder.mkdir(parents=True)
    ann = _rows("SPSE-TenderPengumuman", A, B, C, D, E1, E2, F, G)
    for r in ann:
        if str(r["kd_tender"]) == D:
            r.update(pagu=PAGU[D], hps=HPS[D])
    done = _rows("SPSE-TenderSelesai", A, B, C, H)
    for r in done:
        if str(r["kd_tender"]) == H:
            r.update(tgl_pengumuman_tender="2024-12-27 09:00:00", tgl_penetapan_pemenang="2025-02-20 15:00:00")
    e2 = next(r for r in ann if str(r["kd_tender"]) == E2)
    done.append({**{k: v for k, v in e2.items() if k in done[0]}, "tgl_penetapan_pemenang": "2025-10-21 15:00:00"})
    values = _rows("SPSE-TenderSelesaiNilai", A, B, C, D, I)
    for r in values:
        code = str(r["kd_tender"])
        if code == B:
            r["nilai_pdn_kontrak"] = PDN[B]
        if code == D:
            r.update(pagu=PAGU[D], hps=HPS[D], nilai_penawaran=KONTRAK[D], nilai_terkoreksi=KONTRAK[D],
                     nilai_negosiasi=KONTRAK[D], nilai_kontrak=KONTRAK[D], nilai_pdn_kontrak=PDN[D],
                     nilai_umk_kontrak=KONTRAK[D])
        if code == I:
            del r["tgl_pengumuman_tender"]
    contract_c = dict(_rows("SPSE-TenderEkontrak-2Kontrak", A)[0], kd_tender=int(C), nilai_kontrak=KONTRAK[C],
                      nilai_pdn_kontrak=None, nilai_umk_kontrak=None, no_kontrak="KONTRAK-C")
    files = {
        "47_1013_SPSE-TenderPengumuman": ann, "48_1014_SPSE-TenderSelesai": done,
        "49_1015_SPSE-TenderSelesaiNilai": values,
        "42_1070_SPSE-PesertaTender": (_rekey("SPSE-PesertaTender", "10012486000", A)
                                       + _rekey("SPSE-PesertaTender", "10073469000", E1)
                                       + _rekey("SPSE-PesertaTender", "10029556000", G)),
        "31_1068_SPSE-JadwalTahapanTender": _rekey("SPSE-JadwalTahapanTender", "10002510000", A),
        "44_1073_SPSE-TenderEkontrak-2Kontrak": _rows("SPSE-TenderEkontrak-2Kontrak", A) + [contract_c],
        "43_1076_SPSE-TenderEkontrak-4BAPBAST": [],
    }
    if with_rup:
        files["21_1018_RUP-PaketPenyedia-Terumumkan"] = _rows("RUP-PaketPenyedia-Terumumkan", "53613689",
                                                              "53613698", key="kd_rup")
    for name, rows in files.items():
        write_json(folder / f"{name}.json", rows)
    return folder


def _parameter_file(base, folder, db):
    """The shipped parameter file for D107 2025 with one unrestricted area and one indicator per
    register measure (target 10 each, efficiency 'naik', the rest as the catalogue says)."""
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["ukpbj"]["kd_klpd"], raw["tahun"] = "D107", 2025
    raw["data"] = {"register_paket": [str(folder)], "store": str(db)}
    raw["area_strategis"] = [{"kode": "AS", "nama": "Semua", "tujuan": raw["tujuan"][0]["kode"]}]
    template = raw["indikator"][0]
    raw["indikator"] = [{**template, "kode": name, "nama": name, "area": "AS", "ukuran": name, "target": 10.0,
                         "polaritas": "turun" if name in ("tender_gagal", "tender_gagal_paket", "durasi_pemilihan",
                                                          "peserta_tunggal") else "naik",
                         "satuan": "%" if m.scale == 100 else "hari", "baseline": None}
                        for name, m in MEASURES.items() if m.compute]
    raw["laporan"] = {"revisi": 0, "keputusan": "belum", "indikator": []}
    path = base / "d107-2025.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return config.load(path)


def _world(tmp_path_factory, with_rup):
    base = tmp_path_factory.mktemp("audit-rup" if with_rup else "audit-tanpa-rup")
    folder, db = _download(base / "unduhan", with_rup), base / "s.duckdb"
    params = _parameter_file(base, folder, db)
    con = store.connect(db)
    try:
        results = {r.file: r for r in register.load(con, [folder])}
        assert results["43_1076_SPSE-TenderEkontrak-4BAPBAST.json"].status == "empty"
        assert all(r.status == "loaded" and not r.rows_rejected for name, r in results.items()
                   if not name.startswith("43_")), results
        return {"params": params, "pk": packages.for_params(con, params), "db": db, "folder": folder,
                "lacking": register_quality.missing_datasets(con, params)}
    finally:
        con.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    return _world(tmp_path_factory, with_rup=True)


@pytest.fixture(scope="module")
def without_rup(tmp_path_factory):
    return _world(tmp_path_factory, with_rup=False)


def _kpi(w, period=Period(2025)):
    return indicators.realisation(w["pk"], w["params"].indikator, period, areas=w["params"].area_strategis,
                                  kewajaran=w["params"].metode.kewajaran).set_index("kode")


def test_process_state_at_the_data_date(world):
    pk = world["pk"].set_index("kd_paket")
    assert (pk.loc[[A, E2], "tgl_data"] == pd.Timestamp("2025-10-03")).all()
    assert pk.loc[E2, "berlangsung"] and not pk.loc[[A, B, C, D, E1, F, G, H, I], "berlangsung"].any()
    assert pk.loc[[E1, F, G], "jenis_gagal"].tolist() == ["tanpa_penawaran", "dibatalkan", "tanpa_pemenang"]
    assert pk.loc[[A, B, C, D, H, I, E1, E2, F, G], "triwulan"].tolist() == [1, 1, 1, 1, 1, 2, 4, 4, 2, 3]


def test_duration_timeliness_and_failure_count_decided_processes_only(world):
    k = _kpi(world)
    # awarded with both dates: A 18, B 28, C 27, D 49, H 55 days (I has no announcement date)
    assert k.loc["durasi_pemilihan", "nilai"] == pytest.approx((18 + 28 + 27 + 49 + 55) / 5)
    assert k.loc["durasi_pemilihan", "jumlah_berlangsung"] == 1  # E2, with its scheduled award
    # against the RUP month's last day: A (Jan, awarded 7 Mar) late, H (Feb, 20 Feb) on time
    assert k.loc["pemilihan_tepat_waktu", ["pembilang", "penyebut"]].tolist() == [1, 2]
    # decided: A B C D H I awarded, E1 G failed; E2 running and F cancelled are not counted
    assert k.loc["tender_gagal", ["pembilang", "penyebut"]].tolist() == [2, 8]
    assert k.loc["tender_gagal", "nilai"] == pytest.approx(25.0)
    assert k.loc["tender_gagal", ["jumlah_berlangsung", "jumlah_dibatalkan"]].tolist() == [1, 1]
    # per package: E's last process (E2) is running, F's cancelled: G of A B C D G H I
    assert k.loc["tender_gagal", "pendamping_nilai"] == pytest.approx(100 / 7)
    counted = set(indicators.counted(world["pk"], world["params"].indikator[0].model_copy(
        update={"ukuran": "tender_gagal"}), Period(2025))["kd_paket"])
    assert counted == {A, B, C, D, H, I, E1, G}
    # bidders over decided tenders with an offer: A (3 offers of 30 registrants), G (1 of 21)
    assert k.loc["rata_peserta", "nilai"] == 2 and k.loc["peserta_tunggal", "nilai"] == 50
    assert k.loc["rata_peserta", "pendamping_nilai"] == pytest.approx((30 + 21) / 2)


def test_failed_processes_listed_by_kind_with_their_reason(world):
    listed = failures.listing(world["pk"], Period(2025)).set_index("kd_paket")
    assert list(listed.index) == [E1, G, F]  # no offer, offers but no winner, cancelled
    assert listed["dihitung"].tolist() == [True, True, False]
    assert (listed.loc[E1, "jumlah_pendaftar"], listed.loc[E1, "jumlah_peserta"]) == (28, 0)
    assert "Efisiensi Anggaran" in listed.loc[F, "alasan"]
    kinds = failures.by_kind(listed.reset_index()).set_index("jenis_gagal")["jumlah_proses"]
    assert kinds.to_dict() == {"tanpa_penawaran": 1, "tanpa_pemenang": 1, "lainnya": 0, "dibatalkan": 1}
    text = failures.summary_text(listed.reset_index(), Period(2025))
    assert "3 proses berstatus Gagal/Batal" in text and "dibatalkan karena anggaran atau perubahan rencana 1" in text


def test_missing_pdn_is_left_out_with_its_count_and_value(world):
    k = _kpi(world)
    assert k.loc["porsi_pdn", "nilai"] == pytest.approx(
        sum(PDN.values()) / (KONTRAK[A] + KONTRAK[B] + KONTRAK[D] + KONTRAK[I]) * 100)
    assert k.loc["porsi_pdn", ["jumlah_tanpa_nilai", "nilai_tanpa_nilai"]].tolist() == [1, KONTRAK[C]]
    assert k.loc["porsi_umk", "jumlah_tanpa_nilai"] == 1


def test_an_implausible_pagu_is_flagged_and_the_status_it_earns_said(world):
    p, pk = world["params"], world["pk"]
    listed = plausibility.flagged(pk, p.metode.kewajaran, Period(2025))
    assert listed[["kd_paket", "pemeriksaan"]].values.tolist() == [[D, "HPS kurang dari batas bawah terhadap pagu"]]
    assert listed["keterangan"].iloc[0].startswith("HPS Rp 350.000.000,00 = 4,76% dari pagu Rp 7.350.000.000,00")
    with_d = sum(PAGU[x] - KONTRAK[x] for x in PAGU) / sum(PAGU.values()) * 100
    without = sum(PAGU[x] - KONTRAK[x] for x in PAGU if x != D) / sum(PAGU[x] for x in PAGU if x != D) * 100
    assert (round(with_d, 2), round(without, 2)) == (43.33, 8.88)
    real = kpi_status.register_kpis(p, Period(2025), pk)
    kpi = kpi_status.judge(real.assign(target=[i.target for i in p.indikator]), p, Period(2025), pk)
    row = kpi.set_index("kode").loc["efisiensi_pagu"]
    assert row["nilai"] == pytest.approx(with_d) and row["nilai_tanpa_ditandai"] == pytest.approx(without)
    assert (row["status"], row["status_tanpa_ditandai"], row["jumlah_ditandai"]) == ("Tercapai", "Tidak tercapai", 1)
    assert row["catatan_kewajaran"] == "tanpa 1 proses yang ditandai tidak wajar: 8,88% (Tidak tercapai)"
    # HPS-based efficiency is not distorted by a low HPS: no note beside it
    assert kpi.set_index("kode").loc["efisiensi_hps", "catatan_kewajaran"] == ""
    proposed = report.next_year_targets(kpi).set_index("kode").loc["efisiensi_pagu"]
    assert proposed["usulan"] == 10.0 and proposed["nilai"] == pytest.approx(without)
    assert "tanpa 1 proses yang ditandai tidak wajar" in proposed["dasar"]


def test_the_four_quarters_add_up_to_the_year_for_every_count_measure(world):
    year = _kpi(world)
    quarters = [_kpi(world, Period(2025, q)) for q in range(1, 5)]
    for kode in year.index:
        for column in ("pembilang", "penyebut", "jumlah_proses", *BESIDE):
            got = sum(q.loc[kode, column] for q in quarters)
            want = year.loc[kode, column]
            assert got == pytest.approx(want) or pd.isna(want) and all(pd.isna(q.loc[kode, column]) for q in quarters), \
                (kode, column)
    assert year.loc["tender_gagal", "jumlah_proses"] == 8  # H (announced in 2024) is in TW I
    assert processes.quarters(world["pk"]).min() >= 1


def test_selection_on_schedule_has_no_value_without_sirup(without_rup):
    k = _kpi(without_rup)
    assert pd.isna(k.loc["pemilihan_tepat_waktu", "nilai"]) and k.loc["pemilihan_tepat_waktu", "penyebut"] == 0
    lack = without_rup["lacking"].set_index("kode")
    assert lack.loc["pemilihan_tepat_waktu", "kekurangan"].startswith("unduh RUP-PaketPenyedia-Terumumkan")
    done = subprocess.run([sys.executable, "-m", "kinerja", "kpi", "--params", str(without_rup["params"].source),
                           "--period", "2025"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("pemilihan_tepat_waktu"))
    assert "Belum ada data: unduh RUP-PaketPenyedia-Terumumkan" in line


def test_an_empty_file_is_the_reason_not_the_period(world):
    lack = world["lacking"].set_index("kode")
    assert lack.loc["kontrak_tepat_waktu", "jenis"] == "kosong"
    assert lack.loc["kontrak_tepat_waktu", "kekurangan"].startswith(
        "berkas 43_1076_SPSE-TenderEkontrak-4BAPBAST.json kosong (tanpa baris)")
    assert "pemilihan_tepat_waktu" not in lack.index  # SiRUP is there


def test_kpi_command_states_the_data_date_and_what_it_leaves_out(world):
    source = str(world["params"].source)
    done = subprocess.run([sys.executable, "-m", "kinerja", "kpi", "--params", source, "--period", "2025", "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    got = {r["kode"]: r for r in json.loads(done.stdout)}
    gagal = got["tender_gagal"]
    assert (gagal["tanggal_data"], gagal["data_per"]) == ("2025-10-03", "data per 3 Oktober 2025")
    assert gagal["periode_belum_lengkap"] == "Tahun Anggaran 2025: data sampai 3 Oktober 2025"
    assert (gagal["jumlah_berlangsung"], gagal["jumlah_dibatalkan"], gagal["nilai"]) == (1, 1, 25.0)
    assert got["efisiensi_pagu"]["status_tanpa_ditandai"] == "Tidak tercapai"
    assert got["kontrak_tepat_waktu"]["keterangan"].startswith("berkas 43_1076")
    text = subprocess.run([sys.executable, "-m", "kinerja", "kpi", "--params", source, "--period", "2025"],
                          capture_output=True, text=True).stdout
    assert "Register paket: data per 3 Oktober 2025" in text and "TW IV: data sampai 3 Oktober 2025" in text
    assert "1 proses masih berlangsung pada tanggal data" in text
    assert "1 kontrak (Rp 1.070.151.000,00) tanpa nilai PDN" in text


def test_pokja_recap_equals_the_kpi_on_the_same_base(world):
    """The Pokja recap (tender/seleksi processes decided in the year) shows the same numbers as
    the KPIs over the same processes: one number per indicator."""
    p = pokja.per_package(pokja.read_rows(pd.DataFrame(columns=["kode_paket"])), world["pk"], 2025)
    total = pokja.total(p).set_index("metode").loc[pokja.TOTAL]
    k = _kpi(world)
    for name in ("tender_gagal", "durasi_pemilihan", "pemilihan_tepat_waktu", "rata_peserta", "peserta_tunggal",
                 "efisiensi_hps"):
        assert total[name] == pytest.approx(k.loc[name, "nilai"]), name
    assert total["proses_gagal"] == 2 and total["jumlah_proses"] == 9  # E1, G failed; F is due, not failed


def test_no_provider_rated_is_said_as_such():
    none = provider_text.no_coaching_text(pd.DataFrame(columns=["kd_penyedia", "kategori"]))
    assert none.startswith("Belum ada data: belum ada penyedia yang dinilai")
    assert "Tidak ada penyedia berkategori" not in none
    rated = provider_text.no_coaching_text(pd.DataFrame({"kd_penyedia": ["1", "2"], "kategori": ["Baik", "Baik"]}))
    assert rated == "Tidak ada penyedia berkategori Cukup atau Buruk dari 2 penyedia yang dinilai."


def test_the_national_pdn_indicator_covers_every_jenis():
    raw = init_params.catalogue(2025)  # what `kinerja init` writes
    area = next(i["area"] for i in raw["indikator"] if i["ukuran"] == "porsi_pdn")
    cakupan = next(a["cakupan"] for a in raw["area_strategis"] if a["kode"] == area)
    assert cakupan["jenis_pengadaan"] == [] and cakupan["metode"] == []
    definition = next(i["definisi"] for i in raw["indikator"] if i["ukuran"] == "porsi_pdn")
    assert "dihitung nol" not in definition and "diketahui" in definition


def test_a_status_resting_on_too_few_rows_says_so_and_moves_no_target(shipped_params):
    """By hand: 1 decided process (3 offers) against a target of 5 bidders, and 2 of 2 processes
    with one bidder: both statuses rest on fewer than metode.minimum_proses_banding (5) rows."""
    minimum = shipped_params.metode.minimum_proses_banding
    assert minimum == 5
    kpi = pd.DataFrame([
        {"kode": "IKP-05", "nama": "Rata-rata peserta", "ukuran": "rata_peserta", "satuan": "peserta",
         "polaritas": "naik", "target": 2.0, "nilai": 3.0, "jumlah_proses": 1, "jumlah_paket": 1},
        {"kode": "IKP-07", "nama": "Durasi", "ukuran": "durasi_pemilihan", "satuan": "hari",
         "polaritas": "turun", "target": 45.0, "nilai": 30.0, "jumlah_proses": 5, "jumlah_paket": 5},
        {"kode": "IKP-01", "nama": "Efisiensi", "ukuran": "efisiensi_pagu", "satuan": "%",
         "polaritas": "naik", "target": 10.0, "nilai": 12.0, "jumlah_proses": 7, "jumlah_paket": 4},
    ])
    kpi["status"] = "Tercapai"
    assert kpi_status.small_base(kpi, minimum).tolist() == [True, False, True]  # 1 proses; 5 proses; 4 paket
    kpi["dasar_kecil"] = kpi_status.small_base(kpi, minimum)
    notes = [kpi_status.beside(r, minimum) for r in kpi.itertuples()]
    assert notes == ["status dari 1 proses saja (kurang dari 5): belum dapat diandalkan", "",
                     "status dari 4 paket saja (kurang dari 5): belum dapat diandalkan"]
    kpi = kpi.assign(keterangan="", keputusan="", jumlah_ditandai=0, nilai_tanpa_ditandai=np.nan,
                     status_tanpa_ditandai=np.nan)
    proposed = report.next_year_targets(kpi).set_index("kode")
    assert proposed.loc["IKP-05", "usulan"] == 2.0 and "terlalu sedikit" in proposed.loc["IKP-05", "dasar"]
    assert proposed.loc["IKP-07", "usulan"] == 30.0  # five decided processes move the target
