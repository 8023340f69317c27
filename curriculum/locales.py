"""Content languages: where translations live, which languages a page can use, and which one it uses.

English is the content itself (``content/``). A translation lives in
``content/locales/<language>/``, at the same relative paths as the English files, with a
manifest ``locale.yaml`` (see :class:`curriculum.schema.Locale`). A language is available
when its folder has a manifest.

A page picks its language in this order: ``?lang=xx`` in its address, then the best match
of the browser's ``Accept-Language`` (Voilà passes both to the kernel as ``QUERY_STRING``
and ``HTTP_ACCEPT_LANGUAGE``), then English. This module is on every page's start-up path:
it reads the file system and the environment only, never YAML or Babel.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

DEFAULT_LANGUAGE = "en"
LOCALES_DIR = "locales"
"""The folder, inside the content folder, that holds one folder per translated language."""
MANIFEST = "locale.yaml"
LANGUAGE_NAMES = {"en": "English"}
"""Names of languages in the language itself; a locale's manifest gives its own name."""

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def locales_root(root: Path) -> Path:
    return root / LOCALES_DIR


def locale_dir(root: Path, language: str) -> Path:
    return locales_root(root) / language


def manifest_path(root: Path, language: str) -> Path:
    return locale_dir(root, language) / MANIFEST


def translated_path(root: Path, language: str, rel: str) -> Path:
    """Where the translation of the English file ``root / rel`` lives."""
    return locale_dir(root, language) / rel


def locale_languages(root: Path) -> list[str]:
    """Languages with a manifest under ``content/locales/``, sorted (English not included)."""
    folder = locales_root(root)
    if not folder.is_dir():
        return []
    return sorted(p.parent.name for p in folder.glob(f"*/{MANIFEST}") if p.is_file())


def available_languages(root: Path) -> list[str]:
    """English first, then every language whose folder has a manifest."""
    return [DEFAULT_LANGUAGE, *(lang for lang in locale_languages(root) if lang != DEFAULT_LANGUAGE)]


def is_locale_path(root: Path, path: Path) -> bool:
    """True for a file under ``content/locales/`` (translations are not English content files)."""
    try:
        path.resolve().relative_to(locales_root(root).resolve())
    except ValueError:
        return False
    return True


# choosing the page's language -------------------------------------------------------------


def normalise(tag: str) -> str:
    """``es-mx`` -> ``es-MX``, ``ES`` -> ``es``; an empty string for anything that is not a language tag."""
    tag = tag.strip().replace("_", "-")
    if not _TAG.match(tag):
        return ""
    first, *rest = tag.split("-")
    return "-".join([first.lower(), *(part.upper() if len(part) == 2 else part for part in rest)])


def match(tag: str, available: Iterable[str]) -> str | None:
    """The available language for ``tag``: an exact match, else its base language (``es-MX`` -> ``es``)."""
    tag = normalise(tag)
    if not tag:
        return None
    by_lower = {lang.lower(): lang for lang in available}
    if tag.lower() in by_lower:
        return by_lower[tag.lower()]
    base = tag.split("-")[0]
    if base in by_lower:
        return by_lower[base]
    return None


def parse_accept_language(header: str) -> list[str]:
    """Language tags of an ``Accept-Language`` header, best first (``q=0`` means "not this one")."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        tag, _sep, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, tag))
    return [tag for _q, _p, tag in sorted(ranked)]


def query_language(query_string: str) -> str:
    """The ``lang`` parameter of a query string, or an empty string."""
    values = parse_qs(query_string.lstrip("?")).get("lang", [])
    return values[0] if values else ""


def choose_language(query_string: str, accept_language: str, available: Iterable[str]) -> str:
    """``?lang=`` when it names an available language, else the best ``Accept-Language`` match, else English."""
    languages = list(available) or [DEFAULT_LANGUAGE]
    asked = query_language(query_string)
    if asked:
        found = match(asked, languages)
        if found:
            return found
    for tag in parse_accept_language(accept_language):
        found = match(tag, languages)
        if found:
            return found
    return DEFAULT_LANGUAGE if DEFAULT_LANGUAGE in languages else languages[0]


def page_language(available: Iterable[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of this page, from what Voilà put in the kernel's environment."""
    env = os.environ if environ is None else environ
    return choose_language(env.get("QUERY_STRING", ""), env.get("HTTP_ACCEPT_LANGUAGE", ""), available)


def asked_explicitly(environ: Mapping[str, str] | None = None) -> bool:
    """True when the address carries ``?lang=`` (links to other pages then carry it on)."""
    env = os.environ if environ is None else environ
    return bool(query_language(env.get("QUERY_STRING", "")))


def with_language(href: str, language: str, *, always: bool = False) -> str:
    """A link to another page of the curriculum that keeps the page's language.

    English needs no parameter, unless ``always`` (the page itself was asked for with ``?lang=``).
    """
    if (language == DEFAULT_LANGUAGE and not always) or "lang=" in href:
        return href
    return f"{href}{'&' if '?' in href else '?'}lang={language}"


# staleness ----------------------------------------------------------------------------------


def digest(data: Any) -> str:
    """A short hash of a file's parsed data: comments and layout do not change it, any value does."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
