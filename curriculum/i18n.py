"""Interface strings go through gettext so they can be translated with Babel catalogs.

Content text lives in content files (translated under ``content/locales/``); the short
strings of the interface (button labels, notices) are wrapped in ``_()`` where they are
written, with named placeholders (``_("{done} of {total} done").format(...)``).

The catalogs are ``curriculum/locale/<language>/LC_MESSAGES/harm_repair.po``; the pages
read the compiled ``.mo`` next to each, with the standard library's ``gettext`` (Babel is
for the maintainers' commands only: ``harm-repair i18n extract|update|compile|check``).
English is the source language and needs no catalog.

Each page is its own kernel, so the language is chosen once per page (``set_language``)
and every ``_()`` after that uses it. ``_()`` runs when a view is built, never at import:
a string kept in a module-level constant is marked with ``N_()`` and translated with
``_()`` where it is shown.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "harm_repair"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def catalog_languages() -> list[str]:
    """Languages with a compiled interface catalog."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def set_language(language: str) -> str:
    """Use ``language`` for the interface when a catalog exists for it; English otherwise.

    Returns the language in use. A language with content but no catalog yet shows the
    interface in English.
    """
    global _translations, _language
    if language == SOURCE_LANGUAGE:
        _translations, _language = _gettext.NullTranslations(), SOURCE_LANGUAGE
        return _language
    try:
        _translations = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
        _language = language
    except OSError:
        _translations = _gettext.NullTranslations()
        _language = SOURCE_LANGUAGE
    return _language


def language() -> str:
    """The interface language in use."""
    return _language


def _(message: str) -> str:
    """Translate an interface string."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a string with a number in it, choosing the language's plural form for ``n``."""
    return _translations.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for the catalog without translating it now (translate it with ``_()`` where it is shown)."""
    return message
