"""Accountability and repair: leaders' fears as questions and answers, the apology workshop, the repair plan."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from .activities import StoryFacts
from .base import ContentFile, ContentModel, ContentNote, Id, Markdown, Provenance, Source, Text

AccountabilityPart = Literal["self-reflection", "apology", "repair", "changed-behavior"]
"""The four parts of accountability (after Mia Mingus), in the report's order."""

PARTS: tuple[AccountabilityPart, ...] = get_args(AccountabilityPart)

RepairLevel = Literal["individual", "organizational", "collective"]
"""The levels at which harm happens and repair is needed."""

REPAIR_LEVELS: tuple[RepairLevel, ...] = get_args(RepairLevel)


# ---------------------------------------------------------------- questions


class QuestionItem(ContentModel):
    """One fear a leader might voice, and the report's answer to it, revealed on request."""

    id: Id = Field(description="Stable id of this question, such as 'legal-advice'.")
    question: Text = Field(description="The fear, in the words a leader might use.")
    think_first: Text | None = Field(
        default=None,
        description=(
            "Optional short prompt that invites the trainee to think of an answer before revealing it. "
            "About the organization or the role only, never about the learner's own history."
        ),
    )
    answer: Markdown = Field(description="The report's answer, in our own words.")
    source: Source = Field(description="The section of the report the answer comes from.")


class Questions(ContentFile):
    """An interactive set of questions and answers. Reading only: it does not count toward progress."""

    type: Literal["questions"]
    id: Id = Field(description="Stable id of this file; module activities name it in 'uses'.")
    title: Text = Field(description="Heading shown above the questions.")
    intro: Markdown = Field(description="A few sentences before the first question.")
    items: list[QuestionItem] = Field(min_length=3, description="The questions, in the order shown.")


# ---------------------------------------------------------------- apology workshop


class ApologyFragment(ContentModel):
    """A sentence a trainee can add to an apology. Some are genuine; some only sound like an apology."""

    id: Id = Field(description="Stable id of this fragment, such as 'names-the-harm'.")
    text: Text = Field(description="The sentence as the trainee sees it.")


class ApologyWorkshop(ContentFile):
    """Practice writing an apology for a composite harm, with feedback from the apology rules."""

    type: Literal["apology-workshop"]
    id: Id = Field(description="Stable id of this file; module activities name it in 'uses'.")
    title: Text = Field(description="Heading of the workshop.")
    provenance: Provenance = Field(description="Who wrote this composite case and its honest review status.")
    content_note: ContentNote = Field(description="Themes named before the case opens, and a summary to read instead.")
    facts: StoryFacts = Field(description="What the case says about itself, for representation checks.")
    case: Markdown = Field(
        description=(
            "The composite case: an organization's practice harmed a survivor leader on its staff. "
            "Trafficking stays in the background; nothing graphic."
        )
    )
    scope_note: Markdown = Field(
        description=(
            "Says that this apology guidance is for hurt and lower-level harm between people in "
            "relationship, not severe abuse, and that no one owes forgiveness."
        )
    )
    prompt: Markdown = Field(description="What the trainee is asked to write, and from whose seat.")
    fragments: list[ApologyFragment] = Field(
        min_length=10,
        description="Sentences to build an apology from: genuine ones mixed with ones that are not real apologies.",
    )
    rules: Id = Field(
        description="The id of the apology-rules file that gives feedback; it must be listed in the same module."
    )
    example: Markdown = Field(description="One strong model apology, shown after the trainee has tried.")
    source: Source = Field(description="The section of the report the workshop draws on.")


# ---------------------------------------------------------------- repair plan


class PlanPart(ContentModel):
    """One of the four parts of accountability, as the repair planner explains it."""

    id: AccountabilityPart = Field(description="Which part: self-reflection, apology, repair or changed-behavior.")
    name: Text = Field(description="The part's name as a trainee reads it.")
    explanation: Text = Field(description="What this part means, in plain words.")
    question: Text = Field(description="A guiding question the trainee answers for this part of the plan.")


class PlanLevel(ContentModel):
    """A level at which harm happens and repair is needed."""

    id: RepairLevel = Field(description="Which level: individual, organizational or collective.")
    name: Text = Field(description="The level's name as a trainee reads it.")
    explanation: Text = Field(description="What harm and repair look like at this level.")


class PlanSuggestion(ContentModel):
    """A concrete action a trainee can add to a repair plan."""

    id: Id = Field(description="Stable id of this suggestion.")
    part: AccountabilityPart = Field(description="The part of accountability this action belongs to.")
    level: RepairLevel = Field(description="The level this action works at.")
    text: Text = Field(description="The action, in our own words, drawn from the report's recommendations.")


class RepairPlan(ContentFile):
    """A planner that builds a downloadable repair plan from the four parts of accountability."""

    type: Literal["repair-plan"]
    id: Id = Field(description="Stable id of this file; module activities name it in 'uses'.")
    title: Text = Field(description="Heading of the planner.")
    intro: Markdown = Field(description="What the planner is for and how to use it.")
    case_summary: Markdown = Field(description="A short reminder of the case the plan repairs.")
    parts: list[PlanPart] = Field(
        min_length=4,
        max_length=4,
        description="The four parts, in order: self-reflection, apology, repair, changed-behavior.",
    )
    levels: list[PlanLevel] = Field(
        min_length=3, max_length=3, description="The three levels, in order: individual, organizational, collective."
    )
    suggestions: list[PlanSuggestion] = Field(
        min_length=12, description="Actions to choose from; together they cover every part and every level."
    )
    consult_note: Markdown = Field(
        description="How the people harmed are consulted about repair, without making them do the work."
    )
    changed_behavior_note: Markdown = Field(
        description="Changed behavior is owed whether or not the relationship resumes or the person forgives."
    )
    source: Source = Field(description="The section of the report the planner draws on.")
