"""Wrap every widget callback: log errors on the server, show the trainee a short kind message.

ipywidgets swallows exceptions raised in ``on_click`` handlers, and ``Output.capture``
would print the full traceback on the page. Neither is acceptable, so every handler
goes through :func:`guarded`.
"""

from __future__ import annotations

import functools
import logging
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as w

from curriculum.i18n import _

from . import ui

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger("harm_repair")
if not log.handlers:
    # sys.__stderr__ is the kernel process's own stderr, which Voilà writes to its
    # server log. sys.stderr inside a kernel would send the text to the page instead.
    _handler = logging.StreamHandler(sys.__stderr__)
    _handler.setFormatter(logging.Formatter("[harm-repair] %(levelname)s %(name)s: %(message)s"))
    log.addHandler(_handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def log_failure(what: str) -> None:
    """Log the current exception for maintainers: its type and where it happened.

    The exception's message is left out on purpose: messages can quote values (a
    validation error repeats its input), and a trainee's notes must never reach a log.
    """
    kind, _value, tb = sys.exc_info()
    frames = "".join(traceback.format_tb(tb)) if tb is not None else ""
    log.error("%s failed with %s\n%s", what, kind.__name__ if kind else "an error", frames.rstrip())


def friendly_error_html() -> str:
    return (
        '<div role="alert" class="hr-panel">'
        + _(
            "Something went wrong on our side. Nothing you did caused it. "
            "Your work on this page is still here; try again, or reload the page if it keeps happening."
        )
        + "</div>"
    )


class ErrorNotice(w.HTML):
    """A place near the controls where the friendly message appears."""

    def __init__(self) -> None:
        super().__init__(value="", layout=ui.layout(), style=ui.html_style())
        self.add_class("hr-error")

    def show(self) -> None:
        self.value = friendly_error_html()

    def clear(self) -> None:
        self.value = ""


def guarded(notice: ErrorNotice | None, what: str) -> Callable[[F], F]:
    """Decorator for callbacks. ``what`` names the action in the server log (never user text)."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                result = fn(*args, **kwargs)
            except Exception:
                log_failure(f"callback '{what}'")
                if notice is not None:
                    notice.show()
                return None
            if notice is not None and notice.value:
                notice.clear()
            return result

        return wrapper  # type: ignore[return-value]

    return decorate


def button(label: str, *, primary: bool = False, tooltip: str | None = None) -> w.Button:
    """A button whose visible label is its accessible name."""
    b = ui.button(label, tooltip=tooltip)
    if primary:
        b.button_style = "primary"
    return b


HIDDEN_CLASS = "hr-hidden"


def hidden(widget: w.DOMWidget, is_hidden: bool = True) -> None:
    """Hide or show a widget (hidden widgets are out of the tab order and of screen readers).

    A CSS class (``display: none`` in the page template), not ``layout.display``:
    layouts are shared between widgets (see :mod:`widgets.ui`).
    """
    if is_hidden:
        widget.add_class(HIDDEN_CLASS)
    else:
        widget.remove_class(HIDDEN_CLASS)


def is_hidden(widget: w.DOMWidget) -> bool:
    return HIDDEN_CLASS in widget._dom_classes
