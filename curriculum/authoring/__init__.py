"""Editing content files from the authoring page: round-trip YAML, item forms, checks and safe saving.

Pure Python (no ipywidgets): the page in ``widgets/authoring.py`` is a view over
:class:`~curriculum.authoring.session.AuthoringSession`.
"""

from .roundtrip import ChangedOnDisk, YamlDocument, open_document, save_text
from .session import AuthoringSession, EditOutcome, ItemRef

__all__ = ["AuthoringSession", "ChangedOnDisk", "EditOutcome", "ItemRef", "YamlDocument", "open_document", "save_text"]
