"""Module 3 through its Python API: the fears Q&A, the apology workshop and the repair planner."""

from __future__ import annotations

import json
from typing import Any

import pytest

from curriculum.content import load_curriculum
from curriculum.schema import ApologyWorkshop, Questions
from curriculum.schema import RepairPlan as RepairPlanContent
from widgets import page
from widgets.apology import DRAFT_NOTE, ApologyWorkshopActivity
from widgets.questions import QuestionsActivity
from widgets.repair_planner import RepairPlanner
from widgets.safe import is_hidden
from widgets.session import ActivityTracker, ModuleSession
from widgets.shell import PageShell

MODULE = "accountability-and-repair"
HOSTILE = '<img src=x onerror="alert(1)">'


def _content(kind: type[Any]) -> Any:
    bundle = load_curriculum().module(MODULE)
    return next(c for c in bundle.contents.values() if isinstance(c, kind))


def _session() -> ModuleSession:
    session = ModuleSession(MODULE, None)
    session.restored = True  # as after the browser has answered
    return session


# questions -----------------------------------------------------------------------------


def test_an_answer_is_revealed_on_request_with_its_source_and_hidden_again() -> None:
    content: Questions = _content(Questions)
    view = QuestionsActivity("leaders-fears", content)
    card = view.cards[0]
    assert card.answer.value == "" and is_hidden(card.answer), "answers are built when asked for"
    card.toggle.click()
    assert not is_hidden(card.answer)
    assert "Source: Harm and Repair report" in card.answer.value
    assert card.toggle.description == "Hide the answer to question 1"
    card.toggle.click()
    assert is_hidden(card.answer) and card.toggle.description == "Show the answer to question 1"


# apology workshop ----------------------------------------------------------------------


def _workshop(tracker: ActivityTracker | None = None) -> ApologyWorkshopActivity:
    view = page.build_activity(MODULE, "apology-workshop")
    assert isinstance(view, ApologyWorkshopActivity)
    if tracker is not None:
        view.tracker = tracker
    view.gate.continue_button.click()
    return view


def test_the_case_opens_behind_its_content_note() -> None:
    page.build_shell(MODULE)
    view = page.build_activity(MODULE, "apology-workshop")
    assert isinstance(view, ApologyWorkshopActivity)
    assert not view.body_built and is_hidden(view.body)
    view.gate.continue_button.click()
    assert view.body_built and not is_hidden(view.body)


def test_fragments_are_added_to_the_draft_where_the_trainee_can_edit_them() -> None:
    content: ApologyWorkshop = _content(ApologyWorkshop)
    view = _workshop()
    first, second = content.fragments[0], content.fragments[1]
    view.fragment_buttons[first.id].click()
    view.fragment_buttons[second.id].click()
    assert view.draft.value == f"{first.text} {second.text}"


def test_feedback_goes_element_by_element_and_quotes_the_trainees_words_escaped() -> None:
    view = _workshop()
    view.draft.value = f"I'm sorry if anyone was hurt by {HOSTILE}, but we were very busy."
    view.check_button.click()
    html = view.feedback_view.value
    assert "Not yet" in html and "Has it" in html
    assert "Worth another look" in html, "the conditional and the 'but' are flagged"
    assert "if anyone was hurt" in html.replace("&#x27;", "'")
    assert HOSTILE not in html and "&lt;img" in html
    assert "owe no one forgiveness" in html


def test_an_empty_draft_gets_a_nudge_and_does_not_count_as_done() -> None:
    session = _session()
    view = _workshop(ActivityTracker(session, "apology-workshop"))
    view.check_button.click()
    assert "Write or add a few sentences first" in view.feedback_view.value
    assert not session.module_state.activity("apology-workshop").done


def test_asking_for_feedback_counts_and_the_draft_is_kept_with_the_notes() -> None:
    session = _session()
    view = _workshop(ActivityTracker(session, "apology-workshop"))
    view.draft.value = "I am sorry. I cancelled your talk without asking you, and that was my decision."
    view.check_button.click()
    state = session.module_state
    assert state.activity("apology-workshop").done
    assert state.reflections["apology-workshop"][DRAFT_NOTE].startswith("I am sorry.")


def test_the_example_is_shown_only_when_asked_for() -> None:
    content: ApologyWorkshop = _content(ApologyWorkshop)
    view = _workshop()
    assert is_hidden(view.example) and view.example.value == ""
    view.example_button.click()
    assert not is_hidden(view.example)
    assert content.example.split()[0] in view.example.value


def test_the_draft_comes_back_after_a_reload() -> None:
    stored = {
        "version": 1,
        "modules": {
            MODULE: {
                "activities": {"apology-workshop": {"gate": "continue"}},
                "reflections": {"apology-workshop": {DRAFT_NOTE: "We are sorry we did not ask you."}},
            }
        },
    }
    session = ModuleSession(MODULE, None)
    content: ApologyWorkshop = _content(ApologyWorkshop)
    rules = load_curriculum().module(MODULE).contents[content.rules]
    view = ApologyWorkshopActivity("apology-workshop", content, rules, ActivityTracker(session, "apology-workshop"))  # type: ignore[arg-type]
    session.restore(json.dumps(stored))
    assert view.body_built and view.draft.value == "We are sorry we did not ask you."


# repair planner ------------------------------------------------------------------------


class Downloads:
    def __init__(self) -> None:
        self.files: list[tuple[str, str, str]] = []

    def __call__(self, filename: str, mime: str, content: str) -> None:
        self.files.append((filename, mime, content))


def _planner(session: ModuleSession | None = None) -> tuple[RepairPlanner, Downloads]:
    content: RepairPlanContent = _content(RepairPlanContent)
    downloads = Downloads()
    tracker = ActivityTracker(session, "repair-planner") if session is not None else None
    planner = RepairPlanner("repair-planner", content, tracker, module_id=MODULE, download=downloads)
    planner.start_button.click()
    return planner, downloads


def test_the_form_is_built_when_the_trainee_starts_planning() -> None:
    content: RepairPlanContent = _content(RepairPlanContent)
    planner = RepairPlanner("repair-planner", content, None)
    assert planner.holder.children == () and not planner.started
    planner.start_button.click()
    assert planner.started and is_hidden(planner.start_button)
    assert planner.action in planner.holder.children


def _add(planner: RepairPlanner, part: str, action: str, who: str = "The director") -> None:
    planner.part.value = part
    planner.action.value = action
    planner.who.value = who
    planner.by_when.value = "Within a month"
    planner.consult.value = "Asked first, paid for her time"
    planner.add_button.click()


def test_a_suggestion_fills_the_form_for_the_trainee_to_adapt() -> None:
    planner, _ = _planner()
    suggestion = planner.content.suggestions[0]
    planner.suggestion.value = suggestion.id
    planner.use_suggestion.click()
    assert planner.action.value == suggestion.text
    assert (planner.part.value, planner.level.value) == (suggestion.part, suggestion.level)


def test_an_action_without_text_is_refused_and_the_form_keeps_what_was_typed() -> None:
    planner, _ = _planner()
    planner.who.value = "The board"
    planner.add_button.click()
    assert planner.plan.actions == ()
    assert "Write what will be done" in planner.form_status.value
    assert planner.who.value == "The board"


def test_a_too_long_field_is_refused_in_plain_words_and_nothing_is_lost() -> None:
    planner, _ = _planner()
    planner.action.value = "x" * 501
    planner.add_button.click()
    assert planner.plan.actions == () and "500" in planner.form_status.value
    assert planner.action.value == "x" * 501


def test_the_plan_table_escapes_typed_text_and_lists_what_is_still_open() -> None:
    planner, _ = _planner()
    _add(planner, "apology", f"Apologise in person {HOSTILE}")
    html = planner.plan_view.value
    assert HOSTILE not in html and "&lt;img" in html
    assert "Still open" in html and "changed behavior" in html.lower()
    assert planner.action.value == "", "the form is cleared for the next action"


def test_removing_an_action() -> None:
    planner, _ = _planner()
    _add(planner, "apology", "First")
    _add(planner, "repair", "Second")
    planner.remove_choice.value = 0
    planner.remove_button.click()
    assert [a.action for a in planner.plan.actions] == ["Second"]


def test_the_plan_downloads_as_markdown_and_as_a_printable_page() -> None:
    planner, downloads = _planner()
    assert planner.download_md.disabled, "nothing to download before the first action"
    _add(planner, "apology", f"Say sorry | in person {HOSTILE}")
    planner.download_md.click()
    planner.download_html.click()
    (md_name, md_mime, md_text), (html_name, html_mime, html_text) = downloads.files
    assert md_name.endswith(".md") and md_mime == "text/markdown" and "\\|" in md_text
    assert html_name.endswith(".html") and html_mime == "text/html"
    assert html_text.startswith("<!DOCTYPE html>") or "<html" in html_text
    assert HOSTILE not in html_text and "&lt;img" in html_text


def test_the_planner_counts_once_every_part_has_an_action_and_comes_back_after_reload() -> None:
    session = _session()
    planner, _ = _planner(session)
    parts = list(planner.part_names)
    for part in parts[:-1]:
        _add(planner, part, f"Action for {part}")
        assert not session.module_state.activity("repair-planner").done
    _add(planner, parts[-1], "Change the speaking policy for good")
    assert session.module_state.activity("repair-planner").done

    stored = json.dumps({"version": 1, "modules": {MODULE: session.module_state.model_dump(mode="json")}})
    later = ModuleSession(MODULE, None)
    again = RepairPlanner("repair-planner", planner.content, ActivityTracker(later, "repair-planner"))
    later.restore(stored)
    assert again.started, "a saved plan opens the planner by itself"
    assert [a.action for a in again.plan.actions] == [a.action for a in planner.plan.actions]
    assert "Change the speaking policy for good" in again.plan_view.value


# the whole page ------------------------------------------------------------------------


def test_the_page_follows_the_outline_and_one_broken_block_does_not_break_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = page.build_activity

    def broken(module_id: str, activity_id: str) -> Any:
        if activity_id == "leaders-fears":
            raise RuntimeError("boom")
        return real(module_id, activity_id)

    monkeypatch.setattr(page, "build_activity", broken)
    views = page.build_page(MODULE)
    assert isinstance(views[1], PageShell)
    kinds = [type(v).__name__ for v in views]
    assert "ApologyWorkshopActivity" in kinds and "RepairPlanner" in kinds
    texts = [getattr(v, "value", "") or str(getattr(v, "data", "")) for v in views]
    assert any("Something went wrong on our side" in t for t in texts)
    first = str(getattr(views[0], "data", ""))
    assert first.startswith('<div class="hr-static"><h1>')


def test_a_very_long_draft_is_read_up_to_a_limit_and_the_trainee_is_told() -> None:
    from widgets.apology import MAX_READ

    view = _workshop()
    view.draft.value = "I am sorry. " * 1000
    view.check_button.click()
    assert f"first {MAX_READ} characters only" in view.feedback_view.value
    assert view.draft.value == "I am sorry. " * 1000, "nothing the trainee wrote is cut"
