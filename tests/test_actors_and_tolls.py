"""Specification: actor pairs and death tolls in sentences we wrote (issue 9, fields).

Who the victims are (not the people who tell), what a generic label stands for when the government side is its
foe, a light verb that only carries the means ("executed airstrikes"), and counts of strikes that are no deaths.
"""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.records import Document


def _events(pipeline: Any, text: str) -> dict[str, Any]:
    return {
        e.place.location: e for e in pipeline.extract_document(Document(id="t", text=text, source_uri="t"))
    }


def _pairs(pipeline: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {
        place: (e.actor1.actor_id if e.actor1 else None, e.actor2.actor_id if e.actor2 else None)
        for place, e in _events(pipeline, text).items()
    }


PAIRS = [
    # residents who report are witnesses, not the victims of the shelling they report
    (
        "Rebels shelled the village of Tadef on Sunday, and local residents reported that a shell hit the town "
        "of Anjara.",
        {"Tadef": ("opposition-rebels", None), "Anjara": ("opposition-rebels", None)},
    ),
    # "terrorists" or "militants" fighting the government side are the armed opposition ...
    (
        "Army units clashed with terrorists in the village of Tadef on Monday.",
        {"Tadef": ("syria-military", "opposition-rebels")},
    ),
    (
        "Militants attacked army checkpoints in the town of Tadef.",
        {"Tadef": ("opposition-rebels", "syria-military")},
    ),
    # ... but unknown gunmen stay unknown
    (
        "Unknown gunmen attacked an army checkpoint in the town of Tadef.",
        {"Tadef": ("unidentified-armed-group", "syria-military")},
    ),
    # "executed airstrikes": the light verb carries the means; no execution, no civilian victims
    (
        "Russian fighter jets executed nearly ten airstrikes on the village of Tadef on Monday.",
        {"Tadef": ("russia-military", None)},
    ),
]


PAIRS += [
    # a noun's "by" agent did it: "a gas attack by Assad's forces", "an attempt by Nusra to infiltrate A"
    (
        "At least 40 people were killed on Monday in a rocket attack by President Bashar al-Assad's forces on "
        "the village of Tadef.",
        {"Tadef": ("syria-military", "civilians")},
    ),
    (
        "Army units foiled an attempt by Jabhat al-Nusra terrorists to infiltrate military positions in Tadef.",
        {"Tadef": ("hts", "syria-military")},
    ),
]


PAIRS += [
    # an event noun's own actor did it, whoever stopped it
    (
        "The army repelled an ISIL attack on the village of Tadef.",
        {"Tadef": ("islamic-state", "syria-military")},
    ),
    # a capture's foe named only by a label, even after it in the report
    (
        "Government forces recaptured the village of Tadef on Friday. The advance reversed most gains achieved "
        "by Islamist rebels since March.",
        {"Tadef": ("syria-military", "opposition-rebels")},
    ),
    # the subject a verb shares with the verbs it goes with ("managed to advance and control"), and a label for
    # the opposition ("the factions") never stands for the Islamic State
    (
        "Clashes continued between the Islamic State and rebel factions, where the factions managed to advance "
        "and control the villages of Tadef and Anjara.",
        {"Tadef": ("opposition-rebels", "islamic-state"), "Anjara": ("opposition-rebels", "islamic-state")},
    ),
    # those arrested are its actor2
    ("HTS arrested ten individuals in the town of Ariha on Sunday.", {"Ariha": ("hts", "civilians")}),
]


PAIRS += [
    # aircraft with no nationality are a state's: the state's forces named nearby ...
    (
        "Russian troops arrived at the air base on Sunday. Warplanes then bombarded the village of Tadef.",
        {"Tadef": ("russia-military", None)},
    ),
    # ... else the Syrian military; and the rebels whose positions they bomb are the target, not the doer
    (
        "Fighter jets bombarded rebel positions in the village of Tadef on Sunday.",
        {"Tadef": ("syria-military", "opposition-rebels")},
    ),
    # "the armed forces" with no nationality are a state's, as aircraft are
    (
        "Units of the Armed Forces shelled the hideouts of armed terrorist groups in the village of Tadef.",
        {"Tadef": ("syria-military", "opposition-rebels")},
    ),
    # the verb's object is the target, and never what the attackers' label stands for
    (
        "Islamist militants attacked the Kurdish forces in the town of Tadef on Friday.",
        {"Tadef": ("unidentified-armed-group", "ypg")},
    ),
    # a group named as a member of the party before it is that party, never its foe
    (
        "Government forces held the hills until Sunday. The rebels, including the jihadist Nusra Front, seized "
        "the village of Tadef on Monday.",
        {"Tadef": ("hts", "syria-military")},
    ),
    # those a blast kills are its victims, never its doers, whoever they are; no one named set it off: an
    # unidentified armed group did
    (
        "A roadside bomb exploded next to a military vehicle near the town of Tadef, killing three Syrian "
        "soldiers and wounding two others.",
        {"Tadef": ("unidentified-armed-group", "syria-military")},
    ),
    # the state's rocket launchers are the state's forces
    (
        "Attacks by regime rocket launchers hit the village of Tadef on Sunday.",
        {"Tadef": ("syria-military", None)},
    ),
    # a participle's noun did it, whoever pursues it
    (
        "Units of the army pursued the armed terrorist groups attacking the prison in the town of Tadef.",
        {"Tadef": ("opposition-rebels", "syria-military")},
    ),
    # a state named as the doer is its armed forces; named elsewhere, a country is no actor
    (
        "Turkey shot down a Syrian warplane over the village of Tadef on Sunday.",
        {"Tadef": ("turkey-military", "syria-military")},
    ),
    ("Israel struck targets in the town of Tadef on Monday.", {"Tadef": ("israel-military", None)}),
    (
        "Rebels seized a hill near the village of Tadef on the border with Turkey.",
        {"Tadef": ("opposition-rebels", None)},
    ),
    # those who died after a strike are its victims, as a passive subject is
    (
        "At least 36 people, including children, have died after helicopters dropped barrel bombs on the town "
        "of Tadef.",
        {"Tadef": ("syria-military", "civilians")},
    ),
    # one soldier of a state killed: the state's forces are the target
    (
        "One Turkish soldier was killed in an ISIS attack south of the village of Tadef.",
        {"Tadef": ("islamic-state", "turkey-military")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PAIRS)
def test_actor_pairs(pipeline: Any, text: str, expected: dict[str, tuple[str | None, str | None]]) -> None:
    assert _pairs(pipeline, text) == expected


TOLLS = [
    # a count of strikes or munitions is no death toll
    ("Russian fighter jets executed nearly ten airstrikes on the village of Tadef on Monday.", None),
    ("Militants fired 20 rockets at the village of Tadef, killing three civilians.", 3),
    ("ISIS executed five civilians in the village of Tadef.", 5),
]


@pytest.mark.parametrize(("text", "deaths"), TOLLS)
def test_death_tolls(pipeline: Any, text: str, deaths: int | None) -> None:
    [event] = _events(pipeline, text).values()
    assert (event.fatalities.count if event.fatalities else None) == deaths


def test_a_tally_counts_the_event_told_before_it(pipeline: Any) -> None:
    """A list of deaths by place ("100 in A, 63 in B") counts the event of the sentence before it: its means
    type every place, and each place has its own count."""
    text = (
        "Activists said at least 300 people were killed on Wednesday in a nerve gas attack by government forces "
        "east of Damascus.\n140 people killed in Zamalka, 100 in Irbin including 16 women, 60 in Douma."
    )
    events = _events(pipeline, text)
    assert {
        place: (e.sub_event_type, e.fatalities.count if e.fatalities else None) for place, e in events.items()
    } == {
        "Zamalka": ("Chemical weapon", 140),
        "Irbin": ("Chemical weapon", 100),
        "Douma": ("Chemical weapon", 60),
    }
