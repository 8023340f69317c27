"""Module "The cycle of unhealthy attachment" in a real browser, with the keyboard only."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from curriculum.content import load_curriculum
from curriculum.schema import Scenario

from .helpers import blocking_violations, tab_to, wait_module_ready

pytestmark = pytest.mark.browser

MODULE_PATH = "/voila/render/unhealthy-attachment.ipynb"
SCENARIO = ".hr-activity-outreach-scenario"


def first_choice_text(page: Page) -> str:
    return page.locator(f"{SCENARIO} .hr-choice-list button").first.inner_text().strip()


def test_scenario_to_an_ending_with_back_and_a_stage_of_the_cycle(
    page: Page, voila_url: str, axe: Axe, external_requests: list[str]
) -> None:
    page.goto(voila_url + MODULE_PATH)
    wait_module_ready(page)
    assert blocking_violations(axe, page) == []

    # Open a stage of the diagram with the keyboard.
    tab_to(page, re.compile(r"^1\. "))
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    details = page.get_by_role("region", name=re.compile(r"Stage 4 of 7"))
    expect(details).to_be_visible()
    expect(details).to_contain_text("What the side with more power can do")
    expect(page.locator(".hr-cycle-stage[aria-pressed=true]")).to_have_count(1)
    assert blocking_violations(axe, page) == []

    # Play the outreach scenario: continue past its content note, choose, go back, reach an ending.
    scenario = page.locator(SCENARIO)
    tab_to(page, "Continue to the activity")  # the first gate on the page is this scenario's
    page.keyboard.press("Enter")
    expect(scenario.locator(".hr-choice-list button").first).to_be_visible()
    start_text = scenario.locator(".hr-node").inner_text()

    tab_to(page, first_choice_text(page))
    page.keyboard.press("Enter")
    expect(scenario.locator(".hr-node")).not_to_have_text(start_text)
    expect(scenario.get_by_role("button", name="Back one step")).to_be_enabled()
    tab_to(page, "Back one step")
    page.keyboard.press("Enter")
    expect(scenario.locator(".hr-node")).to_have_text(start_text)

    # Focus stays on the first choice button while its label changes from node to node.
    tab_to(page, first_choice_text(page))
    for _ in range(30):
        if scenario.locator("h4", has_text=re.compile(r"^Ending:")).count():
            break
        before = scenario.locator(".hr-node").inner_text()
        page.keyboard.press("Enter")
        expect(scenario.locator(".hr-node")).not_to_have_text(before)
        page.wait_for_timeout(400)  # the node, the choices and an ending update in one batch; let it land
    ending = scenario.locator("h4", has_text=re.compile(r"^Ending:"))
    expect(ending).to_be_visible()
    expect(scenario.get_by_role("button", name="Start this scenario again")).to_be_focused()
    expect(scenario.get_by_role("heading", name="Your path on the cycle")).to_be_visible()
    expect(scenario.get_by_role("group", name="Your path on the cycle")).to_be_visible()
    assert blocking_violations(axe, page) == []
    assert external_requests == []


def paths_to_every_ending(scenario: Scenario) -> dict[str, list[str]]:
    """Ending node id -> choice texts of a shortest path to it (breadth-first over the graph)."""
    nodes = {n.id: n for n in scenario.nodes}
    paths: dict[str, list[str]] = {scenario.start: []}
    queue = [scenario.start]
    while queue:
        current = queue.pop(0)
        for choice in nodes[current].choices:
            if choice.goes_to not in paths:
                paths[choice.goes_to] = [*paths[current], choice.text]
                queue.append(choice.goes_to)
    return {node_id: path for node_id, path in paths.items() if nodes[node_id].ending is not None}


@pytest.mark.parametrize("activity_id", ["outreach-scenario", "funder-scenario"])
def test_every_ending_can_be_reached(page: Page, voila_url: str, activity_id: str) -> None:
    bundle = load_curriculum().module("unhealthy-attachment")
    _activity, content = bundle.activity(activity_id)
    assert isinstance(content, Scenario)
    endings = paths_to_every_ending(content)
    assert len(endings) >= 3
    page.goto(voila_url + MODULE_PATH)
    wait_module_ready(page)
    scenario = page.locator(f".hr-activity-{activity_id}")
    scenario.get_by_role("button", name="Continue to the activity").click()
    titles = {n.id: n.ending.title for n in content.nodes if n.ending is not None}
    for ending_id, path in endings.items():
        for text in path:
            scenario.get_by_role("button", name=text, exact=True).click()
        expect(scenario.locator("h4", has_text=f"Ending: {titles[ending_id]}")).to_be_visible()
        scenario.get_by_role("button", name="Start this scenario again").click()
        expect(scenario.locator("h4", has_text="Ending:")).to_have_count(0)
