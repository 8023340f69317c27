"""The representation audit: counts of the stories' facts, the gaps, and the printable page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from curriculum.audit import TOTAL, AuditReport, Gap, audit, render_html, render_text
from curriculum.cli import main
from curriculum.content import load_curriculum
from curriculum.schema import StoryFacts
from tests.conftest import CONTENT

MODULE = "hurt-harm-abuse"
VIGNETTES = Path(MODULE) / "vignettes.yaml"
CASE = Path("accountability-and-repair") / "apology-case.yaml"
LABOR_VIGNETTE = "      trafficking_context: labor\n"


def _report(root: Path) -> AuditReport:
    load_curriculum.cache_clear()  # the tests edit the copy between two reports
    return audit(load_curriculum(root, use_cache=False))


def _counts(report: AuditReport, field: str) -> dict[str, dict[str, int]]:
    return next(table.counts for table in report.fields if table.name == field)


def _edit(root: Path, rel: Path, old: str, new: str, count: int = 1) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{rel} no longer has {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _labor_gaps(report: AuditReport) -> list[Gap]:
    return [gap for gap in report.gaps if "Labor trafficking appears less often" in gap.message]


def test_every_story_with_facts_is_collected_and_every_field_counted() -> None:
    report = _report(CONTENT)
    kinds = {story.kind for story in report.stories}
    assert {"vignette", "scenario", "escalation", "apology-workshop"} <= kinds
    assert {table.name for table in report.fields} >= set(StoryFacts.model_fields)
    contexts = _counts(report, "trafficking_context")
    assert sum(row[TOTAL] for row in contexts.values()) == len(report.stories)
    for row in contexts.values():
        assert row[TOTAL] == sum(row[m] for m in report.modules)


def test_real_content_has_no_labor_gap(content_copy: Path) -> None:
    assert _labor_gaps(_report(content_copy)) == []


def test_flipping_one_vignette_moves_exactly_one_count(content_copy: Path) -> None:
    before = _counts(_report(CONTENT), "trafficking_context")
    _edit(content_copy, VIGNETTES, LABOR_VIGNETTE, LABOR_VIGNETTE.replace("labor", "sex"))
    after = _counts(_report(content_copy), "trafficking_context")
    assert after["labor"][MODULE] == before["labor"][MODULE] - 1
    assert after["sex"][MODULE] == before["sex"][MODULE] + 1
    assert after["labor"][TOTAL] == before["labor"][TOTAL] - 1
    assert after["sex"][TOTAL] == before["sex"][TOTAL] + 1
    for value in set(before) - {"labor", "sex"}:
        assert after[value] == before[value]


def test_more_sex_than_labor_trafficking_is_a_gap_in_the_module_and_overall(content_copy: Path) -> None:
    flips = (content_copy / VIGNETTES).read_text(encoding="utf-8").count(LABOR_VIGNETTE)
    _edit(content_copy, VIGNETTES, LABOR_VIGNETTE, LABOR_VIGNETTE.replace("labor", "sex"), flips)
    report = _report(content_copy)
    gaps = _labor_gaps(report)
    assert {gap.module_id for gap in gaps} == {None, MODULE}
    contexts = _counts(report, "trafficking_context")
    labor = contexts["labor"][MODULE] + contexts["labor and sex"][MODULE]
    sex = contexts["sex"][MODULE] + contexts["labor and sex"][MODULE]
    module_gap = next(gap for gap in gaps if gap.module_id == MODULE)
    assert f"{labor} stories against {sex}" in module_gap.message
    assert "Labor trafficking appears less often" in render_text(report)


def test_a_module_without_migrants_or_us_citizens_is_flagged(content_copy: Path) -> None:
    module = "accountability-and-repair"

    def gaps_about(report: AuditReport, term: str) -> list[Gap]:
        return [g for g in report.gaps if g.module_id == module and f"No {term} characters" in g.message]

    real = _report(content_copy)
    assert len(gaps_about(real, "migrant")) == 1
    assert gaps_about(real, "US citizen") == []

    _edit(content_copy, CASE, "[Black man, US-born,", "[Black man, migrant,")
    edited = _report(content_copy)
    assert gaps_about(edited, "migrant") == []
    assert len(gaps_about(edited, "US citizen")) == 1
    assert "'identities'" in gaps_about(edited, "US citizen")[0].message


def test_an_identity_used_elsewhere_but_not_in_a_module_is_flagged(content_copy: Path) -> None:
    module = "accountability-and-repair"
    trans_gap = [g for g in _report(content_copy).gaps if g.module_id == module and "'trans'" in g.message]
    assert len(trans_gap) == 1 and MODULE in trans_gap[0].message
    _edit(content_copy, CASE, "[Black man, US-born,", "[Black trans man, US-born,")
    assert not [g for g in _report(content_copy).gaps if g.module_id == module and "'trans'" in g.message]


def test_the_page_escapes_every_value(content_copy: Path) -> None:
    hostile = "<script>alert('x')</script> & co"
    _edit(
        content_copy,
        CASE,
        "setting: community nonprofit, staff meeting and donor events",
        f'setting: "{hostile}"',
    )
    report = _report(content_copy)
    page = render_html(report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page
    assert "<caption>" in page and '<th scope="col">' in page and '<th scope="row">' in page
    assert hostile in render_text(report)


def test_cli_prints_the_tables_and_writes_the_page(
    content_copy: Path,
    use_content: Callable[[Path], None],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_content(content_copy)
    out = tmp_path / "build" / "audit.html"
    assert main(["audit", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "trafficking_context" in printed and "Gaps" in printed and f"wrote {out}" in printed
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
