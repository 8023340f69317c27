"""Check content translations: the manifest, each translated file, and that only the text changed.

A translation is a complete copy of its English file with the text translated. Ids,
levels, stages, links, numbers and yes/no values stay exactly as in English, so the
pages, the progress a trainee saved and the live polls work the same in every language.
Which values are text is read from the models: ``Text`` and ``Markdown`` carry the
``TRANSLATABLE`` marker (:mod:`curriculum.schema.base`); everything else must be equal.

Staleness: the manifest records, for each translated file, a digest of the English file's
data when the translation was last brought up to date (``harm-repair i18n stamp``). When the
English file changes, its digest no longer matches and the translation is reported as stale.
"""

from __future__ import annotations

import types
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from .load import LoadedFile
from .locales import MANIFEST, digest, locale_dir, locale_languages, manifest_path, translated_path
from .paths import REGISTRY_FILE
from .problems import Problem
from .schema import ApologyRules, Contact, Locale, ModuleEntry, Registry, ResponseSignals
from .schema.apology import Cued
from .schema.base import Translatable
from .validate import ParsedFile, ValidationReport, check_file, validate_content_dir

Loc = tuple[str | int, ...]

FIXED_TEXT: dict[type[BaseModel], frozenset[str]] = {
    ModuleEntry: frozenset({"notebook", "metadata", "content"}),
    Registry: frozenset({"resources"}),
    Contact: frozenset({"value"}),
}
"""Text fields that are not words to translate: paths, and the numbers and addresses of support services."""

OWN_PER_LANGUAGE: dict[type[BaseModel], frozenset[str]] = {
    Registry: frozenset({"language"}),
    ApologyRules: frozenset({"language"}),
    Cued: frozenset({"cues", "unless"}),
    ResponseSignals: frozenset({"centers_agency", "centers_organization"}),
}
"""Fields each language writes for itself, in any number: the language code, and the phrases feedback looks for."""


# the structure rule ---------------------------------------------------------------------------


def _where(loc: Loc) -> str:
    if not loc:
        return "this file"
    return "'" + " > ".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in loc) + "'"


def _fields(model: type[BaseModel], table: dict[type[BaseModel], frozenset[str]]) -> frozenset[str]:
    names: frozenset[str] = frozenset()
    for cls, fields in table.items():
        if issubclass(model, cls):
            names |= fields
    return names


def _show(value: Any) -> str:
    text = repr(value) if not isinstance(value, BaseModel) else type(value).__name__
    return text if len(text) <= 60 else text[:57] + "..."


def _unwrap(annotation: Any, text: bool) -> tuple[Any, bool]:
    """Strip ``Annotated`` and ``X | None`` from a type, noting whether it is marked translatable."""
    while True:
        if get_origin(annotation) is Annotated:
            text = text or any(isinstance(meta, Translatable) for meta in annotation.__metadata__)
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else Any
        else:
            return annotation, text


@dataclass
class _Walk:
    english: LoadedFile
    translated: LoadedFile
    english_rel: str
    found: list[Problem] = field(default_factory=list)

    def problem(self, loc: Loc, message: str, hint: str) -> None:
        english_line = self.english.line_of(loc)
        self.found.append(
            Problem(
                self.translated.path,
                self.translated.line_of(loc),
                message,
                f"{hint} (see {self.english_rel}:{english_line}); translate only the text",
            )
        )

    def walk(self, english: Any, translated: Any, annotation: Any, loc: Loc, text: bool, fixed: bool) -> None:
        annotation, text = _unwrap(annotation, text)
        text = text and not fixed
        if english is None or translated is None:
            if english is None and translated is not None:
                self.problem(loc, f"{_where(loc)} is not in the English file", "remove it")
            elif translated is None and english is not None:
                self.problem(loc, f"{_where(loc)} is missing; the English file has it", "add it, translated")
            return
        if text and isinstance(english, str) and isinstance(translated, str):
            return
        if isinstance(english, BaseModel):
            self._model(english, translated, loc, fixed)
        elif isinstance(english, (list, tuple)) and isinstance(translated, (list, tuple)):
            item = (get_args(annotation) or (Any,))[0]
            if len(english) != len(translated):
                self.problem(
                    loc,
                    f"{_where(loc)} has {len(translated)} item(s) here but {len(english)} in the English file",
                    "keep every item, in the same order, and add none",
                )
            for i, (e, t) in enumerate(zip(english, translated, strict=False)):
                self.walk(e, t, item, (*loc, i), text, fixed)
        elif isinstance(english, dict) and isinstance(translated, dict):
            value = (get_args(annotation) or (Any, Any))[-1]
            for key in english:
                if key not in translated:
                    self.problem(loc, f"{_where(loc)} has no '{key}', which the English file has", "add it back")
            for key in translated:
                if key not in english:
                    self.problem((*loc, key), f"{_where((*loc, key))} is not in the English file", "use the same keys")
                else:
                    self.walk(english[key], translated[key], value, (*loc, key), text, fixed)
        elif english != translated:
            self.problem(
                loc,
                f"{_where(loc)} is {_show(translated)} here but {_show(english)} in the English file",
                "keep ids, levels, stages, links, numbers and yes/no values as they are in English",
            )

    def _model(self, english: BaseModel, translated: Any, loc: Loc, fixed: bool) -> None:
        cls = type(english)
        if type(translated) is not cls:
            self.problem(loc, f"{_where(loc)} is not the same kind of entry as in the English file", "copy its shape")
            return
        own, fixed_here = _fields(cls, OWN_PER_LANGUAGE), _fields(cls, FIXED_TEXT)
        for name, info in cls.model_fields.items():
            if name in own:
                continue
            is_text = any(isinstance(meta, Translatable) for meta in info.metadata)
            self.walk(
                getattr(english, name),
                getattr(translated, name),
                info.annotation,
                (*loc, name),
                is_text,
                fixed or name in fixed_here,
            )


def structure_problems(english: ParsedFile, translated: ParsedFile, english_rel: str) -> list[Problem]:
    """Where the translation differs from its English file in anything but translatable text."""
    if english.model is None or translated.model is None:
        return []
    walk = _Walk(english.loaded, translated.loaded, english_rel)
    walk.walk(english.model, translated.model, type(english.model), (), False, False)
    return walk.found


# a locale folder ------------------------------------------------------------------------------


@dataclass
class LocaleReport:
    """What checking one language's folder found."""

    language: str
    manifest: Locale | None = None
    manifest_file: LoadedFile | None = None
    files: dict[str, ParsedFile] = field(default_factory=dict)
    """Usable translations by English path (relative to the content folder): valid, and only the text differs."""
    problems: list[Problem] = field(default_factory=list)
    stale: list[Problem] = field(default_factory=list)
    """Translations made from an older English file, or with no digest recorded (warnings for the pages)."""

    @property
    def translated_modules(self) -> frozenset[str]:
        """Modules listed as translated in full whose every file has a usable translation."""
        return frozenset(self.manifest.modules) if self.manifest is not None else frozenset()


def _rel(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def check_locale(root: Path, language: str, english: ValidationReport) -> LocaleReport:
    """Check ``content/locales/<language>/`` against the English content checked in ``english``."""
    report = LocaleReport(language)
    folder = locale_dir(root, language)
    manifest_file = manifest_path(root, language)
    parsed, problems = check_file(manifest_file)
    report.problems.extend(problems)
    if parsed is not None:
        report.manifest_file = parsed.loaded
        if parsed.model is not None and not isinstance(parsed.model, Locale):
            report.problems.append(
                Problem(manifest_file, 1, f"{MANIFEST} must be a 'locale' file", "write 'type: locale' in it")
            )
        elif isinstance(parsed.model, Locale):
            report.manifest = parsed.model
            if parsed.model.language != language:
                report.problems.append(
                    Problem(
                        manifest_file,
                        parsed.loaded.line_of(("language",)),
                        f"this folder is '{language}', but its manifest says 'language: {parsed.model.language}'",
                        "use the folder's name as the language, or rename the folder",
                    )
                )
    recorded = report.manifest.files if report.manifest is not None else {}
    translated_rels: set[str] = set()
    for path in sorted(folder.rglob("*.y*ml")):
        if path.suffix not in (".yaml", ".yml") or path == manifest_file:
            continue
        rel = _rel(path, folder)
        translated_rels.add(rel)
        english_file = english.files.get(root / rel)
        if english_file is None:
            report.problems.append(
                Problem(
                    path,
                    1,
                    f"there is no English file '{rel}' for this translation",
                    "give it the same path as the English file it translates, or delete it",
                )
            )
            continue
        parsed, problems = check_file(path)
        report.problems.extend(problems)
        if parsed is None or parsed.model is None or english_file.model is None:
            continue
        structure = structure_problems(english_file, parsed, rel)
        if not problems and not structure:
            report.files[rel] = parsed
        current = digest(english_file.loaded.data)
        english_moved = report.manifest is not None and rel in recorded and recorded[rel] != current
        if english_moved:
            # The English file changed after the translation was made: the differences are the English
            # moving on, not the translator's mistake. Stale (a warning for the pages, an error for the
            # i18n check); the page shows the English file until the translation catches up.
            report.stale.append(
                Problem(
                    path,
                    1,
                    f"the English file '{rel}' changed after this translation was made, so it may be out of date",
                    f"compare it with content/{rel}, update the translation, then run "
                    f"'harm-repair i18n stamp {language} {rel}'",
                )
            )
            report.stale.extend(structure)
            continue
        report.problems.extend(structure)
        if report.manifest is not None and rel not in recorded:
            line = report.manifest_file.line_of(("files",)) if report.manifest_file else 1
            report.stale.append(
                Problem(
                    manifest_file,
                    line,
                    f"the manifest records no English digest for '{rel}', so a later English change would go unnoticed",
                    f"when the translation is complete, run 'harm-repair i18n stamp {language} {rel}'",
                )
            )
    if report.manifest is not None and report.manifest_file is not None:
        report.problems.extend(_manifest_rules(root, report, english, translated_rels))
    return report


def _manifest_rules(
    root: Path, report: LocaleReport, english: ValidationReport, translated_rels: set[str]
) -> list[Problem]:
    """Modules listed as translated have every file translated; digests name real translations."""
    assert report.manifest is not None and report.manifest_file is not None
    loaded, path, language = report.manifest_file, report.manifest_file.path, report.language
    found: list[Problem] = []
    registry = english.files.get(root / REGISTRY_FILE)
    entries = {e.id: e for e in registry.model.modules} if registry and isinstance(registry.model, Registry) else {}
    for i, module_id in enumerate(report.manifest.modules):
        entry = entries.get(module_id)
        if entry is None:
            found.append(
                Problem(
                    path,
                    loaded.line_of(("modules", i)),
                    f"'modules' lists '{module_id}', which is not a module in curriculum.yaml",
                    "use a module id from curriculum.yaml: " + (", ".join(entries) or "(none)"),
                )
            )
            continue
        for rel in (entry.metadata, *entry.content):
            if rel not in translated_rels:
                found.append(
                    Problem(
                        path,
                        loaded.line_of(("modules", i)),
                        f"module '{module_id}' is listed as translated, but '{rel}' has no translation",
                        f"translate it into {translated_path(root, language, rel).relative_to(root.parent)}, "
                        "or take the module off the list until it is done",
                    )
                )
    for rel in report.manifest.files:
        if rel not in translated_rels:
            found.append(
                Problem(
                    path,
                    loaded.line_of(("files", rel)),
                    f"'files' records a digest for '{rel}', but there is no such translation",
                    "remove the line, or check the path",
                )
            )
    return found


def check_locales(root: Path, english: ValidationReport, languages: Iterable[str] | None = None) -> list[LocaleReport]:
    """Check every locale folder (each with a manifest), or only ``languages``."""
    wanted = list(languages) if languages is not None else locale_languages(root)
    return [check_locale(root, language, english) for language in wanted]


def unmanaged_locale_folders(root: Path) -> list[Path]:
    """Folders under ``content/locales/`` with YAML files but no manifest (their files would never be used)."""
    base = root / "locales"
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not (p / MANIFEST).is_file() and any(p.rglob("*.y*ml")))


def locale_problems(root: Path, english: ValidationReport, *, stale_severity: str = "warning") -> list[Problem]:
    """Every problem of every locale folder, for ``harm-repair validate`` (stale translations are warnings)."""
    found: list[Problem] = []
    for report in check_locales(root, english):
        found.extend(report.problems)
        found.extend(replace(p, severity=stale_severity) for p in report.stale)  # type: ignore[arg-type]
    for folder in unmanaged_locale_folders(root):
        found.append(
            Problem(
                folder / MANIFEST,
                1,
                f"the folder '{folder.name}' has translations but no {MANIFEST}, so they are never shown",
                f"add {MANIFEST} with 'type: locale', 'language: {folder.name}', its name and review status",
            )
        )
    return found


# stamping --------------------------------------------------------------------------------------


def stamp(root: Path, language: str, english: ValidationReport, rels: Iterable[str] | None = None) -> list[str]:
    """Record the current English digest of each translated file (all of them when ``rels`` is None).

    Only the ``files:`` block of the manifest is rewritten; comments and the other keys stay as written.
    Returns the paths stamped.
    """
    folder = locale_dir(root, language)
    manifest_file = manifest_path(root, language)
    existing = sorted(_rel(p, folder) for p in folder.rglob("*.y*ml") if p != manifest_file)
    wanted = list(rels) if rels is not None else existing
    digests: dict[str, str] = {}
    for rel in wanted:
        rel = Path(rel).as_posix()
        if rel.startswith("content/"):
            rel = rel[len("content/") :]
        prefix = f"locales/{language}/"
        if rel.startswith(prefix):
            rel = rel[len(prefix) :]
        if rel not in existing:
            raise ValueError(f"'{rel}' has no translation in {folder}; nothing to stamp")
        english_file = english.files.get(root / rel)
        if english_file is None:
            raise ValueError(f"'{rel}' has no English file in {root}; nothing to stamp")
        digests[rel] = digest(english_file.loaded.data)
    _write_digests(manifest_file, digests)
    return sorted(digests)


def _write_digests(manifest_file: Path, digests: dict[str, str]) -> None:
    """Merge ``digests`` into the manifest's ``files:`` block, keeping the rest of the file as it is."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(manifest_file.read_text(encoding="utf-8"))
    files = data.get("files")
    if files is None:
        data["files"] = files = {}
    for rel, value in digests.items():
        files[rel] = value
    ordered = dict(sorted(files.items()))
    files.clear()
    files.update(ordered)
    tmp = manifest_file.with_suffix(".yaml.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    tmp.replace(manifest_file)


# one translated file -----------------------------------------------------------------------------


def translation_root(path: Path) -> tuple[Path, str] | None:
    """``(content folder, language)`` when ``path`` is a file under ``<content>/locales/<language>/``."""
    resolved = path.resolve()
    for parent in resolved.parents:
        if parent.parent.name == "locales" and (parent.parent.parent / REGISTRY_FILE).is_file():
            return parent.parent.parent, parent.name
    return None


def validate_translation_file(path: Path) -> ValidationReport | None:
    """``harm-repair validate`` on one translated file (or a manifest): its schema, and the structure rule.

    None when the file is not a translation.
    """
    found = translation_root(path)
    if found is None:
        return None
    root, language = found
    english = validate_content_dir(root, locales=False)
    locale = check_locale(root, language, english)
    target = path.resolve()
    report = ValidationReport(root=path.parent)
    report.problems = sorted(
        [p for p in locale.problems if p.path.resolve() == target]
        + [replace(p, severity="warning") for p in locale.stale if p.path.resolve() == target]
    )
    return report
