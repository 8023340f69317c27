"""Each broken fixture names its file, its line, what is wrong and how to fix it."""

from pathlib import Path

import pytest
import yaml

from curriculum.validate import validate_content_dir, validate_path
from tests.conftest import FIXTURES

BROKEN = FIXTURES / "broken"

# file name -> (line, words the message must contain, words the hint must contain)
EXPECTED = {
    "tab-indent.yaml": (7, "tab character", "fix the YAML"),
    "unknown-key.yaml": (6, "'promts' is not a key", "did you mean 'prompts'"),
    "bad-level.yaml": (23, "'serious', which is not allowed", "'hurt', 'harm' or 'abuse'"),
    "missing-schema-version.yaml": (1, "'schema_version' is missing", "schema_version: 1"),
    "duplicate-key.yaml": (5, "'title' appears twice", "fix the YAML"),
    "disclosure-prompt.yaml": (10, "asks about the learner's own past", "future practice"),
    "unquoted-colon.yaml": (4, "colon ':' appears inside a value", "fix the YAML"),
    "bad-id.yaml": (3, "not a valid id", "lower-case letters"),
    "unknown-type.yaml": (2, "'type: quiz' is not a content type", "classification"),
    "empty-text.yaml": (8, "is empty", "write the text"),
    "wrong-version.yaml": (1, "schema_version 3", "schema_version: 1"),
    "duplicate-ids.yaml": (9, "'same' is used twice", "unique"),
    "comparison-missing-cell.yaml": (19, "has no cell for harm", "add a line for each column"),
}


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_reports_line_message_and_hint(name: str) -> None:
    line, message, hint = EXPECTED[name]
    report = validate_path(BROKEN / name)
    assert report.errors, f"{name} should not validate"
    matching = [p for p in report.errors if message in p.message]
    assert matching, [p.format() for p in report.errors]
    problem = matching[0]
    assert problem.line == line
    assert hint in problem.hint
    assert problem.format().startswith(f"{BROKEN / name}:{line}: error: ")


def test_all_problems_are_reported_at_once() -> None:
    report = validate_path(BROKEN / "unknown-key.yaml")
    assert {p.line for p in report.errors} == {1, 6}


def test_second_column_cell_error_points_at_the_extra_cell() -> None:
    report = validate_path(BROKEN / "comparison-missing-cell.yaml")
    assert any(p.line == 21 and "no such column" in p.message for p in report.errors)


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_real_content_copy_is_clean(content_copy: Path) -> None:
    report = validate_content_dir(content_copy)
    assert report.errors == []


def test_activity_pointing_to_a_missing_file_is_caught(content_copy: Path) -> None:
    module = content_copy / "hurt-harm-abuse" / "module.yaml"
    _edit(module, lambda d: d["activities"][1].update(uses="no-such-vignettes"))
    report = validate_content_dir(content_copy)
    problems = [p for p in report.errors if "no-such-vignettes" in p.message]
    assert len(problems) == 1
    assert problems[0].path == module
    assert "use one of" in problems[0].hint


def test_registry_file_that_does_not_exist_is_caught(content_copy: Path) -> None:
    _edit(content_copy / "curriculum.yaml", lambda d: d["modules"][0]["content"].append("hurt-harm-abuse/nope.yaml"))
    report = validate_content_dir(content_copy)
    assert any("'hurt-harm-abuse/nope.yaml' does not exist" in p.message for p in report.errors)


def test_module_id_must_match_registry(content_copy: Path) -> None:
    _edit(content_copy / "hurt-harm-abuse" / "module.yaml", lambda d: d.update(id="another-id"))
    report = validate_content_dir(content_copy)
    assert any("curriculum.yaml calls it 'hurt-harm-abuse'" in p.message for p in report.errors)


def test_file_not_in_registry_is_a_draft(content_copy: Path) -> None:
    draft = content_copy / "hurt-harm-abuse" / "draft-reflections.yaml"
    draft.write_text((BROKEN.parent / "valid" / "reflection.yaml").read_text())
    report = validate_content_dir(content_copy)
    assert report.errors == []
    assert draft in report.drafts


def test_stale_resource_date_is_a_warning_not_an_error(content_copy: Path) -> None:
    _edit(content_copy / "resources.yaml", lambda d: d["resources"][0].update(last_verified="2020-01-01"))
    report = validate_content_dir(content_copy)
    assert report.errors == []
    assert any("more than a year ago" in p.message for p in report.warnings)
