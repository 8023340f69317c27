"""Adaptation records: check each deployment's record against the curriculum, and print it.

A record is ``adaptations/<deployment>.yaml`` (the :class:`~curriculum.schema.AdaptationRecord`
model), in a folder beside the content folder (``HARM_REPAIR_ADAPTATIONS`` moves it). Every
problem is a :class:`Problem` with the record's ``file:line``.

How the check is wired in, as for the facilitator guides:

- ``harm-repair validate`` (the whole content folder) passes ``adaptations_dir(content)`` to
  ``validate_content_dir(root, adaptations=...)``, which calls :func:`check_adaptations`. The
  pages never pass it, so loading a page never reads the records.
- ``harm-repair validate adaptations/x.yaml`` checks one record (:func:`validate_adaptation_file`).
- ``harm-repair guides`` also writes one printable page per valid record (:func:`write_adaptations`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .guides import GUIDE_CSS, inline_html, items_html, section_html
from .i18n import _
from .load import LoadedFile, YamlSyntaxError, load_yaml
from .paths import REGISTRY_FILE, content_dir
from .problems import Problem, ProblemReport, Severity
from .render import escape
from .schema import CHECKLIST, CHECKLIST_IDS, AdaptationRecord, Registry
from .validate import ValidationReport, check_file, validate_content_dir

FOLDER_NAME = "adaptations"
GUIDE = "docs/trainer-guide.md"
"""Where the checklist's questions are explained; named in hints."""


def adaptations_dir(beside: Path | None = None) -> Path:
    """The records: ``HARM_REPAIR_ADAPTATIONS`` when set, else ``adaptations/`` beside ``beside``.

    ``beside`` is the content folder being checked (the default content folder when omitted), or
    the facilitator guides folder when printing: in a checkout all three folders sit side by side.
    """
    override = os.environ.get("HARM_REPAIR_ADAPTATIONS")
    if override:
        return Path(override).resolve()
    return (beside or content_dir()).resolve().parent / FOLDER_NAME


def record_files(folder: Path) -> list[Path]:
    """The records in ``folder``: every ``.yaml`` or ``.yml`` file (the README is Markdown)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml"))


@dataclass
class AdaptationsReport(ProblemReport):
    """The outcome of checking a folder of adaptation records (or some of its files)."""

    folder: Path
    records: dict[Path, AdaptationRecord | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def printable(self) -> list[tuple[Path, AdaptationRecord]]:
        """Records without errors, in file order."""
        broken = {p.path for p in self.errors}
        return [(path, rec) for path, rec in sorted(self.records.items()) if rec is not None and path not in broken]


def is_adaptation_record(path: Path) -> bool:
    """Whether a single YAML file given to ``harm-repair validate`` should be checked as a record."""
    if path.suffix not in (".yaml", ".yml"):
        return False
    if path.resolve().parent.name == FOLDER_NAME:
        return True
    try:
        data = load_yaml(path).data
    except (OSError, YamlSyntaxError):
        return False  # validate_file says what is wrong with it
    return isinstance(data, dict) and data.get("type") == "adaptation-record"


def check_adaptations(
    folder: Path, content_root: Path, content: ValidationReport, *, paths: Iterable[Path] | None = None
) -> AdaptationsReport:
    """Check the records in ``folder`` (or only ``paths``) against a validated content folder."""
    report = AdaptationsReport(folder=folder)
    registry_file = content.files.get(content_root / REGISTRY_FILE)
    registry = registry_file.model if registry_file else None
    ids: dict[str, Path] = {}
    for path in record_files(folder) if paths is None else sorted(paths):
        parsed, problems = check_file(path)
        report.problems.extend(problems)
        model = parsed.model if parsed else None
        if parsed is None or model is None:
            report.records[path] = None
            continue
        if not isinstance(model, AdaptationRecord):
            report.records[path] = None
            report.problems.append(
                Problem(
                    path,
                    parsed.loaded.line_of(("type",)),
                    f"this is a '{getattr(model, 'type', '')}' file, but this folder holds adaptation records",
                    "move it to the content folder, or start a record with 'harm-repair new adaptation NAME'",
                )
            )
            continue
        report.records[path] = model
        report.problems.extend(_record_rules(model, parsed.loaded))
        if model.id in ids:
            report.problems.append(
                Problem(
                    path,
                    parsed.loaded.line_of(("id",)),
                    f"the record id '{model.id}' is also used by {ids[model.id].name}",
                    "give each deployment's record its own id",
                )
            )
        ids.setdefault(model.id, path)
        if isinstance(registry, Registry):
            report.problems.extend(_content_rules(model, parsed.loaded, content_root, registry, content))
        else:
            report.problems.append(
                Problem(
                    path,
                    parsed.loaded.line_of(("modules",)),
                    f"the curriculum in {content_root} does not validate, so this record cannot be checked against it",
                    "run 'harm-repair validate' and fix curriculum.yaml first",
                )
            )
    report.problems.sort(key=lambda p: (str(p.path), p.line))
    return report


def validate_adaptation_file(path: Path, content: Path | None = None) -> ValidationReport:
    """Check one record against the content folder (``content_dir()`` by default)."""
    root = (content or content_dir()).resolve()
    checked = check_adaptations(path.parent, root, validate_content_dir(root), paths=[path])
    report = ValidationReport(root=path.parent, problems=checked.problems)
    report.adaptations = [path]
    return report


def _duplicates(ids: list[str]) -> Iterator[tuple[str, int]]:
    """Each id used more than once, with the index of its last use."""
    for dup in (item for item, count in Counter(ids).items() if count > 1):
        yield dup, len(ids) - 1 - ids[::-1].index(dup)


@dataclass
class _Found:
    """Problems found in one record, each placed on the line of the value it concerns."""

    loaded: LoadedFile
    problems: list[Problem] = field(default_factory=list)

    def add(self, loc: tuple[str | int, ...], message: str, hint: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.loaded.path, self.loaded.line_of(loc), message, hint, severity))


def _record_rules(record: AdaptationRecord, loaded: LoadedFile) -> list[Problem]:
    """Rules inside one record: unique ids, every checklist item answered, an honest review, fair pay."""
    found = _Found(loaded)
    add = found.add
    path = loaded.path
    if path.stem != record.id:
        add(
            ("id",),
            f"the record's id is '{record.id}', but the file is called {path.name}",
            "use the same name for both",
            "warning",
        )
    for dup, at in _duplicates([change.id for change in record.changes]):
        add(("changes", at, "id"), f"the change id '{dup}' is used twice", "give each change its own id")
    answered = [entry.id for entry in record.checklist]
    for dup, at in _duplicates(list(answered)):
        add(("checklist", at, "id"), f"the checklist item '{dup}' is answered twice", "keep one of the two answers")
    for missing in (item for item in CHECKLIST_IDS if item not in answered):
        add(
            ("checklist",),
            f"the checklist item '{missing}' ({CHECKLIST[missing]}) is not answered",
            f"add '- id: {missing}' with an answer (yes, partly, not yet or does not apply) and a note; "
            f"the questions are in {GUIDE}",
        )
    _review_rules(record, found)
    _payment_rules(record, found)
    return found.problems


def _review_rules(record: AdaptationRecord, found: _Found) -> None:
    """An approval names its reviewers and date; it is not in the future; it follows the checklist."""
    add = found.add
    review = record.review
    if review.status == "approved":
        honest = "or keep the status 'in review' until a review has really happened"
        if review.reviewed_by is None:
            add(
                ("review", "status"),
                "the review status is 'approved', but 'reviewed_by' is missing",
                f"say who reviewed it under 'reviewed_by' (a role is enough), {honest}",
            )
        if review.date is None:
            add(
                ("review", "status"),
                "the review status is 'approved', but its 'date' is missing",
                f"write the date of the approval under 'date' as YYYY-MM-DD, {honest}",
            )
        for i, entry in enumerate(record.checklist):
            if entry.answer == "not yet":
                add(
                    ("checklist", i, "answer"),
                    f"the record is approved, but checklist item '{entry.id}' says 'not yet'",
                    "answer it before approval, or say in its note why the deployment goes ahead",
                    "warning",
                )
    if review.date is not None and review.date > dt.date.today():
        add(("review", "date"), "the review date is in the future", "write the date the review really took place")


def _payment_rules(record: AdaptationRecord, found: _Found) -> None:
    """Contributors are listed once the work is under review, and each is paid or says why not."""
    add = found.add
    if record.review.status != "draft" and not record.contributors:
        add(
            ("contributors",),
            "no contributors are listed",
            "list everyone who adapted or reviewed it, by role, and how they were paid",
            "warning",
        )
    for i, person in enumerate(record.contributors):
        if person.paid and person.how_paid is None:
            add(
                ("contributors", i, "paid"),
                f"'{person.role}' is paid, but 'how_paid' does not say how",
                "add 'how_paid:' with the rate or fee, and how fast it is paid",
                "warning",
            )
        if not person.paid and person.note is None:
            add(
                ("contributors", i, "paid"),
                f"'{person.role}' is not paid; the checklist expects everyone to be paid",
                "pay them, or say why not under 'note' (for example, they chose to volunteer)",
                "warning",
            )


def _item_ids(data: Any) -> set[str]:
    """Every ``id`` in a content file's data, and the keys of a module's ``sections``."""
    found: set[str] = set()
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            found.add(data["id"])
        if isinstance(data.get("sections"), dict):
            found.update(str(key) for key in data["sections"])
        for value in data.values():
            found |= _item_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= _item_ids(value)
    return found


def _suggest(value: str, known: Iterable[str], otherwise: str) -> str:
    """A hint: the closest known value when there is one, else ``otherwise``."""
    close = difflib.get_close_matches(value, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else otherwise


def _content_rules(
    record: AdaptationRecord, loaded: LoadedFile, root: Path, registry: Registry, content: ValidationReport
) -> list[Problem]:
    """Rules against the content folder: modules are in the registry, changed files and items exist."""
    found = _Found(loaded)
    add = found.add
    module_ids = [entry.id for entry in registry.modules]
    for i, module_id in enumerate(record.modules):
        if module_id not in module_ids:
            known = "The module ids are: " + ", ".join(module_ids)
            hint = _suggest(module_id, module_ids, "")
            add(("modules", i), f"there is no module '{module_id}' in {REGISTRY_FILE}", f"{hint} {known}".strip())
    folders = {PurePosixPath(entry.metadata).parts[0]: entry.id for entry in registry.modules}
    known_files = sorted(p.relative_to(root).as_posix() for p in content.files)
    for i, change in enumerate(record.changes):
        rel = PurePosixPath(change.file.replace("\\", "/"))
        target = root / rel
        if rel.is_absolute() or ".." in rel.parts or not target.is_file():
            add(
                ("changes", i, "file"),
                f"change '{change.id}' names the file '{change.file}', which is not in the content folder",
                _suggest(
                    rel.as_posix(),
                    known_files,
                    "write the path inside the content folder, such as 'hurt-harm-abuse/vignettes.yaml'",
                ),
            )
            continue
        owner = folders.get(rel.parts[0]) if len(rel.parts) > 1 else None
        if owner is not None and owner not in record.modules:
            add(
                ("changes", i, "file"),
                f"change '{change.id}' is to module '{owner}', which this record does not list",
                f"add '- {owner}' under 'modules'",
                "warning",
            )
        parsed = content.files.get(target)
        if change.item is None or parsed is None:
            continue
        ids = _item_ids(parsed.loaded.data)
        if change.item not in ids:
            add(
                ("changes", i, "item"),
                f"'{change.file}' has no item with the id '{change.item}'",
                _suggest(
                    change.item,
                    sorted(ids),
                    "use the id of a vignette, node, choice, prompt or section in that file, or remove 'item'",
                ),
            )
    return found.problems


# ---------------------------------------------------------------------------------------------
# Printable page


def _table(caption: str, headers: list[str], rows: Iterable[list[str]]) -> str:
    """A table with a caption and column headers; cells are already safe HTML."""
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _or_dash(text: str | None, *, markdown: bool = False) -> str:
    if text is None:
        return "—"
    return inline_html(text) if markdown else escape(text)


def render_record_html(record: AdaptationRecord) -> str:
    """A standalone printable page of one record: every text escaped, no outside resources."""
    from .export import printable_page  # the notes export pulls in the learner store; load it only to print

    deployment = record.deployment
    title = _("Adaptation record: {name}").format(name=deployment.name)
    header = f"<header><h1>{escape(title)}</h1>"
    if record.example:
        header += f'<p class="example"><strong>{escape(_("Example only: this is not a real deployment."))}</strong></p>'
    status = _("Review status: {status}").format(status=record.review.status)
    header += f'<p class="meta">{escape(status)}</p></header>'
    facts = [
        (_("Organization or community"), escape(deployment.name)),
        (_("Region"), escape(deployment.region)),
        (_("Languages"), escape(", ".join(deployment.languages))),
        (_("Audience"), items_html(deployment.audience, markdown=False)),
        (_("Started"), escape(record.started.isoformat())),
        (_("Based on"), _or_dash(record.based_on)),
        (_("Modules"), escape(", ".join(record.modules))),
    ]
    summary = "<dl>" + "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in facts) + "</dl>"
    changes = _table(
        _("Changes to the curriculum: {count}").format(count=len(record.changes)),
        [_("File and item"), _("What changed"), _("Why"), _("By")],
        (
            [
                f"<code>{escape(change.file)}</code>"
                + (
                    f'<br><span class="meta">{escape(_("item: {id}").format(id=change.item))}</span>'
                    if change.item
                    else ""
                ),
                inline_html(change.what),
                inline_html(change.why),
                escape(change.by),
            ]
            for change in record.changes
        ),
    )
    yes_no = {True: _("yes"), False: _("no")}
    contributors = _table(
        _("Who took part"),
        [_("Role"), _("Paid"), _("How paid, or note")],
        (
            [
                escape(person.role),
                escape(yes_no[person.paid]),
                " ".join(escape(text) for text in (person.how_paid, person.note) if text) or "—",
            ]
            for person in record.contributors
        ),
    )
    answers = {entry.id: entry for entry in record.checklist}
    checklist = _table(
        _("Answers to the adaptation checklist"),
        [_("Checklist item"), _("Answer"), _("Note")],
        (
            [escape(CHECKLIST[item]), escape(answers[item].answer), inline_html(answers[item].note)]
            for item in CHECKLIST_IDS
            if item in answers
        ),
    )
    review = record.review
    review_facts = [
        (_("Status"), escape(review.status)),
        (_("Reviewed by"), _or_dash(review.reviewed_by)),
        (_("Date"), _or_dash(review.date.isoformat() if review.date else None)),
        (_("Note"), _or_dash(review.note, markdown=True)),
    ]
    review_html = (
        "<dl>" + "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in review_facts) + "</dl>"
    )
    body = (
        header
        + section_html("deployment", _("Deployment"), summary)
        + section_html("changes", _("Changes"), changes if record.changes else f"<p>{escape(_('No changes yet.'))}</p>")
        + section_html(
            "contributors",
            _("Contributors and payment"),
            contributors if record.contributors else f"<p>{escape(_('No contributors listed yet.'))}</p>",
        )
        + section_html("checklist", _("Adaptation checklist"), checklist, new_page=True)
        + section_html("review", _("Review"), review_html)
    )
    css = GUIDE_CSS + ".example{border:2px solid #5b4b8a;padding:0.5rem}"
    return printable_page(title, body, lang=record.language, css=css)


def write_adaptations(report: AdaptationsReport, out: Path) -> list[Path]:
    """Write ``out/adaptation-<id>.html`` for every record without errors; returns the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for _path, record in report.printable():
        target = out / f"adaptation-{record.id}.html"
        target.write_text(render_record_html(record), encoding="utf-8")
        written.append(target)
    return written
