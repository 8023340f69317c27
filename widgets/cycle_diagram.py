"""The cycle diagram (anywidget) with the stage explorer and an always-available text version.

The browser only learns the stage names, which are on screen anyway; what each stage
means is rendered by the kernel into the panel below when a stage is opened.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as w
import traitlets as t

from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Cycle, Stage

from . import ui
from .html import md, source_line
from .safe import ErrorNotice, button, guarded, hidden, is_hidden


class CycleRing(anywidget.AnyWidget):
    _esm = Path(__file__).parent / "static" / "cycle_diagram.js"

    label = t.Unicode("").tag(sync=True)
    centre_text = t.Unicode("").tag(sync=True)
    stages = t.List(t.Dict()).tag(sync=True)
    interventions = t.List(t.Dict()).tag(sync=True)
    selected = t.Unicode("").tag(sync=True)
    marks = t.Dict().tag(sync=True)
    mark_labels = t.Dict().tag(sync=True)

    def __init__(self, cycle: Cycle, label: str) -> None:
        super().__init__(
            label=label,
            centre_text=_("Praise and resources are mixed in with harm all the way round."),
            stages=[{"id": s.id, "name": s.name} for s in cycle.stages],
            interventions=[{"kind": i.kind, "stages": list(i.stages)} for i in cycle.interventions],
            mark_labels={"feeds": _("fed"), "interrupts": _("interrupted"), "both": _("fed and interrupted")},
            **ui.shared(),
        )


def stage_details_html(cycle: Cycle, stage_id: str) -> str:
    index, stage = next((i, s) for i, s in enumerate(cycle.stages) if s.id == stage_id)
    where = [i for i in cycle.interventions if stage_id in i.stages]
    extra = "".join(f"<p><strong>{escape(i.label)}:</strong> {escape(i.text)}</p>" for i in where)
    heading = _("Stage {n} of {total}: {name}").format(n=index + 1, total=len(cycle.stages), name=stage.name)
    return (
        f'<div class="hr-panel" role="region" aria-label="{escape(heading)}"><h3>{escape(heading)}</h3>'
        f"<p><strong>{_('What it is')}:</strong> {escape(stage.what_it_is)}</p>"
        f"<p><strong>{_('How it can look in an organization')}:</strong> {escape(stage.how_it_looks)}</p>"
        f"<p><strong>{_('What the side with more power can do')}:</strong> {escape(stage.disrupt)}</p>"
        f"{extra}</div>"
    )


def text_version_html(cycle: Cycle) -> str:
    items = "".join(
        f"<li><strong>{escape(s.name)}.</strong> {escape(s.what_it_is)} "
        f"<em>{_('In an organization')}:</em> {escape(s.how_it_looks)} "
        f"<em>{_('To disrupt it')}:</em> {escape(s.disrupt)}</li>"
        for s in cycle.stages
    )
    names = {s.id: s.name for s in cycle.stages}
    loop = _("The stages follow each other in a loop; after the last, the cycle starts again.")
    notes = "".join(
        f"<li><strong>{escape(i.label)}</strong> ({escape(', '.join(names[x] for x in i.stages))}): "
        f"{escape(i.text)}</li>"
        for i in cycle.interventions
    )
    return (
        f"<h3>{_('The cycle as text')}</h3><p>{escape(loop)}</p>"
        f"<ol>{items}</ol><p>{escape(cycle.interspersed_praise)}</p>"
        f"<h4>{_('Where prevention and accountability come in')}</h4><ul>{notes}</ul>"
    )


def legend_html(cycle: Cycle) -> str:
    kinds = {i.kind: i.label for i in cycle.interventions}
    parts = []
    if "prevention" in kinds:
        parts.append(f'<span class="hr-key hr-key-prevention"></span> {escape(kinds["prevention"])}')
    if "accountability" in kinds:
        parts.append(f'<span class="hr-key hr-key-accountability"></span> {escape(kinds["accountability"])}')
    return '<p class="hr-note">' + _("Dots inside the ring:") + " " + " · ".join(parts) + "</p>"


class CycleExplorer(w.VBox):
    """The diagram, the panel for the open stage, and the text version."""

    def __init__(self, activity_id: str, cycle: Cycle) -> None:
        self.activity_id = activity_id
        self.cycle = cycle
        self.notice = ErrorNotice()
        self.ring = CycleRing(cycle, _("The seven stages of the cycle. Open a stage to read about it."))
        hint = _(
            "Choose a stage on the ring to read what it is, how it looks and how to disrupt it. "
            "Arrow keys move round the ring."
        )
        self.details = ui.html(f'<p class="hr-note">{escape(hint)}</p>')
        self.text_button = button(_("Show the text version of the cycle"))
        self.text_version = ui.html(text_version_html(cycle))
        hidden(self.text_version)
        self.text_button.on_click(guarded(self.notice, "toggle cycle text")(lambda _b: self.toggle_text()))
        self.ring.observe(
            guarded(self.notice, "open stage")(lambda change: self.open_stage(str(change["new"]))), names="selected"
        )
        super().__init__(
            [
                ui.html(md(cycle.intro)),
                self.ring,
                ui.html(legend_html(cycle)),
                self.details,
                self.text_button,
                self.text_version,
                ui.html(source_line(cycle.source)),
                self.notice,
            ],
            **ui.shared(),
        )
        self.add_class("hr-root")
        self.add_class(f"hr-activity-{activity_id}")

    def open_stage(self, stage_id: str) -> None:
        if stage_id and stage_id in {s.id for s in self.cycle.stages}:
            if self.ring.selected != stage_id:
                self.ring.selected = stage_id
            self.details.value = stage_details_html(self.cycle, stage_id)

    def toggle_text(self) -> None:
        show = is_hidden(self.text_version)
        hidden(self.text_version, not show)
        self.text_button.description = _("Hide the text version") if show else _("Show the text version of the cycle")


def path_ring(cycle: Cycle, touched: dict[Stage, set[str]]) -> CycleRing:
    """The same ring, marking the stages a scenario path fed or interrupted."""
    ring = CycleRing(cycle, _("Your path on the cycle"))
    ring.marks = {stage: ("both" if len(effects) > 1 else next(iter(effects))) for stage, effects in touched.items()}
    return ring
