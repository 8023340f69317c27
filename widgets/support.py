"""The support panel: resources from the one resources file, and the optional grounding steps."""

from __future__ import annotations

import ipywidgets as w

from curriculum.i18n import _
from curriculum.render import escape
from curriculum.schema import Contact, Resource, Resources

from . import ui
from .html import md

_HREF = {"phone": "tel:", "text": "sms:", "email": "mailto:"}


def _contact_html(contact: Contact) -> str:
    value = escape(contact.value)
    if contact.kind in _HREF:
        target = _HREF[contact.kind] + "".join(ch for ch in contact.value if ch.isalnum() or ch in "+@.-_")
        return f'{escape(contact.label)}: <a href="{escape(target)}">{value}</a>'
    if contact.kind in ("website", "chat"):
        url = contact.value if contact.value.startswith("http") else f"https://{contact.value}"
        return f'{escape(contact.label)}: <a href="{escape(url)}" rel="noopener noreferrer">{value}</a>'
    return f"{escape(contact.label)}: {value}"


def resource_html(resource: Resource) -> str:
    rows = [
        (_("What it does"), escape(resource.what_it_does)),
        (_("How to reach it"), "<br>".join(_contact_html(c) for c in resource.contacts)),
        (_("Hours"), escape(resource.hours)),
        (_("Languages"), escape(", ".join(resource.languages))),
        (_("What happens to what you share"), escape(resource.what_happens_to_what_you_share)),
    ]
    if resource.note:
        rows.append((_("Note"), escape(resource.note)))
    rows.append(
        (
            _("Checked"),
            escape(
                _("{date}; source: {source}").format(date=resource.last_verified.isoformat(), source=resource.source)
            ),
        )
    )
    body = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<section aria-label="{escape(resource.name)}"><h3>{escape(resource.name)}</h3><dl>{body}</dl></section>'


def support_panel_html(resources: Resources | None) -> str:
    if resources is None:
        return (
            '<div class="hr-panel"><h2>'
            + _("Support")
            + "</h2><p>"
            + _("The list of support services could not be loaded. If you need help now, call or text 988 in the US.")
            + "</p></div>"
        )
    items = "".join(resource_html(r) for r in resources.resources)
    return f'<div class="hr-panel"><h2>{_("Support")}</h2>{md(resources.intro)}{items}</div>'


def grounding_html(resources: Resources | None) -> str:
    if resources is None:
        return ""
    steps = "".join(f"<li>{escape(step)}</li>" for step in resources.grounding)
    return f'<div class="hr-panel"><h3>{_("A short grounding exercise, if you want one")}</h3><ol>{steps}</ol></div>'


def support_panel(resources: Resources | None) -> w.HTML:
    return ui.html(support_panel_html(resources))
