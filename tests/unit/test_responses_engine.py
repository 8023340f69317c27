from curriculum.engines.responses import analyse_response
from curriculum.schema import ResponseSignals

SIGNALS = ResponseSignals(
    centers_agency=["you did the work", "your choice", "no debt", "thank you for telling me"],
    centers_organization=["we saved", "you owe", "thanks to us"],
)


def test_agency_phrases_are_found_and_quoted() -> None:
    result = analyse_response("Honestly, YOU did the  work. It was your choice.", SIGNALS)
    assert result.verdict == "centers-agency"
    assert result.agency_phrases == ("you did the work", "your choice")
    assert "own effort" in result.message


def test_organization_phrases_are_found() -> None:
    result = analyse_response("Thanks to us, you made it. We saved you.", SIGNALS)
    assert result.verdict == "centers-organization"
    assert set(result.organization_phrases) == {"we saved", "thanks to us"}


def test_mixed_and_unclear() -> None:
    assert analyse_response("You did the work, but you owe the program.", SIGNALS).verdict == "mixed"
    assert analyse_response("Okay.", SIGNALS).verdict == "unclear"


def test_curly_apostrophes_match() -> None:
    signals = ResponseSignals(centers_agency=["it's your call", "a", "b"], centers_organization=["x1", "y1", "z1"])
    assert analyse_response("It\u2019s your call.", signals).verdict == "centers-agency"
