"""The authoring page: a trainer changes a module's content in forms and sees it as a trainee would.

Turned on only where a trainer runs the curriculum for editing (``make author`` sets
``HARM_REPAIR_AUTHORING=1``); a classroom server (``make serve``) never lets a browser
write content files.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from curriculum.authoring import AuthoringSession, EditOutcome, ItemRef
from curriculum.authoring.items import FILE_SETTINGS
from curriculum.paths import content_dir
from curriculum.render import escape
from curriculum.schema import ContentFile, Scenario

from . import ui
from .authoring_form import FieldNode, build_fields, collect
from .safe import button, hidden

ENABLE_VARIABLE = "HARM_REPAIR_AUTHORING"

OFF_HTML = (
    "<h1>Authoring is turned off on this server</h1>"
    "<p>This server is for trainees, so no one can change the content from a browser here. "
    "To adapt the content, run <code>make author</code> on your own computer and open this page there. "
    "You can also edit the files in <code>content/</code> with a text editor; the trainer guide "
    "(<code>docs/trainer-guide.md</code>) walks you through both.</p>"
)

INTRO_HTML = (
    "<h1>Adapt a module</h1>"
    "<p>Choose a module, a file and an item. Change it in the form: each change is checked at once, "
    "problems appear beside the field they concern, and the preview shows the item as a trainee will see it. "
    "<strong>Save</strong> writes the file only when it is valid, keeps the comments and layout of the file, "
    "and keeps the previous version beside it as a <code>.bak</code> file. "
    "Trainees see the change the next time they open or reload the module page.</p>"
)


SHOWN_ALONE = ("vignettes", "prompts", "situations", "questions")
"""Lists whose items the trainee widget can show one at a time; other items preview with their whole file."""


def authoring_enabled() -> bool:
    return os.environ.get(ENABLE_VARIABLE, "") not in ("", "0", "false", "no")


class AuthoringPage(w.VBox):
    """Module, file and item pickers; the item's form; its check messages and its preview."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(**ui.shared())
        self.add_class("hr-root")
        self.add_class("hr-authoring")
        self.session = AuthoringSession(root or content_dir())
        self.ref: ItemRef | None = None
        self.nodes: dict[str, FieldNode] = {}
        self.outcome: EditOutcome | None = None

        self.module = ui.dropdown(
            "Module", [(title, mid) for mid, title in self.session.modules()], shape="full-width-line"
        )
        languages = self.session.languages()
        self.language = ui.dropdown("Language of the content", [(_language_name(c), c) for c in languages])
        hidden(self.language, len(languages) < 2)
        self.file = ui.dropdown("File", [], shape="full-width-line")
        self.item = ui.dropdown("Item", [], shape="full-width-line")
        self.new_kind = ui.dropdown("New item", [], shape="full-width-line")
        self.new_parent = ui.dropdown("Reached from node", [], shape="full-width-line")
        self.create = button("Create from template")
        self.delete = button("Delete this item")
        self.confirm = button("Yes, delete it")
        self.cancel = button("Keep it")
        self.confirm_box = ui.vbox(
            [
                ui.html('<p role="alert">Delete this item from the file? A backup of the file is kept.</p>'),
                ui.hbox([self.confirm, self.cancel]),
            ]
        )
        hidden(self.confirm_box)
        self.status = ui.html()
        self.status.add_class("hr-status")
        self.elsewhere = ui.html()
        self.form = ui.vbox()
        self.form.add_class("hr-author-form")
        self.save = button("Save", primary=True)
        self.discard = button("Discard my changes")
        self.reload = button("Reload the file from disk")
        self.preview = ui.vbox()
        self.preview.add_class("hr-author-preview")

        self._quiet = False  # set while the page itself changes the pickers, so each change acts once
        self.module.observe(lambda _c: self._when_trainer(self._choose_module), names="value")
        self.language.observe(lambda _c: self._when_trainer(self._choose_module), names="value")
        self.file.observe(lambda _c: self._when_trainer(self._choose_file), names="value")
        self.item.observe(lambda _c: self._when_trainer(self._choose_item), names="value")
        self.new_kind.observe(lambda _c: self._show_parent(), names="value")
        self.create.on_click(lambda _b: self._create())
        self.delete.on_click(lambda _b: hidden(self.confirm_box, False))
        self.confirm.on_click(lambda _b: self._delete())
        self.cancel.on_click(lambda _b: hidden(self.confirm_box))
        self.save.on_click(lambda _b: self._save())
        self.discard.on_click(lambda _b: self._choose_item())
        self.reload.on_click(lambda _b: self._reload())

        pickers = ui.vbox([self.module, self.language, self.file, self.item])
        pickers.add_class("hr-author-pickers")
        adding = ui.vbox([self.new_kind, self.new_parent, ui.hbox([self.create, self.delete]), self.confirm_box])
        self.children = [
            ui.html(INTRO_HTML),
            pickers,
            adding,
            ui.html("<h2>Edit</h2>"),
            self.status,
            self.elsewhere,
            self.form,
            ui.hbox([self.save, self.discard, self.reload]),
            ui.html("<h2>Preview: what a trainee sees</h2>"),
            self.preview,
        ]
        self._choose_module()

    # -- choosing ---------------------------------------------------------------------------

    def _when_trainer(self, action: Callable[[], None]) -> None:
        if not self._quiet:
            action()

    def _set(self, picker: w.Dropdown, options: list[tuple[str, str]], value: str | None) -> None:
        """Fill a picker without setting off its observer."""
        self._quiet = True
        try:
            picker.options = options
            if value is not None:
                picker.value = value
        finally:
            self._quiet = False

    def _choose_module(self) -> None:
        language = self.language.value or "en"
        files = self.session.module_files(self.module.value, language) if self.module.value else []
        options = []
        for path in files:
            data = self.session.document(path).data
            kind = data.get("type", "file") if isinstance(data, dict) else "file"
            options.append(
                (
                    f"{path.relative_to(self.session.root)} ({kind})" if language != "en" else f"{path.name} ({kind})",
                    str(path),
                )
            )
        self._set(self.file, options, options[min(1, len(options) - 1)][1] if options else None)
        if not options:
            self.item.options, self.form.children, self.ref = [], [], None
            self._say("This module has no translation in this language yet.")
            return
        self._choose_file()

    def _path(self) -> Path | None:
        return Path(self.file.value) if self.file.value else None

    def _choose_file(self, keep: str | None = None) -> None:
        path = self._path()
        if path is None:
            return
        listings = self.session.items(path)
        options = [
            (
                f"{entry.kind}: {entry.ref.item_id or entry.title}"
                + (f" ({entry.title})" if entry.ref.item_id and entry.title else ""),
                _key(entry.ref),
            )
            for entry in listings
        ]
        self._refs = {_key(entry.ref): entry.ref for entry in listings}
        chosen = keep if keep in self._refs else options[min(1, len(options) - 1)][1] if options else None
        self._set(self.item, options, chosen)
        kinds = [(c.singular, c.key) for c in self.session.collections(path)]
        self.new_kind.options = kinds
        self.create.disabled = not kinds
        self._show_parent()
        self._choose_item()

    def _show_parent(self) -> None:
        path = self._path()
        is_node = self.new_kind.value == "nodes" and path is not None
        self.new_parent.options = [(n, n) for n in self.session.link_options(path, "nodes")] if is_node and path else []
        hidden(self.new_parent, not is_node)

    def _choose_item(self) -> None:
        ref = self._refs.get(self.item.value) if self.item.value else None
        if ref is not None:
            self._open(ref)

    def _open(self, ref: ItemRef) -> None:
        self.ref = ref
        hidden(self.confirm_box)
        self.delete.disabled = ref.collection == FILE_SETTINGS or ref.new
        values = self.session.values(ref)
        self.nodes = build_fields(self.session.fields(ref), values, self._changed, self._links)
        self.form.children = [node.box for node in self.nodes.values()]
        self._say("")
        self._changed()

    def _links(self, collection: str) -> list[str]:
        path = self._path()
        ids = self.session.link_options(path, collection) if path else []
        if self.ref is not None and self.ref.new and self.ref.collection == collection:
            ids.append(self.ref.item_id)
        return ids

    # -- checking, saving ------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return collect(self.nodes)

    def _changed(self) -> None:
        if self.ref is None:
            return
        self._show(self.session.check(self.ref, self.values()))

    def _show(self, outcome: EditOutcome) -> None:
        self.outcome = outcome
        for key, node in self.nodes.items():
            node.show_problems(outcome.by_field, (key,))
        general = outcome.by_field.get((), [])
        lines = [f"<li>{escape(p.message)} (line {p.line}){_hint(p.hint)}</li>" for p in general]
        for p in outcome.elsewhere:
            where = escape(str(p.path.relative_to(self.session.root)))
            lines.append(f"<li>{where}, line {p.line}: {escape(p.message)}{_hint(p.hint)}</li>")
        lines += [f"<li>{escape(n)}</li>" for n in outcome.notices]
        lines += [f"<li>Advice: {escape(p.message)}{_hint(p.hint)}</li>" for p in outcome.warnings]
        self.elsewhere.value = f'<ul class="hr-author-messages">{"".join(lines)}</ul>' if lines else ""
        self.save.disabled = not outcome.ok
        self._preview(outcome)

    def _say(self, message: str) -> None:
        self.status.value = f'<p role="status">{escape(message)}</p>' if message else '<p role="status"></p>'

    def _save(self) -> None:
        if self.ref is None:
            return
        outcome = self.session.save(self.ref, self.values())
        self._say(outcome.message)
        if outcome.saved:
            self._choose_file(keep=_key(ItemRef(self.ref.path, self.ref.collection, self._saved_id())))
            self._say(outcome.message)
        else:
            self._show(outcome)
            self._say(outcome.message)

    def _saved_id(self) -> str:
        value = self.values().get("id")
        return str(value) if value else self.ref.item_id if self.ref else ""

    def _reload(self) -> None:
        path = self._path()
        if path is None:
            return
        self.session.reload(path)
        keep = self.item.value
        self._choose_file(keep=keep)
        self._say(f"Reloaded {path.name} from disk.")

    def _create(self) -> None:
        path = self._path()
        if path is None or not self.new_kind.value:
            return
        parent = self.new_parent.value if self.new_kind.value == "nodes" else ""
        ref = self.session.new_item(path, self.new_kind.value, parent=parent or "")
        self._open(ref)
        self._say(
            f"A new {ref.collection} item '{ref.item_id}' from a template. It is added to the file when you save."
        )

    def _delete(self) -> None:
        hidden(self.confirm_box)
        if self.ref is None or self.ref.collection == FILE_SETTINGS:
            return
        outcome = self.session.delete(self.ref)
        if outcome.saved:
            self._choose_file()
            self._say(outcome.message)
        else:
            self._show(outcome)
            self._say("Not deleted: " + (outcome.message or "the file would not be valid without it."))

    # -- preview ----------------------------------------------------------------------------------

    def _preview(self, outcome: EditOutcome) -> None:
        if not outcome.ok or outcome.model is None or self.ref is None:
            self.preview.children = [ui.html("<p>The preview appears when the item has no problems.</p>")]
            return
        try:
            item_id = str(self.values().get("id") or self.ref.item_id)
            view = preview_widget(outcome.model, self.ref, item_id, self._contents(outcome))
        except Exception:  # a preview must never break the editor
            from .safe import log_failure

            log_failure("authoring preview")
            view = None
        self.preview.children = [view or ui.html("<p>This kind of file has no preview; open the module page.</p>")]

    def _contents(self, outcome: EditOutcome) -> dict[str, ContentFile]:
        """The module's files with the edit in place, by id (a workshop needs its rules, a scenario its cycle)."""
        module = self.module.value or ""
        paths = self.session.module_files(module) + self.session.module_files(module, self.language.value or "en")
        models = [outcome.models[path] for path in paths if path in outcome.models]
        return {str(getattr(model, "id", "")): model for model in models}


def _language_name(code: str) -> str:
    from curriculum.locales import LANGUAGE_NAMES

    return {"es": "Español (Spanish)"}.get(code, LANGUAGE_NAMES.get(code, code))


def _key(ref: ItemRef) -> str:
    return f"{ref.collection}/{ref.item_id}"


def _hint(hint: str) -> str:
    return f" <em>How to fix: {escape(hint)}.</em>" if hint else ""


def preview_widget(model: ContentFile, ref: ItemRef, item_id: str, contents: dict[str, ContentFile]) -> w.Widget | None:
    """The real trainee widget for the item ``item_id`` (the whole activity for a file's settings)."""
    from .activity_views import VIEWED, activity_view

    if not isinstance(model, VIEWED):
        return None

    focused = model
    if ref.collection != FILE_SETTINGS:
        items = getattr(model, ref.collection, None)
        wanted = [item for item in items or [] if getattr(item, "id", None) == item_id]
        if isinstance(model, Scenario):
            focused = model.model_copy(update={"start": wanted[0].id if wanted else model.start})
        elif wanted and ref.collection in SHOWN_ALONE:
            focused = model.model_copy(update={ref.collection: wanted})
    return activity_view(f"preview-{getattr(model, 'id', 'item')}", focused, contents, None)


def build_authoring() -> w.Widget:
    if not authoring_enabled():
        return ui.html(OFF_HTML)
    return AuthoringPage()


def show_authoring() -> None:
    """The authoring page: the one call in ``modules/author.ipynb``."""
    from IPython.display import display

    from .page import _safely

    view = _safely("authoring page", build_authoring)
    if view is not None:
        display(view)
