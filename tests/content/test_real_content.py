"""The real content validates and keeps the content guide's promises."""

import subprocess
import sys
from collections import Counter

import pytest

from curriculum.content import load_curriculum
from curriculum.paths import PROJECT_ROOT
from curriculum.schema import PARTS, REPAIR_LEVELS, ApologyWorkshop, Classification, Escalation, RepairPlan, StoryFacts
from curriculum.validate import validate_content_dir
from tests.conftest import CONTENT

ORIGINALITY = PROJECT_ROOT.parent / "shared" / "tools" / "originality.py"


def test_every_real_content_file_validates() -> None:
    report = validate_content_dir(CONTENT)
    assert [p.format() for p in report.errors] == []
    assert report.drafts == []
    assert len(report.files) >= 7


def _stories() -> list[StoryFacts]:
    facts: list[StoryFacts] = []
    for bundle in load_curriculum(CONTENT).modules.values():
        for content in bundle.contents.values():
            if isinstance(content, Classification):
                facts += [v.facts for v in content.vignettes]
            elif isinstance(content, Escalation | ApologyWorkshop):
                facts.append(content.facts)
    return facts


def test_labor_trafficking_appears_at_least_as_often_as_sex_trafficking() -> None:
    counts = Counter(f.trafficking_context for f in _stories())
    labor = counts["labor"] + counts["labor and sex"]
    sex = counts["sex"] + counts["labor and sex"]
    assert labor >= sex, counts


def test_hurt_harm_abuse_has_enough_vignettes_across_all_three_levels() -> None:
    content = load_curriculum(CONTENT).module("hurt-harm-abuse").contents["sector-vignettes"]
    assert isinstance(content, Classification)
    assert len(content.vignettes) >= 12
    assert {v.answer for v in content.vignettes} == {"hurt", "harm", "abuse"}
    assert all(v.feedback.nuance for v in content.vignettes)


def test_accountability_and_repair_counts_practice_not_reading() -> None:
    module = load_curriculum(CONTENT).module("accountability-and-repair").module
    kinds = {a.id: a.kind for a in module.activities}
    assert kinds["leaders-fears"] == "questions"
    assert "leaders-fears" not in module.counted_activity_ids
    assert {"apology-workshop", "repair-planner", "reflect-on-repair"} <= set(module.counted_activity_ids)


def test_accountability_and_repair_keeps_the_report_frameworks() -> None:
    bundle = load_curriculum(CONTENT).module("accountability-and-repair")
    assert {"prevention-accountability-repair", "four-parts", "values", "levels", "public-change"} <= set(
        bundle.module.sections
    )
    plan = bundle.contents["repair-plan"]
    assert isinstance(plan, RepairPlan)
    assert [p.id for p in plan.parts] == list(PARTS)
    assert [level.id for level in plan.levels] == list(REPAIR_LEVELS)
    assert "forgive" in plan.changed_behavior_note.lower()
    workshop = bundle.contents["apology-case"]
    assert isinstance(workshop, ApologyWorkshop)
    scope = workshop.scope_note.lower()
    assert "lower-level harm" in scope and "abuse" in scope and "forgiveness" in scope
    assert workshop.provenance.composite is True


def test_stories_are_composites_awaiting_honest_review() -> None:
    for bundle in load_curriculum(CONTENT).modules.values():
        for content in bundle.contents.values():
            provenance = getattr(content, "provenance", None)
            if provenance is not None:
                assert provenance.composite is True
                if provenance.review_status.startswith("reviewed"):
                    assert provenance.reviewed_by, "a review must name who reviewed"


def test_characters_are_diverse() -> None:
    identities = " ".join(i.lower() for f in _stories() for i in f.identities)
    for word in ("migrant", "trans", "non-binary", "deaf"):
        assert word in identities, word


@pytest.mark.skipif(not ORIGINALITY.is_file(), reason="the shared originality tool lives beside the checkout")
def test_no_ten_word_run_is_copied_from_the_report() -> None:
    result = subprocess.run(
        [sys.executable, str(ORIGINALITY), "content", "modules", "curriculum", "widgets"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
