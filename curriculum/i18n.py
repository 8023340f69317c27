"""Interface strings go through gettext so they can be translated with Babel catalogs.

Content text lives in content files; the short strings of the interface (button labels,
notices) are wrapped in ``_()`` where they are written. Until catalogs ship, English is
returned unchanged.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "harm_repair"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def set_language(language: str) -> str:
    """Use ``language`` when a catalog exists for it; English otherwise. Returns the language in use."""
    global _translations, _language
    try:
        _translations = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
        _language = language
    except OSError:
        _translations = _gettext.NullTranslations()
        _language = "en"
    return _language


def language() -> str:
    return _language


def _(message: str) -> str:
    """Translate an interface string."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)
