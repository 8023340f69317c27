"""What every benchmark here shares: number formatting, budget verdicts, the printed table.

Benchmarks report; they never fail the build (see bench/README.md).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Row = tuple[str, str, str]
"""(label, value, note) of one printed line."""


def fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def verdict(value: float | None, budget: float) -> str:
    if value is None:
        return "unknown"
    return "within budget" if value <= budget else "OVER BUDGET"


def write_results(path: Path, result: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def print_rows(rows: list[Row], results: Path, project_root: Path) -> None:
    """The figures as aligned lines, then where the full results were written."""
    width = max(len(row[0]) for row in rows)
    for label, value, note in rows:
        print(f"  {label:<{width}}  {value:>10}  {note}")
    print(f"\n  results written to {results.relative_to(project_root)}\n")


def run(main: Callable[[], int]) -> None:
    """Run a benchmark's ``main``; an error is printed and the exit code stays 0."""
    try:
        raise SystemExit(main())
    except Exception as error:  # benchmarks report, they do not fail the build
        print(f"benchmark could not run: {error!r}", file=sys.stderr)
        raise SystemExit(0) from error
