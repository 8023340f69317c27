"""Pages in Spanish: the interface, the content, the language menu and the notice for an untranslated module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import ipywidgets as w
import pytest
from IPython.display import HTML

from curriculum import i18n
from widgets import page
from widgets.classification import ClassificationActivity
from widgets.facilitator import FacilitatorPage
from widgets.shell import PageShell

MODULE = "hurt-harm-abuse"
UNTRANSLATED = "unhealthy-attachment"


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This kernel's pages in Spanish, as if opened with ?lang=es (English again afterwards)."""
    monkeypatch.setenv("QUERY_STRING", "lang=es")
    monkeypatch.setattr(page, "_language", None)
    monkeypatch.setattr(page, "_explicit", False)
    try:
        yield
    finally:
        i18n.set_language("en")


def all_widgets(root: Any) -> Iterator[Any]:
    yield root
    for child in getattr(root, "children", ()):
        yield from all_widgets(child)


def _strings(state: Any) -> Iterator[str]:
    if isinstance(state, str):
        yield state
    elif isinstance(state, dict):
        for value in state.values():
            yield from _strings(value)
    elif isinstance(state, (list, tuple)):
        for value in state:
            yield from _strings(value)


def page_text(views: list[w.Widget | HTML]) -> str:
    """Everything the page sends: plain outputs and every text in the synced state of every widget."""
    parts = []
    for view in views:
        if isinstance(view, HTML):
            parts.append(str(view.data))
        else:
            parts.extend(text for x in all_widgets(view) for text in _strings(x.get_state()))
    return "\n".join(parts)


def shell_of(views: list[w.Widget | HTML]) -> PageShell:
    return next(v for v in views if isinstance(v, PageShell))


def test_the_page_language_comes_from_the_address(spanish: None) -> None:
    assert page.page_language() == "es"
    assert i18n.language() == "es"
    assert page.page_link("index.ipynb") == "index.ipynb?lang=es"


def test_the_module_page_builds_in_spanish(spanish: None) -> None:
    views = page.build_page(MODULE)
    text = page_text(views)
    for label in ("Tomar un descanso", "Apoyo y ayuda", "Mis notas y datos", "Continuar a la actividad"):
        assert label in text
    assert "Herida, daño y abuso" in text  # the module's title, from the translated module.yaml
    assert "Take a break" not in text and "Continue to the activity" not in text
    assert "todavía no está traducido" not in text
    assert 'href="index.ipynb?lang=es"' in text
    shell = shell_of(views)
    assert shell.session.store is not None and shell.session.store.language == "es"
    assert "0 de 3 actividades completadas" in shell.header.value


def test_the_language_menu_names_each_language_in_itself_and_switches(spanish: None) -> None:
    shell = shell_of(page.build_page(MODULE))
    menu = shell.language_menu
    assert menu is not None and menu.description == "Idioma"
    assert list(menu.options) == [("English", "en"), ("Español", "es")]
    assert menu.value == "es"
    store = shell.session.store
    assert store is not None
    sent: list[dict[str, Any]] = []
    store.send = sent.append  # type: ignore[method-assign]
    menu.value = "en"
    assert sent == [{"type": "language", "language": "en"}]


def test_a_vignette_is_classified_with_spanish_feedback(spanish: None) -> None:
    views = page.build_page(MODULE)
    activity = next(x for v in views for x in all_widgets(v) if isinstance(x, ClassificationActivity))
    activity.gate.continue_button.click()
    buttons = activity.choice.buttons
    assert [b.description for b in buttons.values()] == ["Herida", "Daño", "Abuso o explotación"]
    buttons["harm"].click()
    assert "Usted eligió Daño." in activity.feedback.value
    assert "Intención" in activity.feedback.value and "Impacto" in activity.feedback.value


def test_an_untranslated_module_says_so_in_spanish_and_marks_its_english(spanish: None) -> None:
    views = page.build_page(UNTRANSLATED)
    text = page_text(views)
    assert "Este módulo todavía no está traducido; su contenido se muestra en inglés." in text
    assert '<h1 lang="en">The cycle of unhealthy attachment</h1>' in text
    assert '<div lang="en">' in text
    assert "Tomar un descanso" in text  # the interface is still Spanish
    assert 'lang="en"' in shell_of(views).header.value


def test_the_landing_page_in_spanish_keeps_the_language_in_its_links(spanish: None) -> None:
    landing = page.build_landing()
    text = page_text([landing])
    assert "Daño y reparación" in text
    assert 'href="hurt-harm-abuse.ipynb?lang=es"' in text
    assert 'href="unhealthy-attachment.ipynb?lang=es"' in text
    assert "Todavía sin traducir: este módulo está en inglés." in text


def test_the_facilitator_page_has_the_language_menu(spanish: None) -> None:
    view = page.build_facilitator()
    assert isinstance(view, FacilitatorPage)
    menus = [x for x in all_widgets(view) if isinstance(x, w.Dropdown) and x.description == "Idioma"]
    assert len(menus) == 1
    assert "Página de la persona facilitadora" in page_text([view])


def test_english_pages_have_no_language_parameter_in_their_links(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "en-GB,en;q=0.9")
    monkeypatch.setattr(page, "_language", None)
    assert page.page_language() == "en"
    text = page_text(page.build_page(MODULE))
    assert 'href="index.ipynb"' in text and "Take a break" in text
    assert shell_of(page.build_page(MODULE)).language_menu is not None  # Spanish is offered


def test_the_browser_language_is_used_without_an_address_parameter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "es-MX,es;q=0.9,en;q=0.8")
    monkeypatch.setattr(page, "_language", None)
    try:
        assert page.page_language() == "es"
        assert page.page_link("index.ipynb") == "index.ipynb?lang=es"
    finally:
        i18n.set_language("en")
