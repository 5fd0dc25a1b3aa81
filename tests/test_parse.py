import pandas as pd
import pytest
from kinerja.core import parse


@pytest.mark.parametrize("text, expected", [
    ("Rp 1.250.000,00", 1250000.0), ("1250000", 1250000.0), ("999995334.78", 999995334.78),
    ("1,250,000.50", 1250000.5), ("Rp1.250", 1250.0), ("12,5", 12.5), ("-Rp 5.000", -5000.0),
    ("1.5E+9", 1.5e9), ("Rp 350.000.000,-", 350000000.0),
])
def test_money_reads_rupiah_as_exported(text, expected):
    values, bad = parse.money(pd.Series([text]))
    assert not bad[0]
    assert values[0] == pytest.approx(expected)


def test_money_blank_is_missing_and_garbage_is_bad():
    values, bad = parse.money(pd.Series(["", "null", None, "-", "dua juta", "1.2.3,4,5"]))
    assert values.isna().all()
    assert bad.tolist() == [False, False, False, False, True, True]


def test_money_keeps_typed_numbers():
    values, bad = parse.money(pd.Series([125.125, 1e11]))
    assert values.tolist() == [125.125, 1e11] and not bad.any()


@pytest.mark.parametrize("text, expected", [
    ("2025-02-11 10:00:00", "2025-02-11 10:00"), ("2025-03-18", "2025-03-18 00:00"),
    ("21 Maret 2024", "2024-03-21 00:00"), ("21/03/2024", "2024-03-21 00:00"),
    ("1 Agustus 2024 10:30", "2024-08-01 10:30"), ("45372", "2024-03-21 00:00"),
    ("5 Nopember 2023", "2023-11-05 00:00"),
])
def test_dates_in_every_shape_exports_use(text, expected):
    values, bad = parse.date(pd.Series([text]))
    assert not bad[0]
    assert values[0].strftime("%Y-%m-%d %H:%M") == expected


def test_impossible_dates_are_bad():
    _, bad = parse.date(pd.Series(["2024-13-45", "31 Maretan 2024", "99999", "kemarin"]))
    assert bad.all()


def test_codes_survive_excel_and_leading_zeros():
    values, _ = parse.code(pd.Series([10011868000.0, None]))
    assert values[0] == "10011868000" and pd.isna(values[1])
    assert parse.code(pd.Series(["10011868000.0"]))[0][0] == "10011868000"
    keys = parse.code_key(pd.Series(["012", "12", "1.03.2.15.1.04.03.0000", "1.3.2.15.1.4.3.0"]))
    assert keys[0] == keys[1] and keys[2] == keys[3]


def test_flags():
    values, bad = parse.flag(pd.Series(["Ya", "tidak", "1", "mungkin", None]))
    assert values.tolist()[:3] == [True, False, True]
    assert bad.tolist() == [False, False, False, True, False]


def test_money_keeps_row_labels_of_a_filtered_frame():
    # rows left after dropping blank lines keep their labels; parsing must not realign them
    series = pd.Series(["900", "Rp 1.250.000,00", "dua juta"], index=[0, 3, 7], dtype=object)
    values, bad = parse.money(series)
    assert values.index.tolist() == [0, 3, 7]
    assert values[0] == 900 and values[3] == 1_250_000 and bad.tolist() == [False, False, True]
