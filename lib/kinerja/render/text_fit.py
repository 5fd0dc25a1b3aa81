"""How text fits a box on a slide: the width of a text in Arial, the lines it wraps to in a box,
and the column widths that make a table shortest. The presentation decks (render/slides.py) use
it to continue a table or a list on the next slide before it overflows, never by shrinking it.

Widths are Arial's own (PowerPoint's font; LibreOffice shows it with the metric-equal Liberation
Sans), so a line wraps here where it wraps on the screen.
"""

from __future__ import annotations

import functools

# Advance widths of Arial in thousandths of an em for the printable ASCII characters ' ' … '~';
# any other character is counted as wide as a digit.
ARIAL = (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
         556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
         722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
         278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
         556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
ARIAL_BOLD = (278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
              556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
              722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
              278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
              611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584)
CELL_MARGINS = 0.25  # inches of a table cell its text cannot use (0,1 in each side, and a little to spare)


def _em(text: str, bold: bool = False) -> int:
    """Width of `text` in thousandths of an em."""
    table = ARIAL_BOLD if bold else ARIAL
    return sum(table[ord(c) - 32] if 32 <= ord(c) < 127 else 556 for c in text)


def width(text: str, size: float, bold: bool = False) -> float:
    """Width (inches) of `text` on one line at `size` pt."""
    return _em(text, bold) * size / 72000


def lines(text: str, box: float, size: float, bold: bool = False) -> int:
    """How many lines `text` takes in a box `box` inches wide at `size` pt (word wrap)."""
    return _wrapped(str(text), max(int(box * 72000 / size), 1), bold)


@functools.lru_cache(maxsize=65536)
def _wrapped(text: str, room: int, bold: bool) -> int:
    """Lines of `text` wrapped at `room` thousandths of an em (a word wider than a line is
    broken; a table's cells are measured at many widths)."""
    space, count = _em(" ", bold), 0
    for part in text.split("\n"):
        n, used = 1, 0
        for word in part.split(" "):
            w = _em(word, bold)
            if used and used + space + w > room:
                n, used = n + 1, 0
            if used:
                used += space + w
            else:
                n, used = n + (w - 1) // room, (w - 1) % room + 1 if w else 0
        count += n
    return count


def line_height(size: float) -> float:
    """Inches of one line of Arial at `size` pt, single spacing (ascent, descent and gap: 1,15 em)."""
    return 1.15 * size / 72


def row_lines(columns: list[list[str]], widths: list[float], size: float) -> list[int]:
    """Lines of each row of a table given by its columns (heading first, bold) at `widths`."""
    per_column = [[lines(t, w - CELL_MARGINS, size, n == 0) for n, t in enumerate(col)]
                  for col, w in zip(columns, widths)]
    return [max(row) for row in zip(*per_column)]


def column_widths(columns: list[list[str]], size: float, total: float) -> list[float]:
    """Widths (inches, summing to `total`) of a table's columns, each given as its texts with the
    heading first (bold), that make the table as short as it can be: first the fewest lines L
    every cell can keep to in the room there is (each column as narrow as that allows), then
    width goes, a step at a time, to the column where it saves the most lines; a column never
    gets wider than its longest text needs (short columns such as codes, figures and statuses
    do not wrap), and what is left is shared evenly."""
    def lines_of(col: list[str], w: float) -> list[int]:
        return [lines(t, w - CELL_MARGINS, size, n == 0) for n, t in enumerate(col)]

    def narrowest(col: list[str], most: int, low: float, high: float) -> float:
        """The narrowest width in [low, high] at which no cell of `col` takes more than `most` lines."""
        if max(lines_of(col, high)) > most:
            return high
        for _ in range(20):
            middle = (low + high) / 2
            low, high = (low, middle) if max(lines_of(col, middle)) <= most else (middle, high)
        return high

    low = [max(width(w, size, bold=True) for t in col for w in t.split() or [""]) + CELL_MARGINS for col in columns]
    high = [max(width(t, size, bold=n == 0) for n, t in enumerate(col)) + CELL_MARGINS for col in columns]
    if sum(low) >= total:
        return [w * total / sum(low) for w in low]
    most = max(max(lines_of(col, w)) for col, w in zip(columns, high))
    widths = list(low)
    while most < max(max(lines_of(col, w)) for col, w in zip(columns, low)):
        fit = [narrowest(col, most, lo, hi) for col, lo, hi in zip(columns, low, high)]
        if sum(fit) <= total:
            widths = fit
            break
        most += 1
    per_column = [lines_of(col, w) for col, w in zip(columns, widths)]

    def height(cols) -> int:
        return sum(max(row) for row in zip(*cols))

    step = (total - sum(widths)) / 80
    while step > 0:
        best, gain = None, 0.0  # the widening that saves the most lines per inch
        for j, col in enumerate(columns):
            for k in range(1, 81):
                w = widths[j] + k * step
                if w > high[j] + step or sum(widths) + k * step > total + 1e-9:
                    break
                trial = lines_of(col, w)
                saved = height(per_column) - height(per_column[:j] + [trial] + per_column[j + 1:])
                if saved > 0:
                    if saved / (k * step) > gain:
                        best, gain = (j, k, trial), saved / (k * step)
                    break
        if best is None:
            break
        j, k, trial = best
        widths[j] += k * step
        per_column[j] = trial
    extra = (total - sum(widths)) / len(widths)
    return [w + extra for w in widths]
