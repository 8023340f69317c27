"""ipywidgets views of the curriculum.

A module notebook calls ``show_module``; the landing page ``show_landing``; the facilitator page ``show_facilitator``.
"""

from .page import show_facilitator, show_landing, show_module

__all__ = ["show_facilitator", "show_landing", "show_module"]
