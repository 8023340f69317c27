"""Facilitator guides: how to run a module with a group, on screen or printed.

A guide is a Markdown file, ``facilitator_guides/<module-id>.md``, whose YAML front matter
(between a first line ``---`` and the next ``---``) follows :class:`FacilitatorGuide`. The
Markdown after the front matter holds free notes for facilitators, shown last.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ContentFile, ContentModel, Id, Markdown, Source, Text

REQUIRED_AGREEMENTS: tuple[str, ...] = (
    "right-to-pass",
    "no-personal-stories",
    "what-stays-in-the-room",
    "impact-over-intent",
)
"""Session agreements every guide states, by id."""


class AgendaItem(ContentModel):
    """One timed line of an agenda."""

    minutes: int = Field(ge=1, le=480, description="How long this part of the session takes, in minutes.")
    item: Text = Field(description="What happens, as the facilitator would say it, for example 'Welcome'.")
    activity: Id | None = Field(
        default=None, description="The id of the module activity run in this part, when there is one."
    )


def total_minutes(items: list[AgendaItem]) -> int:
    """Minutes of an agenda, all lines added up."""
    return sum(item.minutes for item in items)


class Agenda(ContentModel):
    """A full session and a shorter version for when time is tight."""

    full: list[AgendaItem] = Field(min_length=1, description="The timed agenda of a full session, in order.")
    short: list[AgendaItem] = Field(
        min_length=1, description="A shorter timed agenda, in order. It must add up to less than the full one."
    )

    @property
    def full_minutes(self) -> int:
        return total_minutes(self.full)

    @property
    def short_minutes(self) -> int:
        return total_minutes(self.short)


class Role(ContentModel):
    """What one co-facilitator does during the session."""

    role: Text = Field(description="Name of the role, for example 'Lead facilitator'.")
    does: Markdown = Field(description="What the person in this role does before, during and after the session.")


class Agreement(ContentModel):
    """A session agreement, read out or shown at the start."""

    id: Id = Field(
        description=(
            "Stable id. Every guide has right-to-pass, no-personal-stories, what-stays-in-the-room "
            "and impact-over-intent; add others with ids of their own."
        )
    )
    text: Markdown = Field(description="The agreement as the facilitator says it to the group.")


class Misconception(ContentModel):
    """A belief people often bring, and how to answer it with the report's framework."""

    belief: Text = Field(description="The belief, in the words people tend to use.")
    response: Markdown = Field(description="How the facilitator can answer it, kindly and in the framework's terms.")


class GuideActivity(ContentModel):
    """How to run one of the module's activities with a group, step by step."""

    activity: Id = Field(description="The id of an activity of the module, as listed under its 'activities'.")
    minutes: int = Field(ge=1, le=240, description="Time to allow in the session, in minutes.")
    steps: list[Markdown] = Field(min_length=1, description="What the facilitator does, in order.")
    debrief: list[Text] = Field(
        min_length=1,
        description=(
            "Debrief questions. Ask about the composite characters, roles, organizations and future "
            "practice, never about people's own past."
        ),
    )


class Adaptations(ContentModel):
    """How to change the session for the setting and the group."""

    online: Markdown = Field(description="Running the session in a video call.")
    in_person: Markdown = Field(description="Running the session in a room together.")
    small_groups: Markdown = Field(description="Running it with a small group (a handful of people).")
    large_groups: Markdown = Field(description="Running it with a large group.")
    spanish: Markdown = Field(description="Running it in Spanish, or with Spanish speakers.")


class DistressProtocol(ContentModel):
    """What facilitators do about distress or disclosure, in five steps."""

    prevent: Markdown = Field(description="Before and during the session: how to lower the risk of distress.")
    respond: Markdown = Field(description="When someone is distressed or discloses: what to do and say in the moment.")
    refer: Markdown = Field(description="Where to point people for support, beyond the session.")
    follow_up: Markdown = Field(description="After the session: checking in, and what not to do.")
    facilitator_debrief: Markdown = Field(description="How the facilitators debrief and look after themselves.")


class FacilitatorGuide(ContentFile):
    """``facilitator_guides/<module-id>.md``: how to facilitate one module (the front matter of the file)."""

    type: Literal["facilitator-guide"] = Field(description="Always 'facilitator-guide'.")
    module: Id = Field(description="The id of the module this guide is for, as listed in content/curriculum.yaml.")
    title: Text = Field(description="Title of the guide, printed at the top.")
    audience: list[Text] = Field(min_length=1, description="Who the session is for.")
    objectives: list[Text] = Field(min_length=1, description="What participants can do after the session.")
    agenda: Agenda = Field(description="The timed agendas: a full session and a short one.")
    materials: list[Markdown] = Field(min_length=1, description="What to have ready in the room or the call.")
    preparation: list[Markdown] = Field(min_length=1, description="What facilitators do before the session.")
    roles: list[Role] = Field(min_length=1, description="The co-facilitator roles and what each does.")
    agreements: list[Agreement] = Field(
        min_length=1,
        description=(
            "Session agreements. These four ids are required: right-to-pass, no-personal-stories, "
            "what-stays-in-the-room, impact-over-intent."
        ),
    )
    content_notes: list[Text] = Field(
        min_length=1, description="Themes the session touches on, in plain factual words, as on the module."
    )
    key_points: list[Markdown] = Field(min_length=1, description="What participants should leave with.")
    misconceptions: list[Misconception] = Field(
        min_length=1, description="Beliefs people often bring, with how to answer them."
    )
    activities: list[GuideActivity] = Field(
        min_length=1, description="Step by step, one entry per module activity that is facilitated."
    )
    adaptations: Adaptations = Field(description="How to adapt the session to the setting and the group.")
    accessibility: list[Markdown] = Field(min_length=1, description="Accessibility notes for the session.")
    distress_protocol: DistressProtocol = Field(description="The protocol for distress or disclosure, in five steps.")
    resources: list[Markdown] = Field(
        min_length=1, description="Support and further reading; may point to the support panel of the pages."
    )
    evaluation: list[Markdown] = Field(min_length=1, description="How to tell whether the session worked.")
    sources: list[Source] = Field(min_length=1, description="Sections of the report the session draws on.")

    @property
    def agreement_ids(self) -> list[str]:
        return [agreement.id for agreement in self.agreements]
