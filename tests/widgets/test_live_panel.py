"""A trainee's side of a live session, through the Python API, on a throw-away SQLite store."""

from __future__ import annotations

from typing import Any

from curriculum.stores.live import LiveStore, NewSession
from widgets import page
from widgets.live_common import TICK_SECONDS
from widgets.live_panel import LivePanel, PollView
from widgets.safe import is_hidden
from widgets.shell import PageShell

MODULE = "hurt-harm-abuse"
OPTIONS = [("hurt", "Hurt"), ("harm", "Harm"), ("abuse", "Abuse or exploitation")]


class Trainee:
    """A module page as the notebook builds it, with the browser's messages captured."""

    def __init__(self) -> None:
        views = page.build_page(MODULE)
        shell = next(v for v in views if isinstance(v, PageShell))
        self.shell = shell
        self.device = shell.session.store
        assert self.device is not None
        self.sent: list[dict[str, Any]] = []
        self.device.send = self.sent.append  # type: ignore[method-assign]
        shell.live_button.click()
        panel = shell.live.children[0]
        assert isinstance(panel, LivePanel)
        self.panel = panel

    def join(self, code: str) -> None:
        self.panel.code.value = code
        self.panel.join_button.click()

    def tick(self) -> None:
        assert self.device is not None
        self.device.tick()


def test_the_live_panel_is_built_only_when_opened() -> None:
    views = page.build_page(MODULE)
    shell = next(v for v in views if isinstance(v, PageShell))
    assert "live" not in shell.__dict__
    slots = page._poll_slots[MODULE]
    assert set(slots) == {"classify-vignettes", "hurt-to-pattern"}
    assert all(is_hidden(slot) and slot.children == () for slot in slots.values())


def test_joining_by_code_starts_the_ticks(store: LiveStore) -> None:
    new = store.create_session(MODULE)
    trainee = Trainee()
    trainee.join(f" {new.join_code.lower()} ")
    assert trainee.device is not None and trainee.device.tick_seconds == TICK_SECONDS
    assert is_hidden(trainee.panel.join_form) and not is_hidden(trainee.panel.session_box)
    assert store.participant_count(new.session_id) == 1


def test_a_bad_code_or_another_modules_code_is_explained(store: LiveStore) -> None:
    other = store.create_session("unhealthy-attachment")
    trainee = Trainee()
    trainee.join("ZZZZZZ")
    assert "code" in trainee.panel.join_status.value.lower()
    trainee.join(other.join_code)
    assert "another module" in trainee.panel.join_status.value
    assert trainee.panel.joined is None


def _open(store: LiveStore, new: NewSession, activity: str = "classify-vignettes") -> int:
    return store.open_poll(new.session_id, new.facilitator_key, activity, "Is this hurt, harm or abuse?", OPTIONS)


def test_a_poll_appears_under_its_activity_and_the_answer_can_change_until_it_closes(store: LiveStore) -> None:
    new = store.create_session(MODULE)
    trainee = Trainee()
    trainee.join(new.join_code)
    poll_id = _open(store, new)
    trainee.tick()
    slot = page._poll_slots[MODULE]["classify-vignettes"]
    assert not is_hidden(slot)
    view = slot.children[0]
    assert isinstance(view, PollView)
    assert [b.description for b in view.buttons.values()][-1] == "Prefer not to answer"
    assert "A poll is open under" in trainee.panel.news.value

    view.buttons["harm"].click()
    view.buttons["abuse"].click()
    assert store.my_answer(poll_id, trainee.panel.joined.token) == "abuse"  # type: ignore[union-attr]
    assert "You can change it" in view.status.value

    trainee.panel.go_button.click()
    assert {"type": "scroll", "selector": ".hr-poll-classify-vignettes"} in trainee.sent

    store.close_poll(poll_id, new.facilitator_key)
    trainee.tick()
    assert view.closed and all(b.disabled for b in view.buttons.values())
    assert "closed" in view.status.value


def test_the_facilitator_moves_the_room_and_the_trainee_is_offered_the_way(store: LiveStore) -> None:
    new = store.create_session(MODULE)
    trainee = Trainee()
    trainee.join(new.join_code)
    store.set_pace(new.session_id, new.facilitator_key, "hurt-to-pattern")
    trainee.tick()
    assert "moved the group" in trainee.panel.news.value
    trainee.panel.go_button.click()
    assert {"type": "scroll", "selector": ".hr-activity-hurt-to-pattern"} in trainee.sent
    store.set_pace(new.session_id, new.facilitator_key, None)
    trainee.tick()
    assert "own pace" in trainee.panel.news.value


def test_i_need_a_moment_is_counted_without_identity_and_paused(store: LiveStore) -> None:
    new = store.create_session(MODULE)
    trainee = Trainee()
    trainee.join(new.join_code)
    trainee.panel.moment_button.click()
    assert store.moment_count(new.session_id, new.facilitator_key) == 1
    assert trainee.panel.moment_button.disabled
    assert "without your name" in trainee.panel.news.value


def test_when_the_session_ends_the_page_leaves_it_and_keeps_progress(store: LiveStore) -> None:
    new = store.create_session(MODULE)
    trainee = Trainee()
    trainee.join(new.join_code)
    store.end_session(new.session_id, new.facilitator_key)
    trainee.tick()
    assert trainee.panel.joined is None
    assert trainee.device is not None and trainee.device.tick_seconds == 0
    assert "has ended" in trainee.panel.join_status.value
    assert not is_hidden(trainee.panel.join_form)
