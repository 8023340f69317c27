"""Turn content Markdown into safe HTML, and escape anything a person typed.

Content files are written by trainers and may be edited by anyone who deploys the
curriculum, so raw HTML in them is never passed through: every ``<`` and ``&`` in the
source is escaped before Markdown runs, and links or images whose address is not
http(s), mailto, tel or sms (``javascript:`` for example) lose that address. The only
markup left is what Markdown itself produces. Text typed into a page is always escaped
before it is shown again.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import markdown as _markdown
from markdown.extensions import Extension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.treeprocessors import Treeprocessor

SAFE_URL = re.compile(r"^(https?:|mailto:|tel:|sms:|#|/|\.{0,2}/?[\w.-]+$)", re.IGNORECASE)


class _SafeLinks(Treeprocessor):
    """Drop addresses that could run code; open outside links safely."""

    def run(self, root: ET.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not SAFE_URL.match(value.strip()):
                    del element.attrib[attribute]
            if element.tag == "a" and element.get("href", "").startswith("http"):
                element.set("rel", "noopener noreferrer")


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: _markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeLinks(md), "harm_repair_safe_links", 0)


def _escape_raw_html(text: str) -> str:
    # Keep Markdown's own syntax (">" quotes, "&" in words stays readable once escaped).
    return text.replace("&", "&amp;").replace("<", "&lt;")


def markdown_to_html(text: str) -> str:
    """Render trainer-written Markdown; raw HTML shows as text and unsafe addresses are dropped."""
    return _markdown.markdown(
        _escape_raw_html(text),
        extensions=[SaneListExtension(), SafeLinksExtension()],
        output_format="html",
    )


def escape(text: str) -> str:
    """Escape plain text for HTML, quotes included."""
    return html.escape(text, quote=True)
