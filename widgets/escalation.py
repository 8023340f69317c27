"""One composite story in steps: how an unaddressed hurt becomes harm, then a pattern."""

from __future__ import annotations

import ipywidgets as w

from curriculum.engines.classification import assess_step, level_label
from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Escalation
from curriculum.stores.learner_state import ActivityState

from . import ui
from .choices import LevelChoice
from .gated import GatedActivity
from .html import md, source_line
from .safe import button, guarded, hidden
from .session import ActivityTracker


class EscalationActivity(GatedActivity):
    def __init__(self, activity_id: str, content: Escalation, tracker: ActivityTracker | None) -> None:
        self.content = content
        self.step_index = 0
        self.answers: dict[str, str] = {}
        super().__init__(activity_id, content.title, content.content_note, tracker)

    def build_body(self) -> list[w.Widget]:
        self.history = ui.html()
        self.step = ui.html()
        self.choice = LevelChoice(
            _("At this point, is it hurt, harm, or abuse or exploitation?"), self.choose, self.notice
        )
        self.feedback = ui.html()
        self.next_button = button(_("What happens next"), primary=True)
        self.next_button.on_click(guarded(self.notice, "next step")(lambda _b: self.advance()))
        self.closing = ui.html()
        return [
            ui.html(md(self.content.intro)),
            self.history,
            self.step,
            self.choice,
            self.feedback,
            self.next_button,
            self.closing,
            ui.html(source_line(self.content.source)),
        ]

    def render(self) -> None:
        self._render_step()

    def restore(self, state: ActivityState) -> None:
        """Replay the steps the trainee had already read, then show where they were."""
        super().restore(state)
        if not self.body_built:
            return
        for step in self.content.steps[: state.position]:
            if step.id not in state.choices:
                break
            self.choose(state.choices[step.id])
            self.advance()
        if not self.finished:
            current = self.content.steps[self.step_index]
            if current.id in state.choices:
                self.choose(state.choices[current.id])

    @property
    def finished(self) -> bool:
        return self.body_built and bool(self.closing.value)

    def _render_step(self) -> None:
        step = self.content.steps[self.step_index]
        label = _("Step {n} of {total}").format(n=self.step_index + 1, total=len(self.content.steps))
        self.step.value = f'<div class="hr-panel"><h4>{escape(label)}: {escape(step.label)}</h4>{md(step.text)}</div>'
        self.choice.mark(None)
        self.feedback.value = ""
        hidden(self.next_button)

    def choose(self, level: str) -> None:
        step = self.content.steps[self.step_index]
        assessment = assess_step(step.answer, level)
        self.answers[step.id] = level
        if self.tracker is not None:
            self.tracker.choose(step.id, level)
        self.choice.mark(level)
        self.feedback.value = (
            f'<div class="hr-feedback" role="status"><p><strong>{escape(assessment.headline)}</strong></p>'
            f"<p>{escape(step.explanation)}</p>"
            f"<p><strong>{_('Where it could have been interrupted')}:</strong> {escape(step.interruption)}</p></div>"
        )
        last = self.step_index == len(self.content.steps) - 1
        self.next_button.description = _("See how the story ends") if last else _("What happens next")
        hidden(self.next_button, False)

    def advance(self) -> None:
        step = self.content.steps[self.step_index]
        if step.id not in self.answers:
            return
        self.history.value += (
            f"<details><summary>{escape(step.label)}: "
            f"{escape(_('the framework reads it as {level}').format(level=level_label(step.answer)))}</summary>"
            f"{md(step.text)}<p>{escape(step.explanation)}</p></details>"
        )
        if self.step_index == len(self.content.steps) - 1:
            hidden(self.step)
            hidden(self.choice)
            hidden(self.feedback)
            hidden(self.next_button)
            self.closing.value = f'<div class="hr-panel" role="status">{md(self.content.closing)}</div>'
            if self.tracker is not None:
                self.tracker.record(position=len(self.content.steps))
            self.mark_done()
            return
        self.step_index += 1
        if self.tracker is not None:
            self.tracker.record(position=self.step_index)
        self._render_step()
