"""Optional private reflection prompts.

What a trainee writes is kept in their own browser (see ``session``) and passes through
this page's kernel memory only: it is never logged or written on the server.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Reflection

from . import ui
from .html import md
from .safe import ErrorNotice, button, guarded
from .session import ActivityTracker


class ReflectionActivity(w.VBox):
    def __init__(self, activity_id: str, content: Reflection, tracker: ActivityTracker | None) -> None:
        self.activity_id = activity_id
        self.tracker = tracker
        self.notice = ErrorNotice()
        privacy = _(
            "These questions are optional. What you write is kept in this browser, on this device only, "
            "so it is still here after a reload. It is not saved on the server and no facilitator sees it. "
            "Use “My notes and data” at the top to download or clear it."
        )
        children: list[w.Widget] = [ui.html(md(content.intro)), ui.html(f'<p class="hr-note">{escape(privacy)}</p>')]
        self.boxes: dict[str, w.Textarea] = {}
        for i, prompt in enumerate(content.prompts, start=1):
            label = _("Question {n}").format(n=i)
            hint = f'<p class="hr-note">{escape(prompt.hint)}</p>' if prompt.hint else ""
            children.append(ui.html(f"<p><strong>{escape(label)}.</strong> {escape(prompt.text)}</p>{hint}"))
            box = ui.textarea(_("Notes for question {n}").format(n=i), placeholder=_("Your private notes (optional)"))
            self.boxes[prompt.id] = box
            box.observe(guarded(self.notice, "note typed")(self._on_note(prompt.id)), names="value")
            children.append(box)
        self.done_button = button(_("I am done with these questions"), primary=True)
        self.status = ui.html()
        self.done_button.on_click(guarded(self.notice, "reflection done")(lambda _b: self.finish()))
        children += [self.done_button, self.status, self.notice]
        super().__init__(children, **ui.shared())
        self.add_class("hr-root")
        self.add_class(f"hr-activity-{activity_id}")
        if tracker is not None:
            tracker.on_restore(self.restore)

    def _on_note(self, prompt_id: str):  # type: ignore[no-untyped-def]
        def record(change: dict[str, object]) -> None:
            if self.tracker is not None:
                self.tracker.note(prompt_id, str(change["new"]))

        return record

    def restore(self) -> None:
        assert self.tracker is not None
        for prompt_id, text in self.tracker.notes().items():
            if prompt_id in self.boxes:
                self.boxes[prompt_id].value = text
        if self.tracker.state.done:
            self.finish()

    def finish(self) -> None:
        self.status.value = f'<p role="status">{escape(_("Thank you. This activity counts as done."))}</p>'
        if self.tracker is not None:
            self.tracker.mark_done()
