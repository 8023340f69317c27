"""The interface catalogs: extraction, the catalog check on a fixture project, and the real catalogs."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from curriculum import i18n
from curriculum.i18n_catalogs import (
    check_catalogs,
    compile_catalogs,
    extract,
    extract_source,
    mo_path,
    po_path,
    read_catalog,
    update_catalogs,
    write_template,
)
from curriculum.i18n_cli import check_all, sentence
from curriculum.i18n_messages import LEARNER_STATE_MESSAGES, LIVE_MESSAGES
from curriculum.paths import PROJECT_ROOT, content_dir
from curriculum.problems import Problem

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "i18n" / "catalogs"
SOURCES = ("widgets",)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture project, with its template written and its catalog compiled."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    write_template(root, root / "locale" / "harm_repair.pot", SOURCES)
    compile_catalogs(["es"], root / "locale")
    return root


def _check(root: Path) -> list[Problem]:
    return check_catalogs(root, root / "locale", source_dirs=SOURCES)


def _about(problems: list[Problem], text: str) -> list[Problem]:
    return [p for p in problems if text in p.message]


def test_strings_inside_f_strings_and_plurals_are_extracted() -> None:
    source = (
        'x = f"<h3>{_(\'Time\')}</h3>"\ny = ngettext("{n} day", "{n} days", n)\nz = N_("Kept for later")\n_(name)\n'
    )
    assert extract_source(source) == [("Time", 1), (("{n} day", "{n} days"), 2), ("Kept for later", 3)]


def test_the_check_finds_a_missing_key_with_the_line_that_uses_it(project: Path) -> None:
    [missing] = _about(_check(project), "“A string added to the code later” is not in the es catalog")
    assert missing.path == project / "widgets" / "labels.py"
    lines = missing.path.read_text(encoding="utf-8").splitlines()
    assert "A string added to the code later" in lines[missing.line - 1]
    assert "harm-repair i18n update" in missing.hint


def test_the_check_finds_a_stale_key_in_the_catalog(project: Path) -> None:
    [stale] = _about(_check(project), "no longer used in the code")
    assert stale.path == po_path("es", project / "locale")
    assert "A string the code no longer uses" in stale.message
    lines = stale.path.read_text(encoding="utf-8").splitlines()
    assert "A string the code no longer uses" in lines[stale.line - 1]


def test_the_check_finds_untranslated_fuzzy_and_broken_placeholders(project: Path) -> None:
    problems = _check(project)
    assert _about(problems, "“Nobody translated this yet” has no es translation yet")
    assert _about(problems, "“Changed a little since” is marked fuzzy")
    [placeholder] = _about(problems, "does not keep its placeholders")
    assert "missing: {name}" in placeholder.message and "unknown: {nombre}" in placeholder.message
    translated = {"Take a break", "Inside an f-string", "{n} answer"}
    assert not [p for p in problems if any(f"“{text}”" in p.message for text in translated)]


def test_a_mo_file_that_no_longer_matches_its_po_is_reported(project: Path) -> None:
    assert not _about(_check(project), "does not match its .po file")
    po = po_path("es", project / "locale")
    po.write_text(po.read_text(encoding="utf-8").replace("Tomar un descanso", "Tomar una pausa"), encoding="utf-8")
    [outdated] = _about(_check(project), "does not match its .po file")
    assert outdated.path == mo_path("es", project / "locale")
    assert "harm-repair i18n compile" in outdated.hint


def test_update_merges_new_strings_and_keeps_translations(project: Path) -> None:
    update_catalogs(["es"], project / "locale", project / "locale" / "harm_repair.pot")
    catalog = read_catalog(po_path("es", project / "locale"), "es")
    assert catalog.get("A string added to the code later") is not None
    entry = catalog.get("Take a break")
    assert entry is not None and entry.string == "Tomar un descanso"
    assert catalog.get("A string the code no longer uses") is None  # set aside, or offered as a fuzzy match
    problems = _check(project)
    assert not _about(problems, "no longer used in the code")
    assert _about(problems, "“A string added to the code later”")


def test_every_problem_is_one_sentence_with_where_and_what_to_do(project: Path) -> None:
    for problem in _check(project):
        line = sentence(problem, project)
        assert "\n" not in line
        assert re.match(r"^[^:]+:\d+: .+; .+\.$", line), line


# the real catalogs --------------------------------------------------------------------------


def test_the_real_catalogs_and_translations_are_complete_and_current() -> None:
    """What `harm-repair i18n check` (run by `make validate`) says about the repository."""
    problems = check_all(content_dir())
    assert not problems, "\n".join(sentence(p, PROJECT_ROOT) for p in problems)


def test_the_spanish_catalog_says_it_awaits_review() -> None:
    catalog = read_catalog(po_path("es"), "es")
    assert "awaiting review by a Spanish-speaking reviewer" in (catalog.language_team or "")
    assert "awaiting review by a Spanish-speaking reviewer" in po_path("es").read_text(encoding="utf-8")[:400]


def test_the_pages_read_the_compiled_spanish_catalog() -> None:
    try:
        assert i18n.set_language("es") == "es"
        assert i18n._("Take a break") == "Tomar un descanso"
        assert i18n.ngettext("{n} answer", "{n} answers", 2).format(n=2) == "2 respuestas"
        assert i18n.set_language("xx") == "en"
        assert i18n._("Take a break") == "Take a break"
    finally:
        i18n.set_language("en")


def test_store_messages_marked_for_the_catalog_match_the_stores() -> None:
    """The stores write English; i18n_messages repeats their sentences so they are extracted."""
    from curriculum.stores import learner_state, live

    stores = (PROJECT_ROOT / "curriculum" / "stores").glob("*.py")
    source = "".join(path.read_text(encoding="utf-8") for path in stores)
    flat = re.sub(r'"\s*\n\s*"', "", source)  # join strings split over lines
    for message in (*LEARNER_STATE_MESSAGES, *LIVE_MESSAGES):
        assert message in flat, f"{message!r} is no longer written by a store: update curriculum/i18n_messages.py"
    assert {learner_state.UNREADABLE, learner_state.PLAN_SET_ASIDE, learner_state.NEWER} <= set(LEARNER_STATE_MESSAGES)
    assert {live.UNKNOWN_CODE, live.ENDED, live.EXPIRED, live.TOO_FEW, live.PREFER_NOT_LABEL} <= set(LIVE_MESSAGES)


def test_extraction_covers_the_interface_of_the_pages() -> None:
    found = extract().messages
    for label in ("Take a break", "Support and help", "Language", "Content note", "What you will be able to do"):
        assert label in found
