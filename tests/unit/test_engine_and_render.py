import pytest

from curriculum.content import load_curriculum
from curriculum.engines.classification import assess, assess_step
from curriculum.render import escape, markdown_to_html
from curriculum.schema import Classification


def _vignettes() -> Classification:
    content = load_curriculum().module("hurt-harm-abuse").contents["sector-vignettes"]
    assert isinstance(content, Classification)
    return content


def test_matching_choice_is_acknowledged_with_the_three_dimensions() -> None:
    vignette = _vignettes().vignettes[0]
    result = assess(vignette, vignette.answer)
    assert result.matches
    assert result.choice_note is None
    assert result.dimensions == vignette.feedback
    assert "That is how the framework reads" in result.headline


def test_other_choice_gets_the_framework_reading_and_its_note() -> None:
    vignette = next(v for v in _vignettes().vignettes if v.other_choices)
    level, note = next(iter(vignette.other_choices.items()))
    result = assess(vignette, level)
    assert not result.matches
    assert result.choice_note == note
    assert "The framework points to" in result.headline


def test_unknown_choice_is_refused() -> None:
    with pytest.raises(ValueError):
        assess(_vignettes().vignettes[0], "<script>")
    with pytest.raises(ValueError):
        assess_step("harm", "serious")


def test_markdown_keeps_formatting_and_shows_raw_html_as_text() -> None:
    html = markdown_to_html("**bold** <script>alert(1)</script> <img src=x onerror=y> & more")
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=y&gt;" in html
    assert "&amp; more" in html


def test_markdown_links_keep_safe_addresses_only() -> None:
    html = markdown_to_html("[a](javascript:alert(1)) [b](https://example.org) [c](other.ipynb) ![d](data:x)")
    assert "javascript:" not in html
    assert "data:" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer">b</a>' in html
    assert '<a href="other.ipynb">c</a>' in html


def test_escape_neutralises_markup() -> None:
    assert escape('<b onclick="x">&') == "&lt;b onclick=&quot;x&quot;&gt;&amp;"
