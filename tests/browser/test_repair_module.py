"""Module "Accountability and repair" in a real browser: an apology written with the keyboard, a plan downloaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from .helpers import blocking_violations, tab_to, wait_module_ready

pytestmark = pytest.mark.browser

MODULE_PATH = "/voila/render/accountability-and-repair.ipynb"
WORKSHOP = ".hr-activity-apology-workshop"
PLANNER = ".hr-activity-repair-planner"
APOLOGY = "I am sorry if you were upset, but we were very busy. <b>Mistakes were made.</b>"


def test_write_an_apology_with_the_keyboard_and_read_the_feedback(
    page: Page, voila_url: str, axe: Axe, external_requests: list[str]
) -> None:
    page.goto(voila_url + MODULE_PATH)
    wait_module_ready(page)
    assert blocking_violations(axe, page) == []

    # A fear of leaders, answered on request.
    tab_to(page, "Show the answer to question 1")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Hide the answer to question 1")).to_be_focused()
    expect(page.locator(".hr-activity-leaders-fears .hr-feedback").first).to_contain_text("Source:")

    # The workshop opens behind its content note; the apology is typed, then checked.
    tab_to(page, "Continue to the activity")
    page.keyboard.press("Enter")
    workshop = page.locator(WORKSHOP)
    expect(workshop.get_by_role("textbox", name="Your apology")).to_be_visible()
    tab_to(page, "Your apology")
    page.keyboard.type(APOLOGY)
    tab_to(page, "Get feedback on my apology")
    page.keyboard.press("Enter")
    feedback = workshop.locator(".hr-feedback")
    expect(feedback).to_contain_text("Feedback on your apology")
    expect(feedback).to_contain_text("Not yet")
    expect(feedback).to_contain_text("Worth another look")
    expect(feedback).to_contain_text("Mistakes were made")
    expect(feedback.locator("b")).to_have_count(0)  # typed markup is shown as text, never as HTML
    assert blocking_violations(axe, page) == []
    assert external_requests == []


def test_build_a_repair_plan_and_download_it(page: Page, voila_url: str, axe: Axe, tmp_path: Path) -> None:
    page.goto(voila_url + MODULE_PATH)
    wait_module_ready(page)
    planner = page.locator(PLANNER)
    tab_to(page, "Start my repair plan")
    page.keyboard.press("Enter")
    expect(planner.get_by_role("button", name="Download my plan (Markdown)")).to_be_disabled()

    tab_to(page, "What will be done")
    page.keyboard.type("Meet her to apologise in person, on her terms")
    tab_to(page, "Who will do it")
    page.keyboard.type("The executive director")
    tab_to(page, "Add this action to my plan")
    page.keyboard.press("Enter")
    expect(planner.locator("table.hr-table")).to_contain_text("Meet her to apologise in person")
    expect(planner.get_by_role("status").first).to_contain_text("Added to your plan")
    assert blocking_violations(axe, page) == []

    with page.expect_download() as info:
        tab_to(page, "Download my plan (printable page)")
        page.keyboard.press("Enter")
    download = info.value
    assert download.suggested_filename == "harm-repair-plan-accountability-and-repair.html"
    printable = Path(download.path()).read_text(encoding="utf-8")
    assert "Meet her to apologise in person" in printable and "The executive director" in printable


def test_the_whole_module_can_be_completed(page: Page, voila_url: str) -> None:
    """Apology feedback, a plan with every part, and the reflections: 3 of 3 activities done."""
    page.goto(voila_url + MODULE_PATH)
    wait_module_ready(page)
    header = page.locator("#hr-progress-label")
    expect(header).to_have_text("0 of 3 activities done")

    workshop = page.locator(WORKSHOP)
    workshop.get_by_role("button", name="Continue to the activity").click()
    workshop.get_by_role("textbox", name="Your apology").fill("I am sorry. I cancelled your talk without asking.")
    workshop.get_by_role("button", name="Get feedback on my apology").click()
    expect(header).to_have_text("1 of 3 activities done")

    planner = page.locator(PLANNER)
    planner.get_by_role("button", name="Start my repair plan").click()
    part = planner.get_by_role("combobox", name="Part of accountability")
    for index, value in enumerate(("self-reflection", "apology", "repair", "changed-behavior")):
        part.select_option(index=index)
        planner.get_by_role("textbox", name="What will be done").fill(f"An action for {value}")
        planner.get_by_role("button", name="Add this action to my plan").click()
        expect(planner.locator("table.hr-table").nth(index)).to_contain_text(f"An action for {value}")
    expect(header).to_have_text("2 of 3 activities done")

    reflections = page.locator(".hr-activity-reflect-on-repair")
    reflections.get_by_role("button", name="I am done with these questions").click()
    expect(header).to_have_text("3 of 3 activities done")
