"""The repair planner: build a plan across the four parts of accountability, then download it.

The plan itself lives in :mod:`curriculum.engines.repair_plan` (pure Python); this view
is a form, a table of the plan so far, the gaps still open, and two downloads. The plan
is kept in the trainee's browser with their other notes, never on the server.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from curriculum.engines.repair_plan import (
    PlanAction,
    PlanError,
    RepairPlan,
    plan_filename,
    plan_to_html,
    plan_to_markdown,
)
from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import RepairPlan as RepairPlanContent

from . import ui
from .html import md, source_line
from .safe import ErrorNotice, button, guarded, hidden
from .session import ActivityTracker

Downloader = Callable[[str, str, str], None]
"""``download(filename, mime, content)``: hands a file to the trainee's browser."""

NO_SUGGESTION = ""


class RepairPlanner(w.VBox):
    def __init__(
        self,
        activity_id: str,
        content: RepairPlanContent,
        tracker: ActivityTracker | None,
        *,
        module_id: str | None = None,
        download: Downloader | None = None,
    ) -> None:
        self.activity_id = activity_id
        self.content = content
        self.tracker = tracker
        self.module_id = module_id
        self.download = download
        self.plan = RepairPlan()
        self.part_names: dict[str, str] = {p.id: p.name for p in content.parts}
        self.level_names: dict[str, str] = {lv.id: lv.name for lv in content.levels}
        self.suggestions = {s.id: s for s in content.suggestions}
        self.notice = ErrorNotice()

        # The form is built when the trainee starts planning (or has a saved plan):
        # a fresh page draws fewer widgets.
        self.started = False
        self.start_button = button(_("Start my repair plan"), primary=True)
        self.start_button.on_click(guarded(self.notice, "start plan")(lambda _b: self.start()))
        self.holder = ui.vbox()

        guide = "".join(
            f"<li><strong>{escape(p.name)}.</strong> {escape(p.explanation)} <em>{escape(p.question)}</em></li>"
            for p in content.parts
        )
        levels = "".join(
            f"<li><strong>{escape(lv.name)}.</strong> {escape(lv.explanation)}</li>" for lv in content.levels
        )
        super().__init__(
            [
                ui.html(md(content.intro)),
                ui.html(f'<div class="hr-panel">{md(content.case_summary)}</div>'),
                ui.html(
                    f"<h4>{escape(_('The four parts'))}</h4><ul>{guide}</ul>"
                    f"<h4>{escape(_('The three levels'))}</h4><ul>{levels}</ul>"
                    f'<div class="hr-note">{md(content.consult_note)}{md(content.changed_behavior_note)}</div>'
                ),
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
        """Build the form and the plan view, once."""
        if self.started:
            return
        content = self.content
        self.suggestion = ui.dropdown(
            _("Start from a suggestion (optional)"),
            [(_("No suggestion: I will write my own"), NO_SUGGESTION)]
            + [
                (f"{self.part_names[s.part]} · {self.level_names[s.level]}: {s.text}", s.id)
                for s in content.suggestions
            ],
            shape="full-width-line",
        )
        self.use_suggestion = button(_("Use this suggestion"))
        self.part = ui.dropdown(_("Part of accountability"), [(p.name, p.id) for p in content.parts])
        self.level = ui.dropdown(_("Level"), [(lv.name, lv.id) for lv in content.levels])
        self.action = ui.textarea(_("What will be done"), placeholder=_("One concrete action"), shape="full-width")
        self.who = ui.text(_("Who will do it"), placeholder=_("A role, such as the executive director"))
        self.by_when = ui.text(_("By when"), placeholder=_("A date or a time frame"))
        self.consult = ui.text(
            _("How the people harmed are consulted"), placeholder=_("Asked, paid for their time, free to say no")
        )
        self.add_button = button(_("Add this action to my plan"), primary=True)
        self.form_status = ui.html()
        self.plan_view = ui.html()
        self.remove_choice = ui.dropdown(_("Action to remove"), [])
        self.remove_button = button(_("Remove this action"))
        self.download_md = button(_("Download my plan (Markdown)"))
        self.download_html = button(_("Download my plan (printable page)"))

        self.use_suggestion.on_click(guarded(self.notice, "use suggestion")(lambda _b: self.apply_suggestion()))
        self.add_button.on_click(guarded(self.notice, "add action")(lambda _b: self.add_action()))
        self.remove_button.on_click(guarded(self.notice, "remove action")(lambda _b: self.remove_selected()))
        self.download_md.on_click(guarded(self.notice, "download plan md")(lambda _b: self.send("md")))
        self.download_html.on_click(guarded(self.notice, "download plan html")(lambda _b: self.send("html")))

        self.holder.children = (
            ui.html(f"<h4>{escape(_('Add an action'))}</h4>"),
            self.suggestion,
            self.use_suggestion,
            ui.hbox([self.part, self.level]),
            self.action,
            self.who,
            self.by_when,
            self.consult,
            self.add_button,
            self.form_status,
            self.plan_view,
            ui.hbox([self.remove_choice, self.remove_button]),
            ui.hbox([self.download_md, self.download_html]),
        )
        self.started = True
        hidden(self.start_button)
        self.render()

    # actions ---------------------------------------------------------------------------
    def apply_suggestion(self) -> None:
        chosen = self.suggestions.get(self.suggestion.value or NO_SUGGESTION)
        if chosen is None:
            self.form_status.value = self._status(_("Pick a suggestion first, or write your own action."))
            return
        self.part.value = chosen.part
        self.level.value = chosen.level
        self.action.value = chosen.text
        self.form_status.value = self._status(
            _("The suggestion is in the form. Change it to fit, add who, by when and how people are consulted.")
        )

    def add_action(self) -> None:
        if not self.action.value.strip():
            self.form_status.value = self._status(_("Write what will be done before adding the action."))
            return
        chosen = self.suggestion.value or None
        try:
            candidate = PlanAction(
                part=str(self.part.value),
                level=str(self.level.value),
                action=self.action.value.strip(),
                who=self.who.value.strip(),
                by_when=self.by_when.value.strip(),
                consult=self.consult.value.strip(),
                suggestion_id=chosen if chosen in self.suggestions else None,
            )
            self.plan = self.plan.add(candidate)
        except PlanError as problem:  # the trainee's text stays in the form
            self.form_status.value = self._status(str(problem))
            return
        for box in (self.action, self.who, self.by_when, self.consult):
            box.value = ""
        self.suggestion.value = NO_SUGGESTION
        self.form_status.value = self._status(_("Added to your plan."))
        self.changed()

    def remove_selected(self) -> None:
        index = self.remove_choice.value
        if not isinstance(index, int) or not 0 <= index < len(self.plan.actions):
            self.form_status.value = self._status(_("There is no action to remove yet."))
            return
        self.plan = self.plan.remove(index)
        self.form_status.value = self._status(_("Removed from your plan."))
        self.changed()

    def send(self, kind: str) -> None:
        if self.download is None:
            return
        title = self.content.title
        if kind == "html":
            page = plan_to_html(
                self.plan,
                title=title,
                case_summary=self.content.case_summary,
                part_names=self.part_names,
                level_names=self.level_names,
            )
            self.download(plan_filename(self.module_id, "html"), "text/html", page)
        else:
            text = plan_to_markdown(
                self.plan,
                title=title,
                case_summary=self.content.case_summary,
                part_names=self.part_names,
                level_names=self.level_names,
            )
            self.download(plan_filename(self.module_id, "md"), "text/markdown", text)

    # state -------------------------------------------------------------------------------
    def changed(self) -> None:
        self.render()
        if self.tracker is not None:
            self.tracker.save_plan(self.plan)
            if self.plan.actions and all(self.plan.by_part().get(p) for p in self.part_names):
                self.tracker.mark_done()

    def restore(self) -> None:
        assert self.tracker is not None
        self.plan = self.tracker.plan()
        if self.plan.actions:
            self.start()
        if self.started:
            self.render()

    def render(self) -> None:
        self.plan_view.value = self.plan_html()
        self.remove_choice.options = [
            (_("Action {n}: {text}").format(n=i + 1, text=a.action[:60]), i) for i, a in enumerate(self.plan.actions)
        ]
        has_actions = bool(self.plan.actions)
        self.remove_button.disabled = not has_actions
        self.download_md.disabled = self.download_html.disabled = not has_actions or self.download is None

    def plan_html(self) -> str:
        heading = f"<h4>{escape(_('Your plan so far'))}</h4>"
        if not self.plan.actions:
            return heading + f"<p>{escape(_('No actions yet. Add one above; a suggestion is a good start.'))}</p>"
        headers = (_("Action"), _("Level"), _("Who"), _("By when"), _("How the people harmed are consulted"))
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
        tables = []
        number = 0
        for part_id, name in self.part_names.items():
            rows = []
            for action in self.plan.by_part().get(part_id, ()):
                number += 1
                cells = (action.who, action.by_when, action.consult)
                rows.append(
                    f'<tr><th scope="row">{number}. {escape(action.action)}</th>'
                    f"<td>{escape(self.level_names.get(action.level, action.level))}</td>"
                    + "".join(f"<td>{escape(c) or '—'}</td>" for c in cells)
                    + "</tr>"
                )
            if rows:
                tables.append(
                    f'<table class="hr-table"><caption>{escape(name)}</caption><thead><tr>{head}</tr></thead>'
                    f"<tbody>{''.join(rows)}</tbody></table>"
                )
        gaps = self.plan.gaps(self.part_names)
        open_items = "".join(f"<li>{escape(g.message)}</li>" for g in gaps)
        still_open = f"<h5>{escape(_('Still open'))}</h5><ul>{open_items}</ul>" if gaps else ""
        return heading + "".join(tables) + still_open

    @staticmethod
    def _status(text: str) -> str:
        return f'<p role="status">{escape(text)}</p>'
