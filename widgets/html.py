"""Small helpers that build the HTML fragments the widgets show."""

from __future__ import annotations

from collections.abc import Iterable

from curriculum.i18n import _
from curriculum.render import escape, markdown_to_html
from curriculum.schema import Source


def md(text: str) -> str:
    return markdown_to_html(text)


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def source_line(source: Source) -> str:
    if source.note:
        text = _("Source: Harm and Repair report, “{section}”, {note}.").format(
            section=source.section, note=source.note
        )
    else:
        text = _("Source: Harm and Repair report, “{section}”.").format(section=source.section)
    return f'<p class="hr-note"><em>{escape(text)}</em></p>'


def heading(text: str, level: int = 3) -> str:
    return f"<h{level}>{escape(text)}</h{level}>"
