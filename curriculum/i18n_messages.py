"""Sentences the stores write for a trainee or a facilitator to read, marked here for the catalogs.

The stores (:mod:`curriculum.stores`) work the same in every language, so they keep their
messages in English; the pages translate them with ``_()`` where they are shown. Each one
is repeated here inside ``N_()`` so that ``harm-repair i18n extract`` finds it, and a unit
test (``tests/unit/test_i18n_catalogs.py``) checks that every copy still matches its store.
"""

from __future__ import annotations

from .i18n import N_

LEARNER_STATE_MESSAGES = (
    N_("Your saved progress on this device could not be read, so this page starts fresh. Nothing else is affected."),
    N_(
        "A repair plan saved on this device could not be read, so it was set aside. "
        "Your other progress and notes are kept."
    ),
    N_(
        "Your progress was saved by a newer version of this curriculum. This page will not change it; "
        "open the newer version to continue where you stopped."
    ),
    N_("Your saved progress could not be read, so this page starts fresh."),
)
"""``curriculum.stores.learner_state`` (UNREADABLE, PLAN_SET_ASIDE, NEWER) and ``progress_file``."""

LIVE_MESSAGES = (
    N_("Prefer not to answer"),
    N_("Too few answers to show safely."),
    N_("No session has that code. Check the code with your facilitator."),
    N_("This session has ended."),
    N_("This session has expired. Ask your facilitator for a new code."),
    N_("That session and facilitator key do not match."),
    N_("You are not part of this session. Join again with the code."),
    N_("This poll has closed, so answers can no longer change."),
    N_("That poll is not open in this session."),
    N_("Written answers are off for this session."),
    N_("That is not one of this poll's options."),
    N_("This poll does not take written answers."),
)
"""``curriculum.stores.live``: the label of the "prefer not" option and every :class:`LiveError` a page shows."""
