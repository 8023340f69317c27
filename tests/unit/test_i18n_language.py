"""Which language a page uses: ?lang= first, then the browser's Accept-Language, then English."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.locales import (
    available_languages,
    choose_language,
    digest,
    match,
    page_language,
    parse_accept_language,
    with_language,
)

AVAILABLE = ["en", "es"]


@pytest.mark.parametrize(
    ("query", "accept", "expected"),
    [
        ("lang=es", "en-GB,en;q=0.9", "es"),  # the address wins over the browser
        ("lang=en", "es-MX,es;q=0.9", "en"),
        ("session=s1&lang=ES", "", "es"),
        ("lang=es-AR", "", "es"),  # a regional variant finds its language
        ("", "es-MX,es;q=0.9,en;q=0.8", "es"),
        ("", "fr-FR,fr;q=0.9,es;q=0.5", "es"),  # the best match among the available languages
        ("", "en;q=0.2,es;q=0.9", "es"),  # quality, not order, decides
        ("", "es;q=0,en;q=0.5", "en"),  # q=0 means "not this one"
        ("", "fr-FR,de", "en"),  # nothing available: English
        ("lang=fr", "es", "es"),  # an unavailable ?lang= is ignored
        ("lang=<script>", "", "en"),
        ("", "", "en"),
    ],
)
def test_language_choice(query: str, accept: str, expected: str) -> None:
    assert choose_language(query, accept, AVAILABLE) == expected


def test_page_language_reads_what_voila_puts_in_the_environment() -> None:
    env = {"QUERY_STRING": "", "HTTP_ACCEPT_LANGUAGE": "es-419,es;q=0.9"}
    assert page_language(AVAILABLE, env) == "es"
    assert page_language(AVAILABLE, {"QUERY_STRING": "lang=en", **{"HTTP_ACCEPT_LANGUAGE": "es"}}) == "en"
    assert page_language(AVAILABLE, {}) == "en"


def test_accept_language_parsing_and_matching() -> None:
    assert parse_accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") == ["fr-CH", "fr", "en", "de"]
    assert parse_accept_language("en;q=oops") == []
    assert match("pt-BR", ["en", "pt"]) == "pt"
    assert match("pt", ["en", "pt-BR"]) is None


def test_available_languages_are_english_and_every_locale_with_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "locales" / "es").mkdir(parents=True)
    (tmp_path / "locales" / "es" / "locale.yaml").write_text("type: locale\n", encoding="utf-8")
    (tmp_path / "locales" / "fr").mkdir()  # no manifest: not offered
    assert available_languages(tmp_path) == ["en", "es"]
    assert available_languages(tmp_path / "nowhere") == ["en"]


def test_links_keep_the_page_language() -> None:
    assert with_language("index.ipynb", "es") == "index.ipynb?lang=es"
    assert with_language("index.ipynb", "en") == "index.ipynb"
    assert with_language("index.ipynb", "en", always=True) == "index.ipynb?lang=en"
    assert with_language("index.ipynb?x=1", "es") == "index.ipynb?x=1&lang=es"


def test_the_digest_ignores_layout_and_order_but_not_values() -> None:
    data = {"title": "A", "items": [{"id": "one", "text": "x"}]}
    assert digest(data) == digest({"items": [{"text": "x", "id": "one"}], "title": "A"})
    assert digest(data) != digest({"title": "A", "items": [{"id": "one", "text": "y"}]})
    assert len(digest(data)) == 16
