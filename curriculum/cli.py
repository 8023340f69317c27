"""``harm-repair``: the command trainers and maintainers run.

harm-repair validate [PATH]   check content files; exit 1 when there are errors
harm-repair schemas           write the JSON Schemas to schemas/
harm-repair serve             serve the curriculum in Voilà
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .paths import content_dir


def _validate(args: argparse.Namespace) -> int:
    from .validate import validate_path

    target = Path(args.path) if args.path else content_dir()
    if not target.exists():
        print(f"{target}: there is no such file or folder. Give the path of the content folder or of one file.")
        return 2
    # Absolute paths from here on: the cache below keys content by its resolved folder.
    target = target.resolve()
    report = validate_path(target)
    base = Path.cwd()
    for problem in report.problems:
        print(problem.format(relative_to=base))
    errors, warnings = len(report.errors), len(report.warnings)
    checked = len(report.files) or (1 if target.is_file() else 0)
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
    serve = commands.add_parser("serve", help="serve the curriculum in Voilà")
    serve.add_argument("--port", type=int, default=8866)
    serve.set_defaults(run=_serve)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
