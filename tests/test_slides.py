"""The deck primitives (render/slides.py): 16:9, nothing cut, no table over eight rows on a slide
and none taller than the slide, short columns that never wrap, text of at least 18 pt, charts
inside the slide at presentation resolution, notes and banner on every slide."""

import matplotlib
import pandas as pd
import pytest
from kinerja.core import config, parameter_errors
from pptx import Presentation
from pptx.util import Inches

from kinerja.render import slides, text_fit

matplotlib.use("Agg")


def _table(rows: int, text: str = "Indikator nomor {i}") -> pd.DataFrame:
    return pd.DataFrame({"Kode": [f"IKP-{i:02d}" for i in range(1, rows + 1)],
                         "Indikator": [text.format(i=i) for i in range(1, rows + 1)],
                         "Realisasi": [f"{i},00%" for i in range(1, rows + 1)]})


def test_a_long_table_continues_on_the_next_slide_evenly_and_loses_no_row():
    pages = slides.paginate(slides.Slide("Status indikator", table=_table(19), notes="Sumber: F15"))
    assert [len(p.table) for p in pages] == [7, 7, 5]  # three slides are needed; filled evenly
    assert [p.title for p in pages] == ["Status indikator"] + ["Status indikator (lanjutan)"] * 2
    assert pd.concat([p.table for p in pages]).equals(_table(19))
    assert {p.notes for p in pages} == {"Sumber: F15"}
    assert len({tuple(p.widths) for p in pages}) == 1  # the columns keep their widths across slides
    assert [len(p.table) for p in slides.paginate(slides.Slide("x", table=_table(8)))] == [8]


def test_rows_of_long_text_continue_sooner_than_eight():
    long = "Register paket: pembilang 40,00 ÷ penyebut 634,00, 634 paket; OPD {i} penyumbang kekurangan " * 3
    pages = slides.paginate(slides.Slide("Temuan", table=_table(8, long)))
    assert len(pages) > 1 and sum(len(p.table) for p in pages) == 8
    for page in pages:  # the estimated height of every slide's table fits the slide
        heights = slides._row_heights(slides._cells(page.table), page.widths)
        assert sum(heights) <= slides._room(page) or len(page.table) == 1


def test_short_columns_never_wrap_and_long_ones_share_the_rest():
    data = slides._cells(_table(3, "Persentase tender dengan peserta tunggal dan sebuah keterangan panjang " * 3))
    widths = slides._widths(data)
    assert sum(widths) <= slides.WIDTH - 2 * slides.MARGIN
    # the longest code and figure at 18 pt, with the cell margins (0,1 in each side)
    for column, longest in ((0, "IKP-01"), (2, "1,00%")):
        assert widths[column] >= Inches(text_fit.width(longest, 18) + 0.2)
    assert widths[1] > widths[0] + widths[2]


def test_text_is_measured_in_arial_and_wraps_where_the_screen_wraps_it():
    # I K P - 0 1 in thousandths of an em: 278 + 667 + 667 + 333 + 556 + 556 = 3057; 18 pt = 0,25 in
    assert text_fit.width("IKP-01", 18) == pytest.approx(3.057 * 0.25)
    # 'kata' = 500 + 556 + 278 + 556 = 1890, a space 278: two words and a space = 4,058 em
    assert text_fit.lines("kata kata kata", 4.06 * 0.25, 18) == 2
    assert text_fit.lines("kata kata kata", 4.05 * 0.25, 18) == 3
    assert text_fit.lines("kata\nkata", 10, 18) == 2  # a line break is a line
    assert text_fit.lines("x" * 30, 0.25 * 0.5 * 10, 18) == 3  # a word wider than the box is broken


def test_many_points_continue_too_and_long_points_sooner():
    pages = slides.paginate(slides.Slide("Temuan", bullets=[f"Temuan {i}" for i in range(13)]))
    assert [len(p.bullets) for p in pages] == [5, 5, 3]
    long = slides.paginate(slides.Slide("Temuan", bullets=["kata " * 120] * 4))
    assert len(long) > 1 and sum(len(p.bullets) for p in long) == 4


def test_the_style_comes_from_the_parameter_file(shipped_params):
    style = slides.Style.of(shipped_params, pd.Timestamp("2025-10-03"), demo=True, draft=True)
    assert (style.unit, style.primary, style.accent) == (shipped_params.ukpbj.nama, "#1f5f8b", "#f9a825")
    assert style.footer == "data per 3 Oktober 2025" and style.banner == "DATA DEMO · DRAF"
    assert slides.Style.of(shipped_params, None).banner == ""


@pytest.mark.parametrize("value, message", [("biru", "harus kode warna #RRGGBB"), (None, "di antara tanda kutip"),
                                            ("#12345", "tertulis '#12345'")])
def test_letterhead_colours_are_checked(shipped_params, value, message):
    raw = shipped_params.model_dump(mode="json")
    raw["ukpbj"]["warna_utama"] = value
    with pytest.raises(Exception) as err:
        config.Parameters.model_validate(raw)
    assert message in parameter_errors.message(err.value.errors()[0])
    assert parameter_errors.message(err.value.errors()[0]).startswith("kunci 'ukpbj.warna_utama': ")
    raw["ukpbj"]["warna_utama"] = "#A1B2C3"
    assert config.Parameters.model_validate(raw).ukpbj.warna_utama == "#a1b2c3"


def test_written_deck_is_16_9_numbered_noted_bannered_and_fits(tmp_path):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=slides.chart_size())
    ax.bar(["TW I", "TW II"], [1, 2])
    chart = tmp_path / "grafik.png"
    fig.savefig(chart, dpi=200)
    deck = [slides.Slide("Laporan Evaluasi Kinerja", subtitle="UKPBJ Contoh\nTahun Anggaran 2025", kind="judul"),
            slides.Slide("Status indikator", table=_table(10), notes="Sumber: tabel capaian F15."),
            slides.Slide("Tren per triwulan", image=chart, notes="Grafik yang sama dengan F15."),
            slides.Slide("Tren per triwulan", image=fig, subtitle="Digambar untuk ukuran salindia")]
    path = slides.write(deck, slides.Style("UKPBJ Contoh", "#00695c", "#ffb300", footer="data per 3 Oktober 2025",
                                           banner="DATA DEMO"), tmp_path / "deck.pptx")
    plt.close(fig)
    pres = Presentation(str(path))
    assert (pres.slide_width, pres.slide_height) == (slides.WIDTH, slides.HEIGHT)
    assert pres.slide_width * 9 == pres.slide_height * 16
    read = slides.read_back(path)
    assert len(read) == 5  # the 10-row table took two slides
    for n, page in enumerate(read, start=1):
        text = " ".join(page["texts"])
        assert "DATA DEMO" in text and f"{n}/5" in text and "data per 3 Oktober 2025" in text
        assert page["min_pt"] >= slides.MIN_PT
    assert [len(t) - 1 for p in read for t in p["tables"]] == [5, 5]  # body rows, heading apart
    assert read[1]["tables"][0][0] == ["Kode", "Indikator", "Realisasi"]
    assert read[2]["notes"] == "Sumber: tabel capaian F15."
    assert read[3]["pictures"] == 1 and read[4]["pictures"] == 1
    assert read[3]["dpi"][0] >= 150 and read[4]["dpi"][0] >= 150  # shown no larger than drawn
    band = pres.slides[1].shapes[0]
    assert band.fill.fore_color.rgb == slides._rgb("#00695c")  # the letterhead colour
    for slide in pres.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= pres.slide_width
            assert shape.top + shape.height <= pres.slide_height
