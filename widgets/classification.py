"""Classify composite situations as hurt, harm, or abuse/exploitation, one at a time."""

from __future__ import annotations

import ipywidgets as w

from curriculum.engines.classification import Assessment, assess, level_label
from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Classification, Vignette

from .choices import LevelChoice
from .content_note import ContentNoteGate
from .html import md, source_line
from .safe import ErrorNotice, button, guarded, hidden
from .session import ActivityTracker


def feedback_html(assessment: Assessment) -> str:
    parts = [f"<p><strong>{escape(assessment.headline)}</strong></p>"]
    if assessment.choice_note:
        parts.append(f"<p>{escape(assessment.choice_note)}</p>")
    d = assessment.dimensions
    if d is not None:
        parts.append(
            "<ul>"
            f"<li><strong>{_('Intention')}:</strong> {escape(d.intention)}</li>"
            f"<li><strong>{_('Incident or pattern')}:</strong> {escape(d.pattern)}</li>"
            f"<li><strong>{_('Impact')}:</strong> {escape(d.impact)}</li>"
            "</ul>"
            f"<p><strong>{_('Room for nuance')}:</strong> {escape(d.nuance)}</p>"
        )
        if d.repair:
            parts.append(f"<p><strong>{_('What repair could look like')}:</strong> {escape(d.repair)}</p>")
    return '<div class="hr-feedback" role="status">' + "".join(parts) + "</div>"


class ClassificationActivity(w.VBox):
    """One situation at a time; feedback through the three dimensions after each choice."""

    def __init__(self, activity_id: str, content: Classification, tracker: ActivityTracker | None) -> None:
        self.activity_id = activity_id
        self.content = content
        self.tracker = tracker
        self.index = 0
        self.choices: dict[str, str] = {}
        self.notice = ErrorNotice()
        self.gate = ContentNoteGate(content.content_note, content.title, self._on_gate)
        self.intro = w.HTML(value=md(content.instructions))
        self.situation = w.HTML()
        self.choice = LevelChoice(_("Is this hurt, harm, or abuse or exploitation?"), self.choose, self.notice)
        self.feedback = w.HTML()
        self.previous_button = button(_("Previous situation"))
        self.next_button = button(_("Next situation"), primary=True)
        self.previous_button.on_click(guarded(self.notice, "previous vignette")(lambda _b: self.go(self.index - 1)))
        self.next_button.on_click(guarded(self.notice, "next vignette")(lambda _b: self.go(self.index + 1)))
        self.ending = w.HTML()
        nav = w.HBox(
            [self.previous_button, self.next_button],
        )
        self.body = w.VBox(
            [
                self.intro,
                self.situation,
                self.choice,
                self.feedback,
                nav,
                self.ending,
                w.HTML(source_line(content.source)),
            ]
        )
        # The body's views are only drawn once the trainee opens the activity: fewer
        # widget views on a fresh page make it interactive sooner.
        self._body_children = self.body.children
        self.body.children = ()
        hidden(self.body)
        super().__init__([self.gate, self.body, self.notice])
        self.add_class("hr-root")
        self.add_class(f"hr-activity-{activity_id}")
        self._render()
        if tracker is not None:
            tracker.on_restore(self.restore)

    @property
    def vignette(self) -> Vignette:
        return self.content.vignettes[self.index]

    def _on_gate(self, choice: str) -> None:
        if choice == "continue" and not self.body.children:
            self.body.children = self._body_children
        hidden(self.body, choice != "continue")
        if self.tracker is not None:
            self.tracker.record(gate=choice)
        if choice in ("skip", "summary"):
            self._done()

    def _done(self) -> None:
        if self.tracker is not None:
            self.tracker.mark_done()

    def restore(self) -> None:
        """Put back what the trainee did before a reload."""
        assert self.tracker is not None
        state = self.tracker.state
        if state.gate is not None:
            self.gate.choose(state.gate)
        known = {v.id for v in self.content.vignettes}
        self.choices = {k: v for k, v in state.choices.items() if k in known}
        self.go(state.position)
        if len(self.choices) == len(self.content.vignettes):
            self._finish()

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.content.vignettes) - 1))
        if self.tracker is not None:
            self.tracker.record(position=self.index)
        self._render()

    def choose(self, level: str) -> None:
        vignette = self.vignette
        assessment = assess(vignette, level)
        self.choices[vignette.id] = level
        if self.tracker is not None:
            self.tracker.choose(vignette.id, level)
        self.choice.mark(level)
        self.feedback.value = feedback_html(assessment)
        if len(self.choices) == len(self.content.vignettes):
            self._finish()

    def _finish(self) -> None:
        total = len(self.content.vignettes)
        different = [v for v in self.content.vignettes if self.choices.get(v.id) not in (None, v.answer)]
        text = _("You have worked through all {total} situations.").format(total=total)
        if different:
            titles = "".join(f"<li>{escape(v.title)}</li>" for v in different)
            text += " " + _("Your reading differed from the framework's on these; they are good ones to talk through:")
            self.ending.value = f'<div class="hr-panel"><p>{escape(text)}</p><ul>{titles}</ul></div>'
        else:
            self.ending.value = f'<div class="hr-panel"><p>{escape(text)}</p></div>'
        self._done()

    def _render(self) -> None:
        vignette = self.vignette
        count = _("Situation {n} of {total}").format(n=self.index + 1, total=len(self.content.vignettes))
        self.situation.value = (
            f'<div class="hr-panel"><h3>{escape(count)}: {escape(vignette.title)}</h3>{md(vignette.text)}</div>'
        )
        chosen = self.choices.get(vignette.id)
        self.choice.mark(chosen)
        self.feedback.value = feedback_html(assess(vignette, chosen)) if chosen else ""
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.content.vignettes) - 1


__all__ = ["ClassificationActivity", "feedback_html", "level_label"]
