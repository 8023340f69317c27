"""The Spanish module end to end, and the language menu: the choice is remembered in the browser."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from .helpers import blocking_violations, recorded_page, wait_ready

pytestmark = pytest.mark.browser

MODULE_PATH = "/voila/render/hurt-harm-abuse.ipynb"
READY_MS = 60_000
LANGUAGE_KEY = "harm-repair:language"


def wait_spanish_module(page: Page) -> None:
    """The module page in Spanish is ready: the shell and the last cell ("volver a la lista") are there."""
    wait_ready(page)
    page.get_by_role("link", name="Volver a la lista de módulos").wait_for(state="attached", timeout=READY_MS)
    page.get_by_role("button", name="Tomar un descanso").wait_for(state="visible", timeout=READY_MS)


def wait_english_module(page: Page) -> None:
    wait_ready(page)
    page.get_by_role("link", name="Back to the list of modules").wait_for(state="attached", timeout=READY_MS)
    page.get_by_role("button", name="Take a break").wait_for(state="visible", timeout=READY_MS)


@pytest.fixture
def spanish_browser_page(browser: Browser, external_requests: list[str]) -> Iterator[Page]:
    """A page whose browser prefers Spanish (Accept-Language: es-ES)."""
    with recorded_page(browser, external_requests, locale="es-ES") as page:
        yield page


def test_the_first_module_in_spanish_end_to_end(
    page: Page, voila_url: str, axe: Axe, external_requests: list[str]
) -> None:
    page.goto(voila_url + MODULE_PATH + "?lang=es")
    wait_spanish_module(page)
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.get_by_role("heading", level=1, name="Herida, daño y abuso")).to_be_visible()
    for label in ("Apoyo y ayuda", "Mis notas y datos", "Salir rápido"):
        expect(page.get_by_role("button", name=label)).to_be_visible()
    expect(page.get_by_label("Idioma")).to_be_visible()
    assert "Take a break" not in page.locator("body").inner_text()

    page.get_by_role("button", name="Continuar a la actividad").first.click()
    expect(page.get_by_text(re.compile(r"Situación 1 de \d+"))).to_be_visible()
    page.get_by_role("button", name="Daño", exact=True).first.click()
    feedback = page.locator(".hr-feedback[role=status]").first
    expect(feedback).to_contain_text(re.compile(r"^\s*Usted eligió Daño\."))
    for dimension in ("Intención", "Incidente o patrón", "Impacto"):
        expect(feedback).to_contain_text(dimension)

    assert blocking_violations(axe, page) == []
    assert external_requests == [], f"requests left localhost: {external_requests}"


def test_the_language_menu_switches_and_the_choice_is_remembered(
    spanish_browser_page: Page, voila_url: str, external_requests: list[str]
) -> None:
    page = spanish_browser_page
    page.goto(voila_url + MODULE_PATH)  # no ?lang=: the browser's Spanish decides
    wait_spanish_module(page)
    assert page.evaluate("document.documentElement.lang") == "es"

    with page.expect_navigation(url=re.compile(r"[?&]lang=en\b"), timeout=READY_MS):
        page.get_by_label("Idioma").select_option(label="English")
    wait_english_module(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate(f"localStorage.getItem('{LANGUAGE_KEY}')") == "en"
    expect(page.get_by_label("Language")).to_have_value(re.compile(r"English|en"))

    # Opened again without ?lang=, the page goes back to the remembered language, not the browser's.
    page.goto(voila_url + MODULE_PATH)
    page.wait_for_url(re.compile(r"[?&]lang=en\b"), timeout=READY_MS)
    wait_english_module(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Tomar un descanso" not in page.locator("body").inner_text()
    assert external_requests == [], f"requests left localhost: {external_requests}"
