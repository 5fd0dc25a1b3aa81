"""The deck primitives (render/slides.py): 16:9, nothing cut, no table over eight rows on a slide,
charts inside the slide, notes and banner on every slide."""

import matplotlib
import pandas as pd
from pptx import Presentation

from kinerja.render import slides

matplotlib.use("Agg")


def _table(rows: int) -> pd.DataFrame:
    return pd.DataFrame({"Kode": [f"IKP-{i:02d}" for i in range(1, rows + 1)],
                         "Indikator": [f"Indikator nomor {i}" for i in range(1, rows + 1)],
                         "Realisasi": [f"{i},00%" for i in range(1, rows + 1)]})


def test_a_long_table_continues_on_the_next_slide_and_loses_no_row():
    pages = slides.paginate(slides.Slide("Status indikator", table=_table(19), notes="Sumber: F15"))
    assert [len(p.table) for p in pages] == [8, 8, 3]
    assert [p.title for p in pages] == ["Status indikator"] + ["Status indikator (lanjutan)"] * 2
    assert pd.concat([p.table for p in pages]).equals(_table(19))
    assert {p.notes for p in pages} == {"Sumber: F15"}


def test_many_points_continue_too():
    pages = slides.paginate(slides.Slide("Temuan", bullets=[f"Temuan {i}" for i in range(13)]))
    assert [len(p.bullets) for p in pages] == [6, 6, 1]


def test_written_deck_is_16_9_numbered_noted_bannered_and_fits(tmp_path):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(12, 4))
    ax.bar(["TW I", "TW II"], [1, 2])
    chart = tmp_path / "grafik.png"
    fig.savefig(chart, dpi=200)
    plt.close(fig)
    deck = [slides.Slide("Laporan Evaluasi Kinerja", subtitle="UKPBJ Contoh\nTahun Anggaran 2025", kind="judul"),
            slides.Slide("Status indikator", table=_table(10), notes="Sumber: tabel capaian F15."),
            slides.Slide("Tren per triwulan", image=chart, notes="Grafik yang sama dengan F15.")]
    path = slides.write(deck, slides.Style("UKPBJ Contoh", footer="data per 3 Oktober 2025",
                                           banner="DATA DEMO"), tmp_path / "deck.pptx")
    pres = Presentation(str(path))
    assert (pres.slide_width, pres.slide_height) == (slides.WIDTH, slides.HEIGHT)
    assert pres.slide_width * 9 == pres.slide_height * 16
    read = slides.read_back(path)
    assert len(read) == 4  # the 10-row table took two slides
    for n, page in enumerate(read, start=1):
        text = " ".join(page["texts"])
        assert "DATA DEMO" in text and f"{n}/4" in text and "data per 3 Oktober 2025" in text
    assert [len(t) - 1 for p in read for t in p["tables"]] == [8, 2]  # body rows, heading apart
    assert read[1]["tables"][0][0] == ["Kode", "Indikator", "Realisasi"]
    assert read[2]["notes"] == "Sumber: tabel capaian F15."
    assert read[3]["pictures"] == 1
    for slide in pres.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= pres.slide_width
            assert shape.top + shape.height <= pres.slide_height
