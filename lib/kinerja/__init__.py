"""Kinerja PBJ: procurement performance reporting workbook (SOP Pengelolaan Kinerja PBJ)."""

import sys

__version__ = "0.1.0"

# jsonschema, which nbformat and papermill import, compiles the IRI grammar of the optional
# rfc3987-syntax package (installed with the Jupyter server stack) at import: 1–2 s in every
# process that renders or runs a notebook. No schema this workbook validates uses the IRI
# formats, so that package is left out of kinerja's processes (jsonschema then skips the format).
sys.modules.setdefault("rfc3987_syntax", None)
