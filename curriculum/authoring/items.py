"""The editable items of a content file, and how an edited item goes back into the YAML.

An *item* is one entry of a list of things with ids (a vignette, a scenario node, a
reflection prompt, ...), or the file's own settings (title, introduction, content
note). Edits are merged into the round-trip data in place, so the comments, key order
and block styles around what did not change stay as the author wrote them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..schema import MODELS
from .fields import FIXED_KEYS, FieldSpec, fields_of, list_item_model

FILE_SETTINGS = "settings"
"""The pseudo-collection holding the file's own top-level fields."""

FOLD_WIDTH = 84
"""Where long text is folded when it is written back (the files wrap near 80 columns)."""


@dataclass(frozen=True)
class Collection:
    """A list of items with ids inside a content file, such as ``vignettes`` or ``nodes``."""

    key: str
    model: type[BaseModel]

    @property
    def singular(self) -> str:
        word = self.key.replace("_", " ")
        if word.endswith("ies"):
            return word[:-3] + "y"
        return word[:-1] if word.endswith("s") else word


def file_model(data: Any) -> type[BaseModel] | None:
    kind = data.get("type") if isinstance(data, dict) else None
    return MODELS.get(kind) if isinstance(kind, str) else None


def collections(model: type[BaseModel]) -> list[Collection]:
    """Top-level lists of items that have an ``id``: what the authoring page lists."""
    found = []
    for key, info in model.model_fields.items():
        inner = list_item_model(info.annotation)
        if inner is not None and "id" in inner.model_fields:
            found.append(Collection(key, inner))
    return found


def settings_fields(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The file's own fields: everything at the top except its item lists and fixed keys."""
    listed = {c.key for c in collections(model)}
    return tuple(f for f in fields_of(model) if f.key not in listed and f.key not in FIXED_KEYS)


def item_title(item: Any) -> str:
    """A short human label for an item: its title, label or first words of its text."""
    if not isinstance(item, dict):
        return ""
    for key in ("title", "label", "text", "situation", "question"):
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            words = " ".join(value.replace("*", "").replace("#", "").split())
            return words if len(words) <= 70 else words[:67].rsplit(" ", 1)[0] + "…"
    return ""


def iter_items(data: Any, model: type[BaseModel]) -> Iterator[tuple[Collection, int, Any]]:
    for collection in collections(model):
        for index, item in enumerate(data.get(collection.key) or []):
            yield collection, index, item


def plain(value: Any) -> Any:
    """Round-trip data as plain dicts, lists and strings (what a form shows)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def _styled(old: Any, text: str) -> Any:
    """``text`` in the block style its old value had, so the file keeps its look."""
    stripped = text.strip()
    if "\n" in stripped or isinstance(old, LiteralScalarString):
        return LiteralScalarString(stripped + "\n")
    if isinstance(old, FoldedScalarString) or len(stripped) > FOLD_WIDTH - 20:
        return _folded(stripped)
    return stripped


def _folded(text: str) -> Any:
    """A ``>-`` block folded near :data:`FOLD_WIDTH` columns."""
    one_line = " ".join(text.split())
    if len(one_line) <= FOLD_WIDTH - 20:
        return one_line
    folded = FoldedScalarString(one_line)
    positions, column = [], 0
    for line in textwrap.wrap(one_line, width=FOLD_WIDTH - 14, break_long_words=False, break_on_hyphens=False)[:-1]:
        column += len(line)
        positions.append(column)
        column += 1  # the space folded into the line break
    folded.fold_pos = positions
    return folded


def merge(old: Any, new: Any, specs: tuple[FieldSpec, ...] | None = None) -> Any:
    """``new`` merged into ``old`` in place where their shapes agree; returns what to store."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        order = [s.key for s in specs] if specs else list(new)
        children = {s.key: s for s in specs} if specs else {}
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            spec = children.get(key)
            sub = spec.children if spec is not None and spec.kind in ("group", "list") else None
            if key not in old:
                old.insert(_position(old, key, order), key, fresh(value))
            elif not _same(plain(old[key]), value):
                old[key] = merge(old[key], value, sub)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        if all(isinstance(v, dict) and "id" in v for v in new) and all(isinstance(o, dict) for o in old):
            by_id = {str(o.get("id")): o for o in old}
            old[:] = [merge(by_id[v["id"]], v, specs) if v["id"] in by_id else fresh(v) for v in new]
        else:
            old[:] = [merge(old[i], v, specs) if i < len(old) else fresh(v) for i, v in enumerate(new)]
        return old
    if isinstance(new, str):
        return _styled(old, new)
    return fresh(new)


def _same(old: Any, new: Any) -> bool:
    """Equal once surrounding whitespace is ignored (the validator strips it too)."""
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    if isinstance(old, dict) and isinstance(new, dict):
        return old.keys() == new.keys() and all(_same(old[k], new[k]) for k in old)
    return bool(old == new)


def _position(target: CommentedMap, key: str, order: list[str]) -> int:
    """Where a new key goes so the file keeps the model's order."""
    if key not in order:
        return len(target)
    before = order[: order.index(key)]
    keys = list(target)
    last = max((keys.index(k) for k in before if k in target), default=-1)
    return last + 1


def fresh(value: Any) -> Any:
    """Plain data as new round-trip data (text in the block style its length calls for)."""
    if isinstance(value, dict):
        made = CommentedMap()
        for key, inner in value.items():
            made[key] = fresh(inner)
        return made
    if isinstance(value, list):
        return CommentedSeq(fresh(v) for v in value)
    if isinstance(value, str):
        return _styled(None, value)
    return value


def template(specs: tuple[FieldSpec, ...], new_id: str) -> dict[str, Any]:
    """A new item that validates at once, with sentences that say what to write."""
    item: dict[str, Any] = {}
    for spec in specs:
        if not spec.required:
            continue
        item[spec.key] = _placeholder(spec, new_id)
    return item


def _placeholder(spec: FieldSpec, new_id: str) -> Any:
    what = spec.label.lower()
    if spec.kind == "id":
        return new_id
    if spec.kind in ("text", "markdown"):
        return f"Write the {what} here."
    if spec.kind == "choice":
        return spec.options[0] if spec.options else ""
    if spec.kind == "lines":
        return [f"Write the {what} here, one per line."]
    if spec.kind == "group":
        return template(spec.children, new_id)
    if spec.kind == "list":
        return [template(spec.children, f"{new_id}-1")]
    if spec.kind == "flag":
        return False
    if spec.kind == "number":
        return 1
    return {}
