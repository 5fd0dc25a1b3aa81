"""Intake of returned Survei Teknis forms: every mistake becomes a rejection with sheet, row,
column, value and an Indonesian reason; nothing is lost (read = accepted + rejected); the same
file twice changes nothing; a corrected file replaces the respondent's rows and both stay in the
audit table; an interrupted intake leaves the store as it was; hostile files are refused with
exit code 2 and no traceback; the stage notebook runs on small data."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import papermill
import pytest
from kinerja.apps import cli
from kinerja.core import paths
from kinerja.core.periods import Period
from kinerja.demo import demo_forms
from kinerja.formulir import intake, reader, respondents, submission_store, writer
from kinerja.inputs import form_contracts as c
from kinerja.inputs import store, surveys
from survei_data import filled as _filled
from survei_data import demo_register_setup

TW2 = Period(2024, 2)
FIRST = writer.HEADER_ROW + 1


@pytest.fixture(scope="module")
def register_60_packages(tmp_path_factory):
    return demo_register_setup(tmp_path_factory.mktemp("intake"))


def _jobs(register_60_packages, period=TW2):
    return writer.form_jobs(register_60_packages.params,
                            respondents.period_packages(register_60_packages.packages, period))


def _biggest(register_60_packages, fmt):
    """The job of `fmt` with the most rows in TW2 (mistakes need a few rows to land on)."""
    jobs = [j for j in _jobs(register_60_packages) if j["format"] == fmt]
    return max(jobs, key=lambda j: len(next(iter(j["rows"].values()))))


def _write(register_60_packages, job, path, rows, period=TW2):
    return writer.write_form(path, job["format"], job["role"], job["kode"], job["nama"],
                             register_60_packages.params, period, rows)


def _ingest(register_60_packages, *files, **kw):
    con = store.connect(register_60_packages.store)
    try:
        return intake.ingest(con, register_60_packages.params, list(files), register_60_packages.store, **kw)
    finally:
        con.close()


def _query(register_60_packages, sql, args=()):
    con = store.connect(register_60_packages.store, read_only=True)
    try:
        return con.execute(sql, list(args)).fetchall()
    finally:
        con.close()


def test_clean_form_accepted_with_the_contract_columns(register_60_packages, tmp_path):
    job = _biggest(register_60_packages, "F5")
    rows = _filled(job)
    path = _write(register_60_packages, job, tmp_path / writer.file_name("F5", "PPK", job["kode"], TW2), rows)
    # the respondent opens the form, scores one package 2 and saves it again (spreadsheet app)
    book = openpyxl.load_workbook(path)
    book["Kinerja Penyedia"].cell(FIRST, 5).value = 2
    book.save(path)
    [r] = _ingest(register_60_packages, path)
    n = len(rows["KinerjaPenyedia"])
    assert (r.status, r.rows_read, r.rows_accepted, r.rows_rejected) == ("accepted", n, n, 0)
    stored = surveys.load(register_60_packages.params, register_60_packages.store, "penilaian_penyedia", 2024)
    assert list(stored.columns) == list(surveys.COLUMNS["penilaian_penyedia"])
    mine = stored[stored["nip_ppk"] == job["kode"]].reset_index(drop=True)
    assert mine["kode_paket"].tolist() == rows["KinerjaPenyedia"]["kode_paket"].tolist()
    assert mine["kualitas"].tolist() == [2] + [3] * (n - 1)
    assert set(mine["triwulan"]) == {2} and not mine["putus_kontrak"].any()
    info = register_60_packages.packages.set_index("kd_paket")
    assert mine["kd_penyedia"].tolist() == info.loc[mine["kode_paket"], "kd_penyedia"].tolist()
    # the received file is kept unchanged, named by its sha256, and the submission recorded
    sha = intake.register.sha256(path)
    kept = register_60_packages.base / "raw" / "2024" / "2024-TW2" / f"{sha}.xlsx"
    assert kept.read_bytes() == path.read_bytes()
    [(status, rows_read, received)] = _query(
        register_60_packages, "SELECT status, rows_read, received_at FROM survei_submissions WHERE sha256 = ?", [sha])
    assert status == "accepted" and rows_read == n and received is not None


def _other_ppk_package(register_60_packages, kode):
    pk = respondents.period_packages(register_60_packages.packages, TW2)
    return pk[(pk["nip_ppk"] != kode) & pk["kd_penyedia"].notna()]["kd_paket"].iloc[0]


F5_CASES = {
    # case: (change to row 0 of the filled table, column, value shown, reason fragment)
    "rentang": ({"kualitas": 4}, "kualitas", "4", "di luar rentang 1–3"),
    "teks": ({"biaya": "tiga"}, "biaya", "tiga", "bukan bilangan bulat"),
    "rumus": ({"waktu": "=1+2"}, "waktu", "=1+2", "berisi rumus"),
    "kosong": ({"layanan": None}, "layanan", "", "wajib diisi"),
    "pilihan": ({"putus_kontrak": "Mungkin"}, "putus_kontrak", "Mungkin", "Ya atau Tidak"),
    "tidak_terdaftar": ({"kode_paket": "99999999999"}, "kode_paket", "99999999999",
                        "tidak terdaftar di register paket"),
}


@pytest.mark.parametrize("case", [*F5_CASES, "milik_lain", "ganda"])
def test_each_f5_mistake_rejects_its_row_only(register_60_packages, tmp_path, case):
    job = _biggest(register_60_packages, "F5")
    rows = _filled(job)
    t = rows["KinerjaPenyedia"]
    row = FIRST
    if case == "milik_lain":
        code = _other_ppk_package(register_60_packages, job["kode"])
        t.loc[0, "kode_paket"] = code
        column, value, reason = "kode_paket", code, f"bukan paket PPK {job['kode']} pada 2024-TW2"
    elif case == "ganda":
        rows["KinerjaPenyedia"] = pd.concat([t, t.iloc[[0]]], ignore_index=True)
        row = FIRST + len(t)
        column, value, reason = "kode_paket", t.loc[0, "kode_paket"], f"sama dengan baris {FIRST}"
    else:
        change, column, value, reason = F5_CASES[case]
        for k, v in change.items():
            t[k] = t[k].astype(object)
            t.loc[0, k] = v
    path = _write(register_60_packages, job, tmp_path / f"F5_{case}.xlsx", rows)
    [r] = _ingest(register_60_packages, path)
    n = len(rows["KinerjaPenyedia"])
    assert r.status in ("accepted", "replaced")
    assert (r.rows_read, r.rows_accepted, r.rows_rejected) == (n, n - 1, 1)
    [rej] = r.rejections.to_dict("records")
    assert (rej["sheet"], rej["row"], rej["column"]) == ("Kinerja Penyedia", row, column)
    assert rej["value"] == str(value) and reason in rej["reason"]
    as_json = r.as_dict()["rejections"][0]
    assert set(as_json) == {"sheet", "row", "column", "value", "reason"}


def test_f8_and_f4_rules(register_60_packages, tmp_path):
    period, f8 = max(((Period(2024, q), j) for q in range(1, 5) for j in _jobs(register_60_packages, Period(2024, q))
                      if j["format"] == "F8"), key=lambda pj: len(pj[1]["rows"]["DataPokja"]))
    assert len(f8["rows"]["DataPokja"]) >= 3
    rows = _filled(f8)
    t = rows["DataPokja"]
    t["jumlah_sanggahan"] = t["jumlah_sanggahan"].astype(object)
    t.loc[0, "tgl_penetapan_pemenang"] = pd.Timestamp(t.loc[0, "tgl_pengumuman"]) - pd.Timedelta(days=3)
    t.loc[1, "jumlah_sanggahan"] = None
    t["tgl_pengumuman"] = t["tgl_pengumuman"].astype(object)
    t.loc[2, "tgl_pengumuman"] = "kemarin"
    f4 = next(j for j in _jobs(register_60_packages) if j["format"] == "F4" and j["role"] == c.PPK)
    rows4 = _filled(f4)
    ra = rows4["RencanaAksi"]
    ra["persen_selesai"] = ra["persen_selesai"].astype(object)
    ra.loc[0, ["status", "persen_selesai"]] = ["Selesai", 50]
    ra.loc[1, ["status", "kendala"]] = ["Terkendala", None]
    ra.loc[2, "status"] = "Hampir selesai"
    results = _ingest(register_60_packages, _write(register_60_packages, f8, tmp_path / "F8.xlsx", rows, period),
                      _write(register_60_packages, f4, tmp_path / "F4.xlsx", rows4))
    got = {(r["sheet"], r["row"], r["column"]): r["reason"]
           for res in results for r in res.rejections.to_dict("records")}
    assert "sebelum tanggal pengumuman" in got[("Data Pokja", FIRST, "tgl_penetapan_pemenang")]
    assert "wajib diisi" in got[("Data Pokja", FIRST + 1, "jumlah_sanggahan")]
    assert "bukan tanggal" in got[("Data Pokja", FIRST + 2, "tgl_pengumuman")]
    assert "Selesai harus 100 persen" in got[("Rencana Aksi", FIRST, "persen_selesai")]
    assert "bila 'Status' = Terkendala" in got[("Rencana Aksi", FIRST + 1, "kendala")]
    assert "bukan pilihan yang sah" in got[("Rencana Aksi", FIRST + 2, "status")]
    for res in results:
        assert res.rows_read == res.rows_accepted + res.rows_rejected and res.rows_rejected == 3


def test_resubmission_unchanged_and_correction_replaces(register_60_packages, tmp_path):
    job = _biggest(register_60_packages, "F8")
    rows = _filled(job)
    rows["DataPokja"]["jumlah_sanggahan"] = rows["DataPokja"]["jumlah_sanggahan"].astype(object)
    rows["DataPokja"].loc[0, "jumlah_sanggahan"] = "dua"
    first = _write(register_60_packages, job, tmp_path / "a" / "F8.xlsx", rows)
    [r1] = _ingest(register_60_packages, first)
    count = "SELECT count(*) FROM survei_pokja WHERE kode_pokja = ? AND triwulan = 2"
    subs = "SELECT sha256, status, aktif, replaced_by FROM survei_submissions WHERE " \
           "kode_responden = ? AND format = 'F8' AND periode = '2024-TW2' ORDER BY ingested_at"
    before = _query(register_60_packages, count, [job["kode"]])[0][0]
    n_subs = len(_query(register_60_packages, subs, [job["kode"]]))
    assert before == r1.rows_accepted == len(rows["DataPokja"]) - 1

    [again] = _ingest(register_60_packages, first)                           # the identical file again
    assert again.status == "unchanged" and again.rows_rejected == 1
    assert _query(register_60_packages, count, [job["kode"]])[0][0] == before
    assert len(_query(register_60_packages, subs, [job["kode"]])) == n_subs

    rows["DataPokja"].loc[0, "jumlah_sanggahan"] = 2            # the corrected file
    second = _write(register_60_packages, job, tmp_path / "b" / "F8.xlsx", rows)
    [r2] = _ingest(register_60_packages, second)
    assert r2.status == "replaced" and r2.rows_rejected == 0
    stored = _query(register_60_packages, "SELECT kode_paket, jumlah_sanggahan, _sha256 FROM survei_pokja WHERE "
                           "kode_pokja = ? AND triwulan = 2 ORDER BY _row", [job["kode"]])
    new_sha = intake.register.sha256(second)
    assert len(stored) == len(rows["DataPokja"]) and {s[2] for s in stored} == {new_sha}
    assert stored[0][1] == 2
    audit = _query(register_60_packages, subs, [job["kode"]])
    old_sha = intake.register.sha256(first)
    assert (old_sha, "accepted", False, new_sha) in audit
    assert (new_sha, "replaced", True, None) in audit
    # the old file's rejection stays in the audit record but is no longer current
    assert _query(register_60_packages, "SELECT count(*) FROM survei_rejections WHERE sha256 = ?", [old_sha])[0][0] == 1
    con = store.connect(register_60_packages.store, read_only=True)
    try:
        current = submission_store.current_rejections(con, TW2)
    finally:
        con.close()
    assert not ((current["berkas"] == "F8.xlsx") & (current["column"] == "jumlah_sanggahan")).any()


def test_interrupted_intake_leaves_the_store_as_it_was(register_60_packages, tmp_path, monkeypatch):
    job = [j for j in _jobs(register_60_packages) if j["format"] == "F5"][-1]
    rows = _filled(job)
    rows["KinerjaPenyedia"]["kualitas"] = rows["KinerjaPenyedia"]["kualitas"].astype(object)
    rows["KinerjaPenyedia"].loc[0, "kualitas"] = 9            # one rejection to store as well
    path = _write(register_60_packages, job, tmp_path / "F5_putus.xlsx", rows)
    tables = ["survei_penilaian_penyedia", "survei_rejections", "survei_submissions"]
    before = {t: _query(register_60_packages, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    real = submission_store._insert

    def failing(con, table, frame):
        if table == "survei_rejections":                      # rows already inserted by then
            raise OSError("disk penuh (simulasi)")
        return real(con, table, frame)

    monkeypatch.setattr(submission_store, "_insert", failing)
    with pytest.raises(OSError):
        _ingest(register_60_packages, path)
    assert {t: _query(register_60_packages, f"SELECT count(*) FROM {t}")[0][0] for t in tables} == before
    monkeypatch.setattr(submission_store, "_insert", real)
    [r] = _ingest(register_60_packages, path)                                # and the file can be taken in again
    assert r.status in ("accepted", "replaced") and r.rows_rejected == 1


def _run(*args):
    return subprocess.run([sys.executable, "-m", "kinerja", "intake", *map(str, args)],
                          capture_output=True, text=True)


def test_cli_exit_codes_json_and_rejection_workbook(register_60_packages, tmp_path):
    job = next(j for j in _jobs(register_60_packages, Period(2024, 3)) if j["format"] == "F8")
    rows = _filled(job)
    good = _write(register_60_packages, job, tmp_path / "ok" / "F8_ok.xlsx", rows, Period(2024, 3))
    common = ["--params", register_60_packages.params_file, "--store", register_60_packages.store,
              "--out", tmp_path / "keluar", "--json"]
    done = _run(*common, good)
    assert done.returncode == 0, done.stdout + done.stderr
    [item] = json.loads(done.stdout)
    assert set(item) == {"file", "status", "rows_read", "rows_accepted", "rows_rejected", "rejections"}
    assert item["status"] == "accepted" and item["rows_rejected"] == 0

    rows["DataPokja"]["jumlah_peserta"] = rows["DataPokja"]["jumlah_peserta"].astype(object)
    rows["DataPokja"].loc[0, "jumlah_peserta"] = -1
    bad = _write(register_60_packages, job, tmp_path / "salah" / "F8_salah.xlsx", rows, Period(2024, 3))
    done = _run(*common, bad)
    assert done.returncode == 1
    [item] = json.loads(done.stdout)
    assert item["rows_read"] == item["rows_accepted"] + item["rows_rejected"]
    [rej] = item["rejections"]
    assert set(rej) == {"sheet", "row", "column", "value", "reason"}
    assert (rej["sheet"], rej["row"], rej["column"], rej["value"]) == ("Data Pokja", FIRST,
                                                                        "jumlah_peserta", "-1")
    book = openpyxl.load_workbook(tmp_path / "keluar" / "2024" / "2024-TW3" / "penolakan_intake.xlsx")
    cells = [list(r) for r in book["Penolakan"].iter_rows(min_row=4, values_only=True)]
    assert cells[0][:2] == ["Berkas", "Format"] and "Alasan penolakan" in cells[0]
    assert any(r[0] == "F8_salah.xlsx" and r[6] == FIRST and r[7] == "jumlah_peserta"
               and "rentang" in r[9] for r in cells[1:])

    broken = tmp_path / "F8_rusak_2024-TW3.xlsx"
    broken.write_bytes(good.read_bytes()[:500])
    done = _run(*common[:-1], good, broken)                   # text output, one unreadable file
    assert done.returncode == 2
    assert "F8_rusak_2024-TW3.xlsx" in done.stdout and "Traceback" not in done.stdout + done.stderr


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            block = b"\0" * (1 << 20)
            for _ in range(reader.MAX_UNZIPPED // len(block) + 2):
                fh.write(block)


def _entities(path, template):
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % ("" if i == 1 else i - 1)) * 10}">'
                        for i in range(1, 10))
              + ']>\n')
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                body = data.split(b"?>", 1)[-1]               # drop any XML declaration
                data = laughs.encode() + body.replace(b"<sheets>", b"<sheets>&lol9;", 1)
            dst.writestr(info.filename, data)


@pytest.mark.parametrize("kind, fragment", [
    ("bomb", "zip bomb"), ("entity", "DTD/entitas"), ("notzip", "bukan berkas Excel"),
    ("empty", "kosong"), ("plain", "lembar _meta tidak ada"), ("csv", "jenis berkas '.csv'"),
    ("kepuasan", "tidak berisi jawaban"),
])
def test_hostile_or_wrong_files_exit_2_naming_the_file(register_60_packages, tmp_path, kind, fragment):
    template = _write(register_60_packages, _biggest(register_60_packages, "F5"), tmp_path / "template.xlsx",
                      _filled(_biggest(register_60_packages, "F5")))
    path = tmp_path / ("data.csv" if kind == "csv" else f"{kind}_2024-TW2.xlsx")
    if kind == "bomb":
        _zip_bomb(path)
        assert path.stat().st_size < reader.MAX_BYTES
    elif kind == "entity":
        _entities(path, template)
    elif kind == "notzip":
        path.write_bytes(b"%PDF-1.4\n% bukan excel\n" * 50)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "plain":
        openpyxl.Workbook().save(path)
    elif kind == "kepuasan":                       # a blank F12 form: no answers to take in
        from kinerja.formulir import satisfaction_forms
        satisfaction_forms.write_form(path, "internal", register_60_packages.params, TW2)
    else:
        path.write_text("kode_paket,kualitas\n1,3\n", encoding="utf-8")
    done = _run("--params", register_60_packages.params_file, "--store", register_60_packages.store,
                "--out", tmp_path, path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert path.name in done.stdout and fragment in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_oversized_file_refused_with_a_lowered_limit(register_60_packages, tmp_path, monkeypatch, capsys):
    job = _biggest(register_60_packages, "F5")
    path = _write(register_60_packages, job, tmp_path / "F5_besar.xlsx", _filled(job))
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    code = cli.main(["intake", "--params", str(register_60_packages.params_file),
                     "--store", str(register_60_packages.store), "--out", str(tmp_path), str(path)])
    out = capsys.readouterr()
    assert code == 2 and "F5_besar.xlsx" in out.out and "terlalu besar" in out.out
    assert "Traceback" not in out.out + out.err


def test_survey_rows_fall_back_to_the_folder_when_the_store_has_none(register_60_packages, tmp_path):
    job = _biggest(register_60_packages, "F8")
    _ingest(register_60_packages, _write(register_60_packages, job, tmp_path / "F8_bersih.xlsx", _filled(job)))
    folder = tmp_path / "survei"
    folder.mkdir()
    pd.DataFrame([{k: "1" for k in surveys.COLUMNS["pokja"]}]).to_csv(folder / "pokja_2023.csv",
                                                                       index=False)
    params = register_60_packages.params.model_copy(update={"data": register_60_packages.params.data.model_copy(
        update={"survei": str(folder)})})
    assert len(surveys.load(params, register_60_packages.store, "pokja", 2023)) == 1           # store: none for 2023
    assert surveys.load(params, tmp_path / "tidak-ada.duckdb", "pokja", 2023).shape == (1, 11)
    stored = surveys.load(params, register_60_packages.store, "pokja", 2024)                    # store: rows
    assert list(stored.columns) == list(surveys.COLUMNS["pokja"]) and len(stored) > 1


# ---------------------------------------------------------------- the demo and the notebook

@pytest.fixture(scope="module")
def demo_forms_with_mistakes(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo")
    s = demo_register_setup(base, forms_dir=base / "formulir")
    s.demo = demo_forms.generate(s.params, s.packages, base / "formulir", seed=7)
    return s


def test_demo_forms_are_deterministic_and_every_mistake_is_caught(demo_forms_with_mistakes, tmp_path):
    again = demo_forms.generate(demo_forms_with_mistakes.params, demo_forms_with_mistakes.packages, tmp_path, seed=7)
    assert [p.read_bytes() for p in again.files[:5]] == \
        [p.read_bytes() for p in demo_forms_with_mistakes.demo.files[:5]]
    results = intake.ensure_forms(demo_forms_with_mistakes.params)
    assert len(results) == len(demo_forms_with_mistakes.demo.files)
    by_file = {r.file: r for r in results}
    for m in demo_forms_with_mistakes.demo.mistakes:
        r = by_file[m["file"]]
        if m["kind"] == "berkas":
            assert r.status == "error" and "rusak" in r.message
            continue
        hits = r.rejections[(r.rejections["row"] == m["row"]) & (r.rejections["column"] == m["column"])]
        assert len(hits) == 1 and (hits["sheet"] == m["sheet"]).all(), m
    assert sum(r.rows_rejected for r in results) == len(demo_forms_with_mistakes.demo.mistakes) - 1
    assert all(r.rows_read == r.rows_accepted + r.rows_rejected for r in results)
    assert intake.ensure_forms(demo_forms_with_mistakes.params) == []      # known files: nothing to do


def test_notebook_runs_on_small_data(demo_forms_with_mistakes, tmp_path):
    out = tmp_path / "keluaran"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / "02_survei_teknis.ipynb"), str(tmp_path / "02.ipynb"),
        parameters={"params_file": str(demo_forms_with_mistakes.params_file), "periode": "2024",
                    "output_dir": str(out), "formulir_berikut": True},
        kernel_name="python3", cwd=str(paths.ROOT), progress_bar=False)
    status = pd.read_parquet(out / "hasil" / "02_status_pengumpulan.parquet")
    late = {(d["periode"], d["kode_responden"]) for d in demo_forms_with_mistakes.demo.late}
    missing = {(d["periode"], d["kode_responden"]) for d in demo_forms_with_mistakes.demo.missing}
    # a respondent whose only form was the broken file has nothing received either
    broken = {(m["periode"], m["file"].split("_")[2]) for m in demo_forms_with_mistakes.demo.mistakes
              if m["kind"] == "berkas"}
    got = {s: set(zip(g["periode"], g["kode_responden"])) for s, g in status.groupby("status")}
    assert got["Terlambat"] == late
    assert missing <= got["Belum masuk"] <= missing | broken
    summary = pd.read_parquet(out / "hasil" / "02_ringkasan_pengumpulan.parquet")
    assert summary["responden"].sum() == len(status) and list(summary["periode"]) == \
        ["2024-TW1", "2024-TW2", "2024-TW3", "2024-TW4"]
    reasons = pd.read_parquet(out / "hasil" / "02_penolakan_alasan.parquet")
    assert reasons["jumlah"].sum() == len(demo_forms_with_mistakes.demo.mistakes)
    assert {"berkas", "rentang", "tipe", "rumus", "wajib", "rujukan", "ganda", "aturan"} == set(reasons["kategori"])
    assert (out / "penolakan_intake.xlsx").exists()
    for name in ("kelengkapan_opd", "rencana_aksi", "rencana_aksi_indikator", "penolakan"):
        assert len(pd.read_parquet(out / "hasil" / f"02_{name}.parquet")) > 0
    recorded = [json.loads(line) for line in (out / "artifacts.jsonl").read_text().splitlines()]
    forms = [r for r in recorded if r["format"]]
    assert {"F4", "F5", "F8"} == {r["format"] for r in forms}
    assert {Path(r["path"]).parent for r in forms} == {(out / "formulir").resolve()}
    assert [Path(r["path"]).name for r in recorded if not r["format"]] == ["penolakan_intake.xlsx"]
    assert {r["stage"] for r in recorded} == {"02_survei_teknis"}


# ---------------------------------------------------------------- F12/F13 through the intake

def test_satisfaction_forms_through_intake_nothing_lost_and_replaced(register_60_packages, tmp_path):
    from kinerja.demo import demo_kepuasan
    from kinerja.demo import generate as demo
    from kinerja.formulir import answers, satisfaction_forms
    from kinerja.methods import satisfaction
    folder = tmp_path / "jawaban"
    demo_kepuasan.generate(folder, 2024, seed=5, opd=[n for _, n in demo.OPD][:8])
    given = satisfaction.clean(surveys.from_folder(folder, "kepuasan", 2024))
    internal = given[given["kelompok"] == "internal"].head(30).reset_index(drop=True)
    bad = internal.astype({"U3": object})
    bad.loc[4, "U3"] = 7                                   # outside 1–4
    first = satisfaction_forms.write_form(tmp_path / "a" / "F12_Biro_Umum.xlsx", "internal",
                                          register_60_packages.params, "2024", responses=bad)
    [r1] = _ingest(register_60_packages, first)
    assert (r1.status, r1.format, r1.rows_read, r1.rows_accepted, r1.rows_rejected) == \
        ("accepted", "F12", 30, 29, 1)
    [rej] = r1.as_dict()["rejections"]
    assert (rej["sheet"], rej["row"], rej["column"], rej["value"]) == \
        ("Jawaban", satisfaction_forms.HEADER_ROW + 5, "U3", "7")
    count = "SELECT count(*) FROM survei_kepuasan WHERE tahun_anggaran = 2024"
    assert _query(register_60_packages, count)[0][0] == 29
    assert intake.raw_dir(register_60_packages.store).joinpath(
        "2024", "2024", f"{intake.register.sha256(first)}.xlsx").exists()

    [again] = _ingest(register_60_packages, first)                        # the identical file: nothing changes
    assert again.status == "unchanged" and _query(register_60_packages, count)[0][0] == 29

    corrected = satisfaction_forms.write_form(tmp_path / "b" / "F12_Biro_Umum.xlsx", "internal",
                                              register_60_packages.params, "2024", responses=internal)
    [r2] = _ingest(register_60_packages, corrected)
    assert (r2.status, r2.rows_accepted, r2.rows_rejected) == ("replaced", 30, 0)
    assert _query(register_60_packages, count)[0][0] == 30
    audit = _query(register_60_packages, "SELECT status, aktif FROM survei_submissions WHERE format = 'F12' "
                          "ORDER BY ingested_at")
    assert audit == [("accepted", False), ("replaced", True)]

    # the satisfaction stage now reads the accepted answers from the store
    ctx = type("Ctx", (), {"params": register_60_packages.params, "store": register_60_packages.store,
                           "period": Period(2024)})()
    stored = answers.load_responses(ctx, 2024)
    assert len(stored) == 30
    assert satisfaction.index(stored).ikm == pytest.approx(satisfaction.index(internal).ikm)


def test_satisfaction_form_of_another_year_is_refused(register_60_packages, tmp_path):
    from kinerja.formulir import satisfaction_forms

    path = satisfaction_forms.write_form(tmp_path / "F13.xlsx", "eksternal", register_60_packages.params, "2025")
    [r] = _ingest(register_60_packages, path)
    assert r.status == "error" and "tahun 2025" in r.message and "2024" in r.message
