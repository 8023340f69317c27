"""Shared fixtures: paths, and a throw-away copy of the real content to break on purpose."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from curriculum.content import load_curriculum
from curriculum.paths import PROJECT_ROOT

# Tests keep the content cache in a folder of their own (Voilà kernels started by the
# browser tests inherit it), never in the project's .cache/.
os.environ["HARM_REPAIR_CACHE_DIR"] = tempfile.mkdtemp(prefix="harm-repair-test-cache-")

CONTENT = PROJECT_ROOT / "content"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the real content folder that a test may edit."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def use_content(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Point the pages at another content folder for one test."""

    def point_to(path: Path) -> None:
        monkeypatch.setenv("HARM_REPAIR_CONTENT", str(path))
        load_curriculum.cache_clear()

    yield point_to
    load_curriculum.cache_clear()
