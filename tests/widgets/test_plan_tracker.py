"""An activity saves and reloads its repair plan through ActivityTracker, on the device only."""

from __future__ import annotations

import json
from pathlib import Path

from curriculum.engines.repair_plan import PlanAction, RepairPlan
from curriculum.stores.progress_file import ProgressFile
from widgets.device_store import DeviceStore
from widgets.session import ActivityTracker, ModuleSession

MODULE = "accountability-and-repair"
ACTIVITY = "plan-repair"

PLAN = RepairPlan().add(
    PlanAction("repair", "organizational", "PRIVATE-PLAN: back pay", who="Director", by_when="June", consult="Ask her")
)


def _session(tmp_path: Path) -> tuple[ModuleSession, DeviceStore]:
    store = DeviceStore(MODULE)
    session = ModuleSession(MODULE, store, progress_file=ProgressFile(tmp_path / "progress.json"))
    store.raw = ""
    store.loaded = True  # as the browser does once the page has rendered
    return session, store


def test_a_saved_plan_reaches_the_device_and_comes_back_after_a_reload(tmp_path: Path) -> None:
    session, store = _session(tmp_path)
    tracker = ActivityTracker(session, ACTIVITY)
    assert tracker.plan() == RepairPlan()
    tracker.save_plan(PLAN)
    assert json.loads(store.module_json)["plans"][ACTIVITY] == PLAN.to_data()
    assert session.module_state.last_activity == ACTIVITY

    device = json.dumps({"version": 1, "modules": {MODULE: json.loads(store.module_json)}})
    reloaded = ModuleSession(MODULE, None, progress_file=ProgressFile(tmp_path / "progress.json"))
    reloaded.restore(device)
    assert ActivityTracker(reloaded, ACTIVITY).plan() == PLAN


def test_the_plan_never_reaches_the_server_progress(tmp_path: Path) -> None:
    session, _store = _session(tmp_path)
    ActivityTracker(session, ACTIVITY).save_plan(PLAN)
    assert "PRIVATE-PLAN" not in (tmp_path / "progress.json").read_text()


def test_an_emptied_plan_is_removed_and_restoring_writes_nothing(tmp_path: Path) -> None:
    session, store = _session(tmp_path)
    tracker = ActivityTracker(session, ACTIVITY)
    tracker.save_plan(PLAN)
    tracker.save_plan(PLAN.remove(0))
    assert ACTIVITY not in json.loads(store.module_json)["plans"]

    # While saved state is being replayed into the page, saving is a no-op (as for notes).
    session.restore_listeners.append(lambda: tracker.save_plan(PLAN))
    session.restore(None)
    assert tracker.plan() == RepairPlan()
