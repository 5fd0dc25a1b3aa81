"""Presentation decks (.pptx, 16:9) for the SOP's two approval meetings, written with
python-pptx: a deck is a list of `Slide` descriptions built from stage results, and this module
turns them into slides a room can read — titles 26–30 pt, every text on a slide at least 18 pt
(`MIN_PT`; only the footer line is smaller), at most `MAX_ROWS` rows per table and only as many
as fit the slide at that size (a longer table continues on the next slide, never shrinks), at
most `MAX_BULLETS` points per slide, charts as images at presentation resolution fitted to the
slide, the UKPBJ's name and letterhead colours on every slide, and speaker notes carrying each
slide's source and definitions. It is the only module that knows python-pptx.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from kinerja.core.colours import ACCENT, PRIMARY
from kinerja.core.periods import data_per
from kinerja.render import text_fit
from kinerja.render.text_fit import line_height, lines as _lines

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13,333 × 7,5 in: 16:9 exactly
MARGIN = Inches(0.5)
BAND = Inches(1.1)                            # the title band
TOP = Inches(1.35)                            # content starts below the band …
SUBTITLE_ROOM = Inches(0.45)                  # … and below the subtitle line when there is one
BOTTOM = HEIGHT - Inches(0.55)                # above the footer
MAX_ROWS = 8        # table rows (besides the heading) a slide shows
MAX_BULLETS = 6
MIN_PT = 18         # the smallest text on a slide (tables, points); the footer line is chrome
CHART_DPI = 150     # charts are rendered for the slide's size: 1.850 pixels across, a projector's own width
FONT = "Arial"      # as the Word documents; LibreOffice shows it with the metric-equal Liberation Sans
CONTINUED = " (lanjutan)"
GREY, WHITE, RED = "#5f6b76", "#ffffff", "#c62828"


@dataclass
class Slide:
    """One slide: a title and at most one of bullets, a table (cells already formatted as
    text; the frame's column names are the headings) or an image (a PNG file or a matplotlib
    figure drawn at `chart_size()`); notes for the speaker."""
    title: str
    bullets: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    image: object = None        # Path of a PNG, or a matplotlib Figure
    notes: str = ""
    subtitle: str = ""          # a line under the title (e.g. the unit or the source)
    kind: str = "isi"           # judul (title slide) | isi (content)
    widths: list[int] | None = None  # a table's column widths, kept by the slides it continues on
    row_notes: list[str] | None = None  # notes of each table row (or point), after `notes` on its slide


@dataclass(frozen=True)
class Style:
    """What every slide of a deck shows: the unit, its colours, the footer line and a banner
    (DATA DEMO, DRAF) when the deck is not the real, final one."""
    unit: str
    primary: str = PRIMARY
    accent: str = ACCENT
    footer: str = ""
    banner: str = ""

    @classmethod
    def of(cls, params, data_date, demo: bool = False, draft: bool = False) -> "Style":
        """A deck's style from the parameter file: the UKPBJ's name and letterhead colours, the
        data date in the footer, DATA DEMO on a deck of demo data and DRAF on a draft's."""
        u = params.ukpbj
        banner = " · ".join(mark for mark, on in (("DATA DEMO", demo), ("DRAF", draft)) if on)
        return cls(u.nama, u.warna_utama, u.warna_aksen, data_per(data_date), banner)


def chart_size(subtitle: bool = False) -> tuple[float, float]:
    """(width, height) in inches of a slide's content area: draw a chart at this size with
    fonts of at least 14 pt and it is shown at exactly that size."""
    top = TOP + (SUBTITLE_ROOM if subtitle else 0) + Inches(0.1)
    return (WIDTH - 2 * MARGIN) / 914400, (BOTTOM - top) / 914400


# --------------------------------------------------------------------------- drawing

def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(frame, lines: list[str], size: float, colour: str | None = None, bold: bool = False,
          align=None, gap: int = 0) -> None:
    frame.word_wrap = True
    for n, line in enumerate(lines):
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.text = line
        para.space_after = Pt(gap)
        if align is not None:
            para.alignment = align
        for run in para.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = FONT
            if colour is not None:
                run.font.color.rgb = _rgb(colour)


def _box(slide, left, top, width, height, lines, size, **kw):
    box = slide.shapes.add_textbox(left, top, width, height)
    _text(box.text_frame, lines, size, **kw)
    return box


def _rect(slide, left, top, width, height, colour: str) -> None:
    shape = slide.shapes.add_shape(1, left, top, width, height)  # 1 = rectangle
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()


def _banner_width(style: Style) -> int:
    return Inches(0.5 + text_fit.width(style.banner, MIN_PT, bold=True)) if style.banner else 0


def _chrome(slide, style: Style, number: int, total: int) -> None:
    """Footer (unit, data line, page) and the banner."""
    y, h = BOTTOM + Inches(0.1), Inches(0.4)
    _box(slide, MARGIN, y, Inches(6.2), h, [style.unit], 12, colour=GREY)
    _box(slide, Inches(6.9), y, Inches(4.2), h, [style.footer], 12, colour=GREY, align=PP_ALIGN.CENTER)
    _box(slide, WIDTH - MARGIN - Inches(1.6), y, Inches(1.6), h, [f"{number}/{total}"], 12,
         colour=GREY, align=PP_ALIGN.RIGHT)
    if style.banner:
        width = _banner_width(style)
        banner = _box(slide, WIDTH - width - Inches(0.2), Inches(0.08), width, Inches(0.5),
                      [style.banner], MIN_PT, colour=WHITE, bold=True, align=PP_ALIGN.CENTER)
        banner.fill.solid()
        banner.fill.fore_color.rgb = _rgb(RED)


def _title_slide(slide, s: Slide, style: Style) -> None:
    _rect(slide, 0, 0, WIDTH, Inches(2.9), style.primary)
    _rect(slide, 0, Inches(2.9), WIDTH, Inches(0.12), style.accent)
    size = 36 if _lines(s.title, 12.1, 36, bold=True) <= 2 else 30
    _box(slide, MARGIN, Inches(0.7), WIDTH - 2 * MARGIN, Inches(2.1), [s.title], size, colour=WHITE, bold=True)
    lines = [x for x in s.subtitle.split("\n") if x] + s.bullets
    fits = [n for n in (22, 20) if sum(_lines(x, 12.1, n) * line_height(n) + 6 / 72 for x in lines) <= 3.3]
    _box(slide, MARGIN, Inches(3.2), WIDTH - 2 * MARGIN, Inches(3.4), lines, fits[0] if fits else MIN_PT, gap=6)


def _heading(slide, s: Slide, style: Style) -> None:
    _rect(slide, 0, 0, WIDTH, BAND, style.primary)
    _rect(slide, 0, BAND, WIDTH, Inches(0.06), style.accent)
    width = WIDTH - 2 * MARGIN - (_banner_width(style) + Inches(0.2) if style.banner else 0)
    size = next((n for n in (30, 26) if _lines(s.title, width / 914400 - 0.2, n, bold=True) == 1), 22)
    title = _box(slide, MARGIN, Inches(0.05), width, BAND - Inches(0.1), [s.title], size, colour=WHITE, bold=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    if s.subtitle:
        _box(slide, MARGIN, BAND + Inches(0.08), WIDTH - 2 * MARGIN, Inches(0.4), [s.subtitle], MIN_PT,
             colour=GREY)


def _content_top(s: Slide) -> int:
    return TOP + (SUBTITLE_ROOM if s.subtitle else 0)


def _room(s: Slide) -> float:
    """Height (inches) a slide's content may take."""
    return (BOTTOM - _content_top(s)) / 914400 - 0.15


# --------------------------------------------------------------------------- points

BULLET_SIZES = (24, 20, MIN_PT)
BULLET_GAP = 10  # pt after each point


def _bullets_height(bullets: list[str], size: float) -> float:
    width = (WIDTH - 2 * MARGIN) / 914400 - 0.3
    return sum(_lines(f"• {b}", width, size) * line_height(size) + BULLET_GAP / 72 for b in bullets)


def _bullet_size(s: Slide) -> int:
    """The largest size at which the slide's points fit (MIN_PT when none does)."""
    return next((n for n in BULLET_SIZES if _bullets_height(s.bullets, n) <= _room(s)), MIN_PT)


def _bullets(slide, s: Slide) -> None:
    _box(slide, MARGIN, _content_top(s) + Inches(0.1), WIDTH - 2 * MARGIN, BOTTOM - _content_top(s) - Inches(0.2),
         [f"• {b}" for b in s.bullets], _bullet_size(s), gap=BULLET_GAP)


# --------------------------------------------------------------------------- tables

def _cells(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype("string").fillna("–")


def _widths(data: pd.DataFrame) -> list[int]:
    """Column widths (EMU) that make the table shortest at MIN_PT (text_fit.column_widths)."""
    columns = [[str(c), *data[c].tolist()] for c in data.columns]
    return [int(Inches(w)) for w in text_fit.column_widths(columns, MIN_PT, (WIDTH - 2 * MARGIN) / 914400)]


def _row_heights(data: pd.DataFrame, widths: list[int]) -> list[float]:
    """Height (inches) of the heading row and of every row at MIN_PT, their cells wrapped to
    the column widths (and 0,06 in above and below)."""
    columns = [[str(c), *data[c].tolist()] for c in data.columns]
    return [n * line_height(MIN_PT) + 0.12 for n in text_fit.row_lines(columns, [w / 914400 for w in widths], MIN_PT)]


def _table(slide, s: Slide, style: Style) -> None:
    data = _cells(s.table)
    widths = s.widths or _widths(data)
    heights = _row_heights(data, widths)
    shape = slide.shapes.add_table(len(data) + 1, len(data.columns), MARGIN, _content_top(s) + Inches(0.1),
                                   WIDTH - 2 * MARGIN, Inches(sum(heights)))
    table = shape.table
    for n, width in enumerate(widths):
        table.columns[n].width = Emu(width)
    for row, h in zip(table.rows, heights):
        row.height = Inches(h)
    for c, name in enumerate(data.columns):
        cell = table.cell(0, c)
        _text(cell.text_frame, [str(name)], MIN_PT, colour=WHITE, bold=True)
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(style.primary)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    for r, row in enumerate(data.itertuples(index=False), start=1):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            _text(cell.text_frame, [str(value)], MIN_PT)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE


# --------------------------------------------------------------------------- images

def _png(image) -> tuple[object, tuple[int, int], float]:
    """(file or bytes, pixel size, dpi) of a PNG path or a matplotlib figure."""
    if hasattr(image, "savefig"):
        buf = io.BytesIO()
        image.savefig(buf, format="png", dpi=CHART_DPI)
        plt.close(image)  # saved: an open figure would be drawn again as the cell's output
        buf.seek(0)
        with Image.open(buf) as img:
            size = img.size
        buf.seek(0)
        return buf, size, CHART_DPI
    with Image.open(image) as img:
        return str(image), img.size, float(img.info.get("dpi", (CHART_DPI,))[0])


def _image(slide, s: Slide) -> None:
    source, (w, h), dpi = _png(s.image)
    room_w, room_h = WIDTH - 2 * MARGIN, BOTTOM - _content_top(s) - Inches(0.1)
    scale = min(room_w / w, room_h / h, Inches(1) / dpi)  # never enlarged beyond its own size
    width, height = int(w * scale), int(h * scale)
    slide.shapes.add_picture(source, int((WIDTH - width) / 2), _content_top(s) + Inches(0.05), width, height)


# --------------------------------------------------------------------------- pages

def _parts(heights: list[float], room: float, most: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive items whose heights fit `room`, at most `most` each, at
    least one each (an item taller than the room gets a slide of its own); as few slides as
    that takes, filled evenly by height (not eight short rows, then three tall ones)."""
    def fill(limit: float) -> list[tuple[int, int]]:
        parts, start, used = [], 0, 0.0
        for n, h in enumerate(heights):
            if n > start and (n - start >= most or used + h > limit):
                parts.append((start, n))
                start, used = n, 0.0
            used += h
        return parts + [(start, len(heights))]
    fewest = len(fill(room))
    low, high = max(heights, default=0.0), room
    for _ in range(24):  # the lowest fill that still needs no more slides
        middle = (low + high) / 2
        low, high = (low, middle) if len(fill(middle)) == fewest else (middle, high)
    return fill(high)


def paginate(s: Slide, max_rows: int = MAX_ROWS, max_bullets: int = MAX_BULLETS) -> list[Slide]:
    """A slide whose table or bullets do not fit (too many, or too tall at the minimum size)
    becomes several: the same title with '(lanjutan)', the same notes followed by those of its
    own rows, the same column widths; nothing is cut."""
    if s.table is not None and len(s.table):
        data = _cells(s.table)
        widths = _widths(data)
        heights = _row_heights(data, widths)
        spans = _parts(heights[1:], _room(s) - heights[0], max_rows)
        pages = [replace(s, table=s.table.iloc[a:b], widths=widths) for a, b in spans]
    elif s.bullets:
        heights = [_bullets_height([b], MIN_PT) for b in s.bullets]
        spans = _parts(heights, _room(s), max_bullets)
        pages = [replace(s, bullets=s.bullets[a:b]) for a, b in spans]
    else:
        return [replace(s, notes=_noted(s.notes, s.row_notes or []))]
    return [replace(p, title=s.title + (CONTINUED if n else ""), row_notes=None,
                    notes=_noted(s.notes, (s.row_notes or [])[a:b]))
            for n, (p, (a, b)) in enumerate(zip(pages, spans))]


def _noted(notes: str, rows: list[str]) -> str:
    return "\n".join(x for x in [notes, *rows] if x)


def write(slides: list[Slide], style: Style, path: Path) -> Path:
    """The deck as a .pptx file (16:9), every slide paginated, numbered and noted."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    pages = [page for s in slides for page in paginate(s)]
    for number, s in enumerate(pages, start=1):
        slide = deck.slides.add_slide(blank)
        if s.kind == "judul":
            _title_slide(slide, s, style)
        else:
            _heading(slide, s, style)
            if s.table is not None:
                _table(slide, s, style)
            elif s.image is not None:
                _image(slide, s)
            elif s.bullets:
                _bullets(slide, s)
        _chrome(slide, style, number, len(pages))
        if s.notes:
            slide.notes_slide.notes_text_frame.text = s.notes
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    deck.save(path)
    return path


def read_back(path: Path) -> list[dict]:
    """Every slide of a deck as text: title, texts, table cells (row by row), notes, the
    pictures with their resolution (pixels per inch as shown), and the smallest text size of
    its content (the footer line apart) — what a test compares with the report's numbers."""
    out = []
    for slide in Presentation(str(path)).slides:
        texts, tables, sizes, pictures = [], [], [], []
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                texts.append(shape.text_frame.text)
                if shape.top < BOTTOM:
                    sizes += [r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs if r.font.size]
            if shape.has_table:
                tables.append([[cell.text for cell in row.cells] for row in shape.table.rows])
                sizes += [r.font.size.pt for row in shape.table.rows for cell in row.cells
                          for p in cell.text_frame.paragraphs for r in p.runs if r.font.size]
            if shape.shape_type == 13:
                pictures.append(shape.image.size[0] / (shape.width / 914400))
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append({"texts": texts, "tables": tables, "notes": notes, "pictures": len(pictures),
                    "dpi": pictures, "min_pt": min(sizes, default=math.inf)})
    return out
