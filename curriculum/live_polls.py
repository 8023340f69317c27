"""The polls a facilitator can open in a live session, drawn from a module's activities.

Each template asks the room one question about one item of an activity: a vignette
("Is this hurt, harm or abuse?"), a step of an escalation story (the same question), a
decision in a branching scenario ("What would you do?") or the cycle ("Which stage of
the cycle is this?"). Activities of other kinds have no poll.

A template carries only what the room may see: the question, the options and a prompt
(the vignette, step or scenario text, for a projector). Answers, feedback, consequences
and facilitator notes never go into a template, so nothing built from one can show them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import ModuleBundle
from .engines.classification import level_label
from .i18n import _
from .schema import LEVELS, Classification, Cycle, Escalation, Scenario

LABEL_LIMIT = 200
"""Longest option label the session store takes (``curriculum.stores.live.MAX_LABEL_CHARS``)."""

LETTERS = "ABCDEFGHIJKL"
"""Scenario options are lettered, so a long choice can be shortened in the label and read in full in the prompt."""


@dataclass(frozen=True)
class PollTemplate:
    """One poll a facilitator can open: for which activity and item, what to ask, what to show the room."""

    activity_id: str
    item_id: str
    """The vignette, step or scenario node it is about (the cycle's own id for the cycle)."""
    title: str
    """"Activity title — item title", as the facilitator's list and the presenter view show it."""
    question: str
    options: tuple[tuple[str, str], ...]
    """(option id, label) pairs, in order; the store adds "prefer not to answer"."""
    prompt: str
    """Markdown shown to the room: the vignette, step or scenario text. Never answers or feedback."""


def level_question(item_title: str) -> str:
    return _("Is this hurt, harm or abuse? “{title}”").format(title=item_title)


def _level_options() -> tuple[tuple[str, str], ...]:
    return tuple((level, level_label(level)) for level in LEVELS)


def _shorten(text: str, limit: int = LABEL_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when it is longer than ``limit``."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"


def _level_items(activity_id: str, activity_title: str, items: list[tuple[str, str, str]]) -> list[PollTemplate]:
    """One "hurt, harm or abuse?" poll per (id, title, text) item: vignettes, or a story's steps."""
    return [
        PollTemplate(
            activity_id=activity_id,
            item_id=item_id,
            title=f"{activity_title} — {title}",
            question=level_question(title),
            options=_level_options(),
            prompt=f"### {title}\n\n{text}",
        )
        for item_id, title, text in items
    ]


def _scenario(activity_id: str, activity_title: str, content: Scenario) -> list[PollTemplate]:
    templates = []
    decisions = [node for node in content.nodes if node.choices]
    for number, node in enumerate(decisions, start=1):
        choices = node.choices[: len(LETTERS)]
        item = _("Decision {number}").format(number=number)
        listed = "\n".join(f"{LETTERS[i]}. {choice.text}" for i, choice in enumerate(choices))
        templates.append(
            PollTemplate(
                activity_id=activity_id,
                item_id=node.id,
                title=f"{activity_title} — {item}",
                question=_("What would you do?"),
                options=tuple(
                    (choice.id, _shorten(f"{LETTERS[i]}. {choice.text}")) for i, choice in enumerate(choices)
                ),
                prompt=f"### {item}\n\n{node.text}\n\n**{_('What would you do?')}**\n\n{listed}",
            )
        )
    return templates


def _cycle(activity_id: str, activity_title: str, content: Cycle) -> list[PollTemplate]:
    return [
        PollTemplate(
            activity_id=activity_id,
            item_id=content.id,
            title=f"{activity_title} — {content.title}",
            question=_("Which stage of the cycle is this?"),
            options=tuple((stage.id, stage.name) for stage in content.stages),
            prompt=f"### {content.title}\n\n"
            + _("Think of the moment the group has just read or discussed. Which of the seven stages does it show?"),
        )
    ]


POLLED_CONTENT = (Classification, Escalation, Scenario, Cycle)
"""Content whose activity a facilitator can poll the room on (each gets templates below)."""


def poll_templates(bundle: ModuleBundle) -> list[PollTemplate]:
    """Every poll the module offers, in the order its page shows the activities."""
    activities = {activity.id: activity for activity in bundle.module.activities}
    ordered = [item.activity for item in bundle.module.outline if item.activity is not None]
    ordered = [activity_id for activity_id in ordered if activity_id in activities]
    ordered += [activity_id for activity_id in activities if activity_id not in ordered]
    templates: list[PollTemplate] = []
    for activity_id in ordered:
        activity, content = bundle.activity(activity_id)
        if isinstance(content, Classification):
            templates += _level_items(activity.id, activity.title, [(v.id, v.title, v.text) for v in content.vignettes])
        elif isinstance(content, Escalation):
            templates += _level_items(activity.id, activity.title, [(s.id, s.label, s.text) for s in content.steps])
        elif isinstance(content, Scenario):
            templates += _scenario(activity.id, activity.title, content)
        elif isinstance(content, Cycle):
            templates += _cycle(activity.id, activity.title, content)
    return templates
