"""Every module page follows one skeleton, and notebooks hold nothing but single calls.

The page's order lives in the ``outline`` of each module.yaml (so trainers reorder a page
without touching a notebook); a module notebook is the one call ``show_module(id)``.
"""

import ast
import json
from pathlib import Path

import pytest

from curriculum.content import load_curriculum
from curriculum.paths import modules_dir
from tests.conftest import CONTENT

REQUIRED_PARTS = ["overview", "key-points", "whats-next"]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def _src(cell: dict) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _calls(path: Path) -> list[ast.Call]:
    """The calls in the notebook's code cells: each cell is ``from widgets import f`` and one call."""
    calls = []
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse(_src(cell))
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                assert node.module == "widgets", f"{path.name}: import only from widgets"
                continue
            assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call), f"{path.name}: only calls"
            assert all(isinstance(a, ast.Constant) for a in node.value.args), "arguments are plain values"
            calls.append(node.value)
        assert sum(not isinstance(n, ast.ImportFrom) for n in tree.body) <= 1, f"{path.name}: one call per cell"
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


def test_every_registered_module_notebook_is_one_show_module_call() -> None:
    curriculum = load_curriculum(CONTENT)
    assert curriculum.registry is not None
    for entry in curriculum.registry.modules:
        calls = _calls(modules_dir() / entry.notebook)
        assert len(calls) == 1, f"{entry.notebook}: the page is built by one call"
        call = calls[0]
        assert isinstance(call.func, ast.Name) and call.func.id == "show_module", entry.notebook
        assert [a.value for a in call.args] == [entry.id], f"{entry.notebook} shows its own module"


def test_every_registered_module_outline_follows_the_skeleton() -> None:
    """Overview first, then teaching and activities, then key points and what's next."""
    curriculum = load_curriculum(CONTENT)
    assert curriculum.registry is not None
    for entry in curriculum.registry.modules:
        module = curriculum.module(entry.id).module
        shown = [item for item in module.outline if item.heading is None]
        parts = [item.part for item in shown if item.part is not None]
        assert parts == REQUIRED_PARTS, f"{entry.id}: overview, key points and what's next, in that order"
        assert shown[0].part == "overview" and [i.part for i in shown[-2:]] == REQUIRED_PARTS[1:], entry.id
        activities = [item.activity for item in module.outline if item.activity is not None]
        assert sorted(activities) == sorted(a.id for a in module.activities), f"{entry.id}: every activity once"
        for item in module.outline[:-1]:
            if item.heading is not None:
                following = module.outline[module.outline.index(item) + 1]
                assert following.heading is None, f"{entry.id}: a heading is followed by content"
