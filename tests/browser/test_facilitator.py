"""The facilitator page in a real browser: a session started from the keyboard, then presenter view."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import blocking_violations, tab_to, wait_ready

pytestmark = pytest.mark.browser

FACILITATOR_PATH = "/voila/render/facilitator.ipynb"


def test_start_a_session_with_the_keyboard_then_present_a_poll(
    page: Page, voila_url: str, axe: Axe, external_requests: list[str]
) -> None:
    page.goto(voila_url + FACILITATOR_PATH)
    wait_ready(page, ".hr-facilitator")
    expect(page.get_by_role("button", name="Start a session")).to_be_visible()
    assert blocking_violations(axe, page) == []

    tab_to(page, "Start a session")
    page.keyboard.press("Enter")
    code = page.locator(".hr-join-code")
    expect(code).to_be_visible()
    join_code = re.sub(r"\s", "", code.inner_text())
    assert re.fullmatch(r"[A-Z2-9]{6}", join_code), join_code
    expect(page.get_by_role("heading", name="Join code")).to_be_visible()
    expect(page.get_by_text("It will not be shown again.")).to_be_visible()
    expect(page.locator(".hr-counts [role=status]")).to_contain_text("0 trainees joined")
    expect(page.get_by_role("button", name="Hide the key")).to_be_focused()
    assert blocking_violations(axe, page) == []

    page.keyboard.press("Enter")  # hide the key
    expect(page.get_by_text("The facilitator key is hidden.")).to_be_visible()

    tab_to(page, "Open this poll")
    page.keyboard.press("Enter")
    expect(page.locator(".hr-polls [role=status]").first).to_contain_text("0 answers so far")

    tab_to(page, "Presenter view")
    page.keyboard.press("Enter")
    stage = page.locator(".hr-presenter-stage")
    expect(stage).to_be_visible()
    expect(stage).to_contain_text("Is this hurt, harm or abuse?")
    expect(page.get_by_role("button", name="Leave presenter view")).to_be_focused()
    expect(page.locator(".hr-polls")).to_be_hidden()
    expect(page.locator(".hr-join-code")).to_be_hidden()
    font_size = stage.locator(".widget-html-content").first.evaluate("el => getComputedStyle(el).fontSize")
    assert float(font_size.removesuffix("px")) >= 30, font_size
    assert blocking_violations(axe, page) == []

    page.keyboard.press("Enter")  # leave presenter view
    expect(page.locator(".hr-join-code")).to_be_visible()
    expect(page.get_by_role("button", name="Presenter view")).to_be_focused()
    assert external_requests == []
