"""The stage charts drawn by kinerja.render.charts (not in the notebooks): the provider
categories per group with the weakest first, the score histogram, and the Pokja charts, which
give None when there is nothing to draw."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import PARAMS
from kinerja.core import config
from kinerja.methods import providers
from kinerja.render import charts, evaluation_charts


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _scored():
    return pd.DataFrame({
        "nama_satker": ["Dinas A", "Dinas A", "Dinas B", "Dinas B", "Dinas C", None],
        "nilai": [3.0, 1.5, 2.0, 0.5, 3.0, 0.0],
        "kategori": pd.Categorical(["Sangat Baik", "Cukup", "Baik", "Buruk", "Sangat Baik", "Buruk"],
                                   categories=providers.KATEGORI, ordered=True)})


def test_category_shares_put_the_weakest_group_first():
    table = evaluation_charts.category_table(_scored(), "nama_satker")
    # most Cukup + Buruk first; on a tie, the fewer Sangat Baik first; outside the register by name
    assert table.index.tolist() == [providers.NOT_IN_REGISTER, "Dinas B", "Dinas A", "Dinas C"]
    assert table.columns.tolist() == list(providers.KATEGORI)
    assert table.loc["Dinas A"].tolist() == [50.0, 0.0, 50.0, 0.0]
    assert table.loc["Dinas B"].tolist() == [0.0, 50.0, 0.0, 50.0]


def test_category_bars_draw_one_bar_per_group_weakest_at_the_top():
    fig = evaluation_charts.category_bars(_scored(), "nama_satker", "Kategori nilai paket per satuan kerja")
    ax = fig.axes[0]
    assert ax.get_title() == "Kategori nilai paket per satuan kerja"
    assert [t.get_text() for t in ax.get_yticklabels()] == [providers.NOT_IN_REGISTER, "Dinas B", "Dinas A",
                                                            "Dinas C"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(providers.KATEGORI)


def test_score_histogram_stacks_the_categories():
    ax = evaluation_charts.score_histogram(_scored()).axes[0]
    assert ax.get_xlabel() == "Nilai paket (0–3)" and ax.get_legend().get_title().get_text() == "Kategori"


def test_pokja_charts_draw_the_target_or_nothing_without_data():
    per_package = pd.DataFrame({"durasi_hari": [10.0, 20.0, np.nan], "metode": ["Tender", "Seleksi", "Tender"],
                                "jumlah_peserta": [1, 3, np.nan]})
    ranked = pd.DataFrame({"kode_pokja": ["P1", "P2", None], "pemilihan_tepat_waktu": [80.0, np.nan, 50.0],
                           "peserta_tunggal": [10.0, 40.0, 0.0]})
    target = next(i for i in config.load(PARAMS).indikator if i.ukuran == "durasi_pemilihan")
    ax = evaluation_charts.duration_by_method(per_package, target).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [f"Target {target.kode}"]
    assert ax.get_lines()[-1].get_xdata()[0] == target.target
    ax = evaluation_charts.on_time_by_pokja(ranked).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["P1"] and ax.get_legend() is None
    assert len(evaluation_charts.bidders(per_package, ranked).axes) == 2
    empty = per_package.assign(durasi_hari=np.nan, jumlah_peserta=np.nan)
    assert evaluation_charts.duration_by_method(empty) is None and evaluation_charts.bidders(empty, ranked) is None
    assert evaluation_charts.on_time_by_pokja(ranked.assign(pemilihan_tepat_waktu=np.nan)) is None


def test_theme_is_seaborns_whitegrid_without_importing_seaborn():
    """charts.THEME is seaborn.set_theme(style="whitegrid", context="notebook", font_scale=0.9)
    written out, so stages that draw no seaborn chart need not import it."""
    import subprocess
    import sys

    code = ("import sys; from kinerja.render import charts; charts.theme(); "
            "print('seaborn' in sys.modules or 'scipy' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    import matplotlib as mpl
    import seaborn as sns
    from matplotlib.colors import to_hex

    with mpl.rc_context():
        sns.set_theme(style="whitegrid", context="notebook", font_scale=0.9)
        theirs = dict(mpl.rcParams)
    with mpl.rc_context():
        charts.theme()
        ours = dict(mpl.rcParams)
    for key, value in charts.THEME.items():
        if key == "axes.prop_cycle":
            assert [to_hex(c["color"]) for c in value] == [to_hex(c["color"]) for c in theirs[key]]
        elif key not in ("figure.dpi", "savefig.dpi", "axes.titleweight"):
            assert ours[key] == theirs[key], key
    assert charts.blues(4) == [tuple(c) for c in sns.color_palette("Blues", 4)]
