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
}
"""Every content type by the value of its ``type`` key."""

__all__ = [
    "LEVELS",
    "MODELS",
    "SCHEMA_VERSION",
    "Activity",
    "Classification",
    "Comparison",
    "Contact",
    "ContentFile",
    "ContentNote",
    "DimensionFeedback",
    "Escalation",
    "EscalationStep",
    "Level",
    "Module",
    "ModuleEntry",
    "Provenance",
    "Reflection",
    "ReflectionPrompt",
    "Registry",
    "Resource",
    "Resources",
    "Source",
    "StoryFacts",
    "Vignette",
]
