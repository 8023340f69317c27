"""A facilitator takes a running session back with its join code and key (after a reload)."""

from __future__ import annotations

from curriculum.stores.live import LiveStore
from widgets import page
from widgets.facilitator import FacilitatorPage
from widgets.safe import is_hidden

MODULE = "hurt-harm-abuse"


def _fresh_page() -> FacilitatorPage:
    view = page.build_facilitator()
    assert isinstance(view, FacilitatorPage)
    return view


def test_the_same_session_comes_back_with_its_open_poll_and_the_key_stays_hidden(store: LiveStore) -> None:
    first = _fresh_page()
    first.module_choice.value = MODULE
    first.start_button.click()
    code, key = first.join_code, first._key
    first.open_button.click()
    trainee = store.join(code)
    assert first.poll_id is not None
    store.answer(first.poll_id, trainee.token, "harm")

    again = _fresh_page()  # the facilitator reloaded the page
    again.resume_code.value = code.lower()
    again.resume_key.value = key
    again.resume_button.click()
    assert again.session_id == first.session_id and again.module_id == MODULE
    assert is_hidden(again.start_box) and is_hidden(again.resume_box) and not is_hidden(again.session_box)
    assert key not in again.key_html.value and again.resume_key.value == ""
    assert again.poll_id == first.poll_id and again.poll_open
    assert "1 answer" in again.poll_status.value


def test_a_wrong_key_is_refused_without_saying_whether_the_code_exists(store: LiveStore) -> None:
    first = _fresh_page()
    first.module_choice.value = MODULE
    first.start_button.click()
    view = _fresh_page()
    view.resume_code.value = first.join_code
    view.resume_key.value = "not the key"
    view.resume_button.click()
    wrong_key = view.resume_status.value
    view.resume_code.value = "ZZZZZZ"
    view.resume_button.click()
    assert view.session_id is None
    assert wrong_key == view.resume_status.value != ""
