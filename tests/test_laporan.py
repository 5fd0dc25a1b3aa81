"""Stage 06 end to end on the suite's shared run (conftest `annual_run`): `kinerja run` writes F15
(HTML, PDF, DOCX) and F16 from the stage results; the report's numbers equal the results they come
from; the dashboard works offline in headless Chromium; a quarter run is year-to-date; a revision
with the leadership's decisions goes to its own folder; respondents' hostile text is escaped in
every HTML output and stays plain text in every xlsx. One run of its own: the quarter revision."""

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import docx
import pandas as pd
import pytest
from browser import chromium, console_errors
from demo_run import HOSTILE_NAME, RAW_HTML, run
from kinerja.core import config, fmt
from kinerja.core.periods import Period
from kinerja.inputs import packages, store
from kinerja.methods import indicators
from openpyxl import load_workbook
from pypdf import PdfReader

@pytest.fixture(scope="module")
def revised(small_demo, annual_run):
    """Revision 1 of the second quarter, with the leadership's decisions, into the same --out."""
    before = {p.name: p.stat().st_mtime_ns for p in annual_run.iterdir()}
    raw = {**small_demo.raw, "laporan": {"revisi": 1, "keputusan": "revisi", "tanggal_keputusan": "2024-07-15",
                                         "catatan": "Lengkapi analisis per OPD.",
                                         "indikator": [{"kode": "IKP-05", "keputusan": "dinyatakan_tercapai",
                                                        "catatan": "Pasar penyedia terbatas."}]}}
    path = small_demo.write_params("kecil-2024-revisi1.yaml", raw)
    done = run(path, annual_run, "--period", "2024-TW2")
    assert done.returncode == 0, done.stdout + done.stderr
    return annual_run.with_name(annual_run.name + "-revisi1"), path, before


def _kpi(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "hasil" / "06_kpi.parquet").set_index("kode")


def _artifact(out: Path, fmt_: str, suffix: str) -> Path:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    paths = [out / a["path"] for a in manifest["artifacts"] if a["format"] == fmt_ and a["path"].endswith(suffix)]
    assert len(paths) == 1, (fmt_, suffix, paths)
    return paths[0]


# ------------------------------------------------------------------------------ every format

def test_manifest_lists_all_sixteen_formats(annual_run):
    manifest = json.loads((annual_run / "manifest.json").read_text(encoding="utf-8"))
    formats = {a["format"] for a in manifest["artifacts"]}
    assert {f"F{n}" for n in range(1, 17)} <= formats
    f15 = sorted(Path(a["path"]).suffix for a in manifest["artifacts"] if a["format"] == "F15")
    assert f15 == [".docx", ".html", ".pdf"]
    assert [s["notebook"] for s in manifest["stages"]][-1] == "06_laporan"
    for a in manifest["artifacts"]:
        assert (annual_run / a["path"]).stat().st_size == a["bytes"] > 0


# ------------------------------------------------------------------------------ numbers

def test_report_numbers_equal_the_stage_results(annual_run):
    kpi, hasil = _kpi(annual_run), annual_run / "hasil"
    ikm = pd.read_parquet(hasil / "03_ikm.parquet")
    ikm = ikm[ikm["tahun"] == 2024].set_index("kelompok")
    assert kpi.loc["IKP-13", "nilai"] == ikm.loc["internal", "ikm_konversi"]
    assert kpi.loc["IKP-14", "nilai"] == ikm.loc["eksternal", "ikm_konversi"]
    # the provider KPI is the exact mean package score; F6/F7's index rounds it half up as SIKaP shows it
    scored = pd.read_parquet(hasil / "04_penyedia_paket.parquet")
    assert kpi.loc["IKP-12", "nilai"] == pytest.approx(scored["nilai_x100"].sum() / len(scored) / 100, abs=1e-12)
    assert pd.read_parquet(hasil / "04_indeks.parquet")["nilai"].iloc[0] == \
        (2 * scored["nilai_x100"].sum() + len(scored)) // (2 * len(scored)) / 100
    assert (scored["sumber"] == "Format 5").all()  # the demo has F5 forms only
    plan = pd.read_parquet(hasil / "01_rencana_indikator.parquet").set_index("kode")
    assert (kpi["target"] == plan.loc[kpi.index, "target"]).all()


def test_register_kpis_equal_the_kpi_command(small_demo, annual_run):
    done = subprocess.run([sys.executable, "-m", "kinerja", "kpi", "--params", str(small_demo.params), "--period",
                           "2024", "--json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    cli = {r["kode"]: r for r in json.loads(done.stdout) if r["nilai"] is not None}
    kpi = _kpi(annual_run)
    assert len(cli) >= 11
    for kode, r in cli.items():
        assert kpi.loc[kode, "nilai"] == pytest.approx(r["nilai"], rel=1e-12)
        assert kpi.loc[kode, "jumlah_paket"] == r["jumlah_paket"]


def test_html_shows_each_number_status_and_interval_without_code(annual_run):
    html = (annual_run / "06_laporan.html").read_text(encoding="utf-8")
    assert "import " not in html and "workbook.context(" not in html and "Traceback" not in html
    for kode, r in _kpi(annual_run).iterrows():
        assert fmt.nilai(r["nilai"], r["satuan"]) in html, kode
        assert fmt.nilai(r["target"], r["satuan"]) in html, kode
    ikm = pd.read_parquet(annual_run / "hasil" / "03_ikm.parquet")
    for r in ikm[ikm["tahun"] == 2024].itertuples():
        assert f"{fmt.angka(r.ci_bawah, 2)}–{fmt.angka(r.ci_atas, 2)}" in html
    for heading in ("Ringkasan eksekutif", "Capaian indikator kinerja", "Kemajuan rencana aksi",
                    "Rincian per OPD dan per metode pemilihan", "Kinerja penyedia", "Kinerja Pokja Pemilihan",
                    "Kepuasan pelanggan (IKM)", "Kualitas data pengumpulan", "Temuan dan rekomendasi",
                    "Usulan target tahun berikutnya", "Keputusan pimpinan", "Lampiran A. Metode dan parameter",
                    "Lampiran B. Sumber data", "Daftar Isi"):
        assert heading in html, heading
    manifest = json.loads((annual_run / "manifest.json").read_text(encoding="utf-8"))
    for item in manifest["inputs"]:  # appendix B: files and sha256 from the manifest
        assert item["sha256"] in html and Path(item["path"]).name in html


def test_every_recommendation_names_its_evidence(annual_run):
    rec = pd.read_parquet(annual_run / "hasil" / "06_rekomendasi.parquet")
    kpi = _kpi(annual_run)
    assert len(rec) and rec["bukti"].str.len().gt(20).all() and rec["rekomendasi"].str.len().gt(20).all()
    off = set(kpi.index[kpi["status_akhir"].isin(["Perlu perhatian", "Tidak tercapai"])])
    assert off and off <= set(rec["kode"])
    assert rec["topik"].eq("Kepuasan pelanggan").any()
    assert rec["bukti"].str.contains(re.escape(HOSTILE_NAME)).any()  # the Buruk provider, named as data
    drivers = pd.read_parquet(annual_run / "hasil" / "06_pendorong.parquet")
    for d in drivers.itertuples():  # an OPD far below the others is named in its indicator's finding
        assert rec.loc[rec["kode"] == d.kode, "temuan"].str.contains(re.escape(d.nama_satker)).all()


def test_pdf_is_a4_with_title_page_contents_and_page_numbers(annual_run):
    pdf = PdfReader(annual_run / "06_laporan.pdf")
    pages = [p.extract_text() for p in pdf.pages]
    assert len(pages) >= 6
    assert "LAPORAN EVALUASI KINERJA" in pages[0].upper() and "Tahun Anggaran 2024" in pages[0]
    assert "Halaman" not in pages[0]  # the title page carries no running header or number
    assert "Daftar Isi" in pages[1] and re.search(r"Ringkasan eksekutif \.+\s*\d", pages[1])
    assert f"Halaman 3 dari {len(pages)}" in pages[2]
    for page in pdf.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert sorted((round(w), round(h))) == [595, 842]  # A4 (portrait or landscape)


def test_docx_is_editable_report_with_the_same_numbers(annual_run):
    path = _artifact(annual_run, "F15", ".docx")
    doc = docx.Document(path)
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "LAPORAN EVALUASI KINERJA" in text and "Lampiran B. Sumber data" in text
    for kode, r in _kpi(annual_run).iterrows():
        assert kode in text and fmt.nilai(r["nilai"], r["satuan"]) in text
    assert doc.inline_shapes  # the achievement chart
    assert 'w:instr="TOC' in doc.element.xml and "DAFTAR ISI" in text  # contents, filled in by Word
    assert 'w:instr="PAGE"' in doc.sections[0].footer._element.xml  # page numbers


# ------------------------------------------------------------------------------ dashboard

def test_dashboard_is_self_contained(annual_run):
    page = _artifact(annual_run, "F16", ".html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page


def test_dashboard_in_headless_chromium(annual_run):
    from PIL import Image

    path = _artifact(annual_run, "F16", ".html")
    kpi = _kpi(annual_run)
    with chromium() as driver:
        driver.get(path.resolve().as_uri())
        tiles = driver.find_elements("css selector", "section.tile")
        assert sorted(t.get_attribute("data-kode") for t in tiles) == sorted(kpi.index)
        assert all(t.is_displayed() for t in tiles)
        for t in tiles:
            kode = t.get_attribute("data-kode")
            expected = {"Tercapai": "tercapai", "Perlu perhatian": "perhatian", "Tidak tercapai": "tidak",
                        "Belum ada data": "kosong"}[kpi.loc[kode, "status_akhir"]]
            assert expected in t.get_attribute("class").split()
            assert t.find_element("css selector", "[data-peran=nilai]").text == fmt.nilai(
                kpi.loc[kode, "nilai"], kpi.loc[kode, "satuan"])
        shot = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
        assert len(shot.getcolors(maxcolors=1 << 20) or []) > 50  # not blank
        # Filter by area: only that area's indicators stay visible.
        driver.find_element("css selector", "#pilih-area option[value='AS-02']").click()
        visible = {t.get_attribute("data-kode") for t in tiles if t.is_displayed()}
        assert visible == set(kpi.index[kpi["area"] == "AS-02"])
        # Filter by quarter: each tile shows that quarter's own value.
        driver.find_element("css selector", "#pilih-area option[value='']").click()
        driver.find_element("css selector", "#pilih-triwulan option[value='2']").click()
        trend = pd.read_parquet(annual_run / "hasil" / "06_tren.parquet")
        tw2 = trend[trend["triwulan"] == 2].set_index("kode")
        tile = driver.find_element("css selector", "section.tile[data-kode='IKP-01']")
        assert tile.find_element("css selector", "[data-peran=nilai]").text == fmt.nilai(
            tw2.loc["IKP-01", "nilai"], "%")
        assert console_errors(driver) == []
        driver.get((annual_run / "06_laporan.html").resolve().as_uri())  # the F15 page as well
        assert console_errors(driver) == []


# ------------------------------------------------------------------------------ untrusted text

def test_hostile_text_is_escaped_in_every_html(annual_run):
    pages = list(annual_run.glob("*.html"))
    assert len(pages) >= 7
    shown = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for raw in RAW_HTML:
            assert raw not in html, (page.name, raw)
        shown += "&lt;script&gt;alert(" in html or "&lt;img src=x" in html
    assert shown >= 2  # the text is shown (escaped) in the provider stage and in the report


def test_hostile_text_stays_plain_text_in_every_xlsx(annual_run):
    found = 0
    for book in annual_run.rglob("*.xlsx"):
        wb = load_workbook(book)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and any(
                            h in cell.value for h in ("evil.example", "@SUM(1+1)", "calc'!A0", "PT. JAHAT")):
                        found += 1
                        assert cell.data_type == "s", (book.name, ws.title, cell.coordinate, cell.value)
    assert found >= 3


# ------------------------------------------------------------------------------ periods and revisions

def test_quarter_revision_is_year_to_date_and_never_overwrites(small_demo, annual_run, revised):
    out, params_path, before = revised
    assert out.is_dir() and out != annual_run
    assert {p.name: p.stat().st_mtime_ns for p in annual_run.iterdir()} == before  # revision 0 untouched
    params = config.load(params_path)
    con = store.connect(params.store_path, read_only=True)
    try:
        pk = packages.for_params(con, params)
    finally:
        con.close()
    ytd = indicators.realisation(pk, params.indikator, Period(2024, 2), scope=params.metode.metode_dalam_lingkup,
                                 cumulative=True, areas=params.area_strategis).set_index("kode")
    kpi = _kpi(out)
    for kode in ytd.index[ytd["nilai"].notna()]:
        assert kpi.loc[kode, "nilai"] == pytest.approx(ytd.loc[kode, "nilai"], rel=1e-12)
    trend = pd.read_parquet(out / "hasil" / "06_tren.parquet")
    assert sorted(trend["triwulan"].unique()) == [1, 2]
    assert kpi.loc["IKP-05", "keputusan"] == "Dinyatakan tercapai" and kpi.loc["IKP-05", "status_akhir"] == "Tercapai"
    html = (out / "06_laporan.html").read_text(encoding="utf-8")
    for text in ("Triwulan II Tahun 2024", "kumulatif", "Revisi ke-1", "Dikembalikan untuk revisi",
                 "15 Juli 2024", "Lengkapi analisis per OPD.", "Pasar penyedia terbatas."):
        assert text in html, text
    f16 = _artifact(out, "F16", ".html")
    assert f16.name == "F16_Dasbor_Indikator_Kinerja_2024-TW2_revisi1.html"
    assert "Revisi ke-1" in f16.read_text(encoding="utf-8")
    assert _artifact(out, "F15", ".docx").name == "F15_Laporan_Evaluasi_Kinerja_2024-TW2_revisi1.docx"


def test_pdf_tables_and_charts_stay_inside_the_page(annual_run):
    """WeasyPrint's layout of the F15 page: no table or image runs past the right margin."""
    import warnings

    from kinerja.render.pdf import OfflineFetcher

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import weasyprint
        from weasyprint.formatting_structure import boxes

    doc = weasyprint.HTML(filename=str(annual_run / "06_laporan.html"), url_fetcher=OfflineFetcher(),
                          media_type="print").render()
    checked = 0
    for n, page in enumerate(doc.pages, 1):
        box = page._page_box
        limit = page.width - box.margin_right + 1
        for b in box.descendants():
            if isinstance(b, (boxes.TableBox, boxes.InlineReplacedBox, boxes.BlockReplacedBox)):
                checked += 1
                assert b.position_x + b.margin_width() <= limit, (n, type(b).__name__)
    assert checked >= 15
