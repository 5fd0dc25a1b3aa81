"""kinerja.render: notebook → HTML without code → PDF, and the Word documents of Formats 1–3."""

import base64
import datetime as dt
import logging
import re
import struct
import zlib

import docx
import nbformat
import pandas as pd
import pytest
from kinerja.core.config import Parameters
from kinerja.render import documents
from kinerja.render.html import notebook_to_html
from kinerja.render.pdf import html_to_pdf

TITLE = "Perencanaan Kinerja Pengadaan"
CODE = "rahasia_kode_sumber = hitung_semua()"


def _png(width: int = 4, height: int = 3) -> bytes:
    """A tiny valid grey PNG, so the tests need no plotting library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _person(nama, nip, jabatan, pangkat=""):
    return {"nama": nama, "nip": nip, "jabatan": jabatan, "pangkat": pangkat}


@pytest.fixture
def two_indicator_params() -> Parameters:
    rencana = [{"kode": "RA-01.1", "uraian": "Sosialisasi e-katalog kepada PPK", "jadwal": "Triwulan I",
                "keluaran": "Berita acara sosialisasi", "penanggung_jawab": "Koordinator"}]
    return Parameters.model_validate({
        "ukpbj": {"nama": "Biro Pengadaan Barang/Jasa", "singkatan": "Biro PBJ",
                  "instansi": "Pemerintah Provinsi Kalimantan Timur",
                  "alamat": "Jl. Gajah Mada No. 2, Kecamatan Samarinda Ulu",
                  "kota": "Samarinda", "kode_pos": "75242", "telepon": "(0541) 733333",
                  "email": "biropbj@kaltimprov.go.id", "laman": "biropbj.kaltimprov.go.id"},
        "tahun": 2024,
        "pejabat": {
            "kepala_ukpbj": _person("Dr. Siti Rahmawati, S.T., M.T.", "19700101 199503 2 001",
                                    "Kepala Biro Pengadaan Barang/Jasa", "Pembina Utama Muda (IV/c)"),
            "penandatangan_surat_edaran": _person("Drs. Ahmad Fauzi, M.Si.", "19680202 199003 1 002",
                                                  "Sekretaris Daerah Provinsi Kalimantan Timur"),
            "ketua_tim_kematangan": _person("Budi Santoso, S.E.", "19750303 200003 1 003", "Ketua Tim"),
            "koordinator": _person("Rina Marlina, S.Kom.", "19800404 200501 2 004",
                                   "Analis Kebijakan Ahli Muda"),
        },
        "tim": {"pengumpul_data": [_person("Andi Wijaya", "19850505 201001 1 005", "Pengelola PBJ Ahli Pertama")],
                "pengolah_data": [_person("Dewi Lestari", "19900606 201501 2 006", "Pranata Komputer")]},
        "surat": {"surat_tugas": {"nomor": "800/123/B.PBJ-III", "tanggal": "2024-03-21"},
                  "surat_edaran": {"nomor": "027/456/B.PBJ-III", "tanggal": "2024-03-22"},
                  "dokumen_perencanaan": {"nomor": "027/789/B.PBJ-III", "tanggal": "2024-04-01"}},
        "data": {"register_paket": ["data/sample/register.csv"]},
        "tujuan": [{"kode": "T1", "nama": "Pengadaan yang efisien dan tepat waktu"}],
        "area_strategis": [{"kode": "AS1", "nama": "Efisiensi anggaran", "tujuan": "T1"},
                           {"kode": "AS2", "nama": "Kepuasan pelanggan", "tujuan": "T1"}],
        "indikator": [
            {"kode": "IKP-01", "nama": "Efisiensi pagu", "area": "AS1", "definisi": "Selisih pagu dan kontrak",
             "rumus": "(pagu − kontrak) ÷ pagu × 100%", "ukuran": "efisiensi_pagu", "satuan": "%",
             "polaritas": "naik", "sumber_data": "Register paket", "frekuensi": "Triwulanan",
             "penanggung_jawab": "Pokja Pemilihan", "baseline": 7.5, "target": 10, "rencana_aksi": rencana},
            {"kode": "IKP-02", "nama": "Durasi pemilihan", "area": "AS2", "definisi": "Hari kerja pemilihan",
             "rumus": "rata-rata hari", "ukuran": "durasi_pemilihan", "satuan": "hari", "polaritas": "turun",
             "sumber_data": "SPSE", "frekuensi": "Tahunan", "penanggung_jawab": "Pokja Pemilihan",
             "target": 30, "rencana_aksi": [{**rencana[0], "kode": "RA-02.1"}]},
        ],
    })


@pytest.fixture
def executed_nb(tmp_path):
    table = pd.DataFrame({"Satker": ["Dinas Kesehatan"], "Pagu": ["Rp 1.250.000,00"]}).to_html(index=False)
    wide = pd.DataFrame({f"Atribut {i}": ["uraian panjang indikator"] for i in range(9)}).to_html(index=False)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    code = nbformat.v4.new_code_cell(CODE, execution_count=1)
    code.outputs = [
        nbformat.v4.new_output("display_data", data={"text/html": table, "text/plain": "tabel"}),
        nbformat.v4.new_output("display_data", data={"image/png": base64.b64encode(_png()).decode(),
                                                     "text/plain": "<Figure>"}),
        nbformat.v4.new_output("display_data", data={"text/html": wide, "text/plain": "tabel lebar"}),
    ]
    hidden = nbformat.v4.new_code_cell("import os", execution_count=2, metadata={"tags": ["remove_cell"]})
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="KELUARAN_TERSEMBUNYI\n")]
    quiet = nbformat.v4.new_code_cell("x = 1", execution_count=3, metadata={"tags": ["remove_output"]})
    quiet.outputs = [nbformat.v4.new_output("stream", name="stdout", text="KELUARAN_DIBUANG\n")]
    nb.cells = [nbformat.v4.new_markdown_cell("## Ringkasan\n\nTabel berikut merangkum pagu."),
                code, hidden, quiet]
    path = tmp_path / "01_perencanaan.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def html(executed_nb, tmp_path):
    return notebook_to_html(executed_nb, tmp_path / "out" / "laporan.html", title=TITLE,
                            subtitle="Tahun Anggaran 2024", ukpbj_name="Biro Pengadaan Barang/Jasa",
                            instansi="Pemerintah Provinsi Kalimantan Timur", generated=dt.date(2024, 3, 21))


def test_html_shows_outputs_without_code_and_is_offline(html):
    text = html.read_text(encoding="utf-8")
    assert '<html lang="id">' in text and 'charset="utf-8"' in text
    assert TITLE in text and "Dibuat pada 21 Maret 2024" in text
    assert "Pemerintah Provinsi Kalimantan Timur" in text and "Tahun Anggaran 2024" in text
    assert "Dinas Kesehatan" in text and "data:image/png;base64," in text and "Ringkasan" in text
    assert "rahasia_kode_sumber" not in text and "hitung_semua" not in text
    assert "KELUARAN_TERSEMBUNYI" not in text and "import os" not in text  # remove_cell
    assert "KELUARAN_DIBUANG" not in text  # remove_output
    assert "In&nbsp;[" not in text and "Out[" not in text
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?\s*https?:""", text, flags=re.I)
    assert "<script" not in text.lower()
    assert "@page" in text and "counter(pages)" in text and "size: A4" in text
    assert re.search(r'<td class="angka">\s*Rp 1\.250\.000,00', text)  # numbers right-aligned
    assert len(re.findall(r'<table[^>]*class="[^"]*tabel-lebar', text)) == 1  # only the 9-column one


def test_html_exporter_is_fresh_per_call(executed_nb, html, tmp_path):
    second = notebook_to_html(executed_nb, tmp_path / "kedua.html", title="Laporan Kedua", subtitle="TW1",
                              ukpbj_name="UKPBJ", instansi="Pemda", generated=dt.date(2024, 1, 5))
    text = second.read_text(encoding="utf-8")
    assert "Laporan Kedua" in text and "5 Januari 2024" in text and CODE not in text


def test_pdf_from_html(html, tmp_path):
    pdf = html_to_pdf(html, tmp_path / "laporan.pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert TITLE in text and "Dinas Kesehatan" in text and "Halaman 1 dari" in text
    sizes = [tuple(round(float(v)) for v in page.mediabox.upper_right) for page in reader.pages]
    assert sizes[0] == (595, 842)  # A4 portrait in points
    assert (842, 595) in sizes  # the wide table got a landscape page


def test_pdf_refuses_network_without_hanging(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    page = tmp_path / "luar.html"
    page.write_text('<html><head><link rel="stylesheet" href="https://cdn.example.invalid/x.css">'
                    '</head><body><h1>Tanpa jaringan</h1><img src="http://10.255.255.1/x.png"></body></html>',
                    encoding="utf-8")
    start = dt.datetime.now()
    pdf = html_to_pdf(page, tmp_path / "luar.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert (dt.datetime.now() - start).total_seconds() < 5
    refused = [r.getMessage() for r in caplog.records if r.name == "kinerja.render.pdf"
               and r.levelno == logging.WARNING]
    assert len(refused) == 2 and all("tanpa jaringan" in m for m in refused)
    assert not [r for r in caplog.records if r.name == "weasyprint" and r.levelno >= logging.WARNING]


def _text(path) -> str:
    d = docx.Document(path)
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def _a4_portrait(path) -> bool:
    s = docx.Document(path).sections[0]
    return (round(s.page_width.cm, 1), round(s.page_height.cm, 1)) == (21.0, 29.7)


def test_surat_tugas(two_indicator_params, tmp_path):
    path = documents.surat_tugas(two_indicator_params, tmp_path / "F1_Surat_Tugas.docx")
    text = _text(path)
    for expected in ("PEMERINTAH PROVINSI KALIMANTAN TIMUR", "BIRO PENGADAAN BARANG/JASA",
                     "Jl. Gajah Mada No. 2, Kecamatan Samarinda Ulu, Samarinda 75242",
                     "Pos-el biropbj@kaltimprov.go.id", "SURAT TUGAS",
                     "Nomor: 800/123/B.PBJ-III", "MENUGASKAN", "Dasar", "Peraturan Presiden Nomor 16 Tahun 2018",
                     "Nomor 10 Tahun 2021", "Koordinator Tim Pengelola Kinerja Pengadaan",
                     "Tahun Anggaran 2024", "Rina Marlina, S.Kom.", "19800404 200501 2 004",
                     "Andi Wijaya", "Tim Pengumpul Data", "Dewi Lestari", "Tim Pengolah Data",
                     "Samarinda, 21 Maret 2024", "Dr. Siti Rahmawati, S.T., M.T.",
                     "NIP. 19700101 199503 2 001", "Pembina Utama Muda (IV/c)"):
        assert expected in text, expected
    d = docx.Document(path)
    assert _a4_portrait(path)
    assert d.core_properties.author == "Biro Pengadaan Barang/Jasa" and d.core_properties.language == "id-ID"
    team = d.tables[-2]  # the data table (the last one lays out the signature)
    assert team.style.name == "Table Grid"
    assert [c.text for c in team.rows[0].cells][:2] == ["No.", "Nama"]
    assert team.rows[0].cells[0].paragraphs[0].runs[0].bold


def test_surat_edaran(two_indicator_params, tmp_path):
    text = _text(documents.surat_edaran(two_indicator_params, tmp_path / "F2_Surat_Edaran.docx"))
    for expected in ("SURAT EDARAN", "NOMOR 027/456/B.PBJ-III", "TENTANG",
                     "IMPLEMENTASI PENGELOLAAN KINERJA PENGADAAN BARANG/JASA", "Yth.",
                     "Kepala Perangkat Daerah", "Pejabat Pembuat Komitmen", "Pokja Pemilihan",
                     "di lingkungan Pemerintah Provinsi Kalimantan Timur",
                     "Mei 2024", "Agustus 2024", "November 2024", "Januari 2025",
                     "Formulir Isian Data Utama", "Formulir Kinerja Penyedia", "Formulir Kinerja Pokja",
                     "Survei Kepuasan", "pada tanggal 22 Maret 2024", "Drs. Ahmad Fauzi, M.Si.",
                     "SEKRETARIS DAERAH PROVINSI KALIMANTAN TIMUR,"):
        assert expected in text, expected


def test_dokumen_perencanaan(two_indicator_params, tmp_path):
    indikator = pd.DataFrame([
        {"kode": "IKP-01", "nama": "Efisiensi pagu", "area": "AS1", "definisi": "Selisih pagu dan kontrak",
         "rumus": "(pagu − kontrak) ÷ pagu × 100%", "satuan": "%", "polaritas": "naik",
         "sumber_data": "Register paket", "frekuensi": "Triwulanan", "penanggung_jawab": "Pokja Pemilihan",
         "baseline": 7.5, "baseline_sumber": "Realisasi 2023 (register, 120 paket)", "target": 10.0},
        {"kode": "IKP-02", "nama": "Durasi pemilihan", "area": "AS2", "definisi": "Hari kerja pemilihan",
         "rumus": "rata-rata hari", "satuan": "hari", "polaritas": "turun", "sumber_data": "SPSE",
         "frekuensi": "Tahunan", "penanggung_jawab": "Pokja Pemilihan", "baseline": float("nan"),
         "baseline_sumber": "Belum tersedia", "target": 30.0},
    ])
    pemetaan = pd.DataFrame({"area": ["AS1", "AS2"], "area_nama": ["Efisiensi anggaran", "Kepuasan pelanggan"],
                             "nama_satker": ["Dinas Kesehatan", "Dinas Pendidikan"],
                             "jumlah_paket": [12, 3], "pagu": [1_250_000_000.0, 75_500_000.5]})
    chart = tmp_path / "grafik.png"
    chart.write_bytes(_png(40, 20))
    # 2 of the 15 area rows are the same packages: the areas together hold 13, counted once
    path = documents.dokumen_perencanaan(two_indicator_params, indikator, pemetaan, tmp_path / "F3.docx",
                                         charts=[chart], total={"paket": 13, "pagu": 1_300_000_000.5})
    text = _text(path)
    assert "Rp 1.325.500.000,50" not in text  # never the sum of the area rows
    assert "Pemerintah Provinsi Kalimantan Timur Tahun 2024 (acuan prosedur)" in text
    for expected in ("DOKUMEN PERENCANAAN KINERJA", "TAHUN 2024", "Nomor: 027/789/B.PBJ-III",
                     "Tanggal: 1 April 2024", "PENDAHULUAN", "TUJUAN DAN AREA STRATEGIS",
                     "Pengadaan yang efisien dan tepat waktu", "Efisiensi anggaran",
                     "INDIKATOR KINERJA DAN ATRIBUT", "IKP-01", "Semakin tinggi semakin baik",
                     "Semakin rendah semakin baik", "7,50% (Realisasi 2023 (register, 120 paket))", "10,00%",
                     "30,00 hari", "Belum tersedia", "RENCANA AKSI", "RA-01.1", "Sosialisasi e-katalog kepada PPK",
                     "PEMETAAN AREA STRATEGIS", "Dinas Kesehatan", "Rp 1.250.000.000,00", "Rp 75.500.000,50",
                     "Jumlah AS1", "Jumlah AS2", "Seluruh area (setiap paket dihitung sekali)",
                     "Rp 1.300.000.000,50", "Tanggal data tidak diketahui", "Disetujui oleh:", "Disusun oleh:", "Dr. Siti Rahmawati, S.T., M.T.",
                     "Rina Marlina, S.Kom."):
        assert expected in text, expected
    d = docx.Document(path)
    assert _a4_portrait(path) and len(d.inline_shapes) == 1
    assert round(d.inline_shapes[0].width.cm) == 16
    assert d.core_properties.title.startswith("Dokumen Perencanaan Kinerja")
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings[:5] == ["BAB I\nPENDAHULUAN", "BAB II\nTUJUAN DAN AREA STRATEGIS",
                            "BAB III\nINDIKATOR KINERJA DAN ATRIBUT", "BAB IV\nRENCANA AKSI",
                            "BAB V\nPEMETAAN AREA STRATEGIS KE PAKET PERANGKAT DAERAH"]


def test_a_table_of_paragraphs_goes_on_landscape_pages_like_a_wide_one():
    """F3's definitions (five columns or more, cells of paragraphs) would fill a portrait page per
    row: landscape, like a table of eight columns; short five-column tables stay portrait."""
    from kinerja.render.html import _tidy_tables

    def table(columns: int, text: str) -> str:
        cells = "".join(f"<td>{text if n == columns - 1 else 'IKP-01'}</td>" for n in range(columns))
        return f'<div class="cell"><table><tr>{cells}</tr></table></div>'

    paragraph = "Σ(pagu − nilai kontrak) ÷ Σ pagu atas paket yang pemilihannya selesai. " * 6
    wide = _tidy_tables(table(5, paragraph) + table(5, "pendek") + table(4, paragraph) + table(8, "pendek"))
    assert [bool(re.search("tabel-lebar", t)) for t in wide.split("</table>")[:4]] == [True, False, False, True]
