"""Specification: places that only situate an event, names a place noun ends, and "since" in a comparison.

Hand-written sentences and the event places the pipeline must give, as (place as written, ACLED precision):
- rule "situating" (extract): a place in a direction from where a trigger happened ("west of Raqqa") is no
  event place when the trigger names where it happened, unless it is listed with that place ("in A and south
  of B");
- a name that ends with a noun of a kind of place ("the Jamiliyah Quarter", "the Turkmen Mountains") is a
  place, also when its first word is a people's;
- the outskirts of a town are the town's (not a region around other places); "with help from" is no origin;
  "located near/between/west of" gives references; a source's place ("a source at the airport") is none; "A
  and B, in Manbij's southern suburbs" makes Manbij their container;
- a plural place noun after a list ("the A and B districts") frames its first members; a name near a
  governorate's ("Darayya", "Dara") does not name it; a trigger after "fear of", "risk of" is not done;
- rule "fronted place": "Meanwhile, in A, ..." with one event; "located near" after a named place only; planted
  bombs pass their place on (and are IEDs); a bomb defused, found or cleared is no explosion;
- rule "named part" (events.coarse): of "the Idlib town of Saraqib", "the Jobar district of Damascus", the name
  of a governorate is the whole and only situates the other;
- chemical agents ("Sarin gas") are no places; a road named by its ends ("the Manbij to al-Bab highway") gives
  neither end;
- "the first time since 2013" compares the news with the past: not background;
- "the Kurdish-held X district": who holds a place is no part of its name; "the city of A and the nearby B": a
  city opening a list is an event place (events.coarse); a vehicle that "blew up" is an explosion.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from frontlines.contract import event_row
from frontlines.records import Document


def _places(pipeline: Any, text: str) -> set[tuple[str, int | None]]:
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 5, 4))
    return {(e.place.location, e.place.geo_precision) for e in pipeline.extract_document(document)}


PLACES = [
    # a direction from a place situates the villages the trigger names
    (
        "Meanwhile, west of al-Bab, army helicopters struck ISIS positions at the villages of Tadef and Abu Taltal.",
        {("Tadef", 1), ("Abu Taltal", 1)},
    ),
    (
        "ISIS launched an attack on the village of Tadef, situated just east of the government stronghold of "
        "Abu Taltal.",
        {("Tadef", 1)},
    ),
    # ... but listed with the place, it is one more place of the event
    (
        "The army targeted gatherings in the village of Tadef and south of Abu Taltal village, destroying two "
        "vehicles.",
        {("Tadef", 1), ("Abu Taltal", 2)},
    ),
    # the outskirts of a town are where its event happened, not a region around another event's place
    (
        "The army is storming the checkpoints at the northern outskirts of Tadef, while jets bombard the rebels "
        "in the Abu Taltal plains.",
        {("Tadef", 2), ("Abu Taltal", 1)},
    ),
    # help that came from someone is no place the attackers came from
    (
        "The army launched its assault, striking rebel positions with help from the air force at Tadef.",
        {("Tadef", 1)},
    ),
    # "located near", "located between": the places after them only say where another place is
    (
        "Clashes are ongoing as the army tries to enter Tadef, a village located near the western bank of the "
        "Euphrates River.",
        {("Tadef", 1)},
    ),
    (
        "The army began its assault at the village of Tadef, located between the towns of Manbij and al-Bab.",
        {("Tadef", 1)},
    ),
    # a source's place is no event place
    (
        "According to a source at the Kuweires Military Airport, jets bombed rebels in the village of Tadef on Monday.",
        {("Tadef", 1)},
    ),
    # the owner of the suburbs a list names situates the list
    (
        "Ten fighters were killed in clashes in the villages of Tadef and Abu Taltal, in Manbij's southern suburbs.",
        {("Tadef", 1), ("Abu Taltal", 1)},
    ),
    # "A and large parts of B": B is taken too, not a region around A
    (
        "The army is pushing east after capturing Tadef and large parts of the Zeytun Forests on Monday.",
        {("Tadef", 1), ("Zeytun Forests", 3)},
    ),
    # a fronted place is where the sentence's one event happened
    (
        "Meanwhile, in western Qalamoun, rebel groups fended off a surprise attack by ISIS militants.",
        {("Qalamoun", 3)},
    ),
    # a located place is a reference only after a place named before it: unnamed farms happened at it
    (
        "The army launched an attack in the East Ghouta region on Monday, targeting the farms situated northeast "
        "of the town of Hazrama.",
        {("Hazrama", None)},
    ),
    # planted bombs: the place is the bombs' ...
    (
        "The army planted bombs at a building outside of Tadef and then detonated them at nightfall.",
        {("Tadef", 2)},
    ),
    # a road named by its two ends: neither end is where it happened
    ("Rebels ambushed an army convoy on the Manbij to al-Bab highway on Monday.", set()),
    # rule "named part": of "A <place noun> of B", the one that names a governorate is the whole
    (
        "At least 20 people were killed in air strikes on the Damascus suburb of Douma on Monday.",
        {("Douma", 1)},
    ),
    ("Jets struck the Idlib town of Saraqib on Monday.", {("Saraqib", 1)}),
    ("Rebels shelled the Jobar district of Damascus on Monday.", {("Jobar", 1)}),
    # the country around Damascus ("east of Damascus") is Rural Damascus: its places there cover it; Damascus
    # named as a place of its own is not covered by a place outside it
    (
        "Government forces shelled rebel positions east of Damascus on Sunday.\nThe shells hit Zamalka and Irbin.",
        {("Zamalka", 1), ("Irbin", 1)},
    ),
    (
        "Rebels captured Damascus on Sunday.\nRebels also captured the Sednaya prison on Sunday.",
        {("Damascus", 1), ("Sednaya prison", 1)},
    ),
    # a plural place noun after a list frames its first members too
    (
        "The army stormed both the Qasr Shamali and Jubb Kalb districts on Monday.",
        {("Qasr Shamali", None), ("Jubb Kalb", 1)},
    ),
    # a name close to a governorate's ("Darayya" and "Dara") is no region around its list
    (
        "The army launched an offensive on Monday, targeting the cities of Darayya and Moadamiyeh.",
        {("Darayya", 1), ("Moadamiyeh", 1)},
    ),
    # what is feared has not happened
    ("Government forces pulled back for fear of being shelled in Tadef.", set()),
    ("Civilians are leaving the town of Tadef for fear of air strikes on the town.", set()),
    # a name ending with a place noun is a place, whatever the model's label
    ("Rebels stormed the Jamiliyah Quarter of Aleppo City on Monday.", {("Jamiliyah Quarter", 1)}),
    ("Russian jets struck Nusra positions at the Turkmen Mountains on Monday.", {("Turkmen Mountains", 2)}),
    # a chemical agent is no place (Sarin is also a subdistrict's name)
    (
        "Dozens of soldiers were killed in a suspected attack with Sarin gas in the town of Tadef.",
        {("Tadef", 1)},
    ),
    # a comparison with the past is not background
    (
        "Government forces have captured Tadef, the first time since 2013 that they entered the town.",
        {("Tadef", 1)},
    ),
    ("Rebels shelled Tadef, the heaviest shelling of the town since 2014.", {("Tadef", 1)}),
    # ... while the past itself is
    ("Since 2013, ISIS has controlled Raqqa, where it executed hundreds of people in Tadef.", set()),
    # who holds a place, as a compound adjective before its name, is no part of the name
    ("Rebels shelled the Kurdish-held Sheikh Maqsoud district of Aleppo on Friday.", {("Sheikh Maqsoud", 1)}),
    ("The army stormed the ISIS-controlled village of Tadef on Friday.", {("Tadef", 1)}),
    # a name a place noun frames is no actor, even where the parse makes it the subject ("al", "-", "Midan")
    (
        "A mortar attack by Syrian militants on the government-held district of al-Midan killed 8 civilians on "
        "Sunday.",
        {("al-Midan", 2)},
    ),
    # people taken away from a place were taken there
    ("Gunmen abducted five Syrian civilians from the village of Tadef on Wednesday.", {("Tadef", 1)}),
    # activists an event befell are no source, and the place after them no source's place
    (
        "Syrian security forces arrested activists in raids on homes in the village of Tadef on Friday.",
        {("Tadef", 1)},
    ),
    (
        "Activists in the village of Tadef said Syrian jets struck the town of Abu Taltal.",
        {("Abu Taltal", 1)},
    ),
    # a city that opens a list is one more place of the event, not the city around the next member
    (
        "The SDF took full control of the city of Tabqa and the nearby Euphrates dam on Friday.",
        {("Tabqa", 1), ("Euphrates dam", 2)},  # the curated Tabqa Dam, placed to about 2 km
    ),
]


@pytest.mark.parametrize(("text", "expected"), PLACES)
def test_event_places(pipeline: Any, text: str, expected: set[tuple[str, int | None]]) -> None:
    assert _places(pipeline, text) == expected


def test_a_vehicle_that_blew_up_is_an_explosion(pipeline: Any) -> None:
    text = "An explosive-laden vehicle blew up outside the courthouse in the town of Tadef on Saturday."
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 5, 4))
    events = pipeline.extract_document(document)
    assert [(e.place.location, e.sub_event_type) for e in events] == [
        ("Tadef", "Remote explosive/landmine/IED")
    ]


def test_bombs_dismantled_by_the_dozen_are_a_defusal(pipeline: Any) -> None:
    text = (
        "Army engineering units dismantled dozens of explosive devices that the Takfiris had planted in the "
        "houses of Tadef."
    )
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 5, 4))
    events = pipeline.extract_document(document)
    assert [(e.place.location, e.sub_event_type) for e in events] == [("Tadef", "Disrupted weapons use")]


def test_a_defused_bomb_is_a_defusal_not_an_explosion(pipeline: Any) -> None:
    """Rule "disarmed": the bomb defused gives no explosion; its place is the defusal's (Disrupted weapons use)."""
    text = "Army engineers defused a roadside bomb planted by the terrorists near the village of Tadef."
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 5, 4))
    events = pipeline.extract_document(document)
    assert [(e.place.location, e.sub_event_type) for e in events] == [("Tadef", "Disrupted weapons use")]


def test_an_event_told_along_another_happened_at_its_places(pipeline: Any) -> None:
    """Rule "accompanying": the bombardment after which a town was seized happened at the town."""
    text = "Opposition fighters seized the town of Tadef after intense bombardment by Turkish troops on Thursday."
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 5, 4))
    found = sorted((e.place.location, e.sub_event_type) for e in pipeline.extract_document(document))
    assert found == [
        ("Tadef", "Non-state actor overtakes territory"),
        ("Tadef", "Shelling/artillery/missile attack"),
    ]


def test_the_start_of_what_goes_on_dates_no_later_sentence(pipeline: Any) -> None:
    """Rule "onset": "the clashes first broke out on August 28" dates that start, not the undated news after it
    (which is of the report's day); without "first", the day dates the story ("On Sunday ... It also ...")."""
    text = (
        "Clashes between tribal fighters and the SDF are raging in Deir Ezzor.\n\n"
        "The clashes first broke out on August 28 in the town of Tadef.\n\n"
        "Heavy clashes were reported in the village of Abu Taltal."
    )
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2023, 9, 1))
    dates = {e.place.location: e.date.date for e in pipeline.extract_document(document)}
    assert dates == {"Tadef": dt.date(2023, 8, 28), "Abu Taltal": dt.date(2023, 9, 1)}


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # what aircraft fire is an air strike, whatever the munition's word
        ("Syrian army helicopters fired rockets at the village of Tadef on Monday.", "Air/drone strike"),
        # rockets fired from the ground are shelling, and an air strike named before is no doer
        ("Rebels fired rockets at the village of Tadef on Monday.", "Shelling/artillery/missile attack"),
        (
            "The Russian airstrikes coincided with attacks by regime rocket launchers on the village of Tadef.",
            "Shelling/artillery/missile attack",
        ),
    ],
)
def test_aircraft_that_fire_make_an_air_strike(pipeline: Any, text: str, sub_event_type: str) -> None:
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 5, 4))
    assert [e.sub_event_type for e in pipeline.extract_document(document)] == [sub_event_type]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # a bomb whose sentence names no one who set it off: ACLED's unidentified armed group
        ("A car bomb exploded in the Syrian town of Tadef on Monday.", "Unidentified Armed Group (Syria)"),
        (
            "A suicide bomber blew himself up at a checkpoint in the Syrian town of Tadef.",
            "Unidentified Armed Group (Syria)",
        ),
        # ... and the group the sentence names where it does
        ("Syrian rebels detonated a car bomb in the town of Tadef on Monday.", "Opposition Rebels (Syria)"),
        # a protest whose sentence names no group: the protesters of the country
        (
            "Hundreds of people marched peacefully through the Syrian town of Tadef on Friday.",
            "Protesters (Syria)",
        ),
    ],
)
def test_an_event_with_no_one_named_has_acled_s_default_actor(pipeline: Any, text: str, actor1: str) -> None:
    document = Document(id="t", text=text, source_uri="t", published=dt.date(2016, 5, 4))
    [event] = pipeline.extract_document(document)
    assert event.actor1 is not None and event.actor1.name == actor1
    # a default actor has no words of the report: no label in the output, none whose tone is read
    row = event_row(event, document)
    assert (row["actor1_label"] is None) == (event.actor1.label == "")
    assert all(label.label for label in event.claim.labels)
