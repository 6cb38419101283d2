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
