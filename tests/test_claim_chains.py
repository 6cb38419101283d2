"""Specification: who says so, in reports we wrote (issue 9, claim chains).

A sentence that names no source and no actor of its own goes on telling what the source of the sentence before
told, when that sentence told an event ("According to Anadolu, A was cleared. Later on Tuesday, B was also
controlled."); a sentence with an actor of its own is the outlet's telling, as is one after a source that told
no event. The sources nobody names ("local media reports") have a name of their own in the chain.
"""

from __future__ import annotations

from typing import Any

import pytest

from frontlines.records import Document

OUTLET = "Levant Wire"


def _chains(pipeline: Any, text: str) -> dict[str, tuple[str, ...]]:
    document = Document(id="t", text=text, source_uri="t", outlet=OUTLET)
    return {e.place.location: e.claim.source_chain for e in pipeline.extract_document(document)}


CHAINS = [
    # an agentless sentence goes on with the source of the event told before it
    (
        "According to Anadolu Agency correspondents, the village of Tadef was cleared of YPG fighters. Later on "
        "Tuesday, the villages of Anjara and Qabasin were also controlled.",
        {"Tadef": ("Anadolu", OUTLET), "Anjara": ("Anadolu", OUTLET), "Qabasin": ("Anadolu", OUTLET)},
    ),
    # ... also when the source has no name of its own
    (
        "According to local media reports, Syrian troops shelled the village of Tadef on Monday.\n\nThe "
        "operations resulted in regaining control over the town of Anjara.",
        {"Tadef": ("local media", OUTLET), "Anjara": ("local media", OUTLET)},
    ),
    # a sentence with an actor of its own is the outlet's own telling
    (
        "SANA reported that the army captured the village of Tadef. Syrian bomb disposal units also defused "
        "mines in the town of Anjara.",
        {"Tadef": ("SANA", OUTLET), "Anjara": (OUTLET,)},
    ),
    # the saying verb first, the source closing the sentence; but "told SANA" makes SANA the relay
    (
        "The air strike on the village of Tadef was the sixth of the day, said the Observatory.",
        {"Tadef": ("SOHR", OUTLET)},
    ),
    (
        "Rebels shelled the village of Tadef on Monday, a military source told SANA.",
        {"Tadef": ("Military source", "SANA", OUTLET)},
    ),
    # "It said ...": the source of the sentence before goes on
    (
        "The Observatory said rebels shelled the village of Tadef. It said the army withdrew from Anjara.",
        {"Tadef": ("SOHR", OUTLET), "Anjara": ("SOHR", OUTLET)},
    ),
    # the monitor under the words reports use for it
    (
        "Militants seized the village of Tadef on Monday, an opposition monitoring group said.",
        {"Tadef": ("SOHR", OUTLET)},
    ),
    # a byline that names a news agency credits it, between the sources and the outlet
    (
        "By Agence France-Presse\n\nRebels shelled the village of Tadef on Monday, the Observatory said.",
        {"Tadef": ("SOHR", "AFP", OUTLET)},
    ),
    # a person named as speaking for a source speaks for it when the report quotes them again
    (
        "Rebels shelled the village of Tadef, the head of the Russian Reconciliation Centre in Syria Ivan "
        'Petrov said on Monday.\n\n"Militants also shelled the town of Anjara twice," Petrov added.',
        {
            "Tadef": ("Russian Reconciliation Centre", OUTLET),
            "Anjara": ("Russian Reconciliation Centre", OUTLET),
        },
    ),
    # "the source" is the source named last, over sentences that name none
    (
        "A military source told SANA that the army captured the village of Tadef. Army units destroyed the "
        "remaining fortifications. In the east, the source confirmed that jets struck the town of Anjara.",
        {"Tadef": ("Military source", "SANA", OUTLET), "Anjara": ("Military source", "SANA", OUTLET)},
    ),
    # "the military said": the state's forces named before speak for themselves
    (
        "The Turkish military said it had struck 40 targets on Friday.\n\nTurkish jets killed 12 militants "
        "in air strikes on the town of Tadef, the military said.",
        {"Tadef": ("Military Forces of Turkey", OUTLET)},
    ),
    # a report republished from another outlet credits it between the sources and the republisher
    (
        "(Levant Wire)- RAS AL-AIN (Kurdistan 24) – Turkish artillery shelled the town of Tadef on Monday, "
        "local sources said.",
        {"Tadef": ("local sources", "Kurdistan 24", OUTLET)},
    ),
    # a source that told no event passes nothing on
    (
        "Reuters reported that the president had left the capital. Later, the town of Tadef was captured.",
        {"Tadef": (OUTLET,)},
    ),
]


SPEAKERS = [
    # an armed actor that speaks for itself is the source, and still the actor of what it says it did
    (
        "In a statement, the SDF said it captured the village of Tadef on Sunday.",
        {"Tadef": ("Syrian Democratic Forces", OUTLET)},
        "sdf",
    ),
    (
        "The YPG issued a statement, of which our correspondent received a copy, saying that its fighters "
        "liberated the village of Tadef.",
        {"Tadef": ("YPG: People's Protection Units", OUTLET)},
        "ypg",
    ),
    # ... but an actor that is what the source tells about is no source
    (
        "The army killed five militants in the village of Tadef, the Observatory said.",
        {"Tadef": ("SOHR", OUTLET)},
        "syria-military",
    ),
]


@pytest.mark.parametrize(("text", "expected", "actor1"), SPEAKERS)
def test_an_armed_actor_speaks_for_itself(
    pipeline: Any, text: str, expected: dict[str, tuple[str, ...]], actor1: str
) -> None:
    document = Document(id="t", text=text, source_uri="t", outlet=OUTLET)
    events = pipeline.extract_document(document)
    assert {e.place.location: e.claim.source_chain for e in events} == expected
    assert [e.actor1.actor_id if e.actor1 else None for e in events] == [actor1]


def test_a_headline_that_names_its_source_gives_it_to_the_lede(pipeline: Any) -> None:
    text = (
        "A Turkish drone on Tuesday killed two fighters near the village of Tadef.\n\nAlso on Monday, a Turkish "
        "drone targeted the town of Anjara."
    )
    document = Document(
        id="t", text=text, source_uri="t", outlet=OUTLET, title="Turkish drone kills two fighters: SOHR"
    )
    chains = {e.place.location: e.claim.source_chain for e in pipeline.extract_document(document)}
    # the headline's event is the lede's; a later event the headline does not tell is the outlet's own
    assert chains == {"Tadef": ("SOHR", OUTLET), "Anjara": (OUTLET,)}


@pytest.mark.parametrize(("text", "expected"), CHAINS)
def test_claim_chains(pipeline: Any, text: str, expected: dict[str, tuple[str, ...]]) -> None:
    assert _chains(pipeline, text) == expected
