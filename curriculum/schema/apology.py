"""Rules of the apology analyser: the parts of an apology, and the habits that undo one.

The rules are data, not code, so trainers can tune the wording and cues, and a new language
is a copied and translated file. Every cue is a regular expression matched, without regard
to case, against the trainee's text after curly quotes become straight ones and runs of
spaces and line breaks become one space.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import Field, StringConstraints, field_validator, model_validator

from .base import ContentFile, ContentModel, Id, Markdown, Source, Text

ElementId = Literal[
    "says-sorry",
    "names-harm",
    "names-impact",
    "takes-responsibility",
    "offers-repair",
    "commits-to-change",
]
"""The parts of an apology, in the order they are shown."""

ELEMENT_IDS: tuple[ElementId, ...] = get_args(ElementId)

PatternId = Literal[
    "conditional",
    "but-deflection",
    "sorry-you-feel",
    "passive-voice",
    "regret-without-ownership",
    "minimizing",
    "centers-intent",
    "centers-own-pain",
    "asks-forgiveness",
]
"""Non-apology patterns: habits that turn an apology away from the person who was harmed."""

PATTERN_IDS: tuple[PatternId, ...] = get_args(PatternId)

Regex = Annotated[str, StringConstraints(min_length=1)]
"""A regular expression (Python syntax), matched without regard to case."""

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$")]


def _check_regexes(patterns: list[str]) -> list[str]:
    """Compile every pattern now, so a typo is reported when the file is checked, not mid-class."""
    for pattern in patterns:
        try:
            re.compile(pattern, re.IGNORECASE)
        except re.error as err:
            raise ValueError(
                f"the regular expression {pattern!r} does not work: {err.msg} (at character {err.pos}). "
                "Check its brackets, and write a backslash before ( ) [ ] ? * + . when you mean the character itself"
            ) from None
    return patterns


class Cued(ContentModel):
    """What to look for in the text, and what cancels a find."""

    cues: list[Regex] = Field(
        min_length=1, description="Regular expressions; any match is a find. Quote them with single quotes in YAML."
    )
    unless: list[Regex] = Field(
        default_factory=list,
        description=(
            "Exceptions, also regular expressions: a find does not count when an exception's match overlaps it. "
            "Use them for negations and near misses, such as 'not sorry'."
        ),
    )
    not_within: list[PatternId] = Field(
        default_factory=list,
        description="Patterns whose finds cancel this one where they overlap, such as 'sorry you feel that way'.",
    )

    @field_validator("cues", "unless")
    @classmethod
    def _regexes_compile(cls, value: list[str]) -> list[str]:
        return _check_regexes(value)


class ApologyElement(Cued):
    """One part of a full apology (after Mia Mingus's four parts of accountability)."""

    id: ElementId
    name: Text = Field(description="Short name a trainee reads, such as 'Says sorry'.")
    what_it_is: Text = Field(description="One line on what this part is.")
    present_feedback: Text = Field(description="Shown when the apology has this part.")
    missing_feedback: Text = Field(description="Shown when it does not: a kind nudge with an example.")


class ApologyPattern(Cued):
    """A non-apology habit, flagged only when found."""

    id: PatternId
    name: Text = Field(description="Short name a trainee reads, such as 'Conditional apology'.")
    what_it_is: Text = Field(description="One line on what this pattern is.")
    feedback: Text = Field(description="Why it matters to the person harmed, and what to write instead.")


class ApologyRules(ContentFile):
    """The apology analyser's rules for one language."""

    type: Literal["apology-rules"]
    id: Id
    language: LanguageCode = Field(description="Language of the cues and feedback, such as 'en' or 'es'.")
    title: Text
    intro: Markdown = Field(description="Shown above the writing box: what the feedback is, and what it is not.")
    elements: list[ApologyElement] = Field(
        min_length=1, description="Every part of an apology, once each, in the order they are shown."
    )
    patterns: list[ApologyPattern] = Field(
        min_length=1, description="Every non-apology pattern, once each, in the order they are shown."
    )
    source: Source

    @model_validator(mode="after")
    def _every_id_once(self) -> ApologyRules:
        for label, items, expected in (
            ("elements", self.elements, ELEMENT_IDS),
            ("patterns", self.patterns, PATTERN_IDS),
        ):
            ids = [item.id for item in items]
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            if repeated:
                raise ValueError(f"in '{label}', the id {', '.join(repeated)} is used more than once; keep one")
            missing = [i for i in expected if i not in ids]
            if missing:
                raise ValueError(f"'{label}' is missing {', '.join(missing)}; every one of them needs an entry")
        return self
