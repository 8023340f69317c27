"""Feedback on a response a trainee writes: does it center the survivor's agency?

A deliberately simple, explainable check: the phrases that suggest either reading live
in the content file (so other languages and communities can tune them), and the
feedback quotes the words that triggered it. It is a prompt for thinking, not a grade.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..i18n import _
from ..schema import ResponseSignals

Verdict = Literal["centers-agency", "centers-organization", "mixed", "unclear"]


def _normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class ResponseFeedback:
    verdict: Verdict
    agency_phrases: tuple[str, ...]
    organization_phrases: tuple[str, ...]

    @property
    def message(self) -> str:
        if self.verdict == "centers-agency":
            return _("This response puts the survivor's own effort and choices at the center.")
        if self.verdict == "centers-organization":
            return _("This response puts the organization at the center, which can feed the cycle of attachment.")
        if self.verdict == "mixed":
            return _("Parts of this response center the survivor, and parts center the organization.")
        return _("It is hard to tell who this response centers. Try naming the survivor's own work or choice.")


def analyse_response(text: str, signals: ResponseSignals) -> ResponseFeedback:
    normalised = _normalise(text)
    agency = tuple(p for p in signals.centers_agency if _normalise(p) in normalised)
    organization = tuple(p for p in signals.centers_organization if _normalise(p) in normalised)
    verdict: Verdict
    if agency and organization:
        verdict = "mixed"
    elif agency:
        verdict = "centers-agency"
    elif organization:
        verdict = "centers-organization"
    else:
        verdict = "unclear"
    return ResponseFeedback(verdict, agency, organization)
