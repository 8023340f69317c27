"""Read YAML content files and remember the line of every value.

Trainers edit these files by hand, so every later error must point at ``file:line``.
PyYAML's node tree carries positions; we build plain data from it and keep a map
from each value's path (``("vignettes", 3, "answer")``) to its 1-based line.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is much faster when present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedFile:
    """A parsed YAML file with the line of every key and value."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, loc: Path_) -> int:
        """Line of ``loc``, or of its nearest parent that has one (1 when nothing matches)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


class YamlSyntaxError(Exception):
    """The file is not valid YAML. Carries the line and a plain-words explanation."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class DuplicateKeyError(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


def _build(node: yaml.Node, loc: Path_, lines: dict[Path_, int], loader: Any) -> Any:
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (dict, list)):
                key = str(key)
            if key in result:
                raise DuplicateKeyError(str(key), key_node.start_mark.line + 1)
            child = (*loc, key if isinstance(key, (str, int)) else str(key))
            lines[child] = key_node.start_mark.line + 1
            result[key] = _build(value_node, child, lines, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*loc, i), lines, loader) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def parse_yaml(text: str, path: Path) -> LoadedFile:
    """Parse ``text`` (read from ``path``) and keep line numbers. Raises :class:`YamlSyntaxError`."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LoadedFile(path, None, {(): 1})
        lines: dict[Path_, int] = {}
        data = _build(node, (), lines, loader)
    except DuplicateKeyError as err:
        raise YamlSyntaxError(
            path, err.line, f"the key '{err.key}' appears twice in the same block; keep only one"
        ) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        source_lines = text.splitlines()
        source_line = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
        raise YamlSyntaxError(path, line, _explain_yaml_error(err, source_line)) from None
    except yaml.YAMLError as err:
        raise YamlSyntaxError(path, 1, f"this is not valid YAML ({err})") from None
    finally:
        loader.dispose()
    return LoadedFile(path, data, lines)


def load_yaml(path: Path) -> LoadedFile:
    """Read and parse one file. Raises :class:`YamlSyntaxError` for bad YAML or bad encoding."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlSyntaxError(path, 1, "the file is not saved as UTF-8 text; save it as UTF-8") from None
    return parse_yaml(text, path)


def _explain_yaml_error(err: yaml.MarkedYAMLError, source_line: str = "") -> str:
    """Say what PyYAML found in words a non-programmer can act on."""
    problem = (err.problem or "").strip()
    indent = source_line[: len(source_line) - len(source_line.lstrip())]
    if "\t" in indent or "'\\t'" in problem:
        return "a tab character is used for indenting; YAML needs spaces, so replace the tab with spaces"
    if "mapping values are not allowed" in problem:
        return (
            "a colon ':' appears inside a value; put the whole value in quotes, "
            "or use '|' and write the text on the next lines"
        )
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "the indentation does not line up with the lines around it; check the spaces at the start of the line"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return f"{problem}; check this line"
    return f"this is not valid YAML ({problem or err}); check the indentation and quotes on this line"
