"""Specification: deaths told in a sentence of their own go to the event told just before (rule "deaths told
after", events/deaths.py). Hand-written reports; each case gives the deaths per event place."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from frontlines.records import Document


def _deaths(pipeline: Any, text: str) -> dict[str, int | None]:
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 5, 4))
    events = pipeline.extract_document(document)
    return {e.place.location: e.fatalities.count if e.fatalities else None for e in events}


CASES = [
    # the toll of the fighting just told goes to its first event (ACLED's convention for a toll it cannot split)
    (
        "The army recaptured the villages of Khanasir and Hardana on Sunday. "
        "At least seven militants were killed during the clashes.",
        {"Khanasir": 7, "Hardana": None},
    ),
    # the words point back to the place: "the battle for the town" is the town's, though a village came after
    (
        "Rebels captured the town of Khanasir on Sunday. The army shelled the village of Hardana. "
        "The rebels said they killed 12 soldiers in the battle for the town.",
        {"Khanasir": 12, "Hardana": None},
    ),
    # a toll summed over a stretch of time is no one event's
    (
        "The army recaptured the village of Hardana on Sunday. "
        "More than 60 fighters have been killed on both sides since Wednesday.",
        {"Hardana": None},
    ),
    # an event's own count is kept
    (
        "Jets struck the village of Hardana on Sunday, killing three civilians. Five more people died later.",
        {"Hardana": 3},
    ),
    # too far after the events: three sentences on
    (
        "The army recaptured the village of Hardana on Sunday. The road reopened. Shops were busy. "
        "Markets stayed open. Four soldiers were killed in the clashes.",
        {"Hardana": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_deaths_told_after_go_to_the_event_told_before(pipeline: Any, text: str, expected: dict) -> None:
    assert _deaths(pipeline, text) == expected
