"""The batch end to end on the suite's shared run (conftest `annual_run`): `kinerja run` executes
the stage notebooks with papermill, renders HTML and PDF, writes F1–F3 and a manifest; a failing
cell names the notebook and cell and leaves the last good outputs intact."""

import json
import shutil
import subprocess
import sys

import docx
import nbformat
import pytest
from kinerja.core import paths
from kinerja.pipeline import batch
from pypdf import PdfReader


def test_manifest_lists_f1_f2_f3_with_hashes(annual_run):
    manifest = json.loads((annual_run / "manifest.json").read_text(encoding="utf-8"))
    formats = {a["format"] for a in manifest["artifacts"]}
    assert {"F1", "F2", "F3"} <= formats
    for a in manifest["artifacts"]:
        path = annual_run / a["path"]
        assert path.exists() and path.stat().st_size == a["bytes"]
        assert a["sha256"] == batch.file_sha256(path)
    assert manifest["parameters"]["sha256"] and manifest["inputs"]
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["packages"]["pandas"] and manifest["stages"][0]["notebook"] == "01_perencanaan"
    assert manifest["stages"][0]["execute_seconds"] > 0


def test_documents_open_and_say_what_they_are(annual_run):
    f1 = "\n".join(p.text for p in docx.Document(annual_run / "F1_Surat_Tugas.docx").paragraphs)
    assert "SURAT TUGAS" in f1.upper()
    f3 = docx.Document(annual_run / "F3_Dokumen_Perencanaan_Kinerja.docx")
    text = "\n".join(p.text for p in f3.paragraphs) + "".join(
        c.text for t in f3.tables for row in t.rows for c in row.cells)
    assert "PERENCANAAN KINERJA" in text.upper() and "IKP-01" in text


def test_html_has_no_code_and_pdf_says_perencanaan_kinerja(annual_run):
    html = (annual_run / "01_perencanaan.html").read_text(encoding="utf-8")
    assert "Perencanaan Kinerja" in html
    assert "workbook.context(" not in html and "import " not in html
    pdf = PdfReader(annual_run / "01_perencanaan.pdf")
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Perencanaan Kinerja" in text
    assert len(pdf.pages) >= 2


def test_failing_cell_names_notebook_and_cell_and_keeps_earlier_outputs(small_demo, annual_run, tmp_path,
                                                                          monkeypatch):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("params_file = periode = store = output_dir = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1 / 0")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for other in paths.NOTEBOOKS.glob("0*.ipynb"):
        shutil.copy(other, tmp_path / other.name)
    nbformat.write(nb, tmp_path / "01_perencanaan.ipynb")
    monkeypatch.setattr(paths, "NOTEBOOKS", tmp_path)
    before = (annual_run / "manifest.json").read_bytes()
    with pytest.raises(batch.StageError) as err:
        batch.run(small_demo.params, out=annual_run, progress=False,
                  options=batch.Options(pdf=True, formulir=True))
    assert "01_perencanaan" in str(err.value) and "ZeroDivisionError" in str(err.value)
    assert "sel" in str(err.value)
    assert (annual_run / "manifest.json").read_bytes() == before
    failed = list(annual_run.parent.glob("2024.gagal-*"))
    assert failed
    for folder in failed:  # the shared run's neighbours stay as other tests expect them
        shutil.rmtree(folder)


def test_bad_parameter_file_gives_one_message_and_exit_2(tmp_path):
    bad = tmp_path / "x.yaml"
    bad.write_text("tahun: dua ribu\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kinerja", "run", "--params", str(bad)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "tahun" in done.stderr
