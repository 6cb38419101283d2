"""Specification: who did it. actor1 is the actor the sentence makes the subject (or "by" agent) of the event,
not merely the first actor named; the territory sub-event follows actor1's side."""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.records import Document

ACTOR1 = [
    # (report, the words naming actor1, sub-event type)
    (
        "The army did not advance and the rebels captured Tadef.",
        "rebels",
        "Non-state actor overtakes territory",
    ),
    (
        "Tadef was captured by the rebels after the army withdrew.",
        "rebels",
        "Non-state actor overtakes territory",
    ),
    ("After the rebels withdrew, the army recaptured Tadef.", "army", "Government regains territory"),
    ("Government forces took the village of Tadef.", "Government forces", "Government regains territory"),
    (
        "Despite rebel resistance, the Syrian army launched an offensive on Tadef.",
        "Syrian army",
        "Armed clash",
    ),
]


@pytest.mark.parametrize(("text", "label", "sub_event_type"), ACTOR1)
def test_actor1_is_the_subject_of_the_event(
    pipeline: Any, text: str, label: str, sub_event_type: str
) -> None:
    [event] = pipeline.extract_document(Document(id="t", text=text, source_uri="t"))
    assert event.actor1 is not None and event.actor1.label == label
    assert event.sub_event_type == sub_event_type


def _pairs(pipeline: Any, text: str) -> dict[str, tuple[str | None, str | None]]:
    document = Document(id="t", text=text, source_uri="t", outlet="Levant Wire")
    return {
        e.place.location: (e.actor1.actor_id if e.actor1 else None, e.actor2.actor_id if e.actor2 else None)
        for e in pipeline.extract_document(document)
    }


PAIRS = [
    # civilians are the targets of violence, never its actor1; the actor's name may hold the trigger
    (
        "Twelve civilians were killed by Russian air strikes on Atareb.",
        {"Atareb": ("russia-military", "civilians")},
    ),
    (
        "Regime air strikes hit Kafr Nabl, killing four civilians.",
        {"Kafr Nabl": ("syria-military", "civilians")},
    ),
    # violence against civilians has the civilians as actor2
    ("Gunmen executed five men in the town of Tadef.", {"Tadef": ("unidentified-armed-group", "civilians")}),
    # a battle's foe, unnamed in its sentence, is the one the same claim named before
    (
        "SANA reported that the army clashed with HTS militants near Tadef. The agency added that the army "
        "captured Khanasir.",
        {"Tadef": ("syria-military", "hts"), "Khanasir": ("syria-military", "hts")},
    ),
    # ... else the one the report named last, whoever said it: a coder reads the whole report (ADR 0013)
    (
        "SANA reported that the army clashed with HTS militants near Tadef. The Syrian Observatory said the "
        "army captured Khanasir.",
        {"Tadef": ("syria-military", "hts"), "Khanasir": ("syria-military", "hts")},
    ),
    # an event with no actor in its sentence is the claim's last actor's ("The recapture of A ...")
    (
        "Syrian troops captured Tadef on Monday. The recapture of Khanasir followed.",
        {"Tadef": ("syria-military", None), "Khanasir": ("syria-military", None)},
    ),
    # a subject with a name of its own is that actor, not a reference back
    (
        "Syrian troops captured the village of Tadef on Monday. The Syrian Democratic Forces captured the "
        "town of Tabqa on Wednesday.",
        {"Tadef": ("syria-military", None), "Tabqa": ("sdf", "syria-military")},
    ),
    # a label far from any group is the report's only rebel group, never a foreign army
    (
        "Rebels shelled the town of al-Bab on Monday. Turkish troops shelled the village of Tadef on Wednesday.",
        {"al-Bab": ("opposition-rebels", None), "Tadef": ("turkey-military", None)},
    ),
    # the people who report are not the victims; a protest does not inherit a shelling's actor
    (
        "Syrian jets bombed the town of Tadef on Wednesday, residents said.",
        {"Tadef": ("syria-military", None)},
    ),
    (
        "Syrian troops shelled the town of Douma on Monday. Hundreds of people protested in the town of Tadef.",
        {"Douma": ("syria-military", None), "Tadef": ("protesters", None)},  # not the troops: the protesters
    ),
    # "the forces" refer back to the previous event's actor1
    (
        "Syrian troops captured Tadef on Monday. The forces then stormed Khanasir.",
        {"Tadef": ("syria-military", None), "Khanasir": ("syria-military", None)},
    ),
    # those a place is taken from lost it: actor2, never actor1
    (
        "The city centre of Tadef was cleared of YPG fighters on Sunday.",
        {"Tadef": (None, "ypg")},
    ),
    (
        "On Tuesday the Turkish army captured the village of Tadef from the YPG.",
        {"Tadef": ("turkey-military", "ypg")},
    ),
    # identity militias, and the means an actor used named with its nationality
    (
        "Armed Druze factions clashed with Bedouin tribal fighters near the village of Tadef.",
        {"Tadef": ("druze-ethnic-militia", "arab-ethnic-militia")},
    ),
    ("A Turkish drone struck a car in the village of Tadef.", {"Tadef": ("turkey-military", None)}),
    # a capture whose sentence names no foe is against the foe the report named last, whoever said it
    (
        "Syrian army units shelled the village of Khanasir on Monday. Opposition fighters liberated the town of "
        "Tadef on Tuesday.",
        {"Khanasir": ("syria-military", None), "Tadef": ("opposition-rebels", "syria-military")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PAIRS)
def test_actor_pairs_follow_acled_conventions(
    pipeline: Any, text: str, expected: dict[str, tuple[str | None, str | None]]
) -> None:
    assert _pairs(pipeline, text) == expected


def test_the_forces_keep_their_words_as_evidence(pipeline: Any) -> None:
    text = "Syrian troops captured Tadef on Monday. The forces then stormed Khanasir."
    events = {
        e.place.location: e for e in pipeline.extract_document(Document(id="t", text=text, source_uri="t"))
    }
    actor1 = events["Khanasir"].actor1
    assert actor1 is not None and actor1.label == "The forces"
    assert actor1.span is not None and text[actor1.span.start : actor1.span.end] == "The forces"
