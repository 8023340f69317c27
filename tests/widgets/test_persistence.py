"""Progress and notes restored from the device, saved on every change, exported, cleared.

The browser side of DeviceStore is played here by setting its ``raw``/``loaded`` traits
(as the browser would on page open) and by capturing the messages sent to it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from curriculum.content import load_curriculum
from curriculum.stores import learner_state as ls
from widgets import page
from widgets.classification import ClassificationActivity
from widgets.escalation import EscalationActivity
from widgets.reflection import ReflectionActivity
from widgets.safe import is_hidden
from widgets.shell import PageShell

MODULE = "hurt-harm-abuse"


class Page:
    """A module page built the way the notebook builds it, with a fake browser."""

    def __init__(self) -> None:
        shell = page.build_shell(MODULE)
        assert isinstance(shell, PageShell)
        self.shell = shell
        self.store = shell.session.store
        assert self.store is not None
        self.sent: list[dict[str, Any]] = []
        self.store.send = self.sent.append  # type: ignore[method-assign]
        self.classify = page.build_activity(MODULE, "classify-vignettes")
        self.story = page.build_activity(MODULE, "hurt-to-pattern")
        self.notes = page.build_activity(MODULE, "reflect-on-practice")
        assert isinstance(self.classify, ClassificationActivity)
        assert isinstance(self.story, EscalationActivity)
        assert isinstance(self.notes, ReflectionActivity)

    def open_in_browser(self, stored: str = "") -> None:
        assert self.store is not None
        self.store.raw = stored
        self.store.loaded = True

    def stored(self) -> str:
        """What the browser would now hold for the whole curriculum."""
        assert self.store is not None
        return json.dumps({"version": 1, "modules": {MODULE: json.loads(self.store.module_json)}})


def test_nothing_is_written_before_the_device_has_answered() -> None:
    p = Page()
    assert isinstance(p.classify, ClassificationActivity)
    p.classify.gate.continue_button.click()
    assert p.store is not None and p.store.module_json == ""
    p.open_in_browser("")
    p.classify.choice.buttons["harm"].click()
    assert json.loads(p.store.module_json)["activities"]["classify-vignettes"]["choices"]


def test_a_reload_restores_choices_position_story_and_notes() -> None:
    first = Page()
    first.open_in_browser("")
    classify, story, notes = first.classify, first.story, first.notes
    assert isinstance(classify, ClassificationActivity) and isinstance(story, EscalationActivity)
    assert isinstance(notes, ReflectionActivity)
    classify.gate.continue_button.click()
    vignettes = classify.content.vignettes
    classify.choice.buttons["harm"].click()
    classify.next_button.click()
    classify.choice.buttons["abuse"].click()
    story.gate.continue_button.click()
    first_step = story.content.steps[0]
    story.choice.buttons[first_step.answer].click()
    story.next_button.click()
    prompt_id = next(iter(notes.boxes))
    notes.boxes[prompt_id].value = "Ask the team how stipends are paid."
    stored = first.stored()

    second = Page()
    second.open_in_browser(stored)
    classify2, story2, notes2 = second.classify, second.story, second.notes
    assert isinstance(classify2, ClassificationActivity) and isinstance(story2, EscalationActivity)
    assert isinstance(notes2, ReflectionActivity)
    assert not is_hidden(classify2.body), "the content note was answered: the activity is open"
    assert classify2.index == 1
    assert classify2.choices == {vignettes[0].id: "harm", vignettes[1].id: "abuse"}
    assert "You chose Abuse or exploitation" in classify2.feedback.value
    assert story2.step_index == 1
    assert first_step.label in story2.history.value
    assert notes2.boxes[prompt_id].value == "Ask the team how stipends are paid."
    assert "Welcome back" in second.shell.resume_text.value
    last_title = next(
        a.title for a in load_curriculum().module(MODULE).module.activities if a.id == "reflect-on-practice"
    )
    assert f"You stopped at “{last_title}”" in second.shell.resume_text.value
    assert second.store is not None
    assert second.store.module_json == "", "restoring alone writes nothing"


def test_done_activities_and_progress_come_back() -> None:
    first = Page()
    first.open_in_browser("")
    assert isinstance(first.classify, ClassificationActivity)
    first.classify.gate.skip_button.click()
    assert first.shell.progress == (1, 3)
    second = Page()
    second.open_in_browser(first.stored())
    assert second.shell.progress == (1, 3)
    assert isinstance(second.classify, ClassificationActivity)
    assert is_hidden(second.classify.body)
    assert "skipped" in second.classify.gate.status.value


def test_go_to_where_you_stopped_scrolls_to_that_activity() -> None:
    first = Page()
    first.open_in_browser("")
    assert isinstance(first.story, EscalationActivity)
    first.story.gate.continue_button.click()
    second = Page()
    second.open_in_browser(first.stored())
    second.shell.resume_button.click()
    assert {"type": "scroll", "selector": ".hr-activity-hurt-to-pattern"} in second.sent
    assert "hr-activity-hurt-to-pattern" in second.story._dom_classes  # type: ignore[union-attr]


def test_corrupt_store_shows_a_message_and_the_page_still_works() -> None:
    p = Page()
    p.open_in_browser("{definitely not json")
    assert "could not be read" in p.shell.restore_notice.value
    assert isinstance(p.classify, ClassificationActivity)
    p.classify.gate.continue_button.click()
    p.classify.choice.buttons["hurt"].click()
    assert p.store is not None and p.store.module_json, "a fresh start is saved again"


def test_newer_release_data_is_never_overwritten() -> None:
    p = Page()
    p.open_in_browser(json.dumps({"version": 7, "modules": {}}))
    assert p.store is not None and p.store.writable is False
    assert isinstance(p.classify, ClassificationActivity)
    p.classify.gate.continue_button.click()
    assert p.store.module_json == ""


@pytest.mark.parametrize("kind, mime", [("md", "text/markdown"), ("html", "text/html")])
def test_download_my_notes_sends_the_file_to_the_browser(kind: str, mime: str) -> None:
    p = Page()
    p.open_in_browser("")
    assert isinstance(p.notes, ReflectionActivity)
    next(iter(p.notes.boxes.values())).value = "SENTINEL note"
    button = p.shell.data_panel.download_md if kind == "md" else p.shell.data_panel.download_html
    button.click()
    message = p.sent[-1]
    assert message["type"] == "download" and message["mime"] == mime
    assert message["filename"] == f"harm-repair-notes-{MODULE}.{kind}"
    assert "SENTINEL note" in message["content"]


def test_clear_my_data_asks_first_then_clears_and_reloads() -> None:
    p = Page()
    p.open_in_browser("")
    panel = p.shell.data_panel
    panel.clear_button.click()
    assert not is_hidden(panel.confirm)
    assert p.sent == []
    panel.confirm_no.click()
    assert is_hidden(panel.confirm) and p.sent == []
    panel.clear_button.click()
    panel.confirm_yes.click()
    assert [m["type"] for m in p.sent] == ["clear", "reload"]


def test_start_over_forgets_only_this_module() -> None:
    p = Page()
    stored = json.dumps(
        {
            "version": 1,
            "modules": {
                "other-module": {"last_activity": "x1"},
                MODULE: {"activities": {"hurt-to-pattern": {"done": True}}, "last_activity": "hurt-to-pattern"},
            },
        }
    )
    p.open_in_browser(stored)
    p.shell.resume_start_over.click()
    p.shell.data_panel.confirm_yes.click()
    assert p.store is not None
    assert json.loads(p.store.module_json) == json.loads(ls.ModuleState().model_dump_json())
    assert "other-module" in p.shell.session.state.modules
    assert p.sent[-1] == {"type": "reload"}


def test_landing_shows_progress_per_module_from_the_device() -> None:
    landing = page.build_landing()
    shell = landing.children[0]  # type: ignore[attr-defined]
    store = shell.session.store
    store.raw = json.dumps({"version": 1, "modules": {MODULE: {"activities": {"hurt-to-pattern": {"done": True}}}}})
    store.loaded = True
    assert "Your progress on this device: 1 of 3 activities done." in landing.children[1].value  # type: ignore[attr-defined]


def test_landing_says_nothing_about_a_module_that_was_started_over() -> None:
    landing = page.build_landing()
    store = landing.children[0].session.store  # type: ignore[attr-defined]
    store.raw = json.dumps({"version": 1, "modules": {MODULE: {}}})
    store.loaded = True
    assert "Your progress on this device" not in landing.children[1].value  # type: ignore[attr-defined]


def test_under_jupyterhub_progress_follows_the_user_but_notes_stay_on_the_device(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "trainee-7")
    monkeypatch.setenv("HARM_REPAIR_PROGRESS_DIR", str(tmp_path))
    laptop = Page()
    laptop.open_in_browser("")
    assert isinstance(laptop.classify, ClassificationActivity) and isinstance(laptop.notes, ReflectionActivity)
    laptop.classify.gate.skip_button.click()
    next(iter(laptop.notes.boxes.values())).value = "PRIVATE-NOTE-on-the-laptop"
    saved = (tmp_path / "progress.json").read_text()
    assert "classify-vignettes" in saved
    assert "PRIVATE-NOTE-on-the-laptop" not in saved

    phone = Page()
    phone.open_in_browser("")  # a new device: nothing in its browser
    assert phone.shell.progress == (1, 3)
    assert isinstance(phone.notes, ReflectionActivity)
    assert all(box.value == "" for box in phone.notes.boxes.values())


def test_without_jupyterhub_nothing_is_written_on_the_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.setenv("HARM_REPAIR_PROGRESS_DIR", str(tmp_path))
    p = Page()
    p.open_in_browser("")
    assert isinstance(p.classify, ClassificationActivity)
    p.classify.gate.skip_button.click()
    assert list(tmp_path.iterdir()) == []
