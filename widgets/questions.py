"""Questions and answers: a fear leaders voice, a moment to think, then the report's answer.

Reading only, so it does not count toward progress. Each answer is built when the
trainee asks for it, which keeps a fresh page light.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import QuestionItem, Questions

from . import ui
from .html import md, source_line
from .safe import ErrorNotice, button, guarded, hidden, is_hidden


class QuestionCard(w.VBox):
    """One question with a button that shows or hides its answer."""

    def __init__(self, number: int, item: QuestionItem, notice: ErrorNotice) -> None:
        self.item = item
        label = _("Question {n}").format(n=number)
        think = f'<p class="hr-note">{escape(item.think_first)}</p>' if item.think_first else ""
        self.question = ui.html(f'<div class="hr-panel"><h3>{escape(label)}: {escape(item.question)}</h3>{think}</div>')
        self.toggle = button(_("Show the answer to question {n}").format(n=number))
        self.number = number
        self.answer = ui.html()
        hidden(self.answer)
        self.toggle.on_click(guarded(notice, "toggle answer")(lambda _b: self.flip()))
        super().__init__([self.question, self.toggle, self.answer], **ui.shared())

    @property
    def is_open(self) -> bool:
        return not is_hidden(self.answer)

    def flip(self) -> None:
        if not self.answer.value:
            self.answer.value = f'<div class="hr-feedback">{md(self.item.answer)}{source_line(self.item.source)}</div>'
        opening = not self.is_open
        hidden(self.answer, not opening)
        template = _("Hide the answer to question {n}") if opening else _("Show the answer to question {n}")
        self.toggle.description = template.format(n=self.number)
        self.toggle.tooltip = self.toggle.description


class QuestionsActivity(w.VBox):
    def __init__(self, activity_id: str, content: Questions) -> None:
        self.activity_id = activity_id
        self.notice = ErrorNotice()
        self.cards = [QuestionCard(i, item, self.notice) for i, item in enumerate(content.items, start=1)]
        super().__init__([ui.html(md(content.intro)), *self.cards, self.notice], **ui.shared())
        self.add_class("hr-root")
        self.add_class(f"hr-activity-{activity_id}")
