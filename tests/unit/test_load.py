from pathlib import Path

import pytest

from curriculum.load import YamlSyntaxError, parse_yaml

TEXT = """\
schema_version: 1
type: reflection
prompts:
  - id: first
    text: One
  - id: second
    text: |
      Two
      lines
"""


def test_every_value_keeps_its_line() -> None:
    loaded = parse_yaml(TEXT, Path("x.yaml"))
    assert loaded.data["prompts"][1]["text"] == "Two\nlines\n"
    assert loaded.line_of(("type",)) == 2
    assert loaded.line_of(("prompts", 0, "id")) == 4
    assert loaded.line_of(("prompts", 1, "text")) == 7


def test_unknown_path_falls_back_to_nearest_parent() -> None:
    loaded = parse_yaml(TEXT, Path("x.yaml"))
    assert loaded.line_of(("prompts", 1, "missing-key")) == loaded.line_of(("prompts", 1))


def test_duplicate_key_is_an_error_with_its_line() -> None:
    with pytest.raises(YamlSyntaxError) as err:
        parse_yaml("a: 1\nb: 2\na: 3\n", Path("d.yaml"))
    assert err.value.line == 3
    assert "appears twice" in err.value.problem


def test_empty_file_loads_as_nothing() -> None:
    assert parse_yaml("", Path("e.yaml")).data is None
