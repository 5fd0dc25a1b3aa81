"""Rendering: notebook HTML without code, PDF from that HTML, Word letters and documents."""
