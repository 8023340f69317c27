"""Facilitator guides: each broken fixture is caught with its line, and valid ones render to a safe page.

The fixtures are checked against the real content folder (module ``hurt-harm-abuse``), never
against the real guides in ``facilitator_guides/``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from curriculum.cli import main
from curriculum.guides import (
    FrontMatterError,
    check_guides,
    load_guide,
    render_guide_html,
    split_front_matter,
    write_guides,
)
from curriculum.paths import guides_dir
from curriculum.schema import FacilitatorGuide, Module
from curriculum.validate import ValidationReport, validate_content_dir, validate_path
from tests.conftest import CONTENT, FIXTURES

GUIDES = FIXTURES / "guides"
VALID = GUIDES / "valid.md"
MODULE = "hurt-harm-abuse"

# file name -> (text on the line the problem points at, or None for line 1; words of the message; of the hint)
EXPECTED: dict[str, tuple[str | None, str, str]] = {
    "missing-fence.md": (None, "does not start with a line '---'", "first line of the file exactly '---'"),
    "unclosed-fence.md": (None, "opened by '---' on line 1 is never closed", "add a line with only '---'"),
    "unknown-module.md": ("module: hurt-harm-abuses", "no module 'hurt-harm-abuses'", "did you mean 'hurt-harm-abuse'"),
    "unknown-activity.md": (
        "- activity: classify-vignette\n",
        "module 'hurt-harm-abuse' has no activity 'classify-vignette'",
        "did you mean 'classify-vignettes'",
    ),
    "missing-agreement.md": ("agreements:", "agreement 'impact-over-intent' is missing", "id: impact-over-intent"),
    "short-agenda-longer.md": ("  short:", "short agenda adds up to 80 minutes", "less time than the full one"),
    "disclosure-debrief.md": ("when you were harmed", "asks about people's own past", "composite characters"),
    "unknown-key.md": ("key_point:", "'key_point' is not a key", "did you mean 'key_points'"),
    "duplicate-agreement.md": (
        "{id: right-to-pass, text: Passing",
        "agreement id 'right-to-pass' is used twice",
        "its own id",
    ),
}


def _line_of(path: Path, text: str | None) -> int:
    if text is None:
        return 1
    content = path.read_text(encoding="utf-8")
    index = content.index(text)
    assert content.count(text) == 1, f"{text!r} must appear once in {path.name}"
    return content[:index].count("\n") + 1


@pytest.fixture(scope="module")
def content() -> ValidationReport:
    return validate_content_dir(CONTENT)


@pytest.fixture(scope="module")
def module(content: ValidationReport) -> Module:
    model = content.files[CONTENT / MODULE / "module.yaml"].model
    assert isinstance(model, Module)
    return model


def _guides_folder(tmp_path: Path, *sources: tuple[Path, str]) -> Path:
    folder = tmp_path / "facilitator_guides"
    folder.mkdir(exist_ok=True)
    for source, name in sources:
        shutil.copy(source, folder / name)
    return folder


def test_every_broken_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in GUIDES.glob("*.md") if p != VALID) == sorted(EXPECTED)


def test_the_valid_fixture_has_no_problems(tmp_path: Path, content: ValidationReport) -> None:
    folder = _guides_folder(tmp_path, (VALID, f"{MODULE}.md"))
    report = check_guides(folder, CONTENT, content, paths=[folder / f"{MODULE}.md"])
    assert [p.format() for p in report.problems] == []
    loaded = report.guides[folder / f"{MODULE}.md"]
    assert isinstance(loaded.guide, FacilitatorGuide)
    assert loaded.body == "These are the notes for facilitators, in *Markdown*."
    assert loaded.guide.agenda.full_minutes == 75
    assert loaded.guide.agenda.short_minutes == 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_guide_reports_line_message_and_hint(name: str, content: ValidationReport) -> None:
    marker, message, hint = EXPECTED[name]
    path = GUIDES / name
    report = check_guides(GUIDES, CONTENT, content, paths=[path])
    matching = [p for p in report.errors if message in p.message]
    assert matching, [p.format() for p in report.problems]
    problem = matching[0]
    assert problem.path == path
    assert problem.line == _line_of(path, marker)
    assert hint in problem.hint
    assert problem.format().startswith(f"{path}:{problem.line}: error: ")


def test_a_counted_activity_without_steps_is_a_warning(content: ValidationReport) -> None:
    path = GUIDES / "unknown-activity.md"
    report = check_guides(GUIDES, CONTENT, content, paths=[path])
    warnings = [p for p in report.warnings if "'classify-vignettes'" in p.message]
    assert len(warnings) == 1
    assert "has no step-by-step entry" in warnings[0].message
    assert warnings[0].line == _line_of(path, "\nactivities:") + 1


def test_yaml_errors_point_at_the_line_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / f"{MODULE}.md"
    path.write_text(VALID.read_text().replace("materials:\n  - The", "materials:\n\t- The"))
    _, problems = load_guide(path)
    assert [p.line for p in problems] == [_line_of(path, "\t- The")]
    assert "tab character" in problems[0].message


def test_a_full_agenda_far_from_the_module_timing_is_a_warning(tmp_path: Path, content: ValidationReport) -> None:
    folder = _guides_folder(tmp_path)
    path = folder / f"{MODULE}.md"
    path.write_text(VALID.read_text().replace("{minutes: 8, item: Key points and close}", "{minutes: 60, item: Close}"))
    report = check_guides(folder, CONTENT, content, paths=[path])
    assert report.errors == []
    [warning] = report.warnings
    assert warning.line == _line_of(path, "  full:")
    assert "127 minutes" in warning.message and "takes 70" in warning.message


def test_split_front_matter() -> None:
    assert split_front_matter("---\na: 1\n---\n\nNotes\n") == ("a: 1\n", "Notes")
    with pytest.raises(FrontMatterError):
        split_front_matter("a: 1\n---\n")
    with pytest.raises(FrontMatterError):
        split_front_matter("---\na: 1\n")


def test_the_folder_check_warns_about_modules_without_a_guide(tmp_path: Path, content: ValidationReport) -> None:
    folder = _guides_folder(tmp_path, (VALID, f"{MODULE}.md"))
    (folder / "README.md").write_text("Not a guide.\n")
    report = check_guides(folder, CONTENT, content)
    assert list(report.guides) == [folder / f"{MODULE}.md"]
    assert report.errors == []
    missing = [p for p in report.warnings if "has no facilitator guide yet" in p.message]
    assert {p.path for p in missing} == {CONTENT / "curriculum.yaml"}
    assert "module 'hurt-harm-abuse'" not in " ".join(p.message for p in missing)
    assert len(missing) == len(report.modules) - 1
    assert all(p.line > 1 for p in missing)


def test_a_file_named_after_another_module_is_a_warning(tmp_path: Path, content: ValidationReport) -> None:
    folder = _guides_folder(tmp_path, (VALID, "guide.md"))
    report = check_guides(folder, CONTENT, content, paths=[folder / "guide.md"])
    assert report.errors == []
    assert [p.hint for p in report.warnings] == [f"rename the file to {MODULE}.md"]


def test_validate_content_dir_checks_guides_only_when_asked(content_copy: Path) -> None:
    folder = _guides_folder(content_copy.parent, (GUIDES / "unknown-module.md", f"{MODULE}.md"))
    assert guides_dir(content_copy) == folder
    assert validate_content_dir(content_copy).errors == []
    report = validate_content_dir(content_copy, guides=folder)
    assert [p.path for p in report.errors] == [folder / f"{MODULE}.md"]
    assert report.guides == [folder / f"{MODULE}.md"]


def test_validate_path_checks_one_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HARM_REPAIR_CONTENT", str(CONTENT))
    report = validate_path(GUIDES / "missing-agreement.md")
    assert any("'impact-over-intent' is missing" in p.message for p in report.errors)
    assert validate_path(VALID).errors == []


def test_guides_dir_can_be_set_by_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HARM_REPAIR_GUIDES", raising=False)
    assert guides_dir(CONTENT) == CONTENT.resolve().parent / "facilitator_guides"
    monkeypatch.setenv("HARM_REPAIR_GUIDES", str(tmp_path))
    assert guides_dir(CONTENT) == tmp_path.resolve()


# Rendering

HEADINGS = [
    "Objectives",
    "Audience",
    "Timed agenda",
    "Materials",
    "Preparation and roles",
    "Session agreements",
    "Content notes",
    "Key points and common misconceptions",
    "Step-by-step activities",
    "Adaptations",
    "Accessibility notes",
    "Distress and disclosure protocol",
    "Resources",
    "How to evaluate",
    "Sources",
    "Notes for facilitators",
]


def _valid_guide(text: str | None = None, tmp_path: Path | None = None) -> tuple[FacilitatorGuide, str]:
    path = VALID
    if text is not None and tmp_path is not None:
        path = tmp_path / f"{MODULE}.md"
        path.write_text(text)
    loaded, problems = load_guide(path)
    assert problems == [] and loaded.guide is not None
    return loaded.guide, loaded.body


def test_the_page_has_every_section_in_order(module: Module) -> None:
    guide, body = _valid_guide()
    page = render_guide_html(guide, body, module, lang="es")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="es">' in page
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", page) == HEADINGS
    for label in ("Prevent", "Respond", "Refer", "Follow up", "Facilitator debrief"):
        assert f"<strong>{label}</strong>" in page
    assert "Total: 75 minutes (1:15)" in page and "Total: 40 minutes (0:40)" in page
    assert "Intent matters less than <strong>impact</strong>." in page
    assert "<em>Markdown</em>" in page
    assert 'href="#activity-classify-vignettes"' in page
    assert "Which level is it?" in page  # the module's own activity title heads the steps
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert "<link" not in page and "<script" not in page


def test_everything_typed_in_a_guide_is_escaped(tmp_path: Path, module: Module) -> None:
    text = (
        VALID.read_text()
        .replace('title: Facilitating "Hurt, harm and abuse"', "title: Facilitating <script>alert(1)</script>")
        .replace("- Run an anonymous poll on each story.", "- <script>alert(2)</script> [x](javascript:alert(3))")
        .replace("- At which step could", "- <img src=x onerror=alert(4)> At which step could")
        .replace("These are the notes", "<script>alert(5)</script> These are the notes")
    )
    guide, body = _valid_guide(text, tmp_path)
    page = render_guide_html(guide, body, module)
    assert "<script" not in page.lower()
    assert "<img" not in page and "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("&lt;script&gt;") == 4  # in the <title>, the <h1>, a step and the notes


# Command line


@pytest.fixture
def guides_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = _guides_folder(tmp_path)
    monkeypatch.setenv("HARM_REPAIR_CONTENT", str(CONTENT))
    monkeypatch.setenv("HARM_REPAIR_GUIDES", str(folder))
    return folder


def test_cli_guides_writes_a_page_per_guide(
    guides_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(VALID, guides_env / f"{MODULE}.md")
    out = tmp_path / "out"
    assert main(["guides", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out / (MODULE + '.html')}" in printed
    assert "has no facilitator guide yet" in printed  # the other modules: warnings only
    assert [p.name for p in out.iterdir()] == [f"{MODULE}.html"]
    assert "Session agreements" in (out / f"{MODULE}.html").read_text()


def test_cli_guides_exits_one_and_lists_the_problems(
    guides_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(GUIDES / "short-agenda-longer.md", guides_env / f"{MODULE}.md")
    out = tmp_path / "out"
    assert main(["guides", "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    line = _line_of(guides_env / f"{MODULE}.md", "  short:")
    assert f"{MODULE}.md:{line}: error: the short agenda adds up to 80 minutes" in printed
    assert "how to fix:" in printed
    assert f"Not written: {MODULE}.md." in printed
    assert not (out / f"{MODULE}.html").exists()


def test_cli_validate_checks_the_guides_beside_the_content(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HARM_REPAIR_GUIDES", raising=False)
    folder = _guides_folder(content_copy.parent, (GUIDES / "disclosure-debrief.md", f"{MODULE}.md"))
    assert main(["validate", str(content_copy)]) == 1
    printed = capsys.readouterr().out
    assert f"{MODULE}.md:{_line_of(folder / f'{MODULE}.md', 'when you were harmed')}: error:" in printed
    shutil.copy(VALID, folder / f"{MODULE}.md")
    assert main(["validate", str(content_copy)]) == 0
    assert "has no facilitator guide yet" in capsys.readouterr().out


def test_write_guides_skips_guides_with_errors(tmp_path: Path, content: ValidationReport) -> None:
    folder = _guides_folder(tmp_path, (VALID, f"{MODULE}.md"), (GUIDES / "missing-agreement.md", "other.md"))
    report = check_guides(folder, CONTENT, content)
    assert [loaded.path.name for loaded, _ in report.printable()] == [f"{MODULE}.md"]
    assert write_guides(report, tmp_path / "out") == [tmp_path / "out" / f"{MODULE}.html"]
