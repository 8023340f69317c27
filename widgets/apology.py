"""The apology workshop: read a composite case, write (or assemble) an apology, get feedback.

Feedback comes from :mod:`curriculum.engines.apology`, element by element, and quotes
the trainee's own words back to them (escaped). It is a prompt for thinking, not a
score: nothing here rewards or expects forgiveness from the person harmed.
The draft is kept with the trainee's other private notes, in their browser only.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.engines.apology import ApologyFeedback, Finding, analyse_apology
from curriculum.i18n import _, ngettext
from curriculum.render import escape
from curriculum.schema import ApologyRules, ApologyWorkshop
from curriculum.stores.learner_state import APOLOGY_DRAFT_NOTE, ActivityState

from . import ui
from .gated import GatedActivity
from .html import md, source_line
from .safe import button, guarded, hidden
from .session import ActivityTracker

DRAFT_NOTE = APOLOGY_DRAFT_NOTE
MAX_READ = 4000
"""Characters the feedback reads. An apology is a few sentences; this keeps one click quick."""


def _quoted(finding: Finding) -> str:
    if not finding.quotes:
        return ""
    words = ", ".join(f"“{escape(q)}”" for q in finding.quotes)
    return f'<br><span class="hr-note">{escape(_("Your words:"))} {words}</span>'


def feedback_html(feedback: ApologyFeedback) -> str:
    """The feedback as HTML: every element present or not, then the patterns found."""
    if feedback.is_empty:
        return f'<p role="status">{escape(_("Write or add a few sentences first, then ask for feedback."))}</p>'
    present = [f for f in feedback.elements if f.present]
    summary = _("Your apology has {n} of the {total} parts we look for.").format(
        n=len(present), total=len(feedback.elements)
    )
    if feedback.patterns:
        summary += " " + ngettext(
            "It also has {n} pattern that can make an apology land badly.",
            "It also has {n} patterns that can make an apology land badly.",
            len(feedback.patterns),
        ).format(n=len(feedback.patterns))
    items = []
    for finding in feedback.elements:
        mark = _("Has it") if finding.present else _("Not yet")
        items.append(
            f"<li><strong>{escape(mark)}: {escape(finding.name)}.</strong> {escape(finding.feedback)}"
            f"{_quoted(finding)}</li>"
        )
    html = (
        f'<div class="hr-feedback"><h4>{escape(_("Feedback on your apology"))}</h4>'
        f'<p role="status">{escape(summary)}</p>'
        f"<h5>{escape(_('The parts of a genuine apology'))}</h5><ul>{''.join(items)}</ul>"
    )
    if feedback.patterns:
        flagged = "".join(
            f"<li><strong>{escape(f.name)}.</strong> {escape(f.feedback)}{_quoted(f)}</li>" for f in feedback.patterns
        )
        html += f"<h5>{escape(_('Worth another look'))}</h5><ul>{flagged}</ul>"
    closing = _(
        "This feedback looks for words, so it can miss what you meant. It is not a grade. "
        "Whether an apology is enough is for the person harmed to decide, and they owe no one forgiveness."
    )
    return html + f'<p class="hr-note">{escape(closing)}</p></div>'


class ApologyWorkshopActivity(GatedActivity):
    def __init__(
        self,
        activity_id: str,
        content: ApologyWorkshop,
        rules: ApologyRules,
        tracker: ActivityTracker | None,
    ) -> None:
        self.content = content
        self.rules = rules
        self.feedback: ApologyFeedback | None = None
        super().__init__(activity_id, content.title, content.content_note, tracker)

    def build_body(self) -> list[w.Widget]:
        c = self.content
        self.draft = ui.textarea(_("Your apology"), placeholder=_("Write your apology here"), shape="full-width-tall")
        self.draft.add_class("hr-apology-draft")
        self.draft.observe(guarded(self.notice, "apology typed")(lambda _c: self.save_draft()), names="value")
        self.fragment_buttons: dict[str, w.Button] = {}
        for fragment in c.fragments:
            b = button(_("Add: {text}").format(text=fragment.text))
            b.add_class("hr-fragment")
            b.on_click(guarded(self.notice, "add fragment")(lambda _b, text=fragment.text: self.add_fragment(text)))
            self.fragment_buttons[fragment.id] = b
        fragments = ui.vbox(list(self.fragment_buttons.values()))
        fragments.add_class("hr-choice-list")
        self.check_button = button(_("Get feedback on my apology"), primary=True)
        self.check_button.on_click(guarded(self.notice, "check apology")(lambda _b: self.check()))
        self.feedback_view = ui.html()
        self.example_button = button(_("Show an example apology"))
        self.example_button.on_click(guarded(self.notice, "show example")(lambda _b: self.show_example()))
        self.example = ui.html()
        hidden(self.example)
        return [
            ui.html(f'<div class="hr-panel">{md(c.case)}</div>'),
            ui.html(f'<div class="hr-note">{md(c.scope_note)}</div>'),
            ui.html(md(c.prompt) + md(self.rules.intro)),
            self.draft,
            ui.html(
                f"<p><strong>{escape(_('Or build it from sentences.'))}</strong> "
                + escape(_("Each button adds its sentence to the end of your apology, where you can edit it."))
                + "</p>"
            ),
            fragments,
            self.check_button,
            self.feedback_view,
            self.example_button,
            self.example,
            ui.html(source_line(c.source)),
        ]

    # actions ---------------------------------------------------------------------------
    def add_fragment(self, text: str) -> None:
        current = self.draft.value.rstrip()
        self.draft.value = f"{current} {text}".strip()

    def check(self) -> None:
        text = self.draft.value
        self.feedback = analyse_apology(text[:MAX_READ], self.rules)
        html = feedback_html(self.feedback)
        if len(text) > MAX_READ:
            note = _("Your apology is long, so the feedback read its first {n} characters only.").format(n=MAX_READ)
            html = f'<p class="hr-note">{escape(note)}</p>' + html
        self.feedback_view.value = html
        if not self.feedback.is_empty:
            self.mark_done()

    def show_example(self) -> None:
        self.example.value = (
            f'<div class="hr-panel"><h4>{escape(_("One example"))}</h4>{md(self.content.example)}'
            f'<p class="hr-note">{escape(_("There is no single right wording. Yours can be different."))}</p></div>'
        )
        hidden(self.example, False)

    def save_draft(self) -> None:
        if self.tracker is not None:
            self.tracker.note(DRAFT_NOTE, self.draft.value)

    def restore(self, state: ActivityState) -> None:
        super().restore(state)
        if self.body_built and self.tracker is not None:
            saved = self.tracker.notes().get(DRAFT_NOTE)
            if saved:
                self.draft.value = saved

    def render(self) -> None:
        if self.tracker is not None:
            saved = self.tracker.notes().get(DRAFT_NOTE)
            if saved and not self.draft.value:
                self.draft.value = saved
