"""A described document (render/layout.py) as HTML: what its notebook shows, and through the
notebook's page (render/html.py) the report's HTML and PDF.

Every text is escaped. The title page is a `section.sampul` (the report's page template puts it
before the contents), a section holding a wide table is marked `halaman-lebar` (printed on
landscape pages with its heading), a number cell `angka` (right-aligned).
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from IPython.display import HTML, display

from kinerja.render.layout import Bullets, Cover, Document, Figure, Paragraph, Section, Signatures, Table

MIME = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg"}


def cover(c: Cover) -> str:
    demo = f'<p class="data-demo">{escape(c.demo)}</p>' if c.demo else ""
    note = f'<p class="catatan-pimpinan">Catatan pimpinan: {escape(c.catatan)}</p>' if c.catatan else ""
    contact = f'<p class="alamat">{escape(c.kontak)}</p>' if c.kontak else ""
    return (f'<section class="sampul"><div class="kop-surat"><p class="instansi">{escape(c.instansi)}</p>'
            f'<p class="ukpbj">{escape(c.ukpbj)}</p><p class="alamat">{escape(c.alamat)}</p>{contact}</div>'
            f'{demo}<h1>{escape(c.judul)}</h1><p class="periode">{escape(c.periode)}</p>'
            f'<p class="data-per">{escape(c.data_per)}</p><p class="revisi">{escape(c.revisi)}</p>{note}'
            f'<p class="dibuat">{escape(c.dibuat)}</p>'
            f'<p class="kota">{escape(c.ukpbj)}<br>{escape(c.kota)}</p></section>')


def table(t: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in t.headings)
    body = "".join(
        "<tr>" + "".join(f'<td class="angka">{escape(v)}</td>' if c.number else f"<td>{escape(v)}</td>"
                         for c, v in zip(t.columns, row)) + "</tr>"
        for row in t.rows())
    caption = f"<caption>{escape(t.caption)}</caption>" if t.caption else ""
    total = sum(c.weight for c in t.columns)
    widths = "".join(f'<col style="width: {100 * c.weight / total:.1f}%">' for c in t.columns)
    return (f'<table class="tabel">{caption}<colgroup>{widths}</colgroup><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def figure(f: Figure) -> str:
    data = base64.b64encode(Path(f.path).read_bytes()).decode("ascii")
    mime = MIME.get(Path(f.path).suffix.lower(), "image/png")
    return (f'<figure><img src="data:{mime};base64,{data}" alt="{escape(f.caption)}">'
            f"<figcaption>{escape(f.caption)}</figcaption></figure>")


def signatures(s: Signatures) -> str:
    def cell(lines):
        return "".join(f"<b><u>{escape(t)}</u></b><br>" if strong else f"{escape(t) or '&nbsp;'}<br>"
                       for t, strong in lines)
    return (f'<section class="pengesahan"><table><tr><td>{cell(s.left)}</td><td>{cell(s.right)}</td>'
            f"</tr></table></section>")


def block(b) -> str:
    if isinstance(b, Paragraph):
        text = f"<b>{escape(b.text)}</b>" if b.bold else escape(b.text)
        return f'<p class="catatan-tabel">{text}</p>' if b.note else f"<p>{text}</p>"
    if isinstance(b, Bullets):
        return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in b.lines) + "</ul>"
    if isinstance(b, Table):
        return table(b)
    if isinstance(b, Figure):
        return figure(b)
    if isinstance(b, Signatures):
        return signatures(b)
    if isinstance(b, Section):
        return section(b)
    raise TypeError(f"unknown block {type(b).__name__}")


def section(s: Section) -> str:
    tag = f"h{s.level + 1}"
    kind = "bagian" + (" halaman-lebar" if s.wide else "") + (" halaman-sendiri" if s.own_page else "")
    return (f'<section class="{kind}"><{tag}>{escape(s.title)}</{tag}>'
            + "".join(block(b) for b in s.blocks) + "</section>")


def document(d: Document) -> str:
    """The whole document as one HTML fragment (title page first)."""
    return cover(d.cover) + "".join(section(s) for s in d.sections)


def show(d: Document) -> None:
    """Show the document in the notebook: its title page, then each chapter as its own output."""
    display(HTML(cover(d.cover)))
    for s in d.sections:
        display(HTML(section(s)))
