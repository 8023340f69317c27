"""What the facilitator page and the trainee's live panel share: the store, k, the tick.

The store (and SQLAlchemy with it) is imported on first use, so a page nobody uses for a
live session never pays for it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from curriculum.stores.live import LiveStore

TICK_SECONDS = 3.0
"""How often a trainee's page in a live session asks the kernel for news (a new poll, a change of pace)."""

FACILITATOR_TICK_SECONDS = 0.5
"""How often the facilitator's page refreshes its counts: an answer shows within a second.

There is one facilitator page per session, and a refresh is two small queries."""

MIN_ANSWERS_FLOOR = 3
DEFAULT_MIN_ANSWERS = 5

_store: LiveStore | None = None


def live_store() -> LiveStore:
    """The kernel's one connection to the session store (``HARM_REPAIR_DATABASE_URL`` or SQLite)."""
    global _store
    if _store is None:
        from curriculum.stores.live import LiveStore

        _store = LiveStore()
    return _store


def use_store(store: LiveStore | None) -> None:
    """Point this kernel at another store (tests), or forget it (None)."""
    global _store
    _store = store


def min_answers() -> int:
    """Answers needed before results are shown: ``HARM_REPAIR_POLL_MIN_ANSWERS``, default 5, never below 3."""
    raw = os.environ.get("HARM_REPAIR_POLL_MIN_ANSWERS", "")
    try:
        wanted = int(raw) if raw else DEFAULT_MIN_ANSWERS
    except ValueError:
        wanted = DEFAULT_MIN_ANSWERS
    return max(MIN_ANSWERS_FLOOR, wanted)
