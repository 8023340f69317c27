"""Module metadata: what a module is for, who it is for, how long it takes, what it contains."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import ContentFile, ContentModel, Id, Markdown, Source, Text

ActivityKind = Literal[
    "comparison",
    "classification",
    "escalation",
    "reflection",
    "cycle",
    "scenario",
    "responses",
    "questions",
    "apology",
    "repair-plan",
]

COUNTED_KINDS: frozenset[str] = frozenset(
    {"classification", "escalation", "reflection", "scenario", "responses", "apology", "repair-plan"}
)
"""Activity kinds that count toward progress (reading a table, the cycle or questions needs no click)."""

FILE_TYPE_OF_KIND: dict[str, str] = {"apology": "apology-workshop"}
"""The content file type an activity kind shows, where it differs from the kind's own name."""


def file_type_of(kind: str) -> str:
    """The ``type`` a content file must have to be shown by an activity of this kind."""
    return FILE_TYPE_OF_KIND.get(kind, kind)


class Activity(ContentModel):
    """One activity of a module, in the order the notebook shows it."""

    id: Id
    kind: ActivityKind = Field(description="Which widget shows it.")
    title: Text
    minutes: int = Field(ge=1, le=240, description="Time a trainee needs, in minutes.")
    uses: Id = Field(description="The id of the content file this activity shows.")


PagePart = Literal["overview", "key-points", "whats-next"]


class OutlineItem(ContentModel):
    """One line of the page's outline: a heading, a section, an activity or a fixed part.

    The outline is the order of the module's page, so a trainer can move things around
    by editing this file only. Each item has exactly one key, for example
    ``- heading: Key points`` or ``- activity: classify-vignettes``.
    """

    heading: Text | None = Field(default=None, description="A heading shown above what follows it.")
    section: Id | None = Field(default=None, description="The id of a section (under 'sections') to show here.")
    activity: Id | None = Field(default=None, description="The id of an activity (under 'activities') to show here.")
    part: PagePart | None = Field(
        default=None, description="A part built from this file: overview, key-points or whats-next."
    )

    @model_validator(mode="after")
    def _one_key(self) -> OutlineItem:
        given = [k for k in ("heading", "section", "activity", "part") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "each outline item has exactly one of heading, section, activity or part; "
                f"this one has {len(given) or 'none'}" + (f" ({', '.join(given)})" if given else "")
            )
        return self


class Module(ContentFile):
    """``module.yaml``: a module's metadata and its short narrative sections."""

    type: Literal["module"]
    id: Id
    title: Text
    purpose: Text = Field(description="One line: what a trainee gains. Shown on the landing page.")
    audience: list[Text] = Field(min_length=1, description="Who the module is for.")
    objectives: list[Text] = Field(min_length=1, description="What a trainee can do afterwards.")
    teaching_minutes: int = Field(ge=0, le=600, description="Minutes of reading or facilitated teaching.")
    activity_minutes: int = Field(ge=0, le=600, description="Minutes of activities.")
    content_note_themes: list[Text] = Field(
        min_length=1, description="Themes a trainee meets anywhere in the module, listed on the overview."
    )
    overview: Markdown = Field(description="Opening text of the module.")
    sections: dict[Id, Markdown] = Field(
        default_factory=dict,
        description="Named narrative sections the notebook shows with show_section(module, id).",
    )
    activities: list[Activity] = Field(min_length=1)
    outline: list[OutlineItem] = Field(
        min_length=1,
        description=(
            "The page from top to bottom: headings, sections, activities and the parts overview, "
            "key-points and whats-next. Every activity appears once."
        ),
    )
    key_points: list[Text] = Field(min_length=1)
    whats_next: Markdown
    sources: list[Source] = Field(min_length=1, description="Sections of the report this module draws on.")
    status: Literal["draft", "published"] = Field(default="published")

    @property
    def counted_activity_ids(self) -> list[str]:
        """The activities whose completion the progress bar, the landing page and the export count."""
        return [a.id for a in self.activities if a.kind in COUNTED_KINDS]
