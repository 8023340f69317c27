"""The apology analyser: its rules file, its behaviour on hand-picked texts, and the labelled set."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from pydantic import ValidationError

from curriculum.engines.apology import analyse_apology, normalise
from curriculum.load import load_yaml
from curriculum.paths import PROJECT_ROOT
from curriculum.schema import ELEMENT_IDS, MODELS, PATTERN_IDS, ApologyRules
from curriculum.validate import check_file

RULES_FILE = PROJECT_ROOT / "content" / "accountability-and-repair" / "apology-rules.yaml"


def _load_eval() -> ModuleType:
    """bench/ is not a package; load the evaluation script as a module."""
    name = "apology_eval_under_test"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, PROJECT_ROOT / "bench" / "apology_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def raw_rules() -> dict:
    return load_yaml(RULES_FILE).data


@pytest.fixture(scope="module")
def rules(raw_rules: dict) -> ApologyRules:
    return ApologyRules.model_validate(raw_rules)


def _find(result, finding_id: str):
    return next(f for f in (*result.elements, *result.patterns) if f.id == finding_id)


# ---------------------------------------------------------------- the rules file


def test_rules_file_validates_like_any_content_file() -> None:
    parsed, problems = check_file(RULES_FILE)
    assert problems == []
    assert parsed is not None and isinstance(parsed.model, ApologyRules)
    assert parsed.model.id == "apology-rules-en"
    assert parsed.model.language == "en"
    assert MODELS["apology-rules"] is ApologyRules


def test_rules_list_every_element_and_pattern_in_order(rules: ApologyRules) -> None:
    assert tuple(e.id for e in rules.elements) == ELEMENT_IDS
    assert tuple(p.id for p in rules.patterns) == PATTERN_IDS


def test_a_bad_regex_is_named_in_plain_words(raw_rules: dict) -> None:
    data = copy.deepcopy(raw_rules)
    data["patterns"][0]["cues"].append("(if you were hurt")
    with pytest.raises(ValidationError) as err:
        ApologyRules.model_validate(data)
    message = str(err.value)
    assert "the regular expression '(if you were hurt' does not work" in message
    assert "missing )" in message


def test_a_bad_regex_in_a_file_is_reported_with_its_line(tmp_path: Path) -> None:
    text = RULES_FILE.read_text(encoding="utf-8").replace(
        "      - '\\bmy bad\\b'\n", "      - '\\bmy bad\\b'\n      - '[sorry'\n", 1
    )
    bad = tmp_path / "apology-rules.yaml"
    bad.write_text(text, encoding="utf-8")
    _, problems = check_file(bad)
    assert len(problems) == 1
    problem = problems[0]
    assert "'[sorry'" in problem.message and "does not work" in problem.message
    lines = text.splitlines()
    assert lines[problem.line - 1].strip() == "cues:"  # the list holding the bad cue
    assert "      - '[sorry'" in lines[problem.line : problem.line + 15]


def test_a_missing_element_or_repeated_pattern_is_reported(raw_rules: dict) -> None:
    data = copy.deepcopy(raw_rules)
    data["elements"] = [e for e in data["elements"] if e["id"] != "offers-repair"]
    with pytest.raises(ValidationError, match="'elements' is missing offers-repair"):
        ApologyRules.model_validate(data)
    data = copy.deepcopy(raw_rules)
    data["patterns"].append(copy.deepcopy(data["patterns"][0]))
    with pytest.raises(ValidationError, match="the id conditional is used more than once"):
        ApologyRules.model_validate(data)


def test_an_unknown_element_id_is_refused(raw_rules: dict) -> None:
    data = copy.deepcopy(raw_rules)
    data["elements"][0]["id"] = "says-thanks"
    with pytest.raises(ValidationError):
        ApologyRules.model_validate(data)


# ---------------------------------------------------------------- the engine


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n"])
def test_empty_text_has_every_element_missing_and_no_patterns(rules: ApologyRules, text: str) -> None:
    result = analyse_apology(text, rules)
    assert result.is_empty
    assert [f.id for f in result.elements] == list(ELEMENT_IDS)
    assert not any(f.present for f in result.elements)
    assert result.patterns == ()
    assert result.element_ids == frozenset() and result.pattern_ids == frozenset()
    assert result.elements[0].feedback == rules.elements[0].missing_feedback


def test_text_without_findings_is_not_empty(rules: ApologyRules) -> None:
    result = analyse_apology("Thank you for the update.", rules)
    assert not result.is_empty
    assert result.element_ids == frozenset() and result.patterns == ()


def test_findings_follow_the_rules_and_carry_their_feedback(rules: ApologyRules) -> None:
    text = "I'm sorry if you were hurt. Please forgive us. Mistakes were made."
    result = analyse_apology(text, rules)
    assert [f.id for f in result.elements] == list(ELEMENT_IDS)
    assert [f.id for f in result.patterns] == [p for p in PATTERN_IDS if p in result.pattern_ids]
    says_sorry = _find(result, "says-sorry")
    assert says_sorry.kind == "element" and says_sorry.present
    assert says_sorry.name == rules.elements[0].name
    assert says_sorry.feedback == rules.elements[0].present_feedback
    missing = _find(result, "offers-repair")
    assert not missing.present and missing.quotes == ()
    forgive = _find(result, "asks-forgiveness")
    assert forgive.kind == "pattern" and forgive.present
    assert forgive.feedback == next(p.feedback for p in rules.patterns if p.id == "asks-forgiveness")


def test_conditional_is_flagged_and_quoted_and_names_no_impact(rules: ApologyRules) -> None:
    text = "I'm sorry if you were hurt by the newsletter."
    result = analyse_apology(text, rules)
    assert "says-sorry" in result.element_ids
    assert "names-impact" not in result.element_ids
    conditional = _find(result, "conditional")
    assert any("if you were hurt" in quote for quote in conditional.quotes)


def test_sorry_you_feel_is_not_saying_sorry(rules: ApologyRules) -> None:
    result = analyse_apology("I'm sorry you feel that way.", rules)
    assert "says-sorry" not in result.element_ids
    assert result.pattern_ids == {"sorry-you-feel"}


def test_passive_voice_names_the_harm_but_owns_nothing(rules: ApologyRules) -> None:
    result = analyse_apology("We're sorry your story was shared in the video without your consent.", rules)
    assert {"says-sorry", "names-harm"} <= result.element_ids
    assert "takes-responsibility" not in result.element_ids
    assert "passive-voice" in result.pattern_ids


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("I'm not sorry.", "says-sorry"),
        ("We are not asking you to forgive us.", "asks-forgiveness"),
        ("We will not make excuses. This was not a small thing.", "minimizing"),
        ("There is no but here. We shared your story, and we are sorry.", "but-deflection"),
        ("Our intention does not matter, the impact does.", "centers-intent"),
        ("If you want, we can meet this week.", "conditional"),
        ("We know you feel unsafe because we put your face in the video.", "sorry-you-feel"),
        ("I know this has been so hard for you.", "centers-own-pain"),
        ("Your story was shared by me, and I take full responsibility.", "passive-voice"),
        ("There is nothing we can do to fix this now.", "offers-repair"),
        ("I can't promise it won't happen again.", "commits-to-change"),
    ],
)
def test_negations_and_near_misses_are_not_flagged(rules: ApologyRules, text: str, not_expected: str) -> None:
    result = analyse_apology(text, rules)
    assert not_expected not in result.element_ids | result.pattern_ids


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # one negation covers a list
        ("We are not asking you to forgive us or to move on.", "asks-forgiveness"),
        ("I'm not going to ask you to forgive me.", "asks-forgiveness"),
        # a meeting moving on is not asking her to move on
        ("We had a full agenda and the discussion needed to move on.", "asks-forgiveness"),
        ("This isn't about how bad I feel. I took the credit for your training.", "centers-own-pain"),
        ("We are not going to pretend this was small.", "minimizing"),
        # her feelings as a subject, her finding out as a time: not impact
        ("How you feel about this matters more to us than how it looks.", "names-impact"),
        ("I have barely slept since you found out.", "names-impact"),
        ("I feel awful about leaving you out of the decision.", "names-impact"),
        # a question or a wish is not a report of what we did
        ("Can we just put this behind us?", "takes-responsibility"),
        ("Can we just put this behind us?", "minimizing"),
        # thinking, feeling and following rules are not acts done to her
        ("We never meant to hurt you. We thought it would help.", "takes-responsibility"),
        ("I cried all night after your email.", "names-harm"),
        ("I'm sorry you see it that way. We followed the policy.", "takes-responsibility"),
        # sorry about how it felt is not saying sorry
        ("Sorry it made you uncomfortable.", "says-sorry"),
        ("We're sorry it didn't feel that way.", "says-sorry"),
        # a passive that names us does not hide who acted
        ("Your reimbursements were held up by us, and we're sorry.", "passive-voice"),
        # "your speaker fee" alone does not say what was done with it
        ("I'm sorry about your speaker fee.", "names-harm"),
        ("Even if you never want to speak again, you deserve this apology.", "commits-to-change"),
        ("From now on, every fee will be paid within two weeks.", "offers-repair"),
        # passives that name who acted, describe her, or state a neutral fact
        ("The rates were set by finance according to seniority.", "passive-voice"),
        ("We gave the promotion you were promised to an outside hire.", "passive-voice"),
        ("The meeting was held in the main office.", "passive-voice"),
        ("I know you were not consulted, and that is on me.", "passive-voice"),
        # a repair that is negated, only hoped for, or was the harm itself
        ("We will not be restoring the stipend.", "offers-repair"),
        ("We hope the training will be rescheduled someday.", "offers-repair"),
        ("You deserved to be paid on time.", "offers-repair"),
        ("I regret the decision I made to pull your photo from the report.", "offers-repair"),
        ("I regret the decision I made to pull your photo from the report.", "regret-without-ownership"),
        # bad news about a limit is not regret without ownership
        ("Unfortunately there is nothing we can do to bring the hours back.", "regret-without-ownership"),
        # "we" in a time clause that does nothing to her owns nothing
        ("Apologies to anyone who felt overlooked when we announced the new lead.", "takes-responsibility"),
        # the date a repair starts is not a change from now on
        ("We would like to put your hours back starting next month.", "commits-to-change"),
    ],
)
def test_negation_scope_and_near_misses_of_the_broad_cues(rules: ApologyRules, text: str, not_expected: str) -> None:
    result = analyse_apology(text, rules)
    assert not_expected not in result.element_ids | result.pattern_ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # any first-person act in the past, aimed at her, names the harm and owns it
        ("I presented your outreach data to the board as my own analysis.", {"names-harm", "takes-responsibility"}),
        ("i sat on your reimbursement forms for months.", {"names-harm", "takes-responsibility"}),
        ("We forwarded your medical note to the whole team.", {"names-harm", "takes-responsibility"}),
        ("I talked over you in the planning meeting.", {"names-harm", "takes-responsibility"}),
        ("Both were my choices.", {"takes-responsibility"}),
        ("Your reimbursements were held up by us.", {"names-harm", "takes-responsibility"}),
        # the act named after an apology, or in the passive, or as money held back
        ("Sorry for leaving you off the email.", {"says-sorry", "names-harm"}),
        ("I regret calling you too emotional.", {"says-sorry", "names-harm"}),
        ("Your contract was not renewed.", {"names-harm", "passive-voice"}),
        ("Apologies for the delay with your reimbursements.", {"says-sorry", "names-harm"}),
        # repair planned, under way or just done
        ("I've sent the full fee today.", {"offers-repair"}),
        ("We'll pay them all by Friday.", {"offers-repair"}),
        ("We are restoring your pay from the date of the cut.", {"offers-repair"}),
        ("It will be released this week.", {"offers-repair"}),
        ("We will reschedule it and cover the costs.", {"offers-repair"}),
        # change as a rule or a promise
        ("Every reimbursement will now be paid within 30 days.", {"commits-to-change"}),
        ("It'll be your name on it from here on.", {"commits-to-change"}),
        ("I won't talk about anyone's feelings that way again.", {"commits-to-change"}),
        # pattern families
        ("I'm sorry for whatever pain my remark may have caused.", {"conditional"}),
        ("Sorry, but we've been swamped.", {"but-deflection"}),
        ("I regret it; however, we had a full agenda.", {"but-deflection"}),
        ("Sorry my comment came across as harsh.", {"sorry-you-feel"}),
        ("The funder deck was built from your slides.", {"passive-voice"}),
        ("Sadly, the money took most of the year to come through.", {"regret-without-ownership"}),
        ("I'm sorry for how this whole thing with your role has gone.", {"regret-without-ownership"}),
        ("We honestly thought you liked speaking at the events.", {"centers-intent"}),
        ("Nobody meant any harm.", {"centers-intent"}),
        ("This has been the hardest month of my career.", {"centers-own-pain"}),
        ("These things happen.", {"minimizing"}),
        # repairs said as next steps for her, in any voice
        ("We will put your name back on the report before it goes to the ministry.", {"offers-repair"}),
        ("The interpreter will be booked for every session you run next quarter.", {"offers-repair"}),
        ("I have asked the board to reverse the cut to your stipend.", {"offers-repair"}),
        ("You will get the full stipend for March.", {"offers-repair"}),
        ("The missing money will reach you on Friday.", {"offers-repair"}),
        ("We're reprinting the brochure with your title on it.", {"offers-repair"}),
        ("I will call each partner and tell them the toolkit is your work.", {"offers-repair"}),
        # harms told through her things and roles
        ("I handed your introduction slot at the summit to the CEO.", {"names-harm", "takes-responsibility"}),
        ("I cancelled the interpreter the day before your workshop.", {"names-harm", "takes-responsibility"}),
        ("The promotion went to someone with less experience than you.", {"names-harm"}),
        ("We never once booked the childcare you asked for.", {"names-harm", "takes-responsibility"}),
        ("The seat you held on the panel was given away.", {"names-harm", "passive-voice"}),
        ("I keep cutting in when you present.", {"names-harm", "takes-responsibility"}),
        # impact on her trust, safety, income and standing
        ("It has made you wary of telling us anything.", {"names-impact"}),
        ("It left you having to explain yourself to the funders.", {"names-impact"}),
        ("Donors now see you only as a survivor.", {"names-impact"}),
        ("It damaged your standing with the partners.", {"names-impact"}),
        ("That wrecked your childcare plans.", {"names-impact"}),
        # more pattern families
        ("I regret that you found the process upsetting.", {"sorry-you-feel"}),
        ("We apologise that the announcement came across the wrong way.", {"sorry-you-feel"}),
        ("Honestly the stress of all this has made me ill.", {"centers-own-pain"}),
        ("It was a painful week for the whole management team.", {"centers-own-pain"}),
        ("Nobody here set out to sideline you.", {"centers-intent"}),
        ("It was never personal.", {"centers-intent"}),
        ("Maybe we could have done it differently, and if so, sorry.", {"conditional"}),
        ("Please don't hold it against us.", {"asks-forgiveness"}),
        ("Sorry, but the venue cancelled on us.", {"but-deflection"}),
    ],
)
def test_broad_cues_work_on_wordings_beyond_the_examples(rules: ApologyRules, text: str, expected: set[str]) -> None:
    result = analyse_apology(text, rules)
    assert expected <= result.element_ids | result.pattern_ids


def test_a_negated_act_can_still_name_the_harm(rules: ApologyRules) -> None:
    result = analyse_apology("We did not ask you first.", rules)
    assert {"names-harm", "takes-responsibility"} <= result.element_ids


def test_quotes_are_exact_substrings_even_with_curly_quotes_and_line_breaks(rules: ApologyRules) -> None:
    text = "I\u2019m  sorry.\n\nWe   shared your story\nwithout asking, but the board\u2019s deadline was close."
    result = analyse_apology(text, rules)
    quotes = [q for f in (*result.elements, *result.patterns) for q in f.quotes]
    assert quotes
    assert all(q and q in text for q in quotes)
    assert "I\u2019m  sorry" in _find(result, "says-sorry").quotes
    assert "but-deflection" in result.pattern_ids


def test_normalise_keeps_a_map_to_the_original() -> None:
    text = "  \u201cWe\u2019re\t\tsorry\u201d "
    normalised, index = normalise(text)
    assert normalised == ' "We\'re sorry" '
    assert len(index) == len(normalised)
    assert all(text[i].isspace() or normalised[n] in "\"'" or text[i] == normalised[n] for n, i in enumerate(index))


# ---------------------------------------------------------------- the labelled set


def test_every_quote_in_the_labelled_set_is_a_substring(rules: ApologyRules) -> None:
    for case in _load_eval().load_cases():
        result = analyse_apology(case.text, rules)
        for finding in (*result.elements, *result.patterns):
            assert all(q in case.text for q in finding.quotes), (case.id, finding.id, finding.quotes)


def test_labelled_set_is_big_enough_and_covers_every_pattern() -> None:
    cases = _load_eval().load_cases()
    assert len(cases) >= 48
    for pattern in PATTERN_IDS:
        assert sum(pattern in c.patterns for c in cases) >= 4, pattern
    for element in ELEMENT_IDS:
        assert any(element not in c.elements for c in cases if c.elements), element


def test_precision_and_recall_are_at_least_0_9_for_every_element_and_pattern(rules: ApologyRules) -> None:
    bench = _load_eval()
    evaluation = bench.evaluate(rules, bench.load_cases())
    below = {s.id: (round(s.precision, 2), round(s.recall, 2)) for s in evaluation.below(0.9)}
    assert below == {}, f"below 0.9 (precision, recall): {below}; run 'make eval' with --verbose"
    assert len(evaluation.scores) == len(ELEMENT_IDS) + len(PATTERN_IDS)


def test_eval_script_reports_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.json"
    # --no-holdout: the held-out set is replaced by a fresh one written without seeing the rules
    assert _load_eval().main(["--json", str(out), "--check", "--no-holdout"]) == 0
    printed = capsys.readouterr().out
    assert "precision" in printed and "says-sorry" in printed
    figures = json.loads(out.read_text())
    assert set(figures["scores"]) == set(ELEMENT_IDS) | set(PATTERN_IDS)
    assert figures["totals"]["all"]["precision"] >= 0.9


def test_eval_check_fails_when_a_label_disagrees(tmp_path: Path) -> None:
    bench = _load_eval()
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        yaml.safe_dump({"cases": [{"id": "x", "text": "I'm sorry.", "elements": ["names-harm"], "patterns": []}]}),
        encoding="utf-8",
    )
    assert bench.main(["--cases", str(cases), "--no-holdout"]) == 0
    assert bench.main(["--cases", str(cases), "--check", "--no-holdout"]) == 1
