"""Indonesian formats that sentences share (kinerja.core.fmt) and the interval column of the
tables (kinerja.render.display.interval)."""

import pandas as pd
from kinerja.core import fmt
from kinerja.render import display


def test_an_interval_has_two_decimals_and_an_en_dash():
    assert fmt.rentang(80.126, 85.5) == "80,13–85,50"
    assert fmt.rentang(1234.5, 2000, 1) == "1.234,5–2.000,0"


def test_a_change_is_naik_turun_or_tetap():
    assert [fmt.arah(v) for v in (0.5, -0.01, 0, 0.0)] == ["naik", "turun", "tetap", "tetap"]


def test_the_interval_column_keeps_the_rows_index():
    df = pd.DataFrame({"ci_bawah": [80.1, 60.0], "ci_atas": [85.25, 70.0]}, index=[3, 7])
    shown = display.interval(df)
    assert shown.to_dict() == {3: "80,10–85,25", 7: "60,00–70,00"}
