"""An executed notebook as a self-contained Indonesian report page, without code.

The notebook must already be executed (papermill): nbconvert's tag removal runs before
execution, so converting with `--execute` would lose the outputs (design.md, Known traps).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import jinja2
import nbformat
from bs4 import BeautifulSoup  # nbconvert's own dependency
from nbconvert import HTMLExporter
from traitlets.config import Config

from kinerja.core import fmt
from kinerja.methods.register_quality import DEMO_BANNER
from kinerja.render import TEMPLATES
from kinerja.render.layout import WIDE_TABLE_COLUMNS  # also the described documents' rule

PAGE_TEMPLATE = "laporan.html.j2"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# A cell holding only a number, an amount or a percentage ('1.250', 'Rp 1.250.000,00', '12,5%').
NUMBER = re.compile(r"^[-−]?\s*(Rp\s*)?\d[\d.,]*\s*%?$")
# A number with its unit ('3,22 peserta', '27,91 hari', '2,51 nilai (0–3)'): also kept on one line.
NUMBER_UNIT = re.compile(r"^[-−]?\s*\d[\d.,]*\s+[a-z]+(\s\([\d–,.\s]+\))?$")
# A short code ('IKP-01', 'RA-01.2', 'PK-8616CA16'): never split at its hyphen.
CODE = re.compile(r"^[A-Z]{1,5}-[\w.]{1,12}$")
# A file fingerprint (sha256): broken anywhere, else it runs off the page.
HASH = re.compile(r"^[0-9a-f]{40,64}$")

_pages = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                            autoescape=jinja2.select_autoescape(["html", "j2"]),
                            undefined=jinja2.StrictUndefined)


def _exporter() -> HTMLExporter:
    """A fresh exporter per notebook: a shared one leaks configuration between notebooks."""
    c = Config()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {"remove_cell", "hide"}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {"remove_output"}
    return HTMLExporter(config=c, template_name="basic", exclude_input=True,
                        exclude_input_prompt=True, exclude_output_prompt=True,
                        embed_images=True)


def _drop_widgets(nb: nbformat.NotebookNode) -> None:
    """Widgets need JavaScript from a CDN to show anything: leave them out of a static report."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", []) if WIDGET_VIEW not in o.get("data", {})]


def _describe_images(nb: nbformat.NotebookNode) -> None:
    """Charts without alt text would get an English placeholder from nbconvert (and a warning)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "alt" not in cell.metadata:
            cell.metadata["alt"] = "Grafik"


def _columns(table) -> int:
    row = table.find("tr")
    return sum(int(c.get("colspan", 1)) for c in row.find_all(["th", "td"], recursive=False)) if row else 0


def _add_class(tag, name: str) -> None:
    tag["class"] = [*tag.get("class", []), name]


def _landscape(table) -> None:
    """Print a wide table on landscape pages, with the markdown cell that introduces it
    (otherwise its heading is left alone at the foot of the portrait page before)."""
    _add_class(table, "tabel-lebar")
    cell = table.find_parent("div", class_="cell")
    if cell is None:
        return
    _add_class(cell, "halaman-lebar")
    intro = cell.find_previous_sibling("div", class_="cell")
    if intro is not None and "text_cell" in intro.get("class", []):
        _add_class(intro, "halaman-lebar")


# A table whose cells hold paragraphs (an indicator's definition) is wide too once it has this
# many columns: on a portrait page each of its rows would fill a page.
LONG_TEXT, LONG_TEXT_COLUMNS = 300, 5


def _wide(table) -> bool:
    columns = _columns(table)
    return columns >= WIDE_TABLE_COLUMNS or (
        columns >= LONG_TEXT_COLUMNS and any(len(td.get_text(strip=True)) > LONG_TEXT for td in table.find_all("td")))


def _tidy_tables(body: str) -> str:
    """Classes the page CSS needs: wide tables (_wide) go on landscape pages, cells holding a number
    (`angka`) are right-aligned and not wrapped."""
    soup = BeautifulSoup(body, "html.parser")
    tables = soup.find_all("table")
    for table in tables:
        # a described document (layout_html) marks its own sections holding a wide table
        if _wide(table) and table.find_parent("section", class_="bagian") is None:
            _landscape(table)
        for cell in table.find_all("td"):
            text = cell.get_text(strip=True)
            if NUMBER.match(text) or NUMBER_UNIT.match(text):
                _add_class(cell, "angka")
            elif CODE.match(text):
                _add_class(cell, "kode")
            elif HASH.match(text):
                _add_class(cell, "sidik")
    return str(soup) if tables else body


def notebook_body(executed_nb: Path) -> str:
    """The notebook's outputs and markdown as an HTML fragment (no code, no prompts)."""
    nb = nbformat.read(executed_nb, as_version=4)
    _drop_widgets(nb)
    _describe_images(nb)
    # The notebook's folder resolves relative image paths in markdown (embedded as data: URIs).
    resources = {"metadata": {"path": str(Path(executed_nb).parent)}}
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return _tidy_tables(body)


def table_of_contents(body: str, levels: tuple[str, ...] = ("h2",)) -> tuple[str, list[dict]]:
    """The body with an id on every heading of `levels`, and the contents list
    [{id, text, level}] (the PDF prints each entry's page number from its link)."""
    soup = BeautifulSoup(body, "html.parser")
    toc, used = [], set()
    for n, heading in enumerate(soup.find_all(list(levels))):
        ident = heading.get("id") or f"bagian-{n + 1}"
        while ident in used:
            ident += "-"
        used.add(ident)
        heading["id"] = ident
        toc.append({"id": ident, "text": heading.get_text(" ", strip=True).rstrip("¶").strip(),
                    "level": int(heading.name[1])})
    return str(soup), toc


def title_page(body: str) -> tuple[str, str]:
    """(the body without its title page, the title page): the `section.sampul` a described
    document shows first (layout_html.cover), moved out so the contents can follow it."""
    soup = BeautifulSoup(body, "html.parser")
    found = soup.find("section", class_="sampul")
    if found is None:
        return body, ""
    holder = found.find_parent("div", class_="output_area")
    cover = str(found.extract())
    # what is left empty before the first chapter (the cover's output, the hidden parameter
    # cells) would sit alone on a page between the contents and a chapter that starts a page
    for empty in ([holder] if holder is not None else []) + soup.find_all("div", class_="cell"):
        if empty.parent is not None and not empty.get_text(strip=True) and not empty.find(["img", "svg", "table"]):
            empty.decompose()
    return str(soup), cover


def notebook_to_html(executed_nb: Path, html_path: Path, *, title: str, subtitle: str,
                     ukpbj_name: str, instansi: str, generated: dt.date,
                     template: str = PAGE_TEMPLATE, contents: bool = False,
                     demo: bool = False, draft: bool = False) -> Path:
    """Write the executed notebook as one offline HTML page with our title block and print CSS.
    `contents`: the notebook shows a described document (the report, F15): its title page goes
    first, then a table of contents of its chapters and subsections, as the report template
    (laporan_evaluasi.html.j2) lays them out. `draft`: every page is marked DRAF."""
    body, toc, cover = notebook_body(Path(executed_nb)), [], ""
    if contents:
        body, cover = title_page(body)
        body, toc = table_of_contents(body, ("h2", "h3"))
    page = _pages.get_template(template).render(
        title=title, subtitle=subtitle, ukpbj_name=ukpbj_name, instansi=instansi,
        generated=fmt.tanggal(generated), body=body, cover=cover, toc=toc,
        demo=DEMO_BANNER if demo else "", draft=draft)
    html_path = Path(html_path)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(page, encoding="utf-8")
    return html_path
