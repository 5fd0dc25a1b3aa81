"""Kinerja PBJ: procurement performance reporting workbook (SOP Pengelolaan Kinerja PBJ)."""

__version__ = "0.1.0"
