"""The facilitator page through its Python API, with trainees played by the session store.

The browser side of the page's DeviceStore is played by capturing what is sent to it
(downloads) and by calling ``tick()`` as the browser's timer would.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest

from curriculum.content import load_curriculum
from curriculum.live_polls import poll_templates
from curriculum.render import escape
from curriculum.schema import Classification
from curriculum.stores.live import MAX_FREE_TEXT_CHARS, Joined, LiveStore
from widgets import live_common, page
from widgets.facilitator import PRESENTER_CLASS, FacilitatorPage
from widgets.live_common import FACILITATOR_TICK_SECONDS, use_store
from widgets.safe import is_hidden

MODULE = "hurt-harm-abuse"
HOSTILE = '<script>alert("x")</script>'


class Facilitator:
    """The page as the notebook builds it, with the browser's downloads captured."""

    def __init__(self, module_id: str = MODULE, *, written: bool = False) -> None:
        view = page.build_facilitator()
        assert isinstance(view, FacilitatorPage)
        self.page = view
        self.sent: list[dict[str, Any]] = []
        view.device.send = self.sent.append  # type: ignore[method-assign]
        view.module_choice.value = module_id
        view.free_text_choice.value = written

    def start(self) -> FacilitatorPage:
        self.page.start_button.click()
        assert self.page.session_id is not None, self.page.start_status.value
        return self.page

    def downloads(self) -> list[dict[str, Any]]:
        return [m for m in self.sent if m.get("type") == "download"]


def _join(store: LiveStore, view: FacilitatorPage, n: int) -> list[Joined]:
    return [store.join(view.join_code) for _ in range(n)]


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_starting_a_session_shows_the_code_large_and_the_key_once(store: LiveStore) -> None:
    f = Facilitator()
    view = f.page
    assert not is_hidden(view.start_box) and is_hidden(view.session_box)
    assert view.free_text_choice.value is False, "written answers are off by default"
    view = f.start()
    assert re.fullmatch(r"[A-Z2-9]{6}", view.join_code)
    assert 'class="hr-join-code"' in view.code_html.value
    assert " ".join(view.join_code) in view.code_html.value, "letters spaced for reading aloud"
    assert "Join code" in view.code_html.value
    assert is_hidden(view.start_box) and not is_hidden(view.session_box)
    key = view._key
    assert key and key in view.key_html.value
    assert "Keep this key to manage the session. It will not be shown again." in view.key_html.value
    assert store.check_key(view.session_id or "", key)
    view.hide_key_button.click()
    assert key not in view.key_html.value and is_hidden(view.hide_key_button)
    assert view.device.tick_seconds == FACILITATOR_TICK_SECONDS
    assert view.notice.value == ""


def test_counts_refresh_on_each_tick_and_name_nobody(store: LiveStore) -> None:
    view = Facilitator().start()
    assert "0 trainees joined" in view.counts.value and 'role="status"' in view.counts.value
    joined = _join(store, view, 3)
    assert "0 trainees joined" in view.counts.value, "nothing changes until the browser ticks"
    view.device.tick()
    assert "3 trainees joined" in view.counts.value
    assert "0 “I need a moment” signals" in view.counts.value
    store.signal_moment(joined[0].session_id, joined[0].token)
    view.refresh_button.click()
    assert "1 “I need a moment” signal." in view.counts.value


def test_the_poll_list_follows_the_module_and_opens_the_chosen_poll(store: LiveStore) -> None:
    view = Facilitator().start()
    templates = poll_templates(load_curriculum().module(MODULE))
    assert [label for label, _value in view.poll_choice.options] == [t.title for t in templates]
    view.poll_choice.value = "1"
    view.open_button.click()
    poll = store.current_poll(view.session_id or "")
    assert poll is not None and poll.question == templates[1].question
    assert [o.id for o in poll.options] == ["hurt", "harm", "abuse", "prefer-not"]
    assert not poll.free_text, "written answers are off unless the facilitator allows them"
    assert "Open:" in view.poll_status.value and "0 answers so far" in view.poll_status.value
    # Opening another closes the first.
    view.poll_choice.value = "2"
    view.open_button.click()
    second = store.current_poll(view.session_id or "")
    assert second is not None and second.poll_id != poll.poll_id


def test_results_are_revealed_only_from_k_answers_with_bars_and_a_table(store: LiveStore) -> None:
    view = Facilitator().start()
    trainees = _join(store, view, 6)
    view.open_button.click()
    assert view.poll_id is not None
    for trainee, option in zip(trainees[:3], ["harm", "harm", "hurt"], strict=True):
        store.answer(view.poll_id, trainee.token, option)
    view.device.tick()
    assert "3 answers so far" in view.poll_status.value
    view.reveal_button.click()
    assert "too few answers to show safely" in view.results.value.lower()
    assert "<table" not in view.results.value and "hr-bar" not in view.results.value
    store.answer(view.poll_id, trainees[3].token, "abuse")
    store.answer(view.poll_id, trainees[4].token, "prefer-not")
    view.device.tick()
    assert view.results.value.lower().count("too few") == 1, "a tick never reveals results by itself"
    view.reveal_button.click()
    html = view.results.value
    assert 'style="width:40%"' in html and 'class="hr-bar-count">2<' in html
    table = html[html.index("<table") :]
    assert "<caption>" in table and '<th scope="row">Harm</th><td class="num">2</td>' in table
    assert '<th scope="row">Prefer not to answer</th><td class="num">1</td>' in table
    assert "5 answers in all" in table
    view.close_button.click()
    assert "Closed:" in view.poll_status.value and store.current_poll(view.session_id or "") is None


def test_written_answers_are_escaped_and_can_be_hidden(store: LiveStore) -> None:
    view = Facilitator(written=True).start()
    assert not is_hidden(view.poll_free_text)
    view.poll_free_text.value = True
    view.open_button.click()
    assert view.poll_id is not None
    trainees = _join(store, view, 5)
    for number, trainee in enumerate(trainees):
        store.answer(view.poll_id, trainee.token, "harm", HOSTILE if number == 0 else f"Answer {number}")
    view.reveal_button.click()
    rows = view.free_text_box.children
    shown = "".join(getattr(child, "value", "") for row in rows for child in getattr(row, "children", [row]))
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    hide_buttons = [
        b for row in rows for b in getattr(row, "children", []) if getattr(b, "description", "")[:4] == "Hide"
    ]
    assert len(hide_buttons) == 5
    hostile_row = next(row for row in rows if "&lt;script&gt;" in getattr(row, "children", [row])[0].value)
    hostile_row.children[1].click()
    after = "".join(
        getattr(child, "value", "") for row in view.free_text_box.children for child in getattr(row, "children", [row])
    )
    assert "script" not in after and "1 written answer is hidden." in after
    assert view.notice.value == ""


def test_written_answers_cannot_be_asked_for_when_the_session_does_not_allow_them(store: LiveStore) -> None:
    view = Facilitator().start()
    assert is_hidden(view.poll_free_text)
    view.poll_free_text.value = True  # even if the browser sets the hidden checkbox
    view.open_button.click()
    poll = store.current_poll(view.session_id or "")
    assert poll is not None and not poll.free_text


def test_send_everyone_to_an_activity_then_let_them_self_pace(store: LiveStore) -> None:
    view = Facilitator().start()
    session_id = view.session_id or ""
    assert "own pace" in view.pace_status.value
    view.pace_choice.value = "hurt-to-pattern"
    view.send_button.click()
    assert store.pace(session_id) == "hurt-to-pattern"
    assert "From a rushed weekend to a pattern" in view.pace_status.value
    view.self_pace_button.click()
    assert store.pace(session_id) is None and "own pace" in view.pace_status.value


def test_presenter_view_shows_the_prompt_and_never_the_answer(store: LiveStore) -> None:
    view = Facilitator().start()
    view.presenter_button.click()
    assert PRESENTER_CLASS in view._dom_classes and not is_hidden(view.stage)
    assert "Waiting for the next activity" in view.stage_html.value
    assert "Hurt, harm and abuse" in view.stage_html.value
    vignette = next(c for c in load_curriculum().module(MODULE).contents.values() if isinstance(c, Classification))
    first = vignette.vignettes[0]
    view.open_button.click()
    stage = _text(view.stage_html.value)
    assert first.title in stage and first.text.split()[0] in stage
    for secret in (first.feedback.intention, first.feedback.impact, first.feedback.nuance):
        assert secret not in stage
    assert "Reveal" not in stage and "answers so far" not in stage
    view.close_button.click()
    assert "Waiting for the next activity" in view.stage_html.value
    view.leave_presenter_button.click()
    assert PRESENTER_CLASS not in view._dom_classes and is_hidden(view.stage)


def test_the_guide_downloads_as_a_printable_page(store: LiveStore) -> None:
    f = Facilitator()
    f.page.guide_button.click()
    (download,) = f.downloads()
    assert download["filename"] == f"facilitator-guide-{MODULE}.html" and download["mime"] == "text/html"
    assert "<h1>" in download["content"] and "Distress and disclosure protocol" in download["content"]


def test_a_missing_guide_gets_a_plain_message(
    store: LiveStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HARM_REPAIR_GUIDES", str(tmp_path / "no-guides"))
    f = Facilitator()
    f.page.guide_button.click()
    assert f.downloads() == []
    assert "not available" in f.page.guide_status.value and f.page.notice.value == ""


def test_ending_asks_first_then_keeps_only_totals_for_the_csv(store: LiveStore) -> None:
    f = Facilitator(written=True)
    view = f.start()
    trainees = _join(store, view, 5)
    view.poll_free_text.value = True
    view.open_button.click()
    assert view.poll_id is not None
    for trainee, option in zip(trainees, ["hurt", "harm", "harm", "abuse", "harm"], strict=True):
        store.answer(view.poll_id, trainee.token, option, "a private thought")
    view.end_button.click()
    assert not is_hidden(view.end_confirm) and store.is_running(view.session_id or "")
    view.end_no.click()
    assert is_hidden(view.end_confirm) and store.is_running(view.session_id or "")
    view.end_button.click()
    view.end_yes.click()
    assert not store.is_running(view.session_id or "")
    assert "only the totals are kept" in view.end_status.value
    assert view.device.tick_seconds == 0 and is_hidden(view.polls_box)
    assert store.participant_count(view.session_id or "") == 0
    view.csv_button.click()
    (download,) = f.downloads()
    assert download["mime"] == "text/csv" and download["filename"].endswith(".csv")
    rows = list(csv.reader(io.StringIO(download["content"])))
    assert rows[0] == ["activity", "question", "option", "count"]
    counts = {row[2]: row[3] for row in rows[1:]}
    assert counts == {"Hurt": "1", "Harm": "3", "Abuse or exploitation": "1", "Prefer not to answer": "0"}
    assert "a private thought" not in download["content"]
    assert not any(trainee.token in download["content"] for trainee in trainees)


def test_a_store_refusal_is_shown_in_plain_words(store: LiveStore) -> None:
    view = Facilitator().start()
    store.end_session(view.session_id or "", view._key)  # ended elsewhere (another tab, or the expiry)
    view.send_button.click()
    assert "This session has ended." in view.pace_status.value and view.notice.value == ""
    view.device.tick()
    assert "ended" in view.end_status.value and not is_hidden(view.csv_button)


def test_the_page_opens_without_a_store_call_and_lists_registry_modules_only() -> None:
    use_store(None)
    view = page.build_facilitator()
    assert isinstance(view, FacilitatorPage)
    registry = load_curriculum().registry
    assert registry is not None
    assert [value for _label, value in view.module_choice.options] == [m.id for m in registry.modules]
    assert "hr-root" in view._dom_classes
    assert live_common._store is None, "the database is opened when a session starts, not before"


def _all_html(widget: Any) -> str:
    """Every HTML string the page sends to the browser, from every widget under ``widget``."""
    own = getattr(widget, "value", "")
    parts = [own] if isinstance(own, str) else []
    for child in getattr(widget, "children", ()):
        parts.append(_all_html(child))
    return "\n".join(parts)


def test_hostile_long_and_non_latin_written_answers_are_escaped_cut_and_kept_intact(store: LiveStore) -> None:
    script = "<script>alert(1)</script>"
    image = "<img src=x onerror=alert(1)>"
    long_text = ("Well" + "<b>loud</b> & " * 400)[:5000]  # markup to escape all along; the cap falls mid-tag
    arabic, chinese, emoji = "هذا أذى وليس مجرد خطأ", "这是伤害，不只是误会。", "I felt 💔 and 😶‍🌫️ afterwards"
    written = [script, image, long_text, arabic, chinese, emoji]
    view = Facilitator(written=True).start()
    view.poll_free_text.value = True
    view.open_button.click()
    assert view.poll_id is not None
    for trainee, text in zip(_join(store, view, len(written)), written, strict=True):
        store.answer(view.poll_id, trainee.token, "harm", text)
    view.device.tick()
    view.reveal_button.click()
    assert view.notice.value == ""

    # The store caps a written answer at MAX_FREE_TEXT_CHARS and keeps the rest of it as typed.
    kept = long_text[:MAX_FREE_TEXT_CHARS]
    assert len(long_text) == 5000 and MAX_FREE_TEXT_CHARS == 1000
    stored = sorted(t.text for t in store.free_texts(view.poll_id, view._key))
    assert stored == sorted([script, image, kept, arabic, chinese, emoji])

    html = _all_html(view)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    quotes = [
        child.value
        for row in view.free_text_box.children
        for child in getattr(row, "children", ())
        if 'class="hr-written"' in getattr(child, "value", "")
    ]
    assert len(quotes) == len(written), "one quote per written answer, the long one included"
    # The long answer is shown cut where the store cut it, escaped whole, in one well-formed quote.
    long_quote = f'<blockquote class="hr-written"><p>{escape(kept)}</p></blockquote>'
    assert long_quote in quotes
    assert kept.endswith("<b") and long_quote.endswith("&lt;b</p></blockquote>"), "cut mid-tag, still escaped"
    assert escape(long_text[: MAX_FREE_TEXT_CHARS + 1]) not in html
    # Non-Latin text and emoji (with its zero-width joiner) reach the page as typed, not as entities.
    for text in (arabic, chinese, emoji):
        assert f'<blockquote class="hr-written"><p>{text}</p></blockquote>' in quotes
