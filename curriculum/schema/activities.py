"""Activity content: comparison tables, classification vignettes, escalation stories, reflections."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ContentFile, ContentModel, ContentNote, Id, Level, Markdown, Provenance, Source, Text

TraffickingContext = Literal["labor", "sex", "labor and sex", "familial", "not stated"]


class StoryFacts(ContentModel):
    """Facts a story declares about itself, used to check representation across the curriculum."""

    trafficking_context: TraffickingContext = Field(
        description="Which kind of trafficking the people in the story survived, where the story says."
    )
    setting: Text = Field(description="Where it happens, for example 'shelter program' or 'funder review'.")
    roles: list[Text] = Field(min_length=1, description="Roles of the people in it, such as 'program manager'.")
    identities: list[Text] = Field(
        default_factory=list,
        description="Identities of characters where the story states them, such as 'migrant' or 'trans woman'.",
    )


class ComparisonColumn(ContentModel):
    id: Id
    label: Text


class ComparisonRow(ContentModel):
    id: Id
    label: Text
    cells: dict[Id, Text] = Field(description="One cell per column id.")


class Comparison(ContentFile):
    """A table comparing things along named dimensions, shown as an accessible HTML table."""

    type: Literal["comparison"]
    id: Id
    title: Text
    caption: Text = Field(description="One sentence saying what the table compares; read by screen readers.")
    intro: Markdown | None = None
    columns: list[ComparisonColumn] = Field(min_length=2)
    rows: list[ComparisonRow] = Field(min_length=1)
    after: Markdown | None = Field(default=None, description="Text shown under the table.")
    source: Source


class DimensionFeedback(ContentModel):
    """Feedback through the framework's three dimensions, with room for nuance."""

    intention: Text
    pattern: Text = Field(description="Incident or pattern.")
    impact: Text
    nuance: Text = Field(description="Where reasonable people could read it differently, and why.")
    repair: Text | None = Field(default=None, description="What acknowledging and repairing it could look like.")


class Vignette(ContentModel):
    """A short composite situation a trainee classifies as hurt, harm, or abuse/exploitation."""

    id: Id
    title: Text
    text: Markdown
    facts: StoryFacts
    answer: Level = Field(description="The level the framework points to. Never sent to the browser.")
    feedback: DimensionFeedback
    other_choices: dict[Level, Text] = Field(
        default_factory=dict,
        description="Optional notes shown when a trainee picks a level other than the answer.",
    )


class Classification(ContentFile):
    """A set of vignettes to classify. The trainee sees one at a time."""

    type: Literal["classification"]
    id: Id
    title: Text
    instructions: Markdown
    provenance: Provenance
    content_note: ContentNote
    vignettes: list[Vignette] = Field(min_length=1)
    source: Source


class EscalationStep(ContentModel):
    id: Id
    label: Text = Field(description="Short heading, such as 'Week 1'.")
    text: Markdown
    answer: Level
    explanation: Text = Field(description="Why the framework puts this step at this level.")
    interruption: Text = Field(description="What someone with power could have done here to stop the slide.")


class Escalation(ContentFile):
    """One composite story told in steps, showing how unaddressed hurt becomes harm and then a pattern."""

    type: Literal["escalation"]
    id: Id
    title: Text
    intro: Markdown
    provenance: Provenance
    content_note: ContentNote
    facts: StoryFacts
    steps: list[EscalationStep] = Field(min_length=2)
    closing: Markdown
    source: Source


class ReflectionPrompt(ContentModel):
    id: Id
    text: Text = Field(description="About composite characters, roles, organizations or future practice only.")
    hint: Text | None = None


class Reflection(ContentFile):
    """Optional private reflection prompts about practice, never about a learner's own history."""

    type: Literal["reflection"]
    id: Id
    title: Text
    intro: Markdown
    prompts: list[ReflectionPrompt] = Field(min_length=1)
