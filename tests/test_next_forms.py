"""The sentences stage 02 shows about next quarter's blank forms: what was written when asked
for (`--formulir`), and how to ask for them when not."""

from pathlib import Path

from kinerja.core import paths
from kinerja.core.periods import Period
from kinerja.formulir import collection


def test_written_forms_are_counted_per_format():
    files = [Path(f"formulir/{f}") for f in ("F4_PPK_1.xlsx", "F4_Pokja_2.xlsx", "F5_PPK_1.xlsx",
                                             "F8_Pokja_2.xlsx", "F8_Pokja_3.xlsx")]
    text = collection.next_forms_text(Period(2025, 1), files, "terisi paket Triwulan I Tahun 2025 dari register")
    assert text == ("5 formulir Triwulan I Tahun 2025 di folder `formulir/` (terisi paket Triwulan I Tahun "
                    "2025 dari register): F4 2 berkas, F5 1 berkas, F8 2 berkas.")


def test_forms_not_asked_for_say_the_commands_that_make_them_with_a_relative_path():
    text = collection.forms_on_request(Period(2024), paths.ROOT / "parameters" / "ukpbj-2024.yaml")
    assert text == ("Formulir kosong Format 4, 5 dan 8 untuk Triwulan I Tahun 2025 tidak dibuat pada laporan "
                    "ini (dibuat atas permintaan). Buat dengan `kinerja run --params "
                    "parameters/ukpbj-2024.yaml --formulir` (atau `make report FORMULIR=1`), atau per "
                    "triwulan dengan `kinerja forms --params parameters/ukpbj-2024.yaml --period "
                    "2025-TW1 --out FOLDER`.")
    assert "Triwulan III Tahun 2024" in collection.forms_on_request(Period(2024, 2), "p.yaml")
