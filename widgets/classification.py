"""Classify composite situations as hurt, harm, or abuse/exploitation, one at a time."""

from __future__ import annotations

import ipywidgets as w

from curriculum.engines.classification import Assessment, assess, level_label
from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Classification, Vignette
from curriculum.stores.learner_state import ActivityState

from . import ui
from .choices import LevelChoice
from .gated import GatedActivity
from .html import md, source_line
from .safe import button, guarded
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


class ClassificationActivity(GatedActivity):
    """One situation at a time; feedback through the three dimensions after each choice."""

    def __init__(self, activity_id: str, content: Classification, tracker: ActivityTracker | None) -> None:
        self.content = content
        self.index = 0
        self.choices: dict[str, str] = {}
        super().__init__(activity_id, content.title, content.content_note, tracker)

    def build_body(self) -> list[w.Widget]:
        self.situation = ui.html()
        self.choice = LevelChoice(_("Is this hurt, harm, or abuse or exploitation?"), self.choose, self.notice)
        self.feedback = ui.html()
        self.previous_button = button(_("Previous situation"))
        self.next_button = button(_("Next situation"), primary=True)
        self.previous_button.on_click(guarded(self.notice, "previous vignette")(lambda _b: self.go(self.index - 1)))
        self.next_button.on_click(guarded(self.notice, "next vignette")(lambda _b: self.go(self.index + 1)))
        self.ending = ui.html()
        return [
            ui.html(md(self.content.instructions)),
            self.situation,
            self.choice,
            self.feedback,
            ui.hbox([self.previous_button, self.next_button]),
            self.ending,
            ui.html(source_line(self.content.source)),
        ]

    @property
    def vignette(self) -> Vignette:
        return self.content.vignettes[self.index]

    def restore(self, state: ActivityState) -> None:
        known = {v.id for v in self.content.vignettes}
        self.choices = {k: v for k, v in state.choices.items() if k in known}
        self.index = max(0, min(state.position, len(self.content.vignettes) - 1))
        super().restore(state)

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.content.vignettes) - 1))
        if self.tracker is not None:
            self.tracker.record(position=self.index)
        self.render()

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
        self.mark_done()

    def render(self) -> None:
        if not self.body_built:
            return
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
        if len(self.choices) == len(self.content.vignettes) and not self.ending.value:
            self._finish()


__all__ = ["ClassificationActivity", "feedback_html", "level_label"]
