"""Feedback for classifying a situation as hurt, harm, or abuse/exploitation.

Computed in the kernel after the trainee chooses: the answer never travels to the
browser before that.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from ..schema import LEVELS, DimensionFeedback, Level, Vignette


def level_label(level: Level) -> str:
    """The name of a level as a trainee reads it."""
    return {"hurt": _("Hurt"), "harm": _("Harm"), "abuse": _("Abuse or exploitation")}[level]


@dataclass(frozen=True)
class Assessment:
    """What to tell the trainee about one choice."""

    choice: Level
    answer: Level
    dimensions: DimensionFeedback | None
    choice_note: str | None

    @property
    def matches(self) -> bool:
        return self.choice == self.answer

    @property
    def headline(self) -> str:
        if self.matches:
            return _("You chose {choice}. That is how the framework reads this situation too.").format(
                choice=level_label(self.choice)
            )
        return _("You chose {choice}. The framework points to {answer} here. Here is why.").format(
            choice=level_label(self.choice), answer=level_label(self.answer)
        )


def assess(vignette: Vignette, choice: str) -> Assessment:
    """Assess a choice; raises ``ValueError`` for anything that is not one of the three levels."""
    if choice not in LEVELS:
        raise ValueError(f"unknown level {choice!r}")
    level: Level = choice
    return Assessment(
        choice=level,
        answer=vignette.answer,
        dimensions=vignette.feedback,
        choice_note=vignette.other_choices.get(level) if level != vignette.answer else None,
    )


def assess_step(answer: Level, choice: str) -> Assessment:
    """Assess a choice for an escalation step, whose explanation is shown on its own."""
    if choice not in LEVELS:
        raise ValueError(f"unknown level {choice!r}")
    level: Level = choice
    return Assessment(choice=level, answer=answer, dimensions=None, choice_note=None)
