"""The shell of every module page: title, progress, "Take a break" and the support panel.

"Take a break" puts the class ``hr-on-break`` on the shell; the curriculum's Voilà
template then hides every other cell, so the whole page content goes out of view
(and out of the tab order) until the trainee comes back.
"""

from __future__ import annotations

import ipywidgets as w

from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Resources

from .safe import ErrorNotice, button, guarded, hidden, is_hidden
from .support import grounding_html, support_panel_html

BREAK_CLASS = "hr-on-break"


class PageShell(w.VBox):
    """Header bar of a module page. Activities report progress to it with :meth:`mark_done`."""

    def __init__(self, title: str, activity_ids: list[str] | None, resources: Resources | None) -> None:
        """``activity_ids`` are the activities that count toward progress; ``None`` shows no progress."""
        self.title = title
        self.show_progress = activity_ids is not None
        self.activity_ids = list(activity_ids or [])
        self.done: set[str] = set()
        self.notice = ErrorNotice()
        self.header = w.HTML()
        self.break_button = button(_("Take a break"), tooltip=_("Hide the module and rest; nothing is lost"))
        self.support_button = button(_("Support and help"), tooltip=_("Show or hide support services"))
        self.back_button = button(_("Back to the module"), primary=True)
        self.grounding_button = button(_("Show a grounding exercise"))
        self.break_message = w.HTML(
            value='<div role="status"><h2>'
            + _("You are taking a break")
            + "</h2><p>"
            + _(
                "The module is hidden. Everything you did is kept. Take the time you need; "
                "there is no timer. Come back when you are ready."
            )
            + "</p></div>"
        )
        self.grounding = w.HTML(value=grounding_html(resources))
        self.support = w.HTML(value=support_panel_html(resources))
        self.break_panel = w.VBox([self.break_message, self.grounding_button, self.grounding, self.back_button])
        for widget in (self.break_panel, self.grounding, self.support):
            hidden(widget)
        self.break_button.on_click(guarded(self.notice, "take a break")(lambda _b: self.take_break()))
        self.back_button.on_click(guarded(self.notice, "end break")(lambda _b: self.end_break()))
        self.support_button.on_click(guarded(self.notice, "toggle support")(lambda _b: self.toggle_support()))
        self.grounding_button.on_click(guarded(self.notice, "toggle grounding")(lambda _b: self.toggle_grounding()))
        controls = w.HBox([self.break_button, self.support_button], layout=w.Layout(flex_flow="row wrap"))
        super().__init__([self.header, controls, self.notice, self.break_panel, self.support])
        self.add_class("hr-shell")
        self.add_class("hr-root")
        self._render_header()

    # progress -----------------------------------------------------------------
    @property
    def progress(self) -> tuple[int, int]:
        return len(self.done & set(self.activity_ids)), len(self.activity_ids)

    def mark_done(self, activity_id: str) -> None:
        if activity_id in self.activity_ids and activity_id not in self.done:
            self.done.add(activity_id)
            self._render_header()

    def _render_header(self) -> None:
        if not self.show_progress:
            self.header.value = f'<div class="hr-shell-title"><strong>{escape(self.title)}</strong></div>'
            return
        done, total = self.progress
        label = _("{done} of {total} activities done").format(done=done, total=total)
        self.header.value = (
            f'<div class="hr-shell-title"><strong>{escape(self.title)}</strong> · '
            f'<span id="hr-progress-label">{escape(label)}</span> '
            f'<progress max="{total}" value="{done}" aria-label="{escape(label)}"></progress></div>'
        )

    # break --------------------------------------------------------------------
    @property
    def on_break(self) -> bool:
        return BREAK_CLASS in self._dom_classes

    def take_break(self) -> None:
        self.add_class(BREAK_CLASS)
        hidden(self.break_panel, False)
        hidden(self.support, False)
        hidden(self.break_button)
        self.support_button.description = _("Hide support")
        self.back_button.focus()

    def end_break(self) -> None:
        self.remove_class(BREAK_CLASS)
        hidden(self.break_panel)
        hidden(self.grounding)
        hidden(self.support)
        hidden(self.break_button, False)
        self.grounding_button.description = _("Show a grounding exercise")
        self.support_button.description = _("Support and help")
        self.break_button.focus()

    def toggle_support(self) -> None:
        show = is_hidden(self.support)
        hidden(self.support, not show)
        self.support_button.description = _("Hide support") if show else _("Support and help")

    def toggle_grounding(self) -> None:
        show = is_hidden(self.grounding)
        hidden(self.grounding, not show)
        self.grounding_button.description = _("Hide the grounding exercise") if show else _("Show a grounding exercise")
