"""Optional private reflection prompts.

What a trainee writes stays in this page's kernel: it is never logged, stored or sent
anywhere. (Saving notes on the trainee's own device comes with the learner-state work.)
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Reflection

from .html import md
from .safe import ErrorNotice, button, guarded
from .shell import PageShell


class ReflectionActivity(w.VBox):
    def __init__(self, activity_id: str, content: Reflection, shell: PageShell | None) -> None:
        self.activity_id = activity_id
        self.shell = shell
        self.notice = ErrorNotice()
        privacy = _(
            "These questions are optional. What you write stays on this page only: it is not saved, "
            "not sent to anyone and not seen by a facilitator. It is gone when you close or reload the page."
        )
        children: list[w.Widget] = [w.HTML(md(content.intro)), w.HTML(f'<p class="hr-note">{escape(privacy)}</p>')]
        self.boxes: dict[str, w.Textarea] = {}
        for i, prompt in enumerate(content.prompts, start=1):
            label = _("Question {n}").format(n=i)
            hint = f'<p class="hr-note">{escape(prompt.hint)}</p>' if prompt.hint else ""
            children.append(w.HTML(f"<p><strong>{escape(label)}.</strong> {escape(prompt.text)}</p>{hint}"))
            box = w.Textarea(
                placeholder=_("Your private notes (optional)"),
                description=_("Notes for question {n}").format(n=i),
                style={"description_width": "initial"},
                layout=w.Layout(width="100%", height="6rem", flex_flow="column"),
            )
            self.boxes[prompt.id] = box
            children.append(box)
        self.done_button = button(_("I am done with these questions"), primary=True)
        self.status = w.HTML()
        self.done_button.on_click(guarded(self.notice, "reflection done")(lambda _b: self.finish()))
        children += [self.done_button, self.status, self.notice]
        super().__init__(children)
        self.add_class("hr-root")

    def finish(self) -> None:
        self.status.value = f'<p role="status">{escape(_("Thank you. This activity counts as done."))}</p>'
        if self.shell is not None:
            self.shell.mark_done(self.activity_id)
