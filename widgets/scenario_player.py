"""Play a branching scenario: read, choose, see what happens, go back, reach an ending.

At an ending the trainee sees their path on the cycle: which stages their choices fed
or interrupted, as a diagram and as text. Choice effects stay in Python until then.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.engines.scenario import ScenarioRun
from curriculum.i18n import N_, _
from curriculum.render import escape
from curriculum.schema import Cycle, Scenario
from curriculum.stores.learner_state import ActivityState

from . import ui
from .cycle_diagram import path_ring
from .gated import GatedActivity
from .html import md, source_line
from .safe import button, guarded, hidden
from .session import ActivityTracker

ENDING_KIND = {  # N_(): translated with _() where it is shown, once the page's language is set
    "cycle-interrupted": N_("The cycle was interrupted"),
    "mixed": N_("A mixed outcome"),
    "cycle-continues": N_("The cycle goes on"),
}


class ScenarioPlayer(GatedActivity):
    def __init__(
        self, activity_id: str, scenario: Scenario, tracker: ActivityTracker | None, cycle: Cycle | None = None
    ) -> None:
        self.scenario = scenario
        self.cycle = cycle
        self.run = ScenarioRun(scenario)
        super().__init__(activity_id, scenario.title, scenario.content_note, tracker)

    def build_body(self) -> list[w.Widget]:
        seat = _("Your seat in this story: {seat}.").format(seat=self.scenario.seat)
        self.consequence = ui.html()
        self.node = ui.html()
        # A fixed set of choice buttons whose labels change from node to node: the button a
        # keyboard user pressed stays where it is, so focus is never thrown back to the top.
        most = max(len(node.choices) for node in self.scenario.nodes)
        self.choice_buttons = [button(_("Choice {n}").format(n=i + 1)) for i in range(most)]
        for i, b in enumerate(self.choice_buttons):
            b.on_click(guarded(self.notice, "scenario choice")(lambda _b, index=i: self.choose_nth(index)))
        self.choices = ui.vbox([ui.html(f"<p><strong>{_('What do you do?')}</strong></p>"), *self.choice_buttons])
        self.choices.add_class("hr-choice-list")
        self.back_button = button(_("Back one step"))
        self.restart_button = button(_("Start this scenario again"))
        self.back_button.on_click(guarded(self.notice, "scenario back")(lambda _b: self.back()))
        self.restart_button.on_click(guarded(self.notice, "scenario restart")(lambda _b: self.restart()))
        self.ending = ui.html()
        self.path_box = ui.vbox()
        return [
            ui.html(md(self.scenario.intro) + f"<p><strong>{escape(seat)}</strong></p>"),
            self.consequence,
            self.node,
            self.choices,
            self.ending,
            self.path_box,
            ui.hbox([self.back_button, self.restart_button]),
            ui.html(source_line(self.scenario.source)),
        ]

    def render(self) -> None:
        self._render(show_consequence=False)

    def restore(self, state: ActivityState) -> None:
        self.run.replay([(node_id, choice_id) for node_id, choice_id in state.path])
        super().restore(state)

    def _save(self) -> None:
        if self.tracker is not None:
            self.tracker.record(path=self.run.path)
            if self.run.at_ending:
                self.mark_done()

    # moving ----------------------------------------------------------------------------
    def choose(self, choice_id: str) -> None:
        self.run.choose(choice_id)
        self._save()
        self._render()

    def choose_nth(self, index: int) -> None:
        choices = self.run.node.choices
        if 0 <= index < len(choices):
            self.choose(choices[index].id)

    def back(self) -> None:
        self.run.back()
        self._save()
        self._render(show_consequence=False)

    def restart(self) -> None:
        self.run.restart()
        self._save()
        self._render(show_consequence=False)

    # drawing ---------------------------------------------------------------------------
    def _render(self, show_consequence: bool = True) -> None:
        node = self.run.node
        last = self.run.last_choice
        if show_consequence and last is not None and last.consequence:
            self.consequence.value = (
                f'<div class="hr-feedback" role="status"><p><strong>{_("What happens")}:</strong> '
                f"{escape(last.consequence)}</p></div>"
            )
        else:
            self.consequence.value = ""
        self.node.value = f'<div class="hr-panel hr-node">{md(node.text)}</div>'
        for i, b in enumerate(self.choice_buttons):
            if i < len(node.choices):
                b.description = node.choices[i].text
                b.tooltip = node.choices[i].text
                hidden(b, False)
            else:
                b.description = _("Choice {n}").format(n=i + 1)
                hidden(b)
        hidden(self.choices, not node.choices)
        self.back_button.disabled = not self.run.can_go_back
        hidden(self.restart_button, not self.run.at_ending)
        if node.ending is not None:
            kind = _(ENDING_KIND[node.ending.kind])
            self.ending.value = (
                f'<div class="hr-panel" role="status"><h4>{escape(_("Ending"))}: {escape(node.ending.title)}</h4>'
                f"<p><em>{escape(kind)}</em></p>{md(node.ending.debrief)}</div>"
            )
            self.path_box.children = self._path_views()
            self.restart_button.focus()
        else:
            self.ending.value = ""
            self.path_box.children = ()

    def path_text_html(self) -> str:
        stage_names = {s.id: s.name for s in self.cycle.stages} if self.cycle else {}
        nodes = {n.id: n for n in self.scenario.nodes}
        items = []
        for mark in self.run.stage_marks():
            choice = next(c for c in nodes[mark.node_id].choices if c.id == mark.choice_id)
            stage = stage_names.get(mark.stage, mark.stage)
            if mark.effect == "feeds":
                line = _("At “{stage}”, your choice “{choice}” fed the cycle.")
            else:
                line = _("At “{stage}”, your choice “{choice}” interrupted the cycle.")
            line = line.format(stage=stage, choice=choice.text)
            items.append(f"<li>{escape(line)}</li>")
        if not items:
            return f"<p>{escape(_('Your choices on this path did not touch a stage of the cycle.'))}</p>"
        return f"<h4>{_('Your path on the cycle')}</h4><ol>{''.join(items)}</ol>"

    def _path_views(self) -> tuple[w.Widget, ...]:
        text = ui.html(self.path_text_html())
        if self.cycle is None:
            return (text,)
        return (path_ring(self.cycle, self.run.stages_touched()), text)  # type: ignore[arg-type]
