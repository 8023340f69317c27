"""Widgets driven through their Python API, as a trainee's clicks would drive them."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import pytest
import yaml

from curriculum.content import load_curriculum
from curriculum.render import escape
from curriculum.schema import Classification
from widgets import page
from widgets.classification import ClassificationActivity
from widgets.escalation import EscalationActivity
from widgets.reflection import ReflectionActivity
from widgets.safe import ErrorNotice, guarded, is_hidden
from widgets.shell import BREAK_CLASS, PageShell

MODULE = "hurt-harm-abuse"


def all_widgets(root: w.Widget) -> Iterator[w.Widget]:
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)


def synced_text(root: w.Widget) -> str:
    """Everything the browser can read: the synced state of every widget in the tree."""
    return json.dumps([x.get_state() for x in all_widgets(root)], default=str)


@pytest.fixture
def shell() -> PageShell:
    built = page.build_shell(MODULE)
    assert isinstance(built, PageShell)
    return built


def test_shell_shows_title_and_progress(shell: PageShell) -> None:
    assert "Hurt, harm and abuse" in shell.header.value
    assert "0 of 3 activities done" in shell.header.value
    assert shell.progress == (0, 3)


def test_take_a_break_hides_content_and_offers_grounding_and_support(shell: PageShell) -> None:
    shell.break_button.click()
    assert BREAK_CLASS in shell._dom_classes
    assert not is_hidden(shell.break_panel)
    assert not is_hidden(shell.support)
    assert "988" in shell.support.value
    assert is_hidden(shell.grounding)
    shell.grounding_button.click()
    assert not is_hidden(shell.grounding)
    shell.back_button.click()
    assert BREAK_CLASS not in shell._dom_classes
    assert is_hidden(shell.break_panel)
    assert is_hidden(shell.support)


def test_support_panel_lists_every_resource_with_its_details(shell: PageShell) -> None:
    shell.support_button.click()
    resources = load_curriculum().resources
    assert resources is not None
    for resource in resources.resources:
        assert resource.name in shell.support.value
        assert resource.last_verified.isoformat() in shell.support.value
    assert 'href="tel:1-888-373-7888"' in shell.support.value
    shell.support_button.click()
    assert is_hidden(shell.support)


def test_every_button_has_an_accessible_name(shell: PageShell) -> None:
    activity = page.build_activity(MODULE, "classify-vignettes")
    assert activity is not None
    for root in (shell, activity):
        for widget in all_widgets(root):
            if isinstance(widget, w.Button):
                assert widget.description.strip(), widget
            if isinstance(widget, w.Textarea):
                assert widget.description.strip()


def _classification(shell: PageShell) -> ClassificationActivity:
    built = page.build_activity(MODULE, "classify-vignettes")
    assert isinstance(built, ClassificationActivity)
    return built


def test_answer_and_feedback_are_not_sent_to_the_browser_before_a_choice(shell: PageShell) -> None:
    activity = _classification(shell)
    activity.gate.continue_button.click()
    vignette = activity.vignette
    text = synced_text(activity)
    assert vignette.feedback.intention not in text
    assert vignette.feedback.nuance not in text
    activity.choice.buttons[vignette.answer].click()
    assert vignette.feedback.intention in synced_text(activity)


def test_classifying_gives_feedback_through_the_three_dimensions(shell: PageShell) -> None:
    activity = _classification(shell)
    assert is_hidden(activity.body), "the content note comes first"
    activity.gate.continue_button.click()
    assert not is_hidden(activity.body)
    wrong = next(level for level in ("hurt", "harm", "abuse") if level != activity.vignette.answer)
    activity.choice.buttons[wrong].click()
    feedback = activity.feedback.value
    for label in ("Intention", "Incident or pattern", "Impact", "Room for nuance"):
        assert label in feedback
    assert "The framework points to" in feedback
    assert activity.choice.buttons[wrong].button_style == "info"


def test_working_through_every_situation_completes_the_activity(shell: PageShell) -> None:
    activity = _classification(shell)
    activity.gate.continue_button.click()
    content = activity.content
    for i, vignette in enumerate(content.vignettes):
        assert f"Situation {i + 1} of {len(content.vignettes)}" in activity.situation.value
        activity.choice.buttons[vignette.answer if i else "hurt"].click()
        activity.next_button.click()
    assert shell.progress == (1, 3)
    assert f"all {len(content.vignettes)} situations" in activity.ending.value
    activity.previous_button.click()
    assert activity.feedback.value, "going back shows the earlier choice's feedback again"


@pytest.mark.parametrize("choice", ["skip", "summary"])
def test_skipping_or_reading_the_summary_never_blocks_completion(shell: PageShell, choice: str) -> None:
    activity = _classification(shell)
    button = activity.gate.skip_button if choice == "skip" else activity.gate.summary_button
    button.click()
    assert shell.progress == (1, 3)
    assert is_hidden(activity.body)
    if choice == "summary":
        assert not is_hidden(activity.gate.summary)
    activity.gate.reopen_button.click()
    assert not is_hidden(activity.body)


def test_escalation_story_plays_to_its_closing(shell: PageShell) -> None:
    built = page.build_activity(MODULE, "hurt-to-pattern")
    assert isinstance(built, EscalationActivity)
    built.gate.continue_button.click()
    for step in built.content.steps:
        assert step.label in built.step.value
        built.next_button.click()  # nothing happens before a choice
        assert step.label in built.step.value
        built.choice.buttons[step.answer].click()
        assert escape(step.interruption) in built.feedback.value
        built.next_button.click()
    assert built.finished
    assert shell.progress == (1, 3)


def test_reflections_are_private_and_never_logged(shell: PageShell, caplog: pytest.LogCaptureFixture) -> None:
    built = page.build_activity(MODULE, "reflect-on-practice")
    assert isinstance(built, ReflectionActivity)
    sentinel = "SENTINEL-private-note-7731"
    with caplog.at_level(logging.DEBUG):
        for box in built.boxes.values():
            box.value = sentinel
        built.done_button.click()
    assert sentinel not in caplog.text
    assert "not saved" in synced_text(built)
    assert shell.progress == (1, 3)


def test_a_failing_callback_shows_a_kind_message_and_logs_on_the_server(caplog: pytest.LogCaptureFixture) -> None:
    notice = ErrorNotice()
    button = w.Button(description="Boom")

    @guarded(notice, "boom")
    def explode(_b: object) -> None:
        typed = "".join(["SENTINEL", "-typed-", "text"])  # exists only at run time, not in the source
        raise ZeroDivisionError(typed)

    button.on_click(explode)
    with caplog.at_level(logging.ERROR, logger="harm_repair"):
        button.click()
    assert "Something went wrong on our side" in notice.value
    assert "Traceback" not in notice.value and "SENTINEL-typed-text" not in notice.value
    assert "ZeroDivisionError" in caplog.text
    assert "explode" in caplog.text, "the log says where it happened"
    assert "SENTINEL-typed-text" not in caplog.text, "messages can quote what a trainee typed: never logged"


def test_hostile_text_in_content_is_escaped(content_copy: Path, use_content) -> None:  # type: ignore[no-untyped-def]
    path = content_copy / "hurt-harm-abuse" / "vignettes.yaml"
    data = yaml.safe_load(path.read_text())
    data["vignettes"][0]["title"] = '<img src=x onerror="alert(1)">'
    data["vignettes"][0]["text"] = "Plain <script>alert(2)</script> text"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    use_content(content_copy)
    built = page.build_activity(MODULE, "classify-vignettes")
    assert isinstance(built, ClassificationActivity)
    built.gate.continue_button.click()
    assert "<img" not in built.situation.value and "&lt;img" in built.situation.value
    assert "<script" not in built.situation.value


def test_landing_lists_modules_with_purpose_objectives_and_time() -> None:
    landing = page.build_landing()
    assert isinstance(landing, w.VBox)
    html = landing.children[1].value
    assert "Support and help" in synced_text(landing)
    module = load_curriculum().module(MODULE).module
    assert f'href="{MODULE}.ipynb"' in html
    assert module.purpose in html
    assert module.objectives[0] in html
    assert "minutes" in html


def test_a_broken_module_shows_a_friendly_message_and_others_keep_working(
    content_copy: Path,
    use_content,  # type: ignore[no-untyped-def]
) -> None:
    vignettes = content_copy / "hurt-harm-abuse" / "vignettes.yaml"
    vignettes.write_text(vignettes.read_text().replace("answer: hurt", "answer: maybe", 1))
    use_content(content_copy)
    shell = page.build_shell(MODULE)
    assert isinstance(shell, w.HTML)
    assert "cannot open right now" in shell.value
    assert page.build_activity(MODULE, "classify-vignettes") is None
    assert "being fixed" in synced_text(page.build_landing())


def test_classification_content_type_is_what_the_module_uses() -> None:
    bundle = load_curriculum().module(MODULE)
    assert isinstance(bundle.activity("classify-vignettes")[1], Classification)
