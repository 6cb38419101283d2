"""The contract's types and the one check every correction and user place passes, as a specification.

Records are dicts written by hand; the gazetteer and actor table are small fakes, so these tests say what
the check does with any table.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from importlib import resources
from typing import Any

import pytest

from frontlines.contract import (
    EVENT_TYPE_OF,
    FIELDS,
    TAXONOMY,
    ContractError,
    check_place,
    check_row,
    check_value,
)
from frontlines.corrections import CORRECTABLE, FIXED, FOLLOWS, Lookups, PlaceFacts, check_correction

RECORD: dict[str, Any] = {
    "doc": "reports/a.txt",
    "doc_id": "ab" * 32,
    "event_id": "120ad8c3b02002533fc9",
    "event_date": "2016-02-07",
    "date_precision": 1,
    "date_offset_days": -1,
    "event_type": "Battles",
    "sub_event_type": "Government regains territory",
    "actor1": "Military Forces of Syria",
    "actor1_id": "syria-military",
    "actor1_label": "Syrian army troops",
    "actor2": None,
    "actor2_id": None,
    "actor2_label": None,
    "location": "Khan Tuman",
    "place_id": "C1015",
    "place_name": "Khan tuman",
    "admin1": "Aleppo",
    "latitude": 36.19354,
    "longitude": 37.16174,
    "geo_precision": 1,
    "fatalities": None,
    "fatalities_rule": None,
    "source_chain": ["SANA"],
    "outlet": "SANA",
    "published": "2016-02-08",
    "evidence": [{"field": "trigger", "start": 19, "end": 29, "text": "recaptured"}],
    "confidence": 0.85,
    "actor1_label_tone": "neutral",
    "actor2_label_tone": None,
    "slant": [
        {
            "technique": "Loaded_Language",
            "start": 19,
            "end": 29,
            "text": "recaptured",
            "score": 0.4,
            "rule": "model:ptc-linear-1",
            "where": "sentence",
        }
    ],
}
PLACES = {
    "user:tal-x": PlaceFacts("Tal X", "Idlib", 35.9, 36.6, 1),
    "C9": PlaceFacts("Area", "Hama", None, None, 3),
}


def actor_name(actor_id: str, on: dt.date | None) -> str | None:
    if actor_id == "hts":
        return "Hayat Tahrir al-Sham"
    if actor_id == "nusra":
        return "Jabhat Fateh al-Sham" if on and on >= dt.date(2016, 7, 28) else "Jabhat al-Nusra"
    return None


LOOKUPS = Lookups(place=PLACES.get, actor_name=actor_name)


def correct(field: str, value: Any, record: dict[str, Any] | None = None) -> dict[str, Any]:
    return dict(check_correction(record or RECORD, field, value, LOOKUPS))


# ---------------------------------------------------------------------------------------------- contract


def test_the_hand_built_record_fits_the_contract() -> None:
    check_row(RECORD)  # the fixture every case below starts from


def test_every_field_is_typed_and_either_correctable_fixed_or_following_another() -> None:
    for field in FIELDS:
        check_value(field, RECORD[field])
        kinds = [field in CORRECTABLE, field in FIXED, field in FOLLOWS]
        assert kinds.count(True) == 1, field
    assert set(FOLLOWS.values()) <= set(CORRECTABLE)


def test_the_taxonomy_is_acleds_six_types_and_twenty_five_sub_types() -> None:
    assert list(TAXONOMY) == [
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    ]
    assert len(EVENT_TYPE_OF) == sum(len(subs) for subs in TAXONOMY.values()) == 25


def test_the_trigger_lexicon_uses_only_acled_names_each_under_its_own_type() -> None:
    text = resources.files("frontlines.extract").joinpath("data/triggers.toml").read_text(encoding="utf-8")
    pairs = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "sub_event_type" in node:
                pairs.add((node["event_type"], node["sub_event_type"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tomllib.loads(text))
    assert pairs, "no trigger class found: the walk tests nothing"
    assert {(EVENT_TYPE_OF.get(sub), sub) for _, sub in pairs} == pairs


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"latitude": float("nan")}, "finite"),
        ({"sub_event_type": "Battle"}, "not an ACLED sub-event type"),
        ({"event_type": "Protests"}, "belongs to 'Battles'"),
        ({"source_chain": ["SANA", ""]}, "source_chain[1]"),
        ({"confidence": 1.5}, "less than or equal to 1"),
    ],
)
def test_check_row_names_the_field_that_breaks_the_contract(change: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContractError, match=re.escape(reason)):
        check_row({**RECORD, **change})


# ------------------------------------------------------------------------------------------- corrections


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("colour", "red", "unknown field 'colour'"),
        ("event_id", "ffffffffffffffffffff", "event_id cannot be corrected: it is the event's identity"),
        ("location", "Khan Touman", "the place as the report wrote it; correct `place_id`"),
        ("evidence", [], "cannot be corrected"),
        ("actor1", "Hezbollah", "actor1 follows actor1_id"),
        ("place_name", "X", "place_name follows place_id"),
        ("fatalities", "a lot", "fatalities = 'a lot': Input should be a valid integer"),
        ("fatalities", -1, "greater than or equal to 0"),
        ("fatalities", 2.5, "valid integer"),
        ("fatalities", True, "valid integer"),
        ("fatalities", 10**12, "less than or equal to 1000000"),
        ("latitude", {"a": 1}, "valid number"),
        ("latitude", 999, "less than or equal to 90"),
        ("latitude", float("nan"), "finite number"),
        ("latitude", float("inf"), "finite number"),
        ("latitude", "36.2", "valid number"),
        ("latitude", None, "correct `place_id` to null"),
        ("longitude", -181, "greater than or equal to -180"),
        ("longitude", float("-inf"), "finite number"),
        ("geo_precision", 0, "greater than or equal to 1"),
        ("geo_precision", 4, "less than or equal to 3"),
        ("date_precision", 7, "less than or equal to 3"),
        ("event_date", "2016-02-30", "not a calendar date"),
        ("event_date", "07/02/2016", "ISO date"),
        ("event_date", 20160207, "valid string"),
        ("sub_event_type", "Battle", "not an ACLED sub-event type"),
        ("event_type", "Protests", "correct sub_event_type instead"),
        ("event_type", "War", "not an ACLED event type"),
        ("source_chain", [None], "valid string"),
        ("source_chain", "SANA", "valid list"),
        ("source_chain", ["SANA", " "], "blank"),
        ("source_chain", ["SA\x1b[2JNA"], "control character U+001B"),
        ("source_chain", ["SA\u202eNA"], "control character U+202E"),
        ("place_id", "user:nowhere", "no place with id 'user:nowhere' in the gazetteer"),
        ("place_id", "two words", "one word"),
        ("actor1_id", "nobody", "no actor with id 'nobody'"),
    ],
)
def test_a_correction_outside_the_contract_is_refused_with_the_reason(
    field: str, value: Any, reason: str
) -> None:
    with pytest.raises(ContractError, match=re.escape(reason)):
        correct(field, value)


@pytest.mark.parametrize(
    ("field", "value", "changes"),
    [
        ("fatalities", 4, {"fatalities": 4}),
        ("fatalities", None, {"fatalities": None}),
        ("latitude", 36, {"latitude": 36.0}),
        ("event_date", "2016-02-06", {"event_date": "2016-02-06"}),
        ("source_chain", ["SOHR", "Reuters"], {"source_chain": ["SOHR", "Reuters"]}),
        (
            "sub_event_type",
            "Air/drone strike",
            {"sub_event_type": "Air/drone strike", "event_type": "Explosions/Remote violence"},
        ),
        ("event_type", "Battles", {"event_type": "Battles"}),
        (
            "place_id",
            "user:tal-x",
            {
                "place_id": "user:tal-x",
                "place_name": "Tal X",
                "admin1": "Idlib",
                "latitude": 35.9,
                "longitude": 36.6,
                "geo_precision": 1,
            },
        ),
        (
            "place_id",
            "C9",  # a place without coordinates has no precision either
            {
                "place_id": "C9",
                "place_name": "Area",
                "admin1": "Hama",
                "latitude": None,
                "longitude": None,
                "geo_precision": None,
            },
        ),
        (
            "place_id",
            None,
            {
                "place_id": None,
                "place_name": None,
                "latitude": None,
                "longitude": None,
                "geo_precision": None,
            },
        ),
        ("actor2_id", "hts", {"actor2_id": "hts", "actor2": "Hayat Tahrir al-Sham"}),
        ("actor1_id", None, {"actor1_id": None, "actor1": None}),
    ],
)
def test_a_correction_sets_its_field_and_brings_along_the_fields_that_follow_it(
    field: str, value: Any, changes: dict[str, Any]
) -> None:
    assert correct(field, value) == changes


@pytest.mark.parametrize(
    ("event_date", "name"), [("2016-02-07", "Jabhat al-Nusra"), ("2017-01-01", "Jabhat Fateh al-Sham")]
)
def test_an_actor_id_brings_the_name_in_force_on_the_events_date(event_date: str, name: str) -> None:
    assert correct("actor1_id", "nusra", {**RECORD, "event_date": event_date})["actor1"] == name


def test_without_a_gazetteer_a_place_id_cannot_be_checked_so_it_is_refused() -> None:
    with pytest.raises(ContractError, match="no gazetteer"):
        check_correction(RECORD, "place_id", "user:tal-x", Lookups())


def test_a_gazetteer_place_outside_the_contract_is_not_brought_along() -> None:
    lookups = Lookups(place={"bad": PlaceFacts("Bad", None, 999.0, 1.0, 1)}.get)
    with pytest.raises(ContractError, match="the gazetteer's place 'bad' breaks the contract"):
        check_correction(RECORD, "place_id", "bad", lookups)


# ----------------------------------------------------------------------------------------------- places

PLACE = {
    "id": "user:tal-x",
    "name": "Tal X",
    "kind": "village",
    "alt_names": ["Tell X"],
    "lat": 35.9,
    "lon": 36.6,
}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"lat": 999.0}, "lat = 999.0: Input should be less than or equal to 90"),
        ({"lat": float("nan")}, "lat = nan: Input should be a finite number"),
        ({"lon": float("inf")}, "lon = inf: Input should be a finite number"),
        ({"lon": -180.5}, "greater than or equal to -180"),
        ({"name": ""}, "name = '': should not be blank"),
        ({"name": "   "}, "should not be blank"),
        ({"name": "Tal\x1b]0;x\x07"}, "control character"),
        ({"alt_names": ["ok", ""]}, r"alt_names\[1\]"),
        ({"id": "user:tal x"}, "one word"),
        ({"id": ""}, "one word"),
        ({"lon": None}, "give both lat and lon, or neither"),
        ({"lat": "35.9"}, "valid number"),
    ],
)
def test_a_user_place_outside_the_contract_is_refused(change: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContractError, match=reason):
        check_place({**PLACE, **change})


@pytest.mark.parametrize(
    "change",
    [{}, {"lat": None, "lon": None}, {"name": "خان طومان"}, {"alt_names": []}, {"lat": -90.0, "lon": 180.0}],
)
def test_a_user_place_inside_the_contract_passes(change: dict[str, Any]) -> None:
    check_place({**PLACE, **change})
