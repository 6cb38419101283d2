"""Specification: which places named in a sentence are the places of its events, and how exactly.

Each row is a hand-written sentence and the event places the pipeline must give, as (place as written,
ACLED precision); the order of the events does not matter. The sentences exercise how the sentence relates a
place to the event: where the actors came from, the route they took, the victims' names, the regions that
only situate a village, a unit's home town, another name in brackets.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from frontlines.records import Document


def _places(pipeline: Any, text: str) -> set[tuple[str, int | None]]:
    events = pipeline.extract_document(Document(id="t", text=text, source_uri="t"))
    return {(e.place.location, e.place.geo_precision) for e in events}


PLACES = [
    # a new locative phrase ends "between ...": the clashes happened in the towns
    (
        "Heavy clashes broke out between the army and the rebels in the towns of Tadef and Abu Taltal.",
        {("Tadef", 1), ("Abu Taltal", 1)},  # Abu Taltal has its own point (Wikipedia map) since the merge
    ),
    # "fighting erupted in A", "clashes raged in A": the event noun's own verb carries the place
    ("Fighting erupted in the town of Tadef on Monday.", {("Tadef", 1)}),
    ("Clashes raged on Tadef's northern perimeter.", {("Tadef", 2)}),
    # a site named with its place is one place: "Deir Ezzor military airport", not the city
    (
        "The army thwarted an ISIL attack on Deir Ezzor military airport on Sunday.",
        {("Deir Ezzor military airport", 1)},
    ),
    # where a projectile came down is where the strike happened
    ("A mortar shell fired by rebels fell on the al-Midan quarter of Tadef.", {("al-Midan", 2)}),
    # "from X to Y": the advance ended in Y; X is where it came from
    ("The army advanced from the village of Tadef to Abu Taltal on Monday.", {("Abu Taltal", 1)}),
    # a road's destination, a border's other side and a river the advance followed are not event places
    ("Rebels shelled Tadef, on the road to Raqqa, on Monday.", {("Tadef", 1)}),
    ("Government forces entered the Nasib border crossing with Jordan on Friday.", {("Nasib", 1)}),  # Nassib
    ("The army advanced along the Euphrates and captured Tadef.", {("Tadef", 1)}),
    # "on the approaches to A" is near A
    ("Jets struck rebel positions on the approaches to Tadef.", {("Tadef", 2)}),
    # ... but the movement ends where a new clause begins
    ("Syrian troops pushed toward Palmyra and captured the village of Tadef.", {("Tadef", 1)}),
    ("Rebels fought their way into the town of Tadef on Wednesday.", {("Tadef", 1)}),
    # in a background sentence, only a part with a date of its own is news
    (
        "Since March 2011, Syria has been gripped by militancy, and government troops captured Tadef on Monday.",
        {("Tadef", 1)},
    ),
    ("Since 2013, ISIS has controlled Raqqa, where it executed hundreds of people in Tadef.", set()),
    # a movement toward a place is no event there
    ("Army units pushed toward the village of Tadef on Monday.", set()),
    # "took the villages of": a capture, one event per village
    ("Government forces took the villages of Tadef and Abu Taltal.", {("Tadef", 1), ("Abu Taltal", 1)}),
    # "between A and B" with no road: near both
    (
        "Government forces shelled rebel positions between Tadef and Abu Taltal.",
        {("Tadef", 2), ("Abu Taltal", 2)},
    ),
    # the victim of a killing or an arrest is a person, even with a place-like name
    ("Gunmen killed Abu Salim in the town of Tadef.", {("Tadef", 1)}),
    ("Abu Salim was executed by the militants in Khanasir.", {("Khanasir", 1)}),
    # a bare subdistrict name is its main town
    ("Rebels shelled the settlements of Arbin and Douma.", {("Arbin", 1), ("Douma", 1)}),
    # a unit's parent formation or home town is not where it fought
    ("The 42nd Brigade of the 4th Division stormed Tadef on Monday.", {("Tadef", 1)}),
    ("The NDF of Salamiyah stormed Tadef on Monday.", {("Tadef", 1)}),
    ("The National Defense Forces of Aleppo City and Salamiyah stormed Tadef.", {("Tadef", 1)}),
    # people named as examples are not places
    ("Three foreign fighters were killed in Manbij, including John Baker and Peter Jones.", {("Manbij", 1)}),
    # a site word after the name is part of the site's name
    ("ISIS shelled Kuweires airbase on Monday.", {("Kuweires", 1)}),
    # another name in brackets is the same place; a list goes on after it
    (
        "Jets struck Tadef, Souran (al-Souran) and Abu Taltal.",
        {("Tadef", 1), ("Souran", 1), ("Abu Taltal", 1)},
    ),
    # a region the sentence frames around a finer place only situates it
    ("A drone was shot down over Homs province in central Syria.", {("Homs", 3)}),
    ("Rebels attacked army posts in the East Ghouta region of rural Damascus.", {("East Ghouta", 2)}),
    # a place's possessive part is near the place; the army of a country is an actor
    ("Rebels shelled Aleppo's western outskirts.", {("Aleppo", 2)}),
    ("Syria's army shelled the town of Tadef.", {("Tadef", 1)}),
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_event_places_in_context(pipeline: Any, text: str, expected: set[tuple[str, int]]) -> None:
    assert _places(pipeline, text) == expected


ASSERTED = [
    # an uncertain actor is no uncertain event
    "It was unclear whether Syrian troops or rebels shelled Tadef.",
    # a report is a claim even when someone else cannot confirm it
    "Rebels said they captured the village of Tadef; the army could not confirm the report.",
    "The rebels captured Tadef, but the observatory could not verify their claims.",
]
NOT_ASSERTED = [
    "The army did not capture Tadef.",
    "Turkey will not strike unless the rebels attack Tadef.",
    "If the rebels captured Tadef, the road would be cut.",
    "Rebels said they would capture Tadef.",
    "The army denied that it shelled Tadef.",
]


@pytest.mark.parametrize("text", ASSERTED)
def test_an_unconfirmed_claim_is_still_an_event(pipeline: Any, text: str) -> None:
    assert ("Tadef", 1) in _places(pipeline, text)


@pytest.mark.parametrize("text", NOT_ASSERTED)
def test_negated_hypothetical_and_denied_events_are_not_coded(pipeline: Any, text: str) -> None:
    assert _places(pipeline, text) == set()


def test_an_event_the_report_dates_long_before_its_publication_is_background(pipeline: Any) -> None:
    text = "Daesh captured Tadef in May 2015. On Monday the army recaptured Tadef."
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 3, 28))
    events = pipeline.extract_document(document)
    assert [(e.place.location, e.date.date) for e in events] == [("Tadef", dt.date(2016, 3, 28))]


def test_an_event_last_month_is_news_for_the_whole_month(pipeline: Any) -> None:
    text = "Syrian troops shelled the town of Tadef in February 2016, killing five civilians."
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 3, 5))
    assert [e.place.location for e in pipeline.extract_document(document)] == ["Tadef"]
