"""Fixtures of the widget tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculum.stores.live import LiveStore
from widgets.live_common import use_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LiveStore]:
    """A throw-away live-session store (SQLite) that the pages of this kernel use."""
    live = LiveStore("sqlite:///" + str(tmp_path / "live.sqlite3"))
    use_store(live)
    try:
        yield live
    finally:
        use_store(None)
        live.close()
