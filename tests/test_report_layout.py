"""One description of a signed document (kinerja.render.layout) and its two renderers: the page
(layout_html, for the notebook, HTML and PDF) and Word (laporan_docx) print the same headings,
columns and cells, escape respondents' text, mark number cells and wide chapters; DRAF on every
page on request; the developer-text detector of tests/reading.py catches what it is for."""

import datetime as dt

import docx
import nbformat
import numpy as np
import pandas as pd
import pytest
from kinerja.render import dashboard, documents, laporan_docx, layout, layout_html
from kinerja.render.docx_primitives import DRAFT, signature_lines
from kinerja.render.html import notebook_to_html
from kinerja.render.layout import Bullets, Cover, Document, Paragraph, Section, Signatures, Table, columns
from reading import docx_outline, docx_text, html_outline, leaks

HOSTILE = '<script>alert("x")</script> CV *Jaya* & Co'


def _document(shipped_params, draft=False) -> Document:
    frame = pd.DataFrame({"kode": ["IKP-01", "IKP-02"], "nama": [HOSTILE, "Durasi"],
                          "pagu": [1_250_000_000.0, np.nan], "persen": [12.5, 7.0]})
    wide = pd.DataFrame([{f"k{n}": n for n in range(8)}])
    cover = Cover("Pemerintah X", "UKPBJ X", "Jl. A No. 1", "Telepon 1", "Laporan Uji", "Tahun Anggaran 2025",
                  "Data per 3 Oktober 2025", "Versi awal", "", "Dibuat pada 1 Desember 2025", "Kota 2025")
    pj = shipped_params.pejabat
    return Document("Laporan Uji", cover, [
        Section("1. Ringkasan").add(Paragraph("Pembuka."), Bullets(["satu", HOSTILE]),
                                     Table(frame, columns({"kode": "Kode", "nama": "Nama", "pagu": "Pagu",
                                                           "persen": "Porsi"},
                                                          {"pagu": "rupiah", "persen": "persen"},
                                                          {"pagu": "Belum ada data"}), caption="Dua baris")),
        Section("2. Lebar").add(Table(wide, columns({f"k{n}": f"Kolom {n}" for n in range(8)},
                                                    {f"k{n}": "angka" for n in range(8)})),
                                Section("Sub bagian", level=2, own_page=True).add(Paragraph("Isi.", bold=True))),
        Section("3. Keputusan").add(Signatures(signature_lines(pj.koordinator, ["", "Disusun oleh:"]),
                                               signature_lines(pj.kepala_ukpbj, ["Kota, ....", "Disetujui oleh:"]))),
    ], draft=draft)


def test_a_table_formats_its_own_cells_and_says_what_is_missing():
    t = Table(pd.DataFrame({"a": [1_250_000.0, None], "b": ["x", None]}),
              columns({"a": "Nilai", "b": "Teks"}, {"a": "rupiah"}, {"b": "Belum ada data"}, {"b": 3.0}))
    assert t.headings == ["Nilai", "Teks"] and not t.wide
    assert t.rows() == [["Rp 1.250.000,00", "x"], ["–", "Belum ada data"]]
    assert [c.number for c in t.columns] == [True, False] and t.columns[1].weight == 3.0


def test_html_and_word_print_the_same_headings_tables_and_cells(shipped_params, tmp_path):
    d = _document(shipped_params)
    page = f"<main>{layout_html.document(d)}</main>"
    path = laporan_docx.write(tmp_path / "F15.docx", d, shipped_params)
    html, word = html_outline(page), docx_outline(path, "1. Ringkasan")
    assert html["headings"] == word["headings"] == [(1, "1. Ringkasan"), (1, "2. Lebar"), (2, "Sub bagian"),
                                                    (1, "3. Keputusan")]
    assert html["tables"] == word["tables"]
    assert html["tables"][0] == [["Kode", "Nama", "Pagu", "Porsi"],
                                 ["IKP-01", " ".join(HOSTILE.split()), "Rp 1.250.000.000,00", "12,50%"],
                                 ["IKP-02", "Durasi", "Belum ada data", "7,00%"]]
    # respondents' text is shown as written, never run; numbers right-aligned; a wide chapter landscape
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<td class="angka">Rp 1.250.000.000,00</td>' in page
    assert page.count('class="bagian halaman-lebar"') == 1 and page.count("halaman-sendiri") == 1
    sub = next(p for p in docx.Document(path).paragraphs if p.text == "Sub bagian")
    assert sub.paragraph_format.page_break_before  # a page of its own in Word too
    w = docx.Document(path)
    assert [s.orientation for s in w.sections][1:] == [0, 1, 0]  # portrait, landscape, portrait chapters


def test_the_signature_block_carries_name_rank_and_nip_in_every_format(shipped_params, tmp_path):
    d = _document(shipped_params)
    k = shipped_params.pejabat.kepala_ukpbj
    page = layout_html.document(d)
    text = docx_text(laporan_docx.write(tmp_path / "F15.docx", d, shipped_params))
    for expected in (k.nama, k.pangkat, f"NIP. {k.nip}", shipped_params.pejabat.koordinator.nama):
        assert expected in page and expected in text


def test_draft_marks_every_page_of_word_html_and_the_dashboard(shipped_params, tmp_path):
    words = [laporan_docx.write(tmp_path / "F15.docx", _document(shipped_params, draft=True), shipped_params),
             documents.surat_tugas(shipped_params, tmp_path / "F1.docx", draft=True),
             documents.surat_edaran(shipped_params, tmp_path / "F2.docx", draft=True)]
    for path in words:
        for section in docx.Document(path).sections:
            headers = [section.header] + ([section.first_page_header] if section.different_first_page_header_footer
                                          else [])
            assert all(DRAFT in h.paragraphs[0].text for h in headers), path.name
    assert DRAFT not in docx_text(documents.surat_tugas(shipped_params, tmp_path / "F1b.docx"))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## Bagian\n\nIsi.")])
    source = tmp_path / "t.ipynb"
    nbformat.write(nb, source)
    kw = dict(title="Uji", subtitle="2025", ukpbj_name="UKPBJ", instansi="Pemda", generated=dt.date(2025, 12, 1))
    draft = notebook_to_html(source, tmp_path / "d.html", draft=True, **kw).read_text("utf-8")
    plain = notebook_to_html(source, tmp_path / "p.html", **kw).read_text("utf-8")
    assert 'class="draf"' in draft and "@top-left" in draft  # across every printed page and in its header
    assert 'class="draf"' not in plain and "DRAF" not in plain
    kpi = pd.DataFrame(columns=["kode", "nama", "area", "area_nama", "satuan", "polaritas", "nilai", "target",
                                "capaian", "status", "status_akhir", "keputusan", "sumber", "ukuran"])
    trend = pd.DataFrame(columns=["kode", "triwulan", "nilai", "status"])
    f16 = dashboard.write_dashboard(tmp_path / "F16.html", kpi, trend, shipped_params, _period(),
                                    draft=True).read_text("utf-8")
    assert 'class="draf"' in f16 and "<h1>Dasbor Status Nilai Indikator Kinerja Pengadaan</h1>" in f16


def _period():
    from kinerja.core.periods import Period
    return Period(2024)


def test_the_report_cover_becomes_the_title_page_before_the_contents(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", {"text/html": layout_html.cover(
            Cover("Pemda", "UKPBJ", "Jl", "", "Judul", "TA 2025", "Data per 3 Oktober 2025", "Versi awal", "",
                  "Dibuat pada 1 Desember 2025", "Kota 2025"))}),
        nbformat.v4.new_output("display_data", {"text/html": layout_html.section(Section("1. Satu"))})])])
    source = tmp_path / "r.ipynb"
    nbformat.write(nb, source)
    page = notebook_to_html(source, tmp_path / "r.html", title="Laporan", subtitle="2025", ukpbj_name="U",
                            instansi="P", generated=dt.date(2025, 12, 1), template="laporan_evaluasi.html.j2",
                            contents=True).read_text("utf-8")
    assert page.index('class="sampul"') < page.index('class="daftar-isi"') < page.index("<main>")
    assert "Data per 3 Oktober 2025" in page and 'href="#bagian-1"' in page


@pytest.mark.parametrize("text, kind", [
    ("kinerja forms --params /home/x/parameters/a.yaml --period 2025-TW1", "command"),
    ("lihat /home/x/parameters/a.yaml", "absolute path"),
    ("berkas parameters/kab-bandung-2025.yaml", "relative path"),
    ("kolom kd_tender dan nilai_penawaran", "field, table or result name"),
    ("hasil tahap 02_rencana_aksi_indikator", "field, table or result name"),
    ("disusun oleh kinerja.methods.recommendations", "module name"),
    ("Pokja PK-00C4BC9C (100,00 %, 1 paket)", "Pokja code"),
    ("kode 3f9a0c12be", "hash code"),
    ("jalankan `make report`", "code mark"),
])
def test_the_detector_finds_each_kind_of_developer_text(text, kind):
    assert kind in leaks(text), leaks(text)


def test_the_detector_leaves_a_leaders_text_alone():
    text = ("Kinerja penyedia 2,39 (Baik) dari 526 paket; Pengadaan Barang/Jasa, Gagal/Batal; IKP-01, RA-01.2; "
            "NIP. 197001011995032001; berkas 47_1013_SPSE-TenderPengumuman.json (SHA-256 "
            + "ab" * 32 + "); Survei Teknis (Format 5); 15 Januari 2026 (triwulan IV); make up")
    assert leaks(text) == {}
