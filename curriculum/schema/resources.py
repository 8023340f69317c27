"""Support resources shown in the support panel of every page. Deployments replace this file."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import ContentFile, ContentModel, Id, Markdown, Text


class Contact(ContentModel):
    kind: Literal["phone", "text", "chat", "website", "email"]
    label: Text = Field(description="What the trainee does, such as 'Call' or 'Text'.")
    value: Text = Field(description="The number, address or web address.")


class Resource(ContentModel):
    id: Id
    name: Text
    what_it_does: Text
    contacts: list[Contact] = Field(min_length=1)
    hours: Text
    languages: list[Text] = Field(min_length=1)
    what_happens_to_what_you_share: Text = Field(
        description="In plain words: confidentiality, and when the service may pass information on."
    )
    source: Text = Field(description="Where this information comes from.")
    last_verified: dt.date = Field(description="When someone last checked these details.")
    note: Text | None = None


class Resources(ContentFile):
    """``resources.yaml``: the one file that feeds the support panel and the break screen."""

    type: Literal["resources"]
    id: Id
    intro: Markdown
    grounding: list[Text] = Field(min_length=1, description="Optional grounding steps shown during a break.")
    resources: list[Resource] = Field(min_length=1)
