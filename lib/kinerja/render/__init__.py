"""Rendering: notebook HTML without code, PDF from that HTML, Word letters and documents."""

from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates"  # page templates (HTML report, dashboard)
