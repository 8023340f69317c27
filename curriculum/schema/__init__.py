"""Pydantic models of every content type.

Each file declares ``schema_version`` and ``type``; ``MODELS`` maps the type to its model.
"""

from __future__ import annotations

from .activities import (
    Classification,
    Comparison,
    DimensionFeedback,
    Escalation,
    EscalationStep,
    Reflection,
    ReflectionPrompt,
    StoryFacts,
    Vignette,
)
from .base import LEVELS, SCHEMA_VERSION, ContentFile, ContentNote, Level, Provenance, Source
from .cycle import (
    STAGES,
    Cycle,
    CycleStage,
    Ending,
    Intervention,
    ResponseOption,
    Responses,
    ResponseSignals,
    ResponseSituation,
    Scenario,
    ScenarioChoice,
    ScenarioNode,
    Stage,
)
from .module import Activity, Module
from .registry import ModuleEntry, Registry
from .resources import Contact, Resource, Resources

MODELS: dict[str, type[ContentFile]] = {
    "registry": Registry,
    "module": Module,
    "comparison": Comparison,
    "classification": Classification,
    "escalation": Escalation,
    "reflection": Reflection,
    "resources": Resources,
    "cycle": Cycle,
    "scenario": Scenario,
    "responses": Responses,
}
"""Every content type by the value of its ``type`` key."""

__all__ = [
    "LEVELS",
    "MODELS",
    "SCHEMA_VERSION",
    "STAGES",
    "Activity",
    "Classification",
    "Comparison",
    "Contact",
    "ContentFile",
    "ContentNote",
    "Cycle",
    "CycleStage",
    "DimensionFeedback",
    "Ending",
    "Escalation",
    "EscalationStep",
    "Intervention",
    "Level",
    "Module",
    "ModuleEntry",
    "Provenance",
    "Reflection",
    "ReflectionPrompt",
    "Registry",
    "Resource",
    "Resources",
    "ResponseOption",
    "ResponseSignals",
    "ResponseSituation",
    "Responses",
    "Scenario",
    "ScenarioChoice",
    "ScenarioNode",
    "Source",
    "Stage",
    "StoryFacts",
    "Vignette",
]
