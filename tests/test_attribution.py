"""Specification: who says so. The relayed source of a sentence, how a source is named in a claim chain, and
the outlet a feed names."""

from __future__ import annotations

import functools
from typing import Any

import pytest

from frontlines.ingest.feed import outlet_of_feed
from frontlines.nlp.attribution import (
    NONE,
    Attribution,
    SourceHit,
    attribute_sentence,
    claim_chain,
    headline_source,
    source_name,
    wire_credit,
)
from frontlines.records import Span
from frontlines.resolve.sources import SourceTable


def _find(sentence: str) -> list[SourceHit]:
    return [SourceHit(m.start, m.end, m.text, m.name) for m in SourceTable.default().find(sentence)]


def _table_name(name: str) -> str | None:
    source = SourceTable.default().lookup(name)
    return source.name if source is not None else None


RELAYED = [
    ("The army recaptured four villages on Thursday, SANA reported.", ("SANA",)),
    ("According to the Syrian Observatory for Human Rights, 12 fighters died.", ("SOHR",)),
    ("Two civilians were killed, a rebel commander told the reporter.", ("rebel commander",)),
    ("Residents said the shelling lasted for hours.", ("residents",)),
    ("The official, Ahmad Ali, said the army had advanced.", ("official",)),
    ("Homs governor Talal al-Barazi told reporters that the convoy left.", ("governor",)),
    ("Local activists said the market was hit twice.", ("local sources",)),
    # a source citing another: the cited one is nearest
    ("Sputnik quoted SANA as saying that the army took two hills.", ("SANA", "Sputnik")),
    ("Reuters, citing a military source, said the army advanced.", ("Military source", "Reuters")),
    # the plain present of many speakers, and an outlet that writes
    (
        "At least 30 people died when helicopters bombed the town, opposition activists say.",
        ("local sources",),
    ),
    ("Two soldiers died in the blast near Nawa, Orient Net writes.", ("Orient News",)),
    # a participle after the source, and a declaration
    ("A car bomb hit the road, with state media saying one person was killed.", ("Syrian state media",)),
    # the state's media under another of their names, the agency as some outlets spell it
    ("Syrian government media reported that the army entered the town.", ("Syrian state media",)),
    ("The official Sana news agency reported that troops had deployed to the coast.", ("SANA",)),
    # the victim named before "reports said" is not the source
    ("ISIS executed a rebel commander, Abu Omar, reports said.", ()),
    # no reporting verb right after the people named: nobody is quoted
    ("Rebel fighters stormed the town and residents fled.", ()),
    ("Shells hit the market in the morning.", ()),
]


@pytest.mark.parametrize(("sentence", "sources"), RELAYED)
def test_relayed_source_of_a_sentence(sentence: str, sources: tuple[str, ...]) -> None:
    found = attribute_sentence(sentence, 0, NONE, _find)
    assert found.sources == sources
    if sources:  # the attributing words are evidence: the span slices the sentence
        assert found.span is not None and sentence[found.span.start : found.span.end] == found.span.text


PREVIOUS = Attribution(("SANA",), Span(0, 13, "SANA reported"))


@pytest.mark.parametrize(
    "sentence",
    [
        "The agency added that three tanks were destroyed.",
        "It also noted that the road was reopened.",
        "The advance came a day after the army took two hills, the news agency added.",
        "The terrorists also fired mortar shells into the district, killing six people, the sources added.",
        "The army also targeted gatherings in the village, destroying two vehicles, he said.",
    ],
)
def test_a_sentence_that_goes_on_relaying_keeps_the_previous_source(sentence: str) -> None:
    assert attribute_sentence(sentence, 100, PREVIOUS, _find) == PREVIOUS


def test_a_back_reference_after_a_fronted_phrase_goes_on_relaying() -> None:
    sentence = "To the south of Homs, the source confirmed that jets destroyed three positions."
    assert attribute_sentence(sentence, 100, PREVIOUS, _find) == PREVIOUS


def _find_with_actors(sentence: str) -> list[SourceHit]:
    return _pipeline().find_sources(sentence)


@functools.cache
def _pipeline() -> Any:
    from frontlines.pipeline import Pipeline

    return Pipeline()


def test_an_armed_actor_that_declares_speaks_for_itself() -> None:
    sentence = "The Syrian Democratic Forces declared that they had freed the town."
    assert attribute_sentence(sentence, 0, NONE, _find_with_actors).sources == ("Syrian Democratic Forces",)


@pytest.mark.parametrize(
    "sentence",
    [
        "Kurdish security forces in northeast Syria (Rojava) announced on Wednesday the arrest of 26 suspects.",
        "The Syrian Democratic Forces in Raqqa said they had freed the town.",
    ],
)
def test_where_an_armed_actor_is_may_come_before_its_verb(sentence: str) -> None:
    found = attribute_sentence(sentence, 0, NONE, _find_with_actors)
    assert found.by_actor and len(found.sources) == 1 and found.span is not None
    assert found.span.text.endswith(("announced", "said"))


def test_an_actor_told_about_in_a_place_does_not_speak() -> None:
    sentence = "Kurdish security forces in the town of Hasakah arrested 26 suspects, a local source said."
    assert attribute_sentence(sentence, 0, NONE, _find_with_actors).sources == ("local sources",)


def test_the_military_that_speaks_is_the_state_forces_the_report_named_last() -> None:
    speakers: dict[str, str] = {}
    told = [
        "Under the operation, the Turkish military has struck 222 targets.",
        "The military also confirmed that Russian aircraft carried out three air strikes near the town.",
        "One soldier was killed in an attack south of the village, the military said.",
    ]
    found = [attribute_sentence(s, 0, NONE, _find_with_actors, speakers).sources for s in told]
    # Russian aircraft, which the military tells about, do not become the military that speaks
    assert found == [(), ("Military Forces of Turkey",), ("Military Forces of Turkey",)]
    # ... and with no state forces named before, "the military" is nobody yet
    assert attribute_sentence(told[2], 0, NONE, _find_with_actors, {}) == NONE


def test_a_sentence_naming_its_own_source_is_no_continuation() -> None:
    sentence = "Syrian jets bombed Tadef on Wednesday, killing five civilians, the Observatory said."
    assert attribute_sentence(sentence, 100, PREVIOUS, _find).sources == ("SOHR",)


def test_a_new_sentence_without_a_source_is_the_outlets_own_claim() -> None:
    assert attribute_sentence("The army took two hills.", 100, PREVIOUS, _find) == NONE


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Syrian Observatory for Human Rights", "SOHR"),
        ("SOHR", "SOHR"),
        ("local activists", "local sources"),
        ("a Syrian military source", "Military source"),
        ("rebel commander", "rebel commander"),
    ],
)
def test_a_source_as_written_has_one_claim_chain_name(written: str, name: str) -> None:
    assert source_name(written, _table_name) == name


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Levant Wire - Syria", "Levant Wire"),
        ("Example News | Middle East", "Example News"),
        ("Orontes Monitor", "Orontes Monitor"),
        (
            "Voice of the People - News from the towns of the north",
            "Voice of the People - News from the towns of the north",
        ),
        ("Syria | The Guardian", "Syria | The Guardian"),
        ("Middle East - Al Jazeera English", "Middle East - Al Jazeera English"),
        (None, None),
    ],
)
def test_a_feed_title_names_its_outlet_without_the_section(title: str | None, outlet: str | None) -> None:
    assert outlet_of_feed(title) == outlet


@pytest.mark.parametrize(
    ("head", "credit"),
    [
        ("BEIRUT (AP) — Syrian troops shelled Tadef.", "AP"),
        ("PROVINCES, (SANA)- Army units destroyed a den.", "SANA"),
        ("(AA): Heavy clashes erupted near Suwayda.", "Anadolu"),
        ("Syria news\n\nTAL ABYAD - Anadolu Agency\nThe city centre was cleared.", "Anadolu"),
        # a republished report: the republishing outlet's credit, then the dateline of the one it relays
        ("(Iraq Post | News)- RAS AL-AIN (Kurdistan 24) – Two civilians died.", "Kurdistan 24"),
        ("TEHRAN (Unknown Wire) – Troops advanced.", None),  # no known source
        ("Troops advanced (reportedly) - and shelled Tadef.", None),  # an aside, not a credit
    ],
)
def test_a_wire_credit_at_the_head_of_a_report_is_read(head: str, credit: str | None) -> None:
    table = SourceTable.default()

    def name(written: str) -> str | None:
        found = table.lookup(written)
        return found.name if found is not None else None

    assert wire_credit(head, name) == credit


def test_the_credited_agency_stands_between_the_sources_and_the_outlet() -> None:
    assert claim_chain(Attribution(("SOHR",), None), "Raw Story", "AFP") == ("SOHR", "AFP", "Raw Story")
    assert claim_chain(Attribution(("AFP",), None), "Raw Story", "AFP") == ("AFP", "Raw Story")
    assert claim_chain(Attribution((), None), "Tasnim", "Tasnim") == ("Tasnim",)


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("Turkish drone kills two SDF fighters near a base: SOHR", "SOHR"),
        ("Four soldiers killed in airstrikes on Idlib: Turkish Defense Ministry", "Turkish Defence Ministry"),
        ("Army advances near Palmyra, says SANA", "SANA"),
        ("Syria: Breaking the Stalemate", None),  # a label before the colon names no source
        ("IS conflict: Air strike kills dozens", None),
        (None, None),
        # ... or at its start: a source, or people with no name of their own, before a colon
        ("SOHR: 12 killed in Idlib", "SOHR"),
        ("Witnesses: Syrian troops open fire at protest in south", "witnesses"),
        ("Update: rebels advance near Aleppo", None),
    ],
)
def test_a_headline_names_its_source_at_its_end_or_its_start(title: str | None, source: str | None) -> None:
    assert headline_source(title, _table_name) == source
