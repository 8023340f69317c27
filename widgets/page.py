"""What notebook cells call: one function per cell, each building and displaying one view.

A module page is one kernel, so the shell of the page is kept here by module id and
the activities report their progress to it.

Each page has one language, chosen the first time a builder runs (:func:`page_language`):
``?lang=`` in the page's address, else the browser's languages, else English. The interface
strings and the content both follow it; a module not yet translated says so, in the page's
language, and shows its English content marked ``lang="en"``.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import ipywidgets as w
from IPython.display import HTML, display

from curriculum import locales
from curriculum.content import Curriculum, ModuleBundle, load_curriculum
from curriculum.i18n import _, set_language
from curriculum.live_polls import POLLED_CONTENT
from curriculum.paths import content_dir
from curriculum.problems import ContentError
from curriculum.render import escape
from curriculum.stores.learner_state import ModuleState

from . import ui
from .activity_views import activity_view
from .device_store import DeviceStore
from .html import bullet_list, md
from .safe import ErrorNotice, friendly_error_html, log, log_failure
from .session import ActivityTracker, ModuleSession
from .shell import PageShell, language_switch

_sessions: dict[str, ModuleSession] = {}
_poll_slots: dict[str, dict[str, w.VBox]] = {}
_reported: set[str] = set()
_language: str | None = None
_explicit = False


def page_language() -> str:
    """The language of this page, chosen once per kernel from its address and the browser's languages."""
    if _language is None:
        return use_language(locales.page_language(locales.available_languages(content_dir())))
    return _language


def use_language(language: str, *, explicit: bool | None = None) -> str:
    """Show this kernel's pages in ``language`` (tests call this; pages call :func:`page_language`).

    ``explicit``: the address asked for the language with ``?lang=``, so links carry it on
    (read from the environment when not given).
    """
    global _language, _explicit
    _language = language
    _explicit = locales.asked_explicitly() if explicit is None else explicit
    set_language(language)
    return language


def page_link(href: str) -> str:
    """A link to another page of the curriculum, in this page's language."""
    return locales.with_language(href, page_language(), always=_explicit)


def _curriculum() -> Curriculum:
    return load_curriculum(language=page_language())


def _in_english(markup: str, module_id: str | None = None) -> str:
    """Mark content shown in English on a page in another language (``lang="en"``), so it is read right."""
    cur = _curriculum()
    if cur.language == locales.DEFAULT_LANGUAGE or (module_id is not None and cur.is_translated(module_id)):
        return markup
    return f'<div lang="en">{markup}</div>'


def untranslated_notice_html() -> str:
    """Said on a module page whose content is not in the page's language yet."""
    return '<p class="hr-panel hr-untranslated" role="note">{}</p>'.format(
        escape(_("This module is not translated yet; its content is shown in English."))
    )


def unavailable_html() -> str:
    return (
        '<div class="hr-panel" role="alert"><h2>'
        + _("This module cannot open right now")
        + "</h2><p>"
        + _("This module has content that needs fixing before it can be shown. The other modules still work.")
        + f'</p><p><a href="{escape(page_link("index.ipynb"))}">'
        + _("Back to the list of modules")
        + "</a></p></div>"
    )


def _bundle(module_id: str) -> ModuleBundle | None:
    try:
        return _curriculum().module(module_id)
    except ContentError as err:
        if module_id not in _reported:  # every cell asks; the server log says it once
            _reported.add(module_id)
            for problem in err.problems:
                log.warning("module %s is unavailable: %s", module_id, problem.format())
        return None


def _safely(what: str, build: Callable[[], w.Widget | HTML | None]) -> w.Widget | HTML | None:
    """Build a view; on any error log it and return the friendly message instead."""
    try:
        return build()
    except Exception:
        log_failure(f"building {what}")
        return ui.html(friendly_error_html())


# builders (tested without a browser) ------------------------------------------------


def build_shell(module_id: str) -> w.Widget:
    bundle = _bundle(module_id)
    if bundle is None:
        return ui.html(unavailable_html())
    counted = bundle.module.counted_activity_ids
    session = ModuleSession(module_id, _device_store(module_id, bundle.module.title))
    shell = PageShell(
        bundle.module.title,
        counted,
        _curriculum().resources,
        session=session,
        exporter=lambda kind: export_notes(session, [module_id], kind),
        activity_titles={a.id: a.title for a in bundle.module.activities},
        live_panel=lambda: _live_panel(module_id, session),
        languages=_curriculum().languages,
        language=page_language(),
        title_language=None if _curriculum().is_translated(module_id) else "en",
    )
    _sessions[module_id] = session
    _poll_slots[module_id] = {}
    return shell


def _live_panel(module_id: str, session: ModuleSession) -> w.Widget:
    """Built the first time a trainee opens "Live session": live features cost nothing before."""
    from .live_panel import LivePanel

    bundle = _bundle(module_id)
    titles = {a.id: a.title for a in bundle.module.activities} if bundle is not None else {}
    notice = ErrorNotice()
    panel = LivePanel(module_id, session.store, _poll_slots.setdefault(module_id, {}), titles, notice)
    return ui.vbox([panel, notice])


def _leave_url() -> str | None:
    return os.environ.get("HARM_REPAIR_LEAVE_URL") or None


def _device_store(module_id: str, title: str = "") -> DeviceStore:
    """The page's bridge to the browser, which also sets the page's ``lang`` (and its title, in another language)."""
    language = page_language()
    return DeviceStore(
        module_id,
        leave_url=_leave_url(),
        language=language,
        page_title=title if language != locales.DEFAULT_LANGUAGE else "",
    )


def export_notes(session: ModuleSession, module_ids: list[str], kind: str) -> None:
    """Build the trainee's notes in memory and hand them to their browser as a download."""
    from curriculum.export import export_filename, export_lines, to_html, to_markdown

    if session.store is None:
        return
    lines = export_lines(_curriculum(), session.state, module_ids)
    single = module_ids[0] if len(module_ids) == 1 else None
    if kind == "html":
        session.store.download(export_filename(single, "html"), "text/html", to_html(lines))
    else:
        session.store.download(export_filename(single, "md"), "text/markdown", to_markdown(lines))


def static_html(markup: str) -> HTML:
    """Text that never changes, shown as a plain cell output rather than a widget.

    A widget costs a model the browser must fetch and render before the page is
    usable; a plain output arrives with the page itself. The markup comes from the
    safe renderer (:mod:`curriculum.render`), which escapes raw HTML in content.
    """
    return HTML(f'<div class="hr-static">{markup}</div>')


def build_overview(module_id: str) -> HTML | None:
    bundle = _bundle(module_id)
    if bundle is None:
        return None
    m = bundle.module
    total = m.teaching_minutes + m.activity_minutes
    timing = _(
        "About {total} minutes: {teaching} of reading and {activities} of activities. "
        "There is no timer; go at your own pace."
    ).format(total=total, teaching=m.teaching_minutes, activities=m.activity_minutes)
    sources = "; ".join(f"“{s.section}”" for s in m.sources)
    drawn_from = _("Drawn from the Harm and Repair report: {sources}.").format(sources=sources)
    html = (
        _in_english(md(m.overview), module_id)
        + f"<h3>{_('What you will be able to do')}</h3>"
        + _in_english(bullet_list(m.objectives), module_id)
        + f"<h3>{_('Who it is for')}</h3>"
        + _in_english(bullet_list(m.audience), module_id)
        + f"<h3>{_('Time')}</h3><p>{escape(timing)}</p>"
        + f"<h3>{_('Content note for this module')}</h3><p>"
        + escape(
            _("It touches on: {themes}. Each activity has its own note, with a way to skip it.").format(
                themes=", ".join(m.content_note_themes)
            )
        )
        + "</p>"
        + f'<p class="hr-note"><em>{escape(drawn_from)}</em></p>'
    )
    return static_html(html)


def build_section(module_id: str, section_id: str) -> HTML | None:
    bundle = _bundle(module_id)
    if bundle is None:
        return None
    return static_html(_in_english(md(bundle.module.sections[section_id]), module_id))


def build_activity(module_id: str, activity_id: str) -> w.Widget | None:
    bundle = _bundle(module_id)
    if bundle is None:
        return None
    activity, content = bundle.activity(activity_id)
    session = _sessions.get(module_id)
    tracker = ActivityTracker(session, activity.id) if session is not None else None
    store = session.store if session is not None else None
    return activity_view(
        activity.id,
        content,
        bundle.contents,
        tracker,
        module_id=module_id,
        download=store.download if store is not None else None,
    )


def build_key_points(module_id: str) -> HTML | None:
    bundle = _bundle(module_id)
    return None if bundle is None else static_html(_in_english(bullet_list(bundle.module.key_points), module_id))


def build_whats_next(module_id: str) -> w.Widget | None:
    # A widget, not static_html: JupyterLab opens links in plain outputs in a new tab,
    # and "Back to the list of modules" should stay in this one.
    bundle = _bundle(module_id)
    if bundle is None:
        return None
    back = f'<p><a href="{escape(page_link("index.ipynb"))}">{_("Back to the list of modules")}</a></p>'
    return ui.html(_in_english(md(bundle.module.whats_next), module_id) + back)


def build_landing() -> w.Widget:
    """The list of modules, under a shell with "Take a break" and the support panel."""
    cur = _curriculum()
    if cur.registry is None:
        return ui.html(friendly_error_html())
    session = ModuleSession("", _device_store("", cur.registry.title))
    module_ids = list(cur.modules)
    shell = PageShell(
        cur.registry.title,
        None,
        cur.resources,
        session=session,
        exporter=lambda kind: export_notes(session, module_ids, kind),
        languages=cur.languages,
        language=page_language(),
    )
    listing = _module_list(cur, session)
    session.change_listeners.append(lambda: setattr(listing, "value", _module_list(cur, session).value))
    return ui.vbox([shell, listing])


def _module_list(cur: Curriculum, session: ModuleSession | None = None) -> w.HTML:
    assert cur.registry is not None
    cards = []
    for entry in cur.registry.modules:
        bundle = cur.modules.get(entry.id)
        if bundle is None:
            cards.append(
                f'<li class="hr-panel"><h2>{escape(entry.id)}</h2><p>'
                + _("This module is being fixed and cannot open right now.")
                + "</p></li>"
            )
            continue
        m = bundle.module
        minutes = m.teaching_minutes + m.activity_minutes
        timing = _("About {total} minutes ({teaching} reading, {activities} activities)").format(
            total=minutes, teaching=m.teaching_minutes, activities=m.activity_minutes
        )
        progress = ""
        if session is not None and not session.state.modules.get(entry.id, ModuleState()).is_empty():
            saved = session.state.modules[entry.id]
            counted = m.counted_activity_ids
            done = saved.done_among(counted)
            progress = (
                "<p>"
                + escape(
                    _("Your progress on this device: {done} of {total} activities done.").format(
                        done=done, total=len(counted)
                    )
                )
                + "</p>"
            )
        english = "" if cur.is_translated(entry.id) else ' lang="en"'
        untranslated = (
            ""
            if not english
            else f'<p class="hr-note"><em>{escape(_("Not translated yet: this module is in English."))}</em></p>'
        )
        link = escape(page_link(entry.notebook))
        cards.append(
            f'<li class="hr-panel"><h2{english}><a href="{link}">{escape(m.title)}</a></h2>'
            f"{untranslated}<p{english}>{escape(m.purpose)}</p><p><strong>{escape(timing)}</strong></p>{progress}"
            f"<h3>{_('What you will be able to do')}</h3><div{english}>{bullet_list(m.objectives)}</div></li>"
        )
    intro = md(cur.registry.intro) if cur.registry.intro else ""
    html = (
        f"<p><strong>{escape(cur.registry.tagline)}</strong></p>{intro}<h2>{_('Modules')}</h2>"
        f'<ol style="list-style:none;padding:0;display:grid;gap:1rem">{"".join(cards)}</ol>'
    )
    return ui.html(html)


# what notebook cells call -------------------------------------------------------------


def build_page(module_id: str) -> list[w.Widget | HTML]:
    """Everything a module page shows, top to bottom, in the order of its outline.

    Each block is built on its own: a block that fails shows the friendly message and
    the rest of the page still works. Consecutive static blocks (headings, sections)
    are joined into one output, since each output is work for the browser.
    """
    bundle = _bundle(module_id)
    if bundle is None:
        return [ui.html(unavailable_html())]
    views: list[w.Widget | HTML] = []
    english = "" if _curriculum().is_translated(module_id) else ' lang="en"'
    pending: list[str] = [f"<h1{english}>{escape(bundle.module.title)}</h1>"]
    if english:
        pending.append(untranslated_notice_html())

    def flush() -> None:
        if pending:
            views.append(static_html("".join(pending)))
            pending.clear()

    def add(what: str, build: Callable[..., w.Widget | HTML | None]) -> None:
        view = _safely(what, build)
        if isinstance(view, HTML):
            pending.append(str(view.data))
        elif view is not None:
            flush()
            views.append(view)

    add("shell", lambda: build_shell(module_id))
    for item in bundle.module.outline:
        if item.heading is not None:
            pending.append(f"<h2{english}>{escape(item.heading)}</h2>")
        elif item.section is not None:
            add(f"section {item.section}", lambda sid=item.section: build_section(module_id, sid))
        elif item.activity is not None:
            add(f"activity {item.activity}", lambda aid=item.activity: build_activity(module_id, aid))
            # Each activity a facilitator can poll on gets a slot for its poll, right after it.
            if isinstance(bundle.activity(item.activity)[1], POLLED_CONTENT):
                add(f"poll slot {item.activity}", lambda aid=item.activity: _poll_slot(module_id, aid))
        elif item.part == "overview":
            add("overview", lambda: build_overview(module_id))
        elif item.part == "key-points":
            add("key points", lambda: build_key_points(module_id))
        elif item.part == "whats-next":
            add("what's next", lambda: build_whats_next(module_id))
    flush()
    return views


def _poll_slot(module_id: str, activity_id: str) -> w.VBox:
    from .live_panel import poll_slot

    slot = poll_slot(activity_id)
    _poll_slots.setdefault(module_id, {})[activity_id] = slot
    return slot


def show_module(module_id: str) -> None:
    """The whole page of a module: the one call in a module notebook."""
    for view in build_page(module_id):
        display(view)


def show_landing() -> None:
    """The landing page: the list of modules under the shell."""
    view = _safely("landing", build_landing)
    if view is not None:
        display(view)


def build_facilitator() -> w.Widget:
    """The facilitator page: start a live session, poll the room, end it (its own notebook, never preheated)."""
    from .facilitator import FacilitatorPage

    cur = _curriculum()
    if cur.registry is None:
        return ui.html(friendly_error_html())
    view = FacilitatorPage(cur)
    view.device.language = page_language()
    switch = language_switch(cur.languages, page_language(), view.device, view.notice)
    if switch is not None:
        view.children = (ui.hbox([switch]), *view.children)
    return view


def show_facilitator() -> None:
    """The facilitator page: the one call in ``modules/facilitator.ipynb``."""
    view = _safely("facilitator page", build_facilitator)
    if view is not None:
        display(view)
