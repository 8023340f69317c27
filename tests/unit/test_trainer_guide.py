"""The trainer guide: its checklist agrees with the records' schema, and it prints as a safe page."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from curriculum.cli import main
from curriculum.paths import PROJECT_ROOT
from curriculum.schema import CHECKLIST
from curriculum.trainer_guide import (
    GUIDE_PATH,
    guide_checklist,
    render_trainer_guide,
    trainer_guide_path,
    write_trainer_guide,
)
from tests.conftest import CONTENT, FIXTURES

ORIGINALITY = PROJECT_ROOT.parent / "shared" / "tools" / "originality.py"

SECTIONS = [
    "Contents",
    "Who this guide is for, and what you need",
    "How a module is built",
    "Adapting in a text editor",
    "Adapting in the browser",
    "Translating",
    "Checking representation",
    "Running a pilot",
    "The adaptation checklist",
    "The adaptation record",
    "Troubleshooting",
]


@pytest.fixture(scope="module")
def text() -> str:
    return GUIDE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(text: str) -> str:
    return render_trainer_guide(text)


def _part(text: str, heading: str) -> str:
    """The Markdown of one ``##`` part of the guide."""
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_the_guide_checklist_matches_the_records_checklist(text: str) -> None:
    assert guide_checklist(text) == list(CHECKLIST.items())


def test_every_checklist_item_asks_questions_and_cites_the_report(text: str) -> None:
    part = _part(text, "The adaptation checklist")
    items = re.split(r"\n### \d+\. ", part)[1:]
    assert len(items) == len(CHECKLIST)
    for item in items:
        assert item.count("?") >= 3, item[:60]
        assert "Source: Harm and Repair report" in item, item[:60]


def test_the_guide_explains_each_answer_and_review_status(text: str) -> None:
    for word in ("`yes`", "`partly`", "`not yet`", "`does not apply`", "`draft`", "`in review`", "`approved`"):
        assert word in text


def test_the_printable_page_has_every_section_in_order(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert re.findall(r"<h2[^>]*>(.*?)</h2>", page) == SECTIONS
    links = re.findall(r'<nav [^>]*class="contents".*?</nav>', page, re.DOTALL)[0]
    assert links.count("<li>") == len(SECTIONS) - 1
    assert page.count('class="major') == len(SECTIONS) - 1
    assert page.count('class="major new-page"') == 3
    for title in CHECKLIST.values():
        assert title in page


def test_headings_go_down_one_level_at_a_time(page: str) -> None:
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", page)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after - before <= 1 for before, after in pairwise(levels))


def test_tables_have_column_headers_and_the_page_loads_nothing(page: str) -> None:
    tables = page.count("<table>")
    assert tables >= 4
    assert page.count("<thead>") == tables
    assert '<th scope="col">' in page and "<th>" not in page
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert not re.search(r"(src|href)=\"//", page)
    assert "@media print" in page and "break-before:page" in page


def test_code_keeps_its_angle_brackets_and_raw_html_stays_text() -> None:
    page = render_trainer_guide(
        "# Guide\n\n## Part\n\nHello <script>alert(1)</script> [x](javascript:alert(2))\n\n"
        "```sh\nharm-repair new adaptation <NAME>\n```\n"
    )
    assert "<script" not in page and "javascript:" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "harm-repair new adaptation &lt;NAME&gt;" in page
    assert "<title>Guide</title>" in page


def test_write_trainer_guide(tmp_path: Path) -> None:
    assert write_trainer_guide(tmp_path, tmp_path / "missing.md") is None
    written = write_trainer_guide(tmp_path / "out")
    assert written == tmp_path / "out" / "trainer-guide.html"
    assert "The adaptation checklist" in written.read_text(encoding="utf-8")


def test_the_guide_is_found_beside_the_facilitator_guides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HARM_REPAIR_TRAINER_GUIDE", raising=False)
    assert trainer_guide_path(PROJECT_ROOT / "facilitator_guides") == GUIDE_PATH
    monkeypatch.setenv("HARM_REPAIR_TRAINER_GUIDE", str(tmp_path / "guide.md"))
    assert trainer_guide_path(PROJECT_ROOT / "facilitator_guides") == tmp_path / "guide.md"


def test_cli_guides_prints_the_trainer_guide_and_the_records(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project folder with its guides, docs and records side by side, as in a checkout."""
    project = tmp_path / "project"
    (project / "facilitator_guides").mkdir(parents=True)
    (project / "docs").mkdir()
    (project / "adaptations").mkdir()
    shutil.copy(GUIDE_PATH, project / "docs" / "trainer-guide.md")
    shutil.copy(FIXTURES / "adaptations" / "valid.yaml", project / "adaptations" / "valid.yaml")
    for name in ("HARM_REPAIR_TRAINER_GUIDE", "HARM_REPAIR_ADAPTATIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HARM_REPAIR_CONTENT", str(CONTENT))
    monkeypatch.setenv("HARM_REPAIR_GUIDES", str(project / "facilitator_guides"))
    out = tmp_path / "out"
    assert main(["guides", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["adaptation-valid.html", "trainer-guide.html"]
    shutil.copy(FIXTURES / "adaptations" / "unknown-module.yaml", project / "adaptations" / "unknown-module.yaml")
    assert main(["guides", "--out", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "unknown-module.yaml:14: error: there is no module 'hurt-harm-abuses'" in printed
    assert "Not written: unknown-module.yaml." in printed


@pytest.mark.skipif(not ORIGINALITY.is_file(), reason="the shared originality tool lives beside the checkout")
def test_no_ten_word_run_is_copied_from_the_report() -> None:
    result = subprocess.run(
        [sys.executable, str(ORIGINALITY), "docs", "adaptations"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
