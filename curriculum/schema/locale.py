"""The manifest of a content translation: ``content/locales/<language>/locale.yaml``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .base import ContentFile, Id, Text

LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")]
"""A language such as ``es`` or ``pt-BR``; it is also the name of the locale's folder."""

Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
"""The first 16 hex digits of the SHA-256 of an English file's data (see ``curriculum.locales.digest``)."""


class Locale(ContentFile):
    """Which content a translation covers, how far it has been reviewed, and which English it was made from.

    The translated files sit beside this manifest at the same paths as their English files
    (``content/locales/es/hurt-harm-abuse/vignettes.yaml`` translates
    ``content/hurt-harm-abuse/vignettes.yaml``). A file that is not translated is shown in English.
    """

    type: Literal["locale"]
    language: LanguageTag = Field(description="The language of this folder, the same as the folder's name.")
    name: Text = Field(description="The language's name in the language itself, for the language menu ('Español').")
    review_status: Text = Field(
        description="Honest review status of the translation, such as 'awaiting review by a Spanish-speaking reviewer'."
    )
    modules: list[Id] = Field(
        default_factory=list,
        description="Modules translated in full: every file of these modules must have a translation.",
    )
    files: dict[str, Digest] = Field(
        default_factory=dict,
        description=(
            "For each translated file (path relative to the content folder), the digest of the English file it was "
            "translated from. 'harm-repair i18n stamp' writes these after a translation is brought up to date."
        ),
    )
