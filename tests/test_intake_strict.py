"""Every returned form checked against its whole contract, F12/F13 as strictly as F4/F5/F8.

Forms are written with the real writers (`kinerja forms`), tampered with openpyxl as a
respondent's spreadsheet program would, and taken in: a row whose key cell was emptied is
rejected naming its sheet, row and column (nothing lost: read = accepted + rejected); a header
cell that differs from the form as written (renamed, moved, removed, emptied, added column)
makes the whole file unusable, with one message naming the sheet and the cell, and exit code 2.
An intake killed between two files and run again leaves the store as one clean run does. And
the loaders never make demo data: no survey folder, no forms folder, no rows."""

import json
import os
import shutil
import zipfile

import openpyxl
import pytest
from kinerja.apps import cli
from kinerja.core.periods import Period
from kinerja.demo import demo_kepuasan
from kinerja.demo import generate as demo
from kinerja.formulir import answers, intake, respondents, submission_store, writer
from kinerja.formulir import satisfaction_forms as sf
from kinerja.inputs import form_contracts as c
from kinerja.inputs import store, surveys
from kinerja.methods import satisfaction
from survei_data import filled as _filled
from survei_data import demo_register_setup

TW2 = Period(2024, 2)
FORMATS = ("F4", "F5", "F8", "F12", "F13")


@pytest.fixture(scope="module")
def register_60_with_answers(tmp_path_factory):
    base = tmp_path_factory.mktemp("ketat")
    s = demo_register_setup(base)
    s.pristine = base / "bersih.duckdb"          # the store before any intake
    shutil.copy(s.store, s.pristine)
    folder = base / "jawaban"
    demo_kepuasan.generate(folder, 2024, seed=5, opd=[n for _, n in demo.OPD][:8])
    s.answers = satisfaction.clean(surveys.from_folder(folder, "kepuasan", 2024))
    return s


def _job(register_60_with_answers, fmt):
    jobs = writer.form_jobs(register_60_with_answers.params,
                            respondents.period_packages(register_60_with_answers.packages, TW2))
    jobs = [j for j in jobs if j["format"] == fmt and (fmt != "F4" or j["role"] == c.PPK)]
    return max(jobs, key=lambda j: sum(len(t) for t in j["rows"].values()))


def _form(register_60_with_answers, fmt, folder):
    """A correctly filled form of `fmt`: (path, the table tampered with, its header row, the
    number of rows the intake reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    if fmt in ("F12", "F13"):
        kelompok = "internal" if fmt == "F12" else "eksternal"
        given = register_60_with_answers.answers[register_60_with_answers.answers["kelompok"] == kelompok].head(12)
        # the sender of an anonymous form is its file name: one per test, no replacements
        path = sf.write_form(folder / f"{fmt}_{folder.name}.xlsx", kelompok, register_60_with_answers.params, "2024",
                             responses=given.reset_index(drop=True))
        return path, sf.contract(kelompok), sf.HEADER_ROW, len(given)
    job = _job(register_60_with_answers, fmt)
    rows = _filled(job)
    path = writer.write_form(folder / writer.file_name(fmt, job["role"], job["kode"], TW2), fmt,
                             job["role"], job["kode"], job["nama"], register_60_with_answers.params, TW2, rows)
    return path, c.FORMS[fmt].tables[0], c.HEADER_ROW, sum(len(t) for t in rows.values())


def _ingest(register_60_with_answers, *files, db=None):
    db = db or register_60_with_answers.store
    con = store.connect(db)
    try:
        return intake.ingest(con, register_60_with_answers.params, list(files), db)
    finally:
        con.close()


def _query(db, sql, args=()):
    con = store.connect(db, read_only=True)
    try:
        return con.execute(sql, list(args)).fetchall()
    finally:
        con.close()


def _edit(path, sheet, change):
    book = openpyxl.load_workbook(path)
    change(book[sheet])
    book.save(path)


# ---------------------------------------------------------------- an emptied key cell

KEYS = {  # format: (table, key column emptied, its label)
    "F4": ("DataUtama", "kode_indikator", "Kode indikator"),
    "F4-RA": ("RencanaAksi", "kode_rencana_aksi", "Kode rencana aksi"),
    "F5": ("KinerjaPenyedia", "kode_paket", "Kode paket"),
    "F8": ("DataPokja", "kode_paket", "Kode paket"),
    "F12": ("TabelJawaban", "kode_responden", "Kode responden"),
    "F13": ("TabelJawaban", "kode_responden", "Kode responden"),
}


@pytest.mark.parametrize("case", KEYS)
def test_emptied_key_cell_rejects_its_row_naming_sheet_row_and_column(register_60_with_answers, tmp_path, case):
    fmt = case.split("-")[0]
    path, _, header_row, n = _form(register_60_with_answers, fmt, tmp_path)
    table_name, column, label = KEYS[case]
    table = (sf.contract("internal" if fmt == "F12" else "eksternal") if fmt in ("F12", "F13")
             else c.FORMS[fmt].table(table_name))
    j = [f.name for f in table.fields].index(column) + 1
    row = header_row + 1                                   # the first data row
    letter = openpyxl.utils.get_column_letter(j)
    _edit(path, table.sheet, lambda ws: setattr(ws.cell(row, j), "value", None))

    [r] = _ingest(register_60_with_answers, path)
    assert r.status in ("accepted", "replaced"), r.message
    assert (r.rows_read, r.rows_accepted, r.rows_rejected) == (n, n - 1, 1)
    [rej] = r.rejections.to_dict("records")
    assert (rej["sheet"], rej["row"], rej["column"], rej["value"]) == (table.sheet, row, column, "")
    assert rej["reason"] == f"wajib diisi ({label})" and rej["sel"] == f"{letter}{row}"
    # the rejection is in the store (penolakan_intake.xlsx is written from it), the row is not
    digest = intake.register.sha256(path)
    assert _query(register_60_with_answers.store, 'SELECT sheet, "row", "column", reason FROM survei_rejections '
                               "WHERE sha256 = ?", [digest]) == [(table.sheet, row, column,
                                                                   f"wajib diisi ({label})")]
    stored = {s[0] for s in _query(register_60_with_answers.store, f"SELECT _row FROM {table.store_table} "
                                                f"WHERE _sha256 = ?", [digest])}
    assert row not in stored and len(stored) == r.rows_accepted - sum(
        len(_query(register_60_with_answers.store, f"SELECT 1 FROM {t.store_table} WHERE _sha256 = ?", [digest]))
        for t in (c.FORMS[fmt].tables if fmt in c.FORMS else ()) if t is not table)


# ---------------------------------------------------------------- a changed header

def _swap(ws, a, b):
    for r in range(1, ws.max_row + 1):
        ws.cell(r, a).value, ws.cell(r, b).value = ws.cell(r, b).value, ws.cell(r, a).value


HEADER_CASES = ("renamed", "moved", "removed", "emptied", "added")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", HEADER_CASES)
def test_changed_header_rejects_the_file_naming_sheet_and_cell(register_60_with_answers, tmp_path, fmt, case):
    path, table, h, _ = _form(register_60_with_answers, fmt, tmp_path)
    labels = [f.label for f in table.fields]
    end = len(labels) + 1
    change = {
        "renamed": lambda ws: setattr(ws.cell(h, 2), "value", "Kolom baru"),
        "moved": lambda ws: _swap(ws, 2, 3),
        "removed": lambda ws: ws.delete_cols(2),
        "emptied": lambda ws: setattr(ws.cell(h, 2), "value", None),
        "added": lambda ws: setattr(ws.cell(h, end), "value", "Tambahan"),
    }[case]
    expected = {
        "renamed": f"sel B{h}: judul kolom '{labels[1]}' diubah menjadi 'Kolom baru'",
        "moved": f"sel B{h}: judul kolom '{labels[1]}' diubah menjadi '{labels[2]}' "
                 f"(kolom dipindah atau dihapus); 1 sel judul lain juga berbeda",
        "removed": f"sel B{h}: judul kolom '{labels[1]}' diubah menjadi '{labels[2]}' "
                   f"(kolom dipindah atau dihapus); ",
        "emptied": f"sel B{h}: judul kolom '{labels[1]}' tidak ada (sel kosong).",
        "added": f"sel {openpyxl.utils.get_column_letter(end)}{h}: kolom tambahan 'Tambahan' "
                 f"(formulir tidak boleh ditambah kolom).",
    }[case]
    _edit(path, table.sheet, change)

    [r] = _ingest(register_60_with_answers, path)
    assert r.status == "error"
    assert r.message.startswith(f"{path.name}: lembar '{table.sheet}', {expected}"), r.message
    assert "berkas ditolak" in r.message
    assert (r.rows_read, r.rows_accepted, r.rows_rejected) == (0, 0, 0)
    [rej] = r.as_dict()["rejections"]
    column = table.fields[1].name if case != "added" else openpyxl.utils.get_column_letter(end)
    value = {"renamed": "Kolom baru", "moved": labels[2], "removed": labels[2], "emptied": "",
             "added": "Tambahan"}[case]
    assert rej == {"sheet": table.sheet, "row": h, "column": column, "value": value,
                   "reason": r.message}
    digest = intake.register.sha256(path)
    assert _query(register_60_with_answers.store, "SELECT status, aktif, message FROM survei_submissions WHERE "
                               "sha256 = ?", [digest]) == [("error", False, r.message)]
    assert _query(register_60_with_answers.store, f"SELECT count(*) FROM {table.store_table} WHERE _sha256 = ?",
                  [digest]) == [(0,)]


def test_header_as_written_passes_and_letter_case_or_spaces_do_not_matter(register_60_with_answers, tmp_path):
    path, table, h, n = _form(register_60_with_answers, "F12", tmp_path)
    _edit(path, table.sheet, lambda ws: setattr(ws.cell(h, 1), "value", "  KODE  responden "))
    [r] = _ingest(register_60_with_answers, path)
    assert (r.status, r.rows_read, r.rows_accepted, r.rows_rejected) == ("accepted", n, n, 0)


def test_cli_header_exit_2_and_rejection_table_names_the_cell(register_60_with_answers, tmp_path, capsys):
    path, table, h, _ = _form(register_60_with_answers, "F12", tmp_path / "in")
    _edit(path, table.sheet, lambda ws: setattr(ws.cell(h, 1), "value", "Kode"))
    out = tmp_path / "keluar"
    code = cli.main(["intake", "--params", str(register_60_with_answers.params_file),
                     "--store", str(register_60_with_answers.store), "--out", str(out), str(path)])
    printed = capsys.readouterr()
    assert code == 2, printed.out + printed.err
    assert (f"✗ {path.name}: lembar 'Jawaban', sel A5: judul kolom 'Kode responden' diubah "
            f"menjadi 'Kode'") in printed.out
    assert "Traceback" not in printed.out + printed.err
    book = openpyxl.load_workbook(out / "2024" / "2024" / "penolakan_intake.xlsx")
    rows = [r for r in book["Penolakan"].iter_rows(min_row=5, values_only=True)
            if r[0] == path.name]
    assert len(rows) == 1
    berkas, _, _, _, _, lembar, baris, kolom, nilai, alasan = rows[0]
    assert (lembar, baris, kolom, nilai) == ("Jawaban", 5, "kode_responden", "Kode")
    assert "sel A5" in alasan


def test_cli_emptied_key_exit_1_with_json(register_60_with_answers, tmp_path, capsys):
    path, table, h, n = _form(register_60_with_answers, "F13", tmp_path)
    _edit(path, table.sheet, lambda ws: setattr(ws.cell(h + 1, 1), "value", None))
    code = cli.main(["intake", "--params", str(register_60_with_answers.params_file),
                     "--store", str(register_60_with_answers.store), "--out", str(tmp_path / "keluar"), "--json",
                     str(path)])
    [item] = json.loads(capsys.readouterr().out)
    assert code == 1
    assert (item["status"], item["rows_read"], item["rows_accepted"], item["rows_rejected"]) == \
        ("accepted", n, n - 1, 1)
    assert item["rejections"] == [{"sheet": "Jawaban", "row": h + 1, "column": "kode_responden",
                                   "value": "", "reason": "wajib diisi (Kode responden)"}]


# ---------------------------------------------------------------- killed mid-run

def test_intake_killed_between_files_then_rerun_equals_one_clean_run(register_60_with_answers, tmp_path,
                                                                      monkeypatch):
    files = []
    for fmt in ("F5", "F12", "F8"):
        path, table, h, _ = _form(register_60_with_answers, fmt, tmp_path / fmt)
        _edit(path, table.sheet, lambda ws: setattr(ws.cell(h + 1, table.fields.index(
            next(f for f in table.fields if f.input)) + 1), "value", "=1+1"))  # one rejection
        files.append(path)
    for i, path in enumerate(files):                    # arrival order: F5, F12, F8
        os.utime(path, (1_720_000_000 + 60 * i,) * 2)
    killed, clean = tmp_path / "terputus.duckdb", tmp_path / "sekali.duckdb"
    shutil.copy(register_60_with_answers.pristine, killed)
    shutil.copy(register_60_with_answers.pristine, clean)
    real, calls = submission_store._insert, []

    def dying(con, table, rows):
        calls.append(table)
        if table == "survei_kepuasan":                 # the second file, mid-transaction
            raise KeyboardInterrupt
        return real(con, table, rows)

    monkeypatch.setattr(submission_store, "_insert", dying)
    with pytest.raises(KeyboardInterrupt):
        _ingest(register_60_with_answers, *files, db=killed)
    monkeypatch.setattr(submission_store, "_insert", real)
    assert "survei_penilaian_penyedia" in calls        # the first file was stored before
    again = _ingest(register_60_with_answers, *files, db=killed)
    once = _ingest(register_60_with_answers, *files, db=clean)
    assert [r.status for r in once] == ["accepted"] * 3
    assert {r.file: r.status for r in again}[files[0].name] == "unchanged"
    for r in once:
        assert r.rows_read == r.rows_accepted + r.rows_rejected and r.rows_rejected == 1

    def content(db):
        out = {}
        for t in ("survei_penilaian_penyedia", "survei_pokja", "survei_kepuasan"):
            out[t] = sorted(map(repr, _query(db, f"SELECT * FROM {t}")))
        out["rejections"] = sorted(map(repr, _query(db, "SELECT * FROM survei_rejections")))
        out["submissions"] = sorted(_query(
            db, "SELECT sha256, file_name, format, periode, kode_responden, status, aktif, "
                "rows_read, rows_accepted, rows_rejected FROM survei_submissions"))
        return out

    assert content(killed) == content(clean)
    assert len(content(clean)["submissions"]) == 3


def test_hostile_satisfaction_form_refused_naming_the_file(register_60_with_answers, tmp_path):
    path, _, _, _ = _form(register_60_with_answers, "F12", tmp_path)
    bad = tmp_path / "F12_entitas.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/workbook.xml":
                body = data.split(b"?>", 1)[-1]
                data = (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n' + body)
            dst.writestr(info.filename, data)
    [r] = _ingest(register_60_with_answers, bad)
    assert r.status == "error" and r.message.startswith("F12_entitas.xlsx: ")
    assert "DTD/entitas" in r.message


# ---------------------------------------------------------------- no demo data in loaders
# (that no loader imports demo code is tests/test_layout.py's check)

def _without(params, **data):
    return params.model_copy(update={"data": params.data.model_copy(update=data)})


def test_no_survey_folder_means_no_rows_and_nothing_written(register_60_with_answers, tmp_path):
    ctx = type("Ctx", (), {"period": Period(2031), "store": tmp_path / "tidak-ada.duckdb"})()
    for survei in (None, str(tmp_path / "survei"), str(tmp_path / "tidak-ada")):
        ctx.params = _without(register_60_with_answers.params, survei=survei)
        rows = answers.load_responses(ctx, 2031)
        assert rows.empty and list(rows.columns) == list(surveys.COLUMNS["kepuasan"])
        for kind in surveys.COLUMNS:
            got = surveys.load(ctx.params, ctx.store, kind, 2031)
            assert got.empty and list(got.columns) == list(surveys.COLUMNS[kind])
    assert list(tmp_path.iterdir()) == []


def test_no_forms_folder_means_nothing_taken_in_and_nothing_written(register_60_with_answers, tmp_path):
    for formulir in (None, str(tmp_path / "formulir")):
        params = _without(register_60_with_answers.params, formulir=formulir, register_paket=[str(tmp_path)])
        assert intake.ensure_forms(params, tmp_path / "kinerja.duckdb") == []
    assert list(tmp_path.iterdir()) == []
