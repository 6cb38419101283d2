"""Specification: news that is not about the war gives only events told in words that are never figurative
(rule "off topic", events/scope.py), and titles, institutions and parties are no places. Hand-written reports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from frontlines.records import Document


def _places(pipeline: Any, text: str) -> list[str]:
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2018, 9, 4))
    return sorted(e.place.location for e in pipeline.extract_document(document))


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # off the war, a name after a preposition is a person or a party, and "attack" is a word of politics
        ("The relentless attacks on Corbyn went on for weeks.", []),
        ("The president's attacks on Mueller and his team came after the report.", []),
        ("Critics attacked the president over his performance at the Helsinki summit.", []),
        # a car bomb or an air strike is never figurative: no war report is needed around it
        ("A car bomb exploded in Rafraf on Monday, killing five people.", ["Rafraf"]),
        # in a war report the same reading stands: most villages are missing from the gazetteer
        ("Syrian troops attacked Rafraf on Monday.", ["Rafraf"]),
        # a Syrian place the gazetteer knows makes the report a war report
        ("A boy was killed in al-Zaytouniyah in Qamishli on Sunday.", ["al-Zaytouniyah"]),
        # a label that only war has ("rebels"), too; "militants" and "the military" are in other news
        ("Rebels captured the village of Rafraf on Monday.", ["Rafraf"]),
        ("The military took over several Walmart locations in Texas.", []),
        # the war's own armed actors by name, too
        ("Hayat Tahrir al-Sham fighters attacked Rafraf on Monday.", ["Rafraf"]),
    ],
)
def test_a_report_off_the_war_gives_only_events_in_literal_words(
    pipeline: Any, text: str, places: list[str]
) -> None:
    assert _places(pipeline, text) == places


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Syrian rebels attacked the convoy of Judge Ahmad Kanaan in Idlib.", ["Idlib"]),
        (
            "Syrian jets bombed the area after Pope Francis spoke, hitting Maarat al-Numan.",
            ["Maarat al-Numan"],
        ),
        ("Syrian rebels attacked the Supreme Court building in Damascus.", ["Damascus"]),
    ],
)
def test_titles_and_institutions_are_no_places(pipeline: Any, text: str, places: list[str]) -> None:
    assert _places(pipeline, text) == places
