"""Every module notebook follows one skeleton, and its code cells are single calls."""

import ast
import json
from pathlib import Path

import pytest

from curriculum.content import load_curriculum
from curriculum.paths import modules_dir
from tests.conftest import CONTENT

REQUIRED_HEADINGS = ["## Overview", "## Key points", "## What's next"]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _calls(path: Path) -> list[ast.Call]:
    calls = []
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(_src(cell))
        assert len(tree.body) == 1, f"{path.name}: a code cell holds one statement: {_src(cell)!r}"
        node = tree.body[0]
        if isinstance(node, ast.ImportFrom):
            assert node.module == "widgets", f"{path.name}: import only from widgets"
            continue
        assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call), f"{path.name}: one call per cell"
        assert all(isinstance(a, ast.Constant) for a in node.value.args), "arguments are plain values"
        calls.append(node.value)
    return calls


NOTEBOOKS = sorted(modules_dir().glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_single_calls(path: Path) -> None:
    _calls(path)


def test_every_registered_module_follows_the_skeleton() -> None:
    curriculum = load_curriculum(CONTENT)
    assert curriculum.registry is not None
    for entry in curriculum.registry.modules:
        path = modules_dir() / entry.notebook
        module = curriculum.module(entry.id).module
        cells = _cells(path)
        assert _src(cells[0]).strip() == f"# {module.title}", "first cell is the title from module.yaml"
        headings = [
            line
            for c in cells
            if c["cell_type"] == "markdown"
            for line in _src(c).splitlines()
            if line.startswith("## ")
        ]
        positions = [headings.index(h) for h in REQUIRED_HEADINGS]
        assert positions == sorted(positions), "Overview, Key points and What's next, in that order"
        calls = [(c.func.id, [a.value for a in c.args]) for c in _calls(path) if isinstance(c.func, ast.Name)]
        names = [name for name, _ in calls]
        assert names[0] == "show_shell" and names[1] == "show_overview"
        assert names[-2:] == ["show_key_points", "show_whats_next"]
        assert all(args[0] == entry.id for _, args in calls), "every call names this module"
        activities = [args[1] for name, args in calls if name == "show_activity"]
        assert activities == [a.id for a in module.activities], "activities appear once each, in module.yaml order"
        for name, args in calls:
            if name == "show_section":
                assert args[1] in module.sections, f"section '{args[1]}' is not in module.yaml"
