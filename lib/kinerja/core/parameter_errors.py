"""Pydantic's validation errors of a parameter file as Indonesian messages naming their key
(`kunci 'indikator[0].polaritas': harus salah satu dari: naik atau turun`)."""

from __future__ import annotations

from kinerja.core import marks

REFERENCE_MARK = "\x00"  # marks messages that already name their keys

MESSAGES = {
    "missing": "wajib diisi tetapi tidak ada",
    "extra_forbidden": "tidak dikenal (periksa ejaan kunci)",
    "int_parsing": "harus bilangan bulat",
    "int_from_float": "harus bilangan bulat",
    "float_parsing": "harus angka",
    "float_type": "harus angka",
    "date_from_datetime_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_parsing": "harus tanggal (YYYY-MM-DD)",
    "date_type": "harus tanggal (YYYY-MM-DD)",
    "literal_error": "harus salah satu dari: {expected}",
    "date_from_datetime_inexact": "harus tanggal (YYYY-MM-DD)",
    "too_short": "harus berisi paling sedikit {min_length} butir",
    "greater_than_equal": "harus ≥ {ge}",
    "less_than_equal": "harus ≤ {le}",
    "string_type": "harus teks",
    "list_type": "harus daftar (list)",
    "model_type": "harus berupa bagian (mapping) berisi kunci",
    "dict_type": "harus berupa bagian (mapping) berisi kunci",
}


def message(err: dict) -> str:
    """One validation error as an Indonesian line naming its key."""
    template = MESSAGES.get(err["type"])
    ctx = err.get("ctx") or {}
    if template:
        try:
            text = template.format(**{k: str(v).replace("'", "").replace(" or ", " atau ")
                                      for k, v in ctx.items()})
        except KeyError:
            text = template
    else:
        # Our own validators raise Indonesian text; pydantic prefixes it with "Value error, ".
        text = str(err.get("msg", "")).removeprefix("Value error, ")
    if text.startswith(REFERENCE_MARK):
        return text.removeprefix(REFERENCE_MARK)
    return f"kunci '{marks.key_text(err['loc']) or '(berkas)'}': {text}"
