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
    "apology-duplicate-fragment.yaml": (38, "'two' is used twice in 'fragments'", "unique"),
    "questions-duplicate-item.yaml": (15, "'legal' is used twice in 'items'", "unique"),
    "questions-disclosure.yaml": (14, "think_first prompt of 'reputation' asks about the learner's own past", "roles"),
    "repair-plan-duplicate-suggestion.yaml": (79, "suggestion id 's3' is used twice", "its own id"),
    "repair-plan-missing-part.yaml": (34, "no suggestion is for the part 'changed-behavior'", "part: changed-behavior"),
    "repair-plan-missing-level.yaml": (34, "no suggestion is for the level 'collective'", "level: collective"),
    "repair-plan-parts-order.yaml": (7, "parts are not all there, or not in the report's order", "reflection, apology"),
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


# Module 3: an apology workshop finds its feedback rules through the registry.
REPAIR_MODULE = "accountability-and-repair"
APOLOGY_RULES = f"{REPAIR_MODULE}/apology-rules.yaml"


def _line_of_key(path: Path, key: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(f"{key}:"))


def _repair_module_content(data: dict) -> list[str]:
    return next(m for m in data["modules"] if m["id"] == REPAIR_MODULE)["content"]


def test_apology_rules_file_not_listed_for_the_module_is_caught(content_copy: Path) -> None:
    def unlist(data: dict) -> None:
        content = _repair_module_content(data)
        content.remove(APOLOGY_RULES)

    _edit(content_copy / "curriculum.yaml", unlist)
    workshop = content_copy / REPAIR_MODULE / "apology-case.yaml"
    report = validate_content_dir(content_copy)
    problems = [p for p in report.errors if "no apology-rules file with that id is listed" in p.message]
    assert len(problems) == 1, [p.format() for p in report.errors]
    assert problems[0].path == workshop
    assert problems[0].line == _line_of_key(workshop, "rules")
    assert f"add '{APOLOGY_RULES}' to the content of module '{REPAIR_MODULE}'" in problems[0].hint


def test_apology_rules_id_that_matches_no_file_is_caught(content_copy: Path) -> None:
    workshop = content_copy / REPAIR_MODULE / "apology-case.yaml"
    _edit(workshop, lambda d: d.update(rules="no-such-rules"))
    report = validate_content_dir(content_copy)
    problems = [p for p in report.errors if "'rules' names 'no-such-rules'" in p.message]
    assert len(problems) == 1, [p.format() for p in report.errors]
    assert problems[0].line == _line_of_key(workshop, "rules")
    assert "create an apology-rules file with 'id: no-such-rules'" in problems[0].hint


def test_apology_rules_naming_another_kind_of_file_is_caught(content_copy: Path) -> None:
    workshop = content_copy / REPAIR_MODULE / "apology-case.yaml"
    _edit(workshop, lambda d: d.update(rules="repair-plan"))
    report = validate_content_dir(content_copy)
    problems = [p for p in report.errors if "is a 'repair-plan' file, not apology rules" in p.message]
    assert len(problems) == 1, [p.format() for p in report.errors]
    assert problems[0].path == workshop
    assert problems[0].line == _line_of_key(workshop, "rules")


def test_apology_activity_must_show_an_apology_workshop_file(content_copy: Path) -> None:
    module = content_copy / REPAIR_MODULE / "module.yaml"
    _edit(module, lambda d: d["activities"][1].update(uses="repair-reflections"))
    report = validate_content_dir(content_copy)
    problems = [p for p in report.errors if "activity 'apology-workshop' is a 'apology'" in p.message]
    assert len(problems) == 1, [p.format() for p in report.errors]
    assert "kind 'apology' shows files of type 'apology-workshop'" in problems[0].hint
