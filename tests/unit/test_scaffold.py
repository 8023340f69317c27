"""Scaffolds (`harm-repair new module` / `new scenario`): drafts that validate at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.cli import main
from curriculum.scaffold import ScaffoldError, new_module, new_scenario, next_steps, to_id
from curriculum.validate import _DISCLOSURE, validate_content_dir


def _assert_clean_drafts(content: Path, paths: list[Path]) -> None:
    report = validate_content_dir(content)
    assert [p.format() for p in report.errors] == []
    assert [p.format() for p in report.warnings] == []
    assert set(paths) <= set(report.drafts)


def _assert_safe_placeholders(paths: list[Path]) -> None:
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert "todo" not in text.lower(), path
        assert _DISCLOSURE.search(text) is None, path
        assert text.startswith("# yaml-language-server: $schema=../../schemas/")
        assert "harm-repair validate" in text and "curriculum.yaml" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Board meetings", "board-meetings"), ("Inés's  story!", "iness-story"), ("site-visit", "site-visit")],
)
def test_names_become_ids(name: str, expected: str) -> None:
    assert to_id(name) == expected


def test_new_module_validates_at_once_as_a_draft(content_copy: Path) -> None:
    made = new_module(content_copy, "Board meetings")
    folder = content_copy / "board-meetings"
    assert made.paths == [folder / "module.yaml", folder / "reflections.yaml"]
    _assert_clean_drafts(content_copy, made.paths)
    _assert_safe_placeholders(made.paths)
    assert "  - id: board-meetings\n    notebook: board-meetings.ipynb\n" in made.registry_lines
    assert "      - board-meetings/reflections.yaml" in made.registry_lines
    assert 'show_module("board-meetings")' in next_steps(made)


def test_new_module_never_creates_a_notebook(content_copy: Path, tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    new_module(content_copy, "Board meetings", notebooks=notebooks)
    assert list(notebooks.iterdir()) == []


@pytest.mark.parametrize("name", ["hurt-harm-abuse", "Hurt, harm & abuse"])
def test_new_module_refuses_an_existing_module(content_copy: Path, name: str) -> None:
    with pytest.raises(ScaffoldError, match="already exists"):
        new_module(content_copy, name)


@pytest.mark.parametrize("name", ["", "  ", "!!", "x"])
def test_new_module_refuses_a_name_without_an_id(content_copy: Path, name: str) -> None:
    before = sorted(p.name for p in content_copy.iterdir())
    with pytest.raises(ScaffoldError):
        new_module(content_copy, name)
    assert sorted(p.name for p in content_copy.iterdir()) == before


def test_new_module_refuses_the_translations_folder(content_copy: Path) -> None:
    with pytest.raises(ScaffoldError, match="uses for itself"):
        new_module(content_copy, "Locales")


def test_new_scenario_validates_at_once_as_a_draft(content_copy: Path) -> None:
    made = new_scenario(content_copy, "unhealthy-attachment", "Site visit")
    path = content_copy / "unhealthy-attachment" / "scenario-site-visit.yaml"
    assert made.paths == [path]
    _assert_clean_drafts(content_copy, made.paths)
    _assert_safe_placeholders(made.paths)
    text = path.read_text(encoding="utf-8")
    assert "review_status: awaiting review by people with lived experience" in text
    assert "composite: true" in text
    assert "uses: site-visit" in made.module_lines and "- activity: site-visit-scenario" in made.module_lines
    assert "      - unhealthy-attachment/scenario-site-visit.yaml" in made.registry_lines


def test_scenario_in_a_new_module_validates(content_copy: Path) -> None:
    module = new_module(content_copy, "Board meetings")
    scenario = new_scenario(content_copy, "board-meetings", "Pay talk")
    _assert_clean_drafts(content_copy, module.paths + scenario.paths)


def test_scenario_is_clean_once_registered_as_printed(content_copy: Path) -> None:
    made = new_scenario(content_copy, "unhealthy-attachment", "Site visit")
    registry = content_copy / "curriculum.yaml"
    listed = "      - unhealthy-attachment/reflections.yaml\n"
    added = "\n".join(line for line in made.registry_lines.splitlines() if not line.startswith("#"))
    registry.write_text(registry.read_text().replace(listed, listed + added + "\n"))
    module_file = content_copy / "unhealthy-attachment" / "module.yaml"
    activity, outline = made.module_lines.split("# under 'outline'")
    activity = "\n".join(line for line in activity.splitlines() if not line.startswith("#")) + "\n"
    outline_line = outline.splitlines()[-1] + "\n"
    text = module_file.read_text()
    text = text.replace("\noutline:\n", "\n" + activity + "outline:\n", 1)
    text = text.replace("\nkey_points:\n", "\n" + outline_line + "key_points:\n", 1)
    module_file.write_text(text)
    report = validate_content_dir(content_copy)
    assert [p.format() for p in report.errors] == []
    assert made.paths[0] not in report.drafts


def test_new_scenario_refuses_an_unknown_module(content_copy: Path) -> None:
    with pytest.raises(ScaffoldError, match="no module 'nowhere'"):
        new_scenario(content_copy, "nowhere", "Site visit")


def test_new_scenario_refuses_an_existing_file_or_id(content_copy: Path) -> None:
    with pytest.raises(ScaffoldError, match="already exists"):
        new_scenario(content_copy, "unhealthy-attachment", "outreach")
    with pytest.raises(ScaffoldError, match="already has a content file with the id 'outreach-coordinator'"):
        new_scenario(content_copy, "unhealthy-attachment", "Outreach coordinator")


def test_cli_new_module_and_scenario(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "module", "Board meetings", "--content", str(content_copy)]) == 0
    out = capsys.readouterr().out
    assert "module.yaml" in out and "curriculum.yaml" in out and "notebook: board-meetings.ipynb" in out
    assert main(["new", "scenario", "board-meetings", "Pay talk", "--content", str(content_copy)]) == 0
    assert "scenario-pay-talk.yaml" in capsys.readouterr().out
    assert main(["validate", str(content_copy)]) == 0
    assert "Drafts" in capsys.readouterr().out


def test_cli_refusals_exit_one(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "module", "hurt-harm-abuse", "--content", str(content_copy)]) == 1
    assert "already exists" in capsys.readouterr().out
    assert main(["new", "scenario", "nowhere", "Site visit", "--content", str(content_copy)]) == 1
    assert "no module 'nowhere'" in capsys.readouterr().out
    assert main(["new", "scenario", "unhealthy-attachment", "outreach", "--content", str(content_copy)]) == 1
    assert "already exists" in capsys.readouterr().out
