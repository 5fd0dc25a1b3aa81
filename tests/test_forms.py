"""Survei Teknis forms (F4, F5, F8): written from the one contract, read back unchanged, with an
Excel Table, data validation on every input cell, locked identifying cells, an instruction
sheet and a hidden meta sheet."""

import datetime as dt
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from conftest import PARAMS
from kinerja.core import config, periods
from kinerja.core.periods import Period
from kinerja.formulir import collection, reader, respondents, writer
from kinerja.inputs import form_contracts as c
from kinerja.inputs import surveys
from survei_data import demo_register_setup

TW2 = Period(2024, 2)


@pytest.fixture(scope="module")
def register_60_packages(tmp_path_factory):
    return demo_register_setup(tmp_path_factory.mktemp("formulir"))


@pytest.fixture(scope="module")
def written(register_60_packages, tmp_path_factory):
    out = tmp_path_factory.mktemp("kosong")
    files = writer.write_forms(register_60_packages.params, register_60_packages.packages, TW2, out)
    by = {}
    for f in files:
        by.setdefault(f.name.split("_")[0], []).append(f)
    return by


def test_f5_and_f8_store_exactly_the_survey_columns():
    assert c.KINERJA_PENYEDIA.columns == surveys.COLUMNS["penilaian_penyedia"]
    assert c.DATA_POKJA.columns == surveys.COLUMNS["pokja"]
    for form in c.FORMS.values():
        for t in form.tables:
            names = {f.name for f in t.fields}
            for col in t.columns:  # every stored column has exactly one source
                sources = [col in t.context, col in t.from_package,
                           col in names and t.field(col).stored]
                assert sum(sources) == 1, (t.name, col)


def test_f4_indicators_follow_the_role_rule():
    params = config.load(PARAMS)
    ppk = set(respondents.indicators_for(params, c.PPK)["kode_indikator"])
    pokja = set(respondents.indicators_for(params, c.POKJA)["kode_indikator"])
    assert {"IKP-09", "IKP-10", "IKP-11", "IKP-12"} <= ppk      # penanggung jawab PPK; F5 source
    assert {"IKP-02", "IKP-06", "IKP-07"} <= ppk                # an action plan carried out by PPK
    assert {"IKP-02", "IKP-04", "IKP-05", "IKP-06", "IKP-07"} <= pokja  # Koordinator Pokja
    assert not {"IKP-13", "IKP-14"} & (ppk | pokja)             # satisfaction: neither
    plans = respondents.action_plans_for(params, c.PPK)
    assert set(plans["kode_rencana_aksi"]) == {"RA-02.1", "RA-06.2", "RA-07.3", "RA-11.1"}


def test_one_form_per_respondent_and_format_with_safe_names(register_60_packages, written):
    resp = respondents.respondents(respondents.period_packages(register_60_packages.packages, TW2))
    expected = respondents.expected_forms(resp)
    assert sum(len(v) for v in written.values()) == len(expected)
    assert len(written["F4"]) == len(resp) and len(written["F8"]) == (resp["jenis_responden"] == "Pokja").sum()
    for f in written["F5"]:
        assert f.name.startswith("F5_PPK_") and f.name.endswith("_2024-TW2.xlsx")
    assert writer.file_name("F5", "PPK", "19../ab c:*", TW2) == "F5_PPK_19.._ab_c_2024-TW2.xlsx"
    assert writer.file_name("F4", "PPK", "..", TW2) == "F4_PPK_tanpa-kode_2024-TW2.xlsx"
    assert "/" not in writer.file_name("F8", "Pokja", "../../etc", TW2)


def _table(ws, name):
    assert name in ws.tables, f"Excel Table {name} missing"
    return ws.tables[name]


def test_f5_written_then_read_back_unchanged(register_60_packages, written):
    path = written["F5"][0]
    book = openpyxl.load_workbook(path)
    meta = {r[0].value: r[1].value for r in book[c.META_SHEET].iter_rows()}
    assert book[c.META_SHEET].sheet_state == "veryHidden"
    assert meta["format"] == "F5" and meta["periode"] == "2024-TW2"
    assert meta["jenis_responden"] == "PPK" and meta["versi_skema"] == c.SCHEMA_VERSION
    expected = respondents.package_rows(respondents.period_packages(register_60_packages.packages, TW2), c.PPK,
                                        meta["kode_responden"], "KinerjaPenyedia")
    ws = book["Kinerja Penyedia"]
    table = _table(ws, "KinerjaPenyedia")
    first = writer.HEADER_ROW + 1
    assert table.ref == f"A{writer.HEADER_ROW}:J{first + len(expected) - 1}"
    assert [ws.cell(writer.HEADER_ROW, j + 1).value for j in range(10)] == \
        [f.label for f in c.KINERJA_PENYEDIA.fields]
    codes = [ws.cell(first + i, 1).value for i in range(len(expected))]
    assert codes == expected["kode_paket"].tolist()

    filled = reader.read_form(path)
    assert filled.meta["kode_responden"] == meta["kode_responden"] and filled.period == TW2
    raw = filled.tables["KinerjaPenyedia"]
    assert raw.values["kode_paket"].tolist() == expected["kode_paket"].tolist()
    assert raw.values["nama_penyedia"].tolist() == expected["nama_penyedia"].tolist()
    assert raw.rows == list(range(first, first + len(expected)))
    assert raw.values[["kualitas", "biaya", "waktu", "layanan"]].isna().all().all()


def test_f8_prefilled_inputs_read_back_as_written(register_60_packages, written):
    path = written["F8"][0]
    filled = reader.read_form(path)
    kode = filled.meta["kode_responden"]
    expected = respondents.package_rows(respondents.period_packages(register_60_packages.packages, TW2), c.POKJA,
                                        kode, "DataPokja")
    raw = filled.tables["DataPokja"].values
    assert raw["kode_paket"].tolist() == expected["kode_paket"].tolist()
    got = pd.to_datetime(raw["tgl_pengumuman"]).dt.floor("s")
    assert got.tolist() == pd.to_datetime(expected["tgl_pengumuman"]).dt.floor("s").tolist()
    assert raw["tender_ulang"].tolist() == expected["tender_ulang"].tolist()
    peserta = [None if pd.isna(v) else int(v) for v in expected["jumlah_peserta"]]
    assert [None if v is None else int(v) for v in raw["jumlah_peserta"]] == peserta


def test_every_input_cell_validated_and_identifying_cells_locked(written):
    for code, files in written.items():
        book = openpyxl.load_workbook(files[0])
        for table in c.FORMS[code].tables:
            ws = book[table.sheet]
            assert ws.protection.sheet, (code, table.sheet)
            xl = _table(ws, table.name)
            last = int(xl.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            dvs = ws.data_validations.dataValidation
            for j, f in enumerate(table.fields, start=1):
                letter = openpyxl.utils.get_column_letter(j)
                cells = [f"{letter}{r}" for r in range(writer.HEADER_ROW + 1, last + 1)]
                covering = [dv for dv in dvs if all(cell in dv.sqref for cell in cells)]
                locked = {ws[cell].protection.locked for cell in cells}
                if f.input:
                    assert locked == {False}, (code, f.name)
                    assert len(covering) == 1, (code, f.name)
                    dv = covering[0]
                    kind = {c.INT: "whole", c.DECIMAL: "decimal", c.DATE: "date", c.CHOICE: "list",
                            c.FLAG: "list", c.TEXT: "textLength"}[f.type]
                    assert dv.type == kind and dv.showErrorMessage and dv.error
                    if f.type == c.INT:
                        assert (dv.formula1, dv.formula2) == (f"{f.min:g}", f"{f.max:g}")
                    if f.type == c.CHOICE:
                        assert dv.formula1 == '"' + ",".join(f.choices) + '"'
                else:
                    assert locked == {True}, (code, f.name)
                    assert not covering, (code, f.name)


def test_instruction_sheet_documents_every_column_and_the_deadline(written):
    book = openpyxl.load_workbook(written["F5"][0])
    assert book.sheetnames[0] == c.GUIDE_SHEET and book.active.title == "Kinerja Penyedia"
    text = "\n".join(str(v) for row in book[c.GUIDE_SHEET].iter_rows(values_only=True)
                     for v in row if v)
    for f in c.KINERJA_PENYEDIA.fields:
        assert f.label in text
    assert "15 Agustus 2024" in text and "bukan rumus" in text
    # the provider criteria (methodology §1) beside the score cells
    ws = book["Kinerja Penyedia"]
    beside = " ".join(str(v) for row in ws.iter_rows(min_col=12, values_only=True) for v in row if v)
    assert "Sangat Baik" in beside and "50 hari kalender" in beside and "30%" in beside


def test_next_quarter_without_packages_gets_open_rows(register_60_packages, tmp_path):
    files = writer.write_forms(register_60_packages.params, register_60_packages.packages, Period(2025, 1), tmp_path,
                               respondents_from=TW2)
    f5 = next(f for f in files if f.name.startswith("F5_"))
    ws = openpyxl.load_workbook(f5)["Kinerja Penyedia"]
    first = writer.HEADER_ROW + 1
    assert ws.tables["KinerjaPenyedia"].ref.endswith(str(first + writer.OPEN_ROWS - 1))
    assert ws.cell(first, 1).value is None and ws.cell(first, 1).protection.locked is False
    assert reader.read_form(f5).tables["KinerjaPenyedia"].values.empty


def test_deadline_and_next_period():
    assert periods.deadline(Period(2024, 1), 15) == dt.date(2024, 5, 15)
    assert periods.deadline(Period(2024, 4), 15) == dt.date(2025, 1, 15)
    assert periods.deadline(Period(2024, 3), 31) == dt.date(2024, 11, 30)
    assert collection.next_period(Period(2024, 2)) == Period(2024, 3)
    assert collection.next_period(Period(2024)) == Period(2025, 1)
    assert collection.next_period(Period(2024, 4)) == Period(2025, 1)


def test_action_plan_progress_reads_the_quarter_or_the_whole_year():
    reports = pd.DataFrame({"kode_rencana_aksi": ["RA-1", "RA-1", "RA-2"], "triwulan": [1, 2, 2]})
    assert collection.period_action_plans(reports, Period(2024, 2)).index.tolist() == [1, 2]
    assert collection.period_action_plans(reports, Period(2024, 3)).empty
    assert collection.period_action_plans(reports, Period(2024)).index.tolist() == [0, 1, 2]


def test_cli_forms(register_60_packages, tmp_path):
    done = subprocess.run([sys.executable, "-m", "kinerja", "forms", "--params",
                           str(register_60_packages.params_file), "--period", "2024-TW2", "--out",
                           str(tmp_path / "f")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    names = [p.name for p in (tmp_path / "f").iterdir()]
    assert any(n.startswith("F4_PPK_") for n in names) and any(n.startswith("F8_POKJA_") for n in names)
    assert "Formulir Survei Teknis Triwulan II Tahun 2024" in done.stdout
    # the satisfaction stage's blank F12/F13 come along (kinerja.formulir.satisfaction_forms.write_form)
    assert {"F12_Formulir_Kepuasan_Internal_2024-TW2.xlsx",
            "F13_Formulir_Kepuasan_Eksternal_2024-TW2.xlsx"} <= set(names)
    bad = subprocess.run([sys.executable, "-m", "kinerja", "forms", "--params",
                          str(register_60_packages.params_file), "--period", "2024", "--out", str(tmp_path / "g")],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "triwulan" in bad.stderr and "Traceback" not in bad.stderr
