"""ipywidgets views of the curriculum. A module notebook calls ``show_module``; the landing page ``show_landing``."""

from .page import show_landing, show_module

__all__ = ["show_landing", "show_module"]
