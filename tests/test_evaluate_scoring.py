"""The gold-file scorer, specified with hand-built gold lines and hand-built predicted events.

Every test writes a tiny gold file, serves its report text through a fake document loader, and scores a fake
extractor that returns the events the test built. No pipeline, no ingest.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from frontlines.evaluate import score_gold
from frontlines.evaluate.causes import alarm_cause, miss_cause, not_event_cause
from frontlines.evaluate.fields import (
    actor_matches,
    date_matches,
    fatalities_match,
    last_weekday_on_or_before,
)
from frontlines.evaluate.gold import IngestLoader
from frontlines.evaluate.goldreport import GoldReport
from frontlines.evaluate.text import normalise_name
from frontlines.records import (
    ActorRef,
    Claim,
    DatePrecision,
    DateRef,
    Document,
    Event,
    Evidence,
    Fatalities,
    PlaceRef,
    Span,
)

REPORT = (
    "The army recaptured the villages of Tell Alpha and Kafr Beta today. "
    "Militants shelled Kafr Beta a day earlier, killing three. "
    "Archive photo: fighters in Deir Gamma last year."
)
ARMY = ActorRef("syria-military", "Military Forces of Syria", "government", "state forces", "The army")
REBELS = ActorRef("jaish-al-fatah", "Jaish al-Fatah", "opposition", "rebel group", "militants")
TODAY = DateRef(None, DatePrecision.DAY, 0, "publication")


# ---------------------------------------------------------------------------------------------- builders


def gold_event(location: str, **fields: Any) -> dict[str, Any]:
    """A gold event line with sensible defaults; ``fields`` override any key."""
    event: dict[str, Any] = {
        "required": True,
        "event_type": "Battles",
        "sub_event_type": "Government regains territory",
        "sub_event_type_alt": [],
        "actor1": ["Military Forces of Syria", "Syrian Arab Army"],
        "actor2": [],
        "location": location,
        "location_alt": [],
        "admin1": "Aleppo",
        "geo_precision": 1,
        "place_ids": [],
        "date": "D",
        "fatalities": None,
        "claimed_by": ["SANA"],
        "evidence": "recaptured",
    }
    event.update(fields)
    return event


def event(
    location: str,
    sub_event_type: str = "Government regains territory",
    *,
    event_type: str = "Battles",
    place_id: str | None = None,
    place_name: str | None = None,
    actor1: ActorRef | None = ARMY,
    actor2: ActorRef | None = None,
    date: DateRef = TODAY,
    fatalities: int | None = None,
    chain: tuple[str, ...] = ("SANA",),
    geo_precision: int | None = 1,
    sentence: str = "The army recaptured",
) -> Event:
    """A predicted event; ``sentence`` is a passage of REPORT the event claims to be read from."""
    start = REPORT.index(sentence)
    span = Span(start, start + len(sentence), sentence)
    place = PlaceRef(location, place_id, place_name, "Aleppo", None, None, geo_precision)
    claim = Claim("doc", chain, (Evidence("trigger", span.start, span.end, span.text),), 0.9)
    deaths = Fatalities(fatalities, "exact") if fatalities is not None else None
    return Event("e", event_type, sub_event_type, date, actor1, actor2, place, deaths, claim, span)


def score(
    tmp_path: Path,
    gold_events: list[dict[str, Any]],
    predicted: Sequence[Event],
    *,
    not_events: Sequence[dict[str, str]] = (),
    published: str | None = None,
) -> GoldReport:
    """Score ``predicted`` against one gold line about REPORT."""
    line = {
        "doc": "reports/r1.txt",
        "outlet": "SANA",
        "published": published,
        "events": gold_events,
        "not_events": list(not_events),
    }
    gold_path = tmp_path / "gold" / "g.jsonl"
    gold_path.parent.mkdir(parents=True, exist_ok=True)
    gold_path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    seen: list[tuple[str, Path]] = []

    def loader(doc_ref: str, base_dir: Path) -> Document:
        seen.append((doc_ref, base_dir))
        return Document(id="doc", text=REPORT, source_uri=doc_ref)

    report = score_gold(gold_path, lambda document: predicted, loader=loader)
    assert seen == [("reports/r1.txt", tmp_path)]  # doc paths are relative to the gold file's grandparent
    return report


# ------------------------------------------------------------------------------------------ normalisation


@pytest.mark.parametrize(
    ("written", "gold"),
    [
        ("al-Na’amaniyeh", "Na'amaniyeh"),
        ("Al Bab", "al-Bab"),
        ("El-Mayadin", "Mayadin"),
        ("Ḥamāh", "Hamah"),
        ("Salah ad-Din", "Salah al-Din"),
        ("Tell-Soumeah", "Tell Soumeah"),
        ("the Aleppo Citadel", "ALEPPO CITADEL"),
        ("Maʿarat al-Numan", "Maarat Numan"),
    ],
)
def test_spellings_that_differ_only_in_marks_are_the_same_name(written: str, gold: str) -> None:
    assert normalise_name(written) == normalise_name(gold)


@pytest.mark.parametrize(("a", "b"), [("Jabal Modawar", "Jabal Mudawwar"), ("Kafr Beta", "Kafr Betta")])
def test_spellings_that_differ_in_letters_stay_different(a: str, b: str) -> None:
    assert normalise_name(a) != normalise_name(b)


# ----------------------------------------------------------------------------------------- hits and misses


def test_a_prediction_at_the_gold_place_with_the_gold_sub_event_type_is_a_hit(tmp_path: Path) -> None:
    report = score(tmp_path, [gold_event("Tell Alpha")], [event("Tell Alpha")])
    assert (report.scores.recall.hits, report.scores.recall.total) == (1, 1)
    assert (report.scores.precision.hits, report.scores.precision.total) == (1, 1)
    assert report.f1 == 1.0
    assert report.misses == () and report.false_alarms == ()


def test_nothing_predicted_is_a_miss_with_zero_f1(tmp_path: Path) -> None:
    report = score(tmp_path, [gold_event("Tell Alpha")], [])
    assert report.scores.recall.value == 0.0
    assert report.scores.precision.value is None
    assert report.f1 == 0.0
    assert [(m.location, m.note) for m in report.misses] == [("Tell Alpha", "place not predicted")]


def test_wrong_sub_event_type_is_both_a_miss_and_a_false_alarm(tmp_path: Path) -> None:
    report = score(tmp_path, [gold_event("Tell Alpha")], [event("Tell Alpha", "Armed clash")])
    assert report.scores.recall.hits == 0
    assert report.scores.precision.total == 1
    assert "Armed clash" in report.misses[0].note
    assert report.false_alarms[0].kind == "unmatched"
    assert "Government regains territory" in report.false_alarms[0].note


@pytest.mark.parametrize(
    ("predicted_location", "predicted_type"),
    [
        ("Tal Alfa", "Government regains territory"),  # an alternative spelling
        ("tell-alpha", "Government regains territory"),  # the gold spelling, normalised
        ("Tell Alpha", "Armed clash"),  # an alternative sub-event type
    ],
)
def test_alternative_spellings_and_sub_event_types_match(
    tmp_path: Path, predicted_location: str, predicted_type: str
) -> None:
    gold = gold_event("Tell Alpha", location_alt=["Tal Alfa"], sub_event_type_alt=["Armed clash"])
    report = score(tmp_path, [gold], [event(predicted_location, predicted_type)])
    assert report.scores.recall.hits == 1


def test_the_same_gazetteer_id_matches_whatever_the_spelling(tmp_path: Path) -> None:
    gold = gold_event("Tell Alpha", place_ids=["C0001", "C0002"])
    report = score(tmp_path, [gold], [event("Tal Elfeh", place_id="C0002", place_name="Tall Alfa")])
    assert report.scores.recall.hits == 1
    assert report.place_correct.value == 1.0


def test_an_unresolved_place_does_not_match_through_its_fallback_area(tmp_path: Path) -> None:
    report = score(tmp_path, [gold_event("Aleppo")], [event("Sheikh Lotfi", place_name="Aleppo")])
    assert report.scores.recall.hits == 0


def test_a_gazetteer_name_of_a_resolved_place_matches(tmp_path: Path) -> None:
    report = score(
        tmp_path, [gold_event("Aleppo")], [event("the city", place_id="SY02", place_name="Aleppo")]
    )
    assert report.scores.recall.hits == 1


# ---------------------------------------------------------------------------------------- optional events


def test_an_optional_event_is_neither_hit_nor_false_alarm(tmp_path: Path) -> None:
    gold = [gold_event("Tell Alpha"), gold_event("Kafr Beta", required=False)]
    report = score(tmp_path, gold, [event("Tell Alpha"), event("Kafr Beta")])
    assert (report.scores.recall.hits, report.scores.recall.total) == (1, 1)
    assert (report.scores.precision.hits, report.scores.precision.total) == (1, 1)
    assert report.optional_matched == 1


def test_a_missed_optional_event_is_not_a_miss(tmp_path: Path) -> None:
    report = score(tmp_path, [gold_event("Kafr Beta", required=False)], [])
    assert report.scores.recall.total == 0
    assert report.misses == ()


def test_a_second_prediction_of_an_optional_event_is_not_a_false_alarm(tmp_path: Path) -> None:
    report = score(tmp_path, [gold_event("Kafr Beta", required=False)], [event("Kafr Beta")] * 2)
    assert report.false_alarms == ()
    assert report.optional_matched == 2


# ------------------------------------------------------------------------------------- one-to-one pairing


def test_a_duplicate_prediction_is_a_false_alarm(tmp_path: Path) -> None:
    report = score(tmp_path, [gold_event("Tell Alpha")], [event("Tell Alpha"), event("Tell Alpha")])
    assert report.scores.recall.hits == 1
    assert (report.scores.precision.hits, report.scores.precision.total) == (1, 2)
    assert report.false_alarms[0].note.startswith("duplicate")


def test_the_same_event_object_returned_twice_is_still_a_duplicate(tmp_path: Path) -> None:
    twice = [event("Tell Alpha")] * 2
    report = score(tmp_path, [gold_event("Tell Alpha")], twice)
    assert (report.scores.precision.hits, report.scores.precision.total) == (1, 2)


def test_two_gold_events_at_one_place_need_two_predictions(tmp_path: Path) -> None:
    gold = [gold_event("Kafr Beta"), gold_event("Kafr Beta", date="D-1")]
    one = score(tmp_path, gold, [event("Kafr Beta")])
    two = score(tmp_path, gold, [event("Kafr Beta"), event("Kafr Beta")])
    assert one.scores.recall.hits == 1
    assert "paired with another gold event" in one.misses[0].note
    assert two.scores.recall.hits == 2


def test_a_prediction_matching_both_pairs_with_the_required_event(tmp_path: Path) -> None:
    gold = [
        gold_event("Kafr Beta", required=False),
        gold_event(
            "Kafr Beta", sub_event_type="Armed clash", sub_event_type_alt=["Government regains territory"]
        ),
    ]
    report = score(tmp_path, gold, [event("Kafr Beta")])
    assert report.scores.recall.hits == 1


def test_the_exact_sub_event_type_wins_over_an_alternative(tmp_path: Path) -> None:
    clash = gold_event("Kafr Beta", sub_event_type="Armed clash", sub_event_type_alt=["Air/drone strike"])
    strike = gold_event(
        "Kafr Beta",
        sub_event_type="Air/drone strike",
        sub_event_type_alt=["Armed clash"],
        actor2=["Jaish al-Fatah"],
    )
    report = score(tmp_path, [clash, strike], [event("Kafr Beta", "Air/drone strike", actor2=REBELS)])
    assert report.misses[0].event_index == 0  # the strike was paired, the clash missed
    assert report.fields["actor2"].value == 1.0


# ------------------------------------------------------------------------------------------ not-events


def test_coding_a_not_event_is_a_false_alarm_counted_apart(tmp_path: Path) -> None:
    not_events = [{"text": "fighters in Deir Gamma", "why": "photo caption"}]
    caption = event("Deir Gamma", "Armed clash", sentence="Archive photo: fighters in Deir Gamma last year.")
    report = score(
        tmp_path, [gold_event("Tell Alpha")], [event("Tell Alpha"), caption], not_events=not_events
    )
    assert report.not_event_alarms == 1
    assert [(a.kind, a.note) for a in report.false_alarms] == [("not_event", "not an event: photo caption")]
    assert report.scores.precision.total == 2
    assert report.warnings == ()


def test_a_not_event_missing_from_the_document_is_a_warning(tmp_path: Path) -> None:
    report = score(tmp_path, [], [], not_events=[{"text": "words not in the report", "why": "x"}])
    assert "not found" in report.warnings[0]


# ----------------------------------------------------------------------------------------------- dates


SUNDAY = DateRef(None, DatePrecision.DAY, -3, "weekday:Sunday")


@pytest.mark.parametrize(
    ("gold", "predicted", "published", "expected"),
    [
        ("D", TODAY, None, True),
        ("D", DateRef(None, DatePrecision.DAY, None, "publication"), None, True),
        ("D", DateRef(None, DatePrecision.DAY, -1, "relative:yesterday"), None, False),
        ("D", DateRef(dt.date(2016, 8, 3), DatePrecision.DAY, 0, "publication"), dt.date(2016, 8, 3), True),
        ("D", DateRef(dt.date(2016, 8, 2), DatePrecision.DAY, 0, "publication"), dt.date(2016, 8, 3), False),
        ("D-1", DateRef(None, DatePrecision.DAY, -1, "relative:a day before"), None, True),
        ("D-1", TODAY, None, False),
        ("D-1", DateRef(dt.date(2016, 8, 2), DatePrecision.DAY, -1, "relative"), dt.date(2016, 8, 3), True),
        ("Sunday<=D", SUNDAY, None, True),
        ("Sunday<=D", DateRef(None, DatePrecision.DAY, -3, "weekday:Monday"), None, False),
        # publication unknown: the pipeline knows the weekday, not the offset
        ("Sunday<=D", DateRef(None, DatePrecision.UNKNOWN, None, "weekday:Sunday<=D"), None, True),
        ("Sunday<=D", DateRef(None, DatePrecision.UNKNOWN, None, "publication:unknown"), None, False),
        (
            "Sunday<=D",
            DateRef(dt.date(2016, 7, 31), DatePrecision.DAY, -3, "weekday"),
            dt.date(2016, 8, 3),
            True,
        ),
        (
            "Sunday<=D",
            DateRef(dt.date(2016, 8, 7), DatePrecision.DAY, 4, "weekday"),
            dt.date(2016, 8, 3),
            False,
        ),
        ("2016-08-01", DateRef(dt.date(2016, 8, 1), DatePrecision.DAY, None, "explicit"), None, True),
        ("2016-08-01", DateRef(None, DatePrecision.UNKNOWN, None, "unknown"), None, False),
        # a null gold date: the text dates nothing, so only an unknown date agrees
        ("None", DateRef(None, DatePrecision.UNKNOWN, 0, "publication:unknown"), None, True),
        ("None", DateRef(dt.date(2016, 8, 1), DatePrecision.DAY, None, "explicit"), None, False),
    ],
)
def test_gold_dates(gold: str, predicted: DateRef, published: dt.date | None, expected: bool) -> None:
    assert date_matches(gold, predicted, published) is expected


def test_the_last_sunday_on_or_before_a_sunday_is_that_day() -> None:
    assert last_weekday_on_or_before(dt.date(2016, 7, 31), 6) == dt.date(2016, 7, 31)
    assert last_weekday_on_or_before(dt.date(2016, 8, 6), 6) == dt.date(2016, 7, 31)


def test_an_unreadable_gold_date_is_an_error() -> None:
    with pytest.raises(ValueError, match="gold date"):
        date_matches("last week", TODAY, None)


def test_the_gold_publication_date_is_the_reference_for_d(tmp_path: Path) -> None:
    on_day = event("Tell Alpha", date=DateRef(dt.date(2016, 8, 3), DatePrecision.DAY, 0, "explicit"))
    report = score(tmp_path, [gold_event("Tell Alpha")], [on_day], published="2016-08-03")
    assert report.fields["date"].value == 1.0


# ---------------------------------------------------------------------------------------------- fields


@pytest.mark.parametrize(
    ("gold_actor1", "predicted", "expected"),
    [
        (["Syrian Arab Army"], ARMY, False),
        (["Military Forces of Syria"], ARMY, True),  # the canonical name
        (["the army"], ARMY, True),  # the words used, case-insensitive
        (["Military-Forces of Syria’s"], ARMY, False),  # normalisation does not add or remove letters
        (["Military forces of  SYRIA"], ARMY, True),
        ([], None, True),  # no actor named, none predicted
        ([], ARMY, False),
        (["Military Forces of Syria"], None, False),
    ],
)
def test_actor1(tmp_path: Path, gold_actor1: list[str], predicted: ActorRef | None, expected: bool) -> None:
    report = score(
        tmp_path, [gold_event("Tell Alpha", actor1=gold_actor1)], [event("Tell Alpha", actor1=predicted)]
    )
    assert report.fields["actor1"].value == (1.0 if expected else 0.0)


def test_an_empty_gold_actor2_requires_no_predicted_actor2(tmp_path: Path) -> None:
    gold = [gold_event("Tell Alpha"), gold_event("Kafr Beta")]
    report = score(tmp_path, gold, [event("Tell Alpha"), event("Kafr Beta", actor2=REBELS)])
    assert (report.fields["actor2"].hits, report.fields["actor2"].total) == (1, 2)
    assert [(e.location, e.expected) for e in report.field_errors] == [("Kafr Beta", "none")]


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        (("SANA", "Press TV"), True),
        (("sana", "PRESS TV"), True),
        (("Press TV", "SANA"), False),
        (("SANA",), False),
    ],
)
def test_claimed_by_is_the_source_chain_in_order(
    tmp_path: Path, chain: tuple[str, ...], expected: bool
) -> None:
    gold = gold_event("Tell Alpha", claimed_by=["SANA", "Press TV"])
    report = score(tmp_path, [gold], [event("Tell Alpha", chain=chain)])
    assert report.fields["claimed_by"].value == (1.0 if expected else 0.0)


FATALITY_CASES = [(None, None, True), (3, 3, True), (None, 3, False), (3, None, False), (3, 4, False)]


@pytest.mark.parametrize(("gold", "predicted", "expected"), FATALITY_CASES)
def test_fatalities_must_be_equal(
    tmp_path: Path, gold: int | None, predicted: int | None, expected: bool
) -> None:
    report = score(
        tmp_path, [gold_event("Kafr Beta", fatalities=gold)], [event("Kafr Beta", fatalities=predicted)]
    )
    assert report.fields["fatalities"].value == (1.0 if expected else 0.0)


def test_event_type_and_geo_precision_are_scored_on_pairs(tmp_path: Path) -> None:
    gold = [gold_event("Tell Alpha", geo_precision=2), gold_event("Kafr Beta")]
    predicted = [
        event("Tell Alpha", geo_precision=2),
        event("Kafr Beta", event_type="Strategic developments"),
    ]
    report = score(tmp_path, gold, predicted)
    assert (report.event_type.hits, report.event_type.total) == (1, 2)
    assert (report.fields["geo_precision"].hits, report.fields["geo_precision"].total) == (2, 2)


# ---------------------------------------------------------------------------------------------- places


def test_place_accuracy_unresolved_and_wrong_places(tmp_path: Path) -> None:
    gold = [
        gold_event("Tell Alpha", place_ids=["C0001"]),
        gold_event("Kafr Beta", place_ids=["C0002"]),
        gold_event("Deir Gamma", place_ids=["C0003"]),
        gold_event("Aleppo"),  # not in the gazetteer: not counted in place accuracy
    ]
    predicted = [
        event("Tell Alpha", place_id="C0001", place_name="Tell Alpha"),
        event("Kafr Beta", place_id="C0999", place_name="Kafr Betta"),
        event("Deir Gamma"),
        event("Aleppo"),
    ]
    report = score(tmp_path, gold, predicted)
    assert (report.place_correct.hits, report.place_correct.total) == (1, 3)
    assert (report.place_unresolved.hits, report.place_unresolved.total) == (2, 4)
    assert [(w.location, w.place_ids, w.predicted_place_id) for w in report.wrong_places] == [
        ("Kafr Beta", ("C0002",), "C0999")
    ]


# ------------------------------------------------------------------------------------ documents and output


def test_per_document_rows_and_json(tmp_path: Path) -> None:
    report = score(tmp_path, [gold_event("Tell Alpha"), gold_event("Kafr Beta")], [event("Tell Alpha")])
    [row] = report.documents
    assert (row.doc, row.scores.recall.hits, row.scores.recall.total, row.predictions) == (
        "reports/r1.txt",
        1,
        2,
        1,
    )
    data = json.loads(json.dumps(report.to_dict()))
    assert data["kind"] == "gold"
    assert data["recall"] == {"hits": 1, "total": 2, "value": 0.5}
    assert data["misses"][0]["location"] == "Kafr Beta"
    assert data["documents"][0]["doc"] == "reports/r1.txt"


def test_a_malformed_gold_line_names_file_and_line(tmp_path: Path) -> None:
    gold_path = tmp_path / "g.jsonl"
    gold_path.write_text('{"doc": "a.txt", "events": []}\n{"doc": "b.txt"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"g\.jsonl:2"):
        score_gold(gold_path, lambda d: [], loader=lambda ref, base: Document("x", "", ref))


@pytest.mark.parametrize(
    ("why", "cause"),
    [
        ("photo caption", "photo caption"),
        ("background: a capture years before", "background"),
        ("cumulative toll, not an event", "background"),
        ("a funeral, not a conflict event", "not an event"),
    ],
)
def test_a_not_event_passage_is_counted_by_the_gold_reason(why: str, cause: str) -> None:
    assert not_event_cause(why) == cause


def test_a_coarse_false_alarm_is_a_duplicate_only_where_the_gold_codes_finer_places() -> None:
    common = {"same_place_types": [], "duplicate": False, "coarse": True, "resolved": True}
    assert alarm_cause(**common, finer_gold_in_document=True) == "coarse duplicate"  # type: ignore[arg-type]
    assert alarm_cause(**common, finer_gold_in_document=False) == "extra event"  # type: ignore[arg-type]
    assert miss_cause(["Armed clash"], matched_elsewhere=False) == "wrong type"
    assert miss_cause([], matched_elsewhere=False) == "place not found"


def test_a_bare_gold_doc_is_an_article_id_in_the_articles_folder(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    records = [{"id": "a1", "text": "Rebels shelled Tell Alpha."}, {"id": "a2", "text": "Troops took Beta."}]
    (tmp_path / "articles" / "dev.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    loader = IngestLoader()
    assert loader("a2", tmp_path).text == "Troops took Beta."
    with pytest.raises(ValueError, match="neither a file"):
        loader("a3", tmp_path)


@pytest.mark.parametrize(
    ("gold", "predicted"),
    [("Civilians", "Civilians (Syria)"), ("People's Protection Units", "YPG: People's Protection Units")],
)
def test_actor_names_match_without_acled_decorations(gold: str, predicted: str) -> None:
    actor = ActorRef("x", predicted, "unknown", "Civilians", "the words")
    assert actor_matches((gold,), actor)
    assert not actor_matches(("Military Forces of Syria",), actor)


@pytest.mark.parametrize(
    ("gold", "predicted", "agrees"),
    [(0, None, True), (None, None, True), (None, 0, True), (3, 3, True), (3, None, False), (0, 6, False)],
)
def test_a_predicted_null_toll_counts_as_zero(gold: int | None, predicted: int | None, agrees: bool) -> None:
    assert fatalities_match(gold, predicted) is agrees


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        # an armed actor that speaks for itself is one source however it is named, as in the actor fields
        (("YPG", "ARA News"), ("YPG: People's Protection Units", "ARA News"), True),
        (("Syrian army general command", "Levant Wire"), ("Military Forces of Syria", "Levant Wire"), True),
        (("rebels", "Orontes Monitor"), ("Opposition Rebels (Syria)", "Orontes Monitor"), True),
        # ... but two actors are two sources, and a label for unknown attackers names no one
        (("SDF", "UPI"), ("YPG: People's Protection Units", "UPI"), False),
        (("gunmen", "UPI"), ("terrorists", "UPI"), False),
        # the order still counts
        (("YPG", "ARA News"), ("ARA News", "YPG"), False),
    ],
)
def test_an_actor_source_is_one_source_by_any_of_its_names(
    gold: tuple[str, ...], predicted: tuple[str, ...], same: bool
) -> None:
    from frontlines.evaluate.fields import chain_matches

    assert chain_matches(gold, predicted) is same
