"""Stage 05 from the register: without F8 forms every due tender process still counts, per
Pokja from the announcement's members (`nip_pokja`); F8 rows, where they came back, join the
same processes (form first), and a mixed period loses none and counts none twice.

The small register is made of real rows of the Kab. Bandung 2025 ISB samples (written as ISB
files and loaded through the register and the package view), two Pokja:
- Pokja A: 10017691000 (Seleksi) and 10017932000 (Tender), both awarded, with contracts; the
  second with the bidder rows of 10012486000 (three offers) and the schedule of 10002510000;
- Pokja B: one package (kd_pkt_dce 10082445000) tendered twice — 10086224000 (versi 1, failed,
  with the bidder rows of 10073469000: 28 registrants, no offer) and its re-tender 10088019000
  (versi 2). In the sample the re-tender is still running; here it finished: status Selesai, an
  award on 7 November 2025 and a contract of Rp 850.000.000 are added in a later pull (data date
  10 November 2025, `_event_date`), with the bidder rows of 10029556000 (one offer).
Every figure below is computed by hand from those rows."""

import copy
import json

import pandas as pd
import papermill
import pytest
import yaml
from conftest import PARAMS, SAMPLE, write_json
from kinerja.core import paths
from kinerja.core.config import SatuanPelaksana
from kinerja.core.periods import Period
from kinerja.inputs import packages, register, store, surveys
from kinerja.methods import pokja, pokja_text
from kinerja.render import pokja_workbooks

SAMPLES = SAMPLE.parent / "lkpp-isb-samples"
A1, A2, B1, B2 = "10017691000", "10017932000", "10086224000", "10088019000"
HPS = {A1: 196_636_500.0, A2: 1_418_949_369.99, B2: 899_369_196.4}
KONTRAK = {A1: 179_659_050.0, A2: 1_275_000_000.0, B2: 850_000_000.0}
SATUAN = SatuanPelaksana(bawaan="Bagian PBJ")


def _sample(dataset: str) -> list[dict]:
    if not SAMPLES.is_dir():
        pytest.fail(f"the ISB samples are expected at {SAMPLES} (../shared beside the repo)")
    return json.loads(next(SAMPLES.glob(f"*_{dataset}.json")).read_text(encoding="utf-8"))


def _of(rows: list[dict], *codes: str) -> list[dict]:
    return [copy.deepcopy(r) for r in rows if str(r["kd_tender"]) in codes]


def _rekey(rows: list[dict], source: str, kd_tender: str, kd_pkt_dce: str | None = None) -> list[dict]:
    out = _of(rows, source)
    for r in out:
        r["kd_tender"] = int(kd_tender)
        if kd_pkt_dce and "kd_pkt_dce" in r:
            r["kd_pkt_dce"] = int(kd_pkt_dce)
    return out


@pytest.fixture(scope="module")
def register_packages(tmp_path_factory):
    base = tmp_path_factory.mktemp("pokja-register")
    folder = base / "unduhan"
    folder.mkdir()
    announced = _of(_sample("SPSE-TenderPengumuman"), A1, A2, B1, B2)
    b2 = next(r for r in announced if str(r["kd_tender"]) == B2)
    b2["status_tender"] = "Selesai"
    done = _of(_sample("SPSE-TenderSelesai"), A1, A2)
    done.append({**{k: v for k, v in b2.items() if k in done[0]},
                 "tgl_penetapan_pemenang": "2025-11-07 16:00:00", "_event_date": "2025-11-10"})
    values = _of(_sample("SPSE-TenderSelesaiNilai"), A1, A2)
    values.append({**copy.deepcopy(values[-1]), "kd_tender": int(B2), "kd_paket": b2["kd_pkt_dce"],
                   "hps": HPS[B2], "pagu": b2["pagu"], "nilai_kontrak": KONTRAK[B2],
                   "tgl_pengumuman_tender": "2025-10-03", "tgl_penetapan_pemenang": "2025-11-07",
                   "nama_satker": b2["nama_satker"], "kd_satker": b2["kd_satker"], "_event_date": "2025-11-10"})
    bidders = _sample("SPSE-PesertaTender")
    bidders = (_rekey(bidders, "10012486000", A2, "10017532000")
               + _rekey(bidders, "10073469000", B1, "10082445000")
               + _rekey(bidders, "10029556000", B2, "10082445000"))
    schedule = _rekey(_sample("SPSE-JadwalTahapanTender"), "10002510000", A2)
    for name, rows in {"47_1013_SPSE-TenderPengumuman": announced, "48_1014_SPSE-TenderSelesai": done,
                       "49_1015_SPSE-TenderSelesaiNilai": values, "42_1070_SPSE-PesertaTender": bidders,
                       "31_1068_SPSE-JadwalTahapanTender": schedule}.items():
        write_json(folder / f"{name}.json", rows)
    con = store.connect(base / "s.duckdb")
    try:
        results = register.load(con, [folder])
        assert all(r.status == "loaded" and not r.rows_rejected for r in results), results
        return packages.load_packages(con, kd_klpd="D107")
    finally:
        con.close()


def _code(nip: str) -> str:
    return surveys.pokja_code(pd.Series([nip])).iloc[0]


@pytest.fixture(scope="module")
def codes(register_packages):
    pk = register_packages.set_index("kd_paket")
    return _code(pk.loc[A1, "nip_pokja"]), _code(pk.loc[B1, "nip_pokja"])


def _f8(rows: list[dict]) -> pd.DataFrame:
    cols = surveys.COLUMNS["pokja"]
    raw = pd.DataFrame([{c: str(r.get(c, "")) for c in cols} for r in rows], columns=list(cols))
    return pokja.read_rows(raw)


NO_F8 = _f8([])


def test_package_view_has_the_retender_as_two_processes(register_packages):
    pk = register_packages.set_index("kd_paket")
    assert pk.loc[B1, "id_paket"] == pk.loc[B2, "id_paket"] == "10082445000"
    assert (pk.loc[B1, "proses_terakhir"], pk.loc[B2, "proses_terakhir"]) == (False, True)
    assert pk.loc[B1, "paket_diulang"] and pk.loc[B2, "versi_tender"] == 2
    assert (pk.loc[B1, "jumlah_peserta"], pk.loc[B1, "jumlah_pendaftar"]) == (0, 28)
    assert pk.loc[B2, "jumlah_peserta"] == 1 and pk.loc[A2, "jumlah_peserta"] == 3
    assert set(pokja.due(register_packages, 2025)["kd_paket"]) == {A1, A2, B1, B2}


def test_without_f8_every_due_process_counts_per_pokja_from_the_register(register_packages, codes):
    a, b = codes
    p = pokja.per_package(NO_F8, register_packages, 2025, SATUAN).set_index("kode_paket")
    assert list(p.index) == sorted([A1, A2, B1, B2]) and (p["sumber"] == pokja.FROM_REGISTER).all()
    assert p["wajib"].all() and p["jumlah_sanggahan"].isna().all() and p["catatan"].isna().all()
    assert p.loc[[A1, A2, B1, B2], "kode_pokja"].tolist() == [a, a, b, b]
    assert p.loc[A1, "durasi_hari"] == 49 and p.loc[A2, "durasi_hari"] == 28 and p.loc[B2, "durasi_hari"] == 35
    # no RUP: no plan to be on time against (SPSE's stage schedule is no plan), never a stand-in
    assert pd.isna(p.loc[B1, "durasi_hari"]) and p["tepat_waktu"].isna().all()
    assert p.loc[[B1, B2], "tender_ulang"].tolist() == [False, True] and p.loc[B1, "paket_diulang"]

    r = pokja.per_pokja(p.reset_index()).set_index("kode_pokja")
    assert r.loc[a, ["jumlah_paket", "jumlah_proses", "proses_gagal", "paket_ulang"]].tolist() == [2, 2, 0, 0]
    assert r.loc[b, ["jumlah_paket", "jumlah_proses", "proses_gagal", "paket_ulang"]].tolist() == [1, 2, 1, 1]
    # failed processes per process; re-tenders per package (on its last process) and per process
    assert r.loc[a, "tender_gagal"] == 0 and r.loc[b, "tender_gagal"] == 50
    assert r.loc[a, "tender_ulang"] == 0 and r.loc[b, "tender_ulang"] == 100
    assert r.loc[b, "tender_ulang_proses"] == 50
    assert r.loc[a, "durasi_pemilihan"] == (49 + 28) / 2 and r.loc[b, "durasi_pemilihan"] == 35
    assert r["pemilihan_tepat_waktu"].isna().all()
    # the failed tender without an offer is no bidder count: B has one tender with one offer
    assert r.loc[a, ["rata_peserta", "peserta_tunggal"]].tolist() == [3, 0]
    assert r.loc[b, ["rata_peserta", "peserta_tunggal"]].tolist() == [1, 100]
    assert r.loc[a, "efisiensi_hps"] == pytest.approx(
        100 * (HPS[A1] - KONTRAK[A1] + HPS[A2] - KONTRAK[A2]) / (HPS[A1] + HPS[A2]))
    assert r.loc[b, "efisiensi_hps"] == pytest.approx(100 * (HPS[B2] - KONTRAK[B2]) / HPS[B2])
    # F8-only measures: missing, never 0
    assert r[["jumlah_sanggahan", "paket_disanggah"]].isna().all().all()
    assert (r["proses_f8"] == 0).all() and r["sumber_data"].str.startswith("Register").all()
    # ranks (tepat waktu, durasi, gagal, peserta): A –, 2, 1, 1 -> 1.33; B –, 1, 2, 2 -> 1.67
    assert r.loc[a, "peringkat"] == 1 and r.loc[b, "peringkat"] == 2

    t = pokja.total(p.reset_index()).iloc[-1]
    assert (t["jumlah_paket"], t["jumlah_proses"], t["jumlah_pokja"]) == (3, 4, 2)
    assert t["tender_gagal"] == 25 and t["tender_ulang"] == pytest.approx(100 / 3)
    assert t["durasi_pemilihan"] == pytest.approx((49 + 28 + 35) / 3) and t["rata_peserta"] == 2
    assert pd.isna(t["jumlah_sanggahan"])


F8_A = [{"tahun_anggaran": 2025, "triwulan": 2, "kode_paket": A1, "jumlah_sanggahan": 2,
         "tender_ulang": 0, "catatan": "Dua sanggahan dijawab; hasil tetap."},
        {"tahun_anggaran": 2025, "triwulan": 2, "kode_paket": A2, "jumlah_peserta": 4,
         "jumlah_sanggahan": 0, "tender_ulang": 0}]
F8_B = [{"tahun_anggaran": 2025, "triwulan": 4, "kode_paket": B1, "jumlah_sanggahan": 0, "tender_ulang": 0},
        {"tahun_anggaran": 2025, "triwulan": 4, "kode_paket": B2, "jumlah_sanggahan": 1, "tender_ulang": 1}]


def test_with_f8_for_every_process_the_form_comes_first(register_packages, codes):
    a, b = codes
    p = pokja.per_package(_f8(F8_A + F8_B), register_packages, 2025, SATUAN)
    assert len(p) == 4 and (p["sumber"] == pokja.FROM_FORM).all()
    assert p.set_index("kode_paket").loc[A2, "jumlah_peserta"] == 4  # the form's 4 over the register's 3
    r = pokja.per_pokja(p).set_index("kode_pokja")
    assert r.loc[a, ["jumlah_sanggahan", "paket_disanggah", "proses_f8"]].tolist() == [2, 1, 2]
    assert r.loc[b, ["jumlah_sanggahan", "paket_disanggah", "proses_f8"]].tolist() == [1, 1, 2]
    assert r.loc[a, "rata_peserta"] == 4 and r.loc[b, "tender_ulang"] == 100
    assert r["sumber_data"].eq("Format 8, dilengkapi register").all()


def test_mixed_period_loses_no_process_and_counts_none_twice(register_packages, codes):
    a, b = codes
    outside = {"tahun_anggaran": 2025, "triwulan": 3, "kode_paket": "10099999000", "kode_pokja": a,
               "tgl_pengumuman": "2025-07-01", "tgl_penetapan_pemenang": "2025-07-21",
               "jumlah_peserta": 2, "jumlah_sanggahan": 0, "tender_ulang": 0}
    p = pokja.per_package(_f8(F8_A + [outside]), register_packages, 2025, SATUAN)
    assert p["kode_paket"].tolist() == sorted([A1, A2, B1, B2]) + ["10099999000"]
    assert p["kode_paket"].is_unique
    assert p.set_index("kode_paket")["sumber"].to_dict() == {
        A1: "Format 8", A2: "Format 8", B1: "Register", B2: "Register", "10099999000": "Format 8"}
    assert p["wajib"].tolist() == [True] * 4 + [False]
    r = pokja.per_pokja(p).set_index("kode_pokja")
    assert r.loc[a, ["jumlah_proses", "proses_f8", "jumlah_sanggahan"]].tolist() == [3, 3, 2]
    assert r.loc[b, "proses_f8"] == 0 and pd.isna(r.loc[b, "jumlah_sanggahan"])  # B sent no F8
    assert r.loc[b, "sumber_data"].startswith("Register")
    assert r["jumlah_proses"].sum() == len(p) == 5
    t = pokja.total(p).iloc[-1]
    assert (t["jumlah_proses"], t["proses_f8"], t["jumlah_sanggahan"]) == (5, 3, 2)
    assert "3 dari 5 proses" in pokja_text.source_summary(t["jumlah_proses"], t["proses_f8"])


def test_quarters_join_a_form_once_at_the_award_quarter(register_packages, codes):
    """A1/A2 were announced in TW1 and awarded in TW2: a TW1 form joins them in TW2 only."""
    rows = _f8([{**r, "triwulan": 1} for r in F8_A])
    by_quarter = {q: pokja.per_package(rows, register_packages, Period(2025, q), SATUAN) for q in (1, 2, 3, 4)}
    assert by_quarter[1].empty and by_quarter[3].empty
    assert by_quarter[2]["kode_paket"].tolist() == [A1, A2] and (by_quarter[2]["sumber"] == "Format 8").all()
    assert by_quarter[4]["kode_paket"].tolist() == [B1, B2] and (by_quarter[4]["sumber"] == "Register").all()


def test_missing_pokja_forms_one_unranked_row_and_is_shown_as_such(register_packages):
    pk = register_packages.copy()
    pk.loc[pk["kd_paket"] == A1, ["nip_pokja", "nama_pokja"]] = None
    p = pokja.per_package(NO_F8, pk, 2025, SATUAN)
    r = pokja.per_pokja(p)
    last = r.iloc[-1]
    assert pd.isna(last["kode_pokja"]) and last["nama_pokja"] == pokja.NO_POKJA and pd.isna(last["peringkat"])
    assert last["jumlah_proses"] == 1 and r["jumlah_proses"].sum() == 4
    assert "1 proses tidak menyebut Pokja" in pokja_text.source_note(p, Period(2025))


def test_f9_says_where_each_value_comes_from(register_packages, codes, tmp_path):
    from kinerja.core import config
    from openpyxl import load_workbook

    params = config.load(PARAMS)
    p = pokja.per_package(_f8(F8_A), register_packages, 2025, SATUAN)
    book = load_workbook(pokja_workbooks.write_f9(tmp_path / "F9.xlsx", pokja.per_pokja(p), p, params, Period(2025)))
    ws = book["Rekap per Pokja"]
    assert ws["A4"].value.startswith("Sumber data: Formulir Kinerja Pokja (Format 8) untuk 2 dari 4 proses")
    header = [c.value for c in ws[6]]
    col = {h: i + 1 for i, h in enumerate(header)}
    rows = {ws.cell(r, 2).value: r for r in (7, 8)}
    a, b = codes
    assert ws.cell(rows[b], col["Jumlah sanggahan (F8)"]).value == pokja.MISSING
    assert ws.cell(rows[a], col["Jumlah sanggahan (F8)"]).value == 2
    assert ws.cell(rows[b], col["Sumber data"]).value == "Register (Format 8 belum kembali)"
    detail = book["Data per paket"]
    head = {c.value: c.column for c in detail[6]}
    by_code = {detail.cell(r, 1).value: r for r in range(7, 11)}
    assert detail.cell(by_code[B1], head["Sanggahan (F8)"]).value == pokja.MISSING
    assert detail.cell(by_code[B1], head["Catatan Pokja (F8)"]).value == pokja.MISSING
    assert detail.cell(by_code[A1], head["Sumber data"]).value == "Format 8"
    assert detail.cell(by_code[A2], head["Catatan Pokja (F8)"]).value is None  # form without a note


def test_report_section_lists_pokja_with_the_source_sentence(register_packages):
    p = pokja.per_package(NO_F8, register_packages, 2025, SATUAN)
    results = {"05_pokja": pokja.per_pokja(p), "05_total": pokja.total(p)}
    table, source, caption = pokja_text.pokja_section(results)
    assert len(table) == 2 and table["peringkat"].tolist() == [1, 2]
    assert source.startswith("Sumber data: register paket (SPSE) untuk semua 4 proses")
    assert "belum kembali" in source and caption.startswith("Semua 2 Pokja")
    assert source.endswith(pokja.BASE) and "per triwulan penetapan pemenang" in source
    top, _, caption = pokja_text.pokja_section(results, top=1)
    assert len(top) == 1 and caption.startswith("1 Pokja dengan peringkat gabungan teratas dari 2 Pokja")


# ------------------------------------------------------------------------------ the real samples

@pytest.fixture(scope="module")
def samples_run(tmp_path_factory):
    """Stage 05 on the real samples folder, as `kinerja run` executes it (no F8 returned)."""
    if not SAMPLES.is_dir():
        pytest.fail(f"the ISB samples are expected at {SAMPLES} (../shared beside the repo)")
    base = tmp_path_factory.mktemp("pokja-samples")
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["tahun"] = 2025
    raw["ukpbj"]["kd_klpd"] = "D107"
    raw["data"] = {"register_paket": [str(SAMPLES)], "store": str(base / "s.duckdb")}
    params = base / "bandung.yaml"
    params.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    out = base / "keluaran"
    papermill.execute_notebook(str(paths.NOTEBOOKS / "05_pokja.ipynb"), str(base / "05.ipynb"),
                               parameters={"params_file": str(params), "periode": "2025",
                                           "output_dir": str(out)},
                               kernel_name="python3", cwd=str(paths.ROOT), progress_bar=False)
    return base / "05.ipynb", out / "hasil"


def test_real_samples_stage_05_per_pokja_without_f8(samples_run):
    notebook, hasil = samples_run
    ranked = pd.read_parquet(hasil / "05_pokja.parquet")
    known = ranked[ranked["kode_pokja"].notna()]
    # every announcement of D107 whose tender ended (Selesai, Gagal/Batal) names its Pokja
    announced = [r for r in _sample("SPSE-TenderPengumuman")
                 if r["kd_klpd"] == "D107" and r["status_tender"] in ("Selesai", "Gagal/Batal")]
    members = {";".join(sorted(r["nip_pokja"].split(";"))) for r in announced}
    assert len(known) == len(members) > 0 and known["jumlah_proses"].sum() == len(announced)
    assert ranked[["jumlah_sanggahan", "paket_disanggah"]].isna().all().all()
    assert (ranked["proses_f8"] == 0).all()
    total = pd.read_parquet(hasil / "05_total.parquet").iloc[-1]
    assert total["jumlah_proses"] == ranked["jumlah_proses"].sum() and pd.isna(total["jumlah_sanggahan"])
    text = json.dumps([c.get("outputs") for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]])
    assert "belum kembali" in text and "laporan tahap Survei Teknis" in text
    assert "kinerja forms" not in text and "PK-" not in text  # no command, Pokja named by their members
