"""A trainee's session on one page: restore what the device holds, save every change.

The browser hands over what it stored only after the page has rendered, so activities
are built first and then :meth:`ModuleSession.restore` replays the saved state into
them. Nothing is saved before that, so a fresh page can never overwrite saved progress.
"""

from __future__ import annotations

from collections.abc import Callable

from curriculum.engines.repair_plan import RepairPlan
from curriculum.stores.learner_state import (
    ActivityState,
    LearnerState,
    ModuleState,
    clip_note,
    restore,
)
from curriculum.stores.progress_file import ProgressFile, hub_user

from .device_store import DeviceStore
from .safe import log_failure

Listener = Callable[[], None]


class ActivityTracker:
    """What one activity reads and records. Activities never touch the store directly."""

    def __init__(self, session: ModuleSession, activity_id: str) -> None:
        self.session = session
        self.activity_id = activity_id

    @property
    def state(self) -> ActivityState:
        return self.session.module_state.activity(self.activity_id)

    @property
    def restoring(self) -> bool:
        return self.session.restoring

    def on_restore(self, listener: Listener) -> None:
        self.session.restore_listeners.append(listener)

    def record(self, **changes: object) -> None:
        if self.session.restoring:
            return
        state = self.state
        for name, value in changes.items():
            setattr(state, name, value)
        self.session.touched(self.activity_id)

    def choose(self, item_id: str, level: str) -> None:
        if self.session.restoring:
            return
        self.state.choices = {**self.state.choices, item_id: level}  # type: ignore[dict-item]
        self.session.touched(self.activity_id)

    def mark_done(self) -> None:
        self.record(done=True)

    def note(self, prompt_id: str, text: str) -> None:
        if self.session.restoring:
            return
        module = self.session.module_state
        notes = {**module.reflections.get(self.activity_id, {}), prompt_id: clip_note(text)}
        module.reflections = {**module.reflections, self.activity_id: notes}
        self.session.touched(self.activity_id)

    def notes(self) -> dict[str, str]:
        return self.session.module_state.reflections.get(self.activity_id, {})

    def save_plan(self, plan: RepairPlan) -> None:
        """Keep this activity's repair plan on the device, like notes (never in the server progress)."""
        if self.session.restoring:
            return
        module = self.session.module_state
        plans = {k: v for k, v in module.plans.items() if k != self.activity_id}
        if len(plan):
            plans[self.activity_id] = plan.to_data()
        module.plans = plans
        self.session.touched(self.activity_id)

    def plan(self) -> RepairPlan:
        """The saved plan (restore has already set aside any that could not be read)."""
        return RepairPlan.from_data(self.session.module_state.plans.get(self.activity_id, []))


class ModuleSession:
    """State of one page (a module, or the landing page with ``module_id=""``)."""

    def __init__(self, module_id: str, store: DeviceStore | None, progress_file: ProgressFile | None = None) -> None:
        self.module_id = module_id
        self.store = store
        self.progress_file = progress_file if progress_file is not None else (ProgressFile() if hub_user() else None)
        self.state = LearnerState()
        self.restored = False
        self.restoring = False
        self.writable = True
        self.notice: str | None = None
        self.restore_listeners: list[Listener] = []
        self.change_listeners: list[Listener] = []
        if store is not None:
            store.observe(self._on_loaded, names="loaded")

    # reading -----------------------------------------------------------------------
    @property
    def module_state(self) -> ModuleState:
        return self.state.module(self.module_id) if self.module_id else ModuleState()

    def _on_loaded(self, change: dict[str, object]) -> None:
        if change.get("new") and self.store is not None and not self.restored:
            try:
                self.restore(self.store.raw)
            except Exception:
                log_failure("restoring saved progress")

    def restore(self, raw: str | None) -> None:
        """Apply what the device holds (and, under JupyterHub, the user's server progress)."""
        result = restore(raw)
        state, self.notice, self.writable = result.state, result.notice, result.writable
        if self.progress_file is not None:
            server = self.progress_file.load()
            for module_id, progress in server.state.modules.items():
                device = state.module(module_id)
                device.activities = progress.activities
                device.last_activity = progress.last_activity
        self.state = state
        if self.store is not None:
            self.store.writable = self.writable
        self.restoring = True
        try:
            for listener in list(self.restore_listeners):
                listener()
        finally:
            self.restoring = False
            self.restored = True
        for listener in list(self.change_listeners):
            listener()

    # writing -----------------------------------------------------------------------
    def touched(self, activity_id: str) -> None:
        if self.module_id:
            self.module_state.last_activity = activity_id
        self.save()
        for listener in list(self.change_listeners):
            listener()

    def save(self) -> None:
        if not self.restored or not self.writable or not self.module_id:
            return
        if self.store is not None:
            self.store.module_json = self.module_state.model_dump_json()
        if self.progress_file is not None:
            try:
                self.progress_file.save(self.state)
            except OSError:
                log_failure("saving progress on the server")

    def start_over(self) -> None:
        """Forget this module's progress and notes on this device, then reload the page."""
        if self.module_id:
            self.state.modules = {k: v for k, v in self.state.modules.items() if k != self.module_id}
            self.restored = True
            if self.store is not None:
                self.store.module_json = ModuleState().model_dump_json()
            if self.progress_file is not None:
                self.progress_file.save(self.state)
        if self.store is not None:
            self.store.reload_page()

    def clear_all(self) -> None:
        """Remove everything this curriculum stored on the device (and the server progress), then reload."""
        self.state = LearnerState()
        if self.progress_file is not None:
            self.progress_file.clear()
        if self.store is not None:
            self.store.clear_device()
            self.store.reload_page()
