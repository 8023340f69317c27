"""ipywidgets views of the curriculum. Notebook cells call the ``show_*`` functions."""

from .page import (
    show_activity,
    show_key_points,
    show_landing,
    show_overview,
    show_section,
    show_shell,
    show_whats_next,
)

__all__ = [
    "show_activity",
    "show_key_points",
    "show_landing",
    "show_overview",
    "show_section",
    "show_shell",
    "show_whats_next",
]
