"""A live session end to end: a facilitator page and two trainee pages in separate browsers, one store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from curriculum.stores.live import LiveStore

from .helpers import blocking_violations, tab_to, wait_module_ready, wait_ready

pytestmark = pytest.mark.browser

FACILITATOR_PATH = "/voila/render/facilitator.ipynb"
MODULE_PATH = "/voila/render/hurt-harm-abuse.ipynb"
SLOT = ".hr-poll-classify-vignettes"
TICK_WAIT_MS = 15_000  # pages ask for news every 3 s


def test_join_answer_reveal_and_end(
    page: Page, browser: Browser, voila_url: str, live_data_dir: Path, axe: Axe, external_requests: list[str]
) -> None:
    # The facilitator starts a session and opens the first poll of the module.
    page.goto(voila_url + FACILITATOR_PATH)
    wait_ready(page, ".hr-facilitator")
    page.get_by_role("button", name="Start a session").click()
    join_code = re.sub(r"\s", "", page.locator(".hr-join-code").inner_text())

    # Two trainees join from their module pages, with the keyboard.
    contexts = [browser.new_context() for _ in range(2)]
    trainees = [context.new_page() for context in contexts]
    try:
        for trainee in trainees:
            trainee.goto(voila_url + MODULE_PATH)
        for trainee in trainees:
            wait_module_ready(trainee)
            tab_to(trainee, "Live session")
            trainee.keyboard.press("Enter")
            tab_to(trainee, "Join code")
            trainee.keyboard.type(join_code.lower())
            tab_to(trainee, "Join the live session")
            trainee.keyboard.press("Enter")
            expect(trainee.locator(".hr-live-panel")).to_contain_text("You are in the live session")
        expect(page.locator(".hr-counts [role=status]")).to_contain_text("2 trainees joined", timeout=TICK_WAIT_MS)

        page.get_by_role("button", name="Open this poll").click()
        for trainee, choice in zip(trainees, ["Harm", "Hurt"], strict=True):
            poll = trainee.locator(f"{SLOT} .hr-live-poll")
            expect(poll).to_be_visible(timeout=TICK_WAIT_MS)
            expect(trainee.locator(".hr-live-panel")).to_contain_text("A poll is open under")
            expect(poll.get_by_role("button", name="Prefer not to answer")).to_be_visible()
            poll.get_by_role("button", name=choice, exact=True).click()
            expect(poll).to_contain_text(f"Your answer: {choice}")
        assert blocking_violations(axe, trainees[0]) == []
        trainee = trainees[0]

        # Too few answers: nothing is shown. Three more trainees answer (through the store).
        page.get_by_role("button", name="Reveal results").click()
        expect(page.locator(".hr-polls")).to_contain_text("Too few answers to show safely")
        store = LiveStore("sqlite:///" + str(live_data_dir / "live.sqlite3"))
        try:
            others = [store.join(join_code) for _ in range(3)]
            current = store.current_poll(others[0].session_id)
            assert current is not None
            for joined, option in zip(others, ["harm", "harm", "prefer-not"], strict=True):
                store.answer(current.poll_id, joined.token, option)
        finally:
            store.close()
        page.get_by_role("button", name="Reveal results").click()
        results = page.get_by_role("table")
        expect(results).to_be_visible()
        expect(results.get_by_role("row", name=re.compile(r"^Harm\b"))).to_contain_text("3")
        expect(results.get_by_role("row", name=re.compile(r"Prefer not to answer"))).to_contain_text("1")
        assert blocking_violations(axe, page) == []

        # "I need a moment" reaches the facilitator as a count only.
        trainee.locator(".hr-live-panel").get_by_role("button", name="I need a moment").click()
        expect(page.locator(".hr-counts [role=status]")).to_contain_text(
            "1 “I need a moment” signal", timeout=TICK_WAIT_MS
        )

        # The facilitator ends the session; the trainee's page leaves it.
        page.get_by_role("button", name="End the session").click()
        page.get_by_role("button", name="Yes, end the session").click()
        expect(page.get_by_role("button", name="Download the totals (CSV)")).to_be_visible()
        for each in trainees:
            expect(each.locator(".hr-live-panel")).to_contain_text("has ended", timeout=TICK_WAIT_MS)
        assert external_requests == []
    finally:
        for context in contexts:
            context.close()
