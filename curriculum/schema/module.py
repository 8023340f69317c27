"""Module metadata: what a module is for, who it is for, how long it takes, what it contains."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ContentFile, ContentModel, Id, Markdown, Source, Text

ActivityKind = Literal["comparison", "classification", "escalation", "reflection", "cycle", "scenario", "responses"]

COUNTED_KINDS: frozenset[str] = frozenset({"classification", "escalation", "reflection", "scenario", "responses"})
"""Activity kinds that count toward progress (reading a table or exploring the cycle needs no click)."""


class Activity(ContentModel):
    """One activity of a module, in the order the notebook shows it."""

    id: Id
    kind: ActivityKind = Field(description="Which widget shows it.")
    title: Text
    minutes: int = Field(ge=1, le=240, description="Time a trainee needs, in minutes.")
    uses: Id = Field(description="The id of the content file this activity shows.")


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
    key_points: list[Text] = Field(min_length=1)
    whats_next: Markdown
    sources: list[Source] = Field(min_length=1, description="Sections of the report this module draws on.")
    status: Literal["draft", "published"] = Field(default="published")

    @property
    def counted_activity_ids(self) -> list[str]:
        """The activities whose completion the progress bar, the landing page and the export count."""
        return [a.id for a in self.activities if a.kind in COUNTED_KINDS]
