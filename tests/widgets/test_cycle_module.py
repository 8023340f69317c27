"""The cycle explorer, the scenario player and the response practice, through their Python API."""

from __future__ import annotations

import json

import ipywidgets as w
import pytest

from curriculum.content import load_curriculum
from curriculum.load import load_yaml
from curriculum.render import escape
from curriculum.schema import Cycle, Responses, Scenario
from tests.conftest import FIXTURES
from widgets import page
from widgets.cycle_diagram import CycleExplorer, CycleRing
from widgets.responses import ResponsesPractice
from widgets.safe import is_hidden
from widgets.scenario_player import ScenarioPlayer
from widgets.session import ActivityTracker, ModuleSession

MODULE = "unhealthy-attachment"


def synced_text(root: w.Widget) -> str:
    def walk(x: w.Widget):  # type: ignore[no-untyped-def]
        yield x
        for child in getattr(x, "children", ()):
            yield from walk(child)

    return json.dumps([x.get_state() for x in walk(root)], default=str)


def _cycle() -> Cycle:
    content = load_curriculum().module(MODULE).contents["attachment-cycle"]
    assert isinstance(content, Cycle)
    return content


def _fixture_scenario() -> Scenario:
    return Scenario.model_validate(load_yaml(FIXTURES / "valid" / "scenario.yaml").data)


def test_cycle_ring_shows_the_seven_stages_in_order_and_opens_one() -> None:
    cycle = _cycle()
    explorer = CycleExplorer("explore-cycle", cycle)
    assert [s["id"] for s in explorer.ring.stages] == [s.id for s in cycle.stages]
    assert cycle.stages[3].how_it_looks not in synced_text(explorer), "details are sent only when opened"
    explorer.ring.selected = "invalidation"  # what the browser does when the button is pressed
    assert "Stage 4 of 7" in explorer.details.value
    assert "What the side with more power can do" in explorer.details.value
    explorer.ring.selected = "no-such-stage"
    assert "Stage 4 of 7" in explorer.details.value


def test_cycle_text_version_is_always_available() -> None:
    cycle = _cycle()
    explorer = CycleExplorer("explore-cycle", cycle)
    assert is_hidden(explorer.text_version)
    explorer.text_button.click()
    assert not is_hidden(explorer.text_version)
    for stage in cycle.stages:
        assert escape(stage.name) in explorer.text_version.value
    assert "prevention" in explorer.text_version.value.lower()
    assert "accountability" in explorer.text_version.value.lower()


def _player(tracker: ActivityTracker | None = None) -> ScenarioPlayer:
    player = ScenarioPlayer("a-scenario", _fixture_scenario(), tracker, _cycle())
    player.gate.continue_button.click()
    return player


def _choice_button(player: ScenarioPlayer, text: str) -> w.Button:
    return next(b for b in player.choice_buttons if not is_hidden(b) and b.description == text)


def test_player_walks_to_an_ending_with_back_and_path_on_the_cycle() -> None:
    player = _player()
    assert "Ana joins the team" in player.node.value
    assert player.back_button.disabled
    assert "feeds" not in synced_text(player) and "interrupts" not in synced_text(player)
    _choice_button(player, "Praise her story in every meeting.").click()
    assert "Ana relies on your praise" in player.node.value
    player.back_button.click()
    assert "Ana joins the team" in player.node.value
    _choice_button(player, "Praise her story in every meeting.").click()
    _choice_button(player, "Start the growth plan now.").click()
    assert "The cycle is interrupted" in player.ending.value
    ring, text = player.path_box.children
    assert isinstance(ring, CycleRing)
    assert ring.marks == {"exuberance": "feeds", "trust-dependency": "interrupts"}
    assert "fed the cycle" in text.value and "interrupted the cycle" in text.value  # type: ignore[attr-defined]
    assert not is_hidden(player.restart_button)
    player.restart_button.click()
    assert "Ana joins the team" in player.node.value and player.ending.value == ""


def test_consequence_is_shown_after_the_choice() -> None:
    player = _player()
    _choice_button(player, "Agree a growth plan with her.").click()
    assert "Ana says she likes having a plan." in player.consequence.value


def test_player_saves_its_path_and_restores_it() -> None:
    session = ModuleSession("m1", None)
    session.restored = True
    player = _player(ActivityTracker(session, "a-scenario"))
    _choice_button(player, "Praise her story in every meeting.").click()
    _choice_button(player, "Keep things as they are.").click()
    state = session.module_state.activities["a-scenario"]
    assert state.path == [("welcome", "praise-only"), ("dependency", "keep-going")]
    assert state.done

    later = ModuleSession("m1", None)
    again = ScenarioPlayer("a-scenario", _fixture_scenario(), ActivityTracker(later, "a-scenario"), _cycle())
    later.restore(json.dumps({"version": 1, "modules": {"m1": session.module_state.model_dump(mode="json")}}))
    assert "The cycle continues" in again.ending.value
    assert not is_hidden(again.body)


def _responses() -> Responses:
    content = load_curriculum().module(MODULE).contents["prepared-responses"]
    assert isinstance(content, Responses)
    return content


def test_picking_a_response_explains_whether_it_centers_agency() -> None:
    content = _responses()
    practice = ResponsesPractice("practice-responses", content, None)
    first = practice.situations[0]
    good = next(o for o in content.situations[0].options if o.centers_agency)
    bad = next(o for o in content.situations[0].options if not o.centers_agency)
    first.options[bad.id].click()
    assert "does not center the survivor" in first.feedback.value
    first.options[good.id].click()
    assert "This centers the survivor" in first.feedback.value
    assert "One response that centers agency" in first.feedback.value


def test_written_response_feedback_quotes_the_words_that_triggered_it() -> None:
    content = _responses()
    practice = ResponsesPractice("practice-responses", content, None)
    first = practice.situations[0]
    phrase = content.signals.centers_agency[0]
    first.own.value = f"I hear you. Honestly, {phrase}."
    first.check_button.click()
    assert f"“{phrase}”" in first.feedback.value
    first.own.value = ""
    first.check_button.click()
    assert "Write a response first" in first.feedback.value


@pytest.mark.parametrize(
    "activity_id", ["explore-cycle", "outreach-scenario", "funder-scenario", "practice-responses", "reflect-on-cycle"]
)
def test_every_activity_of_the_module_builds(activity_id: str) -> None:
    page.build_shell(MODULE)
    assert page.build_activity(MODULE, activity_id) is not None


def test_situations_come_one_at_a_time_and_all_of_them_complete_the_practice() -> None:
    content = _responses()
    session = ModuleSession("m1", None)
    session.restored = True
    practice = ResponsesPractice("practice-responses", content, ActivityTracker(session, "practice-responses"))
    assert practice.holder.children == ()
    practice.start_button.click()
    assert is_hidden(practice.start_button) and practice.previous_button.disabled
    for i, situation in enumerate(content.situations):
        shown = practice.situation_view.children[0]
        assert isinstance(shown, w.VBox) and shown.situation.id == situation.id  # type: ignore[attr-defined]
        shown.options[situation.options[0].id].click()  # type: ignore[attr-defined]
        if i < len(content.situations) - 1:
            assert not session.module_state.activity("practice-responses").done
            practice.next_button.click()
    assert practice.next_button.disabled
    assert session.module_state.activity("practice-responses").done
    assert set(session.module_state.activity("practice-responses").picks) == {s.id for s in content.situations}


def test_saved_picks_and_written_responses_come_back_after_a_reload() -> None:
    content = _responses()
    first_id, option = content.situations[0].id, content.situations[0].options[0]
    stored = {
        "version": 1,
        "modules": {
            "m1": {
                "activities": {"practice-responses": {"picks": {first_id: option.id}}},
                "reflections": {"practice-responses": {first_id: "My own words"}},
            }
        },
    }
    session = ModuleSession("m1", None)
    practice = ResponsesPractice("practice-responses", content, ActivityTracker(session, "practice-responses"))
    session.restore(json.dumps(stored))
    assert is_hidden(practice.start_button)
    shown = practice.situation(0)
    assert shown.own.value == "My own words"
    assert shown.options[option.id].button_style == "info"
    assert "center" in shown.feedback.value
