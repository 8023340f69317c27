"""Representation audit: every story that declares ``facts``, counted by what it declares.

The content guide asks for labor trafficking at least as often as sex trafficking, and for
a range of genders, races, ages, disabilities, migrants and US citizens. This module reads
the ``facts`` of every vignette, scenario, escalation story and case (anything whose model
holds a :class:`~curriculum.schema.StoryFacts`), counts each field of ``StoryFacts`` per
module, and lists the gaps in plain words. It is pure: it reads a :class:`Curriculum` and
returns text; the CLI prints and writes it.

Fields are read generically from ``StoryFacts.model_fields``: a new field is counted
without code changes. Identity terms (woman, trans, migrant...) are found by whole words
in the free-text ``identities``; see :data:`IDENTITY_TERMS`.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from .content import Curriculum
from .export import printable_page
from .render import escape
from .schema import StoryFacts

TOTAL = "total"

IDENTITY_FIELD = "identities"
CONTEXT_FIELD = "trafficking_context"

IDENTITY_TERMS: dict[str, tuple[str, ...]] = {
    "woman": ("woman", "women", "girl", "mother", "grandmother", "latina", "filipina"),
    "man": ("man", "men", "boy", "father", "grandfather", "latino"),
    "trans": ("trans", "transgender"),
    "non-binary": ("non-binary", "nonbinary", "they/them"),
    "disabled": ("disabled", "disability", "deaf", "blind", "wheelchair", "wheelchair user"),
    "migrant": ("migrant", "immigrant", "refugee", "asylum seeker", "permanent resident", "undocumented"),
    "US citizen": ("us citizen", "u.s. citizen", "us-born", "u.s.-born", "born in the us"),
    "under 30": ("teen", "teenager", "in her twenties", "in his twenties", "in their twenties", "young"),
    "50 or older": ("fifties", "sixties", "seventies", "eighties", "older", "elder"),
}
"""Identity terms the audit looks for, each with the words (whole words, any case) that count as it."""

REQUIRED_TERMS = ("migrant", "US citizen")
"""Terms every module should have; the other terms are flagged only where another module has them."""


@dataclass(frozen=True)
class Story:
    """One story that declares facts: a vignette, a scenario, an escalation story, a case."""

    module_id: str
    content_id: str
    item_id: str
    kind: str
    facts: StoryFacts


@dataclass(frozen=True)
class FieldCounts:
    """How many stories in each module declare each value of one field."""

    name: str
    description: str
    counts: dict[str, dict[str, int]]
    """value -> module id (and ``total``) -> number of stories."""


@dataclass(frozen=True)
class Gap:
    """Something the content guide asks for that the facts do not show. ``module_id`` is None curriculum-wide."""

    module_id: str | None
    message: str


@dataclass(frozen=True)
class AuditReport:
    modules: list[str]
    stories: list[Story]
    fields: list[FieldCounts]
    gaps: list[Gap]
    not_audited: list[str] = field(default_factory=list)


def _items_with_facts(model: BaseModel) -> Iterator[tuple[str, str, StoryFacts]]:
    """(item id, kind, facts) for the model itself and for any list of items that declare facts."""
    kind = str(getattr(model, "type", type(model).__name__.lower()))
    own_id = str(getattr(model, "id", kind))
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, StoryFacts):
            yield own_id, kind, value
        elif isinstance(value, list):
            for item in value:
                facts = getattr(item, "facts", None)
                if isinstance(item, BaseModel) and isinstance(facts, StoryFacts):
                    yield str(getattr(item, "id", own_id)), type(item).__name__.lower(), facts


def collect_stories(curriculum: Curriculum) -> list[Story]:
    """Every story that declares facts, module by module in the registry's order."""
    stories: list[Story] = []
    for module_id, bundle in curriculum.modules.items():
        for content_id, content in bundle.contents.items():
            for item_id, kind, facts in _items_with_facts(content):
                stories.append(Story(module_id, content_id, item_id, kind, facts))
    return stories


def _field_values(facts: StoryFacts, *, name: str) -> list[str]:
    return _values(facts, name)


def _values(facts: StoryFacts, name: str) -> list[str]:
    value = getattr(facts, name, None)
    if value is None:
        return []
    items = value if isinstance(value, list | tuple | set) else [value]
    return list(dict.fromkeys(str(item) for item in items))


def _allowed_values(name: str) -> list[str]:
    """The values a ``Literal`` field allows (so unused ones show as 0), else none."""
    annotation = StoryFacts.model_fields[name].annotation
    if typing.get_origin(annotation) is typing.Literal:
        return [str(arg) for arg in typing.get_args(annotation)]
    return []


def _count(
    stories: list[Story], modules: list[str], values_of: typing.Callable[[StoryFacts], list[str]]
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for story in stories:
        for value in values_of(story.facts):
            row = counts.setdefault(value, dict.fromkeys([*modules, TOTAL], 0))
            row[story.module_id] += 1
            row[TOTAL] += 1
    return counts


def count_fields(stories: list[Story], modules: list[str]) -> list[FieldCounts]:
    """One table per ``StoryFacts`` field, plus the identity terms found in ``identities``."""
    tables: list[FieldCounts] = []
    for name, info in StoryFacts.model_fields.items():
        counts = {value: dict.fromkeys([*modules, TOTAL], 0) for value in _allowed_values(name)}
        for value, row in sorted(_count(stories, modules, functools.partial(_field_values, name=name)).items()):
            counts[value] = row
        tables.append(FieldCounts(name, info.description or name, counts))
    if IDENTITY_FIELD in StoryFacts.model_fields:
        terms = {term: dict.fromkeys([*modules, TOTAL], 0) for term in IDENTITY_TERMS}
        for term, row in _count(stories, modules, _terms).items():
            terms[term] = row
        tables.append(
            FieldCounts(
                "identity terms",
                "Stories with at least one character described with these words in 'identities' "
                "(whole words, any case).",
                terms,
            )
        )
    return tables


def _terms(facts: StoryFacts) -> list[str]:
    text = " ; ".join(_values(facts, IDENTITY_FIELD)).lower()
    return [term for term, words in IDENTITY_TERMS.items() if any(_has_word(text, word) for word in words)]


def _has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _labor_and_sex(stories: list[Story]) -> tuple[int, int]:
    """Stories with labor trafficking and with sex trafficking ('labor and sex' counts for both)."""
    contexts = [getattr(s.facts, CONTEXT_FIELD) for s in stories]
    labor = sum(1 for c in contexts if c in ("labor", "labor and sex"))
    sex = sum(1 for c in contexts if c in ("sex", "labor and sex"))
    return labor, sex


def find_gaps(stories: list[Story], modules: list[str]) -> list[Gap]:
    gaps: list[Gap] = []
    by_module = {m: [s for s in stories if s.module_id == m] for m in modules}
    fields = StoryFacts.model_fields
    if CONTEXT_FIELD not in fields:
        gaps.append(
            Gap(None, f"The metadata cannot tell labor from sex trafficking: add a '{CONTEXT_FIELD}' field to facts.")
        )
    else:
        labor, sex = _labor_and_sex(stories)
        if labor < sex:
            gaps.append(
                Gap(None, f"Labor trafficking appears less often than sex trafficking: {labor} stories against {sex}.")
            )
        for module_id, own in by_module.items():
            labor, sex = _labor_and_sex(own)
            if labor < sex:
                gaps.append(
                    Gap(
                        module_id,
                        f"Labor trafficking appears less often than sex trafficking: {labor} stories against {sex}.",
                    )
                )
        used = {getattr(s.facts, CONTEXT_FIELD) for s in stories}
        for value in _allowed_values(CONTEXT_FIELD):
            if value != "not stated" and value not in used:
                gaps.append(Gap(None, f"No story declares '{value}' trafficking."))
    for module_id, own in by_module.items():
        if not own:
            gaps.append(Gap(module_id, "No story in this module declares facts, so nothing here can be audited."))
    if IDENTITY_FIELD not in fields:
        gaps.append(
            Gap(
                None,
                "The metadata cannot tell who the characters are (migrants, US citizens, genders): "
                f"add an '{IDENTITY_FIELD}' field to facts.",
            )
        )
        return gaps
    terms_by_module = {m: {t for s in own for t in _terms(s.facts)} for m, own in by_module.items()}
    for module_id, own in by_module.items():
        if not own:
            continue
        if not any(_values(s.facts, IDENTITY_FIELD) for s in own):
            gaps.append(
                Gap(module_id, f"The metadata cannot tell who the characters are: no story lists '{IDENTITY_FIELD}'.")
            )
            continue
        for term in IDENTITY_TERMS:
            if term in terms_by_module[module_id]:
                continue
            elsewhere = [m for m in modules if m != module_id and term in terms_by_module[m]]
            words = ", ".join(f"'{w}'" for w in IDENTITY_TERMS[term][:3])
            if term in REQUIRED_TERMS:
                gaps.append(
                    Gap(
                        module_id,
                        f"No {term} characters: no '{IDENTITY_FIELD}' entry uses {words} or a similar word "
                        "(facts has no field of its own for this, so the audit reads 'identities').",
                    )
                )
            elif elsewhere:
                gaps.append(
                    Gap(
                        module_id,
                        f"No character here is described as '{term}'; other modules have some "
                        f"({', '.join(elsewhere)}).",
                    )
                )
    return gaps


def audit(curriculum: Curriculum) -> AuditReport:
    """Count every story's facts per module and list the gaps."""
    modules = list(curriculum.modules)
    stories = collect_stories(curriculum)
    gaps = find_gaps(stories, modules)
    not_audited = sorted(curriculum.broken)
    for module_id in not_audited:
        gaps.append(
            Gap(module_id, "This module's files do not validate, so it is not audited; run 'harm-repair validate'.")
        )
    return AuditReport(modules, stories, count_fields(stories, modules), gaps, not_audited)


def _table_text(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [row[0].ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))]
        return "  ".join(cells).rstrip()

    return [line(header), "  ".join("-" * w for w in widths), *(line(row) for row in rows)]


def _story_rows(report: AuditReport) -> list[list[str]]:
    return [[s.item_id, s.module_id, s.kind, str(getattr(s.facts, CONTEXT_FIELD, ""))] for s in report.stories]


def _gap_text(gap: Gap) -> str:
    return f"{gap.module_id or 'curriculum'}: {gap.message}"


def render_text(report: AuditReport) -> str:
    """Aligned tables: one per field, rows = values, columns = modules and the total; then the gaps."""
    lines = [f"Representation audit: {len(report.stories)} stories that declare facts.", ""]
    columns = [*report.modules, TOTAL]
    for table in report.fields:
        lines.append(f"{table.name}: {table.description}")
        rows = [[value, *(str(row[c]) for c in columns)] for value, row in table.counts.items()]
        lines += _table_text(["value", *columns], rows) if rows else ["(no values)"]
        lines.append("")
    if report.gaps:
        lines.append(f"Gaps ({len(report.gaps)}):")
        lines += [f"- {_gap_text(gap)}" for gap in report.gaps]
    else:
        lines.append("No gaps found.")
    return "\n".join(lines) + "\n"


def _table_html(caption: str, header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in header)
    body = "".join(
        f'<tr><th scope="row">{escape(row[0])}</th>' + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:]) + "</tr>"
        for row in rows
    )
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_AUDIT_CSS = (
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #999;padding:.2em .5em;text-align:left}"
    "td{text-align:right}caption{text-align:left;font-weight:bold;padding:.3em 0}"
)


def render_html(report: AuditReport) -> str:
    """A printable page: the gaps, one table per field, and the list of stories. Every value is escaped."""
    title = "Representation audit"
    parts = [f"<h1>{escape(title)}</h1>", f"<p>{len(report.stories)} stories declare facts.</p>", "<h2>Gaps</h2>"]
    if report.gaps:
        parts.append("<ul>" + "".join(f"<li>{escape(_gap_text(gap))}</li>" for gap in report.gaps) + "</ul>")
    else:
        parts.append("<p>No gaps found.</p>")
    parts.append("<h2>Counts by fact</h2>")
    columns = [*report.modules, TOTAL]
    for table in report.fields:
        rows = [[value, *(str(row[c]) for c in columns)] for value, row in table.counts.items()]
        parts.append(_table_html(f"{table.name}: {table.description}", ["value", *columns], rows))
    parts.append("<h2>Stories</h2>")
    parts.append(
        _table_html(
            "Every story that declares facts",
            ["id", "module", "kind", CONTEXT_FIELD],
            _story_rows(report),
        )
    )
    return printable_page(title, "".join(parts), css=_AUDIT_CSS)
