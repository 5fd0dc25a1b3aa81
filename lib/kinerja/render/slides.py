"""Presentation decks (.pptx, 16:9) for the SOP's two approval meetings, written with
python-pptx: a deck is a list of `Slide` descriptions built from stage results, and this module
turns them into slides a room can read — titles 30 pt, text at least 18 pt, at most
`MAX_ROWS` rows per table (a longer table continues on the next slide, never shrinks), at most
`MAX_BULLETS` points per slide, charts as images fitted to the slide, the UKPBJ's name and
letterhead colours on every slide, and speaker notes carrying each slide's source and
definitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13,333 × 7,5 in: 16:9 exactly
MARGIN = Inches(0.5)
TOP = Inches(1.35)                            # below the title band
BOTTOM = HEIGHT - Inches(0.55)                # above the footer
MAX_ROWS = 8        # table rows (besides the heading) a slide shows
MAX_BULLETS = 6
CONTINUED = " (lanjutan)"


@dataclass
class Slide:
    """One slide: a title and at most one of bullets, a table (cells already formatted as
    text; the frame's column names are the headings) or an image; notes for the speaker."""
    title: str
    bullets: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    image: Path | None = None
    notes: str = ""
    subtitle: str = ""          # a line under the title (e.g. the unit or the source)
    kind: str = "isi"           # judul (title slide) | bagian (section) | isi (content)


@dataclass(frozen=True)
class Style:
    """What every slide of a deck shows: the unit, its colours, the footer line and a banner
    (DATA DEMO, DRAF) when the deck is not the real, final one."""
    unit: str
    primary: str = "#1f5f8b"
    accent: str = "#f9a825"
    footer: str = ""
    banner: str = ""


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(frame, lines: list[str], size: int, colour: RGBColor | None = None, bold: bool = False,
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
            if colour is not None:
                run.font.color.rgb = colour


def _box(slide, left, top, width, height, lines, size, **kw):
    box = slide.shapes.add_textbox(left, top, width, height)
    _text(box.text_frame, lines, size, **kw)
    return box


def _band(slide, style: Style, height) -> None:
    band = slide.shapes.add_shape(1, 0, 0, WIDTH, height)  # 1 = rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = _rgb(style.primary)
    band.line.fill.background()


def _chrome(slide, style: Style, number: int, total: int) -> None:
    """Footer (unit, data line, page) and the banner."""
    grey = _rgb("#5f6b76")
    y, h = BOTTOM + Inches(0.1), Inches(0.4)
    _box(slide, MARGIN, y, Inches(5.5), h, [style.unit], 12, colour=grey)
    _box(slide, Inches(6.2), y, Inches(4.6), h, [style.footer], 12, colour=grey, align=PP_ALIGN.CENTER)
    _box(slide, WIDTH - MARGIN - Inches(1.6), y, Inches(1.6), h, [f"{number}/{total}"], 12,
         colour=grey, align=PP_ALIGN.RIGHT)
    if style.banner:
        banner = _box(slide, WIDTH - Inches(4.6), Inches(0.08), Inches(4.4), Inches(0.45),
                      [style.banner], 16, colour=_rgb("#ffffff"), bold=True, align=PP_ALIGN.CENTER)
        banner.fill.solid()
        banner.fill.fore_color.rgb = _rgb("#c62828")


def _title_slide(slide, s: Slide, style: Style) -> None:
    _band(slide, style, Inches(2.9))
    _box(slide, MARGIN, Inches(0.9), WIDTH - 2 * MARGIN, Inches(1.8), [s.title], 36,
         colour=_rgb("#ffffff"), bold=True)
    lines = [x for x in s.subtitle.split("\n") if x] + s.bullets
    _box(slide, MARGIN, Inches(3.3), WIDTH - 2 * MARGIN, Inches(3.4), lines, 22)


def _heading(slide, s: Slide, style: Style) -> None:
    _band(slide, style, Inches(1.1))
    _box(slide, MARGIN, Inches(0.12), WIDTH - 2 * MARGIN - Inches(4.4 if style.banner else 0),
         Inches(0.9), [s.title], 30, colour=_rgb("#ffffff"), bold=True)
    if s.subtitle:
        _box(slide, MARGIN, Inches(1.12), WIDTH - 2 * MARGIN, Inches(0.4), [s.subtitle], 16,
             colour=_rgb("#5f6b76"))


def _bullets(slide, s: Slide) -> None:
    chars = sum(len(b) for b in s.bullets)
    size = 24 if chars <= 320 else 20 if chars <= 560 else 18
    _box(slide, MARGIN, TOP + Inches(0.2), WIDTH - 2 * MARGIN, BOTTOM - TOP - Inches(0.3),
         [f"• {b}" for b in s.bullets], size, gap=10)


def _widths(data: pd.DataFrame, size: int, room: int) -> list[int]:
    """Column widths: short columns (codes, numbers, statuses) as wide as their longest text so
    they never wrap; long text columns share the rest and wrap."""
    char = Inches(0.55 * size / 72)
    longest = [max([len(str(c)), *data[c].str.len().fillna(1).tolist()]) for c in data.columns]
    need = [int(n * char + Inches(0.25)) for n in longest]
    flexible = [n > 24 for n in longest]
    fixed = sum(w for w, f in zip(need, flexible) if not f)
    wanted = sum(w for w, f in zip(need, flexible) if f)
    if wanted and fixed + wanted > room:
        share = max(room - fixed, 0) / wanted
        need = [int(w * share) if f else w for w, f in zip(need, flexible)]
    extra = (room - sum(need)) / len(need) if sum(need) < room else 0
    return [int(w + extra) for w in need]


def _table(slide, s: Slide, style: Style) -> None:
    data = s.table.astype("string").fillna("–")
    rows, cols = len(data) + 1, len(data.columns)
    size = 18 if cols <= 5 else 16
    row_height = min(Inches(0.55), int((BOTTOM - TOP - Inches(0.3)) / rows))
    shape = slide.shapes.add_table(rows, cols, MARGIN, TOP + Inches(0.15), WIDTH - 2 * MARGIN,
                                   row_height * rows)
    table = shape.table
    for n, width in enumerate(_widths(data, size, WIDTH - 2 * MARGIN)):
        table.columns[n].width = Emu(width)
    for row in table.rows:
        row.height = Emu(row_height)
    for c, name in enumerate(data.columns):
        cell = table.cell(0, c)
        _text(cell.text_frame, [str(name)], size, colour=_rgb("#ffffff"), bold=True)
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(style.primary)
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    for r, row in enumerate(data.itertuples(index=False), start=1):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            _text(cell.text_frame, [str(value)], size)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE


def _image(slide, s: Slide) -> None:
    with Image.open(s.image) as img:
        w, h = img.size
    room_w, room_h = WIDTH - 2 * MARGIN, BOTTOM - TOP - Inches(0.2)
    scale = min(room_w / w, room_h / h)
    width, height = int(w * scale), int(h * scale)
    slide.shapes.add_picture(str(s.image), int((WIDTH - width) / 2), TOP + Inches(0.1), width, height)


def paginate(s: Slide, max_rows: int = MAX_ROWS, max_bullets: int = MAX_BULLETS) -> list[Slide]:
    """A slide whose table or bullets do not fit becomes several: the same title with
    '(lanjutan)', the same notes; nothing is cut."""
    if s.table is not None and len(s.table) > max_rows:
        parts = [s.table.iloc[i:i + max_rows] for i in range(0, len(s.table), max_rows)]
        return [replace(s, table=part, title=s.title + (CONTINUED if n else ""))
                for n, part in enumerate(parts)]
    if len(s.bullets) > max_bullets:
        parts = [s.bullets[i:i + max_bullets] for i in range(0, len(s.bullets), max_bullets)]
        return [replace(s, bullets=part, title=s.title + (CONTINUED if n else ""))
                for n, part in enumerate(parts)]
    return [s]


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
    """Every slide of a deck as text: title, texts, table cells (row by row), notes — what a
    test compares with the report's numbers."""
    out = []
    for slide in Presentation(str(path)).slides:
        texts, tables = [], []
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.strip():
                texts.append(shape.text_frame.text)
            if shape.has_table:
                tables.append([[cell.text for cell in row.cells] for row in shape.table.rows])
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append({"texts": texts, "tables": tables, "notes": notes,
                    "pictures": sum(1 for sh in slide.shapes if sh.shape_type == 13)})
    return out
