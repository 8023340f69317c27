"""The learner-state format: versioned, strict, and forgiving of bad data."""

import json
from pathlib import Path

import pytest

from curriculum.content import load_curriculum
from curriculum.export import export_lines, to_html, to_markdown
from curriculum.stores import learner_state as ls
from curriculum.stores.learner_state import LearnerState, restore
from curriculum.stores.progress_file import ProgressFile

GOOD = {
    "version": 1,
    "modules": {
        "hurt-harm-abuse": {
            "activities": {
                "classify-vignettes": {
                    "done": True,
                    "gate": "continue",
                    "choices": {"pronoun-slip": "harm"},
                    "position": 2,
                }
            },
            "last_activity": "classify-vignettes",
            "reflections": {"reflect-on-practice": {"first": "A private note"}},
        }
    },
}


def test_a_good_document_round_trips() -> None:
    result = restore(json.dumps(GOOD))
    assert result.notice is None and result.writable
    module = result.state.modules["hurt-harm-abuse"]
    assert module.activities["classify-vignettes"].choices == {"pronoun-slip": "harm"}
    assert {"version": 1, **result.state.model_dump(mode="json", exclude_defaults=True)} == GOOD


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_nothing_stored_starts_fresh_quietly(raw: str | None) -> None:
    result = restore(raw)
    assert result.state == LearnerState() and result.notice is None


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        "[1, 2, 3]",
        json.dumps({"modules": {}}),  # no version
        json.dumps({**GOOD, "extra": 1}),  # hand-edited key
        json.dumps(
            {"version": 1, "modules": {"hurt-harm-abuse": {"activities": {"x1": {"choices": {"a1": "awful"}}}}}}
        ),
        json.dumps({"version": 1, "modules": {"Bad Id": {}}}),
        json.dumps({"version": 1, "modules": {"m1": {"activities": {"a1": {"position": -4}}}}}),
        "x" * (ls.MAX_DOCUMENT_CHARS + 1),
    ],
)
def test_corrupt_or_hand_edited_data_is_set_aside_with_a_message(raw: str) -> None:
    result = restore(raw)
    assert result.state == LearnerState()
    assert result.notice == ls.UNREADABLE
    assert result.writable


def test_data_from_a_newer_release_is_kept_not_overwritten() -> None:
    result = restore(json.dumps({"version": 99, "modules": {}}))
    assert result.notice == ls.NEWER
    assert result.writable is False


def test_older_versions_are_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    # A made-up version 0 that stored reflections flat; the migration moves them.
    def from_0(doc: dict) -> dict:  # type: ignore[type-arg]
        return {"version": 1, "modules": {m: {"reflections": {"notes": v}} for m, v in doc["notes"].items()}}

    monkeypatch.setitem(ls.MIGRATIONS, 0, from_0)
    result = restore(json.dumps({"version": 0, "notes": {"hurt-harm-abuse": {"first": "kept"}}}))
    assert result.notice is None
    assert result.state.modules["hurt-harm-abuse"].reflections == {"notes": {"first": "kept"}}


def test_a_version_without_migration_is_unreadable() -> None:
    assert restore(json.dumps({"version": 0, "modules": {}})).notice == ls.UNREADABLE


def test_server_copy_never_holds_reflections(tmp_path: Path) -> None:
    state = restore(json.dumps(GOOD)).state
    store = ProgressFile(tmp_path / "p" / "progress.json")
    store.save(state)
    text = store.path.read_text()
    assert "A private note" not in text
    loaded = store.load().state
    assert loaded.modules["hurt-harm-abuse"].activities["classify-vignettes"].done
    assert loaded.modules["hurt-harm-abuse"].reflections == {}
    assert [p.name for p in store.path.parent.iterdir()] == ["progress.json"], "no temp file left behind"
    store.clear()
    assert not store.path.exists()


def test_export_holds_answers_and_notes_and_escapes_html() -> None:
    doc = json.loads(json.dumps(GOOD))
    doc["modules"]["hurt-harm-abuse"]["reflections"]["reflect-on-practice"] = {}
    curriculum = load_curriculum()
    reflection = curriculum.module("hurt-harm-abuse").contents["practice-reflections"]
    first_prompt = reflection.prompts[0]  # type: ignore[attr-defined]
    doc["modules"]["hurt-harm-abuse"]["reflections"]["reflect-on-practice"][first_prompt.id] = '<b>x</b> & "q"'
    state = restore(json.dumps(doc)).state
    lines = export_lines(curriculum, state, ["hurt-harm-abuse"])
    markdown = to_markdown(lines)
    assert "## Hurt, harm and abuse" in markdown
    assert "Your reading: Harm" in markdown
    assert first_prompt.text in markdown
    assert '> <b>x</b> & "q"' in markdown
    page = to_html(lines)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &quot;q&quot;" in page
    assert "<b>x</b>" not in page
    assert page.startswith("<!DOCTYPE html>") and 'lang="en"' in page


def test_export_with_nothing_saved_says_so() -> None:
    markdown = to_markdown(export_lines(load_curriculum(), LearnerState(), ["hurt-harm-abuse"]))
    assert "Nothing saved yet" in markdown


def test_a_version_1_document_from_before_plans_restores_unchanged() -> None:
    # ``plans`` was added within version 1 with an empty default, so no migration exists for it.
    assert "plans" not in json.dumps(GOOD)
    result = restore(json.dumps(GOOD))
    assert result.notice is None and result.writable
    assert result.state.modules["hurt-harm-abuse"].plans == {}
    assert ls.STATE_VERSION == 1 and ls.MIGRATIONS == {}


def test_export_holds_the_repair_plan_escaped() -> None:
    doc = json.loads(json.dumps(GOOD))
    doc["modules"]["hurt-harm-abuse"]["plans"] = {
        "reflect-on-practice": [
            {
                "part": "changed-behavior",
                "level": "organizational",
                "action": "Pay speakers <b>on time</b>",
                "who": "Finance | HR",
                "by_when": "",
                "consult": "Ask the survivor council\nbefore changing the policy",
            }
        ]
    }
    state = restore(json.dumps(doc)).state
    lines = export_lines(load_curriculum(), state, ["hurt-harm-abuse"])
    markdown = to_markdown(lines)
    assert "### Your repair plan" in markdown
    assert "**Changed behavior · Organizational**" in markdown
    assert "> Pay speakers <b>on time</b>\n> Who does it: Finance | HR\n> By when: not decided yet\n" in markdown
    assert "> How the people harmed are consulted: Ask the survivor council\n> before changing the policy" in markdown
    page = to_html(lines)
    assert "Pay speakers &lt;b&gt;on time&lt;/b&gt;" in page
    assert "<b>on time</b>" not in page


def test_export_holds_the_apology_draft_escaped() -> None:
    doc = {
        "version": 1,
        "modules": {
            "accountability-and-repair": {
                "reflections": {"apology-workshop": {"apology-draft": "I am sorry. <script>x</script>"}},
            }
        },
    }
    state = restore(json.dumps(doc)).state
    lines = export_lines(load_curriculum(), state, ["accountability-and-repair"])
    assert "**Your apology draft**\n\n> I am sorry. <script>x</script>" in to_markdown(lines)
    page = to_html(lines)
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>x" not in page
