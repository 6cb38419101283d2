"""Specification: event places the phrase names in ways that are easy to miss (issue 9, recall).

Each row is a sentence we wrote and the event places the pipeline must give, as (place as written, ACLED
precision). The classes: a light verb the small model lemmatises wrongly ("staged" as "stag"); a place named
after its kind ("a base known as Base 46"), also as a list member; a landmark noun that frames the name ("Tal
Mamo hill"); a region named the Syrian way ("Aleppo eastern countryside"); "the city of X" is the city, not the
governorate; an infinitive of purpose is an aim, not an event, unless it was attempted; a part of a city
("parts of the city of Aleppo") only situates.
"""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.records import Document


def _places(pipeline: Any, text: str) -> set[tuple[str, int | None]]:
    events = pipeline.extract_document(Document(id="t", text=text, source_uri="t"))
    return {(e.place.location, e.place.geo_precision) for e in events}


PLACES = [
    # "staged", "waged": the small model lemmatises them "stag", "wag"; they still carry the event noun
    ("Gunmen staged an ambush in the town of Tadef on Monday.", {("Tadef", 1)}),
    ("Rebels waged fierce battles in the village of Anjara.", {("Anjara", 1)}),
    # a place named after its kind, alone or as the last member of a list
    ("The army stormed a hill known as Tal Sheikh on Sunday.", {("Tal Sheikh", None)}),
    (
        "Rebels captured the villages of Tadef and Anjara, as well as an army base known as Base 46.",
        {("Tadef", 1), ("Anjara", 1), ("Base 46", 2)},  # the curated base, placed to about 2 km
    ),
    # the landmark noun after a name frames it as a place, and the gazetteer finds the place without it
    ("Government forces took control of Tal Mamo hill on Sunday.", {("Tal Mamo hill", 1)}),
    # a number before a landmark noun names no place
    (
        "Rebels captured the village of Tadef, an area of 30 square kilometres (11.5 square miles).",
        {("Tadef", 1)},
    ),
    # "Aleppo eastern countryside": a direction between the name and its kind; the region only situates (and
    # is where the place must lie: tests/test_places_geocode.py)
    ("Rebels seized the village of Tadef in Aleppo eastern countryside.", {("Tadef", 1)}),
    ("Militants seized several hills in Homs eastern countryside on Monday.", {("Homs", 3)}),
    # "the city of Aleppo" is the city beside its named district, not a governorate summing it up
    (
        "Helicopters dropped barrel bombs on the northern city of Aleppo, and jets struck the Karam el-Beik "
        "district.",
        {("Aleppo", 1), ("Karam el-Beik", 3)},
    ),
    # ... which situates the finer places of its own sentence, unless it is one more member of their list
    (
        "Jihadists in Aleppo city launched a new offensive today on the villages of Tadef and Anjara.",
        {("Tadef", 1), ("Anjara", 1)},
    ),
    (
        "Police arrested ten men in the towns of Ariha, Salqin, and the city of Idlib on Sunday.",
        {("Ariha", 1), ("Salqin", 1), ("Idlib", 1)},
    ),
    # "west of the northern city of Aleppo" only says where the place is
    (
        "Dozens of soldiers were killed in a gas attack in Khan al-Assal, 14 km west of the northern city of Aleppo.",
        {("Khan al-Assal", 1)},
    ),
    # a number that begins a name is part of it
    (
        "The army launched a counter-attack at the 1070 Al-Hamdaniyah Housing Project tonight.",
        {("1070 Al-Hamdaniyah Housing Project", None)},
    ),
    # ... but parts of the city only situate the place the sentence names
    (
        "Regime forces pressed their offensive in rebel-held parts of the city of Aleppo on Saturday, seizing "
        "the village of Tadef.",
        {("Tadef", 1)},
    ),
    # an aim is not an event; an attempt that was foiled is
    ("The army launched an offensive to recapture the town of Tadef.", set()),
    ("The Kurdish forces captured the airbase in a push to eventually free the city of Raqqa.", set()),
    ("The army foiled an attempt by rebels to infiltrate positions in Tadef.", {("Tadef", 1)}),
    # a village whose name starts with a people's word is a place where a list or a place noun frames it
    (
        "Rebels captured the villages of Tadef, Arab Hasan and Anjara on Monday.",
        {("Tadef", 1), ("Arab Hasan", 1), ("Anjara", 1)},
    ),
    ("Arab fighters captured Tadef on Monday.", {("Tadef", 1)}),
    # "the neighbourhood of X of Homs": X, in Homs
    ("Militants fired rockets on the neighborhood of al-Waer of Homs on Sunday.", {("al-Waer", 1)}),
    # a direction word before a lone landmark noun is part of its name; the road after it only locates it
    ("Rebels attacked the Central Prison on the Idlib-Salqin highway.", {("Central Prison", 3)}),
    ("Rebels attacked the town of Tadef on the Aleppo-Raqqa highway.", {("Tadef", 1)}),
    # a list that restates the places of the event told before it ("they are the villages of") is that event's
    (
        "Clashes continued amid an exchange of shelling, as the factions took control of the villages of Tadef "
        "and Anjara, raising to four the number of villages they seized this week, they are the villages of "
        "Tadef, Anjara, Qabasin and Sousan.",
        {("Tadef", 1), ("Anjara", 1), ("Qabasin", 1), ("Sousan", 1)},
    ),
]


def test_a_restated_list_takes_the_event_before_it(pipeline: Any) -> None:
    text = (
        "Clashes continued amid an exchange of shelling, as the factions took control of the villages of Tadef "
        "and Anjara, raising to four the number of villages they seized this week, they are the villages of "
        "Tadef, Anjara, Qabasin and Sousan."
    )
    events = pipeline.extract_document(Document(id="t", text=text, source_uri="t"))
    assert {e.sub_event_type for e in events if e.place.location in ("Qabasin", "Sousan")} == {
        "Non-state actor overtakes territory"
    }


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_event_places_named_in_less_common_ways(
    pipeline: Any, text: str, expected: set[tuple[str, int]]
) -> None:
    assert _places(pipeline, text) == expected
