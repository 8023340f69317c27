import json
from pathlib import Path

from curriculum.schema import MODELS
from curriculum.schema_export import export_schemas, stale_schemas


def test_committed_schemas_match_the_models() -> None:
    assert stale_schemas() == [], "run 'harm-repair schemas' (or 'make schemas') and commit schemas/"


def test_export_writes_one_schema_per_type(tmp_path: Path) -> None:
    written = export_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{k}.schema.json" for k in MODELS)
    schema = json.loads((tmp_path / "classification.schema.json").read_text())
    assert schema["additionalProperties"] is False
    assert "schema_version" in schema["required"]


def test_a_changed_schema_is_reported_stale(tmp_path: Path) -> None:
    export_schemas(tmp_path)
    (tmp_path / "module.schema.json").write_text("{}")
    assert stale_schemas(tmp_path) == ["module.schema.json"]
