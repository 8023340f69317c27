"""Pure-Python core of the Harm and Repair curriculum.

Content model, loading with line numbers, validation, engines and the CLI live here.
Nothing in this package imports ipywidgets: views live in the ``widgets`` package.
"""

__version__ = "0.1.0"
