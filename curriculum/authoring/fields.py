"""Form fields for any content item, read from its pydantic model.

The authoring page never hard-codes a form: it asks this module which fields an item
has, what kind of editor each needs and what it may hold. A new content type, or a new
key on an old one, gets a form without code changes.
"""

from __future__ import annotations

import datetime
import types
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..schema.base import MARKDOWN_FORMAT

FieldKind = Literal["id", "text", "markdown", "choice", "number", "flag", "date", "lines", "group", "list", "mapping"]

LINKS: dict[str, str] = {"goes_to": "nodes", "start": "nodes"}
"""Keys whose value is the id of an item in another list of the same file."""

LABELS: dict[str, str] = {
    "goes_to": "Leads to",
    "other_choices": "Notes for a trainee who picks another level",
    "facts": "Story facts (for the representation audit)",
    "content_note": "Content note",
    "facilitator_notes": "Facilitator notes",
    "id": "Id",
}


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: where its value lives, how it is edited, and what it may hold."""

    key: str
    label: str
    help: str
    kind: FieldKind
    required: bool
    options: tuple[str, ...] = ()
    """Allowed values of a ``choice``; allowed keys of a ``mapping``."""
    children: tuple[FieldSpec, ...] = ()
    """Fields of a ``group``, or of each entry of a ``list``."""
    link: str | None = None
    """For a field naming another item: the list in the same file whose ids it may take."""


def label_for(key: str) -> str:
    return LABELS.get(key, key.replace("_", " ").capitalize())


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """(inner type, optional?, metadata) with ``Annotated`` and ``| None`` taken off."""
    optional = False
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            args = get_args(annotation)
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(members) < len(get_args(annotation))
            if len(members) != 1:
                return annotation, optional, metadata
            annotation = members[0]
        else:
            return annotation, optional, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def list_item_model(annotation: Any) -> type[BaseModel] | None:
    """For ``list[SomeModel]`` (perhaps optional or annotated), ``SomeModel``; else None."""
    annotation, _, _ = _unwrap(annotation)
    if get_origin(annotation) is not list:
        return None
    (item,) = get_args(annotation)
    item, _, _ = _unwrap(item)
    return item if _is_model(item) else None


def _spec(key: str, info: FieldInfo) -> FieldSpec:
    annotation, optional, metadata = _unwrap(info.annotation)
    metadata = [*metadata, *info.metadata]
    required = info.is_required() and not optional
    base = FieldSpec(key, label_for(key), info.description or "", "text", required)
    origin = get_origin(annotation)
    if origin is Literal and all(isinstance(a, bool) for a in get_args(annotation)):
        return replace(base, kind="flag")
    if origin is Literal:
        return replace(base, kind="choice", options=tuple(str(a) for a in get_args(annotation)))
    if _is_model(annotation):
        return replace(base, kind="group", children=fields_of(annotation))
    if origin is list:
        item = list_item_model(annotation)
        if item is not None:
            return replace(base, kind="list", children=fields_of(item))
        return replace(base, kind="lines")
    if origin is dict:
        key_type, _ = get_args(annotation)
        key_type, _, _ = _unwrap(key_type)
        options = tuple(str(a) for a in get_args(key_type)) if get_origin(key_type) is Literal else ()
        return replace(base, kind="mapping", options=options)
    if annotation is bool:
        return replace(base, kind="flag")
    if annotation is int:
        return replace(base, kind="number")
    if annotation is datetime.date:
        return replace(base, kind="date")
    if key in LINKS:
        return replace(base, kind="choice", link=LINKS[key])
    if any(getattr(m, "pattern", None) for m in metadata):
        return replace(base, kind="id")
    if any(m is MARKDOWN_FORMAT for m in metadata):
        return replace(base, kind="markdown")
    return replace(base, kind="text")


def fields_of(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The form fields of ``model``, in the order the model (and so each file) lists them."""
    return tuple(_spec(key, info) for key, info in model.model_fields.items())


FIXED_KEYS = ("schema_version", "type")
"""Keys a form never offers: they say what the file is, not what it says."""
