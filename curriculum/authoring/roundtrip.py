"""Read and write content files without losing their comments, key order or layout.

PyYAML (used to validate) drops comments; the authoring page edits through ruamel.yaml's
round-trip mode instead, configured to the layout every content file uses (two-space
maps, list dashes indented by two), so a file that is opened and saved unchanged comes
back byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap text the author wrapped; folded blocks carry their own breaks
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ChangedOnDisk(Exception):
    """The file changed on disk after it was opened; saving would overwrite someone's work."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} was changed on disk after you opened it (perhaps in a text editor or another tab). "
            "Nothing was saved. Reload the file to see the other changes, then make your edit again."
        )
        self.path = path


@dataclass
class YamlDocument:
    """One content file as opened: its round-trip data and a fingerprint of the bytes it came from."""

    path: Path
    text: str
    data: Any
    opened_digest: str

    def dump(self, data: Any | None = None) -> str:
        """The YAML text of ``data`` (the document's own data when omitted)."""
        out = io.StringIO()
        _yaml().dump(self.data if data is None else data, out)
        return out.getvalue()


def parse(text: str) -> Any:
    return _yaml().load(text)


def open_document(path: Path) -> YamlDocument:
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    return YamlDocument(path, text, parse(text), digest(raw))


def save_text(path: Path, text: str, opened_digest: str) -> Path:
    """Write ``text`` to ``path`` atomically, keeping the previous version as ``<name>.bak``.

    Raises :class:`ChangedOnDisk` (and writes nothing) when the file's bytes no longer match
    ``opened_digest``. Returns the backup's path.
    """
    current = path.read_bytes() if path.exists() else b""
    if digest(current) != opened_digest:
        raise ChangedOnDisk(path)
    backup = path.with_name(path.name + ".bak")
    if path.exists():
        shutil.copy2(path, backup)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            shutil.copymode(path, temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return backup
