"""IKM per PermenPANRB 14/2017: the published worked example, the band edges, blank and bad
answers, Krejcie–Morgan, the bootstrap interval, the F14 worksheet's live formulas recomputed by
an independent evaluator, the F12/F13 forms round trip, the demo responses and the stage
notebook executed by papermill on small data."""

import json
import subprocess
import sys

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml
from conftest import PARAMS
from kinerja.core import config, paths
from kinerja.demo import demo_kepuasan
from kinerja.demo import generate as demo
from kinerja.formulir import answers
from kinerja.formulir import satisfaction_forms as forms
from kinerja.inputs import surveys
from kinerja.methods import satisfaction as sat
from kinerja.render import kertas_kerja

WORKED_TOTALS = (105, 101, 100, 116, 102, 105, 106, 105, 115)  # Σ 955, 29 respondents


def matrix(column_totals, respondents: int) -> pd.DataFrame:
    """Answers 1–4 with the given column totals (each column: base value, some one higher)."""
    cols = {}
    for u, total in zip(sat.UNSUR, column_totals):
        base, extra = divmod(total, respondents)
        cols[u] = [base + 1] * extra + [base] * (respondents - extra)
    frame = pd.DataFrame(cols).astype("Int64")
    assert frame.sum().tolist() == list(column_totals) and frame.isin([1, 2, 3, 4]).all().all()
    return frame


def with_total(respondents: int, total: int) -> pd.DataFrame:
    """respondents × 9 answers summing to `total` (all answered)."""
    base, extra = divmod(total, respondents * 9)
    flat = np.full(respondents * 9, base)
    flat[:extra] += 1
    return pd.DataFrame(flat.reshape(respondents, 9), columns=list(sat.UNSUR)).astype("Int64")


def responses(frame: pd.DataFrame, kelompok: str, prefix: str) -> pd.DataFrame:
    out = frame.copy()
    out.insert(0, "kelompok", kelompok)
    out.insert(1, "kode_responden", [f"{prefix}-{i:03d}" for i in range(1, len(out) + 1)])
    return out


def random_answers(n: int, seed: int, blank: float = 0.05) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    a = rng.choice([1, 2, 3, 4], size=(n, 9), p=[0.03, 0.17, 0.55, 0.25]).astype(float)
    a[rng.random((n, 9)) < blank] = np.nan
    a[: n // 2, 7] = np.nan  # half never filed a complaint: U8 answered by the other half only
    return pd.DataFrame(a, columns=list(sat.UNSUR)).astype("Int64")


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "kinerja", *map(str, args)], capture_output=True,
                          text=True)


# --------------------------------------------------------------------------- the method

def test_published_worked_example_exact_weight_gives_91_48_A():
    result = sat.index(matrix(WORKED_TOTALS, 29))
    assert result.responden == 29 and result.unsur_dinilai == 9
    assert result.nrr["nrr"].tolist() == pytest.approx([t / 29 for t in WORKED_TOTALS])
    assert result.ikm == pytest.approx(955 / (29 * 9))
    assert result.ikm_konversi == pytest.approx(955 / (29 * 9) * 25)
    assert round(result.ikm_konversi, 2) == 91.48
    assert (result.mutu, result.kinerja) == ("A", "Sangat baik")


def test_published_worked_example_printed_weight_gives_90_56_A():
    result = sat.index(matrix(WORKED_TOTALS, 29), bobot="0,11")
    assert result.w == 0.11
    assert round(result.ikm_konversi, 2) == 90.56 and result.mutu == "A"
    with pytest.raises(ValueError, match="sembilan unsur"):
        sat.index(matrix(WORKED_TOTALS, 29).assign(U4=pd.NA), bobot="0,11")


@pytest.mark.parametrize("konversi, grade", [
    (25.0, "D"), (64.99, "D"), (64.9900001, "C"), (64.995, "C"), (65.0, "C"),
    (76.60, "C"), (76.6000001, "B"), (76.605, "B"), (76.61, "B"),
    (88.30, "B"), (88.305, "A"), (88.31, "A"), (100.0, "A")])
def test_band_edges_upper_edge_inclusive_and_gaps_go_up(konversi, grade):
    assert sat.mutu(konversi) == grade
    assert sat.kinerja(grade) == sat.KINERJA[grade]


@pytest.mark.parametrize("respondents, total, konversi, grade", [
    (2500, 58491, 64.99, "D"), (125, 3447, 76.60, "C"), (250, 7947, 88.30, "B")])
def test_exact_edge_from_data_is_not_pushed_up_by_float_noise(respondents, total, konversi, grade):
    answers = with_total(respondents, total)
    result = sat.index(answers)
    assert result.ikm_konversi == pytest.approx(konversi, abs=1e-9)
    assert result.mutu == grade
    # the trap: summing NRR × (1/9) in floats lands a hair above 76,60
    if konversi == 76.60:
        assert sum(result.nrr["nrr"] * (1 / 9)) * 25 > 76.60


def test_blank_answer_is_not_answered_and_nobody_is_dropped():
    answers = pd.DataFrame({u: [4, 3, 2] for u in sat.UNSUR}).astype("Int64")
    answers.loc[0, "U3"] = pd.NA            # respondent 1 skipped U3 only
    answers.loc[3] = pd.NA                  # an empty row is nobody's response
    result = sat.index(answers)
    table = result.nrr.set_index("unsur")
    assert result.responden == 3
    assert table.loc["U3", "dijawab"] == 2 and table.loc["U3", "nrr"] == pytest.approx(2.5)
    assert table.loc["U1", "dijawab"] == 3 and table.loc["U1", "nrr"] == pytest.approx(3.0)
    assert result.ikm == pytest.approx((8 * 3.0 + 2.5) / 9)
    # neither "blank = 0" nor "drop incomplete respondents"
    assert result.ikm != pytest.approx((8 * 3.0 + 5 / 3) / 9)
    assert result.ikm != pytest.approx((8 * 2.5 + 2.5) / 9)


def test_an_unsur_nobody_answered_is_left_out_of_n():
    answers = matrix(WORKED_TOTALS, 29).assign(U4=pd.NA)
    result = sat.index(answers)
    assert result.unsur_dinilai == 8 and result.w == pytest.approx(1 / 8)
    others = [t for u, t in zip(sat.UNSUR, WORKED_TOTALS) if u != "U4"]
    assert result.ikm == pytest.approx(sum(others) / 29 / 8)


@pytest.mark.parametrize("populasi, sampel", [
    (50, 44), (100, 80), (200, 132), (300, 169), (500, 217), (1000, 278), (2000, 322),
    (5000, 357), (10000, 370), (1_000_000, 384)])
def test_krejcie_morgan_table(populasi, sampel):
    assert sat.minimum_sample(populasi) == sampel


def test_summary_flags_a_short_sample():
    rows = pd.concat([responses(random_answers(180, 1), "internal", "I"),
                      responses(random_answers(150, 2), "eksternal", "E")])
    table = sat.summary(rows, populasi={"internal": 300, "eksternal": 500}, ulangan=200)
    table = table.set_index("kelompok")
    assert table.loc["internal", "sampel_minimum"] == 169 and table.loc["internal", "sampel_cukup"]
    assert table.loc["eksternal", "sampel_minimum"] == 217
    assert not table.loc["eksternal", "sampel_cukup"]


def test_bootstrap_interval_contains_ikm_and_is_reproducible():
    answers = random_answers(150, 3)
    konversi = sat.index(answers).ikm_konversi
    low, high = sat.bootstrap(answers, seed=11)
    assert low < konversi < high and 0 < high - low < 10
    assert sat.bootstrap(answers, seed=11) == (low, high)
    assert sat.bootstrap(answers, seed=12) != (low, high)
    exact_low, exact_high = sat.bootstrap(matrix(WORKED_TOTALS, 29), seed=11)
    assert exact_low <= 955 / 261 * 25 <= exact_high
    # more respondents from the same answers: a narrower interval
    wide = high - low
    low4, high4 = sat.bootstrap(pd.concat([answers] * 4, ignore_index=True), seed=11)
    assert high4 - low4 < wide


def test_weakest_unsur_ranked_with_follow_up():
    rows = responses(matrix(WORKED_TOTALS, 29), "internal", "I")
    weak = sat.weakest(sat.nrr_table(rows))
    assert weak["unsur"].tolist() == ["U3", "U2", "U5"] and weak["peringkat"].tolist() == [1, 2, 3]
    assert weak["tindak_lanjut"].str.len().gt(20).all()


def _answers(kelompok: str, satker: list, values: list[int]) -> pd.DataFrame:
    """One respondent per value, answering every unsur with it."""
    return pd.DataFrame([{"kelompok": kelompok, "nama_satker": s} | dict.fromkeys(sat.UNSUR, v)
                         for s, v in zip(satker, values)]).astype(dict.fromkeys(sat.UNSUR, "Int64"))


@pytest.fixture
def answers_two_years():
    """2024: internal OPD A (answers 3 and 4) and OPD B (3 and 3), one external customer (2);
    2023: no answers."""
    this = pd.concat([_answers("internal", ["A", "A", "B", "B"], [3, 4, 3, 3]),
                      _answers("eksternal", [None], [2])], ignore_index=True)
    return {2024: this, 2023: this.iloc[:0]}


def test_summary_and_nrr_by_year_skip_a_year_without_answers(answers_two_years):
    ikm = sat.summary_by_year(answers_two_years)
    assert ikm[["kelompok", "tahun", "responden", "mutu"]].values.tolist() == [["eksternal", 2024, 1, "D"],
                                                                               ["internal", 2024, 4, "B"]]
    assert ikm["ikm_konversi"].tolist() == pytest.approx([50.0, 81.25])
    nrr = sat.nrr_by_year(answers_two_years)
    assert len(nrr) == 18 and set(nrr["tahun"]) == {2024}
    assert sat.nrr_of_year(nrr, 2024).equals(nrr) and sat.nrr_of_year(nrr, 2023).empty
    # no answers at all: the first year's empty table, with its columns
    empty = sat.nrr_by_year({2025: answers_two_years[2023], 2024: answers_two_years[2023]})
    assert empty.empty and empty.columns.tolist() == ["kelompok", "unsur", "nama", "jumlah", "dijawab", "nrr",
                                                      "konversi", "mutu", "tahun"]


def test_opd_summary_counts_internal_customers_only(answers_two_years):
    per_opd = sat.opd_summary(answers_two_years[2024])
    assert per_opd[["kelompok", "nama_satker", "responden", "mutu"]].values.tolist() == [["internal", "A", 2, "B"],
                                                                                         ["internal", "B", 2, "C"]]
    assert per_opd["ikm_konversi"].tolist() == pytest.approx([87.5, 75.0])


def test_nrr_wide_has_one_row_per_unsur_and_columns_per_group(answers_two_years):
    wide = sat.nrr_wide(sat.nrr_table(answers_two_years[2024]))
    assert wide.columns.tolist() == ["unsur", "nama", "nrr_eksternal", "nrr_internal", "konversi_eksternal",
                                     "konversi_internal", "mutu_eksternal", "mutu_internal"]
    assert wide.iloc[0].tolist() == ["U1", "Persyaratan", 2.0, 3.25, 50.0, 81.25, "D", "B"]
    assert wide["unsur"].tolist() == list(sat.UNSUR)


# --------------------------------------------------------------------------- the command

def write_csv(path, answers: pd.DataFrame, extra=True):
    frame = answers.copy()
    if extra:
        frame.insert(0, "catatan", "x")  # other columns are ignored
    frame.to_csv(path, index=False)
    return path


def test_cli_json_reproduces_worked_example(tmp_path):
    path = write_csv(tmp_path / "contoh.csv", matrix(WORKED_TOTALS, 29))
    done = run_cli("ikm", path, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["responden"] == 29 and set(out["nrr"]) == set(sat.UNSUR)
    assert out["nrr"]["U4"] == pytest.approx(116 / 29)
    assert out["ikm"] == pytest.approx(955 / 261) and 1 <= out["ikm"] <= 4
    assert round(out["ikm_konversi"], 2) == 91.48 and out["mutu"] == "A"
    assert out["kinerja"] == "Sangat baik" and out["bobot"] == {"cara": "1/n", "nilai": 1 / 9}
    assert out["interval_95"]["bawah"] <= out["ikm_konversi"] <= out["interval_95"]["atas"]
    printed = run_cli("ikm", path, "--json", "--bobot", "0,11")
    assert round(json.loads(printed.stdout)["ikm_konversi"], 2) == 90.56


def test_cli_text_is_indonesian(tmp_path):
    done = run_cli("ikm", write_csv(tmp_path / "contoh.csv", matrix(WORKED_TOTALS, 29)))
    assert done.returncode == 0
    assert "IKM konversi   : 91,48" in done.stdout and "Mutu pelayanan : A (Sangat baik)" in done.stdout
    assert "Selang kepercayaan 95%" in done.stdout and "1/9" in done.stdout


def test_cli_blank_answers(tmp_path):
    path = tmp_path / "kosong.csv"
    path.write_text("U1,U2,U3,U4,U5,U6,U7,U8,U9\n4,4,4,4,4,4,4,,4\n2,2,2,2,2,2,2,2,2\n,,,,,,,,\n",
                    encoding="utf-8")
    out = json.loads(run_cli("ikm", path, "--json").stdout)
    assert out["responden"] == 2 and out["dijawab"]["U8"] == 1 and out["nrr"]["U8"] == 2.0
    assert out["ikm"] == pytest.approx((8 * 3 + 2) / 9)


@pytest.mark.parametrize("value, reason", [("5", "di luar rentang 1–4"), ("0", "di luar rentang"),
                                           ("baik", "bukan angka"), ("2.5", "bukan bilangan bulat")])
def test_cli_bad_answer_exit_2_names_row_and_unsur(tmp_path, value, reason):
    path = tmp_path / "salah.csv"
    path.write_text("nama,U1,U2,U3,U4,U5,U6,U7,U8,U9\n"
                    "a,3,3,3,3,3,3,3,3,3\n"
                    "b,3,3,3,3,3,3,3,3,3\n"
                    f"c,3,3,{value},3,3,3,3,3,3\n", encoding="utf-8")
    done = run_cli("ikm", path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert "baris 4, unsur U3" in done.stderr and reason in done.stderr


def test_cli_xlsx_formula_where_answer_belongs_is_rejected(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(list(sat.UNSUR))
    ws.append([3] * 9)
    ws.append([3, 3, 3, 3, 3, 3, 3, 3, "=2+2"])
    book.save(tmp_path / "rumus.xlsx")
    done = run_cli("ikm", tmp_path / "rumus.xlsx")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "baris 3, unsur U9" in done.stderr and "rumus" in done.stderr
    ws["I3"] = 2
    book.save(tmp_path / "angka.xlsx")
    assert json.loads(run_cli("ikm", tmp_path / "angka.xlsx", "--json").stdout)["responden"] == 2


def test_cli_missing_file_or_columns_exit_2(tmp_path):
    done = run_cli("ikm", tmp_path / "tidak-ada.csv")
    assert done.returncode == 2 and "tidak ditemukan" in done.stderr
    (tmp_path / "kolom.csv").write_text("U1,U2\n3,4\n", encoding="utf-8")
    done = run_cli("ikm", tmp_path / "kolom.csv")
    assert done.returncode == 2 and "U3" in done.stderr and "Traceback" not in done.stderr


# --------------------------------------------------------------------------- Format 14

def evaluate(path) -> dict[str, object]:
    """Every cell of the workbook recomputed from its formulas by `formulas` (not by us)."""
    import formulas
    solution = formulas.ExcelModel().loads(str(path)).finish().calculate()
    out = {}
    for key, value in solution.items():
        if "]" not in key or ":" in key:
            continue
        sheet, cell = key.split("]", 1)[1].split("!")
        v = value.value[0][0] if hasattr(value, "value") else value
        out[f"{sheet.strip(chr(39)).upper()}!{cell}"] = v.item() if hasattr(v, "item") else v
    return out


def labelled_rows(path, sheet: str) -> dict[str, int]:
    ws = openpyxl.load_workbook(path)[sheet]
    return {ws.cell(r, 2).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value}


@pytest.mark.parametrize("bobot, internal", [
    ("1/n", matrix(WORKED_TOTALS, 29)), ("0,11", matrix(WORKED_TOTALS, 29)),
    ("1/n", with_total(125, 3447))])
def test_f14_live_formulas_equal_python(tmp_path, bobot, internal):
    params = config.load(PARAMS)
    params = params.model_copy(update={"metode": params.metode.model_copy(update={"bobot_ikm": bobot})})
    rows = pd.concat([responses(internal, "internal", "I"),
                      responses(random_answers(40, 5), "eksternal", "E")], ignore_index=True)
    path = kertas_kerja.write_worksheet(tmp_path / "F14.xlsx", rows, params, "2024")
    values = evaluate(path)
    for kelompok, label in sat.KELOMPOK.items():
        group = rows[rows["kelompok"] == kelompok]
        expected = sat.index(group, bobot)
        at = labelled_rows(path, label)
        cell = lambda key, col="C": values[f"{label.upper()}!{col}{at[kertas_kerja.F14_LABELS[key]]}"]  # noqa: E731
        assert cell("responden") == expected.responden
        assert cell("n") == expected.unsur_dinilai
        assert cell("ikm") == pytest.approx(expected.ikm, abs=1e-12)
        assert cell("konversi") == pytest.approx(expected.ikm_konversi, abs=1e-10)
        assert cell("mutu") == expected.mutu and cell("kinerja") == expected.kinerja
        assert cell("minimum") == sat.minimum_sample(
            params.metode.populasi_responden_internal if kelompok == "internal"
            else params.metode.populasi_responden_eksternal)
        for j, r in enumerate(expected.nrr.itertuples()):
            col = "CDEFGHIJK"[j]
            assert cell("jumlah", col) == r.jumlah and cell("dijawab", col) == r.dijawab
            assert cell("nrr", col) == pytest.approx(r.nrr, abs=1e-12)
            assert cell("mutu_unsur", col) == r.mutu
        assert cell("cukup") == ("Ya" if expected.responden >= cell("minimum") else "Tidak")
    ring = openpyxl.load_workbook(path)["Ringkasan"]
    assert values["RINGKASAN!F6"] == pytest.approx(sat.index(internal, bobot).ikm_konversi)
    stated = ring["A3"].value
    assert ("0,11" in stated) if bobot == "0,11" else ("1/n" in stated and "0,11" not in stated)


def test_f14_cells_are_formulas_and_state_the_weight(tmp_path):
    params = config.load(PARAMS)
    rows = responses(matrix(WORKED_TOTALS, 29), "internal", "I")
    path = kertas_kerja.write_worksheet(tmp_path / "F14.xlsx", rows, params, "2024")
    book = openpyxl.load_workbook(path)
    ws, at = book["Internal"], labelled_rows(path, "Internal")
    assert ws[f"C{at[kertas_kerja.F14_LABELS['ikm']]}"].value.startswith("=SUM(")
    assert "IF(" in ws[f"C{at[kertas_kerja.F14_LABELS['mutu']]}"].value
    assert ws[f"C{at[kertas_kerja.F14_LABELS['nrr']]}"].value.startswith("=IF(")
    assert "1/n" in ws["A3"].value and "1/n" in ws[f"C{at[kertas_kerja.F14_LABELS['cara']]}"].value
    assert "Eksternal" not in book.sheetnames  # no data, no sheet
    assert book["Ringkasan"]["B7"].value == "belum ada data"


# --------------------------------------------------------------------------- F12 / F13

@pytest.fixture(scope="module")
def sample_rows(tmp_path_factory):
    folder = tmp_path_factory.mktemp("survei")
    demo_kepuasan.generate(folder, 2024, seed=3, opd=[n for _, n in demo.OPD][:10])
    return sat.clean(surveys.from_folder(folder, "kepuasan", 2024))


@pytest.mark.parametrize("kelompok, code", [("internal", "F12"), ("eksternal", "F13")])
def test_form_written_then_read_back_unchanged(tmp_path, sample_rows, kelompok, code):
    params = config.load(PARAMS)
    given = sample_rows[sample_rows["kelompok"] == kelompok].reset_index(drop=True)
    path = forms.write_form(tmp_path / f"{code}.xlsx", kelompok, params, "2024", responses=given,
                            opd=[n for _, n in demo.OPD][:10])
    rows, rejections = forms.read_form(path)
    assert rejections.empty and list(rows.columns) == list(surveys.COLUMNS["kepuasan"])
    pd.testing.assert_frame_equal(rows.reset_index(drop=True), given, check_dtype=False)
    assert rows.index[0] == forms.HEADER_ROW + 1  # index = spreadsheet row
    assert sat.index(rows).ikm == pytest.approx(sat.index(given).ikm)


def test_internal_form_offers_the_opd_with_packages_in_the_year():
    packages = pd.DataFrame({"tahun_anggaran": [2024, 2024, 2024, 2023, 2024],
                             "nama_satker": ["Dinas B", "Dinas A", "Dinas B", "Dinas C", None]})
    assert forms.opd_names(packages, 2024) == ["Dinas A", "Dinas B"]
    assert forms.opd_names(packages, 2025) is None  # free text


def test_responses_are_loaded_per_year_in_the_order_asked(monkeypatch):
    monkeypatch.setattr(answers, "load_responses", lambda ctx, year: f"{ctx}:{year}")
    assert list(answers.load_years("ctx", (2024, 2023)).items()) == [(2024, "ctx:2024"), (2023, "ctx:2023")]


@pytest.mark.parametrize("kelompok, code", [("internal", "F12"), ("eksternal", "F13")])
def test_blank_form_has_table_validation_metadata_and_questions(tmp_path, kelompok, code):
    params = config.load(PARAMS)
    path = forms.write_form(tmp_path / "f.xlsx", kelompok, params, "2025")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == [forms.GUIDE, forms.SHEET]
    meta = {r[0]: r[1] for r in book[forms.META].iter_rows(values_only=True)}
    assert book[forms.META].sheet_state == "hidden"
    assert meta["format"] == code and meta["periode"] == "2025" and meta["kelompok"] == kelompok
    assert meta["versi_skema"] == forms.SCHEMA_VERSION
    ws = book[forms.SHEET]
    table = ws.tables[forms.TABLE]
    headers = [c.value for c in ws[table.ref][0]]
    assert [h for h in headers if h in sat.UNSUR] == list(sat.UNSUR)
    assert ("OPD / Perangkat Daerah" in headers) == (kelompok == "internal")
    assert table.ref.endswith(str(forms.HEADER_ROW + forms.ROWS))
    whole = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole"]
    assert len(whole) == 9 and all((dv.formula1, dv.formula2) == ("1", "4") for dv in whole)
    covered = {str(r) for dv in whole for r in dv.sqref.ranges}
    first, last = forms.HEADER_ROW + 1, forms.HEADER_ROW + forms.ROWS
    for j, h in enumerate(headers, start=1):
        if h in sat.UNSUR:
            letter = openpyxl.utils.get_column_letter(j)
            assert f"{letter}{first}:{letter}{last}" in covered
    assert any(dv.type == "list" for dv in ws.data_validations.dataValidation)
    guide = " ".join(str(c.value) for row in book[forms.GUIDE].iter_rows() for c in row if c.value)
    assert "PermenPANRB" in guide or "PANRB" in guide
    assert all(forms.QUESTIONS[kelompok][u] in guide for u in sat.UNSUR)
    assert "Gratis" in guide and "Sangat sesuai" in guide
    rows, rejections = forms.read_form(path)
    assert rows.empty and rejections.empty


def test_filled_form_rejections_in_indonesian(tmp_path):
    params = config.load(PARAMS)
    path = forms.write_form(tmp_path / "F12.xlsx", "internal", params, "2025", opd=["Dinas A"])
    book = openpyxl.load_workbook(path)
    ws = book[forms.SHEET]
    col = {c.value: c.column for c in ws[forms.HEADER_ROW]}
    r0 = forms.HEADER_ROW + 1

    def fill(row, answers, **profile):
        for u, v in zip(sat.UNSUR, answers):
            ws.cell(row, col[u], v)
        for name, v in profile.items():
            ws.cell(row, col[name]).value = v

    fill(r0, [3, 4, 3, 3, None, 3, 3, 3, 3], **{"Jenis responden": "PPK", "OPD / Perangkat Daerah": "Dinas A"})
    fill(r0 + 1, [3, 3, "=1+2", 3, 3, 3, 3, 3, 3])
    fill(r0 + 2, [3, 3, 3, 3, 3, 3, 7, 3, 3])
    fill(r0 + 3, [3] * 9, **{"Jenis kelamin": "Pria"})
    fill(r0 + 5, ["tiga"] + [3] * 8)
    fill(r0 + 6, [3] * 9, **{"OPD / Perangkat Daerah": "Dinas Z"})   # not in the form's list
    fill(r0 + 7, [2] * 9, **{"Kode responden": None})                # the key emptied
    book.save(path)
    rows, rejections = forms.read_form(path)
    assert rows.index.tolist() == [r0]
    assert rows.loc[r0, "U5"] is pd.NA and rows.loc[r0, "nama_satker"] == "Dinas A"
    assert rows.loc[r0, "kelompok"] == "internal" and rows.loc[r0, "tahun_anggaran"] == 2025
    got = {(r.row, r.column): r.reason for r in rejections.itertuples()}
    assert got == {(r0 + 1, "U3"): "berisi rumus (formula); isikan nilai, bukan rumus",
                   (r0 + 2, "U7"): "di luar rentang 1–4",
                   (r0 + 3, "jenis_kelamin"): "bukan pilihan yang sah (pilihan: Laki-laki, "
                                              "Perempuan)",
                   (r0 + 5, "U1"): "bukan bilangan bulat",
                   (r0 + 6, "nama_satker"): "bukan pilihan yang sah (pilihan: Dinas A)",
                   (r0 + 7, "kode_responden"): "wajib diisi (Kode responden)"}
    assert set(rejections["sheet"]) == {forms.SHEET}
    assert {r.row: r.sel for r in rejections.itertuples()}[r0 + 7] == f"A{r0 + 7}"
    assert list(rejections.columns[:5]) == ["sheet", "row", "column", "value", "reason"]


def test_next_period():
    from kinerja.core.periods import Period

    assert forms.next_period("2024") == Period(2025)
    assert forms.next_period("2024-TW4") == Period(2025, 1)
    assert forms.next_period("2024-TW2") == Period(2024, 3)


# --------------------------------------------------------------------------- demo data

def test_demo_responses_deterministic_and_realistic(tmp_path):
    opd = [n for _, n in demo.OPD]
    a = demo_kepuasan.generate(tmp_path / "a", 2024, seed=5, opd=opd)[0]
    b = demo_kepuasan.generate(tmp_path / "b", 2024, seed=5, opd=opd)[0]
    assert a.name == "kepuasan_2024.csv" and a.read_bytes() == b.read_bytes()
    demo_kepuasan.generate(tmp_path / "a", 2023, seed=5, opd=opd)
    raw = surveys.from_folder(tmp_path / "a", "kepuasan", 2024)
    assert tuple(raw.columns) == surveys.COLUMNS["kepuasan"]
    rows = sat.clean(raw)
    counts = rows["kelompok"].value_counts()
    assert 160 <= counts["internal"] <= 200 and 130 <= counts["eksternal"] <= 170
    assert set(rows.loc[rows["kelompok"] == "internal", "nama_satker"]) <= set(opd)
    values = pd.Series(rows[list(sat.UNSUR)].to_numpy().ravel())
    share = values.value_counts(normalize=True, dropna=False)
    assert share[3] > 0.4 and share[3] == share.max() and 0 < share[1] < 0.02
    assert 0 < values.isna().mean() < 0.03
    before = sat.summary(sat.clean(surveys.from_folder(tmp_path / "a", "kepuasan", 2023)),
                         ulangan=10).set_index("kelompok")
    after = sat.summary(rows, ulangan=10).set_index("kelompok")
    assert (after["ikm"] > before["ikm"]).all()


# --------------------------------------------------------------------------- notebook

@pytest.fixture(scope="module")
def kepuasan_demo_params_file(tmp_path_factory):
    base = tmp_path_factory.mktemp("kepuasan")
    demo.generate(base / "register", year=2024, packages=200, seed=7)
    opd = [n for _, n in demo.OPD]
    for year in (2023, 2024):
        demo_kepuasan.generate(base / "survei", year, seed=7, opd=opd)
    raw = yaml.safe_load(PARAMS.read_text(encoding="utf-8"))
    raw["data"] = {"register_paket": [str(base / "register")], "store": str(base / "kinerja.duckdb"),
                   "survei": str(base / "survei")}
    path = base / "kecil-2024.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_notebook_runs_and_its_results_match_the_library(kepuasan_demo_params_file, tmp_path):
    import papermill

    out = tmp_path / "keluaran"
    out.mkdir()
    papermill.execute_notebook(
        str(paths.NOTEBOOKS / "03_kepuasan.ipynb"), str(out / "03_kepuasan.ipynb"),
        parameters={"params_file": str(kepuasan_demo_params_file), "periode": "2024", "store": None,
                    "output_dir": str(out)},
        kernel_name="python3", cwd=str(paths.ROOT), progress_bar=False)
    artefacts = [json.loads(line) for line in (out / "artifacts.jsonl").read_text().splitlines()]
    assert {a["format"] for a in artefacts} == {"F12", "F13", "F14"}
    for a in artefacts:
        assert (out / a["path"].rsplit("/", 1)[-1]).exists()
    params = config.load(kepuasan_demo_params_file)
    rows = sat.clean(surveys.from_folder(params.survey_dir, "kepuasan", 2024))
    expected = sat.summary(rows, bobot=params.metode.bobot_ikm).set_index("kelompok")
    ikm = pd.read_parquet(out / "hasil" / "03_ikm.parquet")
    now = ikm[ikm["tahun"] == 2024].set_index("kelompok")
    assert set(ikm["tahun"]) == {2023, 2024}
    for k in ("internal", "eksternal"):
        assert now.loc[k, "ikm_konversi"] == pytest.approx(expected.loc[k, "ikm_konversi"])
        assert now.loc[k, "mutu"] == expected.loc[k, "mutu"]
        assert now.loc[k, "ci_bawah"] < now.loc[k, "ikm_konversi"] < now.loc[k, "ci_atas"]
    assert not now.loc["eksternal", "sampel_cukup"]  # ~150 providers < 217 for N = 500
    nrr = pd.read_parquet(out / "hasil" / "03_nrr.parquet")
    assert len(nrr) == 2 * 2 * 9
    f14 = next(out.glob("F14_*.xlsx"))
    at = labelled_rows(f14, "Internal")
    assert openpyxl.load_workbook(f14)["Internal"][f"C{at[kertas_kerja.F14_LABELS['ikm']]}"].value.startswith("=")
    executed = json.loads((out / "03_kepuasan.ipynb").read_text())
    errors = [o for c in executed["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    text = json.dumps(executed)
    assert "IKM konversi" in text and "Krejcie" in text


def test_cli_reads_a_filled_form_by_its_answers_only(tmp_path):
    params = config.load(PARAMS)
    given = responses(matrix(WORKED_TOTALS, 29), "eksternal", "E")
    path = forms.write_form(tmp_path / "F13.xlsx", "eksternal", params, "2024", responses=given)
    book = openpyxl.load_workbook(path)
    ws = book[forms.SHEET]
    col = {c.value: c.column for c in ws[forms.HEADER_ROW]}
    ws.cell(forms.HEADER_ROW + 3, col["Jenis kelamin"], "Pria")  # not a list choice: ignored here
    book.save(path)
    out = json.loads(run_cli("ikm", path, "--json").stdout)
    assert out["responden"] == 29 and round(out["ikm_konversi"], 2) == 91.48
    ws.cell(forms.HEADER_ROW + 2, col["U6"], 9)
    book.save(path)
    done = run_cli("ikm", path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"baris {forms.HEADER_ROW + 2}, unsur U6" in done.stderr
