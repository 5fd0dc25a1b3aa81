"""Letterhead colours of the parameter file (`ukpbj.warna_utama`, `ukpbj.warna_aksen`, used by the
presentation decks): a hex colour '#RRGGBB', checked on load with one Indonesian message."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BeforeValidator

PRIMARY = "#1f5f8b"  # the reports' own blue (render/templates/gaya_laporan.css)
ACCENT = "#f9a825"   # the amber of the status colours
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def _hex(value) -> str:
    if value is None:  # `warna_utama: #1f5f8b` unquoted: YAML reads a comment, the value is empty
        raise ValueError(f"kosong; tulis kode warna di antara tanda kutip, mis. '{PRIMARY}' (tanpa tanda "
                         f"kutip, # dibaca sebagai awal komentar)")
    if not isinstance(value, str) or not _HEX.fullmatch(value.strip()):
        raise ValueError(f"harus kode warna #RRGGBB (tanda # dan enam digit heksadesimal, mis. '{PRIMARY}'), "
                         f"tertulis {value!r}")
    return value.strip().lower()


Warna = Annotated[str, BeforeValidator(_hex)]
