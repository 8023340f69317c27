"""``harm-repair i18n``: keep the interface catalogs and the content translations up to date.

harm-repair i18n extract              write curriculum/locale/harm_repair.pot from the code
harm-repair i18n update [LANG ...]    merge it into each catalog (a new LANG gets a new catalog)
harm-repair i18n compile [LANG ...]   write the .mo files the pages read
harm-repair i18n check                every missing, untranslated or stale string or file; exit 1 if any
harm-repair i18n stamp LANG [FILE ...]   record that these translations match their English files now
"""

from __future__ import annotations

import argparse
import contextlib
from dataclasses import replace
from pathlib import Path

from .paths import PROJECT_ROOT, content_dir
from .problems import Problem


def sentence(problem: Problem, base: Path | None = None) -> str:
    """One line per problem: where, what is wrong, and what to do."""
    base = base or Path.cwd()
    path = problem.path
    with contextlib.suppress(ValueError):
        path = problem.path.resolve().relative_to(base.resolve())
    hint = f"; {problem.hint}" if problem.hint else ""
    return f"{path}:{problem.line}: {problem.message}{hint}."


def _content(args: argparse.Namespace) -> Path:
    return (Path(args.content) if args.content else content_dir()).resolve()


def _extract(_args: argparse.Namespace) -> int:
    from .i18n_catalogs import TEMPLATE, write_template

    count = write_template()
    print(f"wrote {TEMPLATE.relative_to(PROJECT_ROOT)} ({count} messages)")
    return 0


def _update(args: argparse.Namespace) -> int:
    from .i18n_catalogs import TEMPLATE, update_catalogs

    if not TEMPLATE.is_file():
        print("There is no message template yet: run 'harm-repair i18n extract' first.")
        return 1
    for path in update_catalogs(args.languages or None):
        print(f"updated {path.relative_to(PROJECT_ROOT)}")
    print("Translate the new or fuzzy entries, then run 'harm-repair i18n compile'.")
    return 0


def _compile(args: argparse.Namespace) -> int:
    from .i18n_catalogs import compile_catalogs

    for path in compile_catalogs(args.languages or None):
        print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    return 0


def check_all(root: Path) -> list[Problem]:
    """Problems of the interface catalogs and of every content translation (stale ones count as errors)."""
    from .i18n_catalogs import check_catalogs
    from .i18n_content import locale_problems
    from .validate import validate_content_dir

    found = list(check_catalogs())
    if (root / "locales").is_dir():
        english = validate_content_dir(root, locales=False)
        found.extend(replace(p, severity="error") for p in locale_problems(root, english, stale_severity="error"))
    return [p for p in found if p.severity == "error"]


def _check(args: argparse.Namespace) -> int:
    problems = check_all(_content(args))
    for problem in problems:
        print(sentence(problem))
    if problems:
        print(f"\n{len(problems)} translation problem(s) to fix.")
        return 1
    print("All good: every interface string and every content translation is up to date.")
    return 0


def _stamp(args: argparse.Namespace) -> int:
    from .i18n_content import stamp
    from .locales import manifest_path
    from .validate import validate_content_dir

    root = _content(args)
    if not manifest_path(root, args.language).is_file():
        print(f"There is no {manifest_path(root, args.language)}: create it first (see content/locales/es/).")
        return 1
    english = validate_content_dir(root, locales=False)
    try:
        stamped = stamp(root, args.language, english, args.files or None)
    except ValueError as err:
        print(err)
        return 1
    for rel in stamped:
        print(f"stamped {rel}: its {args.language} translation matches the English file as it is now")
    return 0


def add_i18n_parser(commands: argparse._SubParsersAction) -> None:
    """Add ``harm-repair i18n ...`` to the main command line."""
    i18n = commands.add_parser("i18n", help="interface catalogs and content translations")
    actions = i18n.add_subparsers(dest="action", required=True)
    actions.add_parser("extract", help="write the message template from the code").set_defaults(run=_extract)
    update = actions.add_parser("update", help="merge the template into each language's catalog")
    update.add_argument("languages", nargs="*", help="languages to update or create (default: every catalog)")
    update.set_defaults(run=_update)
    compile_ = actions.add_parser("compile", help="write the .mo files the pages read")
    compile_.add_argument("languages", nargs="*", help="languages to compile (default: every catalog)")
    compile_.set_defaults(run=_compile)
    check = actions.add_parser("check", help="find missing, untranslated or stale strings and translations")
    check.add_argument("--content", help="content folder (default: the content folder)")
    check.set_defaults(run=_check)
    stamp = actions.add_parser("stamp", help="record that translations match their English files now")
    stamp.add_argument("language", help="the language, such as 'es'")
    stamp.add_argument("files", nargs="*", help="English paths, such as hurt-harm-abuse/vignettes.yaml (default: all)")
    stamp.add_argument("--content", help="content folder (default: the content folder)")
    stamp.set_defaults(run=_stamp)
