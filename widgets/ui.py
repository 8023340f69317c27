"""Stock ipywidgets controls that share their Layout and Style models.

Every ipywidgets control brings its own ``Layout`` model and, for most, its own
``Style`` model. On a module page that tripled the number of models the browser must
fetch, build and render before the page is usable (150 models for ~50 controls).
The controls built here share one Layout per shape and one Style per kind instead.

The rule that keeps sharing safe: **nothing mutates a shared Layout or Style.**
Hiding and showing goes through a CSS class (see :func:`widgets.safe.hidden`), and
a control that needs a different shape gets another shared layout by name.
``tests/widgets/test_ui.py`` checks that no widget module writes to ``.layout`` or
``.style`` attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeVar

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

Shape = Literal["default", "auto-width", "row-wrap", "full-width-tall", "full-width", "full-width-line"]

_SHAPES: dict[str, dict[str, str]] = {
    "default": {},
    "auto-width": {"width": "auto"},
    "row-wrap": {"flex_flow": "row wrap"},
    "full-width-tall": {"width": "100%", "height": "6rem", "flex_flow": "column"},
    "full-width": {"width": "100%", "height": "5rem", "flex_flow": "column"},
    "full-width-line": {"width": "100%", "flex_flow": "column"},
}

_layouts: dict[str, w.Layout] = {}
_styles: dict[tuple[type, tuple[tuple[str, str], ...]], w.Widget] = {}

S = TypeVar("S", bound=w.Widget)


def _alive(model: w.Widget | None) -> bool:
    # A model closed by ``Widget.close_all()`` (tests do this) has no comm any more.
    return model is not None and getattr(model, "comm", None) is not None


def layout(shape: Shape = "default") -> w.Layout:
    """The page's one Layout model of this shape (created on first use, per kernel)."""
    model = _layouts.get(shape)
    if not _alive(model):
        model = w.Layout(**_SHAPES[shape])
        _layouts[shape] = model
    assert model is not None
    return model


def style(kind: type[S], **traits: str) -> S:
    """The page's one Style model of this kind with these trait values."""
    key = (kind, tuple(sorted(traits.items())))
    model = _styles.get(key)
    if not _alive(model):
        model = kind(**traits)
        _styles[key] = model
    return model  # type: ignore[return-value]


def shared(shape: Shape = "default", style_kind: type[w.Widget] | None = None) -> dict[str, Any]:
    """Keyword arguments giving a control (or a subclass's ``super().__init__``) shared models."""
    kwargs: dict[str, Any] = {"layout": layout(shape)}
    if style_kind is not None:
        kwargs["style"] = style(style_kind)
    return kwargs


def html_style() -> HTMLStyle:
    """The shared style of HTML widgets (for subclasses of ``w.HTML``)."""
    return style(HTMLStyle)


def html(value: str = "", *, shape: Shape = "default") -> w.HTML:
    return w.HTML(value=value, **shared(shape, HTMLStyle))


def button(description: str, *, tooltip: str | None = None, shape: Shape = "auto-width") -> w.Button:
    return w.Button(description=description, tooltip=tooltip or description, **shared(shape, w.ButtonStyle))


def textarea(description: str, *, placeholder: str = "", shape: Shape = "full-width-tall") -> w.Textarea:
    """A text box whose label (``description``) is shown in full and is its accessible name."""
    return w.Textarea(
        description=description,
        placeholder=placeholder,
        layout=layout(shape),
        style=style(TextStyle, description_width="initial"),
    )


def vbox(children: Sequence[w.Widget] = (), *, shape: Shape = "default") -> w.VBox:
    return w.VBox(list(children), **shared(shape))


def hbox(children: Sequence[w.Widget] = (), *, shape: Shape = "row-wrap") -> w.HBox:
    return w.HBox(list(children), **shared(shape))


def text(description: str, *, placeholder: str = "") -> w.Text:
    """A one-line text box; ``description`` is its visible label and accessible name.

    Its value reaches the kernel when the box loses focus or Enter is pressed, in one
    piece: typing a code and pressing Tab then Enter on a button could otherwise reach
    the kernel before the last keystroke did (seen in the browser tests).
    """
    return w.Text(
        description=description,
        placeholder=placeholder,
        continuous_update=False,
        layout=layout("full-width-line"),
        style=style(TextStyle, description_width="initial"),
    )


def dropdown(description: str, options: Sequence[tuple[str, str]], *, shape: Shape = "auto-width") -> w.Dropdown:
    """A labelled select from (label, value) pairs (``full-width-line`` for long labels)."""
    return w.Dropdown(
        description=description,
        options=list(options),
        layout=layout(shape),
        style=style(DescriptionStyle, description_width="initial"),
    )


def password(description: str) -> w.Password:
    """A one-line secret field (its characters are not shown), synced like :func:`text`."""
    return w.Password(
        description=description,
        continuous_update=False,
        layout=layout("full-width-line"),
        style=style(TextStyle, description_width="initial"),
    )
