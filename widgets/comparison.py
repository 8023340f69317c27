"""A comparison table as real HTML table markup: caption, column and row headers."""

from __future__ import annotations

import ipywidgets as w

from curriculum.render import escape
from curriculum.schema import Comparison

from . import ui
from .html import md, source_line


def comparison_html(table: Comparison) -> str:
    head = "".join(f'<th scope="col">{escape(c.label)}</th>' for c in table.columns)
    body = "".join(
        f'<tr><th scope="row">{escape(row.label)}</th>'
        + "".join(f"<td>{escape(row.cells.get(c.id, ''))}</td>" for c in table.columns)
        + "</tr>"
        for row in table.rows
    )
    parts = [md(table.intro)] if table.intro else []
    parts.append(
        f'<table class="hr-table"><caption>{escape(table.caption)}</caption>'
        f"<thead><tr><td></td>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
    if table.after:
        parts.append(md(table.after))
    parts.append(source_line(table.source))
    return "".join(parts)


class ComparisonActivity(w.HTML):
    def __init__(self, activity_id: str, content: Comparison) -> None:
        super().__init__(value=comparison_html(content), layout=ui.layout(), style=ui.html_style())
        self.activity_id = activity_id
        self.add_class("hr-root")
