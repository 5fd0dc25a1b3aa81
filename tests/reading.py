"""Reading what a leader reads, for the tests: the outline (headings and tables) of a report page
and of a Word file, the text of HTML and Word files, and a detector of what belongs to the
developers (paths, commands, field/table/module names, Pokja and hash codes)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from bs4 import BeautifulSoup
from docx.table import Table
from docx.text.paragraph import Paragraph
from kinerja.apps import cli


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def html_outline(page: str) -> dict:
    """The report body's headings [(level, text)] and tables [[header, *rows]] (cells as text),
    in reading order; the contents list and the title page are not the body."""
    main = BeautifulSoup(page, "html.parser").find("main")
    headings = [(int(h.name[1]) - 1, _text(h)) for h in main.find_all(["h2", "h3"])]
    tables = [[[_text(c) for c in tr.find_all(["th", "td"])] for tr in t.find_all("tr")]
              for t in main.find_all("table", class_="tabel")]  # not the signature layout
    return {"headings": headings, "tables": tables}


def docx_outline(path: Path, first: str) -> dict:
    """The Word file's headings and data tables from the heading `first` on (the title page and
    the contents before it are not the body)."""
    d = docx.Document(path)
    headings, tables, started = [], [], False
    for block in d.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(block, d)
            if p.style.name.startswith("Heading") and (started or p.text == first):
                started = True
                headings.append((int(p.style.name.split()[-1]), " ".join(p.text.split())))
        elif tag == "tbl" and started:
            t = Table(block, d)
            if t.style is not None and t.style.name == "Table Grid":  # not the signature's layout table
                tables.append([[" ".join(c.text.split()) for c in row.cells] for row in t.rows])
    return {"headings": headings, "tables": tables}


def html_text(path: Path) -> str:
    page = BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")
    for tag in page(["script", "style"]):
        tag.decompose()
    return page.get_text(" ")


def docx_text(path: Path) -> str:
    d = docx.Document(path)
    parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    for s in d.sections:
        parts += [p.text for p in s.header.paragraphs] + [p.text for p in s.first_page_header.paragraphs]
    return "\n".join(parts)


def text_of(path: Path) -> str:
    return docx_text(path) if Path(path).suffix == ".docx" else html_text(path)


SUBCOMMANDS = sorted(next(a for a in cli.build_parser()._actions if a.dest == "command").choices)
FILE_NAME = re.compile(r"[\w.()-]+\.(?:json|csv|xlsx|xls)\b")  # a source file named in the data annex
LEAKS = {
    "absolute path": re.compile(r"(?:^|(?<=[\s(\"'`:=]))(?:~|[A-Za-z]:)?[/\\](?:[\w.-]+[/\\])+[\w.-]*"),
    "relative path": re.compile(r"\b(?:\.{1,2}/)*[\w-]+(?:/[\w.-]+)+\.(?:ya?ml|json|csv|xlsx|duckdb|ipynb|py|parquet)\b"),
    "command": re.compile(r"\bkinerja\s+(?:%s)\s+(?:--|\S+\.\w+)|\bmake\s+(?:report|test|lab|demo|setup|whatif)\b|"
                          r"\bpython\s+-m\b" % "|".join(SUBCOMMANDS)),
    "field, table or result name": re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b"),
    "module name": re.compile(r"\bkinerja\.[a-z_]+"),
    "Pokja code": re.compile(r"\bPK-[0-9A-F]{4,}\b"),
    "hash code": re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])(?:[0-9a-f]{8,63}|[0-9a-f]{65,})\b"),
    "code mark": re.compile(r"`"),
}


def leaks(text: str) -> dict[str, list[str]]:
    """What in `text` is for developers, by kind (empty: nothing). Source file names of the data
    annex and full SHA-256 fingerprints (its provenance column) are the reader's, not leaks."""
    text = FILE_NAME.sub(" ", text)
    found = {kind: sorted(set(m.group(0) for m in pattern.finditer(text))) for kind, pattern in LEAKS.items()}
    return {kind: hits for kind, hits in found.items() if hits}
