"""Feedback on an apology a trainee writes: which parts it has, and which non-apology habits.

Like the response check, this is deliberately simple and explainable. Every cue is a
regular expression in the content file (so trainers can tune it and other languages can
have their own), and every finding quotes the trainee's own words that triggered it. It is
a prompt for thinking, not a grade: it cannot tell what the writer meant, only what the
words say.

How a find is decided, in order:

1. The text is normalised (curly quotes to straight, runs of whitespace to one space),
   keeping a map back to the original characters so quotes are exact.
2. Every cue of an element or pattern is matched, case-insensitively.
3. A match is dropped when an ``unless`` match overlaps it (negations, near misses).
4. A match is dropped when it overlaps what a pattern named in ``not_within`` found
   ("sorry you feel that way" is not saying sorry; "if you were hurt" names no impact).
   Those pattern finds are taken after step 3 only, so the order of the rules never matters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from ..schema.apology import ApologyRules, Cued, PatternId

Span = tuple[int, int]

_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u201f": '"'}
_TRIM = " \t\n,;:"


@dataclass(frozen=True)
class Finding:
    """One element (present or missing) or one pattern (found), with the words behind it."""

    id: str
    kind: Literal["element", "pattern"]
    name: str
    present: bool
    quotes: tuple[str, ...]
    """Exact substrings of the original text that triggered the finding, in reading order."""
    feedback: str


@dataclass(frozen=True)
class ApologyFeedback:
    """Every element in the rules' order, and the patterns found, in the rules' order."""

    elements: tuple[Finding, ...]
    patterns: tuple[Finding, ...]
    empty: bool = field(default=False)
    """True when nothing was typed, or only whitespace."""

    @property
    def element_ids(self) -> frozenset[str]:
        """Ids of the elements the apology has."""
        return frozenset(f.id for f in self.elements if f.present)

    @property
    def pattern_ids(self) -> frozenset[str]:
        """Ids of the non-apology patterns found."""
        return frozenset(f.id for f in self.patterns)

    @property
    def is_empty(self) -> bool:
        """Nothing to give feedback on: the page should ask for a few sentences instead."""
        return self.empty


def normalise(text: str) -> tuple[str, list[int]]:
    """Straighten quotes and collapse whitespace; also return, for each character, its original index.

    Cues are written for plain text, but trainees paste from word processors (curly quotes,
    line breaks, double spaces). Letter case is left alone (cues match case-insensitively), so
    every normalised character maps to exactly one original character.
    """
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if chars and chars[-1] == " ":
                continue
            ch = " "
        chars.append(_QUOTES.get(ch, ch))
        index.append(i)
    return "".join(chars), index


@lru_cache(maxsize=2048)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _matches(patterns: list[str], text: str) -> list[Span]:
    spans = []
    for pattern in patterns:
        for match in _compiled(pattern).finditer(text):
            if match.end() > match.start():
                spans.append((match.start(), match.end()))
    return spans


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _raw_finds(item: Cued, text: str) -> list[Span]:
    """Cue matches that no exception overlaps."""
    exceptions = _matches(item.unless, text)
    return [span for span in _matches(item.cues, text) if not _overlaps(span, exceptions)]


def _kept(spans: list[Span], item: Cued, raw_patterns: dict[PatternId, list[Span]]) -> list[Span]:
    """Drop the finds that overlap what a pattern in ``item.not_within`` found."""
    blocking = [span for pattern_id in item.not_within for span in raw_patterns.get(pattern_id, [])]
    return [span for span in spans if not _overlaps(span, blocking)]


def _quotes(spans: list[Span], original: str, index: list[int], normalised: str) -> tuple[str, ...]:
    """The original words behind the spans (overlapping ones merged), trimmed, in reading order, without repeats."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    quotes: list[str] = []
    for start, end in merged:
        while start < end and normalised[start] in _TRIM:
            start += 1
        while end > start and normalised[end - 1] in _TRIM:
            end -= 1
        if start == end:
            continue
        quote = original[index[start] : index[end - 1] + 1]
        if quote not in quotes:
            quotes.append(quote)
    return tuple(quotes)


def analyse_apology(text: str, rules: ApologyRules) -> ApologyFeedback:
    """Read ``text`` against ``rules``: every element present or missing, and the patterns found."""
    if not text.strip():
        missing = tuple(Finding(e.id, "element", e.name, False, (), e.missing_feedback) for e in rules.elements)
        return ApologyFeedback(elements=missing, patterns=(), empty=True)

    normalised, index = normalise(text)
    raw_patterns = {p.id: _raw_finds(p, normalised) for p in rules.patterns}

    elements = []
    for element in rules.elements:
        spans = _kept(_raw_finds(element, normalised), element, raw_patterns)
        quotes = _quotes(spans, text, index, normalised)
        present = bool(quotes)
        feedback = element.present_feedback if present else element.missing_feedback
        elements.append(Finding(element.id, "element", element.name, present, quotes, feedback))

    patterns = []
    for pattern in rules.patterns:
        quotes = _quotes(_kept(raw_patterns[pattern.id], pattern, raw_patterns), text, index, normalised)
        if quotes:
            patterns.append(Finding(pattern.id, "pattern", pattern.name, True, quotes, pattern.feedback))

    return ApologyFeedback(elements=tuple(elements), patterns=tuple(patterns))
