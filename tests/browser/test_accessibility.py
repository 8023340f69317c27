"""axe-core on the landing page and a module page: no "serious" or "critical" violation.

axe is injected from the axe-playwright-python package (its bundled ``axe.min.js``), never from a CDN.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import blocking_violations, wait_landing_ready, wait_module_ready

pytestmark = pytest.mark.browser

MODULE_PATH = "/voila/render/hurt-harm-abuse.ipynb"


def test_landing_page(page: Page, voila_url: str, axe: Axe, external_requests: list[str]) -> None:
    page.goto(voila_url + "/")
    wait_landing_ready(page)
    assert blocking_violations(axe, page) == []
    assert external_requests == []


def test_module_page_through_an_activity(page: Page, voila_url: str, axe: Axe, external_requests: list[str]) -> None:
    page.goto(voila_url + MODULE_PATH)
    wait_module_ready(page)
    problems = {"rendered": blocking_violations(axe, page)}

    page.get_by_role("button", name="Continue to the activity").first.press("Enter")
    page.get_by_role("button", name="Harm", exact=True).first.press("Enter")
    expect(page.locator(".hr-feedback[role=status]").first).to_be_visible()
    problems["feedback shown"] = blocking_violations(axe, page)

    page.get_by_role("button", name="Take a break").press("Enter")
    expect(page.get_by_role("button", name="Back to the module")).to_be_visible()
    problems["on a break"] = blocking_violations(axe, page)

    assert problems == {"rendered": [], "feedback shown": [], "on a break": []}
    assert external_requests == []
