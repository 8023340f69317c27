"""The trainer guide (``docs/trainer-guide.md``) as a printable page, and its checklist.

The guide is plain Markdown that reads well on its own (in an editor or on a code forge).
:func:`render_trainer_guide` prints it like the facilitator guides: one self-contained page,
the print styles of :mod:`curriculum.guides`, every ``##`` part in its own ``<section>``, a
table of contents, and table headers marked for screen readers. Raw HTML in the Markdown is
shown as text, never passed through, and unsafe link addresses are dropped.

:func:`guide_checklist` reads the checklist back out of the guide, so a test can check that it
matches :data:`curriculum.schema.CHECKLIST`, the list an adaptation record must answer.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import markdown as _markdown
from markdown.extensions import Extension
from markdown.extensions.toc import TocExtension
from markdown.treeprocessors import Treeprocessor

from .guides import GUIDE_CSS
from .i18n import _
from .paths import PROJECT_ROOT
from .problems import Problem, ProblemReport
from .render import SafeLinksExtension
from .validate import ValidationReport

GUIDE_PATH = PROJECT_ROOT / "docs" / "trainer-guide.md"
PAGE_NAME = "trainer-guide.html"

CHECKLIST_HEADING = "The adaptation checklist"
"""The ``##`` heading of the checklist part; each ``###`` under it is one item."""
_ITEM = re.compile(r"^###\s+\d+\.\s+(?P<title>.+?)\s*$")
_ITEM_ID = re.compile(r"^Checklist id in the record:\s+`(?P<id>[a-z0-9-]+)`\s*$")

NEW_PAGE = frozenset({"the-adaptation-checklist", "the-adaptation-record", "troubleshooting"})
"""Parts that start on a new printed page (by the id of their heading)."""

_CSS = (
    "pre{white-space:pre-wrap;background:#f3f3f3;border:1px solid #767676;padding:0.5rem;break-inside:avoid}"
    "code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:0.92em}"
    "nav.contents ol{columns:2}h3{margin-top:1.5rem}"
    "@media print{nav.contents ol{columns:1}}"
)


class _NoRawHtml(Extension):
    """Raw HTML in the Markdown stays text: Markdown's own escaping then shows it as typed."""

    def extendMarkdown(self, md: _markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _Sections(Treeprocessor):
    """Wrap each ``##`` part in a section, add a table of contents, and scope table headers."""

    def run(self, root: ET.Element) -> None:
        for header_cell in root.iter("th"):
            header_cell.set("scope", "col")
        children = list(root)
        for child in children:
            root.remove(child)
        contents = ET.Element("nav", {"class": "contents", "aria-labelledby": "contents-title"})
        title = ET.SubElement(contents, "h2", {"id": "contents-title"})
        title.text = _("Contents")
        entries = ET.SubElement(contents, "ol")
        current = root
        for child in children:
            if child.tag == "h2":
                anchor = child.get("id", "")
                classes = "major new-page" if anchor in NEW_PAGE else "major"
                current = ET.SubElement(root, "section", {"class": classes, "aria-labelledby": anchor})
                link = ET.SubElement(ET.SubElement(entries, "li"), "a", {"href": f"#{anchor}"})
                link.text = "".join(child.itertext())
            current.append(child)
        if len(entries):
            first = next((i for i, child in enumerate(root) if child.tag == "section"), len(root))
            root.insert(first, contents)


class _SectionsExtension(Extension):
    def extendMarkdown(self, md: _markdown.Markdown) -> None:
        # After the inline patterns (20) and the heading ids of "toc" (5), so headings are complete.
        md.treeprocessors.register(_Sections(md), "harm_repair_sections", 4)


def guide_html_body(text: str) -> str:
    """The guide's Markdown as safe HTML, in sections, with a table of contents."""
    return _markdown.markdown(
        text,
        extensions=[
            "tables",
            "fenced_code",
            "sane_lists",
            TocExtension(permalink=False),
            _NoRawHtml(),
            SafeLinksExtension(),
            _SectionsExtension(),
        ],
        output_format="html",
    )


def guide_title(text: str) -> str:
    """The text of the guide's first ``#`` heading."""
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return _("Trainer guide")


def render_trainer_guide(text: str, *, lang: str = "en") -> str:
    """A standalone printable page of the trainer guide: no outside resources, every text escaped."""
    from .export import printable_page  # the notes export pulls in the learner store; load it only to print

    return printable_page(guide_title(text), guide_html_body(text), lang=lang, css=GUIDE_CSS + _CSS)


def write_trainer_guide(out: Path, source: Path = GUIDE_PATH, *, lang: str = "en") -> Path | None:
    """Write ``out/trainer-guide.html`` from ``source``; ``None`` when there is no guide to print."""
    if not source.is_file():
        return None
    out.mkdir(parents=True, exist_ok=True)
    target = out / PAGE_NAME
    target.write_text(render_trainer_guide(source.read_text(encoding="utf-8"), lang=lang), encoding="utf-8")
    return target


def guide_checklist(text: str) -> list[tuple[str, str]]:
    """The checklist as written in the guide: (id, title) per ``###`` item of its part, in order.

    An item without its ``Checklist id in the record:`` line is returned with an empty id.
    """
    items: list[tuple[str, str]] = []
    inside = False
    for line in text.splitlines():
        if line.startswith("## "):
            inside = line[3:].strip() == CHECKLIST_HEADING
            continue
        if not inside:
            continue
        heading = _ITEM.match(line)
        if heading:
            items.append(("", heading.group("title")))
            continue
        found = _ITEM_ID.match(line)
        if found and items and not items[-1][0]:
            items[-1] = (found.group("id"), items[-1][1])
    return items


@dataclass
class TrainerPages(ProblemReport):
    """What ``harm-repair guides`` printed besides the facilitator guides, and the records' problems."""

    written: list[Path] = field(default_factory=list)
    records: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def trainer_guide_path(guides: Path) -> Path:
    """``HARM_REPAIR_TRAINER_GUIDE`` when set, else ``docs/trainer-guide.md`` beside the guides folder."""
    override = os.environ.get("HARM_REPAIR_TRAINER_GUIDE")
    return Path(override).resolve() if override else guides.resolve().parent / "docs" / "trainer-guide.md"


def write_trainer_pages(guides: Path, content_root: Path, content: ValidationReport, out: Path) -> TrainerPages:
    """Print the trainer guide and every valid adaptation record found beside the guides folder."""
    from .adaptations import adaptations_dir, check_adaptations, write_adaptations

    pages = TrainerPages()
    guide = write_trainer_guide(out, trainer_guide_path(guides))
    if guide is not None:
        pages.written.append(guide)
    folder = adaptations_dir(guides)
    if folder.is_dir():
        records = check_adaptations(folder, content_root, content)
        pages.problems = records.problems
        pages.records = sorted(records.records)
        pages.written += write_adaptations(records, out)
    return pages
