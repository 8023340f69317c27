"""The repair plan: actions across the four parts of accountability, checked for gaps, downloadable.

After Mia Mingus, accountability has four parts: self-reflection, apology, repair and
changed behavior. A trainee plans actions for each part at the level where the harm
happened (individual, organizational, collective), saying who does each one, by when,
and how the people harmed are consulted.

This engine knows the ids of parts and levels only. Display names come from the caller
(the content file, in the trainee's language), so it never depends on the content model.
A plan is immutable: every change returns a new plan, which the page then saves as plain
data (:meth:`RepairPlan.to_data`) in the learner state on the trainee's device.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Literal

from ..i18n import _, language
from ..render import escape, markdown_to_html
from ..schema.base import ID_PATTERN

PART_IDS: tuple[str, ...] = ("self-reflection", "apology", "repair", "changed-behavior")
"""The four parts of accountability, in the order a plan shows them."""

LEVEL_IDS: tuple[str, ...] = ("individual", "organizational", "collective")
"""The levels at which harm happens and repair is needed."""

MAX_ACTIONS = 40
MAX_FIELD_CHARS = 500

TEXT_FIELDS: tuple[str, ...] = ("action", "who", "by_when", "consult")
"""The fields a trainee types, in the order a plan shows them."""

GapKind = Literal["empty-part", "empty-action", "no-action-text", "no-who", "no-by-when", "no-consult"]
FileKind = Literal["md", "html"]


class PlanError(ValueError):
    """A change the plan cannot take, said in plain words a trainee can act on."""


def default_part_names() -> dict[str, str]:
    """Part names used when the caller gives none (interface strings, so they translate)."""
    return {
        "self-reflection": _("Self-reflection"),
        "apology": _("Apology"),
        "repair": _("Repair"),
        "changed-behavior": _("Changed behavior"),
    }


def default_level_names() -> dict[str, str]:
    return {
        "individual": _("Individual"),
        "organizational": _("Organizational"),
        "collective": _("Collective"),
    }


def field_labels() -> dict[str, str]:
    """Column names of the typed fields (interface strings, so they translate)."""
    return {
        "action": _("Action"),
        "who": _("Who does it"),
        "by_when": _("By when"),
        "consult": _("How the people harmed are consulted"),
    }


def _part_reasons() -> dict[str, str]:
    """Why each part matters, said when a plan has nothing for it."""
    return {
        "self-reflection": _(
            "Self-reflection comes first: understanding what happened, and what in the practice made it possible."
        ),
        "apology": _("An apology names the harm and its impact, and asks for nothing back."),
        "repair": _("Repair asks the people harmed what they need, and does what can be done to meet it."),
        "changed-behavior": _("Changed behavior is owed whether or not the relationship resumes."),
    }


def _names(given: Mapping[str, str] | None, defaults: dict[str, str]) -> dict[str, str]:
    """The caller's names where given, built-in names for the rest."""
    return {**defaults, **{k: v for k, v in (given or {}).items() if v and v.strip()}}


def _in_sentence(name: str) -> str:
    """'Changed behavior' -> 'changed behavior' mid-sentence, in English only; 'CEO' stays 'CEO'."""
    first_word = name.split(" ", 1)[0]
    if language() == "en" and first_word[1:].islower():
        return name[:1].lower() + name[1:]
    return name


@dataclass(frozen=True)
class PlanAction:
    """One action of a plan. The four text fields are what the trainee typed, kept as typed."""

    part: str
    level: str
    action: str = ""
    who: str = ""
    by_when: str = ""
    consult: str = ""
    suggestion_id: str | None = None
    """The suggestion this action started from, if any (the trainee may have reworded it)."""

    def __post_init__(self) -> None:
        if self.part not in PART_IDS:
            raise PlanError(
                _("“{part}” is not one of the four parts of accountability.").format(part=str(self.part)[:64])
            )
        if self.level not in LEVEL_IDS:
            raise PlanError(_("“{level}” is not one of the levels of repair.").format(level=str(self.level)[:64]))
        labels = field_labels()
        for name in TEXT_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, str):
                raise PlanError(_("“{field}” must be text.").format(field=labels[name]))
            if len(value) > MAX_FIELD_CHARS:
                raise PlanError(
                    _(
                        "“{field}” is {count} characters long; it can hold up to {limit}. "
                        "Please shorten it: nothing has been cut."
                    ).format(field=labels[name], count=len(value), limit=MAX_FIELD_CHARS)
                )
        if self.suggestion_id is not None and not (
            isinstance(self.suggestion_id, str)
            and 2 <= len(self.suggestion_id) <= 64
            and ID_PATTERN.match(self.suggestion_id)
        ):
            raise PlanError(_("This action refers to a suggestion that does not exist."))

    def is_blank(self) -> bool:
        return not any(getattr(self, name).strip() for name in TEXT_FIELDS)

    def to_data(self) -> dict[str, str]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "suggestion_id"}
        if self.suggestion_id is not None:
            data["suggestion_id"] = self.suggestion_id
        return data

    @classmethod
    def from_data(cls, data: object) -> PlanAction:
        """Read one stored action. Anything that is not an action raises :class:`PlanError`."""
        known = {f.name for f in fields(cls)}
        if not isinstance(data, Mapping) or not set(data) <= known or not {"part", "level"} <= set(data):
            raise PlanError(_("This saved plan could not be read."))
        if not all(isinstance(value, str) for value in data.values()):
            raise PlanError(_("This saved plan could not be read."))
        return cls(**{str(key): value for key, value in data.items()})


@dataclass(frozen=True)
class PlanGap:
    """Something a plan still lacks, in kind, plain words."""

    kind: GapKind
    part: str
    message: str
    index: int | None = None
    """The action's position in :attr:`RepairPlan.actions`; ``None`` for a part with no action."""


@dataclass(frozen=True)
class RepairPlan:
    """An ordered, immutable list of actions: ``add``, ``replace`` and ``remove`` return a new plan."""

    actions: tuple[PlanAction, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "actions", tuple(self.actions))
        if not all(isinstance(action, PlanAction) for action in self.actions):
            raise TypeError("a RepairPlan holds PlanAction values only")
        if len(self.actions) > MAX_ACTIONS:
            raise PlanError(
                _("A plan can hold up to {limit} actions. To add another, remove or combine one first.").format(
                    limit=MAX_ACTIONS
                )
            )

    def __len__(self) -> int:
        return len(self.actions)

    def _check_index(self, index: int) -> None:
        if not 0 <= index < len(self.actions):
            raise IndexError(f"no action at index {index} in a plan of {len(self.actions)}")

    def add(self, action: PlanAction) -> RepairPlan:
        return RepairPlan((*self.actions, action))

    def replace(self, index: int, action: PlanAction) -> RepairPlan:
        self._check_index(index)
        return RepairPlan((*self.actions[:index], action, *self.actions[index + 1 :]))

    def remove(self, index: int) -> RepairPlan:
        self._check_index(index)
        return RepairPlan(self.actions[:index] + self.actions[index + 1 :])

    def by_part(self) -> dict[str, tuple[PlanAction, ...]]:
        """Every part, in order, with its actions in plan order (an empty tuple if none)."""
        return {part: tuple(a for a in self.actions if a.part == part) for part in PART_IDS}

    def gaps(self, part_names: Mapping[str, str] | None = None) -> list[PlanGap]:
        """What is still missing, part by part. An empty list means every part has complete actions."""
        names = _names(part_names, default_part_names())
        reasons = _part_reasons()
        found: list[PlanGap] = []
        for part in PART_IDS:
            name = names[part]
            numbered = [(i, a) for i, a in enumerate(self.actions) if a.part == part]
            if not numbered:
                message = _("Nothing yet for {part}.").format(part=_in_sentence(name)) + " " + reasons[part]
                found.append(PlanGap("empty-part", part, message))
            for number, (index, action) in enumerate(numbered, start=1):
                found += _action_gaps(action, index, name, number)
        return found

    def to_data(self) -> list[dict[str, str]]:
        """Plain data for the learner state (JSON on the trainee's device)."""
        return [action.to_data() for action in self.actions]

    @classmethod
    def from_data(cls, data: object) -> RepairPlan:
        """Read a stored plan. Anything that is not a plan raises :class:`PlanError`."""
        if not isinstance(data, list | tuple):
            raise PlanError(_("This saved plan could not be read."))
        if len(data) > MAX_ACTIONS:
            raise PlanError(_("This saved plan could not be read."))
        return cls(tuple(PlanAction.from_data(item) for item in data))


def _action_gaps(action: PlanAction, index: int, part_name: str, number: int) -> list[PlanGap]:
    part = action.part
    where = {"part": part_name, "number": number}
    if action.is_blank():
        message = _("{part}, action {number} is empty. Describe it, or remove it.").format(**where)
        return [PlanGap("empty-action", part, message, index)]
    gaps: list[PlanGap] = []
    if not action.action.strip():
        message = _("{part}, action {number}: what will be done? Describe the action itself.").format(**where)
        gaps.append(PlanGap("no-action-text", part, message, index))
    if not action.who.strip():
        message = _("{part}, action {number}: who will do this? Name a person or a role, so that someone owns it.")
        gaps.append(PlanGap("no-who", part, message.format(**where), index))
    if not action.by_when.strip():
        message = _(
            "{part}, action {number}: by when? A date or a milestone lets the people harmed know what to expect."
        )
        gaps.append(PlanGap("no-by-when", part, message.format(**where), index))
    if not action.consult.strip():
        message = _(
            "{part}, action {number}: how are the people harmed consulted, if at all? "
            "Repair is shaped with them without handing them the work, and they may choose not to take part."
        )
        gaps.append(PlanGap("no-consult", part, message.format(**where), index))
    return gaps


# ---------------------------------------------------------------- downloads


def _footer(made_on: dt.date | None) -> str:
    return _(
        "Made with the Harm and Repair curriculum on {date}. "
        "This plan stays on your device unless you choose to share it."
    ).format(date=(made_on or dt.date.today()).isoformat())


def _md_cell(text: str) -> str:
    """Text typed by a trainee, safe inside one Markdown table cell.

    No ``|`` or line break can end the cell (line breaks become ``<br>``), and ``<`` is an
    entity so typed text never turns into markup in a viewer that renders HTML.
    """
    text = text.strip()
    if not text:
        return "*" + _("not decided yet") + "*"
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return "<br>".join(line.strip() for line in text.splitlines())


def _md_line(text: str) -> str:
    """One-line text (a title, a heading): line breaks become spaces."""
    return " ".join(text.split())


def plan_to_markdown(
    plan: RepairPlan,
    *,
    title: str,
    case_summary: str,
    part_names: Mapping[str, str] | None = None,
    level_names: Mapping[str, str] | None = None,
    made_on: dt.date | None = None,
) -> str:
    """The plan as Markdown: a table per part, then what is still open, then a footer.

    ``case_summary`` is Markdown from the content file and is kept as written; every text
    the trainee typed is escaped so it stays inside its table cell.
    """
    parts = _names(part_names, default_part_names())
    levels = _names(level_names, default_level_names())
    labels = field_labels()
    header = [_("Level"), *(labels[name] for name in TEXT_FIELDS)]
    out = [f"# {_md_line(title)}", ""]
    if case_summary.strip():
        out += [case_summary.strip(), ""]
    for part, actions in plan.by_part().items():
        out += [f"## {_md_line(parts[part])}", ""]
        if not actions:
            out += ["*" + _("Nothing yet.") + "*", ""]
            continue
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + " --- |" * len(header))
        for action in actions:
            cells = [_md_line(levels[action.level]), *(_md_cell(getattr(action, name)) for name in TEXT_FIELDS)]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    gaps = plan.gaps(parts)
    if gaps:
        out += [f"## {_('Still open')}", ""]
        out += [f"- {_md_line(gap.message)}" for gap in gaps]
        out.append("")
    out += ["---", "", _footer(made_on), ""]
    return "\n".join(out)


_PLAN_CSS = (
    "body{max-width:60rem}"
    "table{width:100%;border-collapse:collapse;margin:0.5rem 0 1.5rem}"
    "th,td{border:1px solid #767676;padding:0.4rem 0.5rem;text-align:left;vertical-align:top}"
    "thead th{background:#eeeaf5}td{white-space:pre-wrap;overflow-wrap:anywhere}"
    ".open{font-style:italic;color:#4a4a4a}tr{break-inside:avoid}"
    "footer{margin-top:2rem;border-top:1px solid #999;font-size:0.9rem}"
    "@media print{thead{display:table-header-group}}"
)


def _html_cell(text: str) -> str:
    text = text.strip()
    if not text:
        return f'<span class="open">{escape(_("not decided yet"))}</span>'
    return escape(text)


def plan_to_html(
    plan: RepairPlan,
    *,
    title: str,
    case_summary: str,
    part_names: Mapping[str, str] | None = None,
    level_names: Mapping[str, str] | None = None,
    made_on: dt.date | None = None,
    lang: str | None = None,
) -> str:
    """The plan as a standalone printable page: no external resources, every typed text escaped.

    ``case_summary`` is rendered as content Markdown (raw HTML in it shows as text).
    ``lang`` defaults to the interface language.
    """
    # Imported here: export.py includes plans in the notes, so it imports this module.
    from ..export import printable_page

    parts = _names(part_names, default_part_names())
    levels = _names(level_names, default_level_names())
    labels = field_labels()
    head = "".join(f'<th scope="col">{escape(text)}</th>' for text in [_("Level"), *(labels[n] for n in TEXT_FIELDS)])
    body = [f"<h1>{escape(title)}</h1>"]
    if case_summary.strip():
        body.append(f'<div class="case">{markdown_to_html(case_summary)}</div>')
    for part, actions in plan.by_part().items():
        heading = f"plan-{part}"
        body.append(f'<section aria-labelledby="{heading}"><h2 id="{heading}">{escape(parts[part])}</h2>')
        if actions:
            rows = "".join(
                f"<tr><td>{escape(levels[a.level])}</td>"
                + "".join(f"<td>{_html_cell(getattr(a, n))}</td>" for n in TEXT_FIELDS)
                + "</tr>"
                for a in actions
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        else:
            body.append(f'<p class="open">{escape(_("Nothing yet."))}</p>')
        body.append("</section>")
    gaps = plan.gaps(parts)
    if gaps:
        items = "".join(f"<li>{escape(gap.message)}</li>" for gap in gaps)
        body.append(f'<section aria-labelledby="plan-open"><h2 id="plan-open">{escape(_("Still open"))}</h2>')
        body.append(f"<ul>{items}</ul></section>")
    body.append(f"<footer><p>{escape(_footer(made_on))}</p></footer>")
    return printable_page(title, "".join(body), lang=lang or language(), css=_PLAN_CSS)


def plan_filename(module_id: str | None, kind: FileKind) -> str:
    """``harm-repair-plan-<module>.md`` or ``.html``, like the notes' file names."""
    if kind not in ("md", "html"):
        raise ValueError(f"unknown file kind {kind!r}; use 'md' or 'html'")
    if module_id is not None and not ID_PATTERN.match(module_id):
        raise ValueError(f"not a module id: {module_id!r}")
    stem = f"harm-repair-plan-{module_id}" if module_id else "harm-repair-plan"
    return f"{stem}.{kind}"
