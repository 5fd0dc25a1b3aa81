"""Strategic areas scope their KPIs (issue 13 item 6): an indicator of an area counts only the
packages of the area's cakupan — UKPBJ total, per OPD, per method, per quarter, the baseline
from the previous year, `kinerja kpi` — and those packages are always among the packages the
area's mapping shows. Hand-computed figures on a small register in the style of test_kpi.py."""

import json
import subprocess
import sys

import docx
import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import PARAMS, write_json
from kinerja.core import config
from kinerja.core.measures import MEASURES
from kinerja.core.periods import Period
from kinerja.inputs import packages, register, store
from kinerja.methods import indicators, planning, report
from kinerja.render import documents

METODE = ["Tender", "Seleksi"]
JENIS = ["Barang", "Pekerjaan Konstruksi"]
RA = [{"kode": "RA", "uraian": "u", "jadwal": "j", "keluaran": "k", "penanggung_jawab": "p"}]


def _indicator(kode, ukuran, area, satuan="%"):
    return {"kode": kode, "nama": ukuran, "area": area, "definisi": "d", "rumus": "r", "ukuran": ukuran,
            "satuan": satuan, "polaritas": "naik", "sumber_data": "s", "frekuensi": "Tahunan",
            "penanggung_jawab": "p", "target": 50, "rencana_aksi": RA}


def _raw(store_path) -> dict:
    """The demo parameter file with three areas: one restricting metode, one jenis, one neither."""
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    goal = raw["tujuan"][0]["kode"]
    raw["area_strategis"] = [
        {"kode": "AS-M", "nama": "Area metode", "tujuan": goal, "cakupan": {"metode": METODE}},
        {"kode": "AS-J", "nama": "Area jenis", "tujuan": goal, "cakupan": {"jenis_pengadaan": JENIS}},
        {"kode": "AS-A", "nama": "Area semua", "tujuan": goal}]
    raw["indikator"] = [_indicator("I-EP", "efisiensi_pagu", "AS-M"), _indicator("I-TG", "tender_gagal", "AS-M"),
                        _indicator("I-PDN", "porsi_pdn", "AS-J"), _indicator("I-EH", "efisiensi_hps", "AS-A"),
                        _indicator("I-IKM", "ikm_internal", "AS-J", "nilai (25–100)")]
    raw["indikator"][-1]["baseline"] = 80.0
    raw["laporan"] = {"revisi": 0, "keputusan": "belum", "indikator": []}
    raw["data"] = {"register_paket": ["register"], "store": str(store_path)}
    return raw


@pytest.fixture(scope="module")
def area_register(tmp_path_factory):
    """2024: tenders 1 (Barang), 2 (Jasa Konsultansi), 3 (Konstruksi, failed), 5 (no jenis);
    Seleksi package P4 (Jasa Konsultansi, re-tendered 40 → 4); package P7 whose failed Tender 71
    was re-done as Tender Cepat 72; Penunjukan Langsung 50 (Barang) and 52 (Barang, failed);
    Pengadaan Langsung 60 (out of scope); RUP r70 Dikecualikan. 2023: tenders 9 (Barang),
    8 (Jasa Konsultansi), Penunjukan Langsung 51 (Barang)."""
    base = tmp_path_factory.mktemp("area")
    reg = base / "register"
    reg.mkdir()
    t = lambda **o: {"tahun_anggaran": 2024, "kd_satker": "1", "nama_satker": "DINAS A",
                     "mtd_pemilihan": "Tender", "versi_tender": 1, "status_tender": "Selesai",
                     "jenis_pengadaan": "Pengadaan Barang", **o}
    b = {"kd_satker": "2", "nama_satker": "DINAS B"}
    c = {"kd_satker": "3", "nama_satker": "DINAS C"}
    write_json(reg / "tender.json", [
        t(kd_tender="1", kd_rup="r1", pagu=1000, hps=900, tgl_pengumuman_tender="2024-01-10"),
        t(kd_tender="2", kd_rup="r2", pagu=2000, hps=2000, tgl_pengumuman_tender="2024-02-01",
          jenis_pengadaan="Jasa Konsultansi Badan Usaha Non Konstruksi"),
        t(kd_tender="3", kd_rup="r3", pagu=500, hps=500, status_tender="Gagal/Batal",
          tgl_pengumuman_tender="2024-05-01", jenis_pengadaan="Pekerjaan Konstruksi", **b),
        t(kd_tender="40", kd_pkt_dce="P4", kd_rup="r4", pagu=800, hps=800, mtd_pemilihan="Seleksi",
          status_tender="Gagal/Batal", tgl_pengumuman_tender="2024-06-01",
          jenis_pengadaan="Jasa Konsultansi Perorangan", **b),
        t(kd_tender="4", kd_pkt_dce="P4", kd_rup="r4", pagu=800, hps=800, versi_tender=2,
          mtd_pemilihan="Seleksi", tgl_pengumuman_tender="2024-07-01",
          jenis_pengadaan="Jasa Konsultansi Perorangan", **b),
        t(kd_tender="5", kd_rup="r5", pagu=400, hps=400, tgl_pengumuman_tender="2024-04-01",
          jenis_pengadaan=None, **c),
        t(kd_tender="71", kd_pkt_dce="P7", kd_rup="r7", pagu=600, hps=600, status_tender="Gagal/Batal",
          tgl_pengumuman_tender="2024-09-01", **c),
        t(kd_tender="72", kd_pkt_dce="P7", kd_rup="r7", pagu=600, hps=600, versi_tender=2,
          mtd_pemilihan="Tender Cepat", status_tender="Berlangsung", tgl_pengumuman_tender="2024-10-01", **c),
        t(kd_tender="9", kd_rup="r9", pagu=100, hps=100, tahun_anggaran=2023, tgl_pengumuman_tender="2023-03-01"),
        t(kd_tender="8", kd_rup="r8", pagu=200, hps=200, tahun_anggaran=2023, tgl_pengumuman_tender="2023-04-01",
          jenis_pengadaan="Jasa Konsultansi Badan Usaha Non Konstruksi"),
    ])
    h = lambda **o: {"tahun_anggaran": 2024, "kd_satker": "1", **o}
    write_json(reg / "hasil.json", [
        h(kd_tender="1", nilai_kontrak=800, nilai_pdn_kontrak=600, nilai_umk_kontrak=0,
          tgl_penetapan_pemenang="2024-01-30"),
        h(kd_tender="2", nilai_kontrak=1900, nilai_pdn_kontrak=950, nilai_umk_kontrak=0,
          tgl_penetapan_pemenang="2024-02-11"),
        h(kd_tender="4", kd_satker="2", nilai_kontrak=700, nilai_pdn_kontrak=700, nilai_umk_kontrak=0,
          tgl_penetapan_pemenang="2024-08-30"),
        h(kd_tender="5", kd_satker="3", nilai_kontrak=360, nilai_pdn_kontrak=360, nilai_umk_kontrak=0,
          tgl_penetapan_pemenang="2024-04-10"),
        h(kd_tender="9", tahun_anggaran=2023, nilai_kontrak=50, nilai_pdn_kontrak=50, nilai_umk_kontrak=0,
          tgl_penetapan_pemenang="2023-03-11"),
        h(kd_tender="8", tahun_anggaran=2023, nilai_kontrak=100, nilai_pdn_kontrak=0, nilai_umk_kontrak=0,
          tgl_penetapan_pemenang="2023-04-11"),
    ])
    n = lambda **o: {"tahun_anggaran": 2024, "kd_satker": "2", "nama_satker": "DINAS B",
                     "mtd_pemilihan": "Penunjukan Langsung", "status_nontender": "Selesai",
                     "jenis_pengadaan": "Barang", **o}
    write_json(reg / "nontender.json", [
        n(kd_nontender="50", kd_rup="r50", pagu=300, hps=300, tgl_pengumuman_nontender="2024-03-01",
          tgl_penetapan_pemenang="2024-03-05", nilai_kontrak=270, nilai_pdn_kontrak=270, nilai_umk_kontrak=0),
        n(kd_nontender="52", kd_rup="r52", pagu=250, hps=250, status_nontender="Gagal",
          tgl_pengumuman_nontender="2024-03-15"),
        n(kd_nontender="60", kd_rup="r60", pagu=10_000, hps=10_000, mtd_pemilihan="Pengadaan Langsung",
          tgl_pengumuman_nontender="2024-03-01", tgl_penetapan_pemenang="2024-03-02", nilai_kontrak=1,
          nilai_pdn_kontrak=0, nilai_umk_kontrak=0),
        n(kd_nontender="51", kd_rup="r51", tahun_anggaran=2023, pagu=100, hps=100,
          tgl_pengumuman_nontender="2023-05-01", tgl_penetapan_pemenang="2023-05-05", nilai_kontrak=90,
          nilai_pdn_kontrak=45, nilai_umk_kontrak=0),
    ])
    write_json(reg / "rup.json", [
        {"tahun_anggaran": 2024, "kd_satker": "2", "nama_satker": "DINAS B", "kd_rup": "r70", "pagu": 400,
         "metode_pengadaan": "13", "status_dikecualikan": "Ya", "jenis_pengadaan": "Jasa Lainnya"}])
    db = base / "area.duckdb"
    con = store.connect(db)
    try:
        results = register.load(con, [reg])
        assert all(r.status == "loaded" and r.rows_flagged == 0 for r in results), \
            [(r.file, r.message, r.flags) for r in results]
        pk = packages.load_packages(con)
    finally:
        con.close()
    raw = _raw(db)
    path = base / "area-2024.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return {"pk": pk, "params": config.load(path), "path": path, "db": db}


def _real(area_register, period="2024", scoped=True, **kw):
    p = area_register["params"]
    out = indicators.realisation(area_register["pk"], p.indikator, Period.parse(period),
                                 scope=p.metode.metode_dalam_lingkup,
                                 areas=p.area_strategis if scoped else None, **kw)
    return out.set_index(["kode", *([kw["by"]] if "by" in kw else [])])


def test_ukpbj_totals_count_only_the_areas_packages(area_register):
    k, all_ = _real(area_register), _real(area_register, scoped=False)
    # AS-M (Tender, Seleksi): tenders 1, 2, 5 and package P4; Penunjukan Langsung 50 is out
    assert k.loc["I-EP", "nilai"] == pytest.approx((200 + 100 + 40 + 100) / (1000 + 2000 + 400 + 800) * 100)
    assert k.loc["I-EP", "jumlah_paket"] == 4
    assert all_.loc["I-EP", "nilai"] == pytest.approx((200 + 100 + 40 + 100 + 30) / 4500 * 100)
    assert all_.loc["I-EP", "jumlah_paket"] == 5
    # processes 1, 2, 3, 40, 4, 5: 3 and 40 failed; package P7 is not the area's (its last
    # process is a Tender Cepat), so its failed Tender 71 is not counted either
    assert k.loc["I-TG", "nilai"] == pytest.approx(200 / 6)
    assert k.loc["I-TG", "pendamping_nilai"] == pytest.approx(100 / 5)  # per package: 3 of 1, 2, 3, P4, 5
    assert (k.loc["I-TG", "jumlah_proses"], k.loc["I-TG", "jumlah_paket"]) == (6, 5)
    # unscoped: also 50, 52 (failed), 71 (failed); 72 is still running (Berlangsung): not decided,
    # so it is not counted, per process nor as P7's last process (counted beside the value)
    assert all_.loc["I-TG", "nilai"] == pytest.approx(400 / 9)
    assert all_.loc["I-TG", "pendamping_nilai"] == pytest.approx(200 / 7)
    assert (all_.loc["I-TG", "jumlah_berlangsung"], k.loc["I-TG", "jumlah_berlangsung"]) == (1, 0)
    # AS-J (Barang, Konstruksi): contracts of tender 1 and Penunjukan Langsung 50; consultancy
    # 2 and P4, and tender 5 without a jenis, are out
    assert k.loc["I-PDN", "nilai"] == pytest.approx((600 + 270) / (800 + 270) * 100)
    assert k.loc["I-PDN", "jumlah_paket"] == 2
    assert all_.loc["I-PDN", "nilai"] == pytest.approx((600 + 950 + 700 + 360 + 270) / (800 + 1900 + 700 + 360 + 270) * 100)
    # AS-A restricts nothing: scoped and unscoped are the same
    assert k.loc["I-EH", "nilai"] == pytest.approx(all_.loc["I-EH", "nilai"])
    assert k.loc["I-EH", "nilai"] == pytest.approx((100 + 100 + 100 + 40 + 30) / (900 + 2000 + 800 + 400 + 300) * 100)
    assert pd.isna(k.loc["I-IKM", "nilai"])  # a survey measure: not from the register


def test_per_opd_per_method_and_per_quarter_are_scoped_too(area_register):
    opd = _real(area_register, by="nama_satker")
    assert opd.loc[("I-PDN", "DINAS A"), "nilai"] == pytest.approx(75.0)   # tender 1 only, not 2
    assert opd.loc[("I-PDN", "DINAS B"), "nilai"] == pytest.approx(100.0)  # 50 only, not P4
    c = opd.loc[("I-PDN", "DINAS C")]  # tender 5 has no jenis; P7 (Barang) has no contract
    assert pd.isna(c["nilai"]) and c["jumlah_paket"] == 0
    unscoped = _real(area_register, by="nama_satker", scoped=False)
    assert unscoped.loc[("I-PDN", "DINAS A"), "nilai"] == pytest.approx(1550 / 2700 * 100)
    assert unscoped.loc[("I-PDN", "DINAS C"), "nilai"] == pytest.approx(100.0)
    method = _real(area_register, by="metode")
    assert method.loc[("I-TG", "Tender"), "nilai"] == pytest.approx(25.0)   # 3 of 1, 2, 3, 5
    assert method.loc[("I-TG", "Seleksi"), "nilai"] == pytest.approx(50.0)  # 40 of 40, 4
    assert {m for k, m in method.index if k == "I-TG"} == set(METODE)
    q1 = _real(area_register, "2024-TW1")
    assert q1.loc["I-TG", "nilai"] == pytest.approx(0.0) and q1.loc["I-TG", "penyebut"] == 2  # 1, 2
    # 52 of 1, 2, 50, 52
    assert _real(area_register, "2024-TW1", scoped=False).loc["I-TG", "nilai"] == pytest.approx(25.0)
    assert q1.loc["I-PDN", "nilai"] == pytest.approx((600 + 270) / (800 + 270) * 100)
    # the report's trend and breakdown call the same engine with the areas
    p = area_register["params"]
    results = {"04_penyedia_paket": pd.DataFrame({"triwulan": pd.Series(dtype=int),
                                                  "nilai_x100": pd.Series(dtype=int)})}
    trend = report.quarter_trend(p, Period(2024), area_register["pk"], results).set_index(["kode", "triwulan"])
    assert trend.loc[("I-PDN", 1), "nilai"] == pytest.approx(q1.loc["I-PDN", "nilai"])
    assert trend.loc[("I-TG", 2), "nilai"] == pytest.approx(200 / 3)  # 3 and 40 of 5, 3, 40
    assert trend.loc[("I-TG", 3), "nilai"] == pytest.approx(0.0)      # 4 only: 71 is P7's


def test_baseline_from_the_previous_year_is_scoped(area_register):
    plan = indicators.plan_table(area_register["pk"], area_register["params"]).set_index("kode")
    # 2023, AS-M: tenders 9 and 8 (Penunjukan Langsung 51 out); AS-J: 9 and 51 (consultancy 8 out)
    assert plan.loc["I-EP", "baseline"] == pytest.approx((50 + 100) / 300 * 100)
    assert plan.loc["I-EP", "baseline_sumber"] == "Realisasi 2023 (register, 2 paket)"
    assert plan.loc["I-PDN", "baseline"] == pytest.approx((50 + 45) / (50 + 90) * 100)
    assert plan.loc["I-EH", "baseline"] == pytest.approx((50 + 100 + 10) / 400 * 100)  # all three
    assert plan.loc["I-IKM", "baseline"] == 80.0
    unscoped = _real(area_register, "2023", scoped=False)
    assert unscoped.loc["I-EP", "nilai"] == pytest.approx(40.0)
    assert unscoped.loc["I-PDN", "nilai"] == pytest.approx(95 / 240 * 100)


def test_definitions_state_the_areas_scope(area_register):
    p = area_register["params"]
    for table in (indicators.method_table(p.indikator, p.area_strategis),
                  indicators.plan_table(area_register["pk"], p)):
        d = table.set_index("kode")["definisi_buku_kerja"]
        assert "Cakupan area AS-M: metode Tender, Seleksi (paket di luar cakupan area tidak dihitung)." in d["I-EP"]
        assert "Cakupan area AS-M: metode Tender, Seleksi" in d["I-TG"]
        assert "Cakupan area AS-J: jenis pengadaan Barang, Pekerjaan Konstruksi" in d["I-PDN"]
        assert "Cakupan area" not in d["I-EH"]
        assert "tidak diterapkan: indikator survei" in d["I-IKM"]
    assert "Cakupan area" not in indicators.method_table(p.indikator)["definisi_buku_kerja"].str.cat()
    provider = MEASURES["nilai_kinerja_penyedia"].definisi
    assert "Cakupan area strategis tidak membatasi indikator ini" in provider


def test_kpi_packages_are_among_the_areas_mapped_packages(area_register):
    p, pk = area_register["params"], area_register["pk"]
    mapped = planning.area_packages(pk, p, 2024)
    assert set(mapped.loc[mapped["area"] == "AS-M", "id_paket"]) == {"1", "2", "3", "P4", "5"}
    assert set(mapped.loc[mapped["area"] == "AS-J", "id_paket"]) == {"1", "3", "50", "52", "P7"}
    checked = 0
    for period in ("2024", "2024-TW1", "2024-TW3"):
        for ind in p.indikator:
            rows = indicators.counted(pk, ind, Period.parse(period), scope=p.metode.metode_dalam_lingkup,
                                      areas=p.area_strategis)
            assert set(rows["id_paket"]) <= set(mapped.loc[mapped["area"] == ind.area, "id_paket"]), ind.kode
            checked += len(rows)
    assert checked > 0
    # the counted rows are the figure's: their packages are what realisation reports
    k = _real(area_register)
    tg = indicators.counted(pk, p.indikator[1], Period(2024), scope=p.metode.metode_dalam_lingkup,
                            areas=p.area_strategis)
    assert (len(tg), tg["id_paket"].nunique()) == (k.loc["I-TG", "jumlah_proses"], k.loc["I-TG", "jumlah_paket"])
    mapping = planning.area_mapping(pk, p, 2024).set_index(["area", "nama_satker"])
    assert mapping.loc[("AS-M", "DINAS A"), ["jumlah_paket", "pagu"]].tolist() == [2, 3000]
    assert mapping.loc[("AS-J", "DINAS B"), ["jumlah_paket", "pagu"]].tolist() == [3, 1050]
    assert mapping.loc[("AS-A", "DINAS B"), ["jumlah_paket", "pagu"]].tolist() == [5, 2250]  # with RUP r70


def test_kpi_command_json_is_scoped_and_keeps_its_keys(area_register):
    done = subprocess.run([sys.executable, "-m", "kinerja", "kpi", "--params", str(area_register["path"]), "--period",
                           "2024", "--json", "--store", str(area_register["db"])], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    got = {r["kode"]: r for r in json.loads(done.stdout)}
    assert got["I-EP"]["nilai"] == pytest.approx(440 / 4200 * 100) and got["I-EP"]["jumlah_paket"] == 4
    assert got["I-TG"]["nilai"] == pytest.approx(200 / 6) and got["I-TG"]["jumlah_proses"] == 6
    assert got["I-PDN"]["nilai"] == pytest.approx(870 / 1070 * 100) and got["I-PDN"]["jumlah_paket"] == 2
    keys = ["kode", "nama", "nilai", "satuan", "pembilang", "penyebut", "jumlah_paket", "jumlah_proses",
            "polaritas", "area", "ukuran", "catatan", "sumber"]
    assert all(set(keys) <= set(r) for r in got.values())
    assert got["I-EP"]["cakupan"] == {"metode": METODE, "jenis_pengadaan": []}
    assert got["I-PDN"]["cakupan"] == {"metode": [], "jenis_pengadaan": JENIS}
    assert got["I-EH"]["cakupan"] is None and got["I-IKM"]["cakupan"] is None
    text = subprocess.run([sys.executable, "-m", "kinerja", "kpi", "--params", str(area_register["path"]), "--period",
                           "2024", "--store", str(area_register["db"])], capture_output=True, text=True)
    assert text.returncode == 0, text.stderr
    assert "10,48%" in text.stdout and "cakupan area AS-M: metode Tender, Seleksi" in text.stdout
    assert "cakupan area AS-J: jenis pengadaan Barang, Pekerjaan Konstruksi" in text.stdout


def test_report_mapping_tables_and_plan_document(area_register, tmp_path):
    p, pk = area_register["params"], area_register["pk"]
    pemetaan = planning.area_mapping(pk, p, 2024)
    per_area = report.area_mapping(pemetaan, p).set_index("area")
    assert per_area.loc["AS-M", ["jumlah_opd", "jumlah_paket", "pagu"]].tolist() == [3, 5, 4700]
    assert per_area.loc["AS-J", "cakupan"] == "jenis pengadaan Barang, Pekerjaan Konstruksi"
    assert per_area.loc["AS-A", "cakupan"] == "semua paket dalam lingkup"
    assert per_area.loc["AS-J", "indikator"] == "I-PDN, I-IKM"
    opd = report.area_mapping_opd(pemetaan, p, top=2)
    m = opd[opd["area"] == "AS-M"]
    assert m["nama_satker"].tolist() == ["DINAS A", "DINAS B", "1 OPD lainnya"]
    assert m["pagu"].sum() == 4700 and m["porsi_pagu"].sum() == pytest.approx(100.0)
    notes = planning.mapping_notes(pk, p, 2024)
    assert notes == ["1 paket dalam lingkup (pagu Rp 400,00) tidak memiliki jenis pengadaan di register, "
                     "sehingga tidak tercakup area yang membatasi jenis pengadaan (AS-J) dan tidak "
                     "dihitung indikatornya."]
    text = report.area_mapping_text(p, Period(2024, 2), pk)
    assert any("Triwulan II Tahun 2024" in t for t in text) and notes[0] in text
    # F3: the attributes say the scope, the mapping chapter carries the note
    path = documents.dokumen_perencanaan(p, indicators.plan_table(pk, p), pemetaan, tmp_path / "F3.docx",
                                         catatan=notes)
    doc = docx.Document(path)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    paras = "\n".join(x.text for x in doc.paragraphs)
    assert "Cakupan area AS-M: metode Tender, Seleksi" in cells and notes[0] in paras
    assert np.isclose(pemetaan["pagu"].sum(), 4700 + 2650 + 6250)  # AS-M, AS-J, AS-A


def test_register_note_counts_the_years_packages_and_those_in_scope():
    p = config.load(PARAMS)
    pk = pd.DataFrame({"tahun_anggaran": [2024, 2024, 2024, 2023], "dalam_lingkup": [True, False, True, True]})
    assert planning.register_note(pk, p, Period(2024), pd.Timestamp("2025-01-31")) == (
        "**Biro Pengadaan Barang/Jasa Sekretariat Daerah Provinsi Kalimantan Timur** — Tahun Anggaran 2024, data "
        "per 31 Januari 2025. Register memuat 3 paket tahun 2024, 2 di antaranya dengan metode dalam lingkup SOP (Tender, Seleksi, "
        "Tender Cepat, Penunjukan Langsung, Dikecualikan); paket metode lain hanya ditampilkan sebagai konteks "
        "dan tidak masuk perhitungan indikator.")


def test_the_areas_together_count_each_package_once_and_say_when_they_were_known(area_register):
    p, pk = area_register["params"], area_register["pk"]
    total = planning.mapping_total(pk, p, 2024)
    # AS-A covers every package in scope: {1, 2, 3, P4, 5, P7, 50, 52, r70}; AS-M and AS-J repeat 10 of them
    assert total == {"paket": 9, "pagu": 6250.0}
    assert planning.area_mapping(pk, p, 2024)["jumlah_paket"].sum() == 19  # what the old total row said
    assert planning.mapping_total_text(total).startswith(
        "Seluruh area strategis bersama-sama mencakup 9 paket dengan pagu Rp 6.250,00; paket yang tercakup "
        "lebih dari satu area dihitung sekali")
    # a plan dated 31 January 2024 did not know the packages announced after it: all but tender 1
    # (10 January) and the RUP package r70 (no selection date: not said to come later)
    text = planning.as_of_text(pk, p, 2024, pd.Timestamp("2024-10-03"), pd.Timestamp("2024-01-31").date())
    assert text == ("Pemetaan ini memakai paket Tahun Anggaran 2024 di register (data per 3 Oktober 2024), bukan "
                    "hanya paket yang sudah dikenal pada tanggal dokumen ini (31 Januari 2024): 7 dari 9 paket "
                    "yang dipetakan diumumkan sesudah tanggal itu.")
