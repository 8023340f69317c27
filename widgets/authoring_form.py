"""A form for one content item, built from its field specs (see ``curriculum.authoring.fields``).

Each field is a small node that knows its widget, its value as plain data, and where to
show the problems the validator found in it. Nothing here knows about a particular
content type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import ipywidgets as w

from curriculum.authoring.fields import FieldSpec
from curriculum.problems import Problem
from curriculum.render import escape, markdown_to_html

from . import ui
from .safe import button, hidden

FieldPath = tuple[str | int, ...]
Changed = Callable[[], None]
NONE = "(none)"


def _problems_html(problems: list[Problem]) -> str:
    items = "".join(
        f"<li>{escape(p.message)}{f' <em>How to fix: {escape(p.hint)}.</em>' if p.hint else ''}</li>" for p in problems
    )
    return f'<ul class="hr-field-problems" role="alert">{items}</ul>'


class FieldNode:
    """One field: its widget, its value, and the place its problems appear."""

    def __init__(self, spec: FieldSpec, changed: Changed) -> None:
        self.spec = spec
        self.changed = changed
        self.problems = ui.html()
        hidden(self.problems)
        self.box: w.Widget = ui.vbox()

    def value(self) -> Any:
        raise NotImplementedError

    def has_value(self) -> bool:
        value = self.value()
        return value not in (None, "", [], {})

    def show_problems(self, by_field: dict[FieldPath, list[Problem]], at: FieldPath) -> None:
        mine = by_field.get(at, [])
        self.problems.value = _problems_html(mine) if mine else ""
        hidden(self.problems, not mine)

    def label(self) -> str:
        return self.spec.label + ("" if self.spec.required else " (optional)")

    def _watch(self, widget: w.Widget) -> None:
        widget.observe(lambda _change: self.changed(), names="value")


class TextNode(FieldNode):
    """Text, an id, a date, or Markdown (with a preview of how it will look)."""

    def __init__(self, spec: FieldSpec, changed: Changed, value: Any) -> None:
        super().__init__(spec, changed)
        text = "" if value is None else str(value)
        if spec.kind in ("id", "date", "number") or (spec.kind == "text" and "\n" not in text and len(text) < 60):
            self.input: w.Text | w.Textarea = ui.text(self.label())
        else:
            self.input = ui.textarea(self.label(), shape="full-width-tall")
            self.input.continuous_update = False
        self.input.value = text
        parts: list[w.Widget] = [self.input]
        if spec.help:
            parts.append(ui.html(f'<p class="hr-field-help">{escape(spec.help)}</p>'))
        self.preview: w.HTML | None = None
        if spec.kind == "markdown":
            self.preview = ui.html()
            self._render()
            self.input.observe(lambda _c: self._render(), names="value")
            parts.append(self.preview)
        parts.append(self.problems)
        self.box = ui.vbox(parts)
        self.box.add_class("hr-field")
        self._watch(self.input)

    def _render(self) -> None:
        if self.preview is not None:
            body = markdown_to_html(self.input.value) if self.input.value.strip() else "<p><em>(empty)</em></p>"
            label = '<p class="hr-field-help">Markdown preview:</p>'
            self.preview.value = f'<div class="hr-md-preview">{label}{body}</div>'

    def value(self) -> Any:
        text = self.input.value.strip()
        if self.spec.kind == "number":
            try:
                return int(text)
            except ValueError:
                return text
        return text


class ChoiceNode(FieldNode):
    """One of a fixed list of values, or (for links) one of the ids of other items."""

    def __init__(self, spec: FieldSpec, changed: Changed, value: Any, options: list[str]) -> None:
        super().__init__(spec, changed)
        choices = ([] if spec.required else [NONE]) + options
        current = NONE if value in (None, "") else str(value)
        if current not in choices:
            choices.append(current)  # keep a value that is no longer allowed, so the check can name it
        self.input = ui.dropdown(self.label(), [(c, c) for c in choices], shape="full-width-line")
        self.input.value = current
        parts: list[w.Widget] = [self.input]
        if spec.help:
            parts.append(ui.html(f'<p class="hr-field-help">{escape(spec.help)}</p>'))
        self.box = ui.vbox([*parts, self.problems])
        self.box.add_class("hr-field")
        self._watch(self.input)

    def value(self) -> Any:
        return None if self.input.value == NONE else self.input.value


class FlagNode(FieldNode):
    def __init__(self, spec: FieldSpec, changed: Changed, value: Any) -> None:
        super().__init__(spec, changed)
        self.input = w.Checkbox(value=bool(value), description=self.label(), indent=False)
        self.box = ui.vbox([self.input, self.problems])
        self._watch(self.input)

    def value(self) -> Any:
        return bool(self.input.value)

    def has_value(self) -> bool:
        return True


class LinesNode(FieldNode):
    """A list of short texts, one per line."""

    def __init__(self, spec: FieldSpec, changed: Changed, value: Any) -> None:
        super().__init__(spec, changed)
        self.input = ui.textarea(self.label() + ", one per line", shape="full-width")
        self.input.continuous_update = False
        self.input.value = "\n".join(str(v) for v in value or [])
        self.box = ui.vbox([self.input, self.problems])
        self.box.add_class("hr-field")
        self._watch(self.input)

    def value(self) -> Any:
        return [line.strip() for line in self.input.value.splitlines() if line.strip()]


class MappingNode(FieldNode):
    """A text for each of a fixed set of keys (such as a note per level); empty ones are left out."""

    def __init__(self, spec: FieldSpec, changed: Changed, value: Any) -> None:
        super().__init__(spec, changed)
        value = value or {}
        keys = list(spec.options) or list(value)
        self.inputs: dict[str, w.Textarea] = {}
        for key in keys:
            box = ui.textarea(f"{spec.label}: {key} (optional)", shape="full-width")
            box.continuous_update = False
            box.value = str(value.get(key, ""))
            self.inputs[key] = box
            self._watch(box)
        heading = ui.html(f'<p class="hr-field-group">{escape(spec.label)}</p>')
        self.box = ui.vbox([heading, *self.inputs.values(), self.problems])
        self.box.add_class("hr-field")

    def value(self) -> Any:
        return {k: box.value.strip() for k, box in self.inputs.items() if box.value.strip()}


class GroupNode(FieldNode):
    """A block of fields (like a vignette's facts); an optional block can be left out."""

    def __init__(self, spec: FieldSpec, changed: Changed, value: Any, links: Callable[[str], list[str]]) -> None:
        super().__init__(spec, changed)
        self.links = links
        self.include: w.Checkbox | None = None
        self.fields = build_fields(spec.children, value or {}, changed, links)
        inner = ui.vbox([node.box for node in self.fields.values()])
        inner.add_class("hr-field-children")
        heading = ui.html(f'<p class="hr-field-group">{escape(spec.label)}</p>')
        parts: list[w.Widget] = [heading]
        if not spec.required:
            self.include = w.Checkbox(value=bool(value), description=f"Include {spec.label.lower()}", indent=False)
            self.include.observe(lambda _c: self._toggle(inner), names="value")
            parts.append(self.include)
            hidden(inner, not value)
        self.box = ui.vbox([*parts, inner, self.problems])
        self.box.add_class("hr-field-set")

    def _toggle(self, inner: w.Widget) -> None:
        hidden(inner, not self.included())
        self.changed()

    def included(self) -> bool:
        return self.include is None or bool(self.include.value)

    def value(self) -> Any:
        if not self.included():
            return None
        return collect(self.fields)

    def show_problems(self, by_field: dict[FieldPath, list[Problem]], at: FieldPath) -> None:
        super().show_problems(by_field, at)
        for key, node in self.fields.items():
            node.show_problems(by_field, (*at, key))


class ListNode(FieldNode):
    """Entries with the same fields (like a node's choices): add, remove, edit each."""

    def __init__(self, spec: FieldSpec, changed: Changed, value: Any, links: Callable[[str], list[str]]) -> None:
        super().__init__(spec, changed)
        self.links = links
        self.entries: list[dict[str, FieldNode]] = []
        self.area = ui.vbox()
        self.add = button(f"Add {self._singular()}")
        self.add.on_click(lambda _b: self._add())
        heading = ui.html(f'<p class="hr-field-group">{escape(spec.label)}</p>')
        self.box = ui.vbox([heading, self.area, self.add, self.problems])
        self.box.add_class("hr-field-set")
        self.entries = [self._entry(entry, number) for number, entry in enumerate(value or [], start=1)]
        self._draw()

    def _entry(self, values: dict[str, Any], number: int) -> dict[str, FieldNode]:
        return build_fields(
            self.spec.children, values, self.changed, self.links, prefix=f"{self._singular().capitalize()} {number}: "
        )

    def _singular(self) -> str:
        word = self.spec.label.lower()
        return word[:-1] if word.endswith("s") else word

    def _draw(self) -> None:
        boxes = []
        for number, entry in enumerate(self.entries, start=1):
            remove = button(f"Remove {self._singular()} {number}")
            remove.on_click(lambda _b, at=number - 1: self._remove(at))
            title = ui.html(f'<p class="hr-field-group">{escape(self._singular().capitalize())} {number}</p>')
            box = ui.vbox([title, *(node.box for node in entry.values()), remove])
            box.add_class("hr-field-entry")
            boxes.append(box)
        self.area.children = boxes

    def _add(self) -> None:
        from curriculum.authoring.items import template

        taken = {str(entry["id"].value()) for entry in self.entries if "id" in entry}
        number = len(self.entries) + 1
        while f"new-{self._singular().replace(' ', '-')}-{number}" in taken:
            number += 1
        fresh = template(self.spec.children, f"new-{self._singular().replace(' ', '-')}-{number}")
        self.entries.append(self._entry(fresh, len(self.entries) + 1))
        self._draw()
        self.changed()

    def _remove(self, index: int) -> None:
        kept = [collect(entry) for i, entry in enumerate(self.entries) if i != index]
        self.entries = [self._entry(values, number) for number, values in enumerate(kept, start=1)]
        self._draw()
        self.changed()

    def value(self) -> Any:
        return [collect(entry) for entry in self.entries]

    def show_problems(self, by_field: dict[FieldPath, list[Problem]], at: FieldPath) -> None:
        super().show_problems(by_field, at)
        for index, entry in enumerate(self.entries):
            for key, node in entry.items():
                node.show_problems(by_field, (*at, index, key))


def build_fields(
    specs: tuple[FieldSpec, ...],
    values: dict[str, Any],
    changed: Changed,
    links: Callable[[str], list[str]],
    prefix: str = "",
) -> dict[str, FieldNode]:
    """One node per spec, filled from ``values``.

    ``prefix`` (such as "Choice 2: ") starts each label, so fields repeated in a list
    still have names of their own for screen readers and keyboard users.
    """
    nodes: dict[str, FieldNode] = {}
    for spec in specs:
        value = values.get(spec.key)
        if prefix:
            spec = replace(spec, label=prefix + spec.label)
        node: FieldNode
        if spec.kind == "choice":
            node = ChoiceNode(spec, changed, value, links(spec.link) if spec.link else list(spec.options))
        elif spec.kind == "flag":
            node = FlagNode(spec, changed, value)
        elif spec.kind == "lines":
            node = LinesNode(spec, changed, value)
        elif spec.kind == "mapping":
            node = MappingNode(spec, changed, value)
        elif spec.kind == "group":
            node = GroupNode(spec, changed, value, links)
        elif spec.kind == "list":
            node = ListNode(spec, changed, value, links)
        else:
            node = TextNode(spec, changed, value)
        nodes[spec.key] = node
    return nodes


def collect(nodes: dict[str, FieldNode]) -> dict[str, Any]:
    """The form's values as plain data, leaving out optional fields left empty."""
    values: dict[str, Any] = {}
    for key, node in nodes.items():
        if node.spec.required or node.has_value():
            value = node.value()
            if value is not None:
                values[key] = value
    return values
