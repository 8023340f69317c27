"""Turn content Markdown into safe HTML, and escape anything a person typed.

Content files are written by trainers and may be edited by anyone who deploys the
curriculum, so raw HTML in them is reduced to a small allowlist; text typed into a
page is always escaped before it is shown again.
"""

from __future__ import annotations

import html

import markdown as _markdown
import nh3

_ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "code",
    "span",
    "abbr",
    "hr",
}
_ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "span": {"lang"}}


def markdown_to_html(text: str) -> str:
    """Render trainer-written Markdown; scripts, styles and event attributes are removed."""
    rendered = _markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        rendered,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes={"https", "http", "mailto", "tel", "sms"},
        link_rel="noopener noreferrer",
    )


def escape(text: str) -> str:
    """Escape plain text for HTML, quotes included."""
    return html.escape(text, quote=True)
