"""Content as the pages need it: the registry, each module's files, the support resources.

A module whose files do not validate is reported as broken, with its problems, and the
other modules keep working.

In another language, each file's translation (``content/locales/<language>/<same path>``) is
used when it exists, is valid and differs from its English file only in text; the English
file is used otherwise (see :mod:`curriculum.locales` and :mod:`curriculum.i18n_content`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .locales import DEFAULT_LANGUAGE, LANGUAGE_NAMES
from .paths import REGISTRY_FILE, content_dir
from .problems import ContentError, Problem
from .schema import Activity, ContentFile, Module, ModuleEntry, Registry, Resources

if TYPE_CHECKING:
    from .validate import ValidationReport


@dataclass(frozen=True)
class ModuleBundle:
    """A module's metadata and the content of each of its activities, all valid."""

    entry: ModuleEntry
    module: Module
    contents: dict[str, ContentFile] = field(default_factory=dict)

    def activity(self, activity_id: str) -> tuple[Activity, ContentFile]:
        for activity in self.module.activities:
            if activity.id == activity_id:
                return activity, self.contents[activity.uses]
        raise KeyError(f"module '{self.module.id}' has no activity '{activity_id}'")


@dataclass(frozen=True)
class Curriculum:
    """Everything the pages read, loaded and validated once per kernel."""

    root: Path
    registry: Registry | None
    resources: Resources | None
    modules: dict[str, ModuleBundle]
    broken: dict[str, list[Problem]]
    problems: list[Problem]
    language: str = DEFAULT_LANGUAGE
    """The language of this view of the content (English files fill in what is not translated)."""
    translated: frozenset[str] = frozenset()
    """Modules shown in full in ``language`` (every module, in English)."""
    languages: dict[str, str] = field(default_factory=lambda: dict(LANGUAGE_NAMES))
    """Every language the content offers, by code, with its name in that language (English first)."""

    def is_translated(self, module_id: str) -> bool:
        """True when the module's content is in the page's language (always, in English)."""
        return self.language == DEFAULT_LANGUAGE or module_id in self.translated

    def module(self, module_id: str) -> ModuleBundle:
        """The module, or :class:`ContentError` with its problems when it does not validate."""
        if module_id in self.modules:
            return self.modules[module_id]
        if module_id in self.broken:
            raise ContentError(self.broken[module_id])
        raise ContentError(
            [Problem(self.root / REGISTRY_FILE, 1, f"there is no module '{module_id}'", "add it to curriculum.yaml")]
        )


def build_curriculum(root: Path, report: ValidationReport, language: str = DEFAULT_LANGUAGE) -> Curriculum:
    """Assemble the pages' view of the content from a validation report (of the English files).

    For another ``language``, each file with a usable translation is swapped in, and the
    modules translated in full are noted; the rest stays English.
    """
    languages = language_names(root, report)
    english = _english(root, report, languages)
    if language != DEFAULT_LANGUAGE and language in languages:
        return _localised(english, root, report, language, languages)
    return english


def _english(root: Path, report: ValidationReport, languages: dict[str, str]) -> Curriculum:
    """The curriculum as the English files give it."""

    def model_at(rel: str) -> ContentFile | None:
        parsed = report.files.get(root / rel)
        return parsed.model if parsed else None

    registry = model_at(REGISTRY_FILE)
    if not isinstance(registry, Registry):
        return Curriculum(root, None, None, {}, {}, report.errors)
    resources = model_at(registry.resources)
    modules: dict[str, ModuleBundle] = {}
    broken: dict[str, list[Problem]] = {}
    for entry in registry.modules:
        files = [root / entry.metadata, *(root / rel for rel in entry.content), root / REGISTRY_FILE]
        errors = report.errors_in(files)
        module = model_at(entry.metadata)
        if errors or not isinstance(module, Module):
            broken[entry.id] = errors or [Problem(root / entry.metadata, 1, "the module file is not valid")]
            continue
        contents = {}
        for rel in entry.content:
            model = model_at(rel)
            if model is not None:
                contents[getattr(model, "id", rel)] = model
        modules[entry.id] = ModuleBundle(entry, module, contents)
    return Curriculum(
        root,
        registry,
        resources if isinstance(resources, Resources) else None,
        modules,
        broken,
        report.errors,
        languages=languages,
    )


def language_names(root: Path, report: ValidationReport | None = None) -> dict[str, str]:
    """English, then every locale with a readable manifest, each by its own name.

    The manifests are read from ``report`` when it validated them already.
    """
    from .locales import available_languages, manifest_path
    from .schema import Locale

    names = dict(LANGUAGE_NAMES)
    for language in available_languages(root):
        if language in names:
            continue
        name = language
        path = manifest_path(root, language)
        try:
            parsed = report.files.get(path) if report is not None else None
            if parsed is None:
                from .validate import check_file

                parsed, _problems = check_file(path)
            if parsed is not None and isinstance(parsed.model, Locale):
                name = parsed.model.name
        except Exception:  # a broken manifest still offers the language, by its code
            pass
        names[language] = name
    return names


def _localised(
    english: Curriculum, root: Path, report: ValidationReport, language: str, languages: dict[str, str]
) -> Curriculum:
    """The English curriculum with every usable translation of ``language`` swapped in."""
    from .i18n_content import check_locale

    locale = check_locale(root, language, report)

    def pick(rel: str, model: ContentFile) -> ContentFile:
        parsed = locale.files.get(rel)
        return parsed.model if parsed is not None and parsed.model is not None else model

    registry = english.registry
    if registry is not None:
        translated_registry = pick(REGISTRY_FILE, registry)
        registry = translated_registry if isinstance(translated_registry, Registry) else registry
    resources = english.resources
    if resources is not None and english.registry is not None:
        translated_resources = pick(english.registry.resources, resources)
        resources = translated_resources if isinstance(translated_resources, Resources) else resources
    modules: dict[str, ModuleBundle] = {}
    translated: set[str] = set()
    for module_id, bundle in english.modules.items():
        entry = bundle.entry
        module = pick(entry.metadata, bundle.module)
        contents = {}
        for rel in entry.content:
            original = report.files.get(root / rel)
            if original is None or original.model is None:
                continue
            model = pick(rel, original.model)
            contents[getattr(model, "id", rel)] = model
        files = [entry.metadata, *entry.content]
        if module_id in locale.translated_modules and all(rel in locale.files for rel in files):
            translated.add(module_id)
        modules[module_id] = ModuleBundle(entry, module if isinstance(module, Module) else bundle.module, contents)
    return Curriculum(
        root,
        registry,
        resources,
        modules,
        english.broken,
        english.problems,
        language=language,
        translated=frozenset(translated),
        languages=languages,
    )


@lru_cache(maxsize=4)
def load_curriculum(
    root: Path | None = None, *, use_cache: bool = True, language: str = DEFAULT_LANGUAGE
) -> Curriculum:
    """Load and validate the content folder once per process (each page is its own kernel).

    ``language``: the page's language; translated files are used where they exist and
    English fills in the rest (``Curriculum.translated`` says which modules are complete).

    Validated content is cached on disk by a hash of every file it depends on and the
    language, so most pages skip parsing and validation entirely (see ``content_cache``).
    """
    from . import content_cache

    root = (root or content_dir()).resolve()
    key = content_cache.fingerprint(root, language) if use_cache else None
    if key is not None:
        cached = content_cache.load(root, key)
        if cached is not None:
            return cached
    from .validate import validate_content_dir

    curriculum = build_curriculum(root, validate_content_dir(root), language)
    if key is not None:
        content_cache.store(root, curriculum, key)
    return curriculum
