"""The validated-content cache: used when nothing changed, never when anything did."""

from pathlib import Path

import pytest

from curriculum import content_cache
from curriculum.content import load_curriculum


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HARM_REPAIR_CACHE_DIR", str(folder))
    load_curriculum.cache_clear()
    yield folder
    load_curriculum.cache_clear()


def _no_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    import curriculum.validate

    def refuse(root: Path) -> None:
        raise AssertionError("the cache should have been used")

    monkeypatch.setattr(curriculum.validate, "validate_content_dir", refuse)


def test_second_load_comes_from_the_cache_and_matches(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_curriculum(content_copy)
    load_curriculum.cache_clear()
    _no_validation(monkeypatch)
    second = load_curriculum(content_copy)
    assert second.registry == first.registry
    assert second.module("hurt-harm-abuse").module == first.module("hurt-harm-abuse").module
    vignette = second.module("hurt-harm-abuse").contents["sector-vignettes"].vignettes[0]  # type: ignore[attr-defined]
    assert vignette.feedback.intention


def test_any_edit_to_content_means_a_fresh_validation(content_copy: Path) -> None:
    load_curriculum(content_copy)
    load_curriculum.cache_clear()
    path = content_copy / "hurt-harm-abuse" / "vignettes.yaml"
    path.write_text(path.read_text().replace("answer: hurt", "answer: maybe", 1))
    assert "hurt-harm-abuse" in load_curriculum(content_copy).broken


def test_a_damaged_cache_file_is_ignored(content_copy: Path, own_cache: Path) -> None:
    load_curriculum(content_copy)
    load_curriculum.cache_clear()
    for entry in own_cache.iterdir():
        entry.write_bytes(b"not a pickle")
    assert load_curriculum(content_copy).modules


def test_an_unwritable_cache_folder_is_not_an_error(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("HARM_REPAIR_CACHE_DIR", str(blocker / "cache"))
    assert load_curriculum(content_copy).modules
    assert content_cache.load(content_copy) is None


def test_content_edited_during_validation_is_not_cached(
    content_copy: Path, monkeypatch: pytest.MonkeyPatch, own_cache: Path
) -> None:
    import curriculum.validate

    real = curriculum.validate.validate_content_dir
    path = content_copy / "hurt-harm-abuse" / "vignettes.yaml"

    def edit_midway(root: Path):  # type: ignore[no-untyped-def]
        report = real(root)
        path.write_text(path.read_text() + "\n# edited while the pages were validating\n")
        return report

    monkeypatch.setattr(curriculum.validate, "validate_content_dir", edit_midway)
    assert load_curriculum(content_copy).modules
    assert not list(own_cache.glob("content-*.pickle")), "a result that mixes old and new files is not stored"


def test_a_change_to_the_validator_means_a_fresh_validation() -> None:
    names = {
        str(p.relative_to(content_cache.PACKAGE_DIR))
        for pattern in content_cache.VALIDATING_CODE
        for p in content_cache.PACKAGE_DIR.glob(pattern)
    }
    assert {"validate.py", "load.py", "messages.py", "schema/module.py"} <= names
