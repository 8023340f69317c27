"""The shell of every page: title, progress, "Take a break", support, notes and data.

"Take a break" puts the class ``hr-on-break`` on the shell; the curriculum's Voilà
template then hides every other cell, so the whole page content goes out of view
(and out of the tab order) until the trainee comes back.

The language menu lists every language the content offers, each by its own name.
Choosing one remembers it in the browser and reloads the page with ``?lang=`` (see
``static/device_store.js``; the page template brings a trainee back to it next time).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any

import ipywidgets as w

from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Resources

from . import ui
from .device_store import DeviceStore
from .safe import ErrorNotice, button, guarded, hidden, is_hidden
from .session import ModuleSession
from .support import grounding_html, support_panel_html

BREAK_CLASS = "hr-on-break"

Exporter = Callable[[str], None]
"""Called with "md" or "html" to download the trainee's notes."""


def language_switch(
    languages: Mapping[str, str], current: str, store: DeviceStore | None, notice: ErrorNotice | None
) -> w.Dropdown | None:
    """The language menu ("Language" / "Idioma"), or None when there is only one language or no browser store.

    Options are named in their own language ("English", "Español"), so a trainee finds theirs
    whatever the page's language is.
    """
    if len(languages) < 2 or store is None:
        return None
    menu = ui.dropdown(_("Language"), [(name, code) for code, name in languages.items()])
    menu.value = current if current in languages else next(iter(languages))
    menu.add_class("hr-language")

    def changed(change: dict[str, Any]) -> None:
        chosen = change.get("new")
        if isinstance(chosen, str) and chosen != current:
            store.switch_language(chosen)

    menu.observe(guarded(notice, "switch language")(changed), names="value")
    return menu


class DataPanel(w.VBox):
    """Where a trainee's data lives, "Download my notes", "Start over" and "Clear my data"."""

    def __init__(self, session: ModuleSession, exporter: Exporter, notice: ErrorNotice) -> None:
        self.session = session
        privacy = _(
            "Your progress and notes are kept in this browser, on this device only. They are not "
            "saved on the server and a facilitator cannot see them. They stay until you clear them. "
            "On a shared computer, use “Clear my data” when you finish."
        )
        self.download_md = button(_("Download my notes (Markdown)"))
        self.download_html = button(_("Download my notes (printable page)"))
        self.start_over_button = button(_("Start this module over"))
        self.clear_button = button(_("Clear my data"))
        self.confirm_text = ui.html()
        self.confirm_yes = button(_("Yes, go ahead"), primary=True)
        self.confirm_no = button(_("Cancel"))
        self.confirm = ui.vbox([self.confirm_text, ui.hbox([self.confirm_yes, self.confirm_no])])
        self.confirm.add_class("hr-panel")
        hidden(self.confirm)
        self.pending: str | None = None
        self.download_md.on_click(guarded(notice, "download markdown")(lambda _b: exporter("md")))
        self.download_html.on_click(guarded(notice, "download html")(lambda _b: exporter("html")))
        self.start_over_button.on_click(guarded(notice, "ask start over")(lambda _b: self.ask("start-over")))
        self.clear_button.on_click(guarded(notice, "ask clear")(lambda _b: self.ask("clear")))
        self.confirm_yes.on_click(guarded(notice, "confirm")(lambda _b: self.confirmed()))
        self.confirm_no.on_click(guarded(notice, "cancel")(lambda _b: self.cancel()))
        actions = [self.download_md, self.download_html]
        if session.module_id:
            actions.append(self.start_over_button)
        actions.append(self.clear_button)
        super().__init__(
            [ui.html(f"<h2>{_('Your notes and data')}</h2><p>{escape(privacy)}</p>"), ui.hbox(actions), self.confirm],
            **ui.shared(),
        )
        self.add_class("hr-panel")

    def ask(self, what: str) -> None:
        self.pending = what
        if what == "clear":
            text = _(
                "This removes all your progress and notes for every module from this browser. "
                "It cannot be undone. Download your notes first if you want to keep them."
            )
            self.confirm_yes.description = _("Yes, clear my data")
        else:
            text = _(
                "This removes your choices and notes for this module from this browser, and starts it "
                "again from the top. It cannot be undone."
            )
            self.confirm_yes.description = _("Yes, start over")
        self.confirm_text.value = f'<p role="alert">{escape(text)}</p>'
        hidden(self.confirm, False)
        self.confirm_no.focus()

    def cancel(self) -> None:
        self.pending = None
        hidden(self.confirm)

    def confirmed(self) -> None:
        what, self.pending = self.pending, None
        hidden(self.confirm)
        if what == "clear":
            self.session.clear_all()
        elif what == "start-over":
            self.session.start_over()


class PageShell(w.VBox):
    """Header bar of a page. Progress and notes come from the page's :class:`ModuleSession`."""

    def __init__(
        self,
        title: str,
        activity_ids: list[str] | None,
        resources: Resources | None,
        session: ModuleSession | None = None,
        exporter: Exporter | None = None,
        activity_titles: dict[str, str] | None = None,
        live_panel: Callable[[], w.Widget] | None = None,
        languages: Mapping[str, str] | None = None,
        language: str = "en",
        title_language: str | None = None,
    ) -> None:
        """``activity_ids`` are the activities that count toward progress; ``None`` shows no progress.

        ``languages``: the languages to offer in the language menu (code -> own name), ``language`` the page's.
        ``title_language``: the title's language, when it is not the page's (an untranslated module).
        """
        self.title = title
        self.title_lang = f' lang="{escape(title_language)}"' if title_language else ""
        self.show_progress = activity_ids is not None
        self.activity_ids = list(activity_ids or [])
        self.activity_titles = activity_titles or {}
        self.session = session or ModuleSession("", None)
        self.notice = ErrorNotice()
        self.header = ui.html()
        self.restore_notice = ui.html()
        self.resources = resources
        self.exporter = exporter or (lambda _kind: None)
        self.break_button = button(_("Take a break"), tooltip=_("Hide the module and rest; nothing is lost"))
        self.support_button = button(_("Support and help"), tooltip=_("Show or hide support services"))
        self.data_button = button(_("My notes and data"), tooltip=_("Download, start over or clear your data"))
        self.break_button.on_click(guarded(self.notice, "take a break")(lambda _b: self.take_break()))
        self.support_button.on_click(guarded(self.notice, "toggle support")(lambda _b: self.toggle_support()))
        self.data_button.on_click(guarded(self.notice, "toggle data")(lambda _b: self.toggle_data()))
        controls: list[w.Widget] = [self.break_button, self.support_button, self.data_button]
        self.make_live_panel = live_panel
        if live_panel is not None:
            self.live_button = button(
                _("Live session"), tooltip=_("Join a live session with a code from your facilitator")
            )
            self.live_button.on_click(guarded(self.notice, "toggle live")(lambda _b: self.toggle_live()))
            controls.append(self.live_button)
        self.language_menu = language_switch(languages or {}, language, self.session.store, self.notice)
        if self.language_menu is not None:
            controls.append(self.language_menu)
        if self.session.store is not None:
            controls.append(self.session.store)
        self.controls = ui.hbox(controls)
        super().__init__([self.header, self.controls, self.notice, self.restore_notice], **ui.shared())
        self.add_class("hr-shell")
        self.add_class("hr-root")
        self.session.change_listeners.append(self._render_header)
        self.session.change_listeners.append(self._after_restore)
        self._render_header()

    # panels, built and attached the first time they are opened --------------------
    # Fewer widgets on a fresh page means it becomes usable sooner.
    _PANELS = ("resume", "live", "break_panel", "support", "data_panel")

    def _show(self, panel: w.Widget, show: bool = True) -> None:
        """Show or hide a panel, attaching it (in its fixed place) the first time it is shown."""
        current: tuple[w.Widget, ...] = tuple(getattr(self, "children"))  # noqa: B009 - traitlets trait
        if show and panel not in current:
            built = [getattr(self, name) for name in self._PANELS if name in self.__dict__]
            attached = [p for p in built if p in current or p is panel]
            self.children = (self.header, self.controls, self.notice, self.restore_notice, *attached)
        hidden(panel, not show)

    @cached_property
    def resume(self) -> w.VBox:
        self.resume_text = ui.html()
        self.resume_button = button(_("Go to where you stopped"), primary=True)
        self.resume_start_over = button(_("Start over"))
        self.resume_button.on_click(guarded(self.notice, "resume")(lambda _b: self.go_to_last_activity()))
        self.resume_start_over.on_click(guarded(self.notice, "resume start over")(lambda _b: self._ask_start_over()))
        panel = ui.vbox([self.resume_text, ui.hbox([self.resume_button, self.resume_start_over])])
        panel.add_class("hr-panel")
        hidden(panel)
        return panel

    @cached_property
    def live(self) -> w.Widget:
        assert self.make_live_panel is not None
        panel = self.make_live_panel()
        hidden(panel)
        return panel

    def toggle_live(self) -> None:
        show = is_hidden(self.live)
        self._show(self.live, show)
        self.live_button.description = _("Hide live session") if show else _("Live session")

    @cached_property
    def break_panel(self) -> w.VBox:
        message = ui.html(
            value='<div role="status"><h2>'
            + _("You are taking a break")
            + "</h2><p>"
            + _(
                "The module is hidden. Everything you did is kept. Take the time you need; "
                "there is no timer. Come back when you are ready."
            )
            + "</p></div>"
        )
        self.back_button = button(_("Back to the module"), primary=True)
        self.grounding_button = button(_("Show a grounding exercise"))
        self.grounding = ui.html(grounding_html(self.resources))
        hidden(self.grounding)
        self.back_button.on_click(guarded(self.notice, "end break")(lambda _b: self.end_break()))
        self.grounding_button.on_click(guarded(self.notice, "toggle grounding")(lambda _b: self.toggle_grounding()))
        panel = ui.vbox([message, self.grounding_button, self.grounding, self.back_button])
        hidden(panel)
        return panel

    @cached_property
    def support(self) -> w.HTML:
        panel = ui.html(support_panel_html(self.resources))
        hidden(panel)
        return panel

    @cached_property
    def data_panel(self) -> DataPanel:
        panel = DataPanel(self.session, self.exporter, self.notice)
        hidden(panel)
        return panel

    # progress -----------------------------------------------------------------
    @property
    def progress(self) -> tuple[int, int]:
        return self.session.module_state.done_among(self.activity_ids), len(self.activity_ids)

    def _render_header(self) -> None:
        if not self.show_progress:
            title = f"<strong{self.title_lang}>{escape(self.title)}</strong>"
            self.header.value = f'<div class="hr-shell-title">{title}</div>'
            return
        done, total = self.progress
        label = _("{done} of {total} activities done").format(done=done, total=total)
        self.header.value = (
            f'<div class="hr-shell-title"><strong{self.title_lang}>{escape(self.title)}</strong> · '
            f'<span id="hr-progress-label">{escape(label)}</span> '
            f'<progress max="{total}" value="{done}" aria-label="{escape(label)}"></progress></div>'
        )

    # coming back ----------------------------------------------------------------
    _greeted = False

    def _after_restore(self) -> None:
        if self._greeted or not self.session.restored:
            return
        self._greeted = True
        if self.session.notice:
            self.restore_notice.value = f'<p class="hr-panel" role="status">{escape(_(self.session.notice))}</p>'
        last = self.session.module_state.last_activity
        if self.session.module_id and last and not self.session.module_state.is_empty():
            where = self.activity_titles.get(last, "")
            text = _("Welcome back. Your progress on this device is restored.")
            if where:
                text += " " + _("You stopped at “{where}”.").format(where=where)
            panel = self.resume
            self.resume_text.value = f'<p role="status">{escape(text)}</p>'
            self._show(panel)

    def go_to_last_activity(self) -> None:
        last = self.session.module_state.last_activity
        if last and self.session.store is not None:
            self.session.store.scroll_to(f".hr-activity-{last}")
        hidden(self.resume)

    def _ask_start_over(self) -> None:
        self._show(self.data_panel)
        self.data_button.description = _("Hide my notes and data")
        self.data_panel.ask("start-over")

    # break --------------------------------------------------------------------
    @property
    def on_break(self) -> bool:
        return BREAK_CLASS in self._dom_classes

    def take_break(self) -> None:
        self.add_class(BREAK_CLASS)
        self._show(self.break_panel)
        self._show(self.support)
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
        self._show(self.support, show)
        self.support_button.description = _("Hide support") if show else _("Support and help")

    def toggle_data(self) -> None:
        show = is_hidden(self.data_panel)
        self._show(self.data_panel, show)
        self.data_button.description = _("Hide my notes and data") if show else _("My notes and data")

    def toggle_grounding(self) -> None:
        show = is_hidden(self.grounding)
        hidden(self.grounding, not show)
        self.grounding_button.description = _("Hide the grounding exercise") if show else _("Show a grounding exercise")
