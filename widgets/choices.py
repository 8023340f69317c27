"""The three-level choice (hurt, harm, abuse or exploitation) as plain buttons.

Buttons, not radio buttons: each has its own accessible name, works with Tab and
Enter, and carries no answer. The answer stays in Python.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from curriculum.engines.classification import level_label
from curriculum.i18n import _
from curriculum.schema import LEVELS

from . import ui
from .safe import ErrorNotice, button, guarded


class LevelChoice(w.VBox):
    def __init__(self, question: str, on_choose: Callable[[str], None], notice: ErrorNotice) -> None:
        self.question = ui.html(f"<p><strong>{question}</strong></p>")
        self.buttons: dict[str, w.Button] = {}
        for level in LEVELS:
            b = button(level_label(level), tooltip=_("Choose: {level}").format(level=level_label(level)))
            b.on_click(guarded(notice, "choose level")(lambda _b, lv=level: on_choose(lv)))
            self.buttons[level] = b
        row = ui.hbox(list(self.buttons.values()))
        super().__init__([self.question, row], **ui.shared())

    def mark(self, chosen: str | None) -> None:
        """Show which level the trainee picked, without hinting at the answer."""
        for level, b in self.buttons.items():
            b.button_style = "info" if level == chosen else ""
