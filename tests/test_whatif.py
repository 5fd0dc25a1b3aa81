"""What-if targets (lib/kinerja/whatif.py, notebooks/whatif_target.ipynb, `kinerja whatif`).

The widgets are driven in-process (set a slider, read the status table), the saved parameter
file is loaded and used by `kinerja kpi`, the notebook runs under papermill, and the Voilà page
is opened in headless Chromium. Everything runs on a demo register + survey folder generated
into a temporary folder, with a parameter file copied there, so no test touches data/ or
parameters/.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from browser import chromium, console_errors
from kinerja.apps import scenario, whatif_app
from kinerja.core import config, paths
from kinerja.demo import generate as demo
from kinerja.methods import indicators, provider_scores, providers, whatif
from kinerja.pipeline import workbook

# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def demo_params(tmp_path_factory) -> Path:
    """A copy of the shipped parameter file pointing at a demo register and survey folder
    generated in a temporary folder, with its own store."""
    base = tmp_path_factory.mktemp("whatif")
    sample = base / "sample"
    demo.generate(sample, year=2024)
    demo.generate_surveys(sample, year=2024)
    text = paths.DEFAULT_PARAMS.read_text(encoding="utf-8")
    assert "\n    - data/sample\n" in text
    text = text.replace("\n    - data/sample\n", f"\n    - '{sample}'\n", 1)
    text = scenario.set_value(text, ("data", "store"), f"'{base / 'kinerja.duckdb'}'")
    text = scenario.set_value(text, ("data", "formulir"), "null")
    text = scenario.set_value(text, ("data", "survei"), f"'{sample / 'survei'}'")
    folder = base / "parameters"
    folder.mkdir()
    path = folder / "demo-2024.yaml"
    path.write_text(text, encoding="utf-8")
    config.load(path)
    return path


@pytest.fixture(scope="module")
def ctx(demo_params, tmp_path_factory):
    return workbook.context(demo_params, "2024", output=tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def measures(ctx):
    return {}  # period -> whatif.Measures, shared: the sliders never change them


@pytest.fixture
def app(ctx, measures):
    a = whatif_app.App(ctx=ctx, cache=measures)
    assert a.error is None, a.error
    return a


def row(app, kode):
    return app.result.set_index("kode").loc[kode]


def table_row(app, kode) -> str:
    return re.search(rf'<tr data-kode="{kode}">(.*?)</tr>', app.table.value).group(1)


# --------------------------------------------------------------------------- widgets

def test_moving_a_target_slider_changes_the_status_table_at_once(app):
    r = row(app, "IKP-11")  # kontrak tepat waktu, naik: realisation below the 90% target
    assert r["nilai"] < r["target"] and r["status"] != "Tercapai"
    before_html, before_opd = table_row(app, "IKP-11"), r["opd_memenuhi"]

    app.sliders["IKP-11"].value = float(np.floor(r["nilai"]) - 1)

    after = row(app, "IKP-11")
    assert after["status"] == "Tercapai"
    assert after["target"] == float(np.floor(r["nilai"]) - 1)
    assert after["opd_memenuhi"] > before_opd
    assert table_row(app, "IKP-11") != before_html and "Tercapai" in table_row(app, "IKP-11")
    assert "(berkas: 90,00%)" in app.slider_text["IKP-11"].value  # Indonesian number format
    assert app.messages.value == ""


def test_every_indicator_shown_carries_its_printed_definition(app, ctx):
    """The what-if page prints each indicator's definition with the text of F3 and F15."""
    for ind in ctx.params.indikator:
        text = indicators.definisi_buku_kerja(ind, ctx.params.area_strategis)
        assert row(app, ind.kode)["definisi"] == text
        assert html.escape(text) in app.table.value


def test_each_change_takes_well_under_a_fifth_of_a_second(app):
    seconds = []
    for value in (70, 75, 80, 85, 90, 95, 88, 82):
        app.sliders["IKP-08"].value = value
        seconds.append(app.last_seconds)
    for value in (0.0, 0.05, 0.15, 0.1):
        app.tolerance.value = value
        seconds.append(app.last_seconds)
    print(f"what-if recomputation: median {statistics.median(seconds):.4f} s, "
          f"max {max(seconds):.4f} s over {len(seconds)} changes")
    assert statistics.median(seconds) < 0.2


def test_tolerance_slider_moves_indicators_between_bands(app):
    assert (app.result["status"] == "Perlu perhatian").any()
    app.tolerance.value = 0.0
    assert not (app.result["status"] == "Perlu perhatian").any()
    app.tolerance.value = 0.5
    assert not (app.result["status"] == "Tidak tercapai").any()
    assert "50%" in app.tolerance_text.value


def test_counts_agree_with_the_batch_functions(app, ctx):
    """OPD counts = OPD whose own realisation (indicators.realisation by OPD) meets the target;
    provider counts = providers whose F6 mean score meets the provider-index target."""
    p = ctx.params
    by_opd = indicators.realisation(ctx.packages(), p.indikator, ctx.period, by="nama_satker",
                                    scope=p.metode.metode_dalam_lingkup, areas=p.area_strategis)
    ind = next(i for i in p.indikator if i.ukuran == "tender_gagal")  # turun
    own = by_opd[(by_opd["kode"] == ind.kode) & by_opd["nilai"].notna()]
    r = row(app, ind.kode)
    assert r["opd_jumlah"] == len(own)
    assert r["opd_memenuhi"] == int((own["nilai"] <= ind.target).sum())

    app.weights["kualitas"].value, app.weights["biaya"].value = 40, 10
    bobot = config.BobotPenyedia(kualitas=0.4, biaya=0.1, waktu=0.3, layanan=0.2)
    scored = providers.score(provider_scores.load(p, ctx.store, ctx.packages(), ctx.period).scored, bobot)
    recap = providers.provider_recap(scored)
    kinerja = next(i for i in p.indikator if i.ukuran == "nilai_kinerja_penyedia")
    r = row(app, kinerja.kode)
    assert r["penyedia_jumlah"] == len(recap) > 0
    assert r["penyedia_memenuhi"] == int((recap["nilai"] >= kinerja.target).sum())
    # the index as `kinerja kpi`, F15 and F16 give it: the exact mean package score
    assert r["nilai"] == pytest.approx(scored["nilai_x100"].sum() / 100 / len(scored))


def test_provider_weights_not_summing_to_100_are_reported_in_the_page(app):
    app.weights["layanan"].value = 30
    assert "berjumlah 110%" in app.messages.value and "harus 100%" in app.messages.value
    assert "harus 100%" in app.weight_total.value
    assert "bobot penyedia tidak berjumlah 100%" in table_row(app, "IKP-12")
    app.save_button.click()
    assert "Berkas tidak disimpan" in app.save_status.value
    app.weights["layanan"].value = 20
    assert app.messages.value == ""


def test_ikm_weight_option_uses_the_printed_0_11(app):
    exact = row(app, "IKP-13")["nilai"]
    app.ikm_weight.value = "0,11"
    assert row(app, "IKP-13")["nilai"] == pytest.approx(exact * 0.99)  # 9 × 0,11 = 0,99


def test_area_and_indicator_choice_filter_rows_and_sliders(app, ctx):
    app.area.value = "AS-02"
    codes = [i.kode for i in ctx.params.indikator if i.area == "AS-02"]
    assert list(app.result["kode"]) == codes
    assert len(app.target_box.children) == len(codes)
    app.indicator.value = codes[0]
    assert list(app.result["kode"]) == [codes[0]]
    app.area.value = whatif.ALL
    app.indicator.value = whatif.ALL
    assert len(app.result) == len(ctx.params.indikator)


def test_year_and_quarter_choice_recompute(app):
    whole = app.result.set_index("kode")["nilai"]
    app.quarter.value = 1
    assert app.period.label == "2024-TW1"
    assert not np.allclose(app.result.set_index("kode")["nilai"].iloc[:11], whole.iloc[:11])
    app.year.value = 2023
    assert app.period.label == "2023-TW1" and "Triwulan I Tahun 2023" in app.note.value


def test_reset_returns_to_the_parameter_file(app, ctx):
    app.sliders["IKP-01"].value = 3
    app.tolerance.value = 0.3
    app.reset.click()
    assert app.settings == whatif.Settings.from_params(ctx.params)
    assert row(app, "IKP-01")["target"] == 10.0


def test_an_unexpected_failure_is_shown_in_the_page(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("contoh kerusakan")

    monkeypatch.setattr(whatif, "evaluate", broken)
    app.sliders["IKP-02"].value = 7
    assert "Perhitungan ulang gagal" in app.messages.value
    assert "contoh kerusakan" in app.messages.value


def test_a_parameter_file_that_cannot_be_used_is_shown_in_the_page(tmp_path):
    a = whatif_app.App(tmp_path / "tidak-ada.yaml", "2024", output_dir=tmp_path)
    assert a.error and "tidak ditemukan" in a.error
    page = a.view()
    assert any("tidak ditemukan" in getattr(c, "value", "") for c in page.children)


# --------------------------------------------------------------------------- saving

def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_save_writes_a_new_parameter_file_that_kinerja_accepts(app, demo_params):
    original = sha(demo_params)
    app.sliders["IKP-11"].value = 85
    app.tolerance.value = 0.05
    app.weights["kualitas"].value, app.weights["biaya"].value = 35, 15
    app.ikm_weight.value = "0,11"
    app.save_name.value = "demo-2024-skenario-85"
    app.save_button.click()

    saved = demo_params.parent / "demo-2024-skenario-85.yaml"
    assert "Tersimpan" in app.save_status.value, app.save_status.value
    assert sha(demo_params) == original  # the original is never overwritten
    loaded = config.load(saved)
    assert next(i for i in loaded.indikator if i.kode == "IKP-11").target == 85
    assert loaded.metode.toleransi_status == 0.05
    assert loaded.metode.bobot_penyedia.kualitas == 0.35 and loaded.metode.bobot_penyedia.biaya == 0.15
    assert loaded.metode.bobot_ikm == "0,11"
    # only the chosen values changed: the rest of the text (comments included) is the original's
    new_lines = [x for x in saved.read_text(encoding="utf-8").splitlines() if not x.startswith("# ")]
    old_lines = [x for x in demo_params.read_text(encoding="utf-8").splitlines() if not x.startswith("# ")]
    assert len(new_lines) == len(old_lines)
    assert sum(a != b for a, b in zip(new_lines, old_lines)) == 5

    kpi = subprocess.run([str(Path(sys.executable).parent / "kinerja"), "kpi", "--params", str(saved),
                          "--period", "2024", "--json"], capture_output=True, text=True, timeout=300)
    assert kpi.returncode == 0, kpi.stderr

    # the same name again: refused in the page, the file stays as it was
    before = sha(saved)
    app.sliders["IKP-11"].value = 80
    app.save_button.click()
    assert "sudah ada" in app.save_status.value and sha(saved) == before

    # no name: a time-stamped file beside the original
    app.save_name.value = ""
    app.save_button.click()
    stamped = sorted(demo_params.parent.glob("demo-2024-whatif-*.yaml"))
    assert len(stamped) == 1 and config.load(stamped[0])
    assert re.fullmatch(r"demo-2024-whatif-\d{8}-\d{6}\.yaml", stamped[0].name)


def test_save_problems_are_reported_in_the_page(app, monkeypatch):
    app.save_name.value = "../keluar.yaml"
    app.save_button.click()
    assert "tidak sah" in app.save_status.value

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(scenario, "open", denied, raising=False)
    app.save_name.value = "tidak-boleh"
    app.save_button.click()
    assert "tidak dapat ditulisi" in app.save_status.value


def test_status_colours_are_the_charts_colours():
    from kinerja.render import charts

    assert whatif.COLORS == {k: charts.COLORS[k] for k in whatif.COLORS}


def test_a_period_without_survey_rows_shows_belum_ada_data(ctx, demo_params, tmp_path):
    text = scenario.set_value(demo_params.read_text(encoding="utf-8"), ("data", "survei"),
                            f"'{tmp_path / 'kosong'}'")
    (tmp_path / "kosong").mkdir()
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    a = whatif_app.App(ctx=workbook.context(tmp_path / "p.yaml", "2024", output=tmp_path / "out"))
    assert a.error is None and a.messages.value == ""
    for kode in ("IKP-12", "IKP-13", "IKP-14"):
        assert row(a, kode)["status"] == "Belum ada data"
    assert "belum ada penilaian penyedia" in table_row(a, "IKP-12")
    a.sliders["IKP-12"].value = 1.5
    assert row(a, "IKP-12")["status"] == "Belum ada data" and a.messages.value == ""


def test_set_value_keeps_the_text_and_adds_missing_keys():
    text = "a:\n  b: 1   # catatan\n  c:\n    d: 2\n# akhir\ne: [1]\nl:\n  - kode: X\n    t: 5\n"
    assert scenario.set_value(text, ("a", "b"), "7") == text.replace("b: 1", "b: 7")
    added = scenario.set_value(text, ("a", "c", "x"), "9")
    assert "    d: 2\n    x: 9\n# akhir" in added
    assert "  z:\n    y: 9\n# akhir" in scenario.set_value(text, ("a", "z", "y"), "9")
    assert scenario.set_value("m: {a: 1}\n", ("m", "b"), "2") == "m: {a: 1, b: 2}\n"
    assert "t: 6" in scenario.set_value(text, ("l", ("kode", "X"), "t"), "6")


# --------------------------------------------------------------------------- notebook

def _run_notebook(tmp_path, **parameters) -> Path:
    """The what-if notebook under papermill with `raise_errors=True`: a failure of the app
    (which the page would only show) stops the run."""
    import papermill

    env = {k: v for k, v in os.environ.items() if k.startswith("KINERJA_WHATIF_")}
    assert not env, "the Voilà variables must not leak into this test"
    out = tmp_path / "whatif_target.ipynb"
    papermill.execute_notebook(str(paths.NOTEBOOKS / "whatif_target.ipynb"), str(out),
                               parameters={"store": str(tmp_path / "t.duckdb"),
                                           "output_dir": str(tmp_path / "out"),
                                           "raise_errors": True, **parameters},
                               kernel_name="python3", cwd=str(paths.NOTEBOOKS), progress_bar=False)
    return out


def test_notebook_runs_top_to_bottom_under_papermill(tmp_path):
    import nbformat

    out = _run_notebook(tmp_path)
    nb = nbformat.read(out, as_version=4)
    mimes = [set(o.get("data", {})) for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert any("application/vnd.jupyter.widget-view+json" in m for m in mimes)
    assert not any(o.get("output_type") == "error" for c in nb.cells if c.cell_type == "code"
                   for o in c.outputs)


def test_the_notebook_run_fails_when_the_app_fails(tmp_path):
    from papermill.exceptions import PapermillExecutionError

    with pytest.raises(PapermillExecutionError, match="tidak ditemukan"):
        _run_notebook(tmp_path, params_file=str(tmp_path / "tidak-ada.yaml"))


def test_raise_errors_raises_what_the_page_would_show(app, tmp_path, monkeypatch):
    with pytest.raises(config.ParameterError, match="tidak ditemukan"):
        whatif_app.App(tmp_path / "tidak-ada.yaml", "2024", output_dir=tmp_path, raise_errors=True)

    def broken(*args, **kwargs):
        raise RuntimeError("contoh kerusakan")

    monkeypatch.setattr(whatif, "evaluate", broken)
    app.raise_errors = True
    with pytest.raises(RuntimeError, match="contoh kerusakan"):
        app.sliders["IKP-02"].value = 7


# --------------------------------------------------------------------------- Voilà

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_voila_page_renders_the_widgets_in_indonesian(demo_params, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    port = free_port()
    log = open(tmp_path / "voila.log", "w")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINERJA_WHATIF_")}
    started = time.perf_counter()
    server = subprocess.Popen([str(Path(sys.executable).parent / "kinerja"), "whatif", "--params",
                               str(demo_params), "--port", str(port)], stdout=log,
                              stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:  # wait for the port only: a GET would start a kernel of its own
            assert server.poll() is None, (tmp_path / "voila.log").read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "Voilà did not start"
                time.sleep(0.2)
        with chromium(1280, 2400) as driver:
            driver.get(f"http://127.0.0.1:{port}/")
            WebDriverWait(driver, 180).until(
                lambda d: d.find_elements(By.CSS_SELECTOR, ".whatif-tabel tr[data-kode]"))
            print(f"Voilà page with widgets after {time.perf_counter() - started:.1f} s")
            sliders = driver.find_elements(By.CSS_SELECTOR, ".widget-slider")
            assert len(sliders) >= 14 + 1 + 4  # targets, tolerance, provider weights
            text = driver.find_element(By.TAG_NAME, "body").text
            for label in ("Simulasi Target Indikator Kinerja", "Tahun anggaran", "Area strategis",
                          "Target indikator", "Toleransi status", "Bobot unsur IKM",
                          "OPD memenuhi target", "Penyedia memenuhi target",
                          "Simpan sebagai berkas parameter baru", "10,00%"):
                assert label in text, label
            assert "whatif_app.App(" not in text and "import os" not in text  # code hidden

            # move the IKP-11 target to its minimum with the keyboard: the row turns Tercapai
            # (read in one script: each redraw replaces the table, so elements go stale)
            row = lambda: driver.execute_script(  # noqa: E731
                "const r = document.querySelector(\"tr[data-kode='IKP-11']\");"
                "return r ? r.textContent : '';")
            assert "IKP-11" in row() and "Tercapai" not in row()
            handle = driver.find_elements(By.CSS_SELECTOR, ".widget-slider .noUi-handle")[10]
            handle.send_keys(Keys.HOME)
            WebDriverWait(driver, 30).until(lambda d: "Tercapai" in row())
            assert console_errors(driver) == []
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
