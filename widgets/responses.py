"""Practice prepared responses: pick one, or write your own and get feedback on agency."""

from __future__ import annotations

import ipywidgets as w

from curriculum.engines.responses import analyse_response
from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Responses, ResponseSituation

from . import ui
from .html import md, source_line
from .safe import ErrorNotice, button, guarded, hidden
from .session import ActivityTracker


class SituationPractice(w.VBox):
    def __init__(self, number: int, situation: ResponseSituation, practice: ResponsesPractice) -> None:
        self.situation = situation
        self.practice = practice
        notice = practice.notice
        self.feedback = ui.html()
        self.options: dict[str, w.Button] = {}
        for option in situation.options:
            b = button(option.text)
            b.on_click(guarded(notice, "pick response")(lambda _b, oid=option.id: self.pick(oid)))
            self.options[option.id] = b
        option_list = ui.vbox(list(self.options.values()))
        option_list.add_class("hr-choice-list")
        self.own = ui.textarea(
            _("Your own response to situation {n}").format(n=number),
            placeholder=_("Write what you would say (optional)"),
            shape="full-width",
        )
        self.own.observe(guarded(notice, "response typed")(self._typed), names="value")
        self.check_button = button(_("Get feedback on my response"))
        self.check_button.on_click(guarded(notice, "check response")(lambda _b: self.check()))
        heading = _("Situation {n}: {title}").format(n=number, title=situation.title)
        super().__init__(
            [
                ui.html(f'<div class="hr-panel"><h3>{escape(heading)}</h3>{md(situation.situation)}</div>'),
                ui.html(f"<p><strong>{_('Pick a response:')}</strong></p>"),
                option_list,
                ui.html(f"<p><strong>{_('Or write your own:')}</strong></p>"),
                self.own,
                self.check_button,
                self.feedback,
            ],
            **ui.shared(),
        )

    def _model(self) -> str:
        return (
            f"<p><strong>{_('One response that centers agency')}:</strong> {escape(self.situation.model_response)}</p>"
        )

    def pick(self, option_id: str) -> None:
        option = next(o for o in self.situation.options if o.id == option_id)
        for oid, b in self.options.items():
            b.button_style = "info" if oid == option_id else ""
        lead = (
            _("This centers the survivor's agency.")
            if option.centers_agency
            else _("This does not center the survivor's agency.")
        )
        self.feedback.value = (
            f'<div class="hr-feedback" role="status"><p><strong>{escape(lead)}</strong> {escape(option.feedback)}</p>'
            f"{self._model()}</div>"
        )
        self.practice.picked(self.situation.id, option_id)

    def _typed(self, change: dict[str, object]) -> None:
        self.practice.wrote(self.situation.id, str(change["new"]))

    def check(self) -> None:
        text = self.own.value.strip()
        if not text:
            self.feedback.value = f'<p role="status">{escape(_("Write a response first, then ask for feedback."))}</p>'
            return
        result = analyse_response(text, self.practice.content.signals)
        quotes = []
        if result.agency_phrases:
            words = ", ".join(f"“{p}”" for p in result.agency_phrases)
            quotes.append(_("Words that center the survivor: {words}.").format(words=words))
        if result.organization_phrases:
            words = ", ".join(f"“{p}”" for p in result.organization_phrases)
            quotes.append(_("Words that center the organization: {words}.").format(words=words))
        body = "".join(f"<p>{escape(q)}</p>" for q in quotes)
        note = _(
            "This is a rough check of wording, not a grade. Read your response aloud as the survivor would hear it."
        )
        self.feedback.value = (
            f'<div class="hr-feedback" role="status"><p><strong>{escape(result.message)}</strong></p>{body}'
            f'<p class="hr-note">{escape(note)}</p>{self._model()}</div>'
        )
        self.practice.answered(self.situation.id)


class ResponsesPractice(w.VBox):
    """One situation at a time; each is built the first time the trainee reaches it."""

    def __init__(self, activity_id: str, content: Responses, tracker: ActivityTracker | None) -> None:
        self.activity_id = activity_id
        self.content = content
        self.tracker = tracker
        self.notice = ErrorNotice()
        self.done_situations: set[str] = set()
        self.built: dict[int, SituationPractice] = {}
        self.index = 0
        # The practice is built when the trainee starts it: a fresh page stays light.
        self.holder = ui.vbox()
        self.start_button = button(_("Start the practice"), primary=True)
        self.start_button.on_click(guarded(self.notice, "start practice")(lambda _b: self.start()))
        privacy = _("What you write here is kept in this browser only, like your other notes.")
        super().__init__(
            [
                ui.html(md(content.intro) + f'<p class="hr-note">{escape(privacy)}</p>'),
                self.start_button,
                self.holder,
                ui.html(source_line(content.source)),
                self.notice,
            ],
            **ui.shared(),
        )
        self.add_class("hr-root")
        self.add_class(f"hr-activity-{activity_id}")
        if tracker is not None:
            tracker.on_restore(self.restore)

    def start(self) -> None:
        if "previous_button" not in self.__dict__:
            self.previous_button = button(_("Previous situation"))
            self.next_button = button(_("Next situation"), primary=True)
            self.previous_button.on_click(
                guarded(self.notice, "previous situation")(lambda _b: self.go(self.index - 1))
            )
            self.next_button.on_click(guarded(self.notice, "next situation")(lambda _b: self.go(self.index + 1)))
            self.situation_view = ui.vbox()
            self.holder.children = (self.situation_view, ui.hbox([self.previous_button, self.next_button]))
        hidden(self.start_button)
        self.go(self.index)

    @property
    def situations(self) -> list[SituationPractice]:
        """Every situation's view, building any not yet built (tests and restore use this)."""
        return [self.situation(i) for i in range(len(self.content.situations))]

    def situation(self, index: int) -> SituationPractice:
        if index not in self.built:
            self.built[index] = SituationPractice(index + 1, self.content.situations[index], self)
        return self.built[index]

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.content.situations) - 1))
        self.situation_view.children = (self.situation(self.index),)
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.content.situations) - 1

    def picked(self, situation_id: str, option_id: str) -> None:
        if self.tracker is not None and not self.tracker.restoring:
            self.tracker.record(picks={**self.tracker.state.picks, situation_id: option_id})
        self.answered(situation_id)

    def wrote(self, situation_id: str, text: str) -> None:
        if self.tracker is not None:
            self.tracker.note(situation_id, text)

    def answered(self, situation_id: str) -> None:
        self.done_situations.add(situation_id)
        if len(self.done_situations) == len(self.content.situations) and self.tracker is not None:
            self.tracker.mark_done()

    def restore(self) -> None:
        assert self.tracker is not None
        notes = self.tracker.notes()
        picks = self.tracker.state.picks
        if notes or picks:
            self.start()
        for i, situation in enumerate(self.content.situations):
            if situation.id not in notes and situation.id not in picks:
                continue
            practice = self.situation(i)
            if situation.id in notes:
                practice.own.value = notes[situation.id]
            option = picks.get(situation.id)
            if option in practice.options:
                practice.pick(option)
