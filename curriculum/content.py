"""Content as the pages need it: the registry, each module's files, the support resources.

A module whose files do not validate is reported as broken, with its problems, and the
other modules keep working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

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

    def module(self, module_id: str) -> ModuleBundle:
        """The module, or :class:`ContentError` with its problems when it does not validate."""
        if module_id in self.modules:
            return self.modules[module_id]
        if module_id in self.broken:
            raise ContentError(self.broken[module_id])
        raise ContentError(
            [Problem(self.root / REGISTRY_FILE, 1, f"there is no module '{module_id}'", "add it to curriculum.yaml")]
        )


def build_curriculum(root: Path, report: ValidationReport) -> Curriculum:
    """Assemble the pages' view of the content from a validation report."""

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
    )


@lru_cache(maxsize=4)
def load_curriculum(root: Path | None = None, *, use_cache: bool = True) -> Curriculum:
    """Load and validate the content folder once per process (each page is its own kernel).

    Validated content is cached on disk by a hash of every file it depends on, so most
    pages skip parsing and validation entirely (see ``content_cache``).
    """
    from . import content_cache

    root = (root or content_dir()).resolve()
    key = content_cache.fingerprint(root) if use_cache else None
    if key is not None:
        cached = content_cache.load(root, key)
        if cached is not None:
            return cached
    from .validate import validate_content_dir

    curriculum = build_curriculum(root, validate_content_dir(root))
    if key is not None:
        content_cache.store(root, curriculum, key)
    return curriculum
