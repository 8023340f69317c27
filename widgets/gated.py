"""An activity behind a content note, whose body is built only when the trainee opens it.

Continue, skip and "read a summary instead" are recorded; skip and summary count as done.
Building the body on demand keeps a fresh page light: no widgets, no views, until needed.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.schema import ContentNote
from curriculum.stores.learner_state import ActivityState

from . import ui
from .content_note import ContentNoteGate
from .safe import ErrorNotice, hidden
from .session import ActivityTracker


class GatedActivity(w.VBox):
    def __init__(self, activity_id: str, title: str, note: ContentNote, tracker: ActivityTracker | None) -> None:
        self.activity_id = activity_id
        self.tracker = tracker
        self.notice = ErrorNotice()
        self.gate = ContentNoteGate(note, title, self._on_gate)
        self.body = ui.vbox()
        self.body_built = False
        hidden(self.body)
        super().__init__([self.gate, self.body, self.notice], **ui.shared())
        self.add_class("hr-root")
        self.add_class(f"hr-activity-{activity_id}")
        if tracker is not None:
            tracker.on_restore(lambda: self.restore(tracker.state))

    # for subclasses ------------------------------------------------------------------
    def build_body(self) -> list[w.Widget]:
        raise NotImplementedError

    def render(self) -> None:
        """Redraw the body from the activity's state (only called once the body exists)."""

    def restore(self, state: ActivityState) -> None:
        """Put back what the trainee did before a reload."""
        if state.gate is not None:
            self.gate.choose(state.gate)

    # shared --------------------------------------------------------------------------
    def open_body(self) -> None:
        if not self.body_built:
            self.body.children = tuple(self.build_body())
            self.body_built = True
            self.render()

    def _on_gate(self, choice: str) -> None:
        if choice == "continue":
            self.open_body()
        hidden(self.body, choice != "continue")
        if self.tracker is not None:
            self.tracker.record(gate=choice)
        if choice in ("skip", "summary"):
            self.mark_done()

    def mark_done(self) -> None:
        if self.tracker is not None:
            self.tracker.mark_done()
