"""The coverage chapter on the suite's demo run (conftest `annual_run`): the demo register's context
datasets (kinerja.demo.demo_context) give every channel figures, and they are the generated CSV
files' figures, computed here by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from kinerja.core import config, fmt
from kinerja.core.periods import Period
from kinerja.inputs import packages, store
from kinerja.methods import coverage


def num(series) -> pd.Series:
    return pd.to_numeric(series.replace("", None), errors="coerce")


def test_the_demo_coverage_has_every_channel_and_its_figures_are_the_csv_files(small_demo, annual_run):
    params = config.load(small_demo.params)
    con = store.connect(params.store_path, read_only=True)
    try:
        pk = packages.for_params(con, params)
    finally:
        con.close()
    cov = coverage.year(params.store_path, params, Period.parse("2024"), pk)
    table = cov.kanal.set_index("kanal")
    assert list(table.index) == [c.kode for c in coverage.CHANNELS]
    assert (table["keterangan"] == "").all() and (table["paket"] > 0).all()
    assert (table.drop(index="swakelola")["nilai"] > 0).all() and table.loc["swakelola", "pagu"] > 0

    # by hand from the generated files: each order once, failed ones left out
    folder = small_demo.base / "register"
    rows = pd.read_csv(folder / "toko_daring_2024.csv", dtype=str, keep_default_na=False)
    orders = rows.drop_duplicates("order_id")
    bought = orders[orders["status_konfirmasi_ppmse"] != "gagal"]
    assert len(rows) > len(orders)  # the export repeats orders
    toko = table.loc["toko_daring"]
    assert toko["paket"] == len(bought) and toko["tidak_dihitung"] == len(orders) - len(bought)
    assert toko["nilai"] == pytest.approx(num(bought["valuasi"]).sum(), abs=0.005)
    ek = pd.read_csv(folder / "epurchasing_2024.csv", dtype=str, keep_default_na=False)
    kept = ek[ek["status_paket"] != "CANCELLED"]
    assert table.loc["katalog", "paket"] == len(kept)
    assert table.loc["katalog", "nilai"] == pytest.approx(num(kept["total_harga"]).sum(), abs=0.005)
    pct = pd.read_csv(folder / "pencatatan_2024.csv", dtype=str, keep_default_na=False)
    done = pct["status_nontender_pct_ket"] == "Paket Selesai"
    assert table.loc["pencatatan", "paket"] == len(pct)
    assert table.loc["pencatatan", "nilai"] == pytest.approx(num(pct.loc[done, "total_realisasi"]).sum(), abs=0.005)
    swa = pd.read_csv(folder / "rup_swakelola_2024.csv", dtype=str, keep_default_na=False)
    assert table.loc["swakelola", "paket"] == len(swa)
    assert table.loc["swakelola", "pagu"] == pytest.approx(num(swa["pagu"]).sum(), abs=0.005)
    budget = pd.read_csv(folder / "anggaran_2024.csv", dtype=str, keep_default_na=False)
    assert cov.anggaran == pytest.approx(num(budget["belanja_pengadaan"]).sum(), abs=0.005)
    assert cov.anggaran_teks == (f"Belanja pengadaan tahun 2024 menurut struktur anggaran perangkat daerah: "
                                 f"{fmt.rupiah(cov.anggaran)} ({fmt.angka(len(budget))} satker).")
