"""Turn pydantic's validation errors into sentences a trainer can act on."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel

from .schema.base import ID_PATTERN


def _field_names(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Names of the keys allowed at ``loc`` inside ``model`` (best effort, for spelling hints)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def describe(error: dict[str, Any], model: type[BaseModel]) -> tuple[str, str]:
    """(message, hint) for one pydantic error."""
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    where = _where(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing" and loc and loc[-1] == "content_note":
        return (
            "'content_note' is missing: every scenario names its themes before it opens",
            "add 'content_note:' with 'themes: [...]' and a short 'summary' a trainee can read instead",
        )
    if kind == "missing":
        return f"'{loc[-1]}' is missing{_in(loc[:-1])}", f"add a line '{loc[-1]}: ...' here"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it, or check its spelling"
        if allowed and not close:
            hint += f" Keys allowed here: {', '.join(allowed)}"
        return f"'{key}' is not a key this file knows{_in(loc[:-1])}", hint
    if kind == "literal_error" and loc and loc[-1] == "stage":
        return (
            f"{where} is '{value}', which is not one of the cycle's seven stages",
            f"use one of: {ctx.get('expected', '')}",
        )
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"{where} is '{value}', which is not allowed", f"use one of: {expected}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN.pattern:
            return (
                f"{where} '{value}' is not a valid id",
                "ids use lower-case letters, digits and single hyphens, like 'staff-meeting-2'",
            )
        return f"{where} '{value}' does not have the expected form", f"it must match {ctx.get('pattern')}"
    if kind in ("string_too_short",):
        return f"{where} is empty", "write the text, or remove the key if it is optional"
    if kind == "too_short":
        return (
            f"{where} needs at least {ctx.get('min_length', 1)} item(s)",
            "add items as lines starting with '- '",
        )
    if kind in ("string_type",):
        return f"{where} should be text", "put the text in quotes if it looks like a number, date or yes/no"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{where} should be a whole number", "write digits only, like 15"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{where} is {value}, outside the allowed range", error.get("msg", "")
    if kind in ("list_type",):
        return f"{where} should be a list", "write each item on its own line starting with '- '"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{where} should be a block of 'key: value' lines", "indent the keys under it by two spaces"
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"{where} is not a date", "write dates as YYYY-MM-DD, like 2026-11-28"
    return f"{where}: {error.get('msg', 'is not valid')}", "compare with a working file of the same type"


def _where(loc: tuple[str | int, ...]) -> str:
    if not loc:
        return "this file"
    parts = [f"item {p + 1}" if isinstance(p, int) else str(p) for p in loc]
    return "'" + " > ".join(parts) + "'"


def _in(loc: tuple[str | int, ...]) -> str:
    return f" in {_where(loc)}" if loc else ""
