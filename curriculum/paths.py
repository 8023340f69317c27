"""Where the project's folders are. One place, so the CLI, the pages and the tests agree."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REGISTRY_FILE = "curriculum.yaml"
"""The registry's file name, at the top of a content folder."""
"""The checkout this package runs from (it is installed in editable mode)."""


def content_dir() -> Path:
    """The content folder: ``HARM_REPAIR_CONTENT`` when a deployment sets it, else ``content/``."""
    override = os.environ.get("HARM_REPAIR_CONTENT")
    return Path(override).resolve() if override else PROJECT_ROOT / "content"


def guides_dir(content: Path | None = None) -> Path:
    """The facilitator guides: ``HARM_REPAIR_GUIDES`` when set, else ``facilitator_guides/`` beside the content folder.

    ``content`` is the content folder being checked (the default content folder when omitted).
    """
    override = os.environ.get("HARM_REPAIR_GUIDES")
    if override:
        return Path(override).resolve()
    return (content or content_dir()).resolve().parent / "facilitator_guides"


def modules_dir() -> Path:
    """The folder of module notebooks that Voilà serves."""
    return PROJECT_ROOT / "modules"


def schemas_dir() -> Path:
    return PROJECT_ROOT / "schemas"


def templates_root() -> Path:
    """The Jupyter data folder holding the curriculum's Voilà template."""
    return PROJECT_ROOT / "share" / "jupyter"
