"""Progress kept on the server under JupyterHub, so it follows the hub user across devices.

Only progress is written here (``LearnerState.without_reflections``): private notes
never leave the trainee's device. One JSON file per hub user, in that user's own data
folder, written atomically.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .learner_state import LearnerState, Restored, restore


def hub_user() -> str | None:
    """The JupyterHub user this kernel runs for, if any."""
    return os.environ.get("JUPYTERHUB_USER") or None


def default_progress_path() -> Path:
    base = os.environ.get("HARM_REPAIR_PROGRESS_DIR") or os.path.join(
        os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"), "harm-repair"
    )
    return Path(base) / "progress.json"


class ProgressFile:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_progress_path()

    def load(self) -> Restored:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Restored(LearnerState())
        except OSError:
            return Restored(LearnerState(), "Your saved progress could not be read, so this page starts fresh.")
        return restore(raw)

    def save(self, state: LearnerState) -> None:
        """Write progress only, atomically (a half-written file is never left behind)."""
        text = state.without_reflections().to_json()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".progress-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
