"""The branching-scenario engine and the validator's scenario rules, on named fixtures."""

from pathlib import Path

import pytest

from curriculum.engines.scenario import ScenarioRun
from curriculum.load import load_yaml
from curriculum.schema import Scenario
from curriculum.validate import validate_path
from tests.conftest import FIXTURES

SCENARIOS = FIXTURES / "scenarios"

# fixture -> (line, words the message must contain)
BROKEN = {
    "missing-target.yaml": (39, "goes to 'stuk', but there is no such node"),
    "unreachable-node.yaml": (58, "node 'orphan' cannot be reached from the start"),
    "no-way-to-an-ending.yaml": (44, "from node 'loop' no ending can be reached"),
    "unknown-stage.yaml": (35, "not one of the cycle's seven stages"),
    "missing-content-note.yaml": (1, "'content_note' is missing"),
}


def test_every_scenario_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in SCENARIOS.glob("*.yaml")) == sorted(BROKEN)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_scenario_is_caught_with_its_line(name: str) -> None:
    line, words = BROKEN[name]
    report = validate_path(SCENARIOS / name)
    matching = [p for p in report.errors if words in p.message]
    assert matching, [p.format() for p in report.errors]
    assert matching[0].line == line
    assert matching[0].hint


def test_missing_target_suggests_the_closest_node() -> None:
    report = validate_path(SCENARIOS / "missing-target.yaml")
    assert any(p.hint == "did you mean 'stuck'?" for p in report.errors)


def _scenario() -> Scenario:
    return Scenario.model_validate(load_yaml(FIXTURES / "valid" / "scenario.yaml").data)


def test_engine_walks_choices_goes_back_and_restarts() -> None:
    run = ScenarioRun(_scenario())
    assert run.node.id == "welcome" and not run.can_go_back
    run.choose("praise-only")
    assert run.node.id == "dependency"
    run.choose("keep-going")
    assert run.at_ending and run.node.ending is not None
    assert run.node.ending.kind == "cycle-continues"
    assert run.path == [("welcome", "praise-only"), ("dependency", "keep-going")]
    run.back()
    assert run.node.id == "dependency" and run.path == [("welcome", "praise-only")]
    run.choose("back-to-plan")
    assert run.node.id == "growth"
    run.restart()
    assert run.node.id == "welcome" and run.path == []


def test_engine_refuses_a_choice_the_node_does_not_offer() -> None:
    run = ScenarioRun(_scenario())
    with pytest.raises(KeyError):
        run.choose("keep-going")
    assert run.path == []


def test_stage_marks_say_which_stages_the_path_fed_or_interrupted() -> None:
    run = ScenarioRun(_scenario())
    run.choose("praise-only")
    run.choose("back-to-plan")
    assert [(m.stage, m.effect) for m in run.stage_marks()] == [
        ("exuberance", "feeds"),
        ("trust-dependency", "interrupts"),
    ]
    assert run.stages_touched() == {"exuberance": {"feeds"}, "trust-dependency": {"interrupts"}}


def test_replay_follows_a_saved_path_and_stops_where_it_no_longer_fits() -> None:
    run = ScenarioRun(_scenario())
    run.replay([("welcome", "praise-only"), ("dependency", "no-longer-exists"), ("x", "y")])
    assert run.node.id == "dependency"
    assert run.path == [("welcome", "praise-only")]


def test_valid_fixture_is_clean(tmp_path: Path) -> None:
    assert validate_path(FIXTURES / "valid" / "scenario.yaml").errors == []
