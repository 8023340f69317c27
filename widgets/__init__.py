"""ipywidgets views of the curriculum.

A module notebook calls ``show_module``; the landing page ``show_landing``; the facilitator page ``show_facilitator``;
the authoring page ``show_authoring``.
"""

from .page import show_facilitator, show_landing, show_module


def show_authoring() -> None:
    """The authoring page (imported only there: it loads the round-trip YAML editor and the validator)."""
    from .authoring import show_authoring as show

    show()


__all__ = ["show_authoring", "show_facilitator", "show_landing", "show_module"]
