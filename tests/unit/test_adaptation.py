"""Adaptation records: the example validates, each broken fixture is caught with its line, drafts validate.

Records are checked against the real content folder; the broken fixtures live in
``tests/fixtures/adaptations/`` and each changes one thing of ``valid.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest

from curriculum.adaptations import (
    adaptations_dir,
    check_adaptations,
    render_record_html,
    validate_adaptation_file,
    write_adaptations,
)
from curriculum.cli import main
from curriculum.paths import PROJECT_ROOT
from curriculum.scaffold import ScaffoldError, adaptation_next_steps, new_adaptation
from curriculum.schema import CHECKLIST, CHECKLIST_IDS, MODELS, AdaptationRecord
from curriculum.schema.adaptation import ChecklistId
from curriculum.validate import ValidationReport, validate_content_dir, validate_path
from tests.conftest import CONTENT, FIXTURES

RECORDS = FIXTURES / "adaptations"
VALID = RECORDS / "valid.yaml"
EXAMPLE = PROJECT_ROOT / "adaptations" / "example-pilot.yaml"

# file name -> (text on the line the problem points at; words of the message; words of the hint)
EXPECTED: dict[str, tuple[str, str, str]] = {
    "unknown-module.yaml": (
        "  - hurt-harm-abuses\n",
        "there is no module 'hurt-harm-abuses' in curriculum.yaml",
        "did you mean 'hurt-harm-abuse'",
    ),
    "missing-checklist-item.yaml": (
        "checklist:",
        "the checklist item 'transparency' (Being open about the context) is not answered",
        "add '- id: transparency'",
    ),
    "approved-without-reviewer.yaml": (
        "  status: approved",
        "the review status is 'approved', but 'reviewed_by' is missing",
        "keep the status 'in review'",
    ),
    "unknown-file.yaml": (
        "file: hurt-harm-abuse/vignette.yaml",
        "names the file 'hurt-harm-abuse/vignette.yaml', which is not in the content folder",
        "did you mean 'hurt-harm-abuse/vignettes.yaml'",
    ),
    "path-outside-content.yaml": (
        "file: ../README.md",
        "names the file '../README.md', which is not in the content folder",
        "write the path inside the content folder",
    ),
    "unknown-item.yaml": (
        "item: lunch-questions",
        "'hurt-harm-abuse/vignettes.yaml' has no item with the id 'lunch-questions'",
        "did you mean 'lunch-question'",
    ),
    "unknown-answer.yaml": ("answer: maybe", "is 'maybe', which is not allowed", "'does not apply'"),
    "duplicate-checklist-item.yaml": (
        "Answered again by mistake",
        "the checklist item 'local-not-exported' is answered twice",
        "keep one of the two answers",
    ),
    "future-review-date.yaml": ("date: 2999-01-01", "the review date is in the future", "really took place"),
}


def _line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    assert content.count(text) == 1, f"{text!r} must appear once in {path.name}"
    return content[: content.index(text)].count("\n") + 1


@pytest.fixture(scope="module")
def content() -> ValidationReport:
    return validate_content_dir(CONTENT)


def _record(path: Path, content: ValidationReport) -> AdaptationRecord:
    report = check_adaptations(path.parent, CONTENT, content, paths=[path])
    assert [p.format() for p in report.problems] == []
    record = report.records[path]
    assert isinstance(record, AdaptationRecord)
    return record


def test_the_example_record_validates_and_says_it_is_an_example(content: ValidationReport) -> None:
    record = _record(EXAMPLE, content)
    assert record.example is True
    assert "example" in record.deployment.name.lower()
    assert EXAMPLE.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schemas/adaptation-record.schema.json\n# EXAMPLE ONLY"
    )
    assert [entry.id for entry in record.checklist] == list(CHECKLIST_IDS)


def test_the_valid_fixture_validates(content: ValidationReport) -> None:
    record = _record(VALID, content)
    assert record.review.status == "approved"
    assert record.review.date == dt.date(2025, 3, 3)


def test_every_broken_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in RECORDS.glob("*.yaml") if p != VALID) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_record_reports_line_message_and_hint(name: str, content: ValidationReport) -> None:
    marker, message, hint = EXPECTED[name]
    path = RECORDS / name
    report = check_adaptations(RECORDS, CONTENT, content, paths=[path])
    matching = [p for p in report.errors if message in p.message]
    assert matching, [p.format() for p in report.problems]
    problem = matching[0]
    assert problem.path == path
    assert problem.line == _line_of(path, marker)
    assert hint in problem.hint
    assert problem.format().startswith(f"{path}:{problem.line}: error: ")
    assert report.printable() == []


def test_the_checklist_literal_matches_the_fixed_list() -> None:
    assert get_args(ChecklistId) == CHECKLIST_IDS == tuple(CHECKLIST)
    assert len(CHECKLIST_IDS) == 5


def test_records_are_a_content_type_with_a_json_schema() -> None:
    assert MODELS["adaptation-record"] is AdaptationRecord
    assert (PROJECT_ROOT / "schemas" / "adaptation-record.schema.json").is_file()


def _edited(tmp_path: Path, name: str, *pairs: tuple[str, str]) -> Path:
    text = VALID.read_text(encoding="utf-8").replace("id: valid\n", f"id: {name}\n")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unpaid_contributors_and_unfinished_approvals_are_warnings(tmp_path: Path, content: ValidationReport) -> None:
    path = _edited(
        tmp_path,
        "warnings",
        ("    paid: true\n    how_paid: Fee per session, paid within a week.\n", "    paid: false\n"),
        ("{id: who-is-missing, answer: partly", "{id: who-is-missing, answer: not yet"),
    )
    report = check_adaptations(tmp_path, CONTENT, content, paths=[path])
    assert report.errors == []
    assert sorted(p.line for p in report.warnings) == [_line_of(path, "paid: false"), _line_of(path, "answer: not yet")]
    messages = " ".join(p.message for p in report.warnings)
    assert "is not paid" in messages and "says 'not yet'" in messages


def test_a_note_explains_an_unpaid_contributor(tmp_path: Path, content: ValidationReport) -> None:
    path = _edited(
        tmp_path,
        "volunteer",
        (
            "    paid: true\n    how_paid: Fee per session, paid within a week.\n",
            "    paid: false\n    note: Chose to volunteer.\n",
        ),
    )
    assert check_adaptations(tmp_path, CONTENT, content, paths=[path]).problems == []


def test_approved_without_a_date_and_a_file_named_otherwise(tmp_path: Path, content: ValidationReport) -> None:
    path = _edited(tmp_path, "no-date", ("  date: 2025-03-03\n", ""), ("id: no-date\n", "id: other-name\n"))
    report = check_adaptations(tmp_path, CONTENT, content, paths=[path])
    assert [p.message for p in report.errors] == ["the review status is 'approved', but its 'date' is missing"]
    assert [p.hint for p in report.warnings] == ["use the same name for both"]


def test_a_change_to_a_module_the_record_does_not_list_is_a_warning(tmp_path: Path, content: ValidationReport) -> None:
    path = _edited(
        tmp_path,
        "other-module",
        (
            "    file: hurt-harm-abuse/vignettes.yaml\n    item: lunch-question\n",
            "    file: unhealthy-attachment/cycle.yaml\n",
        ),
    )
    report = check_adaptations(tmp_path, CONTENT, content, paths=[path])
    assert report.errors == []
    assert [p.hint for p in report.warnings] == ["add '- unhealthy-attachment' under 'modules'"]


def test_section_ids_of_a_module_count_as_items(tmp_path: Path, content: ValidationReport) -> None:
    path = _edited(
        tmp_path,
        "section",
        (
            "    file: hurt-harm-abuse/vignettes.yaml\n    item: lunch-question\n",
            "    file: hurt-harm-abuse/module.yaml\n    item: levels-intro\n",
        ),
    )
    assert check_adaptations(tmp_path, CONTENT, content, paths=[path]).problems == []


def test_another_content_type_in_the_folder_is_an_error(tmp_path: Path, content: ValidationReport) -> None:
    path = tmp_path / "reflections.yaml"
    shutil.copy(CONTENT / "hurt-harm-abuse" / "reflections.yaml", path)
    report = check_adaptations(tmp_path, CONTENT, content)
    [problem] = report.errors
    assert "this folder holds adaptation records" in problem.message
    assert problem.line == _line_of(path, "type: reflection")


def test_two_records_with_one_id_are_an_error(tmp_path: Path, content: ValidationReport) -> None:
    shutil.copy(VALID, tmp_path / "valid.yaml")
    shutil.copy(VALID, tmp_path / "valid-copy.yml")
    report = check_adaptations(tmp_path, CONTENT, content)
    [problem] = report.errors
    assert problem.path == tmp_path / "valid.yaml"
    assert problem.message == "the record id 'valid' is also used by valid-copy.yml"


def test_a_broken_curriculum_is_said_once_per_record(tmp_path: Path) -> None:
    shutil.copy(VALID, tmp_path / "valid.yaml")
    report = check_adaptations(tmp_path, tmp_path / "nowhere", ValidationReport(root=tmp_path / "nowhere"))
    [problem] = report.errors
    assert "does not validate" in problem.message


# Wiring into `harm-repair validate`


def test_validate_content_dir_checks_records_only_when_asked(content_copy: Path) -> None:
    folder = content_copy.parent / "adaptations"
    folder.mkdir()
    shutil.copy(RECORDS / "unknown-module.yaml", folder / "unknown-module.yaml")
    assert adaptations_dir(content_copy) == folder
    assert validate_content_dir(content_copy).errors == []
    report = validate_content_dir(content_copy, adaptations=folder)
    assert [p.path for p in report.errors] == [folder / "unknown-module.yaml"]
    assert report.adaptations == [folder / "unknown-module.yaml"]


def test_adaptations_dir_can_be_set_by_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HARM_REPAIR_ADAPTATIONS", raising=False)
    assert adaptations_dir(CONTENT) == PROJECT_ROOT / "adaptations"
    monkeypatch.setenv("HARM_REPAIR_ADAPTATIONS", str(tmp_path))
    assert adaptations_dir(CONTENT) == tmp_path.resolve()


def test_validate_path_checks_one_record_against_the_content(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HARM_REPAIR_CONTENT", str(CONTENT))
    assert validate_path(EXAMPLE).problems == []
    report = validate_path(RECORDS / "unknown-item.yaml")
    assert report.adaptations == [RECORDS / "unknown-item.yaml"]
    assert any("no item with the id 'lunch-questions'" in p.message for p in report.errors)
    outside = tmp_path / "record.yaml"  # found by its type, wherever it is
    shutil.copy(RECORDS / "unknown-module.yaml", outside)
    assert any("no module 'hurt-harm-abuses'" in p.message for p in validate_path(outside).errors)
    assert validate_adaptation_file(VALID, CONTENT).problems == []


def test_cli_validate_checks_the_records_beside_the_content(
    content_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HARM_REPAIR_ADAPTATIONS", raising=False)
    folder = content_copy.parent / "adaptations"
    folder.mkdir()
    shutil.copy(RECORDS / "approved-without-reviewer.yaml", folder / "approved-without-reviewer.yaml")
    (folder / "README.md").write_text("Not a record.\n")
    assert main(["validate", str(content_copy)]) == 1
    printed = capsys.readouterr().out
    line = _line_of(folder / "approved-without-reviewer.yaml", "  status: approved")
    assert f"approved-without-reviewer.yaml:{line}: error: the review status is 'approved'" in printed
    shutil.copy(VALID, folder / "approved-without-reviewer.yaml")
    (folder / "approved-without-reviewer.yaml").rename(folder / "valid.yaml")
    assert main(["validate", str(content_copy)]) == 0


def test_the_real_records_validate(capsys: pytest.CaptureFixture[str]) -> None:
    report = validate_content_dir(CONTENT, adaptations=PROJECT_ROOT / "adaptations")
    assert [p.format() for p in report.problems if p.path.parent.name == "adaptations"] == []
    assert EXAMPLE in report.adaptations


# The scaffold


def test_new_adaptation_writes_a_draft_that_validates(tmp_path: Path, content: ValidationReport) -> None:
    folder = tmp_path / "adaptations"
    made = new_adaptation(folder, CONTENT, "Coastal pilot", today=dt.date(2025, 5, 1))
    assert made.paths == [folder / "coastal-pilot.yaml"]
    report = check_adaptations(folder, CONTENT, content)
    assert [p.format() for p in report.problems] == []
    record = report.records[folder / "coastal-pilot.yaml"]
    assert isinstance(record, AdaptationRecord)
    assert record.review.status == "draft" and record.example is False
    assert record.deployment.name == "Coastal pilot" and record.started == dt.date(2025, 5, 1)
    assert [entry.id for entry in record.checklist] == list(CHECKLIST_IDS)
    assert {entry.answer for entry in record.checklist} == {"not yet"}
    text = made.paths[0].read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/adaptation-record.schema.json")
    assert "todo" not in text.lower() and "harm-repair validate" in text
    for title in CHECKLIST.values():
        assert f"# {title}\n" in text
    steps = adaptation_next_steps(made, relative_to=tmp_path)
    assert steps.startswith("wrote adaptations/coastal-pilot.yaml\n")
    assert "curriculum.yaml" not in steps


def test_new_adaptation_refuses_an_existing_record_and_an_empty_name(tmp_path: Path) -> None:
    new_adaptation(tmp_path, CONTENT, "Coastal pilot")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_adaptation(tmp_path, CONTENT, "coastal pilot!")
    with pytest.raises(ScaffoldError, match="letters or digits"):
        new_adaptation(tmp_path, CONTENT, "!!")
    with pytest.raises(ScaffoldError, match=r"no curriculum\.yaml"):
        new_adaptation(tmp_path, tmp_path, "Another")


def test_cli_new_adaptation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "records"
    assert main(["new", "adaptation", "Mountain pilot", "--folder", str(folder), "--content", str(CONTENT)]) == 0
    assert "mountain-pilot.yaml" in capsys.readouterr().out
    assert main(["validate", str(folder / "mountain-pilot.yaml")]) == 0
    assert main(["new", "adaptation", "Mountain pilot", "--folder", str(folder), "--content", str(CONTENT)]) == 1
    assert "already exists" in capsys.readouterr().out


# The printable page


def test_the_record_page_has_its_sections_tables_and_language(content: ValidationReport) -> None:
    record = _record(EXAMPLE, content)
    page = render_record_html(record)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", page) == [
        "Deployment",
        "Changes",
        "Contributors and payment",
        "Adaptation checklist",
        "Review",
    ]
    assert page.count("<h1>") == 1
    assert "Example only: this is not a real deployment." in page
    assert page.count("<caption>") == 3 and page.count('<th scope="col">') == 10
    for title in CHECKLIST.values():
        assert title in page
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_everything_typed_in_a_record_is_escaped(tmp_path: Path, content: ValidationReport) -> None:
    path = _edited(
        tmp_path,
        "escaped",
        ("  name: Test network\n", "  name: <script>alert(1)</script>\n"),
        ("    what: Shortened the story.\n", "    what: '[x](javascript:alert(2)) <img src=x onerror=alert(3)>'\n"),
        ("language: en\n", "language: es\n"),
    )
    page = render_record_html(_record(path, content))
    assert '<html lang="es">' in page
    assert "<script" not in page and "<img" not in page and "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_write_adaptations_skips_records_with_errors(tmp_path: Path, content: ValidationReport) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(VALID, folder / "valid.yaml")
    shutil.copy(RECORDS / "unknown-file.yaml", folder / "unknown-file.yaml")
    report = check_adaptations(folder, CONTENT, content)
    assert write_adaptations(report, tmp_path / "out") == [tmp_path / "out" / "adaptation-valid.html"]
