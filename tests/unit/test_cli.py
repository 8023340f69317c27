from pathlib import Path

import pytest

from curriculum.cli import main
from tests.conftest import CONTENT, FIXTURES


def test_validate_clean_content_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CONTENT)]) == 0
    assert "All good" in capsys.readouterr().out


def test_validate_broken_file_exits_one_with_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "broken" / "bad-level.yaml"
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "bad-level.yaml:23: error:" in out
    assert "how to fix:" in out


def test_validate_missing_path_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().out


def test_folder_without_registry_is_explained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert "there is no curriculum.yaml" in capsys.readouterr().out


def test_validate_with_a_relative_path_warms_a_cache_the_pages_can_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make serve` runs `harm-repair validate content` from the project folder, then pages load the cache."""
    from curriculum import content_cache
    from curriculum.content import load_curriculum

    monkeypatch.setenv("HARM_REPAIR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(CONTENT.parent)
    assert main(["validate", CONTENT.name]) == 0
    cached = content_cache.load(CONTENT.resolve())
    assert cached is not None and cached.registry is not None
    assert set(cached.modules) == set(load_curriculum(CONTENT, use_cache=False).modules)
