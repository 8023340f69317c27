"""The authoring page in a real browser: change a choice, save, and see it on the trainee page."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.conftest import CONTENT

from .helpers import blocking_violations, start_voila, stop_voila, tab_to, wait_module_ready, wait_ready

pytestmark = pytest.mark.browser

AUTHOR_PATH = "/voila/render/author.ipynb"
MODULE_PATH = "/voila/render/unhealthy-attachment.ipynb"
SCENARIO = ".hr-activity-outreach-scenario"
NEW_TEXT = "Sit down with Inés this week & agree on her role <em>together</em>."


@pytest.fixture(scope="module")
def authoring_server(live_data_dir: Path) -> Iterator[tuple[str, Path]]:
    """A server with authoring on, over a throw-away copy of the content (the repository is never edited)."""
    work = Path(tempfile.mkdtemp(prefix="harm-repair-authoring-"))
    content = work / "content"
    shutil.copytree(CONTENT, content)
    env = {
        "HARM_REPAIR_AUTHORING": "1",
        "HARM_REPAIR_CONTENT": str(content),
        "HARM_REPAIR_DATA_DIR": str(live_data_dir),
    }
    process, url = start_voila(log_path=work / "voila.log", env=env)
    try:
        yield url, content
    finally:
        stop_voila(process)
        shutil.rmtree(work, ignore_errors=True)


def test_a_choice_changed_on_the_authoring_page_shows_on_the_trainee_page(
    page: Page, authoring_server: tuple[str, Path], axe: Axe, external_requests: list[str]
) -> None:
    url, content = authoring_server
    page.goto(url + AUTHOR_PATH)
    wait_ready(page, ".hr-authoring")
    assert blocking_violations(axe, page) == []

    page.get_by_label("Module", exact=True).select_option(label="The cycle of unhealthy attachment")
    expect(page.get_by_label("File", exact=True)).to_have_value("cycle.yaml (cycle)")  # the page has caught up
    page.get_by_label("File", exact=True).select_option(label="scenario-outreach.yaml (scenario)")
    expect(page.get_by_label("Item", exact=True)).to_have_value(re.compile(r"^node: start "))
    choice_text = page.get_by_label("Choice 1: Text", exact=True)
    expect(choice_text).to_be_visible()
    old_text = choice_text.input_value()
    assert old_text.startswith("Share the excitement")

    choice_text.fill(NEW_TEXT)
    choice_text.press("Tab")  # the text reaches the kernel when the box loses focus
    save = page.get_by_role("button", name="Save", exact=True)
    expect(save).to_be_enabled()
    tab_to(page, "Save")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Saved scenario-outreach.yaml")
    assert NEW_TEXT in (content / "unhealthy-attachment/scenario-outreach.yaml").read_text()
    assert blocking_violations(axe, page) == []

    # A trainee opening (or reloading) the module now gets the new choice, shown as text.
    page.goto(url + MODULE_PATH)
    wait_module_ready(page)
    scenario = page.locator(SCENARIO)
    scenario.get_by_role("button", name="Continue to the activity").click()
    first = scenario.locator(".hr-choice-list button").first
    expect(first).to_have_text(NEW_TEXT)
    expect(scenario.get_by_role("button", name=re.compile(re.escape(old_text[:30])))).to_have_count(0)
    assert external_requests == []


def test_a_problem_is_shown_beside_its_field_and_nothing_is_written(
    page: Page, authoring_server: tuple[str, Path]
) -> None:
    url, content = authoring_server
    path = content / "hurt-harm-abuse/vignettes.yaml"
    before = path.read_bytes()
    page.goto(url + AUTHOR_PATH)
    wait_ready(page, ".hr-authoring")
    page.get_by_label("File", exact=True).select_option(label="vignettes.yaml (classification)")
    expect(page.get_by_label("Item", exact=True)).to_have_value(re.compile(r"^vignette: "))
    title = page.get_by_label("Title", exact=True)
    title.fill("")
    title.press("Tab")
    expect(page.locator(".hr-field-problems").first).to_contain_text("is empty")
    expect(page.get_by_role("button", name="Save", exact=True)).to_be_disabled()
    assert path.read_bytes() == before
