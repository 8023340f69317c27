"""The repair-plan engine: gaps in kind words, firm limits, escaped downloads, plain stored data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest

from curriculum.engines import repair_plan as rp
from curriculum.engines.repair_plan import (
    LEVEL_IDS,
    MAX_ACTIONS,
    MAX_FIELD_CHARS,
    PART_IDS,
    PlanAction,
    PlanError,
    RepairPlan,
    plan_filename,
    plan_to_html,
    plan_to_markdown,
)
from curriculum.stores import learner_state as ls
from curriculum.stores.learner_state import LearnerState, restore
from curriculum.stores.progress_file import ProgressFile

COMPLETE = {"who": "The director", "by_when": "Within two weeks", "consult": "Ask her how she wants to hear it"}


def _action(part: str = "apology", level: str = "organizational", text: str = "Apologize in writing") -> PlanAction:
    return PlanAction(part, level, text, **COMPLETE)


def _full_plan() -> RepairPlan:
    plan = RepairPlan()
    for part in PART_IDS:
        plan = plan.add(_action(part))
    return plan


# ---------------------------------------------------------------- the plan


def test_ids_match_the_content_model() -> None:
    from curriculum.schema.repair import PARTS, REPAIR_LEVELS

    assert PART_IDS == PARTS
    assert LEVEL_IDS == REPAIR_LEVELS


def test_changes_return_a_new_plan_and_keep_the_order() -> None:
    empty = RepairPlan()
    one = empty.add(_action("repair", text="first"))
    two = one.add(_action("apology", text="second"))
    assert len(empty) == 0 and len(one) == 1
    assert [a.action for a in two.actions] == ["first", "second"]
    changed = two.replace(0, _action("repair", text="reworded"))
    assert [a.action for a in changed.actions] == ["reworded", "second"]
    assert [a.action for a in two.actions] == ["first", "second"]
    assert [a.action for a in changed.remove(0).actions] == ["second"]
    with pytest.raises(IndexError):
        two.remove(2)
    with pytest.raises(IndexError):
        two.replace(-1, _action())


def test_by_part_lists_every_part_in_order() -> None:
    plan = RepairPlan().add(_action("repair", text="b")).add(_action("apology")).add(_action("repair", text="c"))
    grouped = plan.by_part()
    assert list(grouped) == list(PART_IDS)
    assert [a.action for a in grouped["repair"]] == ["b", "c"]
    assert grouped["self-reflection"] == ()


def test_an_empty_part_is_named_with_why_it_matters() -> None:
    messages = [gap.message for gap in RepairPlan().gaps()]
    assert len(messages) == 4
    assert "Nothing yet for changed behavior. Changed behavior is owed whether or not the relationship resumes." in (
        messages
    )
    assert messages[0].startswith("Nothing yet for self-reflection.")
    assert {gap.kind for gap in RepairPlan().gaps()} == {"empty-part"}


def test_a_complete_plan_has_no_gaps() -> None:
    assert _full_plan().gaps() == []


def test_missing_who_when_consult_and_text_are_each_named() -> None:
    plan = _full_plan().add(PlanAction("repair", "collective", "Fund a survivor-led group"))
    plan = plan.add(PlanAction("repair", "individual", "", who="Board chair", by_when="May", consult="Ask first"))
    gaps = plan.gaps()
    assert [(g.kind, g.index) for g in gaps] == [
        ("no-who", 4),
        ("no-by-when", 4),
        ("no-consult", 4),
        ("no-action-text", 5),
    ]
    assert gaps[0].message.startswith("Repair, action 2: who will do this?")
    assert "consulted" in gaps[2].message
    assert gaps[3].message.startswith("Repair, action 3: what will be done?")


def test_a_blank_action_is_one_gap_not_four() -> None:
    gaps = _full_plan().add(PlanAction("apology", "individual", "  ", who="\n")).gaps()
    assert [g.kind for g in gaps] == ["empty-action"]
    assert "Apology, action 2 is empty" in gaps[0].message


def test_gaps_use_the_names_from_the_content() -> None:
    plan = RepairPlan().add(PlanAction("apology", "individual", "Say it"))
    gaps = plan.gaps({"apology": "The apology", "changed-behavior": "Changed behaviour"})
    assert gaps[1].message.startswith("The apology, action 1:")
    assert gaps[-1].message.startswith("Nothing yet for changed behaviour.")


def test_too_many_actions_is_refused_in_plain_words() -> None:
    plan = RepairPlan(tuple(_action() for _ in range(MAX_ACTIONS)))
    with pytest.raises(PlanError, match=f"up to {MAX_ACTIONS} actions.*remove or combine"):
        plan.add(_action())


@pytest.mark.parametrize("name", ["action", "who", "by_when", "consult"])
def test_too_long_text_is_refused_not_cut(name: str) -> None:
    PlanAction("apology", "individual", **{name: "x" * MAX_FIELD_CHARS})
    with pytest.raises(PlanError, match=f"{MAX_FIELD_CHARS + 1} characters long.*up to {MAX_FIELD_CHARS}") as err:
        PlanAction("apology", "individual", **{name: "x" * (MAX_FIELD_CHARS + 1)})
    assert "nothing has been cut" in str(err.value)
    with pytest.raises(PlanError):
        dataclasses.replace(_action(), **{name: "x" * (MAX_FIELD_CHARS + 1)})


@pytest.mark.parametrize(
    "kwargs",
    [
        {"part": "forgiveness", "level": "individual"},
        {"part": "apology", "level": "global"},
        {"part": "apology", "level": "individual", "suggestion_id": "Not An Id"},
    ],
)
def test_unknown_parts_levels_and_suggestions_are_refused(kwargs: dict[str, str]) -> None:
    with pytest.raises(PlanError):
        PlanAction(**kwargs)


# ---------------------------------------------------------------- downloads


def _tricky_plan() -> RepairPlan:
    return RepairPlan().add(
        PlanAction(
            "apology",
            "individual",
            "Say sorry | in person\nthen in writing",
            who="Director <script>alert(1)</script>",
            by_when="a\\|b",
            consult='Ask "her" & listen',
            suggestion_id="written-apology",
        )
    )


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def test_markdown_keeps_typed_text_inside_its_cell() -> None:
    text = plan_to_markdown(
        _tricky_plan(), title="Repair plan", case_summary="The **case**.", made_on=dt.date(2025, 3, 1)
    )
    assert text.startswith("# Repair plan\n\nThe **case**.\n")
    assert "## Apology" in text and "## Changed behavior" in text
    rows = _table_rows(text)
    assert len(rows) == 3, "header, divider and one row: the line break did not start a new row"
    row = rows[2]
    assert "Say sorry \\| in person<br>then in writing" in row
    assert "a\\\\\\|b" in row, "a typed backslash cannot un-escape the pipe"
    assert "&lt;script>" in row
    cells = re.split(r"(?<!\\)\|", row.replace("\\\\", ""))
    assert len(cells) == 7, "six cells between seven unescaped pipes"
    assert "Still open" in text and "Nothing yet for self-reflection." in text
    assert text.rstrip().endswith(
        "Made with the Harm and Repair curriculum on 2025-03-01. "
        "This plan stays on your device unless you choose to share it."
    )


def test_markdown_uses_given_names_and_marks_what_is_not_decided() -> None:
    plan = RepairPlan().add(PlanAction("repair", "collective", "Fund a peer network"))
    text = plan_to_markdown(
        plan,
        title="Plan",
        case_summary="",
        part_names={"repair": "Réparation"},
        level_names={"collective": "Collectif"},
    )
    assert "## Réparation" in text
    assert "| Collectif | Fund a peer network | *not decided yet* |" in text


def test_html_is_a_standalone_printable_page_with_typed_text_escaped() -> None:
    page = plan_to_html(_tricky_plan(), title="Plan <for> Rosa", case_summary="A case <img src=x onerror=alert(1)>")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in page and '<meta charset="utf-8">' in page
    assert "<title>Plan &lt;for&gt; Rosa</title>" in page
    assert "<style>" in page and "@media print" in page
    assert "<script" not in page and "<img" not in page
    assert "Director &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Ask &quot;her&quot; &amp; listen" in page
    assert not re.search(r"<[^>]*\s(src|href)=", page), "no external resources"
    assert page.count("<table>") == 1 and page.count('<th scope="col">') == 5
    assert "stays on your device unless you choose to share it" in page
    assert plan_to_html(RepairPlan(), title="t", case_summary="", lang="fr").count('lang="fr"') == 1


def test_filenames_follow_the_notes() -> None:
    assert plan_filename("accountability-and-repair", "md") == "harm-repair-plan-accountability-and-repair.md"
    assert plan_filename(None, "html") == "harm-repair-plan.html"
    with pytest.raises(ValueError):
        plan_filename("../etc", "md")
    with pytest.raises(ValueError):
        plan_filename("m1", "pdf")  # type: ignore[arg-type]


# ---------------------------------------------------------------- stored as plain data


def test_a_plan_round_trips_through_the_learner_state() -> None:
    plan = _tricky_plan().add(PlanAction("changed-behavior", "organizational"))
    state = LearnerState()
    state.module("accountability-and-repair").plans = {"plan-repair": plan.to_data()}
    raw = state.to_json()
    stored = json.loads(raw)["modules"]["accountability-and-repair"]["plans"]["plan-repair"]
    assert all(isinstance(v, str) for item in stored for v in item.values()), "plain strings only"
    result = restore(raw)
    assert result.notice is None
    assert RepairPlan.from_data(result.state.modules["accountability-and-repair"].plans["plan-repair"]) == plan


def test_assigning_a_bad_plan_is_refused() -> None:
    module = LearnerState().module("m1")
    with pytest.raises(ValueError):
        module.plans = {"p1": [{"part": "apology", "level": "individual", "who": "x" * (MAX_FIELD_CHARS + 1)}]}


@pytest.mark.parametrize(
    "bad",
    [
        "not a list",
        [{"part": "forgiveness", "level": "individual"}],
        [{"part": "apology"}],
        [{"part": "apology", "level": "individual", "colour": "red"}],
        [{"part": "apology", "level": "individual", "who": 3}],
        [{"part": "apology", "level": "individual", "action": "x" * (MAX_FIELD_CHARS + 1)}],
        [{"part": "apology", "level": "individual"}] * (MAX_ACTIONS + 1),
        [None],
    ],
)
def test_an_unreadable_stored_plan_is_set_aside_and_the_rest_is_kept(bad: object) -> None:
    good = [{"part": "repair", "level": "collective", "action": "kept"}]
    doc = {
        "version": 1,
        "modules": {
            "m1": {
                "reflections": {"r1": {"p1": "a note"}},
                "plans": {"broken": bad, "fine": good, "Bad Key": good},
            }
        },
    }
    result = restore(json.dumps(doc))
    assert result.notice == ls.PLAN_SET_ASIDE and result.writable
    module = result.state.modules["m1"]
    assert list(module.plans) == ["fine"]
    assert module.reflections == {"r1": {"p1": "a note"}}


def test_plans_that_are_not_a_mapping_are_set_aside() -> None:
    result = restore(json.dumps({"version": 1, "modules": {"m1": {"plans": ["x"]}}}))
    assert result.notice == ls.PLAN_SET_ASIDE
    assert result.state.modules["m1"].plans == {}


def test_plans_never_reach_the_server_progress_file(tmp_path: Path) -> None:
    state = LearnerState()
    module = state.module("m1")
    module.activity("plan-repair").done = True
    module.plans = {"plan-repair": _tricky_plan().to_data()}
    assert not module.is_empty()
    store = ProgressFile(tmp_path / "progress.json")
    store.save(state)
    text = store.path.read_text()
    assert json.loads(text)["modules"]["m1"]["plans"] == {}
    assert "Say sorry" not in text and "Director" not in text
    assert store.load().state.modules["m1"].activities["plan-repair"].done


def test_plan_error_is_a_value_error() -> None:
    # The learner-state validator relies on this: pydantic turns a ValueError into a validation error.
    assert issubclass(rp.PlanError, ValueError)
