"""What the authoring page does, without the page: list, edit, check, save, add and delete items.

Every edit is checked by the real validator on a scratch copy of the content folder
with the edited file in place, so the messages are the ones ``harm-repair validate``
would give. A change is written only when it adds no error; the file is written
atomically with a backup, and never over changes made on disk since it was opened.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..load import YamlSyntaxError, parse_yaml
from ..locales import is_locale_path
from ..paths import REGISTRY_FILE
from ..problems import Problem
from ..schema import ContentFile, Registry
from ..validate import ValidationReport, validate_content_dir
from .fields import LINKS, FieldSpec
from .items import (
    FILE_SETTINGS,
    Collection,
    collections,
    file_model,
    fresh,
    item_title,
    merge,
    plain,
    settings_fields,
    template,
)
from .roundtrip import ChangedOnDisk, YamlDocument, open_document, save_text

FieldPath = tuple[str | int, ...]
NEW_CHOICE_TEXT = "Write what the trainee can do here."
"""Text of the choice added to lead to a new scenario node."""


@dataclass(frozen=True)
class ItemRef:
    """Where an item is: its file, its list (or the file's settings) and its id."""

    path: Path
    collection: str
    item_id: str = ""
    new: bool = False
    parent: str = ""
    """For a new scenario node: the node whose new choice leads to it."""


@dataclass(frozen=True)
class ItemListing:
    ref: ItemRef
    kind: str
    title: str


@dataclass
class EditOutcome:
    """The result of checking (and perhaps saving or deleting) an item."""

    saved: bool = False
    by_field: dict[FieldPath, list[Problem]] = field(default_factory=dict)
    elsewhere: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    message: str = ""
    backup: Path | None = None
    model: ContentFile | None = None
    """The whole file's validated model with the edit in it, for the live preview."""
    ref: ItemRef | None = None
    text: str | None = None
    """The file's text with the edit in it."""
    models: dict[Path, ContentFile] = field(default_factory=dict)
    """Every valid file's model with the edit in place, by its path under the real content folder."""

    @property
    def ok(self) -> bool:
        return not self.by_field and not self.elsewhere


def _scratch_copy(root: Path) -> tuple[Path, Path]:
    """A scratch copy of the content folder (and a temp folder to delete afterwards)."""
    temp = Path(tempfile.mkdtemp(prefix="harm-repair-author-"))
    copy_root = temp / root.name
    shutil.copytree(root, copy_root, ignore=shutil.ignore_patterns("*.bak", ".*.tmp", "__pycache__"))
    return temp, copy_root


def _key(problem: Problem, root: Path) -> tuple[str, str]:
    try:
        rel = str(problem.path.resolve().relative_to(root.resolve()))
    except ValueError:
        rel = str(problem.path)
    return rel, problem.message


class AuthoringSession:
    """An author's working set over one content folder."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._docs: dict[Path, YamlDocument] = {}
        self._baseline: set[tuple[str, str]] | None = None
        self._registry: Registry | None = None

    # -- reading ---------------------------------------------------------------------------

    def registry(self) -> Registry | None:
        """The validated registry, read once (again after a reload)."""
        if self._registry is None:
            from ..validate import check_file

            parsed, _ = check_file(self.root / REGISTRY_FILE)
            model = parsed.model if parsed else None
            self._registry = model if isinstance(model, Registry) else None
        return self._registry

    def modules(self) -> list[tuple[str, str]]:
        """(id, title) of each module in the registry, in teaching order."""
        registry = self.registry()
        if registry is None:
            return []
        titles = []
        for entry in registry.modules:
            data = self.document(self.root / entry.metadata).data
            titles.append((entry.id, str(data.get("title", entry.id)) if isinstance(data, dict) else entry.id))
        return titles

    def module_files(self, module_id: str, language: str = "en") -> list[Path]:
        """The module's files; for another language, the translated files that exist."""
        from ..locales import DEFAULT_LANGUAGE, translated_path

        registry = self.registry()
        for entry in registry.modules if registry else []:
            if entry.id == module_id:
                rels = [entry.metadata, *entry.content]
                if language == DEFAULT_LANGUAGE:
                    return [self.root / rel for rel in rels]
                translated = [translated_path(self.root, language, rel) for rel in rels]
                return [path for path in translated if path.is_file()]
        return []

    def languages(self) -> list[str]:
        """English, then every language with a translation folder."""
        from ..locales import available_languages

        return available_languages(self.root)

    def document(self, path: Path) -> YamlDocument:
        path = path.resolve()
        if path not in self._docs:
            self._docs[path] = open_document(path)
        return self._docs[path]

    def reload(self, path: Path) -> YamlDocument:
        self._docs.pop(path.resolve(), None)
        self._baseline = None
        self._registry = None
        return self.document(path)

    def changed_on_disk(self, path: Path) -> bool:
        from .roundtrip import digest

        doc = self.document(path)
        return not path.exists() or digest(path.read_bytes()) != doc.opened_digest

    def model_of(self, path: Path) -> type[BaseModel] | None:
        return file_model(self.document(path).data)

    def items(self, path: Path) -> list[ItemListing]:
        """The file's settings, then each item of each of its lists."""
        model = self.model_of(path)
        if model is None:
            return []
        data = self.document(path).data
        title = str(data.get("title") or path.stem)
        listings = [ItemListing(ItemRef(path.resolve(), FILE_SETTINGS), "about this file", title)]
        for collection in collections(model):
            for item in data.get(collection.key) or []:
                ref = ItemRef(path.resolve(), collection.key, str(item.get("id", "")))
                listings.append(ItemListing(ref, collection.singular, item_title(item)))
        return listings

    def collections(self, path: Path) -> list[Collection]:
        model = self.model_of(path)
        return collections(model) if model else []

    def fields(self, ref: ItemRef) -> tuple[FieldSpec, ...]:
        model = self.model_of(ref.path)
        if model is None:
            return ()
        if ref.collection == FILE_SETTINGS:
            return settings_fields(model)
        for collection in collections(model):
            if collection.key == ref.collection:
                from .fields import fields_of

                return fields_of(collection.model)
        return ()

    def values(self, ref: ItemRef) -> dict[str, Any]:
        """The item's current values as plain data (a template for a new item)."""
        data = self.document(ref.path).data
        if ref.collection == FILE_SETTINGS:
            keys = {spec.key for spec in self.fields(ref)}
            return {k: plain(v) for k, v in data.items() if k in keys}
        if ref.new:
            return self._template(ref)
        return plain(self._find(data, ref)[1])

    def link_options(self, path: Path, collection: str) -> list[str]:
        data = self.document(path).data
        return [str(item.get("id")) for item in data.get(collection) or [] if isinstance(item, dict)]

    # -- creating ---------------------------------------------------------------------------

    def new_item(self, path: Path, collection: str, parent: str = "") -> ItemRef:
        """A reference to an item not yet in the file; :meth:`save` adds it."""
        singular = next((c.singular for c in self.collections(path) if c.key == collection), "item")
        taken = set(self.link_options(path, collection))
        base = "new-" + singular.replace(" ", "-")
        number = 1
        while f"{base}-{number}" in taken:
            number += 1
        return ItemRef(path.resolve(), collection, f"{base}-{number}", new=True, parent=parent)

    def _template(self, ref: ItemRef) -> dict[str, Any]:
        specs = self.fields(ref)
        item = template(specs, ref.item_id)
        if ref.collection == LINKS["goes_to"]:
            # A new scenario node starts as an ending reached by a new choice, so it validates at once.
            ending = next((s for s in specs if s.key == "ending"), None)
            if ending is not None:
                item["ending"] = template(ending.children, ref.item_id)
        return item

    # -- checking and saving ------------------------------------------------------------------

    def check(self, ref: ItemRef, values: dict[str, Any]) -> EditOutcome:
        """What saving ``values`` would give, without writing anything."""
        candidate = self._candidate(ref, values)
        if isinstance(candidate, EditOutcome):
            return candidate
        return self._judge(ref, candidate)

    def save(self, ref: ItemRef, values: dict[str, Any]) -> EditOutcome:
        """Check, then write the file if the edit adds no error."""
        outcome = self.check(ref, values)
        return self._write(ref, outcome, f"Saved {ref.path.name}.")

    def delete(self, ref: ItemRef) -> EditOutcome:
        """Remove an item, if the file is still valid without it."""
        doc = self.document(ref.path)
        data = copy.deepcopy(doc.data)
        items = data.get(ref.collection) or []
        index, _ = self._find(data, ref)
        del items[index]
        outcome = self._judge(ItemRef(ref.path, FILE_SETTINGS), doc.dump(data))
        outcome.ref = ref
        return self._write(ref, outcome, f"Deleted '{ref.item_id}' from {ref.path.name}.")

    def _write(self, ref: ItemRef, outcome: EditOutcome, success: str) -> EditOutcome:
        if not outcome.ok or outcome.text is None:
            outcome.message = outcome.message or "Nothing was saved: fix the problems shown first."
            return outcome
        doc = self.document(ref.path)
        try:
            outcome.backup = save_text(ref.path, outcome.text, doc.opened_digest)
        except ChangedOnDisk as err:
            outcome.message = str(err)
            outcome.elsewhere.append(Problem(ref.path, 1, str(err), "reload the file"))
            return outcome
        self.reload(ref.path)
        outcome.saved = True
        outcome.message = success + f" The previous version is kept as {outcome.backup.name}."
        return outcome

    def _find(self, data: Any, ref: ItemRef) -> tuple[int, Any]:
        for index, item in enumerate(data.get(ref.collection) or []):
            if isinstance(item, dict) and str(item.get("id")) == ref.item_id:
                return index, item
        raise KeyError(f"{ref.path.name} has no {ref.collection} item '{ref.item_id}' (was it renamed on disk?)")

    def _candidate(self, ref: ItemRef, values: dict[str, Any]) -> str | EditOutcome:
        """The file's new text with ``values`` merged into the item."""
        doc = self.document(ref.path)
        data = copy.deepcopy(doc.data)
        specs = self.fields(ref)
        if ref.collection == FILE_SETTINGS:
            untouched = {k: plain(v) for k, v in data.items() if k not in {s.key for s in specs}}
            merge(data, {**untouched, **values}, None)
        elif ref.new:
            items = data.get(ref.collection)
            if items is None:
                return EditOutcome(message=f"{ref.path.name} has no list '{ref.collection}'.")
            position = len(items)
            if ref.parent:
                parent_index, parent = self._find(data, ItemRef(ref.path, ref.collection, ref.parent))
                position = parent_index + 1
                choice = {"id": f"to-{ref.item_id}", "text": NEW_CHOICE_TEXT, "goes_to": ref.item_id}
                parent.setdefault("choices", fresh([])).append(fresh(choice))
            items.insert(position, fresh(values))
        else:
            index, item = self._find(data, ref)
            data[ref.collection][index] = merge(item, values, specs)
        return doc.dump(data)

    def _baseline_problems(self) -> set[tuple[str, str]]:
        if self._baseline is None:
            self._baseline = {_key(p, self.root) for p in validate_content_dir(self.root).errors}
        return self._baseline

    def _judge(self, ref: ItemRef, text: str) -> EditOutcome:
        """Validate ``text`` as the new content of ``ref.path`` and sort its problems by field."""
        outcome = EditOutcome(ref=ref, text=text)
        rel = ref.path.relative_to(self.root)
        temp, copy_root = _scratch_copy(self.root)
        try:
            (copy_root / rel).write_text(text, encoding="utf-8")
            report = validate_content_dir(copy_root)
            self._sort(ref, report, copy_root, copy_root / rel, outcome, text)
        finally:
            shutil.rmtree(temp, ignore_errors=True)
        if not outcome.ok:
            outcome.message = "Not saved yet: the problems below need fixing first."
        return outcome

    def _sort(
        self, ref: ItemRef, report: ValidationReport, copy_root: Path, edited: Path, outcome: EditOutcome, text: str
    ) -> None:
        baseline = self._baseline_problems()
        try:
            loaded = parse_yaml(text, edited)
            lines, data = loaded.lines, loaded.data
        except YamlSyntaxError:
            lines, data = {}, {}
        for path, parsed in report.files.items():
            if parsed.model is not None:
                outcome.models[self.root / path.relative_to(copy_root)] = parsed.model
        outcome.model = outcome.models.get(self.root / edited.relative_to(copy_root))
        span = _span(ref, lines, data)
        for problem in report.problems:
            here = problem.path.resolve() == edited.resolve()
            shown = Problem(self.root / problem.path.resolve().relative_to(copy_root.resolve()), *_rest(problem))
            if problem.severity == "warning":
                if here and problem.line in span:
                    outcome.warnings.append(shown)
                continue
            new = _key(problem, copy_root) not in baseline
            if here and problem.line in span:
                outcome.by_field.setdefault(_field_at(problem.line, lines, ref), []).append(shown)
            elif new and is_locale_path(self.root, shown.path):
                outcome.notices.append(
                    f"{shown.path.relative_to(self.root)} (a translation) no longer matches: {problem.message}. "
                    "Update the translation too; 'harm-repair i18n check' lists what changed."
                )
            elif new:
                outcome.elsewhere.append(shown)


def _rest(problem: Problem) -> tuple[int, str, str, Any]:
    return problem.line, problem.message, problem.hint, problem.severity


def _span(ref: ItemRef, lines: dict[FieldPath, int], data: Any) -> range:
    """The lines the item occupies in the candidate text (the whole file for its settings)."""
    if ref.collection == FILE_SETTINGS:
        return range(1, 10**9)
    items = data.get(ref.collection) if isinstance(data, dict) else None
    ids = [str(item.get("id")) if isinstance(item, dict) else "" for item in items or []]
    if ref.item_id not in ids:
        return range(0)
    index = ids.index(ref.item_id)
    mine = [line for loc, line in lines.items() if len(loc) >= 2 and loc[0] == ref.collection and loc[1] == index]
    following = [
        line for loc, line in lines.items() if len(loc) >= 2 and loc[0] == ref.collection and loc[1] == index + 1
    ]
    end = min(following) if following else max(mine) + 10**6
    return range(min(mine), end)


def _field_at(line: int, lines: dict[FieldPath, int], ref: ItemRef) -> FieldPath:
    """The deepest field of the item that starts on ``line`` (the item itself when none does)."""
    prefix = 0 if ref.collection == FILE_SETTINGS else 2
    best: FieldPath = ()
    for loc, at in lines.items():
        if at != line:
            continue
        if prefix and (len(loc) < 2 or loc[0] != ref.collection):
            continue
        inner = loc[prefix:]
        if len(inner) > len(best):
            best = inner
    return best
