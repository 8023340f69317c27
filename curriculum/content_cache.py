"""A cache of validated content, so a page's kernel skips parsing and validating YAML.

Every page is a fresh kernel, and validating every content file costs a noticeable part
of a page's start-up. The first load (or ``harm-repair validate``) stores the validated
result; later kernels load it in a couple of milliseconds. The key is a hash of every
content file (translations included), of the code that validates it (the package's own
modules and its schema), the notebook names, the release and the page's language, so any
edit makes a new key and the old entry is never used again. A result is stored only if
nothing changed while it was being computed.

The cache lives in the project's own ``.cache/`` folder (or ``HARM_REPAIR_CACHE_DIR``),
written by the same account that runs the curriculum: it is trusted like the code is.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .paths import PROJECT_ROOT, modules_dir

if TYPE_CHECKING:
    from .content import Curriculum

PACKAGE_DIR = Path(__file__).resolve().parent
#: The code whose behaviour decides what "valid" means: loader, validator, messages, schema.
VALIDATING_CODE = ("*.py", "schema/*.py")


def cache_dir() -> Path:
    return Path(os.environ.get("HARM_REPAIR_CACHE_DIR") or PROJECT_ROOT / ".cache")


def fingerprint(root: Path, language: str = "en") -> str:
    """The cache key of this content folder, as the pages of ``language`` see it (translations are under root)."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}\0{root.resolve()}\0{language}\0".encode())
    for pattern in VALIDATING_CODE:
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0" + path.read_bytes())
    for path in sorted(root.rglob("*.y*ml")):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for path in sorted(modules_dir().glob("*.ipynb")):
        digest.update(path.name.encode() + b"\0")
    return digest.hexdigest()[:32]


def _path(key: str) -> Path:
    return cache_dir() / f"content-{key}.pickle"


def load(root: Path, key: str | None = None) -> Curriculum | None:
    """The cached curriculum for this exact content, or None."""
    try:
        with _path(key or fingerprint(root)).open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None


def store(root: Path, curriculum: Curriculum, key: str | None = None) -> None:
    """Write the cache atomically; a read-only deployment simply goes without it.

    ``key`` is the fingerprint taken before the content was validated: if a file was
    edited meanwhile, the result may mix old and new files and is not stored.
    """
    if curriculum.registry is None and not curriculum.problems:
        return  # an inconsistent result (no registry, yet no problem to say why) is never kept
    current = fingerprint(root, curriculum.language)
    if key is not None and key != current:
        return
    target = _path(current)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".content-", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(curriculum, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        return
