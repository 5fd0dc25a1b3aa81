"""Word documents of the planning stage (SOP seed 000 §II.4): Format 1 Surat Tugas, Format 2
Surat Edaran and Format 3 Dokumen Perencanaan Kinerja, in formal Indonesian letter style.

Users sign and send these, so they are editable .docx (python-docx), A4 portrait, Arial.
Every text the reader sees is Indonesian; numbers and dates go through `kinerja.core.fmt`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from kinerja.core import fmt
from kinerja.core.config import Parameters, Pejabat
from kinerja.core.periods import COLLECTION_MONTH
from kinerja.methods.indicators import POLARITAS

FONT = "Arial"
LANG = "id-ID"
HEADER_FILL = "D9E2F3"  # light blue-grey shading of table header rows
TEXT_WIDTH_CM = 16.5  # A4 (21 cm) minus the 2.5 cm and 2 cm side margins; table widths add up to it
TRIWULAN = ["I", "II", "III", "IV"]
# Elements that follow w:pBdr in w:pPr and w:shd in w:tcPr (ECMA-376 schema order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
               "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
               "w:pPrChange")
_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
              "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")

DASAR_HUKUM = [
    "Peraturan Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah sebagaimana "
    "telah diubah dengan Peraturan Presiden Nomor 12 Tahun 2021 tentang Perubahan atas Peraturan "
    "Presiden Nomor 16 Tahun 2018 tentang Pengadaan Barang/Jasa Pemerintah",
    "Peraturan Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah Nomor 10 Tahun 2021 tentang "
    "Unit Kerja Pengadaan Barang/Jasa",
]


# --- document and paragraph basics ---------------------------------------------------------

def _set_font(rpr, name: str = FONT) -> None:
    """Set a font in a run-properties element, dropping theme fonts (Word prefers them)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _set_language(rpr, lang: str = LANG) -> None:
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)


def _new_document(params: Parameters, title: str, *, size: float = 11) -> DocxDocument:
    """An A4 portrait document with Arial, Indonesian proofing language and core properties."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)

    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_font(defaults)
    _set_language(defaults)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(size)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, pt in (("Heading 1", size + 1), ("Heading 2", size), ("Heading 3", size)):
        style = doc.styles[name]
        _set_font(style.element.get_or_add_rPr())
        style.font.size = Pt(pt)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    doc.styles["Heading 1"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    props = doc.core_properties
    props.title = title
    props.author = params.ukpbj.nama
    props.last_modified_by = params.ukpbj.nama
    props.subject = f"Pengelolaan Kinerja Pengadaan Barang/Jasa Tahun {params.tahun}"
    props.keywords = "kinerja pengadaan; UKPBJ; SOP"
    props.language = LANG
    props.created = props.modified = dt.datetime.now()
    return doc


def _new_paragraph(container):
    """A new paragraph; a fresh table cell's own empty paragraph is used instead of adding one
    (otherwise every cell would start with a blank line)."""
    if isinstance(container, _Cell) and len(container.paragraphs) == 1 \
            and not container.paragraphs[0].runs:
        return container.paragraphs[0]
    return container.add_paragraph()


def _para(container, text: str = "", *, bold: bool = False, underline: bool = False,
          size: float | None = None, align=None, after: float | None = None, before: float | None = None):
    """One paragraph of a single run, in the document or in a table cell."""
    p = _new_paragraph(container)
    run = p.add_run(text)
    run.bold, run.underline = bold or None, underline or None
    if size:
        run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    if before is not None:
        p.paragraph_format.space_before = Pt(before)
    return p


def _numbered(container, items: Iterable[str], *, marker: str = "{n}.", hang_cm: float = 0.7,
              indent_cm: float = 0.0) -> None:
    """A numbered list with hanging indent, numbered by hand: Word list numbering would continue
    across separate lists in python-docx."""
    for n, text in enumerate(items, start=1):
        label = marker.format(n=n, a="abcdefghijklmnopqrstuvwxyz"[n - 1])
        p = _para(container, f"{label}\t{text}", after=3)
        pf = p.paragraph_format
        pf.left_indent = Cm(indent_cm + hang_cm)
        pf.first_line_indent = Cm(-hang_cm)
        pf.tab_stops.add_tab_stop(Cm(indent_cm + hang_cm))
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _bottom_border(paragraph, *, val: str = "thickThinSmallGap", size: int = 24) -> None:
    """The double line under a letterhead (a paragraph border; python-docx has no API for it)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", val), ("w:sz", str(size)), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # Word rejects pPr children out of schema order: pBdr goes before shd, tabs, spacing, jc …
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def _shade(cell, fill: str = HEADER_FILL) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(shd, *_AFTER_SHD)


def _repeat_header(row) -> None:
    """Repeat the header row on every page the table spans."""
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _widths(table, widths_cm: Sequence[float]) -> None:
    # Word reads the cell widths; LibreOffice reads the grid. Set both.
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)
    for col, w in zip(table.columns, widths_cm):
        col.width = Cm(w)


# --- shared blocks ---------------------------------------------------------------------------

def table(container, header: Sequence[str], rows: Iterable[Sequence[str]], *,
          widths_cm: Sequence[float] | None = None, right: Sequence[int] = (), size: float = 9,
          bold_last: bool = False):
    """A bordered data table ('Table Grid'): header row bold, shaded and repeated on each page;
    `right` are the column indexes to right-align (numbers); `bold_last` for a total row."""
    t = container.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, header):
        _para(cell, text, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
        _shade(cell)
    _repeat_header(t.rows[0])
    rows = list(rows)
    for i, values in enumerate(rows):
        bold = bold_last and i == len(rows) - 1
        for j, (cell, text) in enumerate(zip(t.add_row().cells, values)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if j in right else None
            _para(cell, str(text), size=size, align=align, bold=bold, after=0)
    if widths_cm:
        _widths(t, widths_cm)
    return t


def _layout_table(container, cols: int, widths_cm: Sequence[float]):
    """A borderless table used only to line text up (label : value, signature columns)."""
    t = container.add_table(rows=0, cols=cols)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    for col, w in zip(t.columns, widths_cm):
        col.width = Cm(w)
    return t


def _layout_row(t, widths_cm: Sequence[float]):
    cells = t.add_row().cells
    for cell, w in zip(cells, widths_cm):
        cell.width = Cm(w)
    return cells


def letterhead(doc: DocxDocument, params: Parameters) -> None:
    """Kop surat: government, unit, address and contacts, closed by a thick-thin double line."""
    u = params.ukpbj
    _para(doc, u.instansi.upper(), size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(doc, u.nama.upper(), bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    address = u.alamat.rstrip(" ,.")
    if u.kota and not address.lower().endswith(u.kota.lower()):  # "…, Kecamatan Samarinda Ulu"
        address += f", {u.kota}"
    if u.kode_pos and u.kode_pos not in address:
        address += f" {u.kode_pos}"
    _para(doc, address, size=9.5, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    contacts = [f"{label} {value}" for label, value in
                (("Telepon", u.telepon), ("Pos-el", u.email), ("Laman", u.laman)) if value]
    last = _para(doc, " · ".join(contacts), size=9.5, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    _bottom_border(last)


def _title_block(doc: DocxDocument, lines: Sequence[str], *, underline_first: bool = False) -> None:
    for i, text in enumerate(lines):
        _para(doc, text, bold=True, underline=underline_first and i == 0,
              align=WD_ALIGN_PARAGRAPH.CENTER, after=0 if i < len(lines) - 1 else 12)


def _signature_lines(pejabat: Pejabat, above: Sequence[str] = (), *,
                     as_role: str | None = None) -> list[tuple[str, bool]]:
    """The lines of a signature block as (text, bold+underlined); `as_role` replaces the
    official's own position when they sign in another capacity (the coordinator)."""
    lines = [(t, False) for t in above]
    lines.append((f"{(as_role or pejabat.jabatan).upper()},", False))
    lines += [("", False)] * 3  # room for the signature and stamp
    lines.append((pejabat.nama, True))
    if pejabat.pangkat:
        lines.append((pejabat.pangkat, False))
    if pejabat.nip:
        lines.append((f"NIP. {pejabat.nip}", False))
    return lines


def _write_lines(cell, lines: Sequence[tuple[str, bool]]) -> None:
    for text, strong in lines:
        _para(cell, text, bold=strong, underline=strong, after=0)


def _signature(doc: DocxDocument, pejabat: Pejabat, above: Sequence[str] = ()) -> None:
    """The signatory's block on the right half of the page."""
    widths = [8.0, TEXT_WIDTH_CM - 8.0]
    t = _layout_table(doc, 2, widths)
    _write_lines(_layout_row(t, widths)[1], _signature_lines(pejabat, above))


def _labelled(doc: DocxDocument, blocks: Sequence[tuple[str, Sequence[str], str]]) -> None:
    """'Dasar : 1. …' blocks: label, colon, and content lines either numbered ('list') or plain
    ('fields', lines such as 'Nama\\t: …')."""
    widths = [2.6, 0.5, TEXT_WIDTH_CM - 3.1]
    t = _layout_table(doc, 3, widths)
    for label, lines, kind in blocks:
        label_cell, colon_cell, body = _layout_row(t, widths)
        _para(label_cell, label, after=3)
        _para(colon_cell, ":", after=3)
        if kind == "list":
            _numbered(body, lines)
        else:
            for line in lines:
                _para(body, line, after=2).paragraph_format.tab_stops.add_tab_stop(Cm(4.2))


def _person_fields(p: Pejabat) -> list[str]:
    fields = [("Nama", p.nama), ("NIP", p.nip), ("Pangkat/Golongan", p.pangkat), ("Jabatan", p.jabatan)]
    return [f"{label}\t: {value}" for label, value in fields if value]


def _collection_schedule(tahun: int) -> list[str]:
    """'Mei 2024 (Triwulan I)', … 'Januari 2025 (Triwulan IV)' from the periods module."""
    return [f"{fmt.BULAN[month - 1]} {tahun + add} (Triwulan {TRIWULAN[q - 1]})"
            for q, (add, month) in sorted(COLLECTION_MONTH.items())]


def _join(items: Sequence[str]) -> str:
    """'a, b, dan c' (Indonesian list)."""
    items = list(items)
    if len(items) <= 2:
        return " dan ".join(items)
    return ", ".join(items[:-1]) + ", dan " + items[-1]


def _save(doc: DocxDocument, out_path: Path) -> Path:
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out_path)
    return out_path


def _sop_name(params: Parameters) -> str:
    return (f"Standar Operasional Prosedur (SOP) Pengelolaan Kinerja Pengadaan Barang/Jasa "
            f"{params.ukpbj.instansi}")


# --- Format 1 -------------------------------------------------------------------------------

def surat_tugas(params: Parameters, out_path: Path) -> Path:
    """Format 1: the head of the UKPBJ assigns the performance-management coordinator."""
    s, pj, u = params.surat.surat_tugas, params.pejabat, params.ukpbj
    doc = _new_document(params, f"Surat Tugas Koordinator Tim Pengelola Kinerja Pengadaan {params.tahun}",
                        size=12)
    letterhead(doc, params)
    _title_block(doc, ["SURAT TUGAS", f"Nomor: {s.nomor}"], underline_first=True)

    dasar = [_sop_name(params), *DASAR_HUKUM]
    untuk = [
        f"Bertindak sebagai Koordinator Tim Pengelola Kinerja Pengadaan Barang/Jasa pada {u.nama} "
        f"untuk Tahun Anggaran {params.tahun};",
        "Mendefinisikan tujuan pengadaan dan area strategis, menetapkan indikator kinerja beserta "
        "atributnya, menyusun usulan baseline dan target kinerja, serta menyusun rencana aksi untuk "
        "setiap indikator dalam Dokumen Perencanaan Kinerja Pengadaan;",
        "Mengoordinasikan Tim Pengumpul Data dan Tim Pengolah Data dengan susunan sebagaimana "
        "tercantum di bawah ini, termasuk menyosialisasikan teknik dan mekanisme survei "
        "pengumpulan data kinerja;",
        f"Mempresentasikan Dokumen Perencanaan Kinerja serta Laporan Evaluasi Kinerja Pengadaan, "
        f"Dashboard Status Nilai Indikator Kinerja, rekomendasi, dan rencana kinerja tahun "
        f"berikutnya kepada {pj.kepala_ukpbj.jabatan} dan pimpinan untuk mendapatkan persetujuan;",
        "Melaksanakan tugas ini dengan penuh tanggung jawab dan melaporkan hasilnya kepada "
        "pemberi tugas.",
    ]
    _labelled(doc, [("Dasar", dasar, "list")])
    _para(doc, "MENUGASKAN", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    _labelled(doc, [("Kepada", _person_fields(pj.koordinator), "fields"), ("Untuk", untuk, "list")])

    _para(doc, "Susunan Tim Pengelola Kinerja Pengadaan Barang/Jasa:", before=6)
    members = [(pj.koordinator, "Koordinator")]
    members += [(m, "Tim Pengumpul Data") for m in params.tim.pengumpul_data]
    members += [(m, "Tim Pengolah Data") for m in params.tim.pengolah_data]
    table(doc, ["No.", "Nama", "NIP", "Jabatan", "Kedudukan dalam Tim"],
          [(str(i), m.nama, m.nip or "–", m.jabatan, role) for i, (m, role) in enumerate(members, 1)],
          widths_cm=[1.0, 4.5, 3.8, 4.0, 3.2], size=10)

    _para(doc, "Demikian surat tugas ini dibuat untuk dilaksanakan dengan penuh tanggung jawab.",
          before=10, after=12)
    _signature(doc, pj.kepala_ukpbj, [f"{u.kota}, {fmt.tanggal(s.tanggal)}"])
    return _save(doc, out_path)


# --- Format 2 -------------------------------------------------------------------------------

def surat_edaran(params: Parameters, out_path: Path) -> Path:
    """Format 2: the circular telling OPDs, PPKs and Pokja what the performance survey asks."""
    s, pj, u, tahun = params.surat.surat_edaran, params.pejabat, params.ukpbj, params.tahun
    doc = _new_document(params, f"Surat Edaran Implementasi Pengelolaan Kinerja Pengadaan {tahun}",
                        size=12)
    letterhead(doc, params)
    _para(doc, "Yth.", after=0)
    _numbered(doc, ["Kepala Perangkat Daerah;", "Pejabat Pembuat Komitmen (PPK); dan",
                    "Kelompok Kerja (Pokja) Pemilihan,"], hang_cm=0.6)
    _para(doc, f"di lingkungan {u.instansi}", after=12)
    _title_block(doc, ["SURAT EDARAN", f"NOMOR {s.nomor}", "TENTANG",
                       "IMPLEMENTASI PENGELOLAAN KINERJA PENGADAAN BARANG/JASA",
                       f"TAHUN ANGGARAN {tahun}"])

    metode = _join(params.metode.metode_dalam_lingkup)
    jadwal = _join(_collection_schedule(tahun))
    points = [
        f"Latar belakang. Dalam rangka pengembangan Center of Excellence (CoE) pengadaan "
        f"barang/jasa dan pelaksanaan {_sop_name(params)}, {u.nama} melaksanakan pengelolaan "
        f"kinerja pengadaan barang/jasa, yaitu proses sistematis untuk mengidentifikasi, "
        f"mengumpulkan, menganalisis, melaporkan, dan menggunakan informasi nilai ukur kinerja.",
        f"Maksud dan tujuan. Surat Edaran ini menjadi pemberitahuan dan acuan bagi Perangkat "
        f"Daerah, PPK, dan Pokja Pemilihan selaku responden survei kinerja pengadaan, agar "
        f"kinerja pengadaan Tahun Anggaran {tahun} dapat dipantau dan dikendalikan terhadap target "
        f"dalam Dokumen Perencanaan Kinerja Pengadaan.",
        f"Ruang lingkup. Penilaian kinerja mencakup paket pengadaan barang/jasa Tahun Anggaran "
        f"{tahun} dengan metode pemilihan {metode}. Penilaian bersifat tahunan: kinerja tahun "
        f"{tahun} dinilai pada tahun {tahun + 1}.",
        f"Jadwal. Pengumpulan data dilaksanakan secara triwulanan oleh Tim Pengumpul Data, yaitu "
        f"pada bulan {jadwal}.",
        "Kewajiban responden. Responden mengisi dan menyampaikan formulir berikut kepada Tim "
        "Pengumpul Data pada setiap bulan pengumpulan:",
    ]
    duties = [
        "PPK mengisi Formulir Isian Data Utama PPK dan Formulir Kinerja Penyedia untuk setiap "
        "paket yang dikelolanya;",
        "Pokja Pemilihan mengisi Formulir Isian Data Utama Pokja dan Formulir Kinerja Pokja "
        "Pemilihan untuk setiap paket yang dipilihnya;",
        "Perangkat Daerah, PPK, Pokja Pemilihan, dan penyedia yang diminta mengisi Formulir "
        "Survei Kepuasan Pelanggan (internal atau eksternal);",
        "Data diisi dengan benar dan lengkap sesuai dokumen paket; data yang tidak lengkap "
        "dikembalikan untuk dilengkapi.",
    ]
    contact = _join([v for v in (u.telepon and f"telepon {u.telepon}", u.email and f"pos-el {u.email}") if v])
    last = (f"Narahubung. Informasi lebih lanjut dapat diperoleh dari Koordinator Tim Pengelola "
            f"Kinerja Pengadaan, {pj.koordinator.nama}" + (f", melalui {contact}." if contact else "."))
    _numbered(doc, points)
    _numbered(doc, duties, marker="{a}.", indent_cm=0.7, hang_cm=0.6)
    _numbered(doc, [last], marker=f"{len(points) + 1}.")
    _para(doc, "Demikian Surat Edaran ini disampaikan untuk dilaksanakan. Atas perhatian dan kerja "
               "sama Saudara diucapkan terima kasih.", before=8, after=12)
    _signature(doc, pj.penandatangan_surat_edaran,
               [f"Ditetapkan di {u.kota}", f"pada tanggal {fmt.tanggal(s.tanggal)}"])
    return _save(doc, out_path)


# --- Format 3 -------------------------------------------------------------------------------

def _cover(doc: DocxDocument, params: Parameters) -> None:
    s, u = params.surat.dokumen_perencanaan, params.ukpbj
    _para(doc, "", after=90)
    for text, size in (("DOKUMEN PERENCANAAN KINERJA", 18), ("PENGADAAN BARANG/JASA", 18),
                       (f"TAHUN {params.tahun}", 16)):
        _para(doc, text, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    _para(doc, f"Nomor: {s.nomor}", align=WD_ALIGN_PARAGRAPH.CENTER, before=24, after=2)
    _para(doc, f"Tanggal: {fmt.tanggal(s.tanggal)}", align=WD_ALIGN_PARAGRAPH.CENTER, after=160)
    for text in (u.nama.upper(), u.instansi.upper(), f"{u.kota.upper()} {params.tahun}"):
        _para(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=2)


def _chapter(doc: DocxDocument, number: str, title: str) -> None:
    h = doc.add_heading(f"BAB {number}\n{title}", level=1)
    h.paragraph_format.page_break_before = True


def _bab_pendahuluan(doc: DocxDocument, params: Parameters) -> None:
    u, tahun = params.ukpbj, params.tahun
    _chapter(doc, "I", "PENDAHULUAN")
    doc.add_heading("A. Latar Belakang", level=2)
    _para(doc, "Pengelolaan kinerja pengadaan adalah proses sistematis untuk mengidentifikasi, "
               "mengumpulkan, menganalisis data, melaporkan, dan menggunakan informasi nilai ukur "
               f"kinerja. Sesuai {_sop_name(params)}, Koordinator Tim Pengelola Kinerja Pengadaan "
               "menyusun Dokumen Perencanaan Kinerja yang memuat tujuan pengadaan, area strategis, "
               "indikator kinerja beserta atributnya, baseline dan target, rencana aksi setiap "
               "indikator, serta pemetaan area strategis ke paket pengadaan Perangkat Daerah.",
          align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    doc.add_heading("B. Maksud dan Tujuan", level=2)
    _para(doc, f"Dokumen ini menjadi acuan {u.nama} dalam melaksanakan, memantau, dan mengendalikan "
               f"kinerja pengadaan barang/jasa Tahun Anggaran {tahun}, serta dasar penyusunan Laporan "
               f"Evaluasi Kinerja Pengadaan yang dinilai pada tahun {tahun + 1}.",
          align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    doc.add_heading("C. Ruang Lingkup", level=2)
    _para(doc, f"Obyek penilaian adalah paket pengadaan barang/jasa Tahun Anggaran {tahun} dengan "
               f"metode pemilihan {_join(params.metode.metode_dalam_lingkup)}. Data dikumpulkan "
               f"secara triwulanan pada bulan {_join(_collection_schedule(tahun))}.",
          align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    doc.add_heading("D. Dasar Hukum", level=2)
    _numbered(doc, [*DASAR_HUKUM, "Peraturan LKPP Nomor 4 Tahun 2021 tentang Pembinaan Pelaku Usaha "
                                  "Pengadaan Barang/Jasa Pemerintah", _sop_name(params)])


def _cakupan(area) -> str:
    parts = []
    if area.cakupan.metode:
        parts.append("metode " + _join(area.cakupan.metode))
    if area.cakupan.jenis_pengadaan:
        parts.append("jenis " + _join(area.cakupan.jenis_pengadaan))
    return "; ".join(parts) if parts else "Semua paket dalam lingkup"


def _bab_tujuan(doc: DocxDocument, params: Parameters) -> None:
    _chapter(doc, "II", "TUJUAN DAN AREA STRATEGIS")
    _para(doc, "Tujuan pengadaan dan area strategis yang ditetapkan untuk mencapainya:",
          align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    goals = {t.kode: t.nama for t in params.tujuan}
    counts = pd.Series([i.area for i in params.indikator]).value_counts()
    rows = [(str(n), f"{a.tujuan} – {goals[a.tujuan]}", a.kode, a.nama, _cakupan(a),
             fmt.angka(int(counts.get(a.kode, 0))))
            for n, a in enumerate(params.area_strategis, 1)]
    table(doc, ["No.", "Tujuan Pengadaan", "Kode Area", "Area Strategis", "Cakupan Paket",
                "Jumlah Indikator"], rows, widths_cm=[1.0, 4.4, 1.7, 4.2, 3.4, 1.8], right=(5,))


def _attributes(r: pd.Series, area_names: dict[str, str]) -> list[tuple[str, str]]:
    baseline = fmt.nilai(r["baseline"], r["satuan"])
    source = r.get("baseline_sumber")
    if isinstance(source, str) and source:
        baseline += f" ({source})"
    return [
        ("Kode", r["kode"]),
        ("Nama indikator", r["nama"]),
        ("Area strategis", f"{r['area']} – {area_names.get(r['area'], '')}".rstrip(" –")),
        ("Definisi", r["definisi"]),
        ("Rumus", r["rumus"]),
        ("Definisi hitung (buku kerja)", r.get("definisi_buku_kerja", "")),
        ("Dataset sumber", r.get("dataset_sumber", "")),
        ("Satuan", r["satuan"]),
        ("Polaritas", POLARITAS.get(r["polaritas"], str(r["polaritas"]))),
        ("Sumber data", r["sumber_data"]),
        ("Frekuensi pengukuran", r["frekuensi"]),
        ("Penanggung jawab", r["penanggung_jawab"]),
        ("Baseline", baseline),
        ("Target", fmt.nilai(r["target"], r["satuan"])),
    ]


def _bab_indikator(doc: DocxDocument, params: Parameters, indikator: pd.DataFrame) -> None:
    _chapter(doc, "III", "INDIKATOR KINERJA DAN ATRIBUT")
    doc.add_heading("A. Ringkasan Baseline dan Target", level=2)
    table(doc, ["No.", "Kode", "Indikator", "Polaritas", "Baseline", "Target"],
          [(str(n), r["kode"], r["nama"], POLARITAS.get(r["polaritas"], ""),
            fmt.nilai(r["baseline"], r["satuan"]), fmt.nilai(r["target"], r["satuan"]))
           for n, (_, r) in enumerate(indikator.iterrows(), 1)],
          widths_cm=[1.0, 1.8, 6.2, 3.3, 2.1, 2.1], right=(4, 5))
    doc.add_heading("B. Atribut Indikator", level=2)
    area_names = {a.kode: a.nama for a in params.area_strategis}
    for _, r in indikator.iterrows():
        doc.add_heading(f"{r['kode']} – {r['nama']}", level=3)
        table(doc, ["Atribut", "Uraian"], _attributes(r, area_names), widths_cm=[4.2, 12.3], size=9.5)


def _bab_rencana_aksi(doc: DocxDocument, params: Parameters) -> None:
    _chapter(doc, "IV", "RENCANA AKSI")
    _para(doc, "Rencana aksi untuk mencapai target setiap indikator:", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for ind in params.indikator:
        doc.add_heading(f"{ind.kode} – {ind.nama}", level=3)
        table(doc, ["Kode", "Uraian Rencana Aksi", "Jadwal", "Keluaran", "Penanggung Jawab"],
              [(ra.kode, ra.uraian, ra.jadwal, ra.keluaran, ra.penanggung_jawab)
               for ra in ind.rencana_aksi],
              widths_cm=[1.8, 5.6, 2.6, 3.3, 3.2])


def _bab_pemetaan(doc: DocxDocument, params: Parameters, pemetaan: pd.DataFrame,
                  catatan: Sequence[str] = ()) -> None:
    _chapter(doc, "V", "PEMETAAN AREA STRATEGIS KE PAKET PERANGKAT DAERAH")
    for line in catatan:
        _para(doc, line, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if pemetaan.empty:
        _para(doc, f"Belum ada paket Tahun Anggaran {params.tahun} dalam register yang dicakup "
                   "area strategis.")
        return
    _para(doc, f"Paket pengadaan Tahun Anggaran {params.tahun} yang dicakup setiap area strategis "
               "menurut cakupannya (Bab II), per Perangkat Daerah (OPD). Indikator suatu area hanya "
               "menghitung paket dalam cakupan area itu:", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    rows = [(str(n), f"{r['area']} – {r['area_nama']}", r["nama_satker"],
             fmt.angka(r["jumlah_paket"]), fmt.rupiah(r["pagu"]))
            for n, (_, r) in enumerate(pemetaan.iterrows(), 1)]
    # A package may count in several areas, so the total is per row of this table, not unique.
    rows.append(("", "Jumlah", "", fmt.angka(pemetaan["jumlah_paket"].sum()),
                 fmt.rupiah(pemetaan["pagu"].sum())))
    table(doc, ["No.", "Area Strategis", "Perangkat Daerah", "Jumlah Paket", "Pagu"], rows,
          widths_cm=[1.0, 4.6, 5.4, 1.9, 3.6], right=(3, 4), bold_last=True)
    if pemetaan["area"].nunique() > 1:
        _para(doc, "Catatan: satu paket dapat tercakup dalam lebih dari satu area strategis, "
                   "sehingga baris Jumlah dapat menghitung paket yang sama lebih dari sekali.",
              size=9, before=4)


def _approval(doc: DocxDocument, params: Parameters) -> None:
    """Approval page: prepared by the coordinator, approved by the head of the UKPBJ."""
    s, pj = params.surat.dokumen_perencanaan, params.pejabat
    h = doc.add_heading("LEMBAR PENGESAHAN", level=1)
    h.paragraph_format.page_break_before = True
    _para(doc, f"Dokumen Perencanaan Kinerja Pengadaan Barang/Jasa Tahun {params.tahun} Nomor "
               f"{s.nomor} ditetapkan di {params.ukpbj.kota} pada tanggal {fmt.tanggal(s.tanggal)}.",
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=18)
    widths = [TEXT_WIDTH_CM / 2] * 2
    t = _layout_table(doc, 2, widths)
    left, right = _layout_row(t, widths)
    _write_lines(left, _signature_lines(pj.koordinator, ["Disusun oleh:"],
                                        as_role="Koordinator Tim Pengelola Kinerja Pengadaan"))
    _write_lines(right, _signature_lines(pj.kepala_ukpbj, ["Disetujui oleh:"]))


def _charts(doc: DocxDocument, charts: Sequence[Path]) -> None:
    h = doc.add_heading("LAMPIRAN GRAFIK", level=1)
    h.paragraph_format.page_break_before = True
    for n, path in enumerate(charts, 1):
        doc.add_picture(str(path), width=Cm(16))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _para(doc, f"Gambar {n}", size=9, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)


def dokumen_perencanaan(params: Parameters, indikator: pd.DataFrame, pemetaan: pd.DataFrame,
                        out_path: Path, *, charts: Sequence[Path] = (),
                        catatan: Sequence[str] = ()) -> Path:
    """Format 3: the performance plan (goals, areas, indicators with attributes, baseline and
    target, action plans, area-to-OPD mapping) with its approval page.

    `indikator`: kode, nama, area, definisi, rumus, satuan, polaritas, sumber_data, frekuensi,
    penanggung_jawab, baseline, baseline_sumber, target (indicators.plan_table).
    `pemetaan`: area, area_nama, nama_satker, jumlah_paket, pagu (planning.area_mapping).
    `catatan`: notes on the mapping printed before it (planning.mapping_notes).
    """
    doc = _new_document(params, f"Dokumen Perencanaan Kinerja Pengadaan Barang/Jasa Tahun {params.tahun}")
    _cover(doc, params)
    _bab_pendahuluan(doc, params)
    _bab_tujuan(doc, params)
    _bab_indikator(doc, params, indikator)
    _bab_rencana_aksi(doc, params)
    _bab_pemetaan(doc, params, pemetaan, catatan)
    _approval(doc, params)
    if charts:
        _charts(doc, [Path(c) for c in charts])
    return _save(doc, out_path)
