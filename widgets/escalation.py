"""One composite story in steps: how an unaddressed hurt becomes harm, then a pattern."""

from __future__ import annotations

import ipywidgets as w

from curriculum.engines.classification import assess_step, level_label
from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Escalation

from .choices import LevelChoice
from .content_note import ContentNoteGate
from .html import md, source_line
from .safe import ErrorNotice, button, guarded, hidden
from .session import ActivityTracker


class EscalationActivity(w.VBox):
    def __init__(self, activity_id: str, content: Escalation, tracker: ActivityTracker | None) -> None:
        self.activity_id = activity_id
        self.content = content
        self.tracker = tracker
        self.step_index = 0
        self.answers: dict[str, str] = {}
        self.notice = ErrorNotice()
        self.gate = ContentNoteGate(content.content_note, content.title, self._on_gate)
        self.history = w.HTML()
        self.step = w.HTML()
        self.choice = LevelChoice(
            _("At this point, is it hurt, harm, or abuse or exploitation?"), self.choose, self.notice
        )
        self.feedback = w.HTML()
        self.next_button = button(_("What happens next"), primary=True)
        self.next_button.on_click(guarded(self.notice, "next step")(lambda _b: self.advance()))
        self.closing = w.HTML()
        hidden(self.next_button)
        self.body = w.VBox(
            [
                w.HTML(md(content.intro)),
                self.history,
                self.step,
                self.choice,
                self.feedback,
                self.next_button,
                self.closing,
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
        self._render_step()
        if tracker is not None:
            tracker.on_restore(self.restore)

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
        """Replay the steps the trainee had already read, then show where they were."""
        assert self.tracker is not None
        state = self.tracker.state
        if state.gate is not None:
            self.gate.choose(state.gate)
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
        return bool(self.closing.value)

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
            self._done()
            return
        self.step_index += 1
        if self.tracker is not None:
            self.tracker.record(position=self.step_index)
        self._render_step()
