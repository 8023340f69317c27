"""Facilitator guides: read them, check them against the curriculum, render them to print.

A guide is ``facilitator_guides/<module-id>.md``: YAML front matter between a first line
``---`` and the next ``---`` (the :class:`~curriculum.schema.FacilitatorGuide` model),
then optional Markdown notes for facilitators. Every problem is a :class:`Problem` with
the guide's own ``file:line`` (front-matter lines are counted from the top of the file).

How the check is wired in:

- ``harm-repair validate`` (the whole content folder) passes the guides folder beside
  the content folder (``guides_dir()``) to ``validate_content_dir(root, guides=...)``,
  which calls :func:`check_guides` after its own rules. Without ``guides`` nothing here
  runs, so the pages, which also call ``validate_content_dir``, never read guides.
- ``harm-repair validate facilitator_guides/x.md`` checks one guide
  (:func:`validate_guide_file`).
- ``harm-repair guides`` checks the guides, then writes one printable page per valid
  guide (:func:`render_guide_html`).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .i18n import _
from .load import LoadedFile, YamlSyntaxError, parse_yaml
from .messages import describe
from .paths import REGISTRY_FILE, content_dir
from .problems import Problem, ProblemReport
from .render import escape, markdown_to_html
from .schema import REQUIRED_AGREEMENTS, FacilitatorGuide, Module, Registry
from .schema.guide import AgendaItem
from .validate import _DISCLOSURE, ValidationReport, validate_content_dir

FENCE = "---"
"""The line that opens and closes a guide's front matter."""

NOT_GUIDES = frozenset({"README.md"})
"""Markdown files in the guides folder that are not guides."""

AGENDA_TOLERANCE_MINUTES = 30
"""How far the full agenda may be from the module's own teaching and activity minutes."""


@dataclass(frozen=True)
class LoadedGuide:
    """A guide file: the model (``None`` when the front matter does not validate) and its Markdown body."""

    path: Path
    guide: FacilitatorGuide | None
    body: str = ""
    loaded: LoadedFile | None = None
    """The front matter as data, with the line in the file of every value."""


@dataclass
class GuidesReport(ProblemReport):
    """The outcome of checking a folder of guides (or some of its files) against the content."""

    folder: Path
    guides: dict[Path, LoadedGuide] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    modules: dict[str, Module] = field(default_factory=dict)
    """Every valid module of the registry, by id."""
    language: str = "en"

    def printable(self) -> list[tuple[LoadedGuide, Module]]:
        """Guides without errors, each with its module, in file order."""
        broken = {p.path for p in self.errors}
        found = []
        for path, loaded in sorted(self.guides.items()):
            if path in broken or loaded.guide is None:
                continue
            module = self.modules.get(loaded.guide.module)
            if module is not None:
                found.append((loaded, module))
        return found


class FrontMatterError(Exception):
    """The ``---`` fences around the front matter are missing or not closed."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter, body) of a guide. Front-matter line 1 is line 2 of the file.

    Raises :class:`FrontMatterError` when the first line is not ``---`` or no later line closes it.
    """
    lines = text.removeprefix("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != FENCE:
        raise FrontMatterError(
            "the guide does not start with a line '---', so its front matter cannot be found",
            "make the first line of the file exactly '---', then the fields "
            "(schema_version, type, module, ...), then another line '---' before the notes",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1 :]).strip()
    raise FrontMatterError(
        "the front matter opened by '---' on line 1 is never closed",
        "add a line with only '---' after the last field, before the notes for facilitators",
    )


def load_guide(path: Path) -> tuple[LoadedGuide, list[Problem]]:
    """Read one guide and validate its front matter and the rules inside it (not the module's)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return LoadedGuide(path, None), [
            Problem(path, 1, "the file is not saved as UTF-8 text", "save it as UTF-8, then run the check again")
        ]
    except OSError as err:
        return LoadedGuide(path, None), [
            Problem(path, 1, f"the file cannot be read ({err.strerror})", "check that it exists")
        ]
    try:
        front, body = split_front_matter(text)
    except FrontMatterError as err:
        return LoadedGuide(path, None), [Problem(path, 1, err.message, err.hint)]
    try:
        parsed = parse_yaml(front, path)
    except YamlSyntaxError as err:
        return LoadedGuide(path, None, body), [
            Problem(path, err.line + 1, err.problem, "fix the YAML on this line, then run the check again")
        ]
    # The fence is line 1 of the file, so front-matter line n is file line n + 1.
    loaded = LoadedFile(path, parsed.data, {loc: line + 1 for loc, line in parsed.lines.items()})
    if not isinstance(loaded.data, dict):
        return LoadedGuide(path, None, body, loaded), [
            Problem(
                path,
                2,
                "the front matter does not hold 'key: value' lines",
                "start from a working guide, or from the example in facilitator_guides/README.md",
            )
        ]
    try:
        guide = FacilitatorGuide.model_validate(loaded.data)
    except ValidationError as err:
        problems = []
        for error in err.errors(include_url=False):
            message, hint = describe(dict(error), FacilitatorGuide)
            problems.append(Problem(path, loaded.line_of(tuple(error.get("loc", ()))), message, hint))
        return LoadedGuide(path, None, body, loaded), problems
    return LoadedGuide(path, guide, body, loaded), _guide_rules(guide, loaded)


def _guide_rules(guide: FacilitatorGuide, loaded: LoadedFile) -> list[Problem]:
    """Rules inside one guide: required and unique agreements, a shorter short agenda, safe prompts."""
    path = loaded.path
    found: list[Problem] = []
    ids = guide.agreement_ids
    for dup in (item for item, count in Counter(ids).items() if count > 1):
        at = len(ids) - 1 - ids[::-1].index(dup)
        found.append(
            Problem(
                path,
                loaded.line_of(("agreements", at, "id")),
                f"the agreement id '{dup}' is used twice in 'agreements'",
                "keep one of the two, or give the other its own id",
            )
        )
    for missing in (agreement for agreement in REQUIRED_AGREEMENTS if agreement not in ids):
        found.append(
            Problem(
                path,
                loaded.line_of(("agreements",)),
                f"the session agreement '{missing}' is missing",
                f"add '- {{id: {missing}, text: ...}}' under 'agreements'; every guide states these four: "
                + ", ".join(REQUIRED_AGREEMENTS),
            )
        )
    full, short = guide.agenda.full_minutes, guide.agenda.short_minutes
    if short >= full:
        found.append(
            Problem(
                path,
                loaded.line_of(("agenda", "short")),
                f"the short agenda adds up to {short} minutes, which is not shorter than the full agenda "
                f"({full} minutes)",
                "cut or shorten parts of the short agenda so that it takes less time than the full one",
            )
        )
    entries = [entry.activity for entry in guide.activities]
    for dup in (item for item, count in Counter(entries).items() if count > 1):
        at = len(entries) - 1 - entries[::-1].index(dup)
        found.append(
            Problem(
                path,
                loaded.line_of(("activities", at, "activity")),
                f"the activity '{dup}' has two step-by-step entries",
                "merge them into one entry",
            )
        )
    safe_hint = (
        "ask about the composite characters, roles, organizations or future practice. To remind people "
        "that nobody has to share, say it another way, such as 'nobody is asked to talk about their own life'"
    )
    for i, entry in enumerate(guide.activities):
        for key, texts, what in (("steps", entry.steps, "step"), ("debrief", entry.debrief, "debrief question")):
            for j, text in enumerate(texts):
                match = _DISCLOSURE.search(text)
                if match:
                    found.append(
                        Problem(
                            path,
                            loaded.line_of(("activities", i, key, j)),
                            f"{what} {j + 1} of '{entry.activity}' asks about people's own past (\"{match.group(0)}\")",
                            safe_hint,
                        )
                    )
    return found


def _module_rules(guide: FacilitatorGuide, loaded: LoadedFile, module: Module) -> list[Problem]:
    """The guide names the module's real activities, covers the counted ones, and fits its timing."""
    path = loaded.path
    found: list[Problem] = []
    activity_ids = [activity.id for activity in module.activities]

    def unknown(activity_id: str, loc: tuple[str | int, ...]) -> None:
        close = difflib.get_close_matches(activity_id, activity_ids, n=1)
        hint = f"did you mean '{close[0]}'? The" if close else "Use one of the"
        found.append(
            Problem(
                path,
                loaded.line_of(loc),
                f"module '{module.id}' has no activity '{activity_id}'",
                f"{hint} module's activity ids: " + ", ".join(activity_ids),
            )
        )

    for which in ("full", "short"):
        items: list[AgendaItem] = getattr(guide.agenda, which)
        for i, item in enumerate(items):
            if item.activity is not None and item.activity not in activity_ids:
                unknown(item.activity, ("agenda", which, i, "activity"))
    for i, entry in enumerate(guide.activities):
        if entry.activity not in activity_ids:
            unknown(entry.activity, ("activities", i, "activity"))
    covered = {entry.activity for entry in guide.activities}
    for activity_id in module.counted_activity_ids:
        if activity_id not in covered:
            found.append(
                Problem(
                    path,
                    loaded.line_of(("activities",)),
                    f"the activity '{activity_id}' of module '{module.id}' has no step-by-step entry",
                    f"add '- activity: {activity_id}' under 'activities' with its minutes, steps and debrief",
                    "warning",
                )
            )
    planned = module.teaching_minutes + module.activity_minutes
    full = guide.agenda.full_minutes
    if abs(full - planned) > AGENDA_TOLERANCE_MINUTES:
        found.append(
            Problem(
                path,
                loaded.line_of(("agenda", "full")),
                f"the full agenda adds up to {full} minutes, but module '{module.id}' takes {planned} "
                f"({module.teaching_minutes} teaching and {module.activity_minutes} activity minutes)",
                f"plan between {max(planned - AGENDA_TOLERANCE_MINUTES, 0)} and "
                f"{planned + AGENDA_TOLERANCE_MINUTES} minutes, or change the module's minutes",
                "warning",
            )
        )
    return found


def guide_files(folder: Path) -> list[Path]:
    """The guides in ``folder``: every ``*.md`` file except the README."""
    return sorted(p for p in folder.glob("*.md") if p.is_file() and p.name not in NOT_GUIDES)


def check_guides(
    folder: Path, content_root: Path, content: ValidationReport, *, paths: Iterable[Path] | None = None
) -> GuidesReport:
    """Check the guides in ``folder`` (or only ``paths``) against a validated content folder.

    ``content`` is ``validate_content_dir(content_root)``. When the whole folder is checked,
    a module of the registry without a guide is a warning.
    """
    report = GuidesReport(folder=folder)
    registry_path = content_root / REGISTRY_FILE
    registry_file = content.files.get(registry_path)
    registry = registry_file.model if registry_file else None
    in_registry: dict[str, Module | None] = {}
    if isinstance(registry, Registry):
        report.language = registry.language
        for entry in registry.modules:
            parsed = content.files.get(content_root / entry.metadata)
            model = parsed.model if parsed else None
            in_registry[entry.id] = model if isinstance(model, Module) else None
    report.modules = {key: module for key, module in in_registry.items() if module is not None}
    selected = guide_files(folder) if paths is None else sorted(paths)
    guide_of: dict[str, Path] = {}
    for path in selected:
        loaded_guide, problems = load_guide(path)
        report.guides[path] = loaded_guide
        report.problems.extend(problems)
        guide, loaded = loaded_guide.guide, loaded_guide.loaded
        if guide is None or loaded is None:
            continue
        line = loaded.line_of(("module",))
        if not isinstance(registry, Registry):
            report.problems.append(
                Problem(
                    path,
                    line,
                    f"the curriculum in {content_root} does not validate, so this guide cannot be checked",
                    "run 'harm-repair validate' and fix curriculum.yaml first",
                )
            )
            continue
        if guide.module not in in_registry:
            close = difflib.get_close_matches(guide.module, list(in_registry), n=1)
            report.problems.append(
                Problem(
                    path,
                    line,
                    f"there is no module '{guide.module}' in {REGISTRY_FILE}",
                    (f"did you mean '{close[0]}'? The" if close else "Use one of the")
                    + " module ids: "
                    + ", ".join(in_registry),
                )
            )
            continue
        if guide.module in guide_of:
            report.problems.append(
                Problem(
                    path,
                    line,
                    f"module '{guide.module}' already has a guide, {guide_of[guide.module].name}",
                    "keep one guide per module; merge the two files",
                )
            )
        guide_of.setdefault(guide.module, path)
        if path.stem != guide.module:
            report.problems.append(
                Problem(
                    path,
                    line,
                    f"this is the guide for module '{guide.module}', but the file is called {path.name}",
                    f"rename the file to {guide.module}.md",
                    "warning",
                )
            )
        module = in_registry[guide.module]
        if module is None:
            report.problems.append(
                Problem(
                    path,
                    line,
                    f"the module file of '{guide.module}' does not validate, so this guide cannot be checked "
                    "against it",
                    "run 'harm-repair validate' and fix the module file first",
                )
            )
            continue
        report.problems.extend(_module_rules(guide, loaded, module))
    if paths is None and isinstance(registry, Registry) and registry_file is not None:
        for i, entry in enumerate(registry.modules):
            if entry.id not in guide_of:
                report.problems.append(
                    Problem(
                        registry_path,
                        registry_file.loaded.line_of(("modules", i, "id")),
                        f"module '{entry.id}' has no facilitator guide yet",
                        f"write {folder.name}/{entry.id}.md (see {folder.name}/README.md)",
                        "warning",
                    )
                )
    report.problems.sort(key=lambda p: (str(p.path), p.line))
    return report


def validate_guide_file(path: Path, content: Path | None = None) -> ValidationReport:
    """Check one guide against the content folder (``content_dir()`` by default)."""
    root = (content or content_dir()).resolve()
    checked = check_guides(path.parent, root, validate_content_dir(root), paths=[path])
    report = ValidationReport(root=path.parent, problems=checked.problems)
    report.guides = [path]
    return report


# ---------------------------------------------------------------------------------------------
# Printable page

GUIDE_CSS = (
    "@page{margin:2cm}"
    "table{border-collapse:collapse;width:100%;margin:0.5rem 0 1rem}"
    "caption{text-align:left;font-weight:bold;padding:0.25rem 0}"
    "th,td{border:1px solid #767676;padding:0.3rem 0.5rem;text-align:left;vertical-align:top}"
    ".num{text-align:right;white-space:nowrap}"
    "tfoot td,tfoot th{font-weight:bold}"
    "dt{font-weight:bold;margin-top:0.75rem}dd{margin:0.25rem 0 0.5rem 1rem}dd>p:first-child{margin-top:0}"
    ".meta{color:#444}"
    "ol.protocol>li{margin-bottom:0.75rem}"
    "@media print{.new-page{break-before:page}h2,h3,h4,caption{break-after:avoid}"
    "tr,li,dd,blockquote{break-inside:avoid}a{color:inherit;text-decoration:none}}"
)


def inline_html(text: str) -> str:
    """Markdown for one list item or cell: a single paragraph loses its ``<p>``."""
    rendered = markdown_to_html(text).strip()
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        return rendered[3:-4]
    return rendered


def items_html(texts: Iterable[str], *, markdown: bool = True, ordered: bool = False) -> str:
    tag = "ol" if ordered else "ul"
    rows = "".join(f"<li>{inline_html(text) if markdown else escape(text)}</li>" for text in texts)
    return f"<{tag}>{rows}</{tag}>"


def section_html(anchor: str, title: str, inner: str, *, new_page: bool = False) -> str:
    classes = "major new-page" if new_page else "major"
    return (
        f'<section id="{anchor}" class="{classes}" aria-labelledby="{anchor}-title">'
        f'<h2 id="{anchor}-title">{escape(title)}</h2>{inner}</section>'
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def _agenda_table(caption: str, items: list[AgendaItem], titles: dict[str, str], described: set[str]) -> str:
    rows = []
    start = 0
    for item in items:
        what = escape(item.item)
        if item.activity is not None:
            label = escape(_("Activity: {title}").format(title=titles.get(item.activity, item.activity)))
            if item.activity in described:
                label = f'<a href="#activity-{escape(item.activity)}">{label}</a>'
            what += f'<br><span class="meta">{label}</span>'
        rows.append(f'<tr><td class="num">{_clock(start)}</td><td class="num">{item.minutes}</td><td>{what}</td></tr>')
        start += item.minutes
    total = escape(_("Total: {minutes} minutes ({clock})").format(minutes=start, clock=_clock(start)))
    return (
        f"<table><caption>{escape(caption)}</caption><thead><tr>"
        f'<th scope="col" class="num">{escape(_("Starts at"))}</th>'
        f'<th scope="col" class="num">{escape(_("Minutes"))}</th>'
        f'<th scope="col">{escape(_("What happens"))}</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody><tfoot><tr><td colspan="3">{total}</td></tr></tfoot></table>'
    )


def _labelled(pairs: Iterable[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{escape(label)}</dt><dd>{markdown_to_html(text)}</dd>" for label, text in pairs)
    return f"<dl>{rows}</dl>"


def render_guide_html(guide: FacilitatorGuide, body: str, module: Module, *, lang: str = "en") -> str:
    """A standalone printable page of a guide: fixed section order, every text escaped, no outside resources.

    Titles, agenda lines, audience, objectives, themes and debrief questions are plain text;
    the other texts and the notes after the front matter are Markdown, rendered safely.
    """
    from .export import printable_page  # the notes export pulls in the learner store; load it only to print

    titles = {activity.id: activity.title for activity in module.activities}
    described = {entry.activity for entry in guide.activities}
    agenda = guide.agenda
    intro = _("Facilitator guide for the module “{title}”.").format(title=module.title)
    timing = _("The module takes about {minutes} minutes: {teaching} of teaching and {activities} of activities.")
    timing = timing.format(
        minutes=module.teaching_minutes + module.activity_minutes,
        teaching=module.teaching_minutes,
        activities=module.activity_minutes,
    )
    parts = [
        f'<header><h1>{escape(guide.title)}</h1><p class="meta">{escape(intro)} {escape(timing)}</p></header>',
        section_html("objectives", _("Objectives"), items_html(guide.objectives, markdown=False)),
        section_html("audience", _("Audience"), items_html(guide.audience, markdown=False)),
        section_html(
            "agenda",
            _("Timed agenda"),
            f"<h3>{escape(_('Full session'))}</h3>"
            + _agenda_table(
                _("Full session: {minutes} minutes").format(minutes=agenda.full_minutes), agenda.full, titles, described
            )
            + f"<h3>{escape(_('Short session'))}</h3>"
            + _agenda_table(
                _("Short session: {minutes} minutes").format(minutes=agenda.short_minutes),
                agenda.short,
                titles,
                described,
            ),
        ),
        section_html("materials", _("Materials"), items_html(guide.materials)),
        section_html(
            "preparation",
            _("Preparation and roles"),
            f"<h3>{escape(_('Preparation'))}</h3>"
            + items_html(guide.preparation)
            + f"<h3>{escape(_('Co-facilitator roles'))}</h3>"
            + _labelled((role.role, role.does) for role in guide.roles),
        ),
        section_html(
            "agreements",
            _("Session agreements"),
            items_html((agreement.text for agreement in guide.agreements), ordered=True),
        ),
        section_html("content-notes", _("Content notes"), items_html(guide.content_notes, markdown=False)),
        section_html(
            "key-points",
            _("Key points and common misconceptions"),
            f"<h3>{escape(_('Key points'))}</h3>"
            + items_html(guide.key_points)
            + f"<h3>{escape(_('Common misconceptions'))}</h3>"
            + _labelled((item.belief, item.response) for item in guide.misconceptions),
        ),
        section_html(
            "activities",
            _("Step-by-step activities"),
            "".join(
                f'<section id="activity-{escape(entry.activity)}">'
                f"<h3>{escape(titles.get(entry.activity, entry.activity))} "
                f'<span class="meta">({escape(_("{minutes} minutes").format(minutes=entry.minutes))})</span></h3>'
                f"<h4>{escape(_('Steps'))}</h4>{items_html(entry.steps, ordered=True)}"
                f"<h4>{escape(_('Debrief questions'))}</h4>{items_html(entry.debrief, markdown=False)}</section>"
                for entry in guide.activities
            ),
            new_page=True,
        ),
        section_html(
            "adaptations",
            _("Adaptations"),
            _labelled(
                (
                    (_("Online"), guide.adaptations.online),
                    (_("In person"), guide.adaptations.in_person),
                    (_("Small groups"), guide.adaptations.small_groups),
                    (_("Large groups"), guide.adaptations.large_groups),
                    (_("In Spanish"), guide.adaptations.spanish),
                )
            ),
        ),
        section_html("accessibility", _("Accessibility notes"), items_html(guide.accessibility)),
        section_html(
            "distress-protocol",
            _("Distress and disclosure protocol"),
            '<ol class="protocol">'
            + "".join(
                f"<li><strong>{escape(label)}</strong>{markdown_to_html(text)}</li>"
                for label, text in (
                    (_("Prevent"), guide.distress_protocol.prevent),
                    (_("Respond"), guide.distress_protocol.respond),
                    (_("Refer"), guide.distress_protocol.refer),
                    (_("Follow up"), guide.distress_protocol.follow_up),
                    (_("Facilitator debrief"), guide.distress_protocol.facilitator_debrief),
                )
            )
            + "</ol>",
            new_page=True,
        ),
        section_html("resources", _("Resources"), items_html(guide.resources)),
        section_html("evaluation", _("How to evaluate"), items_html(guide.evaluation)),
        section_html(
            "sources",
            _("Sources"),
            "<ul>"
            + "".join(
                "<li>"
                + escape(_("Harm and Repair report, “{section}”").format(section=source.section))
                + (f", {escape(source.note)}" if source.note else "")
                + "</li>"
                for source in guide.sources
            )
            + "</ul>",
        ),
    ]
    if body.strip():
        parts.append(section_html("notes", _("Notes for facilitators"), markdown_to_html(body)))
    return printable_page(guide.title, "".join(parts), lang=lang, css=GUIDE_CSS)


def write_guides(report: GuidesReport, out: Path) -> list[Path]:
    """Write ``out/<module>.html`` for every guide of ``report`` without errors; returns the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for loaded, module in report.printable():
        assert loaded.guide is not None  # printable() only returns valid guides
        target = out / f"{loaded.guide.module}.html"
        target.write_text(render_guide_html(loaded.guide, loaded.body, module, lang=report.language), encoding="utf-8")
        written.append(target)
    return written
