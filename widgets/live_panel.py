"""A trainee's side of a live session: join by code, answer polls in place, "I need a moment".

Nothing here names the trainee: the store knows a random token only, and the page keeps
it in kernel memory (a reload means joining again). Polls appear in the slot placed after
their activity (see ``widgets.page.build_page``); the panel in the page's header says one
is open and offers to go there. The browser asks for news every few seconds while the
trainee is in a session (``DeviceStore.tick_seconds``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from curriculum.i18n import _
from curriculum.render import escape

from . import ui
from .live_common import TICK_SECONDS, live_store
from .safe import ErrorNotice, button, guarded, hidden

if TYPE_CHECKING:
    from curriculum.stores.live import Joined, OpenPoll

    from .device_store import DeviceStore

PREFER_NOT = "prefer-not"
MOMENT_PAUSE_TICKS = 20
"""Ticks (about a minute) before "I need a moment" can be pressed again; the store keeps no identity."""


def _status(text: str) -> str:
    return f'<p role="status">{escape(text)}</p>'


class PollView(w.VBox):
    """One open poll: the question, an answer button per option, and the trainee's current answer."""

    def __init__(self, poll: OpenPoll, joined: Joined, notice: ErrorNotice) -> None:
        self.poll = poll
        self.joined = joined
        self.chosen: str | None = None
        self.closed = False
        self.question = ui.html(
            f'<div class="hr-panel"><h4>{escape(_("Live poll"))}</h4><p>{escape(poll.question)}</p>'
            f'<p class="hr-note">{escape(_("Answers are anonymous. Nobody sees who chose what."))}</p></div>'
        )
        self.buttons: dict[str, w.Button] = {}
        for option in poll.options:
            label = _("Prefer not to answer") if option.id == PREFER_NOT else option.label
            b = button(label)
            b.on_click(guarded(notice, "poll answer")(lambda _b, oid=option.id: self.choose(oid)))
            self.buttons[option.id] = b
        self.own = ui.textarea(_("Your written answer (optional)"), shape="full-width") if poll.free_text else None
        self.status = ui.html()
        choices = ui.vbox(list(self.buttons.values()))
        choices.add_class("hr-choice-list")
        children: list[w.Widget] = [self.question, choices]
        if self.own is not None:
            children.append(self.own)
        children.append(self.status)
        super().__init__(children, **ui.shared())
        self.add_class("hr-live-poll")
        try:
            self._mark(live_store().my_answer(poll.poll_id, joined.token))
        except Exception:  # a missing earlier answer is nothing to report
            self._mark(None)

    def choose(self, option_id: str) -> None:
        from curriculum.stores.live import LiveError

        if self.closed:
            return
        text = self.own.value if self.own is not None else None
        try:
            live_store().answer(self.poll.poll_id, self.joined.token, option_id, text or None)
        except LiveError as problem:
            self.status.value = _status(_(str(problem)))
            return
        self._mark(option_id)

    def _mark(self, option_id: str | None) -> None:
        self.chosen = option_id
        for oid, b in self.buttons.items():
            b.button_style = "info" if oid == option_id else ""
        if option_id is not None:
            label = self.buttons[option_id].description
            self.status.value = _status(
                _("Your answer: {label}. You can change it until the poll closes.").format(label=label)
            )

    def mark_closed(self) -> None:
        """The facilitator closed the poll: answers are kept, buttons are switched off."""
        self.closed = True
        for b in self.buttons.values():
            b.disabled = True
        if self.own is not None:
            self.own.disabled = True
        self.status.value = _status(_("This poll is closed. Thank you."))


class LivePanel(w.VBox):
    """The header's live-session panel of a module page."""

    def __init__(
        self,
        module_id: str,
        store: DeviceStore | None,
        slots: dict[str, w.VBox],
        activity_titles: dict[str, str],
        notice: ErrorNotice,
    ) -> None:
        self.module_id = module_id
        self.device = store
        self.slots = slots
        self.activity_titles = activity_titles
        self.notice = notice
        self.joined: Joined | None = None
        self.poll_view: PollView | None = None
        self.pace: str | None = None
        self.moment_wait = 0

        intro = _(
            "If your facilitator gives you a join code, type it here to take part in live polls. "
            "Your answers are anonymous: nobody sees your name or who chose what."
        )
        self.code = ui.text(_("Join code"), placeholder=_("For example K7M2QX"))
        self.join_button = button(_("Join the live session"), primary=True)
        self.join_status = ui.html()
        self.join_form = ui.vbox([ui.html(f"<p>{escape(intro)}</p>"), self.code, self.join_button, self.join_status])
        self.join_button.on_click(guarded(notice, "join live session")(lambda _b: self.join()))

        self.in_session = ui.html()
        self.news = ui.html()
        self.go_button = button(_("Go there"))
        self.go_target = ""
        self.go_button.on_click(guarded(notice, "go to live activity")(lambda _b: self.go()))
        self.moment_button = button(_("I need a moment"))
        self.moment_button.on_click(guarded(notice, "need a moment")(lambda _b: self.need_a_moment()))
        self.leave_button = button(_("Leave the live session"))
        self.leave_button.on_click(guarded(notice, "leave live session")(lambda _b: self.leave()))
        self.session_box = ui.vbox(
            [self.in_session, self.news, self.go_button, ui.hbox([self.moment_button, self.leave_button])]
        )
        hidden(self.go_button)
        hidden(self.session_box)
        super().__init__([self.join_form, self.session_box], **ui.shared())
        self.add_class("hr-panel")
        self.add_class("hr-live-panel")
        if store is not None:
            store.tick_listeners.append(guarded(notice, "live tick")(self.refresh))

    # joining -----------------------------------------------------------------------------
    def join(self) -> None:
        from curriculum.stores.live import JoinError, LiveError

        try:
            joined = live_store().join(self.code.value)
        except JoinError as problem:
            self.join_status.value = _status(_(str(problem)))
            return
        except LiveError as problem:
            self.join_status.value = _status(_(str(problem)))
            return
        if joined.module_id != self.module_id:
            self.join_status.value = _status(
                _("This code is for another module. Open that module from the list of modules, then join there.")
            )
            return
        self.joined = joined
        self.code.value = ""
        self.join_status.value = ""
        hidden(self.join_form)
        hidden(self.session_box, False)
        self.in_session.value = _status(
            _("You are in the live session. Polls will appear in the page, under their activity.")
        )
        if self.device is not None:
            self.device.tick_seconds = TICK_SECONDS
        self.refresh()

    def leave(self, message: str | None = None) -> None:
        self.joined = None
        self._drop_poll()
        self.pace = None
        if self.device is not None:
            self.device.tick_seconds = 0
        hidden(self.session_box)
        hidden(self.join_form, False)
        self.join_status.value = _status(message or _("You left the live session. Your own progress is kept."))

    # news from the room ------------------------------------------------------------------
    def refresh(self) -> None:
        """Called on every tick: a new or closed poll, a change of pace, the end of the session."""
        if self.joined is None:
            return
        store = live_store()
        if not store.is_running(self.joined.session_id):
            self.leave(_("The live session has ended. Thank you for taking part. Your own progress is kept."))
            return
        if self.moment_wait:
            self.moment_wait -= 1
            if not self.moment_wait:
                self.moment_button.disabled = False
        self._update_poll(store.current_poll(self.joined.session_id))
        pace = store.pace(self.joined.session_id)
        if pace != self.pace:
            self.pace = pace
            self._announce_pace()

    def _update_poll(self, poll: OpenPoll | None) -> None:
        current = self.poll_view
        if current is not None and (poll is None or poll.poll_id != current.poll.poll_id):
            current.mark_closed()
            self.poll_view = None
            if poll is None:
                self.news.value = _status(_("The poll is closed."))
                hidden(self.go_button)
        if poll is None or self.poll_view is not None:
            return
        assert self.joined is not None
        view = PollView(poll, self.joined, self.notice)
        self.poll_view = view
        slot = self.slots.get(poll.activity_id)
        if slot is None:  # no slot for that activity on this page: show it here
            self.session_box.children = (*self.session_box.children[:4], view)
            self.news.value = _status(_("A poll is open: {question}").format(question=poll.question))
            hidden(self.go_button)
            return
        slot.children = (view,)
        hidden(slot, False)
        title = self.activity_titles.get(poll.activity_id, "")
        self.news.value = _status(_("A poll is open under “{title}”.").format(title=title))
        self.go_target = f".hr-poll-{poll.activity_id}"
        self.go_button.description = _("Go to the poll")
        hidden(self.go_button, False)

    def _drop_poll(self) -> None:
        if self.poll_view is not None:
            self.poll_view.mark_closed()
            self.poll_view = None

    def _announce_pace(self) -> None:
        if self.pace is None:
            self.news.value = _status(_("Your facilitator has asked everyone to go at their own pace."))
            return
        title = self.activity_titles.get(self.pace, self.pace)
        self.news.value = _status(_("Your facilitator has moved the group to “{title}”.").format(title=title))
        self.go_target = f".hr-activity-{self.pace}"
        self.go_button.description = _("Go to “{title}”").format(title=title)
        hidden(self.go_button, False)

    def go(self) -> None:
        if self.device is not None and self.go_target:
            self.device.scroll_to(self.go_target)

    # "I need a moment" ---------------------------------------------------------------------
    def need_a_moment(self) -> None:
        from curriculum.stores.live import LiveError

        if self.joined is None:
            return
        try:
            live_store().signal_moment(self.joined.session_id, self.joined.token)
        except LiveError as problem:
            self.news.value = _status(_(str(problem)))
            return
        self.moment_button.disabled = True
        self.moment_wait = MOMENT_PAUSE_TICKS
        self.news.value = _status(
            _(
                "Your facilitator has been told that someone needs a moment, without your name. "
                "Take the time you need; Take a break and Support and help are at the top of the page."
            )
        )


def poll_slot(activity_id: str) -> w.VBox:
    """The empty place after an activity where its live poll appears (hidden until then)."""
    slot = ui.vbox()
    slot.add_class("hr-poll-slot")
    slot.add_class("hr-root")
    slot.add_class(f"hr-poll-{activity_id}")
    hidden(slot)
    return slot
