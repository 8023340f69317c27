"""Pure-Python core of the Harm and Repair curriculum.

Content model, loading with line numbers, validation, engines and the CLI live here.
Nothing in this package imports ipywidgets: views live in the ``widgets`` package.
"""

import os

# The curriculum uses no pydantic plugins; skipping their discovery (a scan of every
# installed package's metadata) shortens every page's start-up.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

__version__ = "0.1.0"
