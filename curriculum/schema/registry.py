"""The curriculum registry: which modules exist, in which order, and which files each uses."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ContentFile, ContentModel, Id, Markdown, Text


class ModuleEntry(ContentModel):
    """One module in the registry. Files a module entry does not name are drafts."""

    id: Id = Field(description="The module's stable id; must match the id in its module file.")
    notebook: Text = Field(
        pattern=r"^[A-Za-z0-9_-]+\.ipynb$",
        description="Notebook file name in the modules/ folder, for example 'hurt-harm-abuse.ipynb'.",
    )
    metadata: Text = Field(description="Path of the module file, relative to the content folder.")
    content: list[Text] = Field(
        default_factory=list,
        description="Paths of the activity files this module uses, relative to the content folder.",
    )


class Registry(ContentFile):
    """``curriculum.yaml``: the order of modules and the shared files."""

    type: Literal["registry"]
    title: Text = Field(description="Name of the curriculum, shown on the landing page.")
    tagline: Text = Field(description="One sentence under the title on the landing page.")
    intro: Markdown | None = Field(
        default=None, description="A few sentences on the landing page: how the curriculum works and keeps people safe."
    )
    language: Literal["en", "es"] = Field(default="en", description="Language of this content set.")
    resources: Text = Field(description="Path of the support resources file, relative to the content folder.")
    modules: list[ModuleEntry] = Field(min_length=1, description="Modules in teaching order.")
