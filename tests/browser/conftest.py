"""Browser tests: one Voilà server and one headless Chromium for the whole session.

Playwright's own browser download needs internet, so we launch the system Chromium
(``HARM_REPAIR_CHROMIUM`` overrides the path) and fall back to Playwright's default only
when none exists. Every test under ``tests/browser`` gets the ``browser`` marker.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import axe_playwright_python
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from .helpers import launch_chromium, recorded_page, start_voila, stop_voila

BROWSER_DIR = Path(__file__).resolve().parent


# markers ------------------------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


# fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def live_data_dir() -> Path:
    """The throw-away folder of the live-session store's SQLite file (never the project's data/)."""
    return Path(tempfile.mkdtemp(prefix="harm-repair-data-"))


@pytest.fixture(scope="session")
def voila_url(live_data_dir: Path) -> Iterator[str]:
    log_dir = Path(tempfile.mkdtemp(prefix="harm-repair-voila-"))
    process, url = start_voila(log_path=log_dir / "voila.log", env={"HARM_REPAIR_DATA_DIR": str(live_data_dir)})
    try:
        yield url
    finally:
        stop_voila(process)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    b = launch_chromium(playwright_instance)
    try:
        yield b
    finally:
        b.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    """axe-core from the axe-playwright-python package's own axe.min.js, never from a CDN."""
    bundled = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    assert bundled.is_file(), "axe-playwright-python should ship axe.min.js"
    return Axe.from_file(bundled)


@pytest.fixture
def external_requests() -> list[str]:
    """URLs of requests that left localhost; filled by the ``page`` fixture."""
    return []


@pytest.fixture
def page(browser: Browser, external_requests: list[str]) -> Iterator[Page]:
    """A fresh context and page per test; records every request outside localhost."""
    with recorded_page(browser, external_requests) as pg:
        yield pg
