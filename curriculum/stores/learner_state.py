"""The learner-state format: what a trainee's device keeps between page loads.

One JSON document under one browser key holds every module's progress and notes.
It is versioned, so a later release can read what an earlier one wrote (``migrate``),
and anything unreadable (corrupt, hand-edited, written by a newer release) is set
aside with a plain message instead of breaking the page.

Reflections live here and only here: on the trainee's device. The server-side progress
store (JupyterHub) receives :meth:`LearnerState.without_reflections` only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..schema.base import Id, Level

STATE_VERSION = 1
STORAGE_KEY = "harm-repair:learner-state"
"""The browser storage key. Everything this curriculum keeps on a device is under it."""

MAX_NOTE_CHARS = 20_000
MAX_DOCUMENT_CHARS = 2_000_000

GateChoice = Literal["continue", "skip", "summary"]


class _State(BaseModel):
    # Built when saved progress first arrives from the browser, after the page is usable.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class ActivityState(_State):
    done: bool = False
    gate: GateChoice | None = Field(default=None, description="What the trainee chose at the content note.")
    choices: dict[Id, Level] = Field(default_factory=dict, description="Item id -> the level the trainee chose.")
    position: int = Field(default=0, ge=0, le=1000, description="Index of the item the trainee was on.")
    path: list[tuple[Id, Id]] = Field(
        default_factory=list, max_length=500, description="Scenario: (node id, choice id) for each choice taken."
    )
    picks: dict[Id, Id] = Field(default_factory=dict, description="Situation id -> the option the trainee picked.")


class ModuleState(_State):
    activities: dict[Id, ActivityState] = Field(default_factory=dict)
    last_activity: Id | None = Field(default=None, description="Where the trainee stopped.")
    reflections: dict[Id, dict[Id, str]] = Field(
        default_factory=dict, description="Activity id -> prompt id -> private note."
    )

    def activity(self, activity_id: str) -> ActivityState:
        if activity_id not in self.activities:
            self.activities = {**self.activities, activity_id: ActivityState()}
        return self.activities[activity_id]

    def done_among(self, activity_ids: list[str]) -> int:
        """How many of these activities are done."""
        return sum(1 for aid in activity_ids if aid in self.activities and self.activities[aid].done)

    def is_empty(self) -> bool:
        return not self.activities and not self.reflections


class LearnerState(_State):
    version: Literal[1] = 1
    modules: dict[Id, ModuleState] = Field(default_factory=dict)

    def module(self, module_id: str) -> ModuleState:
        if module_id not in self.modules:
            self.modules = {**self.modules, module_id: ModuleState()}
        return self.modules[module_id]

    def without_reflections(self) -> LearnerState:
        """A copy that is safe to keep on a server: progress only, never private notes."""
        return LearnerState(
            modules={
                mid: ModuleState(activities=m.activities, last_activity=m.last_activity)
                for mid, m in self.modules.items()
            }
        )

    def to_json(self) -> str:
        return self.model_dump_json()


@dataclass(frozen=True)
class Restored:
    """The outcome of reading a stored document."""

    state: LearnerState
    notice: str | None = None
    writable: bool = True
    """False when the document came from a newer release: keep it, do not overwrite it."""


Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}
"""``MIGRATIONS[n]`` turns a version-``n`` document into version ``n + 1``. Add one per new version."""

UNREADABLE = (
    "Your saved progress on this device could not be read, so this page starts fresh. Nothing else is affected."
)
NEWER = (
    "Your progress was saved by a newer version of this curriculum. This page will not change it; "
    "open the newer version to continue where you stopped."
)


def migrate(document: dict[str, Any]) -> dict[str, Any]:
    """Bring a document from any older version up to :data:`STATE_VERSION`."""
    version = document.get("version")
    if not isinstance(version, int) or version < 0:
        raise ValueError("no version")
    while version < STATE_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ValueError(f"no migration from version {version}")
        document = step(document)
        version = document["version"]
    return document


def restore(raw: str | None) -> Restored:
    """Read what the device holds. Never raises: bad data gives a fresh state and a notice."""
    if raw is None or not raw.strip():
        return Restored(LearnerState())
    if len(raw) > MAX_DOCUMENT_CHARS:
        return Restored(LearnerState(), UNREADABLE)
    try:
        document = json.loads(raw)
    except ValueError:
        return Restored(LearnerState(), UNREADABLE)
    if not isinstance(document, dict):
        return Restored(LearnerState(), UNREADABLE)
    version = document.get("version")
    if isinstance(version, int) and version > STATE_VERSION:
        return Restored(LearnerState(), NEWER, writable=False)
    try:
        return Restored(LearnerState.model_validate(migrate(document)))
    except (ValueError, ValidationError):
        return Restored(LearnerState(), UNREADABLE)


def clip_note(text: str) -> str:
    """Notes are kept whole up to a generous limit, so a runaway paste cannot fill the device."""
    return text[:MAX_NOTE_CHARS]
