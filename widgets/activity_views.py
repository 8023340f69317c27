"""Which trainee widget shows which kind of activity content (used by module pages and the authoring preview)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import ipywidgets as w

from curriculum.schema import (
    ApologyRules,
    ApologyWorkshop,
    Classification,
    Comparison,
    ContentFile,
    Cycle,
    Escalation,
    Questions,
    Reflection,
    Responses,
    Scenario,
)
from curriculum.schema import RepairPlan as RepairPlanContent

from .session import ActivityTracker

VIEWED = (
    Classification,
    Escalation,
    Reflection,
    Comparison,
    Cycle,
    Scenario,
    Responses,
    Questions,
    ApologyWorkshop,
    RepairPlanContent,
)
"""Content types a trainee sees as an activity (module, registry and rules files are not activities)."""


def activity_view(
    activity_id: str,
    content: ContentFile,
    contents: Mapping[str, ContentFile],
    tracker: ActivityTracker | None,
    *,
    module_id: str = "",
    cycle: Cycle | None = None,
    download: Callable[..., None] | None = None,
) -> w.Widget:
    """The trainee widget for ``content``; ``contents`` are the module's other files (by id)."""
    # Each view is imported only when a module uses it: a page loads what it shows.
    if isinstance(content, Classification):
        from .classification import ClassificationActivity

        return ClassificationActivity(activity_id, content, tracker)
    if isinstance(content, Escalation):
        from .escalation import EscalationActivity

        return EscalationActivity(activity_id, content, tracker)
    if isinstance(content, Reflection):
        from .reflection import ReflectionActivity

        return ReflectionActivity(activity_id, content, tracker)
    if isinstance(content, Comparison):
        from .comparison import ComparisonActivity

        return ComparisonActivity(activity_id, content)
    if isinstance(content, Cycle):
        from .cycle_diagram import CycleExplorer

        return CycleExplorer(activity_id, content)
    if isinstance(content, Scenario):
        from .scenario_player import ScenarioPlayer

        cycle = cycle or next((c for c in contents.values() if isinstance(c, Cycle)), None)
        return ScenarioPlayer(activity_id, content, tracker, cycle)
    if isinstance(content, Responses):
        from .responses import ResponsesPractice

        return ResponsesPractice(activity_id, content, tracker)
    if isinstance(content, Questions):
        from .questions import QuestionsActivity

        return QuestionsActivity(activity_id, content)
    if isinstance(content, ApologyWorkshop):
        from .apology import ApologyWorkshopActivity

        rules = contents.get(content.rules)
        if not isinstance(rules, ApologyRules):  # the validator makes sure it is there
            raise TypeError(f"no apology rules '{content.rules}'")
        return ApologyWorkshopActivity(activity_id, content, rules, tracker)
    if isinstance(content, RepairPlanContent):
        from .repair_planner import RepairPlanner

        return RepairPlanner(activity_id, content, tracker, module_id=module_id, download=download)
    raise TypeError(f"no view for {type(content).__name__}")
