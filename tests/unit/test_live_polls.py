"""Poll templates for the facilitator: one per vignette, step, scenario decision and cycle; never an answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from curriculum.content import ModuleBundle, load_curriculum
from curriculum.live_polls import LABEL_LIMIT, PollTemplate, poll_templates
from curriculum.schema import Classification, Cycle, Escalation, Scenario
from curriculum.stores import live
from tests.conftest import CONTENT

LEVEL_OPTIONS = (("hurt", "Hurt"), ("harm", "Harm"), ("abuse", "Abuse or exploitation"))


def _bundle(module_id: str) -> ModuleBundle:
    return load_curriculum(CONTENT).module(module_id)


def _all_bundles() -> Iterator[ModuleBundle]:
    yield from load_curriculum(CONTENT).modules.values()


def _shown(template: PollTemplate) -> str:
    """Everything a template can put in front of the room."""
    return "\n".join([template.title, template.question, template.prompt, *(label for _id, label in template.options)])


def test_classification_gives_one_poll_per_vignette_in_order() -> None:
    bundle = _bundle("hurt-harm-abuse")
    vignettes = next(c for c in bundle.contents.values() if isinstance(c, Classification)).vignettes
    templates = [t for t in poll_templates(bundle) if t.activity_id == "classify-vignettes"]
    assert [t.item_id for t in templates] == [v.id for v in vignettes]
    first = templates[0]
    assert first.question.startswith("Is this hurt, harm or abuse?")
    assert vignettes[0].title in first.question
    assert first.options == LEVEL_OPTIONS
    assert first.title == f"Which level is it? — {vignettes[0].title}"
    assert vignettes[0].text.strip().splitlines()[0] in first.prompt


def test_escalation_gives_one_poll_per_step_after_the_vignettes() -> None:
    bundle = _bundle("hurt-harm-abuse")
    steps = next(c for c in bundle.contents.values() if isinstance(c, Escalation)).steps
    templates = poll_templates(bundle)
    activity_order = list(dict.fromkeys(t.activity_id for t in templates))
    assert activity_order == ["classify-vignettes", "hurt-to-pattern"], "page order; comparison and reflection: none"
    story = [t for t in templates if t.activity_id == "hurt-to-pattern"]
    assert [t.item_id for t in story] == [s.id for s in steps]
    assert all(t.options == LEVEL_OPTIONS and "hurt, harm or abuse" in t.question for t in story)


def test_the_cycle_then_each_scenario_decision() -> None:
    bundle = _bundle("unhealthy-attachment")
    templates = poll_templates(bundle)
    cycle = next(c for c in bundle.contents.values() if isinstance(c, Cycle))
    assert templates[0].activity_id == "explore-cycle"
    assert templates[0].question == "Which stage of the cycle is this?"
    assert templates[0].options == tuple((s.id, s.name) for s in cycle.stages)
    assert len(templates[0].options) == 7
    for activity_id in ("outreach-scenario", "funder-scenario"):
        _activity, content = bundle.activity(activity_id)
        assert isinstance(content, Scenario)
        decisions = [node for node in content.nodes if node.choices]
        polls = [t for t in templates if t.activity_id == activity_id]
        assert [t.item_id for t in polls] == [node.id for node in decisions], "endings have no poll"
        for template, node in zip(polls, decisions, strict=True):
            assert template.question == "What would you do?"
            assert [option_id for option_id, _label in template.options] == [c.id for c in node.choices]
            for choice in node.choices:
                assert choice.text in template.prompt, "the full choice is in the prompt, even if the label is cut"


def test_modules_without_pollable_activities_have_none() -> None:
    assert poll_templates(_bundle("accountability-and-repair")) == []


def test_every_template_fits_the_session_store() -> None:
    assert LABEL_LIMIT == live.MAX_LABEL_CHARS
    for bundle in _all_bundles():
        for template in poll_templates(bundle):
            assert 1 <= len(template.options) <= live.MAX_OPTIONS
            assert 0 < len(template.question) <= live.MAX_QUESTION_CHARS
            ids = [option_id for option_id, _label in template.options]
            assert len(set(ids)) == len(ids) and live.PREFER_NOT not in ids
            assert all(0 < len(label) <= live.MAX_LABEL_CHARS for _id, label in template.options)
            assert all("\n" not in label for _id, label in template.options)


def _secrets(content: object) -> list[str]:
    """Answer and feedback texts of a content file: none may reach the room."""
    found: list[str] = []
    if isinstance(content, Classification):
        for v in content.vignettes:
            found += [v.feedback.intention, v.feedback.pattern, v.feedback.impact, v.feedback.nuance]
            found += [v.feedback.repair or "", *v.other_choices.values()]
    elif isinstance(content, Escalation):
        for s in content.steps:
            found += [s.explanation, s.interruption]
    elif isinstance(content, Scenario):
        for node in content.nodes:
            found += [node.facilitator_notes or ""]
            found += [choice.consequence or "" for choice in node.choices]
            if node.ending is not None:
                found += [node.ending.title, node.ending.debrief]
    elif isinstance(content, Cycle):
        for stage in content.stages:
            found += [stage.what_it_is, stage.how_it_looks, stage.disrupt]
    return [text.strip() for text in found if text.strip()]


@pytest.mark.parametrize("module_id", ["hurt-harm-abuse", "unhealthy-attachment"])
def test_no_template_shows_an_answer_or_feedback(module_id: str) -> None:
    bundle = _bundle(module_id)
    templates = poll_templates(bundle)
    assert templates
    for content in bundle.contents.values():
        for secret in _secrets(content):
            for template in templates:
                shown = _shown(template)
                assert secret not in shown, f"{template.title} shows answer or feedback text: {secret[:60]!r}"
                # A long text may be cut; its first sentence must not appear either.
                first_sentence = secret.split(". ")[0]
                if len(first_sentence) > 40:
                    assert first_sentence not in shown, template.title


def test_level_options_never_hint_at_the_answer() -> None:
    bundle = _bundle("hurt-harm-abuse")
    for template in poll_templates(bundle):
        assert template.options == LEVEL_OPTIONS, "always the same three options in the same order"
