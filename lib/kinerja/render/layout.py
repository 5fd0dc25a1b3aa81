"""One description of a document people sign, written by every renderer of it.

A Document is its title page (Cover) and its sections; a section holds paragraphs, lists,
tables, figures, the signature block and subsections. A Table carries its columns with their
headings, formats and what an empty cell says, and formats its own cells, so every renderer
prints the same text. The report F15 is described once (render/laporan.py) and written to the
notebook page, HTML and PDF (render/layout_html.py) and to Word (render/laporan_docx.py): a
renderer adds layout, never content, so the formats cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kinerja.core import fmt

FORMATTERS = {"rupiah": fmt.rupiah, "angka": fmt.angka, "tanggal": fmt.tanggal,
              "persen": fmt.persen, "desimal": lambda v: fmt.angka(v, 2)}
NUMBERS = ("rupiah", "angka", "persen", "desimal")  # right-aligned, never wrapped
# Tables this wide are printed on landscape pages (HTML/PDF): on portrait A4 their text columns
# shrink to a word per line.
WIDE_TABLE_COLUMNS = 8
EMPTY = "–"


@dataclass(frozen=True)
class Column:
    key: str                   # the frame's column
    heading: str
    format: str | None = None  # a FORMATTERS key; None: the value as text
    missing: str = EMPTY       # what an empty cell says (e.g. 'Belum ada data')
    weight: float = 1.0        # its share of the table's width (Word)

    @property
    def number(self) -> bool:
        return self.format in NUMBERS

    def text(self, value) -> str:
        if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
            return self.missing
        if self.format:
            return FORMATTERS[self.format](value)
        return str(value)


def columns(headings: dict[str, str], formats: dict[str, str] | None = None,
            missing: dict[str, str] | None = None, weights: dict[str, float] | None = None) -> list[Column]:
    """Columns from the headings {column: heading} (their order), formats, missing texts and
    width weights by column."""
    formats, missing, weights = formats or {}, missing or {}, weights or {}
    return [Column(k, h, formats.get(k), missing.get(k, EMPTY), weights.get(k, 1.0))
            for k, h in headings.items()]


@dataclass
class Table:
    frame: pd.DataFrame
    columns: list[Column]
    caption: str = ""

    @property
    def headings(self) -> list[str]:
        return [c.heading for c in self.columns]

    @property
    def wide(self) -> bool:
        return len(self.columns) >= WIDE_TABLE_COLUMNS

    def rows(self) -> list[list[str]]:
        """Every cell as the reader sees it."""
        keys = [c.key for c in self.columns]
        return [[c.text(v) for c, v in zip(self.columns, values)]
                for values in self.frame[keys].itertuples(index=False, name=None)]


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    note: bool = False  # small print under a table or a list


@dataclass
class Bullets:
    lines: list[str]


@dataclass
class Figure:
    path: Path
    caption: str


@dataclass
class Signatures:
    """Two signature blocks side by side (prepared by, approved by), each as lines (text,
    bold-and-underlined): docx_primitives.signature_lines."""
    left: list[tuple[str, bool]]
    right: list[tuple[str, bool]]


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)
    level: int = 1  # 1 a chapter (new page in Word), 2 a subsection
    own_page: bool = False  # alone on its page(s) in every format (e.g. a one-page summary)

    def add(self, *blocks) -> "Section":
        self.blocks.extend(b for b in blocks if b is not None)
        return self

    @property
    def wide(self) -> bool:
        """Holds a wide table itself (printed on landscape pages with its heading)."""
        return any(isinstance(b, Table) and b.wide for b in self.blocks)


@dataclass
class Cover:
    """The title page: letterhead, title, period, how recent the data are, revision and decision."""
    instansi: str
    ukpbj: str
    alamat: str
    kontak: str
    judul: str
    periode: str
    data_per: str
    revisi: str
    catatan: str
    dibuat: str
    kota: str      # 'SAMARINDA 2025' under the unit's name
    demo: str = ""  # the demo banner, '' on real data


@dataclass
class Document:
    title: str
    cover: Cover
    sections: list[Section]
    draft: bool = False

    def headings(self) -> Iterator[tuple[int, str]]:
        """(level, title) of every section and subsection, in reading order."""
        def walk(section: Section):
            yield section.level, section.title
            for b in section.blocks:
                if isinstance(b, Section):
                    yield from walk(b)
        for s in self.sections:
            yield from walk(s)
