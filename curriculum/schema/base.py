"""Shared building blocks of the content model."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1
"""The content format this release reads. Bump it when a file must change shape."""

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=64),
]
"""A stable identifier: lower-case letters, digits and single hyphens (``staff-meeting-1``)."""

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Translatable:
    """Marks text a translation may change (``Text`` and ``Markdown``); everything else must stay as in English.

    Pydantic ignores this metadata; ``curriculum.i18n_content`` walks the models to find it.
    """

    def __repr__(self) -> str:
        return "TRANSLATABLE"


TRANSLATABLE = Translatable()

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), TRANSLATABLE]
"""Plain text a trainee reads. Must not be empty."""


class TextFormat:
    """Marks how a text field is shown, so tools (the authoring page) can offer the right editor."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"TextFormat({self.name!r})"


MARKDOWN_FORMAT = TextFormat("markdown")

Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), MARKDOWN_FORMAT, TRANSLATABLE]
"""Markdown a trainee reads. Raw HTML is stripped when it is shown."""

Level = Literal["hurt", "harm", "abuse"]
"""The three levels of the report's framework. ``abuse`` stands for abuse or exploitation."""

LEVELS: tuple[Level, ...] = ("hurt", "harm", "abuse")


class ContentModel(BaseModel):
    """Base for every content type: unknown keys are errors, values are not coerced silently."""

    # defer_build: validators are built on first validation, not at import, so a page that
    # loads validated content from the cache never pays for building them.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)


class ContentFile(ContentModel):
    """Base for a whole file: every file states which version of the format it follows."""

    schema_version: Literal[1] = Field(description="Version of the content format. This release reads version 1.")


class Source(ContentModel):
    """Where in the report an idea comes from, shown on screen as a citation."""

    section: Text = Field(description="Section of the Harm and Repair report, as named on screen.")
    note: Text | None = Field(default=None, description="Optional detail, such as a page or table.")


ReviewStatus = Literal[
    "awaiting review by people with lived experience",
    "reviewed by people with lived experience",
]


class Provenance(ContentModel):
    """Who wrote a piece of composite content and whether people with lived experience reviewed it."""

    composite: Literal[True] = Field(
        description="Always true: every story here is a composite of fictional people and organizations."
    )
    written_by: Text = Field(description="Who wrote it, for example 'Harm and Repair curriculum project'.")
    review_status: ReviewStatus = Field(description="Honest review status. Never claim a review that did not happen.")
    reviewed_by: Text | None = Field(
        default=None, description="Who reviewed it, when review_status says it was reviewed."
    )


class ContentNote(ContentModel):
    """The themes a trainee is told about before a scenario opens, with a short summary to read instead."""

    themes: list[Text] = Field(min_length=1, description="Themes in plain factual words.")
    summary: Markdown = Field(description="A short summary a trainee can read instead of the scenario, at no cost.")
