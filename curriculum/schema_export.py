"""Export the JSON Schema of every content type, so editors can check and autocomplete YAML."""

from __future__ import annotations

import json
from pathlib import Path

from .paths import schemas_dir
from .schema import MODELS


def schema_documents() -> dict[str, str]:
    """File name -> JSON text, one schema per content type."""
    docs = {}
    for kind, model in sorted(MODELS.items()):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{kind}.schema.json"
        docs[f"{kind}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return docs


def export_schemas(target: Path | None = None) -> list[Path]:
    """Write every schema; returns the paths written."""
    target = target or schemas_dir()
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_documents().items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(target: Path | None = None) -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    target = target or schemas_dir()
    stale = []
    for name, text in schema_documents().items():
        path = target / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale
