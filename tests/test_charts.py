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
from kinerja.render import charts


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
    table = charts.category_table(_scored(), "nama_satker")
    # most Cukup + Buruk first; on a tie, the fewer Sangat Baik first; outside the register by name
    assert table.index.tolist() == [providers.NOT_IN_REGISTER, "Dinas B", "Dinas A", "Dinas C"]
    assert table.columns.tolist() == list(providers.KATEGORI)
    assert table.loc["Dinas A"].tolist() == [50.0, 0.0, 50.0, 0.0]
    assert table.loc["Dinas B"].tolist() == [0.0, 50.0, 0.0, 50.0]


def test_category_bars_draw_one_bar_per_group_weakest_at_the_top():
    fig = charts.category_bars(_scored(), "nama_satker", "Kategori nilai paket per satuan kerja")
    ax = fig.axes[0]
    assert ax.get_title() == "Kategori nilai paket per satuan kerja"
    assert [t.get_text() for t in ax.get_yticklabels()] == [providers.NOT_IN_REGISTER, "Dinas B", "Dinas A",
                                                            "Dinas C"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(providers.KATEGORI)


def test_score_histogram_stacks_the_categories():
    ax = charts.score_histogram(_scored()).axes[0]
    assert ax.get_xlabel() == "Nilai paket (0–3)" and ax.get_legend().get_title().get_text() == "Kategori"


def test_pokja_charts_draw_the_target_or_nothing_without_data():
    per_package = pd.DataFrame({"durasi_hari": [10.0, 20.0, np.nan], "metode": ["Tender", "Seleksi", "Tender"],
                                "jumlah_peserta": [1, 3, np.nan]})
    ranked = pd.DataFrame({"kode_pokja": ["P1", "P2", None], "pemilihan_tepat_waktu": [80.0, np.nan, 50.0],
                           "peserta_tunggal": [10.0, 40.0, 0.0]})
    target = next(i for i in config.load(PARAMS).indikator if i.ukuran == "durasi_pemilihan")
    ax = charts.duration_by_method(per_package, target).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [f"Target {target.kode}"]
    assert ax.get_lines()[-1].get_xdata()[0] == target.target
    ax = charts.on_time_by_pokja(ranked).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["P1"] and ax.get_legend() is None
    assert len(charts.bidders(per_package, ranked).axes) == 2
    empty = per_package.assign(durasi_hari=np.nan, jumlah_peserta=np.nan)
    assert charts.duration_by_method(empty) is None and charts.bidders(empty, ranked) is None
    assert charts.on_time_by_pokja(ranked.assign(pemilihan_tepat_waktu=np.nan)) is None
