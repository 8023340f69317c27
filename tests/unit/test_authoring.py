"""The authoring back end: round-trip saving, checks beside fields, conflicts, new items and deletion."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from curriculum.authoring import AuthoringSession, ChangedOnDisk, open_document, save_text
from curriculum.authoring.fields import fields_of
from curriculum.authoring.items import FILE_SETTINGS
from curriculum.authoring.session import NEW_CHOICE_TEXT, ItemRef
from curriculum.schema import ScenarioNode, Vignette
from tests.conftest import CONTENT

SCENARIO = "unhealthy-attachment/scenario-outreach.yaml"
VIGNETTES = "hurt-harm-abuse/vignettes.yaml"


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _ref(session: AuthoringSession, path: Path, collection: str, item_id: str) -> ItemRef:
    return next(e.ref for e in session.items(path) if e.ref.collection == collection and e.ref.item_id == item_id)


@pytest.mark.parametrize("path", sorted(CONTENT.rglob("*.yaml")), ids=lambda p: str(p.relative_to(CONTENT)))
def test_every_content_file_comes_back_byte_for_byte(path: Path) -> None:
    doc = open_document(path)
    assert doc.dump() == doc.text


def test_editing_a_choice_changes_only_its_lines_and_keeps_comments_and_order(content_copy: Path) -> None:
    path = content_copy / SCENARIO
    before = path.read_text()
    session = AuthoringSession(content_copy)
    ref = _ref(session, path, "nodes", "start")
    values = session.values(ref)
    values["choices"][1]["text"] = "Ask Inés what she wants from the role before anything else."

    outcome = session.save(ref, values)

    assert outcome.saved, outcome.message
    after = path.read_text()
    changed = _changed_lines(before, after)
    assert any("Ask Inés what she wants" in line for line in changed)
    assert all(line.strip().startswith(("-", "+")) and "#" not in line for line in changed)
    assert [ln for ln in before.splitlines() if ln.startswith("#")] == [
        ln for ln in after.splitlines() if ln.startswith("#")
    ]
    keys = [ln.split(":")[0] for ln in after.splitlines() if ln and not ln.startswith((" ", "#", "-"))]
    assert keys == [ln.split(":")[0] for ln in before.splitlines() if ln and not ln.startswith((" ", "#", "-"))]
    assert (path.with_name(path.name + ".bak")).read_text() == before
    assert not list(path.parent.glob(".*.tmp")), "the temporary file of the atomic write is gone"


def test_an_invalid_edit_is_refused_beside_its_field_and_the_file_is_untouched(content_copy: Path) -> None:
    path = content_copy / SCENARIO
    before = path.read_bytes()
    session = AuthoringSession(content_copy)
    ref = _ref(session, path, "nodes", "start")
    values = session.values(ref)
    values["choices"][0]["goes_to"] = "no-such-node"
    outcome = session.save(ref, values)
    assert not outcome.saved
    assert "no such node" in outcome.by_field[("choices", 0, "goes_to")][0].message

    values["choices"][0]["goes_to"] = "role-agreement"
    values["text"] = ""
    outcome = session.save(ref, values)
    assert not outcome.saved
    assert "empty" in outcome.by_field[("text",)][0].message
    assert path.read_bytes() == before
    assert not path.with_name(path.name + ".bak").exists()


def test_a_change_made_on_disk_since_opening_is_never_overwritten(content_copy: Path) -> None:
    path = content_copy / VIGNETTES
    session = AuthoringSession(content_copy)
    ref = _ref(session, path, "vignettes", session.link_options(path, "vignettes")[0])
    values = session.values(ref)
    values["title"] = "A title typed in the browser"
    edited_elsewhere = path.read_text() + "# a note added in a text editor\n"
    path.write_text(edited_elsewhere)

    outcome = session.save(ref, values)

    assert not outcome.saved
    assert "changed on disk" in outcome.message
    assert path.read_text() == edited_elsewhere
    assert session.changed_on_disk(path)
    session.reload(path)
    assert session.save(ref, values).saved
    assert "# a note added in a text editor" in path.read_text()


def test_save_text_refuses_a_stale_digest(tmp_path: Path) -> None:
    path = tmp_path / "file.yaml"
    path.write_text("a: 1\n")
    doc = open_document(path)
    path.write_text("a: 2\n")
    with pytest.raises(ChangedOnDisk):
        save_text(path, "a: 3\n", doc.opened_digest)
    assert path.read_text() == "a: 2\n"


def test_a_new_vignette_from_its_template_validates_and_is_appended(content_copy: Path) -> None:
    path = content_copy / VIGNETTES
    session = AuthoringSession(content_copy)
    count = len(session.link_options(path, "vignettes"))
    ref = session.new_item(path, "vignettes")
    values = session.values(ref)
    assert values["id"] == "new-vignette-1" and values["answer"] == "hurt"

    outcome = session.save(ref, values)

    assert outcome.saved, (outcome.by_field, outcome.elsewhere)
    assert session.link_options(path, "vignettes")[-1] == "new-vignette-1"
    assert len(session.link_options(path, "vignettes")) == count + 1


def test_a_new_scenario_node_is_reached_by_a_new_choice_on_its_parent(content_copy: Path) -> None:
    path = content_copy / SCENARIO
    session = AuthoringSession(content_copy)
    ref = session.new_item(path, "nodes", parent="role-agreement")
    outcome = session.save(ref, session.values(ref))
    assert outcome.saved, (outcome.by_field, outcome.elsewhere)
    parent = session.values(_ref(session, path, "nodes", "role-agreement"))
    assert parent["choices"][-1] == {"id": "to-new-node-1", "text": NEW_CHOICE_TEXT, "goes_to": "new-node-1"}
    ids = session.link_options(path, "nodes")
    assert ids[ids.index("role-agreement") + 1] == "new-node-1"


def test_deleting_a_node_that_a_choice_leads_to_is_refused(content_copy: Path) -> None:
    path = content_copy / SCENARIO
    before = path.read_bytes()
    session = AuthoringSession(content_copy)
    outcome = session.delete(_ref(session, path, "nodes", "role-agreement"))
    assert not outcome.saved
    assert any("no such node" in p.message for problems in outcome.by_field.values() for p in problems)
    assert path.read_bytes() == before


def test_deleting_a_vignette_removes_it(content_copy: Path) -> None:
    path = content_copy / VIGNETTES
    session = AuthoringSession(content_copy)
    doomed = session.link_options(path, "vignettes")[2]
    outcome = session.delete(_ref(session, path, "vignettes", doomed))
    assert outcome.saved, outcome.message
    assert doomed not in session.link_options(path, "vignettes")
    assert f"id: {doomed}" not in path.read_text()


def test_the_files_settings_hold_its_content_note(content_copy: Path) -> None:
    path = content_copy / SCENARIO
    session = AuthoringSession(content_copy)
    ref = ItemRef(path.resolve(), FILE_SETTINGS)
    values = session.values(ref)
    assert "nodes" not in values and "schema_version" not in values
    values["content_note"]["themes"].append("a theme added by a trainer")
    assert session.save(ref, values).saved
    assert "    - a theme added by a trainer\n" in path.read_text()


def test_forms_come_from_the_models() -> None:
    node = {f.key: f for f in fields_of(ScenarioNode)}
    assert node["text"].kind == "markdown"
    assert node["facilitator_notes"].kind == "text" and not node["facilitator_notes"].required
    assert node["stage"].kind == "choice" and "exuberance" in node["stage"].options
    choice = {f.key: f for f in node["choices"].children}
    assert choice["goes_to"].link == "nodes"
    assert node["ending"].kind == "group" and not node["ending"].required
    vignette = {f.key: f for f in fields_of(Vignette)}
    assert vignette["id"].kind == "id"
    assert vignette["other_choices"].kind == "mapping" and vignette["other_choices"].options == (
        "hurt",
        "harm",
        "abuse",
    )
    assert vignette["facts"].kind == "group"
