"""The learner-state format: what a trainee's device keeps between page loads.

One JSON document under one browser key holds every module's progress and notes.
It is versioned, so a later release can read what an earlier one wrote (``migrate``),
and anything unreadable (corrupt, hand-edited, written by a newer release) is set
aside with a plain message instead of breaking the page.

Reflections and repair plans live here and only here: on the trainee's device. The
server-side progress store (JupyterHub) receives :meth:`LearnerState.without_reflections` only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..engines.repair_plan import PlanError, RepairPlan
from ..schema.base import ID_PATTERN, Id, Level

STATE_VERSION = 1
STORAGE_KEY = "harm-repair:learner-state"
APOLOGY_DRAFT_NOTE = "apology-draft"
"""Where the apology workshop keeps the trainee's draft among the activity's private notes."""
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
    """One module's progress, notes and plans.

    ``plans`` was added within version 1: it defaults to empty, so a version-1 document
    written before it existed loads unchanged, and no migration is needed.
    """

    activities: dict[Id, ActivityState] = Field(default_factory=dict)
    last_activity: Id | None = Field(default=None, description="Where the trainee stopped.")
    reflections: dict[Id, dict[Id, str]] = Field(
        default_factory=dict, description="Activity id -> prompt id -> private note."
    )
    plans: dict[Id, list[dict[str, str]]] = Field(
        default_factory=dict,
        description=(
            "Activity id -> the trainee's repair plan, one entry per action "
            "(see curriculum.engines.repair_plan). Private, like notes."
        ),
    )

    @field_validator("plans")
    @classmethod
    def _plans_read_as_plans(cls, plans: dict[str, list[dict[str, str]]]) -> dict[str, list[dict[str, str]]]:
        # PlanError is a ValueError, so a bad plan is a validation error like any other bad part.
        return {activity_id: RepairPlan.from_data(data).to_data() for activity_id, data in plans.items()}

    def activity(self, activity_id: str) -> ActivityState:
        if activity_id not in self.activities:
            self.activities = {**self.activities, activity_id: ActivityState()}
        return self.activities[activity_id]

    def done_among(self, activity_ids: list[str]) -> int:
        """How many of these activities are done."""
        return sum(1 for aid in activity_ids if aid in self.activities and self.activities[aid].done)

    def is_empty(self) -> bool:
        return not self.activities and not self.reflections and not self.plans


class LearnerState(_State):
    version: Literal[1] = 1
    modules: dict[Id, ModuleState] = Field(default_factory=dict)

    def module(self, module_id: str) -> ModuleState:
        if module_id not in self.modules:
            self.modules = {**self.modules, module_id: ModuleState()}
        return self.modules[module_id]

    def without_reflections(self) -> LearnerState:
        """A copy that is safe to keep on a server: progress only, never private notes or plans."""
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
PLAN_SET_ASIDE = (
    "A repair plan saved on this device could not be read, so it was set aside. Your other progress and notes are kept."
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


def _set_aside_unreadable_plans(document: dict[str, Any]) -> bool:
    """Drop stored plans that do not read as a plan, keeping everything else. True if any was dropped.

    A plan is long typed work; one bad plan should not cost the trainee the rest of their progress.
    """
    modules = document.get("modules")
    if not isinstance(modules, dict):
        return False
    dropped = False
    for module in modules.values():
        if not isinstance(module, dict) or "plans" not in module:
            continue
        plans = module["plans"]
        kept: dict[str, list[dict[str, str]]] = {}
        for activity_id, data in plans.items() if isinstance(plans, dict) else ():
            if not (isinstance(activity_id, str) and 2 <= len(activity_id) <= 64 and ID_PATTERN.match(activity_id)):
                continue
            try:
                kept[activity_id] = RepairPlan.from_data(data).to_data()
            except PlanError:
                continue
        dropped = dropped or not isinstance(plans, dict) or len(kept) != len(plans)
        module["plans"] = kept
    return dropped


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
        document = migrate(document)
        dropped = _set_aside_unreadable_plans(document)
        return Restored(LearnerState.model_validate(document), PLAN_SET_ASIDE if dropped else None)
    except (ValueError, ValidationError):
        return Restored(LearnerState(), UNREADABLE)


def clip_note(text: str) -> str:
    """Notes are kept whole up to a generous limit, so a runaway paste cannot fill the device."""
    return text[:MAX_NOTE_CHARS]
