"""PDF from the report's HTML with WeasyPrint (about 1 s; no browser, no LaTeX).

The machine has no network: only `data:` and `file:` resources are fetched, anything else is
refused at once instead of waiting for a timeout.
"""

from __future__ import annotations

import functools
import logging
import warnings
from pathlib import Path

log = logging.getLogger(__name__)

OFFLINE_SCHEMES = ("data", "file")
REFUSED = "refused non-local URL"


@functools.cache
def _weasyprint():
    """WeasyPrint, imported on the first PDF (a third of a second that every `kinerja` command
    would pay otherwise, also when nothing is printed)."""
    with warnings.catch_warnings():
        # "HarfBuzz-Subset will be required by future versions": advice for the packager.
        warnings.simplefilter("ignore", DeprecationWarning)
        import weasyprint
        from weasyprint.urls import URLFetcher

    class Fetcher(URLFetcher):
        """WeasyPrint's fetcher limited to `data:` and `file:` URLs; each refusal is logged."""

        def __init__(self):
            super().__init__(timeout=5, allowed_protocols=OFFLINE_SCHEMES, allow_redirects=False)

        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme not in OFFLINE_SCHEMES:
                log.warning("PDF: sumber luar tidak diambil (tanpa jaringan): %s", url[:200])
                raise ValueError(f"{REFUSED}: {url[:200]}")
            return super().fetch(url, headers)

    return weasyprint, Fetcher


def OfflineFetcher():  # noqa: N802 - used like the class it makes
    """A WeasyPrint URL fetcher that fetches only `data:` and `file:` URLs."""
    return _weasyprint()[1]()


class _DemoteToDebug(logging.Filter):
    """WeasyPrint warns about every CSS property it ignores; keep that out of the user's console.
    Its errors (an image that cannot be read) still pass, except our own refusals, logged above."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR and REFUSED not in record.getMessage():
            return True
        log.debug("weasyprint %s: %s", record.levelname.lower(), record.getMessage())
        return False


def _quiet_weasyprint() -> None:
    # Installed once at import (not per call): toggling loggers per call is not thread-safe.
    wp = logging.getLogger("weasyprint")
    if not any(isinstance(f, _DemoteToDebug) for f in wp.filters):
        wp.addFilter(_DemoteToDebug())
    fonttools = logging.getLogger("fontTools")  # font subsetting chatter
    if fonttools.level == logging.NOTSET:
        fonttools.setLevel(logging.ERROR)


_quiet_weasyprint()


def html_to_pdf(html_path: Path, pdf_path: Path) -> Path:
    """Print the HTML page to an A4 PDF (page size, margins and page numbers come from its CSS)."""
    html_path, pdf_path = Path(html_path), Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    weasyprint, fetcher = _weasyprint()
    document = weasyprint.HTML(filename=str(html_path), url_fetcher=fetcher(), media_type="print")
    document.write_pdf(pdf_path)
    return pdf_path
