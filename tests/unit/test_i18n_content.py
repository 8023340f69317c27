"""Content translations: loading with English fallback, the structure rule, staleness and stamping."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.content import load_curriculum
from curriculum.i18n_cli import check_all
from curriculum.i18n_content import check_locale, stamp, structure_problems
from curriculum.schema import Classification
from curriculum.validate import check_file, validate_content_dir

MODULE = "hurt-harm-abuse"
UNTRANSLATED = "unhealthy-attachment"
VIGNETTES = "hurt-harm-abuse/vignettes.yaml"


def _es(root: Path, rel: str = VIGNETTES) -> Path:
    return root / "locales" / "es" / rel


def _line_of(path: Path, text: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if i > after and text in line)


def _replace_once(path: Path, old: str, new: str, after_line: int = 0) -> int:
    """Replace the first ``old`` at or after a line; returns the line changed."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for i, line in enumerate(lines, 1):
        if i > after_line and old in line:
            lines[i - 1] = line.replace(old, new, 1)
            path.write_text("".join(lines), encoding="utf-8")
            return i
    raise AssertionError(f"{old!r} not found in {path}")


def test_spanish_uses_each_translation_and_english_for_the_rest(content_copy: Path) -> None:
    english = load_curriculum(content_copy, use_cache=False)
    spanish = load_curriculum(content_copy, use_cache=False, language="es")
    assert spanish.language == "es" and english.language == "en"
    assert spanish.languages == {"en": "English", "es": "Español"}
    assert spanish.translated == frozenset({MODULE})
    assert spanish.is_translated(MODULE) and not spanish.is_translated(UNTRANSLATED)
    assert spanish.module(MODULE).module.title != english.module(MODULE).module.title
    assert spanish.module(UNTRANSLATED).module.title == english.module(UNTRANSLATED).module.title
    assert spanish.registry is not None and english.registry is not None
    assert spanish.registry.title != english.registry.title
    # ids and answers are the English ones: progress saved in one language works in the other
    es_vignettes, en_vignettes = (
        spanish.module(MODULE).contents["sector-vignettes"],
        english.module(MODULE).contents["sector-vignettes"],
    )
    assert isinstance(es_vignettes, Classification) and isinstance(en_vignettes, Classification)
    assert [(v.id, v.answer) for v in es_vignettes.vignettes] == [(v.id, v.answer) for v in en_vignettes.vignettes]
    assert es_vignettes.vignettes[0].title != en_vignettes.vignettes[0].title


def test_a_missing_translated_file_falls_back_to_english_and_is_reported(content_copy: Path) -> None:
    _es(content_copy).unlink()
    spanish = load_curriculum(content_copy, use_cache=False, language="es")
    vignettes = spanish.module(MODULE).contents["sector-vignettes"]
    english = load_curriculum(content_copy, use_cache=False).module(MODULE).contents["sector-vignettes"]
    assert vignettes == english
    assert MODULE not in spanish.translated, "a module with an English file is not announced as translated"
    errors = [p for p in validate_content_dir(content_copy).errors if "has no translation" in p.message]
    assert len(errors) == 1 and VIGNETTES in errors[0].message
    assert errors[0].path == content_copy / "locales" / "es" / "locale.yaml"


def test_a_translation_that_changes_a_level_is_refused_with_its_line(content_copy: Path) -> None:
    path = _es(content_copy)
    line = _replace_once(path, "answer: harm", "answer: hurt")
    report = validate_content_dir(content_copy)
    [problem] = [p for p in report.errors if p.path == path and "in the English file" in p.message]
    assert problem.line == line
    assert "'hurt' here but 'harm' in the English file" in problem.message
    assert "hurt-harm-abuse/vignettes.yaml:" in problem.hint and "translate only the text" in problem.hint
    # the page shows the English file rather than a translation with a different answer
    spanish = load_curriculum(content_copy, use_cache=False, language="es")
    english = load_curriculum(content_copy, use_cache=False)
    assert spanish.module(MODULE).contents["sector-vignettes"] == english.module(MODULE).contents["sector-vignettes"]


def test_a_translation_that_changes_an_id_is_refused_with_its_line(content_copy: Path) -> None:
    path = _es(content_copy)
    first = _line_of(path, "- id: ")
    line = _replace_once(path, "- id: ", "- id: renamed-", after_line=first - 1)
    problems = [p for p in validate_content_dir(content_copy).errors if p.path == path]
    assert [p.line for p in problems] == [line]
    assert "'vignettes > item 1 > id' is 'renamed-" in problems[0].message


def test_a_translation_that_adds_or_drops_items_or_keys_is_refused(content_copy: Path) -> None:
    path = _es(content_copy, "hurt-harm-abuse/module.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("key_points:\n", "key_points:\n  - Un punto que el inglés no tiene.\n", 1))
    problems = [p for p in validate_content_dir(content_copy).errors if p.path == path]
    assert any("'key_points' has" in p.message and "item(s) here but" in p.message for p in problems)


def test_only_text_may_differ(content_copy: Path) -> None:
    english = check_file(content_copy / VIGNETTES)[0]
    translated = check_file(_es(content_copy))[0]
    assert english is not None and translated is not None
    assert structure_problems(english, translated, VIGNETTES) == []
    assert structure_problems(english, english, VIGNETTES) == []


def test_a_changed_english_file_makes_its_translation_stale(content_copy: Path) -> None:
    assert check_all(content_copy) == []
    _replace_once(content_copy / VIGNETTES, "title: ", "title: Edited ")
    stale = [p for p in check_all(content_copy) if "changed after this translation was made" in p.message]
    assert [p.path for p in stale] == [_es(content_copy)]
    assert "harm-repair i18n stamp es hurt-harm-abuse/vignettes.yaml" in stale[0].hint
    # for the pages a stale translation is a warning: it is still shown
    report = validate_content_dir(content_copy)
    assert not [p for p in report.errors if "locales" in str(p.path)]
    assert [p for p in report.warnings if "changed after this translation" in p.message]
    # once the translator has caught up, stamping records the new English
    assert stamp(content_copy, "es", validate_content_dir(content_copy, locales=False), [VIGNETTES]) == [VIGNETTES]
    assert check_all(content_copy) == []


def test_a_comment_in_the_english_file_does_not_make_it_stale(content_copy: Path) -> None:
    path = content_copy / VIGNETTES
    path.write_text(path.read_text(encoding="utf-8") + "\n# a note for trainers\n", encoding="utf-8")
    assert check_all(content_copy) == []


def test_a_structural_english_change_is_reported_as_stale_not_as_a_mistake(content_copy: Path) -> None:
    _replace_once(content_copy / VIGNETTES, "answer: harm", "answer: abuse")
    report = validate_content_dir(content_copy)
    assert not [p for p in report.errors if "locales" in str(p.path)], "the translator did nothing wrong"
    assert [p for p in check_all(content_copy) if "changed after this translation" in p.message]


def test_a_translation_with_no_english_file_is_an_error(content_copy: Path) -> None:
    extra = _es(content_copy, "hurt-harm-abuse/extra.yaml")
    extra.write_text(_es(content_copy).read_text(encoding="utf-8"), encoding="utf-8")
    problems = [p for p in check_all(content_copy) if p.path == extra]
    assert len(problems) == 1 and "there is no English file" in problems[0].message


def test_the_manifest_must_name_its_own_language_and_real_modules(content_copy: Path) -> None:
    manifest = content_copy / "locales" / "es" / "locale.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("language: es", "language: pt").replace("- hurt-harm-abuse", "- no-such"))
    english = validate_content_dir(content_copy, locales=False)
    messages = [p.message for p in check_locale(content_copy, "es", english).problems]
    assert any("its manifest says 'language: pt'" in m for m in messages)
    assert any("'no-such', which is not a module" in m for m in messages)


def test_translations_without_a_manifest_are_reported(content_copy: Path) -> None:
    (content_copy / "locales" / "es" / "locale.yaml").rename(content_copy / "locales" / "es" / "old.txt")
    problems = validate_content_dir(content_copy).errors
    assert any("has translations but no locale.yaml" in p.message for p in problems)
    assert load_curriculum(content_copy, use_cache=False, language="es").language == "en"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_content_cache_keeps_each_language_apart(content_copy: Path, language: str) -> None:
    load_curriculum.cache_clear()
    first = load_curriculum(content_copy, language=language)
    load_curriculum.cache_clear()
    again = load_curriculum(content_copy, language=language)
    assert again.language == first.language == language
    assert again.module(MODULE).module.title == first.module(MODULE).module.title
    load_curriculum.cache_clear()


def test_validating_one_translated_file_checks_it_against_its_english_file(content_copy: Path) -> None:
    from curriculum.validate import validate_path

    path = _es(content_copy)
    assert validate_path(path).problems == []
    line = _replace_once(path, "answer: harm", "answer: hurt")
    problems = [p for p in validate_path(path).errors if "in the English file" in p.message]
    assert [(p.path.resolve(), p.line) for p in problems] == [(path.resolve(), line)]


def test_a_fixture_translation_that_changes_more_than_text_is_refused_line_by_line(content_copy: Path) -> None:
    """tests/fixtures/i18n/locales/reflections-changed.yaml renames an id, adds a key and drops an item."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "i18n" / "locales" / "reflections-changed.yaml"
    target = _es(content_copy, "hurt-harm-abuse/reflections.yaml")
    target.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    problems = sorted(p for p in validate_content_dir(content_copy).errors if p.path == target)
    expected = [
        (_line_of(target, "prompts:"), "'prompts' has 4 item(s) here but 5 in the English file"),
        (_line_of(target, "id: quien-podia-interrumpir"), "'prompts > item 2 > id' is 'quien-podia-interrumpir'"),
        (_line_of(target, "hint: Una pista"), "'prompts > item 4 > hint' is not in the English file"),
    ]
    assert [(p.line, p.message[: len(text)]) for p, (_line, text) in zip(problems, expected, strict=True)] == expected
    assert all("hurt-harm-abuse/reflections.yaml:" in p.hint for p in problems)
