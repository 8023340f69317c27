"""The authoring page, driven through its widgets as a trainer would use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.authoring import ENABLE_VARIABLE, AuthoringPage, build_authoring
from widgets.authoring_form import ChoiceNode, ListNode, TextNode
from widgets.safe import is_hidden

SCENARIO = "unhealthy-attachment/scenario-outreach.yaml"
VIGNETTES = "hurt-harm-abuse/vignettes.yaml"


def _open(page: AuthoringPage, root: Path, module: str, rel: str, item: str | int) -> None:
    """Choose the module, file and item (an item's key, or its place in the list)."""
    page.module.value = module
    page.file.value = str((root / rel).resolve())
    page.item.value = page.item.options[item][1] if isinstance(item, int) else item


def _text(page: AuthoringPage, key: str) -> TextNode:
    node = page.nodes[key]
    assert isinstance(node, TextNode)
    return node


def test_the_page_is_off_unless_the_server_turned_authoring_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENABLE_VARIABLE, raising=False)
    off = build_authoring()
    assert "Authoring is turned off" in off.value and "make author" in off.value


def test_a_choice_edited_in_the_form_is_saved_and_previewed_by_the_trainee_widget(content_copy: Path) -> None:
    page = AuthoringPage(content_copy)
    _open(page, content_copy, "unhealthy-attachment", SCENARIO, "nodes/start")
    choices = page.nodes["choices"]
    assert isinstance(choices, ListNode)
    goes_to = choices.entries[0]["goes_to"]
    assert isinstance(goes_to, ChoiceNode) and goes_to.input.value == "role-agreement"
    assert "speaking-requests" in [value for _, value in goes_to.input.options]
    choices.entries[0]["text"].input.value = "Meet Inés this week to agree her role <b>together</b>."  # type: ignore[attr-defined]

    assert not page.save.disabled
    assert type(page.preview.children[0]).__name__ == "ScenarioPlayer"
    page.save.click()

    assert "Saved scenario-outreach.yaml" in page.status.value
    assert "Meet Inés this week to agree her role <b>together</b>." in (content_copy / SCENARIO).read_text()


def test_a_problem_shows_beside_its_field_and_blocks_saving(content_copy: Path) -> None:
    before = (content_copy / VIGNETTES).read_bytes()
    page = AuthoringPage(content_copy)
    _open(page, content_copy, "hurt-harm-abuse", VIGNETTES, 1)
    title = _text(page, "title")
    title.input.value = ""

    assert not is_hidden(title.problems) and "empty" in title.problems.value
    assert page.save.disabled
    page.save.click()
    assert (content_copy / VIGNETTES).read_bytes() == before

    title.input.value = "A new title <script>alert(1)</script>"
    assert is_hidden(title.problems) and not page.save.disabled
    assert type(page.preview.children[0]).__name__ == "ClassificationActivity"


def test_markdown_fields_show_a_safe_preview(content_copy: Path) -> None:
    page = AuthoringPage(content_copy)
    _open(page, content_copy, "hurt-harm-abuse", VIGNETTES, 1)
    text = _text(page, "text")
    assert text.preview is not None
    text.input.value = "Some **bold** words and <img src=x onerror=alert(1)>"
    assert "<strong>bold</strong>" in text.preview.value
    assert "<img" not in text.preview.value


def test_delete_asks_first_and_then_removes_the_item(content_copy: Path) -> None:
    page = AuthoringPage(content_copy)
    _open(page, content_copy, "hurt-harm-abuse", VIGNETTES, 2)
    doomed = page.item.value.split("/", 1)[1]
    page.delete.click()
    assert not is_hidden(page.confirm_box)
    assert f"id: {doomed}" in (content_copy / VIGNETTES).read_text()
    page.cancel.click()
    assert is_hidden(page.confirm_box)

    page.delete.click()
    page.confirm.click()
    assert "Deleted" in page.status.value
    assert f"id: {doomed}" not in (content_copy / VIGNETTES).read_text()
    assert all(not value.endswith("/" + doomed) for _, value in page.item.options)


def test_a_new_item_starts_from_a_template_and_joins_the_list_when_saved(content_copy: Path) -> None:
    page = AuthoringPage(content_copy)
    _open(page, content_copy, "hurt-harm-abuse", VIGNETTES, 1)
    page.new_kind.value = "vignettes"
    page.create.click()
    _text(page, "title").input.value = "Ana's first week"
    page.save.click()
    assert "Saved" in page.status.value
    assert page.item.value == "vignettes/new-vignette-1"
    assert "Ana's first week" in (content_copy / VIGNETTES).read_text()


def test_a_file_changed_on_disk_is_not_overwritten(content_copy: Path) -> None:
    page = AuthoringPage(content_copy)
    _open(page, content_copy, "hurt-harm-abuse", VIGNETTES, 1)
    elsewhere = (content_copy / VIGNETTES).read_text() + "# changed in a text editor\n"
    (content_copy / VIGNETTES).write_text(elsewhere)
    _text(page, "title").input.value = "Typed in the browser"
    page.save.click()
    assert "changed on disk" in page.status.value
    assert (content_copy / VIGNETTES).read_text() == elsewhere
    page.reload.click()
    assert "Reloaded" in page.status.value


def test_a_translation_is_edited_in_its_own_file_and_may_change_only_text(content_copy: Path) -> None:
    english = (content_copy / VIGNETTES).read_bytes()
    page = AuthoringPage(content_copy)
    assert ("Español (Spanish)", "es") in page.language.options and not is_hidden(page.language)
    page.language.value = "es"
    page.file.value = str((content_copy / "locales/es" / VIGNETTES).resolve())
    answer = page.nodes["answer"]
    assert isinstance(answer, ChoiceNode)
    english_answer = answer.input.value
    answer.input.value = "abuse" if english_answer != "abuse" else "hurt"
    assert "in the English file" in answer.problems.value and page.save.disabled

    answer.input.value = english_answer
    _text(page, "title").input.value = "Un pronombre equivocado"
    page.save.click()
    assert "Saved vignettes.yaml" in page.status.value
    assert "Un pronombre equivocado" in (content_copy / "locales/es" / VIGNETTES).read_text()
    assert (content_copy / VIGNETTES).read_bytes() == english

    page.module.value = "unhealthy-attachment"
    assert page.file.options == () and "no translation" in page.status.value
