"""A problem found in a content file, said in plain words with where and how to fix it."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    message: str
    hint: str = ""
    severity: Severity = "error"

    def format(self, relative_to: Path | None = None) -> str:
        """``file:line: error: message`` then the hint on its own indented line."""
        path = self.path
        if relative_to is not None:
            with contextlib.suppress(ValueError):
                path = self.path.resolve().relative_to(relative_to.resolve())
        text = f"{path}:{self.line}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    how to fix: {self.hint}"
        return text


class ProblemReport:
    """What a report of problems offers: its errors and its warnings (subclasses hold ``problems``)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class ContentError(Exception):
    """Raised where content is needed but does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format() for p in problems))
