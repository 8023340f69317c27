"""Shared Layout and Style models: fewer models per page, and nothing may mutate them."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
from ipywidgets.widgets import widget as widget_module

from widgets import page, ui
from widgets.safe import hidden, is_hidden

WIDGETS_DIR = Path(__file__).resolve().parents[2] / "widgets"
#: ``x.layout.width = ...``, ``x.style.button_color = ...``, ``setattr(x.layout, ...)``
MUTATION = re.compile(r"\.(layout|style)\.\w+\s*=[^=]|setattr\([^)]*\.(layout|style)\b")


def test_no_widget_module_mutates_a_layout_or_style() -> None:
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(WIDGETS_DIR.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if MUTATION.search(line)
    ]
    assert offenders == [], "shared layouts and styles must not be changed; use a CSS class"


def test_controls_share_one_layout_and_style_per_kind() -> None:
    a, b = ui.html("<p>a</p>"), ui.html("<p>b</p>")
    first, second = ui.button("One"), ui.button("Two")
    assert a.layout is b.layout and a.style is b.style
    assert first.layout is second.layout and first.style is second.style
    assert first.layout is not a.layout, "buttons have their own shape"
    assert first.layout.width == "auto"


def test_hiding_uses_a_class_and_leaves_the_shared_layout_alone() -> None:
    a, b = ui.html("<p>a</p>"), ui.html("<p>b</p>")
    hidden(a)
    assert is_hidden(a) and not is_hidden(b)
    assert a.layout.display is None
    hidden(a, False)
    assert not is_hidden(a)


def test_a_closed_shared_model_is_replaced() -> None:
    before = ui.html("x").layout
    w.Widget.close_all()
    after = ui.html("y").layout
    assert after is not before and after.comm is not None


def test_a_module_page_has_far_fewer_models_than_controls_times_three() -> None:
    w.Widget.close_all()
    page._sessions.clear()
    for build in (
        lambda: page.build_shell("hurt-harm-abuse"),
        lambda: page.build_activity("hurt-harm-abuse", "classify-vignettes"),
        lambda: page.build_activity("hurt-harm-abuse", "reflect-on-practice"),
    ):
        build()
    models = list(widget_module._instances.values())
    layouts = [m for m in models if isinstance(m, w.Layout)]
    controls = [m for m in models if isinstance(m, w.DOMWidget)]
    assert len(layouts) <= 6 < len(controls), f"{len(layouts)} layouts for {len(controls)} controls"
