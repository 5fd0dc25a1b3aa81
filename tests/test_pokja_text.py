"""Stage 05's objections (sanggahan) and known Pokja: pokja.known, pokja.protested and
pokja_text.protest_note on hand-made tables."""

import numpy as np
import pandas as pd
from kinerja.core.periods import Period
from kinerja.methods import indicators, pokja, pokja_text


def test_known_pokja_leave_out_the_row_without_a_pokja():
    ranked = pd.DataFrame({"kode_pokja": ["P1", None, "P2"], "peringkat": [1, pd.NA, 2]})
    assert pokja.known(ranked)["kode_pokja"].tolist() == ["P1", "P2"]


def test_protested_processes_come_most_objections_first():
    p = pd.DataFrame({"kode_paket": ["A", "B", "C", "D", "E"], "jumlah_sanggahan": [0, 2, np.nan, 5, 2]})
    assert pokja.protested(p)["kode_paket"].tolist() == ["D", "B", "E"]


def test_protest_note_says_why_there_is_no_table():
    totals = pd.DataFrame({"metode": ["Tender", pokja.TOTAL], "proses_f8": [0, 0]})
    none = pd.DataFrame({"kode_paket": []})
    assert pokja_text.protest_note(totals, none, Period(2024)) == (
        "Sanggahan: *Belum ada data*. Jumlah sanggahan hanya dilaporkan Pokja pada Format 8, yang belum "
        "kembali untuk Tahun Anggaran 2024.")
    totals["proses_f8"] = [12, 1200]
    assert pokja_text.protest_note(totals, none, Period(2024)) == \
        "Tidak ada sanggahan yang dilaporkan pada Format 8 (1.200 proses)."
    assert pokja_text.protest_note(totals, pd.DataFrame({"kode_paket": ["A"]}), Period(2024)) == ""


def test_recap_tables_show_twelve_measures_and_say_belum_ada_data_where_only_f8_counts():
    assert pokja_text.SHOWN_HEADINGS == {
        "jumlah_paket": "Jumlah paket", "jumlah_proses": "Jumlah proses", "proses_gagal": "Proses gagal",
        "tender_gagal": "Tender gagal (%)", "tender_ulang": "Tender ulang (% paket)",
        "durasi_pemilihan": "Rata-rata durasi pemilihan (hari)", "pemilihan_tepat_waktu": "Pemilihan tepat waktu (%)",
        "rata_peserta": "Rata-rata peserta", "peserta_tunggal": "Peserta tunggal (%)",
        "efisiensi_hps": "Efisiensi terhadap HPS (%)", "jumlah_sanggahan": "Jumlah sanggahan (F8)",
        "proses_f8": "Proses dengan Format 8"}
    assert pokja_text.F8_MISSING == {"jumlah_sanggahan": "Belum ada data", "paket_disanggah": "Belum ada data"}
    assert pokja_text.POKJA_MISSING == {"nama_pokja": "(Pokja tidak tercatat)", **pokja_text.F8_MISSING}


def test_targets_are_the_indicators_by_measure(shipped_params):
    targets = indicators.by_measure(shipped_params.indikator)
    assert targets["durasi_pemilihan"].kode == "IKP-07" and targets["pemilihan_tepat_waktu"].kode == "IKP-08"
    assert len(targets) == len(shipped_params.indikator)


def test_total_caption_reads_the_ukpbj_row_of_the_total():
    total = pd.DataFrame({"metode": ["Tender", "Total UKPBJ"], "jumlah_proses": [4, 10], "proses_f8": [1, 3]})
    assert pokja_text.total_caption(total) == pokja_text.source_summary(10, 3)
    assert "10 proses" in pokja_text.total_caption(total)
