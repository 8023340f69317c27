"""Adaptation records: what one deployment changed in the curriculum, who changed it, and who reviewed it.

A record is ``adaptations/<deployment>.yaml`` beside the content folder, one file per deployment.
Its checklist answers the five questions of the trainer guide (``docs/trainer-guide.md``),
whose ids and titles are :data:`CHECKLIST`; a test keeps the guide and this list in step.
Rules that need the content folder (modules and files that exist) live in
:mod:`curriculum.adaptations`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import ContentFile, ContentModel, Id, Markdown, Text

CHECKLIST: dict[str, str] = {
    "who-is-missing": "Diversity, and who is missing from the room",
    "trust-and-safety": "Trust and safety",
    "paying-contributors": "Paying everyone who contributes",
    "transparency": "Being open about the context",
    "local-not-exported": "Made locally, not exported unchanged",
}
"""The adaptation checklist: id -> title, in the order of the trainer guide."""

CHECKLIST_IDS: tuple[str, ...] = tuple(CHECKLIST)

ChecklistId = Literal[
    "who-is-missing",
    "trust-and-safety",
    "paying-contributors",
    "transparency",
    "local-not-exported",
]

Answer = Literal["yes", "partly", "not yet", "does not apply"]
ReviewState = Literal["draft", "in review", "approved"]


class Deployment(ContentModel):
    """Where and for whom the adapted curriculum is used, named as the trainers wish."""

    name: Text = Field(
        description=(
            "The organization, network or community running it, named as you wish to be named "
            "(for example 'Peer trainers of the coastal network'). Never a survivor's name."
        )
    )
    region: Text = Field(description="The region, country or community it serves, as broadly as you are comfortable.")
    languages: list[Text] = Field(min_length=1, description="Languages the sessions run in, one per line.")
    audience: list[Text] = Field(min_length=1, description="Who the trainees are, one group per line.")


class Change(ContentModel):
    """One change to the curriculum, and why it was made."""

    id: Id = Field(description="A short id for this change, unique in the record, such as 'local-resources'.")
    file: Text = Field(
        description=(
            "The file you changed, as a path inside the content folder, such as 'hurt-harm-abuse/vignettes.yaml'."
        )
    )
    item: Id | None = Field(
        default=None,
        description="The id of the item you changed inside that file (a vignette, node, prompt or section), if one.",
    )
    what: Markdown = Field(description="What you changed, in one or two sentences.")
    why: Markdown = Field(description="Why: what in your community or region called for it.")
    by: Text = Field(
        description="Who made the change: a role, or a name if that person chooses. Never a survivor's story."
    )


class Contributor(ContentModel):
    """Someone who took part in the adaptation or the pilot, by role."""

    role: Text = Field(
        description="Their role, such as 'Peer reviewer with lived experience (2 people)'. A name only if they choose."
    )
    paid: bool = Field(description="Were they paid for their time? The checklist expects every contributor to be paid.")
    how_paid: Text | None = Field(
        default=None,
        description="How and when they were paid, such as 'Flat fee per session, paid within a week, travel upfront'.",
    )
    note: Text | None = Field(default=None, description="Anything else, such as why someone is not paid.")


class ChecklistAnswer(ContentModel):
    """Your answer to one question of the adaptation checklist in the trainer guide."""

    id: ChecklistId = Field(description="Which checklist item this answers (see the trainer guide).")
    answer: Answer = Field(description="yes, partly, not yet, or does not apply.")
    note: Markdown = Field(description="What you did, or what is still missing and what you plan to do.")


class Review(ContentModel):
    """Whether the adaptation has been reviewed, and by whom. Be honest: never claim a review that did not happen."""

    status: ReviewState = Field(description="draft, in review, or approved.")
    reviewed_by: Text | None = Field(
        default=None,
        description="Who reviewed it, by role, such as 'Two paid reviewers with lived experience'. Needed to approve.",
    )
    date: dt.date | None = Field(default=None, description="When it was approved, as YYYY-MM-DD. Needed once approved.")
    note: Markdown | None = Field(default=None, description="What the review found or asked to change.")


class AdaptationRecord(ContentFile):
    """``adaptations/<deployment>.yaml``: what one deployment changed, by whom, and its review status."""

    type: Literal["adaptation-record"] = Field(description="Always 'adaptation-record'.")
    id: Id = Field(description="The record's id; use the file name without '.yaml'.")
    example: bool = Field(default=False, description="true only for a made-up example that is not a real deployment.")
    language: str = Field(
        default="en",
        pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
        description="The language this record is written in, as a code such as 'en' or 'es'.",
    )
    deployment: Deployment = Field(description="Where, in which languages and for whom the curriculum is used.")
    based_on: Text | None = Field(
        default=None, description="Which copy of the curriculum you started from, such as a release or a date."
    )
    started: dt.date = Field(description="When the adaptation started, as YYYY-MM-DD.")
    modules: list[Id] = Field(min_length=1, description="Ids of the modules you use, as in content/curriculum.yaml.")
    changes: list[Change] = Field(default_factory=list, description="Every change you made, one entry each.")
    contributors: list[Contributor] = Field(
        default_factory=list, description="Everyone who took part, by role, and how they were paid."
    )
    checklist: list[ChecklistAnswer] = Field(
        min_length=1,
        description=(
            "One answer per item of the adaptation checklist: who-is-missing, trust-and-safety, "
            "paying-contributors, transparency, local-not-exported."
        ),
    )
    review: Review = Field(description="The review status of the adaptation.")
