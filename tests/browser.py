"""Headless Chromium for the browser tests (Debian's chromium + chromium-driver, installed by
`tools/setup.sh --browser`, which `make test` runs). Selenium is pointed at the Debian driver so
it never tries to download one."""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def chromium(width: int = 1280, height: int = 900):
    """A headless Chromium WebDriver whose console messages `console_errors(driver)` returns."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser = _binary("chromium", "chromium-browser")
    driver_path = _binary("chromedriver")
    if not browser or not driver_path:
        pytest.fail("Chromium is missing: run `make test` (tools/setup.sh --browser installs it)")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def console_errors(driver) -> list[str]:
    """SEVERE console entries (JavaScript errors, failed resource loads) since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
