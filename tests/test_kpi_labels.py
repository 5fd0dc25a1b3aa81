"""`kinerja kpi` prints each indicator's label whole: wrapped at word boundaries into its column,
never cut mid-word (the catalogue's longest names are longer than the column)."""

from kinerja.apps.indicator_commands import _row


def test_labels_wrap_at_words_and_the_value_stays_on_the_first_line(shipped_params):
    for ind in shipped_params.indikator:
        printed = _row(ind.kode, ind.nama, "47,11%", 48, "  [1 / 2; 3 paket]")
        first, *rest = printed.split("\n")
        assert first.startswith(f"{ind.kode:<8} ") and first.endswith("47,11%  [1 / 2; 3 paket]")
        words = " ".join(line[9:48 + 9].strip() for line in printed.split("\n")).split()
        assert words == ind.nama.split(), ind.kode  # every word whole, in order
        assert all(len(line) <= 9 + 48 for line in rest)
    umkk = _row("IKP-10", "Porsi nilai kontrak usaha mikro, usaha kecil, dan koperasi (UMK-K)", "47,11%", 48)
    assert umkk.split("\n")[1].strip() == "dan koperasi (UMK-K)"  # not '…usaha kecil, da'
    companion = _row("", "pendaftar per tender (termasuk tanpa penawaran)", "3,53 peserta", 46, indent=2)
    assert companion.split("\n") == ["           pendaftar per tender (termasuk tanpa               3,53 peserta",
                                     "           penawaran)"]
