"""The Survivor Leadership Cycle of Unhealthy Attachment, branching scenarios, and response practice."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from .activities import StoryFacts
from .base import ContentFile, ContentModel, ContentNote, Id, Markdown, Provenance, Source, Text

Stage = Literal[
    "exuberance",
    "trust-dependency",
    "frustration-criticism",
    "invalidation",
    "resignation",
    "loss-of-self",
    "normalization",
]
"""The seven stages, in the report's order."""

STAGES: tuple[Stage, ...] = get_args(Stage)


class CycleStage(ContentModel):
    id: Stage
    name: Text = Field(description="The stage's name as a trainee reads it.")
    what_it_is: Text
    how_it_looks: Text = Field(description="How it can look inside an organization.")
    disrupt: Text = Field(description="What the party with more power can do to disrupt it.")


class Intervention(ContentModel):
    """Where the report places prevention and accountability on the cycle."""

    id: Id
    kind: Literal["prevention", "accountability"]
    label: Text
    text: Text
    stages: list[Stage] = Field(min_length=1, description="Stages where this comes in.")


class Cycle(ContentFile):
    """The cycle diagram and stage explorer."""

    type: Literal["cycle"]
    id: Id
    title: Text
    intro: Markdown
    stages: list[CycleStage] = Field(min_length=7, max_length=7, description="All seven stages, in order.")
    interventions: list[Intervention] = Field(min_length=2)
    interspersed_praise: Text = Field(description="How praise and resources are mixed in with harm.")
    source: Source


ChoiceEffect = Literal["feeds", "interrupts", "neutral"]


class ScenarioChoice(ContentModel):
    id: Id
    text: Text = Field(description="What the trainee can do or say.")
    goes_to: Id = Field(description="The id of the node this choice leads to.")
    consequence: Text | None = Field(default=None, description="Shown after the choice, before the next node.")
    effect: ChoiceEffect = Field(
        default="neutral", description="Whether this choice feeds the cycle or interrupts it at the node's stage."
    )


class Ending(ContentModel):
    title: Text
    kind: Literal["cycle-interrupted", "mixed", "cycle-continues"]
    debrief: Markdown = Field(description="What happened, why, and what could change it.")


class ScenarioNode(ContentModel):
    id: Id
    text: Markdown
    stage: Stage | None = Field(default=None, description="The cycle stage this moment illustrates.")
    facilitator_notes: Text | None = None
    choices: list[ScenarioChoice] = Field(default_factory=list)
    ending: Ending | None = None


class Scenario(ContentFile):
    """A branching composite scenario: nodes, choices between them, endings with a debrief."""

    type: Literal["scenario"]
    id: Id
    title: Text
    seat: Text = Field(description="Whose seat the trainee takes, such as 'program director' or 'funder'.")
    intro: Markdown
    provenance: Provenance
    content_note: ContentNote
    facts: StoryFacts
    start: Id = Field(description="The id of the first node.")
    nodes: list[ScenarioNode] = Field(min_length=2)
    source: Source


class ResponseOption(ContentModel):
    id: Id
    text: Text
    centers_agency: bool = Field(description="Whether this response centers the survivor's agency.")
    feedback: Text


class ResponseSituation(ContentModel):
    id: Id
    title: Text
    situation: Markdown = Field(description="What the survivor says, in a composite moment.")
    options: list[ResponseOption] = Field(min_length=2)
    model_response: Text = Field(description="One response that centers the survivor's agency.")


class ResponseSignals(ContentModel):
    """Phrases that suggest a written response centers the survivor, or the organization."""

    centers_agency: list[Text] = Field(min_length=3)
    centers_organization: list[Text] = Field(min_length=3)


class Responses(ContentFile):
    """Practice of prepared responses: pick one, or write your own and get feedback."""

    type: Literal["responses"]
    id: Id
    title: Text
    intro: Markdown
    situations: list[ResponseSituation] = Field(min_length=1)
    signals: ResponseSignals
    source: Source
