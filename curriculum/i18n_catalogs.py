"""The interface's message catalogs: extract, update, compile and check them with Babel.

``curriculum/locale/harm_repair.pot`` holds every string the code wraps in ``_()``,
``ngettext()`` or ``N_()`` (in ``widgets/`` and ``curriculum/``). Each language has
``curriculum/locale/<language>/LC_MESSAGES/harm_repair.po`` (the translations, edited by
translators) and its compiled ``harm_repair.mo`` (committed, read by the pages with the
standard library's ``gettext``, so a page never imports Babel).

Locations in the catalogs name files without line numbers, so moving code around does not
change them; the check reports the line where each string is used.

Strings are found with Python's own parser rather than Babel's extractor: on Python 3.11
Babel does not look inside f-strings, and many labels are written as ``f"<h3>{_('Time')}</h3>"``.
"""

from __future__ import annotations

import ast
import gettext
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import __version__
from .i18n import DOMAIN, LOCALE_DIR, SOURCE_LANGUAGE
from .paths import PROJECT_ROOT
from .problems import Problem

SOURCE_DIRS = ("widgets", "curriculum")
"""Folders of code whose strings are extracted (relative to the project root)."""
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}
PROJECT = "harm-repair-curriculum"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
WIDTH = 0
"""No line wrapping: a long message stays on one line, which is easier to find and edit."""

REVIEW_NOTES = {
    "es": (
        "Spanish translation of the interface of the Harm and Repair curriculum.\n"
        "Traducción al español de la interfaz del currículo Harm and Repair.\n"
        "Review status: awaiting review by a Spanish-speaking reviewer.\n"
        "Estado: pendiente de revisión por una persona hispanohablante.\n"
        "This file is distributed under the same license as the harm-repair-curriculum project."
    ),
}
LANGUAGE_TEAMS = {"es": "Spanish, awaiting review by a Spanish-speaking reviewer"}

_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}(?!\})")

MessageId = str | tuple[str, ...]


@dataclass
class Extracted:
    """The strings the code uses, each with every place (file, line) it is used."""

    messages: dict[MessageId, list[tuple[str, int]]] = field(default_factory=dict)

    def first_place(self, msgid: MessageId) -> tuple[str, int]:
        return self.messages[msgid][0]


def po_path(language: str, base: Path = LOCALE_DIR) -> Path:
    return base / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str, base: Path = LOCALE_DIR) -> Path:
    return base / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def catalog_languages(base: Path = LOCALE_DIR) -> list[str]:
    """Languages with a ``.po`` catalog."""
    return sorted(p.parent.parent.name for p in base.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract(project_root: Path = PROJECT_ROOT, source_dirs: tuple[str, ...] = SOURCE_DIRS) -> Extracted:
    """Every string marked for translation in the code, file by file, in the order it appears."""
    found = Extracted()
    for folder in source_dirs:
        base = project_root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            rel = path.relative_to(project_root).as_posix()
            for msgid, line in extract_source(path.read_text(encoding="utf-8"), rel):
                found.messages.setdefault(msgid, []).append((rel, line))
    return found


def extract_source(source: str, filename: str = "<string>") -> list[tuple[MessageId, int]]:
    """``(msgid, line)`` for each ``_("...")``, ``N_("...")`` and ``ngettext("...", "...", n)`` in ``source``.

    Only literal strings are messages: ``_(variable)`` translates a string marked elsewhere.
    """
    calls: list[tuple[int, int, MessageId]] = []
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS):
            continue
        literals = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in node.args]
        if node.func.id == "ngettext":
            if len(literals) >= 2 and literals[0] and literals[1]:
                calls.append((node.lineno, node.col_offset, (literals[0], literals[1])))
        elif literals and literals[0]:
            calls.append((node.lineno, node.col_offset, literals[0]))
    return [(msgid, line) for line, _col, msgid in sorted(calls, key=lambda c: (c[0], c[1]))]


def template_catalog(extracted: Extracted) -> Catalog:
    catalog = Catalog(
        project=PROJECT,
        version=__version__,
        domain=DOMAIN,
        header_comment=(
            "# Interface strings of the Harm and Repair curriculum, extracted by 'harm-repair i18n extract'.\n"
            "# Do not edit: run 'harm-repair i18n update' to merge them into each language's catalog.\n#"
        ),
        msgid_bugs_address="",
        fuzzy=False,
        charset="utf-8",
    )
    for msgid, places in extracted.messages.items():
        files = sorted({(path, 0) for path, _line in places})
        catalog.add(msgid, locations=files, flags=_flags(msgid))
    return catalog


def _flags(msgid: MessageId) -> tuple[str, ...]:
    text = msgid if isinstance(msgid, str) else msgid[0]
    return ("python-brace-format",) if _PLACEHOLDER.search(text) else ()


def _write(path: Path, catalog: Catalog, *, template: bool = False) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_lineno=False, omit_header=False, ignore_obsolete=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)


def read_catalog(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def write_template(
    project_root: Path = PROJECT_ROOT, target: Path = TEMPLATE, source_dirs: tuple[str, ...] = SOURCE_DIRS
) -> int:
    """``harm-repair i18n extract``: write the template; returns the number of messages."""
    catalog = template_catalog(extract(project_root, source_dirs))
    _write(target, catalog, template=True)
    return len(catalog)


def new_catalog(language: str, template: Catalog) -> Catalog:
    catalog = Catalog(
        locale=language,
        domain=DOMAIN,
        project=PROJECT,
        version=__version__,
        header_comment="\n".join(f"# {line}" for line in REVIEW_NOTES.get(language, "").splitlines()) + "\n#",
        language_team=LANGUAGE_TEAMS.get(language, f"{language} (awaiting review)"),
        fuzzy=False,
        charset="utf-8",
    )
    catalog.update(template)
    return catalog


def update_catalogs(
    languages: list[str] | None = None, base: Path = LOCALE_DIR, template_path: Path = TEMPLATE
) -> list[Path]:
    """``harm-repair i18n update``: merge the template into each language's catalog (new ones are created).

    Strings no longer in the code become obsolete entries (``#~``) at the end of the file; a
    string that changed a little keeps its old translation, marked fuzzy for the translator.
    """
    template = read_catalog(template_path)
    written = []
    for language in languages or catalog_languages(base):
        path = po_path(language, base)
        if path.is_file():
            catalog = read_catalog(path, language)
            catalog.update(template, update_header_comment=False, update_creation_date=True)
            # Keep old translations for reuse; an obsolete entry with no translation is only noise.
            catalog.obsolete = {key: m for key, m in catalog.obsolete.items() if _translated(m)}
        else:
            catalog = new_catalog(language, template)
        _write(path, catalog)
        written.append(path)
    return written


def compile_catalogs(languages: list[str] | None = None, base: Path = LOCALE_DIR) -> list[Path]:
    """``harm-repair i18n compile``: write each ``.mo`` from its ``.po`` (fuzzy entries are left out)."""
    written = []
    for language in languages or catalog_languages(base):
        catalog = read_catalog(po_path(language, base), language)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        target = mo_path(language, base)
        tmp = target.with_suffix(".mo.tmp")
        tmp.write_bytes(buffer.getvalue())
        tmp.replace(target)
        written.append(target)
    return written


# checking -------------------------------------------------------------------------------------


def _text(msgid: MessageId) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _short(msgid: MessageId) -> str:
    text = _text(msgid).replace("\n", " ")
    return f"“{text}”" if len(text) <= 70 else f"“{text[:67]}...”"


def _strings(message: Message) -> list[str]:
    """The translation of a message: one string, or one per plural form."""
    string = message.string
    if isinstance(string, (list, tuple)):
        return [str(s or "") for s in string]
    return [string or ""]


def _translated(message: Message) -> bool:
    return all(_strings(message))


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def check_catalogs(
    project_root: Path = PROJECT_ROOT,
    base: Path = LOCALE_DIR,
    template_path: Path | None = None,
    source_dirs: tuple[str, ...] = SOURCE_DIRS,
) -> list[Problem]:
    """Missing, untranslated, fuzzy and stale keys, broken placeholders, and out-of-date ``.mo`` files."""
    extracted = extract(project_root, source_dirs)
    used = extracted.messages
    found: list[Problem] = []
    template_path = template_path if template_path is not None else base / f"{DOMAIN}.pot"
    if not template_path.is_file():
        found.append(Problem(template_path, 1, "the message template is missing", "run 'harm-repair i18n extract'"))
    else:
        in_template = {message.id for message in read_catalog(template_path) if message.id}
        in_template = {m if isinstance(m, str) else tuple(m) for m in in_template}
        if set(used) != in_template:
            added, gone = len(set(used) - in_template), len(in_template - set(used))
            found.append(
                Problem(
                    template_path,
                    1,
                    f"the message template is out of date ({added} new and {gone} unused string(s) in the code)",
                    "run 'harm-repair i18n extract', then 'harm-repair i18n update'",
                )
            )
    for language in catalog_languages(base):
        if language == SOURCE_LANGUAGE:
            continue
        found.extend(_check_language(language, base, project_root, extracted))
    return found


def _check_language(language: str, base: Path, project_root: Path, extracted: Extracted) -> list[Problem]:
    path = po_path(language, base)
    catalog = read_catalog(path, language)
    found: list[Problem] = []
    entries: dict[MessageId, Message] = {}
    for message in catalog:
        if not message.id:
            continue
        key: MessageId = message.id if isinstance(message.id, str) else tuple(message.id)
        entries[key] = message
    shown_po = _display(path, project_root)
    for msgid in extracted.messages:
        source, line = extracted.first_place(msgid)
        entry = entries.get(msgid)
        where = project_root / source
        if entry is None:
            found.append(
                Problem(
                    where,
                    line,
                    f"{_short(msgid)} is not in the {language} catalog",
                    f"run 'harm-repair i18n extract' and 'harm-repair i18n update', then translate it in {shown_po}",
                )
            )
        elif not _translated(entry):
            found.append(
                Problem(
                    path,
                    entry.lineno or 1,
                    f"{_short(msgid)} has no {language} translation yet",
                    f"write its translation after msgstr, then run 'harm-repair i18n compile' "
                    f"(it is used in {source}:{line})",
                )
            )
        elif entry.fuzzy:
            found.append(
                Problem(
                    path,
                    entry.lineno or 1,
                    f"the {language} translation of {_short(msgid)} is marked fuzzy (its English changed)",
                    "check the translation against the English, remove the 'fuzzy' flag, "
                    "then run 'harm-repair i18n compile'",
                )
            )
        else:
            found.extend(_placeholder_problems(path, entry, msgid, language))
    for msgid, message in entries.items():
        if msgid not in extracted.messages:
            found.append(
                Problem(
                    path,
                    message.lineno or 1,
                    f"{_short(msgid)} is in the {language} catalog but no longer used in the code",
                    "run 'harm-repair i18n extract' and 'harm-repair i18n update' (it moves to the obsolete "
                    "entries at the end), or delete it",
                )
            )
    found.extend(_mo_problems(language, base, catalog, project_root))
    return found


def _placeholder_problems(path: Path, message: Message, msgid: MessageId, language: str) -> list[Problem]:
    wanted = _placeholders(_text(msgid))
    found = []
    for string in _strings(message):
        have = _placeholders(string)
        if have != wanted:
            missing = ", ".join("{" + p + "}" for p in sorted(wanted - have)) or "none"
            unknown = ", ".join("{" + p + "}" for p in sorted(have - wanted)) or "none"
            found.append(
                Problem(
                    path,
                    message.lineno or 1,
                    f"the {language} translation of {_short(msgid)} does not keep its placeholders "
                    f"(missing: {missing}; unknown: {unknown})",
                    "copy each {name} from the English exactly; only the words around them change",
                )
            )
            break
    return found


def _mo_problems(language: str, base: Path, catalog: Catalog, project_root: Path) -> list[Problem]:
    """The compiled catalog must hold exactly the translated, non-fuzzy entries of the ``.po``."""
    target = mo_path(language, base)
    shown = _display(target, project_root)
    if not target.is_file():
        return [Problem(target, 1, f"{shown} is missing", "run 'harm-repair i18n compile'")]
    try:
        with target.open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    except (OSError, ValueError) as err:  # gettext raises OSError for a bad magic number
        return [Problem(target, 1, f"{shown} cannot be read ({err})", "run 'harm-repair i18n compile'")]
    expected: dict[object, str] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not _translated(message):
            continue
        if isinstance(message.id, str):
            expected[message.id] = _strings(message)[0]
        else:
            for i, string in enumerate(_strings(message)):
                expected[(message.id[0], i)] = string
    actual = {k: v for k, v in compiled.items() if k != ""}
    if actual != expected:
        return [
            Problem(
                target,
                1,
                f"{shown} does not match its .po file, so the pages would show old translations",
                "run 'harm-repair i18n compile' and commit the .mo file",
            )
        ]
    return []


def _display(path: Path, project_root: Path) -> str:
    try:
        return path.relative_to(project_root).as_posix()
    except ValueError:
        return str(path)
