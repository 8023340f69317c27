"""A branching scenario as a state machine: where the trainee is, how they got there, Back.

Pure Python, so the player widget, the presenter view and the tests share one engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..schema import Scenario, ScenarioChoice, ScenarioNode, Stage
from ..schema.cycle import ChoiceEffect


@dataclass(frozen=True)
class Step:
    """One choice taken: from which node, which choice."""

    node_id: str
    choice_id: str


@dataclass(frozen=True)
class StageMark:
    """What a choice did to the cycle at a stage: fed it or interrupted it."""

    stage: Stage
    effect: ChoiceEffect
    node_id: str
    choice_id: str


@dataclass
class ScenarioRun:
    scenario: Scenario
    steps: list[Step] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._nodes = {node.id: node for node in self.scenario.nodes}

    # where we are ---------------------------------------------------------------
    @property
    def node(self) -> ScenarioNode:
        if not self.steps:
            return self._nodes[self.scenario.start]
        last = self.steps[-1]
        return self._nodes[self._choice(last.node_id, last.choice_id).goes_to]

    @property
    def at_ending(self) -> bool:
        return self.node.ending is not None

    @property
    def can_go_back(self) -> bool:
        return bool(self.steps)

    @property
    def last_choice(self) -> ScenarioChoice | None:
        if not self.steps:
            return None
        last = self.steps[-1]
        return self._choice(last.node_id, last.choice_id)

    def _choice(self, node_id: str, choice_id: str) -> ScenarioChoice:
        for choice in self._nodes[node_id].choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(f"node '{node_id}' has no choice '{choice_id}'")

    # moving ---------------------------------------------------------------------
    def choose(self, choice_id: str) -> ScenarioNode:
        """Take a choice of the current node. Raises ``KeyError`` for a choice it does not offer."""
        node = self.node
        self._choice(node.id, choice_id)
        self.steps.append(Step(node.id, choice_id))
        return self.node

    def back(self) -> ScenarioNode:
        if self.steps:
            self.steps.pop()
        return self.node

    def restart(self) -> ScenarioNode:
        self.steps.clear()
        return self.node

    def replay(self, path: list[tuple[str, str]]) -> None:
        """Follow a saved path, stopping quietly where it no longer fits the scenario."""
        self.steps.clear()
        for node_id, choice_id in path:
            if node_id != self.node.id:
                break
            try:
                self.choose(choice_id)
            except KeyError:
                break

    # what the path did to the cycle ---------------------------------------------
    @property
    def path(self) -> list[tuple[str, str]]:
        return [(s.node_id, s.choice_id) for s in self.steps]

    def stage_marks(self) -> list[StageMark]:
        """For each choice taken at a node with a stage, whether it fed or interrupted the cycle."""
        marks = []
        for step in self.steps:
            node = self._nodes[step.node_id]
            choice = self._choice(step.node_id, step.choice_id)
            if node.stage is not None and choice.effect != "neutral":
                marks.append(StageMark(node.stage, choice.effect, node.id, choice.id))
        return marks

    def stages_touched(self) -> dict[Stage, set[ChoiceEffect]]:
        touched: dict[Stage, set[ChoiceEffect]] = {}
        for mark in self.stage_marks():
            touched.setdefault(mark.stage, set()).add(mark.effect)
        return touched


def reachable(scenario: Scenario) -> set[str]:
    """Node ids reachable from the start."""
    nodes = {n.id: n for n in scenario.nodes}
    seen: set[str] = set()
    todo = [scenario.start]
    while todo:
        current = todo.pop()
        if current in seen or current not in nodes:
            continue
        seen.add(current)
        todo.extend(c.goes_to for c in nodes[current].choices)
    return seen


def can_reach_an_ending(scenario: Scenario) -> set[str]:
    """Node ids from which some ending can be reached."""
    nodes = {n.id: n for n in scenario.nodes}
    good = {n.id for n in scenario.nodes if n.ending is not None}
    changed = True
    while changed:
        changed = False
        for node in nodes.values():
            if node.id not in good and any(c.goes_to in good for c in node.choices):
                good.add(node.id)
                changed = True
    return good
