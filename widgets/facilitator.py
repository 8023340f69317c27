"""The facilitator page: start a live session, poll the room, reveal results safely, end and export.

The page runs in its own kernel (its notebook is kept out of preheated pools) and talks to
the trainees' pages only through the session store (:func:`widgets.live_common.live_store`).
The facilitator key lives in this kernel's memory: it is shown once, in an HTML widget the
facilitator can clear, and is never put in any other synced trait.

While a session runs, the browser sends a tick every few seconds (:class:`DeviceStore`
``tick_seconds``); each tick refreshes the counts and, while a poll is open, its number of
answers. Results are never refreshed by a tick: they change only when the facilitator
asks, so a projector never shows more than they chose to show.

Presenter view puts the class ``hr-presenter`` on the page; the curriculum's Voilà
template then hides everything except the stage (``hr-presenter-stage``), which shows
the open poll's title and prompt in large type, never answers or feedback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle

from curriculum.content import Curriculum, ModuleBundle
from curriculum.i18n import _, ngettext
from curriculum.live_polls import PollTemplate, poll_templates
from curriculum.paths import guides_dir
from curriculum.render import escape

from . import ui
from .device_store import DeviceStore
from .html import md
from .live_common import FACILITATOR_TICK_SECONDS, live_store, min_answers
from .safe import ErrorNotice, button, guarded, hidden, log_failure

if TYPE_CHECKING:
    from curriculum.stores.live import LiveStore, PollResults

PRESENTER_CLASS = "hr-presenter"
STAGE_CLASS = "hr-presenter-stage"
PREFER_NOT = "prefer-not"

T = TypeVar("T")


class _Failed:
    """What :meth:`FacilitatorPage._call` returns when the store refused (the reason is on the page)."""


FAILED = _Failed()


def _status(text: str) -> str:
    return f'<p role="status">{escape(text)}</p>'


def _alert(text: str) -> str:
    return f'<p role="alert" class="hr-panel">{escape(text)}</p>'


def _checkbox(description: str) -> w.Checkbox:
    """A checkbox whose visible label (``description``) is its accessible name."""
    return w.Checkbox(
        value=False,
        description=description,
        indent=False,
        layout=ui.layout("auto-width"),
        style=ui.style(CheckboxStyle, description_width="initial"),
    )


def _section(title: str, children: list[w.Widget], css: str) -> w.VBox:
    box = ui.vbox([ui.html(f"<h2>{escape(title)}</h2>"), *children])
    box.add_class("hr-panel")
    box.add_class(css)
    return box


def results_html(results: PollResults, title: str) -> str:
    """Counts as a bar chart (for the eye) and a table (the text equivalent), or why they are not shown."""
    if not results.shown:
        return _status(_(results.message or "Too few answers to show safely."))
    total = results.total
    bars, rows = [], []
    for count in results.counts:
        label = _("Prefer not to answer") if count.option_id == PREFER_NOT else count.label
        share = round(100 * count.count / total) if total else 0
        bars.append(
            '<div class="hr-bar-row">'
            f'<span class="hr-bar-label">{escape(label)}</span>'
            f'<span class="hr-bar-track"><span class="hr-bar" style="width:{share}%"></span></span>'
            f'<span class="hr-bar-count">{count.count}</span></div>'
        )
        rows.append(
            f'<tr><th scope="row">{escape(label)}</th><td class="num">{count.count}</td>'
            f'<td class="num">{share}%</td></tr>'
        )
    caption = ngettext(
        "{question} ({total} answer in all)",
        "{question} ({total} answers in all)",
        total,
    ).format(question=results.question, total=total)
    return (
        f'<div class="hr-results"><h3>{escape(_("Results: {title}").format(title=title))}</h3>'
        f'<div class="hr-bars" aria-hidden="true">{"".join(bars)}</div>'
        f'<table class="hr-table"><caption>{escape(caption)}</caption><thead><tr>'
        f'<th scope="col">{escape(_("Answer"))}</th><th scope="col">{escape(_("Count"))}</th>'
        f'<th scope="col">{escape(_("Share"))}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


class FacilitatorPage(w.VBox):
    """Everything a facilitator needs beside the room, for the modules of the curriculum's registry."""

    def __init__(
        self,
        curriculum: Curriculum,
        *,
        device: DeviceStore | None = None,
        store: Callable[[], LiveStore] = live_store,
    ) -> None:
        self.curriculum = curriculum
        self.device = device or DeviceStore("")
        self._store = store
        self.notice = ErrorNotice()
        self.modules: dict[str, ModuleBundle] = dict(curriculum.modules)
        # The session, in this kernel only. The key never goes into a synced trait except the
        # one-off message that shows it.
        self.session_id: str | None = None
        self.join_code = ""
        self.module_id: str | None = None
        self._key = ""
        self.free_text_allowed = False
        self.ended = False
        self.templates: list[PollTemplate] = []
        self.poll_id: int | None = None
        self.poll_template: PollTemplate | None = None
        self.poll_open = False
        self.presenting = False

        def on(b: w.Button, what: str, action: Callable[[], None]) -> None:
            b.on_click(guarded(self.notice, what)(lambda _b: action()))

        # start ---------------------------------------------------------------------------------
        self.module_choice = ui.dropdown(
            _("Module"), [(bundle.module.title, module_id) for module_id, bundle in self.modules.items()]
        )
        self.free_text_choice = _checkbox(_("Allow written answers"))
        self.start_button = button(_("Start a session"), primary=True)
        self.start_status = ui.html()
        on(self.start_button, "start session", self.start)
        intro = _(
            "Start a session, then read the join code out to the room. Trainees join from the module's "
            "page with “Live session”. Nobody's name is asked for or shown here."
        )
        written = _(
            "Written answers are off unless you allow them. When they are on, you choose poll by poll, "
            "and you can hide any written answer before the room sees it."
        )
        self.start_box = _section(
            _("Start a session"),
            [
                ui.html(f"<p>{escape(intro)}</p>"),
                self.module_choice,
                self.free_text_choice,
                ui.html(f'<p class="hr-note">{escape(written)}</p>'),
                ui.hbox([self.start_button]),
                self.start_status,
            ],
            "hr-start",
        )
        if not self.modules:
            self.start_status.value = _alert(_("No module can be used right now, so a session cannot start."))
            hidden(self.start_button)

        # take a running session back (another page, or after a reload) -------------------------
        self.resume_code = ui.text(_("Join code of the session"))
        self.resume_key = ui.password(_("Facilitator key"))
        self.resume_button = button(_("Manage this session"))
        self.resume_status = ui.html()
        on(self.resume_button, "resume session", self.resume)
        self.resume_box = _section(
            _("Manage a session that is already running"),
            [
                ui.html(
                    "<p>"
                    + escape(_("After a reload, or from another computer: type the join code and the key."))
                    + "</p>"
                ),
                self.resume_code,
                self.resume_key,
                ui.hbox([self.resume_button]),
                self.resume_status,
            ],
            "hr-resume",
        )

        # join code and key ---------------------------------------------------------------------
        self.code_html = ui.html()
        self.key_html = ui.html()
        self.hide_key_button = button(_("Hide the key"))
        on(self.hide_key_button, "hide key", self.hide_key)
        self.key_box = ui.vbox([self.key_html, ui.hbox([self.hide_key_button])])
        self.key_box.add_class("hr-panel")

        # counts --------------------------------------------------------------------------------
        self.counts = ui.html()
        self.refresh_button = button(_("Refresh"))
        on(self.refresh_button, "refresh", self.refresh)
        counts_box = _section(_("The room"), [self.counts, ui.hbox([self.refresh_button])], "hr-counts")

        # polls ---------------------------------------------------------------------------------
        self.poll_choice = ui.dropdown(_("Poll"), [])
        self.poll_free_text = _checkbox(_("Take written answers in this poll"))
        self.open_button = button(_("Open this poll"), primary=True)
        self.close_button = button(_("Close the poll"))
        self.reveal_button = button(_("Reveal results"))
        self.poll_status = ui.html()
        self.results = ui.html()
        self.free_text_box = ui.vbox()
        on(self.open_button, "open poll", self.open_poll)
        on(self.close_button, "close poll", self.close_poll)
        on(self.reveal_button, "reveal results", self.reveal)
        polls_note = _(
            "Open a poll when the group reaches a vignette, a story step or a scenario decision. Answers are "
            "anonymous. Results appear only when you reveal them, and only once at least {k} people have answered."
        ).format(k=min_answers())
        self.poll_controls = ui.vbox(
            [
                self.poll_choice,
                self.poll_free_text,
                ui.hbox([self.open_button, self.close_button, self.reveal_button]),
            ]
        )
        self.polls_box = _section(
            _("Polls"),
            [
                ui.html(f"<p>{escape(polls_note)}</p>"),
                self.poll_controls,
                self.poll_status,
                self.results,
                self.free_text_box,
            ],
            "hr-polls",
        )

        # pace ----------------------------------------------------------------------------------
        self.pace_choice = ui.dropdown(_("Activity"), [])
        self.send_button = button(_("Send everyone here"))
        self.self_pace_button = button(_("Let everyone self-pace"))
        self.pace_status = ui.html()
        on(self.send_button, "set pace", self.send_everyone)
        on(self.self_pace_button, "self pace", self.let_self_pace)
        self.pace_box = _section(
            _("Pace"),
            [self.pace_choice, ui.hbox([self.send_button, self.self_pace_button]), self.pace_status],
            "hr-pace",
        )

        # guide ---------------------------------------------------------------------------------
        self.guide_button = button(_("Download the facilitator guide"))
        self.guide_status = ui.html()
        on(self.guide_button, "download guide", self.download_guide)
        guide_note = _("A printable page with the agenda, debrief questions and the distress and disclosure protocol.")
        guide_box = _section(
            _("Facilitator guide"),
            [ui.html(f"<p>{escape(guide_note)}</p>"), ui.hbox([self.guide_button]), self.guide_status],
            "hr-guide",
        )

        # presenter view ------------------------------------------------------------------------
        self.presenter_button = button(_("Presenter view"))
        on(self.presenter_button, "presenter view", lambda: self.present(True))
        self.presenter_controls = ui.hbox([self.presenter_button])
        self.presenter_controls.add_class("hr-presenter-controls")
        self.stage_html = ui.html()
        self.leave_presenter_button = button(_("Leave presenter view"))
        on(self.leave_presenter_button, "leave presenter view", lambda: self.present(False))
        self.stage = ui.vbox([self.stage_html, ui.hbox([self.leave_presenter_button])])
        self.stage.add_class(STAGE_CLASS)
        hidden(self.stage)

        # end -----------------------------------------------------------------------------------
        self.end_button = button(_("End the session"))
        self.end_confirm_text = ui.html()
        self.end_yes = button(_("Yes, end the session"), primary=True)
        self.end_no = button(_("No, keep it running"))
        self.end_confirm = ui.vbox([self.end_confirm_text, ui.hbox([self.end_yes, self.end_no])])
        hidden(self.end_confirm)
        self.end_status = ui.html()
        self.csv_button = button(_("Download the totals (CSV)"))
        hidden(self.csv_button)
        on(self.end_button, "ask end session", self.ask_end)
        on(self.end_yes, "end session", self.end)
        on(self.end_no, "keep session", self.keep_running)
        on(self.csv_button, "export csv", self.download_csv)
        self.end_box = _section(
            _("End the session"),
            [ui.hbox([self.end_button]), self.end_confirm, self.end_status, ui.hbox([self.csv_button])],
            "hr-end",
        )

        self.session_box = ui.vbox(
            [
                self.code_html,
                self.key_box,
                counts_box,
                self.polls_box,
                self.pace_box,
                self.presenter_controls,
                self.end_box,
            ]
        )
        hidden(self.session_box)
        self.device.tick_listeners.append(guarded(self.notice, "facilitator tick")(self.refresh))
        header = _(
            "This page is for the person leading a live session. Keep it on your own screen; use "
            "“Presenter view” for a projector."
        )
        super().__init__(
            [
                ui.html(f"<h1>{escape(_('Facilitator page'))}</h1><p>{escape(header)}</p>"),
                self.notice,
                self.start_box,
                self.resume_box,
                self.session_box,
                guide_box,
                self.stage,
                self.device,
            ],
            **ui.shared(),
        )
        self.add_class("hr-root")
        self.add_class("hr-facilitator")

    # helpers ------------------------------------------------------------------------------------

    @property
    def store(self) -> LiveStore:
        return self._store()

    def _call(self, where: w.HTML, action: Callable[[], T]) -> T | _Failed:
        """Run a store call; a :class:`LiveError` is shown in ``where`` in plain words and gives ``FAILED``."""
        from curriculum.stores.live import LiveError

        try:
            return action()
        except LiveError as error:
            where.value = _alert(_(str(error)))
            return FAILED

    @property
    def bundle(self) -> ModuleBundle | None:
        module_id = self.module_id or self.module_choice.value
        return self.modules.get(module_id) if module_id else None

    # start ----------------------------------------------------------------------------------

    def start(self) -> None:
        module_id = self.module_choice.value
        if not module_id or module_id not in self.modules or self.session_id is not None:
            return
        allow = bool(self.free_text_choice.value)
        new = self._call(self.start_status, lambda: self.store.create_session(module_id, free_text_allowed=allow))
        if isinstance(new, _Failed):
            return
        self._enter(new.session_id, new.join_code, new.facilitator_key, module_id, allow, show_key=True)

    def resume(self) -> None:
        """Take back a running session with its join code and key (the key is not shown again)."""
        if self.session_id is not None:
            return
        code, key = self.resume_code.value, self.resume_key.value
        found = self._call(self.resume_status, lambda: self.store.resume_session(code, key))
        if isinstance(found, _Failed):
            return
        if found.module_id not in self.modules:
            self.resume_status.value = _alert(_("This session's module cannot be used right now."))
            return
        self.resume_key.value = ""
        self._enter(found.session_id, found.join_code, key, found.module_id, found.free_text_allowed, show_key=False)
        current = self.store.current_poll(found.session_id)
        if current is not None:
            template = next(
                (t for t in self.templates if t.activity_id == current.activity_id and t.question == current.question),
                None,
            )
            if template is not None:
                self.poll_id, self.poll_template, self.poll_open = current.poll_id, template, True
                self.refresh()
                self._update_stage()

    def _enter(self, session_id: str, join_code: str, key: str, module_id: str, allow: bool, *, show_key: bool) -> None:
        self.session_id, self.join_code, self._key = session_id, join_code, key
        self.module_id, self.free_text_allowed = module_id, allow
        bundle = self.modules[module_id]
        self.templates = poll_templates(bundle)
        self.poll_choice.options = [(template.title, str(i)) for i, template in enumerate(self.templates)]
        titles = {activity.id: activity.title for activity in bundle.module.activities}
        outline = [item.activity for item in bundle.module.outline if item.activity in titles]
        self.pace_choice.options = [(titles[a], a) for a in outline if a is not None]
        # Options given after the dropdown was built leave nothing selected: select the first.
        self.poll_choice.index = 0 if self.templates else None
        self.pace_choice.index = 0 if self.pace_choice.options else None
        hidden(self.poll_free_text, not allow)
        if not self.templates:
            hidden(self.poll_controls)
            self.poll_status.value = _status(_("This module has no activities to poll."))
        self.code_html.value = self._code_html(bundle)
        if show_key:
            self.key_html.value = self._key_html()
        else:
            self.key_html.value = _status(_("You are managing this session again. The key stays hidden."))
            hidden(self.hide_key_button)
        hidden(self.start_box)
        hidden(self.resume_box)
        hidden(self.session_box, False)
        self.start_status.value = ""
        self.refresh()
        self._update_pace()
        self._update_stage()
        self.device.tick_seconds = FACILITATOR_TICK_SECONDS
        (self.hide_key_button if show_key else self.refresh_button).focus()

    def _code_html(self, bundle: ModuleBundle) -> str:
        spaced = " ".join(self.join_code)
        how = _("Trainees open “{title}”, choose “Live session” and type this code.").format(title=bundle.module.title)
        return (
            '<section class="hr-panel hr-join" aria-labelledby="hr-join-code-label">'
            f'<h2 id="hr-join-code-label">{escape(_("Join code"))}</h2>'
            f'<p class="hr-join-code">{escape(spaced)}</p>'
            f"<p>{escape(how)}</p></section>"
        )

    def _key_html(self) -> str:
        keep = _("Keep this key to manage the session. It will not be shown again.")
        reload_note = _(
            "If this page is reloaded or closed, open the facilitator page again and choose "
            "“Manage a session that is already running”: the join code and this key take it back."
        )
        return (
            f'<div role="status"><h2>{escape(_("Facilitator key"))}</h2>'
            f'<p class="hr-facilitator-key"><code>{escape(self._key)}</code></p>'
            f"<p><strong>{escape(keep)}</strong></p><p>{escape(reload_note)}</p></div>"
        )

    def hide_key(self) -> None:
        self.key_html.value = _status(_("The facilitator key is hidden. It cannot be shown again."))
        hidden(self.hide_key_button)
        self.refresh_button.focus()

    # counts ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Counts and, while a poll is open, its number of answers (the tick calls this too)."""
        if self.session_id is None or self.ended:
            return
        session_id, store = self.session_id, self.store
        if not store.is_running(session_id):
            self._show_ended(_("This session has ended or expired. Raw answers are deleted when a session ends."))
            return
        joined = store.participant_count(session_id)
        moments = self._call(self.counts, lambda: store.moment_count(session_id, self._key))
        if isinstance(moments, _Failed):
            return
        text = (
            ngettext("{n} trainee joined", "{n} trainees joined", joined).format(n=joined)
            + ". "
            + ngettext("{n} “I need a moment” signal", "{n} “I need a moment” signals", moments).format(n=moments)
            + "."
        )
        value = _status(text)
        if self.counts.value != value:
            self.counts.value = value
        self._update_answer_count()

    def _update_answer_count(self) -> None:
        if self.poll_id is None or self.poll_template is None:
            return
        poll_id = self.poll_id
        found = self._call(self.poll_status, lambda: self.store.results(poll_id, self._key, k=min_answers()))
        if isinstance(found, _Failed):
            return
        total = found.total
        answers = ngettext("{n} answer", "{n} answers", total).format(n=total)
        if self.poll_open:
            text = _("Open: {title}. {answers} so far.").format(title=self.poll_template.title, answers=answers)
        else:
            text = _("Closed: {title}. {answers} in all.").format(title=self.poll_template.title, answers=answers)
        value = _status(text)
        if self.poll_status.value != value:
            self.poll_status.value = value

    # polls ----------------------------------------------------------------------------------

    def selected_template(self) -> PollTemplate | None:
        value = self.poll_choice.value
        return self.templates[int(value)] if value is not None else None

    def open_poll(self) -> None:
        template = self.selected_template()
        if self.session_id is None or template is None:
            return
        session_id = self.session_id
        free_text = self.free_text_allowed and bool(self.poll_free_text.value)
        opened = self._call(
            self.poll_status,
            lambda: self.store.open_poll(
                session_id, self._key, template.activity_id, template.question, template.options, free_text=free_text
            ),
        )
        if isinstance(opened, _Failed):
            return
        self.poll_id, self.poll_template, self.poll_open = opened, template, True
        self.results.value = ""
        self.free_text_box.children = []
        self._update_answer_count()
        self._update_stage()

    def close_poll(self) -> None:
        poll_id = self.poll_id
        if poll_id is None or not self.poll_open:
            self.poll_status.value = _status(_("No poll is open."))
            return
        if isinstance(self._call(self.poll_status, lambda: self.store.close_poll(poll_id, self._key)), _Failed):
            return
        self.poll_open = False
        self._update_answer_count()
        self._update_stage()

    def reveal(self) -> None:
        """Show the results of the current poll, if enough people answered; written answers after them."""
        poll_id, template = self.poll_id, self.poll_template
        if poll_id is None or template is None:
            self.results.value = _status(_("Open a poll first."))
            return
        results = self._call(self.results, lambda: self.store.results(poll_id, self._key, k=min_answers()))
        if isinstance(results, _Failed):
            return
        self.results.value = results_html(results, template.title)
        self._show_free_texts(results.shown)

    def _show_free_texts(self, shown: bool) -> None:
        poll_id = self.poll_id
        if poll_id is None or not shown:
            self.free_text_box.children = []
            return
        texts = self._call(self.results, lambda: self.store.free_texts(poll_id, self._key, k=min_answers()))
        if isinstance(texts, _Failed):
            return
        if not texts:
            self.free_text_box.children = []
            return
        rows: list[w.Widget] = [ui.html(f"<h3>{escape(_('Written answers'))}</h3>")]
        hidden_count = 0
        number = 0
        for text in texts:
            if text.hidden:
                hidden_count += 1
                continue
            number += 1
            hide = button(_("Hide answer {n}").format(n=number))
            hide.on_click(
                guarded(self.notice, "hide written answer")(lambda _b, answer_id=text.answer_id: self.hide(answer_id))
            )
            quote = ui.html(f'<blockquote class="hr-written"><p>{escape(text.text)}</p></blockquote>')
            rows.append(ui.hbox([quote, hide]))
        if hidden_count:
            rows.append(
                ui.html(
                    _status(
                        ngettext(
                            "{n} written answer is hidden.", "{n} written answers are hidden.", hidden_count
                        ).format(n=hidden_count)
                    )
                )
            )
        self.free_text_box.children = rows

    def hide(self, answer_id: str) -> None:
        if not isinstance(self._call(self.results, lambda: self.store.hide_free_text(answer_id, self._key)), _Failed):
            self._show_free_texts(True)

    # pace -----------------------------------------------------------------------------------

    def send_everyone(self) -> None:
        activity_id = self.pace_choice.value
        if self.session_id is None or not activity_id:
            return
        session_id = self.session_id
        if not isinstance(
            self._call(self.pace_status, lambda: self.store.set_pace(session_id, self._key, activity_id)), _Failed
        ):
            self._update_pace()

    def let_self_pace(self) -> None:
        if self.session_id is None:
            return
        session_id = self.session_id
        if not isinstance(
            self._call(self.pace_status, lambda: self.store.set_pace(session_id, self._key, None)), _Failed
        ):
            self._update_pace()

    def _update_pace(self) -> None:
        if self.session_id is None:
            return
        current = self.store.pace(self.session_id)
        bundle = self.bundle
        titles = {a.id: a.title for a in bundle.module.activities} if bundle is not None else {}
        if current is None:
            text = _("Everyone goes at their own pace.")
        else:
            text = _("Everyone is sent to “{title}”.").format(title=titles.get(current, current))
        self.pace_status.value = _status(text)

    # presenter view -------------------------------------------------------------------------

    def present(self, on: bool) -> None:
        self.presenting = on
        self._update_stage()
        if on:
            self.add_class(PRESENTER_CLASS)
            hidden(self.stage, False)
            self.leave_presenter_button.focus()
        else:
            self.remove_class(PRESENTER_CLASS)
            hidden(self.stage)
            self.presenter_button.focus()

    def _update_stage(self) -> None:
        """The stage shows the open poll's title and prompt; without one, the module title and a wait."""
        template = self.poll_template if self.poll_open else None
        if template is not None:
            self.stage_html.value = (
                f'<div class="hr-stage-text"><h2>{escape(template.title)}</h2>{md(template.prompt)}'
                f'<p class="hr-stage-question"><strong>{escape(template.question)}</strong></p></div>'
            )
            return
        bundle = self.bundle
        title = bundle.module.title if bundle is not None else _("Live session")
        self.stage_html.value = (
            f'<div class="hr-stage-text"><h2>{escape(title)}</h2>'
            f"<p>{escape(_('Waiting for the next activity'))}</p></div>"
        )

    # guide ----------------------------------------------------------------------------------

    def download_guide(self) -> None:
        from curriculum.guides import load_guide, render_guide_html

        bundle = self.bundle
        if bundle is None:
            return
        module_id = bundle.module.id
        unavailable = _alert(_("The facilitator guide for this module is not available right now."))
        path = guides_dir(self.curriculum.root) / f"{module_id}.md"
        if not path.is_file():
            self.guide_status.value = unavailable
            return
        loaded, problems = load_guide(path)
        if loaded.guide is None or loaded.guide.module != module_id or any(p.severity == "error" for p in problems):
            self.guide_status.value = unavailable
            return
        lang = self.curriculum.registry.language if self.curriculum.registry is not None else "en"
        try:
            page = render_guide_html(loaded.guide, loaded.body, bundle.module, lang=lang)
        except Exception:
            log_failure("rendering the facilitator guide")
            self.guide_status.value = unavailable
            return
        self.device.download(f"facilitator-guide-{module_id}.html", "text/html", page)
        self.guide_status.value = _status(_("The guide is downloading as a printable page."))

    # end ------------------------------------------------------------------------------------

    def ask_end(self) -> None:
        text = _(
            "End the session now? Trainees can no longer answer. Every answer, written answer and signal is "
            "deleted; only the totals per option are kept. This cannot be undone."
        )
        self.end_confirm_text.value = f'<p role="alert">{escape(text)}</p>'
        hidden(self.end_confirm, False)
        self.end_no.focus()

    def keep_running(self) -> None:
        hidden(self.end_confirm)
        self.end_confirm_text.value = ""
        self.end_button.focus()

    def end(self) -> None:
        if self.session_id is None:
            return
        session_id = self.session_id
        hidden(self.end_confirm)
        if isinstance(self._call(self.end_status, lambda: self.store.end_session(session_id, self._key)), _Failed):
            return
        self._show_ended(
            _("The session has ended. Raw answers, written answers and signals are deleted; only the totals are kept.")
        )

    def _show_ended(self, text: str) -> None:
        self.ended = True
        self.poll_open = False
        self.device.tick_seconds = 0
        if self.presenting:
            self.present(False)
        for box in (self.polls_box, self.pace_box, self.presenter_controls, self.end_button, self.end_confirm):
            hidden(box)
        self.code_html.value = _status(_("Session {code} has ended.").format(code=self.join_code))
        self.key_html.value = ""
        hidden(self.key_box)
        self.counts.value = ""
        self.end_status.value = _status(text)
        hidden(self.csv_button, False)
        self.csv_button.focus()

    def download_csv(self) -> None:
        if self.session_id is None:
            return
        session_id = self.session_id
        exported = self._call(self.end_status, lambda: self.store.export_csv(session_id, self._key, k=min_answers()))
        if isinstance(exported, _Failed):
            return
        self.device.download(f"live-session-{self.module_id}-totals.csv", "text/csv", exported)
