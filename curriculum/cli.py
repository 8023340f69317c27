"""``harm-repair``: the command trainers and maintainers run.

harm-repair validate [PATH]   check content files (and the facilitator guides and adaptation records); exit 1 on errors
harm-repair schemas           write the JSON Schemas to schemas/
harm-repair guides [--out D]  check the facilitator guides and write them as printable HTML
                              (with the trainer guide and the adaptation records)
harm-repair serve             serve the curriculum in Voilà
harm-repair audit [--out F]   count the stories' facts per module, list representation gaps, write HTML
harm-repair new module NAME / new scenario MODULE NAME [--content D]   create draft files to fill in
harm-repair i18n extract|update|compile|check|stamp   interface catalogs and content translations
harm-repair new adaptation NAME [--folder D]   start a draft adaptation record for a deployment
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .paths import content_dir, guides_dir


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate_path

    target = Path(args.path) if args.path else content_dir()
    if not target.exists():
        print(f"{target}: there is no such file or folder. Give the path of the content folder or of one file.")
        return 2
    # Absolute paths from here on: the cache below keys content by its resolved folder.
    target = target.resolve()
    # A content folder is checked with the facilitator guides and adaptation records beside it (when they exist).
    from .adaptations import adaptations_dir

    beside = target.is_dir()
    report = validate_path(
        target,
        guides=guides_dir(target) if beside else None,
        adaptations=adaptations_dir(target) if beside else None,
    )
    base = Path.cwd()
    for problem in report.problems:
        print(problem.format(relative_to=base))
    errors, warnings = len(report.errors), len(report.warnings)
    checked = len(report.files) + len(report.guides) + len(report.adaptations) or (1 if target.is_file() else 0)
    if report.drafts:
        names = ", ".join(str(p.relative_to(target)) for p in report.drafts)
        print(f"Drafts (not in curriculum.yaml, so not shown to trainees): {names}")
    if errors:
        print(f"\n{errors} problem(s) to fix and {warnings} warning(s) in {checked} file(s).")
        return 1
    if target.is_dir():
        # Pages load clean content from the cache instead of validating it again.
        from .content import build_curriculum
        from .content_cache import store

        store(target, build_curriculum(target, report))
        from .locales import locale_languages

        for language in locale_languages(target):  # and the pages of each translation
            store(target, build_curriculum(target, report, language))
    print(f"All good: {checked} file(s) checked, {warnings} warning(s).")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from .schema_export import export_schemas, stale_schemas

    if args.check:
        stale = stale_schemas()
        for name in stale:
            print(f"schemas/{name} is out of date; run 'harm-repair schemas' and commit the result")
        return 1 if stale else 0
    for path in export_schemas():
        print(f"wrote {path}")
    return 0


def _guides(args: argparse.Namespace) -> int:
    from .guides import check_guides, write_guides
    from .validate import validate_content_dir

    root = content_dir().resolve()
    folder = guides_dir(root)
    if not folder.is_dir():
        print(f"{folder}: there is no guides folder. Set HARM_REPAIR_GUIDES to the folder that holds the guides.")
        return 2
    content = validate_content_dir(root)
    report = check_guides(folder, root, content)
    # The trainer guide and the adaptation records beside the guides folder are printed too.
    from .trainer_guide import write_trainer_pages

    pages = write_trainer_pages(folder, root, content, Path(args.out))
    base = Path.cwd()
    for problem in report.problems + pages.problems:
        print(problem.format(relative_to=base))
    for path in write_guides(report, Path(args.out)) + pages.written:
        print(f"wrote {path}")
    errors, warnings = report.errors + pages.errors, report.warnings + pages.warnings
    if errors:
        broken = sorted({p.path.name for p in errors if p.path in report.guides or p.path in pages.records})
        print(f"\n{len(errors)} problem(s) to fix and {len(warnings)} warning(s).", end=" ")
        print(f"Not written: {', '.join(broken)}." if broken else "")
        return 1
    if not report.guides:
        print(f"No guides in {folder} yet.")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from .audit import audit, render_html, render_text
    from .content import load_curriculum

    report = audit(load_curriculum(content_dir()))
    print(render_text(report), end="")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(report), encoding="utf-8")
    print(f"wrote {out}")
    return 0  # an audit reports; gaps are not errors


def _new(args: argparse.Namespace) -> int:
    from .paths import modules_dir
    from .scaffold import ScaffoldError, new_module, new_scenario, next_steps

    content = Path(args.content) if args.content else content_dir()
    if args.what == "adaptation":
        return _new_adaptation(args, content)
    try:
        if args.what == "module":
            made = new_module(content, args.name, notebooks=modules_dir())
        else:
            made = new_scenario(content, args.module, args.name)
    except ScaffoldError as err:
        print(err)
        return 1
    print(next_steps(made, relative_to=Path.cwd()))
    return 0


def _new_adaptation(args: argparse.Namespace, content: Path) -> int:
    from .adaptations import adaptations_dir
    from .scaffold import ScaffoldError, adaptation_next_steps, new_adaptation

    folder = Path(args.folder) if args.folder else adaptations_dir(content)
    try:
        made = new_adaptation(folder, content, args.name)
    except ScaffoldError as err:
        print(err)
        return 1
    print(adaptation_next_steps(made, relative_to=Path.cwd()))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import main as serve_main

    return serve_main(["--port", str(args.port)])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="harm-repair", description="Tools for the Harm and Repair curriculum.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check content files and say what to fix")
    validate.add_argument("path", nargs="?", help="content folder or one file (default: the content folder)")
    validate.set_defaults(run=_validate)
    schemas = commands.add_parser("schemas", help="write the JSON Schemas used by editors")
    schemas.add_argument("--check", action="store_true", help="only check that schemas/ is up to date")
    schemas.set_defaults(run=_schemas)
    guides = commands.add_parser("guides", help="check the facilitator guides and write them as printable HTML")
    guides.add_argument(
        "--out", default="build/guides", help="folder to write <module>.html into (default: build/guides)"
    )
    guides.set_defaults(run=_guides)
    serve = commands.add_parser("serve", help="serve the curriculum in Voilà")
    serve.add_argument("--port", type=int, default=8866)
    serve.set_defaults(run=_serve)
    audit = commands.add_parser("audit", help="count the stories' facts per module and list representation gaps")
    audit.add_argument("--out", default="build/audit.html", help="HTML page to write (default: build/audit.html)")
    audit.set_defaults(run=_audit)
    new = commands.add_parser("new", help="create a draft module, scenario or adaptation record to fill in")
    kinds = new.add_subparsers(dest="what", required=True)
    new_module = kinds.add_parser("module", help="a draft module: module.yaml and reflections.yaml")
    new_module.add_argument("name", help="the module's name, such as 'Board meetings'")
    new_scenario = kinds.add_parser("scenario", help="a draft branching scenario in a module")
    new_scenario.add_argument("module", help="the id (folder name) of the module it belongs to")
    new_scenario.add_argument("name", help="the scenario's name, such as 'Site visit'")
    new_adaptation = kinds.add_parser("adaptation", help="a draft adaptation record for one deployment")
    new_adaptation.add_argument("name", help="the deployment's name, such as 'Coastal pilot'")
    new_adaptation.add_argument("--folder", help="folder of adaptation records (default: adaptations/)")
    for sub in (new_module, new_scenario, new_adaptation):
        sub.add_argument("--content", help="content folder (default: the content folder)")
        sub.set_defaults(run=_new)
    from .i18n_cli import add_i18n_parser

    add_i18n_parser(commands)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
