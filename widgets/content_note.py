"""The content note shown before every scenario: continue, skip, or read a summary instead.

None of the three blocks completion: skipping and reading the summary both count the
activity as done, and the trainee can still open the activity later.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import ipywidgets as w

from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import ContentNote

from . import ui
from .html import md
from .safe import ErrorNotice, button, guarded, hidden

Choice = str  # "continue", "skip" or "summary"


class ContentNoteGate(w.VBox):
    """Names the themes, then calls ``on_choice`` with what the trainee picked."""

    def __init__(self, note: ContentNote, title: str, on_choice: Callable[[Choice], None]) -> None:
        self.note = note
        self.on_choice = on_choice
        self.choice: Choice | None = None
        self.notice = ErrorNotice()
        themes = ", ".join(note.themes)
        self.message = ui.html(
            value=f'<div class="hr-panel"><p><strong>{_("Content note")}</strong> · {escape(title)}</p>'
            f"<p>{escape(_('This activity includes: {themes}.').format(themes=themes))}</p>"
            f"<p>{_('You can continue, skip it, or read a short summary instead. All three count as done.')}</p></div>"
        )
        self.continue_button = button(_("Continue to the activity"), primary=True)
        self.skip_button = button(_("Skip this activity"))
        self.summary_button = button(_("Read a short summary instead"))
        self.status = ui.html()
        self.buttons = ui.hbox(
            [self.continue_button, self.skip_button, self.summary_button],
        )
        for b, choice in (
            (self.continue_button, "continue"),
            (self.skip_button, "skip"),
            (self.summary_button, "summary"),
        ):
            b.on_click(guarded(self.notice, f"content note {choice}")(lambda _b, c=choice: self.choose(c)))
        self._expanded = False
        super().__init__([self.message, self.buttons, self.status, self.notice], **ui.shared())
        self.add_class("hr-root")

    # Built on first use: most trainees continue, and a fresh page draws fewer widgets.
    @cached_property
    def summary(self) -> w.HTML:
        return ui.html(f'<div class="hr-panel"><h4>{_("Summary")}</h4>{md(self.note.summary)}</div>')

    @cached_property
    def reopen_button(self) -> w.Button:
        b = button(_("Open the activity after all"))
        b.on_click(guarded(self.notice, "content note reopen")(lambda _b: self.choose("continue")))
        return b

    def choose(self, choice: Choice) -> None:
        self.choice = choice
        hidden(self.buttons)
        if choice != "continue" and not self._expanded:
            self._expanded = True
            self.children = (self.message, self.buttons, self.summary, self.status, self.reopen_button, self.notice)
        if "summary" in self.__dict__:
            hidden(self.summary, choice != "summary")
        if "reopen_button" in self.__dict__:
            hidden(self.reopen_button, choice == "continue")
        if choice == "skip":
            self.status.value = f'<p role="status">{_("You skipped this activity. It still counts as done.")}</p>'
        elif choice == "summary":
            self.status.value = f'<p role="status">{_("You read the summary. This activity counts as done.")}</p>'
        else:
            self.status.value = ""
            hidden(self.message)
        self.on_choice(choice)
