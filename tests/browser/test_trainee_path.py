"""A trainee's path through the curriculum, with the keyboard only (no mouse clicks)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .helpers import active_element_name, tab_to, wait_landing_ready, wait_module_ready

pytestmark = pytest.mark.browser

MODULE_TITLE = "Hurt, harm and abuse"
MODULE_PATH = "/voila/render/hurt-harm-abuse.ipynb"
READY_MS = 60_000


def assert_no_traceback(page: Page) -> None:
    text = page.locator("body").inner_text()
    assert "Traceback" not in text, text[:2000]
    assert not re.search(r"\w+Error: ", text), "a Python error is shown on the page"


def test_keyboard_path_from_landing_to_feedback(page: Page, voila_url: str, external_requests: list[str]) -> None:
    page.goto(voila_url + "/")
    wait_landing_ready(page)
    assert page.evaluate("document.documentElement.lang") == "en"

    link = page.get_by_role("link", name=MODULE_TITLE)
    expect(link).to_be_visible()
    card = page.locator("li", has=link)
    expect(card).to_contain_text("Learn to tell hurt, harm and abuse apart")
    expect(card).to_contain_text(re.compile(r"About \d+ minutes"))
    assert_no_traceback(page)

    tab_to(page, MODULE_TITLE)
    with page.expect_navigation(timeout=READY_MS):
        page.keyboard.press("Enter")
    assert page.url.endswith(MODULE_PATH)
    wait_module_ready(page)
    expect(page.get_by_role("button", name="Take a break")).to_be_visible()
    assert page.evaluate("document.documentElement.lang") == "en"

    tab_to(page, "Continue to the activity")
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"Situation 1 of \d+"))).to_be_visible()
    expect(page.get_by_text("Is this hurt, harm, or abuse or exploitation?").first).to_be_visible()

    tab_to(page, "Harm")
    page.keyboard.press("Enter")
    feedback = page.locator(".hr-feedback[role=status]").first
    expect(feedback).to_be_visible()
    expect(feedback).to_contain_text(re.compile(r"^\s*You chose"))
    for dimension in ("Intention", "Incident or pattern", "Impact"):
        expect(feedback).to_contain_text(dimension)

    assert_no_traceback(page)
    assert external_requests == [], f"requests left localhost: {external_requests}"


def test_take_a_break_by_keyboard(page: Page, voila_url: str, external_requests: list[str]) -> None:
    page.goto(voila_url + MODULE_PATH)
    wait_module_ready(page)
    overview = page.get_by_role("heading", name="Overview")
    expect(overview).to_be_visible()
    gate = page.get_by_role("button", name="Continue to the activity").first
    expect(gate).to_be_attached()

    tab_to(page, "Take a break")
    page.keyboard.press("Enter")

    back = page.get_by_role("button", name="Back to the module")
    expect(back).to_be_visible()
    expect(page.locator(".hr-shell.hr-on-break")).to_have_count(1)
    expect(overview).to_be_hidden()
    expect(gate).to_be_hidden()
    expect(back).to_be_focused()

    page.keyboard.press("Enter")
    expect(overview).to_be_visible()
    expect(page.locator(".hr-on-break")).to_have_count(0)
    expect(back).to_be_hidden()
    take_break = page.get_by_role("button", name="Take a break")
    expect(take_break).to_be_visible()
    expect(take_break).to_be_focused()
    assert active_element_name(page) == "Take a break"

    assert_no_traceback(page)
    assert external_requests == [], f"requests left localhost: {external_requests}"
