"""How well the apology analyser agrees with careful human readers, on labelled sets.

Run with ``.venv/bin/python bench/apology_eval.py`` (or ``make eval``). It reads the English
rules (``content/accountability-and-repair/apology-rules.yaml``) and two labelled sets of
apologies, runs the analyser on each text, and prints, for every element and every pattern:
support (how many cases a reader labelled positive), true positives, false positives, false
negatives, precision and recall, plus micro-averaged totals. One table per set:

- the tuned set (``bench/apology_cases.yaml``): the rules were tuned on it, so its figures
  are optimistic;
- the held-out set (``bench/apology_holdout.yaml``): never used to tune the rules, so its
  figures are the honest guide to new writing. Never tune the rules on it.

Options: ``--verbose`` lists each disagreement; ``--json PATH`` writes the figures for both
sets; ``--check`` exits 1 when any precision or recall on the tuned set is below 0.9 (the
held-out figures are reported, never gated; otherwise the script reports and exits 0).
See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:
    sys.path.insert(0, str(PROJECT_ROOT))

from curriculum.engines.apology import analyse_apology  # noqa: E402
from curriculum.load import load_yaml  # noqa: E402
from curriculum.schema import ELEMENT_IDS, PATTERN_IDS, ApologyRules  # noqa: E402
from curriculum.validate import check_file  # noqa: E402

RULES = PROJECT_ROOT / "content" / "accountability-and-repair" / "apology-rules.yaml"
CASES = PROJECT_ROOT / "bench" / "apology_cases.yaml"
HOLDOUT = PROJECT_ROOT / "bench" / "apology_holdout.yaml"
TUNED_HEADING = "Tuned set: the rules were tuned on these cases"
HOLDOUT_HEADING = "Held-out set: never used to tune the rules"
THRESHOLD = 0.9


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    elements: frozenset[str]
    patterns: frozenset[str]
    note: str = ""


@dataclass
class Score:
    """Counts for one element or pattern. Precision and recall are 1.0 when nothing was there to get wrong."""

    id: str
    kind: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass(frozen=True)
class Mismatch:
    case: str
    kind: str
    expected: tuple[str, ...]
    found: tuple[str, ...]


@dataclass
class Evaluation:
    scores: list[Score]
    mismatches: list[Mismatch] = field(default_factory=list)
    cases: int = 0

    def total(self, kind: str | None = None) -> Score:
        """Micro-averaged counts over elements, patterns, or (``kind=None``) both."""
        total = Score("all" if kind is None else f"all {kind}s", kind or "all")
        for score in self.scores:
            if kind is None or score.kind == kind:
                total.tp += score.tp
                total.fp += score.fp
                total.fn += score.fn
        return total

    def below(self, threshold: float = THRESHOLD) -> list[Score]:
        """Every element or pattern whose precision or recall is under ``threshold``."""
        return [s for s in self.scores if s.precision < threshold or s.recall < threshold]


def load_rules(path: Path = RULES) -> ApologyRules:
    """Read and validate the rules the way ``harm-repair validate`` does, so errors carry file:line."""
    parsed, problems = check_file(path)
    errors = [p for p in problems if p.severity == "error"]
    if errors or parsed is None or not isinstance(parsed.model, ApologyRules):
        raise SystemExit("\n".join(p.format(PROJECT_ROOT) for p in errors) or f"{path}: not an apology-rules file")
    return parsed.model


def load_cases(path: Path = CASES) -> list[Case]:
    """Read the labelled set; an unknown id or a repeated case id stops the run with its line."""
    loaded = load_yaml(path)
    known = {"elements": set(ELEMENT_IDS), "patterns": set(PATTERN_IDS)}
    cases: list[Case] = []
    seen: set[str] = set()
    for i, raw in enumerate(loaded.data["cases"]):
        line = loaded.line_of(("cases", i))
        case_id = str(raw["id"])
        if case_id in seen:
            raise SystemExit(f"{path}:{line}: the case id '{case_id}' is used twice")
        seen.add(case_id)
        for key in ("elements", "patterns"):
            unknown = set(raw.get(key) or []) - known[key]
            if unknown:
                raise SystemExit(f"{path}:{line}: case '{case_id}' lists unknown {key}: {', '.join(sorted(unknown))}")
        cases.append(
            Case(
                id=case_id,
                text=str(raw["text"]),
                elements=frozenset(raw.get("elements") or []),
                patterns=frozenset(raw.get("patterns") or []),
                note=str(raw.get("note") or ""),
            )
        )
    return cases


def evaluate(rules: ApologyRules, cases: list[Case]) -> Evaluation:
    """Run the analyser on every case and count agreements with the labels."""
    scores = {i: Score(i, "element") for i in ELEMENT_IDS} | {i: Score(i, "pattern") for i in PATTERN_IDS}
    evaluation = Evaluation(scores=list(scores.values()), cases=len(cases))
    for case in cases:
        result = analyse_apology(case.text, rules)
        for kind, expected, found in (
            ("element", case.elements, result.element_ids),
            ("pattern", case.patterns, result.pattern_ids),
        ):
            for item in expected & found:
                scores[item].tp += 1
            for item in found - expected:
                scores[item].fp += 1
            for item in expected - found:
                scores[item].fn += 1
            if expected != found:
                evaluation.mismatches.append(Mismatch(case.id, kind, tuple(sorted(expected)), tuple(sorted(found))))
    return evaluation


def format_table(evaluation: Evaluation, heading: str = TUNED_HEADING, *, gated: bool = True) -> str:
    """The figures for one labelled set; ``gated=False`` says the 0.9 bar is not applied to it."""
    header = f"{'':<26}{'support':>8}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}"
    lines = [heading, "=" * len(heading), f"Apology analyser on {evaluation.cases} labelled cases", "", header]

    def row(score: Score) -> str:
        flag = "  <" if score.precision < THRESHOLD or score.recall < THRESHOLD else ""
        return (
            f"{score.id:<26}{score.support:>8}{score.tp:>5}{score.fp:>5}{score.fn:>5}"
            f"{score.precision:>11.2f}{score.recall:>8.2f}{flag}"
        )

    for kind in ("element", "pattern"):
        lines.append(f"{kind}s")
        lines.extend(row(s) for s in evaluation.scores if s.kind == kind)
        lines.append(row(evaluation.total(kind)))
        lines.append("")
    lines.append(row(evaluation.total()))
    below = evaluation.below()
    lines.append("")
    gate = "" if gated else " (reported, not gated: --check ignores this set)"
    if below:
        lines.append(f"Below {THRESHOLD:.2f}{gate}: {', '.join(s.id for s in below)}")
    else:
        lines.append(f"Every precision and recall is at least {THRESHOLD:.2f}{gate}.")
    lines.append(f"{len(evaluation.mismatches)} disagreement(s) with the labels; --verbose lists them.")
    return "\n".join(lines)


def format_mismatches(evaluation: Evaluation, heading: str = TUNED_HEADING) -> str:
    lines = ["", f"{heading}. Disagreements (case, kind: + found but not expected, - missed):"]
    for m in evaluation.mismatches:
        extra = sorted(set(m.found) - set(m.expected))
        missed = sorted(set(m.expected) - set(m.found))
        changes = " ".join([*(f"+{i}" for i in extra), *(f"-{i}" for i in missed)])
        lines.append(f"  {m.case} ({m.kind}s): {changes}")
        lines.append(f"      expected [{', '.join(m.expected)}]")
        lines.append(f"      found    [{', '.join(m.found)}]")
    return "\n".join(lines)


def to_json(evaluation: Evaluation, held_out: Evaluation | None = None) -> dict[str, object]:
    """The tuned set's figures at the top level (gated by ``--check``); the held-out set's under ``held_out``."""
    figures = _set_json(evaluation)
    figures["gated"] = True
    if held_out is not None:
        figures["held_out"] = _set_json(held_out) | {"gated": False}
    return figures


def _set_json(evaluation: Evaluation) -> dict[str, object]:
    def figures(score: Score) -> dict[str, object]:
        return {
            "kind": score.kind,
            "support": score.support,
            "tp": score.tp,
            "fp": score.fp,
            "fn": score.fn,
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
        }

    return {
        "cases": evaluation.cases,
        "threshold": THRESHOLD,
        "scores": {s.id: figures(s) for s in evaluation.scores},
        "totals": {
            "elements": figures(evaluation.total("element")),
            "patterns": figures(evaluation.total("pattern")),
            "all": figures(evaluation.total()),
        },
        "mismatches": [asdict(m) for m in evaluation.mismatches],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", "-v", action="store_true", help="list every disagreement with the labels")
    parser.add_argument(
        "--check",
        action="store_true",
        help=f"exit 1 if any precision or recall on the tuned set is below {THRESHOLD}",
    )
    parser.add_argument("--json", metavar="PATH", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--rules", type=Path, default=RULES, help="the apology-rules file to evaluate")
    parser.add_argument("--cases", type=Path, default=CASES, help="the labelled cases the rules were tuned on")
    parser.add_argument(
        "--holdout",
        type=Path,
        default=HOLDOUT,
        help="the held-out labelled cases, never used for tuning (reported, not gated)",
    )
    parser.add_argument("--no-holdout", action="store_true", help="report the tuned set only")
    args = parser.parse_args(argv)

    rules = load_rules(args.rules)
    evaluation = evaluate(rules, load_cases(args.cases))
    held_out = None
    if not args.no_holdout:
        if args.holdout.is_file():
            held_out = evaluate(rules, load_cases(args.holdout))
        else:
            print(f"(no held-out set at {args.holdout}: only the tuned set is reported)\n")
    print(format_table(evaluation, TUNED_HEADING))
    if args.verbose:
        print(format_mismatches(evaluation, TUNED_HEADING))
    if held_out is not None:
        print()
        print()
        print(format_table(held_out, HOLDOUT_HEADING, gated=False))
        if args.verbose:
            print(format_mismatches(held_out, HOLDOUT_HEADING))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(to_json(evaluation, held_out), indent=2) + "\n", encoding="utf-8")
    if args.check and evaluation.below():
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
