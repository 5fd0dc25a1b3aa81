"""Word (.docx, python-docx) building blocks of the letters and reports: an A4 portrait document
in Arial with the Indonesian proofing language, paragraphs, hand-numbered lists, bordered data
tables with a repeated shaded header, borderless layout tables, the letterhead (kop surat), title
and signature blocks, 'Dasar : …' label blocks. The planning documents (F1–F3, `documents`) and
the evaluation report (F15, `laporan_docx`) are written with them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from kinerja.core.config import Parameters, Pejabat

FONT = "Arial"
LANG = "id-ID"
HEADER_FILL = "D9E2F3"  # light blue-grey shading of table header rows
TEXT_WIDTH_CM = 16.5  # A4 (21 cm) minus the 2.5 cm and 2 cm side margins; table widths add up to it
# Elements that follow w:pBdr in w:pPr and w:shd in w:tcPr (ECMA-376 schema order).
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
               "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
               "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
               "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
               "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
               "w:pPrChange")
_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
              "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")


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


def new_document(params: Parameters, title: str, *, size: float = 11) -> DocxDocument:
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


def para(container, text: str = "", *, bold: bool = False, underline: bool = False,
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


def numbered(container, items: Iterable[str], *, marker: str = "{n}.", hang_cm: float = 0.7,
             indent_cm: float = 0.0) -> None:
    """A numbered list with hanging indent, numbered by hand: Word list numbering would continue
    across separate lists in python-docx."""
    for n, text in enumerate(items, start=1):
        label = marker.format(n=n, a="abcdefghijklmnopqrstuvwxyz"[n - 1])
        p = para(container, f"{label}\t{text}", after=3)
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
        para(cell, text, bold=True, size=size, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
        _shade(cell)
    _repeat_header(t.rows[0])
    rows = list(rows)
    for i, values in enumerate(rows):
        bold = bold_last and i == len(rows) - 1
        for j, (cell, text) in enumerate(zip(t.add_row().cells, values)):
            align = WD_ALIGN_PARAGRAPH.RIGHT if j in right else None
            para(cell, str(text), size=size, align=align, bold=bold, after=0)
    if widths_cm:
        _widths(t, widths_cm)
    return t


def layout_table(container, cols: int, widths_cm: Sequence[float]):
    """A borderless table used only to line text up (label : value, signature columns)."""
    t = container.add_table(rows=0, cols=cols)
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    for col, w in zip(t.columns, widths_cm):
        col.width = Cm(w)
    return t


def layout_row(t, widths_cm: Sequence[float]):
    cells = t.add_row().cells
    for cell, w in zip(cells, widths_cm):
        cell.width = Cm(w)
    return cells


def letterhead(doc: DocxDocument, params: Parameters) -> None:
    """Kop surat of the parameter file's unit (letterhead_lines)."""
    u = params.ukpbj
    letterhead_lines(doc, u.instansi, u.nama, u.alamat_lengkap, u.kontak)


def letterhead_lines(doc: DocxDocument, instansi: str, unit: str, address: str, contacts: str) -> None:
    """Kop surat: government, unit, address and contacts, closed by a thick-thin double line."""
    para(doc, instansi.upper(), size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    para(doc, unit.upper(), bold=True, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    para(doc, address, size=9.5, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    last = para(doc, contacts, size=9.5, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    _bottom_border(last)


def title_block(doc: DocxDocument, lines: Sequence[str], *, underline_first: bool = False) -> None:
    for i, text in enumerate(lines):
        para(doc, text, bold=True, underline=underline_first and i == 0,
             align=WD_ALIGN_PARAGRAPH.CENTER, after=0 if i < len(lines) - 1 else 12)


def signature_lines(pejabat: Pejabat, above: Sequence[str] = (), *,
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


def write_lines(cell, lines: Sequence[tuple[str, bool]]) -> None:
    for text, strong in lines:
        para(cell, text, bold=strong, underline=strong, after=0)


def signature(doc: DocxDocument, pejabat: Pejabat, above: Sequence[str] = ()) -> None:
    """The signatory's block on the right half of the page."""
    widths = [8.0, TEXT_WIDTH_CM - 8.0]
    t = layout_table(doc, 2, widths)
    write_lines(layout_row(t, widths)[1], signature_lines(pejabat, above))


def approval(doc: DocxDocument, pejabat, approved_above: Sequence[str] = ("Disetujui oleh:",)) -> None:
    """Two signatures side by side: prepared by the coordinator of the performance team (left),
    approved by the head of the UKPBJ (right, under `approved_above`). `pejabat`: the parameter
    file's officials."""
    widths = [TEXT_WIDTH_CM / 2] * 2
    left, right = layout_row(layout_table(doc, 2, widths), widths)
    write_lines(left, signature_lines(pejabat.koordinator, ["Disusun oleh:"],
                                      as_role="Koordinator Tim Pengelola Kinerja Pengadaan"))
    write_lines(right, signature_lines(pejabat.kepala_ukpbj, approved_above))


def labelled(doc: DocxDocument, blocks: Sequence[tuple[str, Sequence[str], str]]) -> None:
    """'Dasar : 1. …' blocks: label, colon, and content lines either numbered ('list') or plain
    ('fields', lines such as 'Nama\\t: …')."""
    widths = [2.6, 0.5, TEXT_WIDTH_CM - 3.1]
    t = layout_table(doc, 3, widths)
    for label, lines, kind in blocks:
        label_cell, colon_cell, body = layout_row(t, widths)
        para(label_cell, label, after=3)
        para(colon_cell, ":", after=3)
        if kind == "list":
            numbered(body, lines)
        else:
            for line in lines:
                para(body, line, after=2).paragraph_format.tab_stops.add_tab_stop(Cm(4.2))


DRAFT = "DRAF — belum untuk ditandatangani"


def mark_draft(doc: DocxDocument) -> None:
    """DRAF at the head of every page: each section's header, its first-page header too."""
    for section in doc.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        for header in headers:
            header.is_linked_to_previous = False
            p = header.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(DRAFT)
            run.bold = True
            run.font.size = Pt(14)
            run.font.color.rgb = RGBColor(0xB3, 0x26, 0x1E)


def save(doc: DocxDocument, out_path: Path, draft: bool = False) -> Path:
    """Write the document; `draft`: every page marked DRAF (mark_draft)."""
    if draft:
        mark_draft(doc)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out_path)
    return out_path
