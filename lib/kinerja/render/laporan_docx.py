"""Format 15 as an editable Word document (.docx) for the final, signed version: the report's one
description (render/laporan.py, render/layout.py) written with the docx building blocks
(docx_primitives.py). The title page, a table of contents Word fills in, page numbers, each
chapter on a new page (landscape where it holds a wide table), the same headings, paragraphs,
tables and cells as the HTML/PDF, and the signature block with name, rank and NIP.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from kinerja.core.config import Parameters
from kinerja.render import docx_primitives as d
from kinerja.render.layout import Bullets, Cover, Document, Figure, Paragraph, Section, Signatures, Table

PORTRAIT = (21.0, 29.7)
SIDE_MARGINS_CM = 4.5  # left 2.5 + right 2.0 (docx_primitives.new_document)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, TOC) whose result Word computes; `placeholder` shows until then."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _contents_and_page_numbers(doc) -> None:
    """A table of contents (headings 1–2, filled in by Word when the file opens) and page
    numbers in the footer; the title page carries none."""
    title = d.para(doc, "DAFTAR ISI", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    title.paragraph_format.page_break_before = True  # not a heading: it is not listed in itself
    _field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
           "Daftar isi diperbarui otomatis saat berkas dibuka (atau klik kanan → Perbarui bidang).")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # CT_Settings is a sequence: updateFields goes before these (Word rejects it elsewhere).
    doc.settings.element.insert_element_before(
        update, "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
        "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
        "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions",
        "w:readModeInkLockDown", "w:smartTagType", "w:shapeDefaults", "w:doNotEmbedSmartTags",
        "w:decimalSymbol", "w:listSeparator")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Halaman ")
    _field(footer, "PAGE", "1")


def _cover(doc, c: Cover) -> None:
    d.letterhead_lines(doc, c.instansi, c.ukpbj, c.alamat, c.kontak)
    if c.demo:
        d.para(doc, c.demo, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=4)
    d.para(doc, "", after=60)
    d.para(doc, c.judul.upper(), bold=True, size=18, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    d.para(doc, c.periode, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    d.para(doc, c.data_per, align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    d.para(doc, c.revisi, align=WD_ALIGN_PARAGRAPH.CENTER, before=24, after=4)
    if c.catatan:
        d.para(doc, f"Catatan pimpinan: {c.catatan}", align=WD_ALIGN_PARAGRAPH.CENTER, after=4)
    d.para(doc, c.dibuat, align=WD_ALIGN_PARAGRAPH.CENTER, after=120)
    for text in (c.ukpbj.upper(), c.kota.upper()):
        d.para(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=2)


def _orientation(doc, landscape: bool) -> float:
    """Start a new page section in the orientation asked (the chapter's); the text width in cm."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # page numbers on its first page too
    width, height = PORTRAIT[::-1] if landscape else PORTRAIT
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(width), Cm(height)
    return width - SIDE_MARGINS_CM


def _table(doc, t: Table, width_cm: float) -> None:
    total = sum(c.weight for c in t.columns)
    d.table(doc, t.headings, t.rows(), widths_cm=[width_cm * c.weight / total for c in t.columns],
            right=[n for n, c in enumerate(t.columns) if c.number], size=7 if t.wide else 8)
    d.para(doc, t.caption, size=8, after=6) if t.caption else d.para(doc, "", after=4)


def _signatures(doc, s: Signatures, width_cm: float) -> None:
    widths = [width_cm / 2] * 2
    left, right = d.layout_row(d.layout_table(doc, 2, widths), widths)
    d.write_lines(left, s.left)
    d.write_lines(right, s.right)


def _block(doc, b, width_cm: float) -> None:
    if isinstance(b, Paragraph):
        d.para(doc, b.text, bold=b.bold, size=8 if b.note else None, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=4)
    elif isinstance(b, Bullets):
        for line in b.lines:
            doc.add_paragraph(line, style="List Bullet").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif isinstance(b, Table):
        _table(doc, b, width_cm)
    elif isinstance(b, Figure):
        doc.add_picture(str(b.path), width=Cm(min(15.5, width_cm)))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        d.para(doc, b.caption, size=8, align=WD_ALIGN_PARAGRAPH.CENTER, after=6)
    elif isinstance(b, Signatures):
        d.para(doc, "", after=12)
        _signatures(doc, b, width_cm)
    elif isinstance(b, Section):
        _section(doc, b, width_cm)
    else:
        raise TypeError(f"unknown block {type(b).__name__}")


def _wide(s: Section) -> bool:
    return s.wide or any(isinstance(b, Section) and _wide(b) for b in s.blocks)


def _section(doc, s: Section, width_cm: float) -> None:
    h = doc.add_heading(s.title, level=s.level)
    h.alignment = WD_ALIGN_PARAGRAPH.LEFT
    alone = s.own_page and s.level > 1  # a chapter starts and ends a page section anyway
    h.paragraph_format.page_break_before = alone
    for b in s.blocks:
        _block(doc, b, width_cm)
    if alone:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def write(path: str | Path, document: Document, params: Parameters) -> Path:
    """Write the described report (laporan.describe) as F15 (.docx)."""
    doc = d.new_document(params, document.title)
    _cover(doc, document.cover)
    _contents_and_page_numbers(doc)
    for s in document.sections:  # each chapter from a new page, landscape where it is wide
        _section(doc, s, _orientation(doc, _wide(s)))
    return d.save(doc, Path(path), draft=document.draft)
