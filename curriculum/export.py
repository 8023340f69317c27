""" "Download my notes": a trainee's reflections and answers as Markdown and printable HTML.

Built in the page's kernel from what the trainee's own browser holds, and handed
straight back to that browser as a file. Nothing is written on the server.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass

from .content import Curriculum, ModuleBundle
from .engines.classification import level_label
from .engines.repair_plan import (
    TEXT_FIELDS,
    PlanError,
    RepairPlan,
    default_level_names,
    default_part_names,
    field_labels,
)
from .i18n import _
from .schema import ApologyWorkshop, Classification, Escalation, Reflection
from .schema.repair import RepairPlan as RepairPlanContent
from .stores.learner_state import APOLOGY_DRAFT_NOTE, LearnerState, ModuleState


@dataclass(frozen=True)
class Line:
    """One exported entry: a heading level or a labelled pair of texts."""

    kind: str  # "h1", "h2", "h3", "p", "qa"
    text: str
    answer: str = ""


def _module_lines(bundle: ModuleBundle, progress: ModuleState) -> list[Line]:
    lines = [Line("h2", bundle.module.title)]
    counted = bundle.module.counted_activity_ids
    done = progress.done_among(counted)
    lines.append(Line("p", _("Activities done: {done} of {total}.").format(done=done, total=len(counted))))
    for activity in bundle.module.activities:
        content = bundle.contents.get(activity.uses)
        state = progress.activities.get(activity.id)
        if isinstance(content, Classification) and state and state.choices:
            lines.append(Line("h3", activity.title))
            for vignette in content.vignettes:
                if vignette.id in state.choices:
                    mine = level_label(state.choices[vignette.id])
                    theirs = level_label(vignette.answer)
                    lines.append(
                        Line(
                            "qa",
                            vignette.title,
                            _("Your reading: {mine}. The framework's reading: {theirs}.").format(
                                mine=mine, theirs=theirs
                            ),
                        )
                    )
        elif isinstance(content, Escalation) and state and state.choices:
            lines.append(Line("h3", activity.title))
            for step in content.steps:
                if step.id in state.choices:
                    lines.append(
                        Line(
                            "qa",
                            step.label,
                            _("Your reading: {mine}. The framework's reading: {theirs}.").format(
                                mine=level_label(state.choices[step.id]), theirs=level_label(step.answer)
                            ),
                        )
                    )
        elif isinstance(content, Reflection):
            written = progress.reflections.get(activity.id, {})
            notes = [(p, written.get(p.id, "").strip()) for p in content.prompts]
            notes = [(p, text) for p, text in notes if text]
            if notes:
                lines.append(Line("h3", activity.title))
                lines += [Line("qa", prompt.text, text) for prompt, text in notes]
        elif isinstance(content, ApologyWorkshop):
            draft = progress.reflections.get(activity.id, {}).get(APOLOGY_DRAFT_NOTE, "").strip()
            if draft:
                lines.append(Line("h3", activity.title))
                lines.append(Line("qa", _("Your apology draft"), draft))
        if progress.plans.get(activity.id):
            lines += _plan_lines(progress.plans[activity.id], content)
    return lines


def _plan_lines(data: list[dict[str, str]], content: object) -> list[Line]:
    """The trainee's repair plan: one entry per action, under "Your repair plan"."""
    try:
        plan = RepairPlan.from_data(data)
    except PlanError:
        return []
    part_names, level_names = default_part_names(), default_level_names()
    if isinstance(content, RepairPlanContent):
        part_names |= {p.id: p.name for p in content.parts}
        level_names |= {lv.id: lv.name for lv in content.levels}
    labels = field_labels()
    lines = [Line("h3", _("Your repair plan"))]
    for part, actions in plan.by_part().items():
        for action in actions:
            rows = [action.action.strip() or _("(action not described yet)")]
            rows += [
                f"{labels[name]}: {getattr(action, name).strip() or _('not decided yet')}"
                for name in TEXT_FIELDS
                if name != "action"
            ]
            heading = f"{part_names[part]} · {level_names[action.level]}"
            lines.append(Line("qa", heading, "\n".join(rows)))
    return lines


def export_lines(curriculum: Curriculum, state: LearnerState, module_ids: Iterable[str]) -> list[Line]:
    title = curriculum.registry.title if curriculum.registry else "Harm and Repair"
    lines = [
        Line("h1", _("{title}: my notes").format(title=title)),
        Line(
            "p",
            _("Downloaded on {date}. Only you have this file; keep it somewhere private.").format(
                date=dt.date.today().isoformat()
            ),
        ),
    ]
    wanted = list(module_ids)
    for module_id in wanted:
        bundle = curriculum.modules.get(module_id)
        if bundle is None:
            continue
        lines += _module_lines(bundle, state.modules.get(module_id, ModuleState()))
    if not any(line.kind == "qa" for line in lines):
        lines.append(Line("p", _("Nothing saved yet: your answers and notes will appear here.")))
    return lines


def to_markdown(lines: list[Line]) -> str:
    out: list[str] = []
    for line in lines:
        if line.kind == "h1":
            out.append(f"# {line.text}\n")
        elif line.kind == "h2":
            out.append(f"\n## {line.text}\n")
        elif line.kind == "h3":
            out.append(f"\n### {line.text}\n")
        elif line.kind == "p":
            out.append(f"{line.text}\n")
        else:
            answer = "\n".join(f"> {row}" if row else ">" for row in line.answer.splitlines())
            out.append(f"**{line.text}**\n\n{answer}\n")
    return "\n".join(out).strip() + "\n"


_PRINT_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1d1d1b}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #999}"
    "blockquote{margin:0.25rem 0 1rem;padding-left:1rem;border-left:3px solid #5b4b8a;white-space:pre-wrap}"
    "@media print{body{margin:0}}"
)


def printable_page(title: str, body_html: str, *, lang: str = "en", css: str = "") -> str:
    """A self-contained page to print or keep: inline CSS, no outside resources.

    ``title`` is plain text (escaped here); ``body_html`` must already be safe HTML.
    ``css`` is added after the shared print styles. Used by the notes and the repair plan.
    """
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f"<style>{_PRINT_CSS}{css}</style></head><body><main>{body_html}</main></body></html>\n"
    )


def to_html(lines: list[Line]) -> str:
    """A self-contained printable page; every text is escaped."""
    body: list[str] = []
    for line in lines:
        text = html.escape(line.text)
        if line.kind in ("h1", "h2", "h3"):
            body.append(f"<{line.kind}>{text}</{line.kind}>")
        elif line.kind == "p":
            body.append(f"<p>{text}</p>")
        else:
            body.append(f"<p><strong>{text}</strong></p><blockquote>{html.escape(line.answer)}</blockquote>")
    from .i18n import language

    return printable_page(lines[0].text if lines else "", "".join(body), lang=language())


def export_filename(module_id: str | None, extension: str) -> str:
    stem = f"harm-repair-notes-{module_id}" if module_id else "harm-repair-notes"
    return f"{stem}.{extension}"
