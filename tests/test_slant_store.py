"""The store's slant tables and the outlet profiles read from them, as a specification; and the migration
runner's tolerance of numbers that land out of order."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterator

import pytest

from frontlines.records import (
    ActorLabel,
    ActorRef,
    Claim,
    DatePrecision,
    DateRef,
    Document,
    Event,
    PlaceRef,
    Slant,
    SlantSpan,
    Span,
)
from frontlines.slant.profiles import label_summary, per_thousand, profiles
from frontlines.store import Store
from frontlines.store.backend import connect
from frontlines.store.migrations import MIGRATIONS, Migration, applied_versions, migrate

LL, NC = "Loaded_Language", "Name_Calling,Labeling"


def document(text: str, outlet: str | None, published: dt.date | None, spans: int | None) -> Document:
    """A report; ``spans`` Loaded_Language spans in its slant (None: the slant stage did not run)."""
    slant = None
    if spans is not None:
        slant = Slant(tuple(SlantSpan(LL, i, i + 1, text[i], 0.5, "test") for i in range(spans)), 500, "v")
    return Document(
        id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        source_uri=f"{text[:5]}.txt",
        outlet=outlet,
        published=published,
        slant=slant,
    )


def event(doc: Document, event_id: str, label: str, tone: str | None) -> Event:
    actor2 = ActorRef("hts", "Hayat Tahrir al-Sham", "jihadist", "Rebel group", label, None)
    labels = (ActorLabel("actor2", "hts", label, tone, f"labels:{label}"),)
    return Event(
        event_id=event_id,
        event_type="Battles",
        sub_event_type="Armed clash",
        date=DateRef(doc.published, DatePrecision.DAY, 0, "publication"),
        actor1=None,
        actor2=actor2,
        place=PlaceRef("Nubl", None, None, None, None, None, None),
        fatalities=None,
        claim=Claim(
            doc.id,
            (),
            (),
            0.5,
            slant=(SlantSpan(NC, 0, 3, "abc", 0.9, "labels:x", "sentence"),),
            labels=labels,
        ),
        sentence=Span(0, len(doc.text), doc.text),
    )


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    with Store.open(database) as opened:
        yield opened


def stored(store: Store, doc: Document, events: list[Event]) -> None:
    store.add_document(doc)
    store.replace_events(doc, events, "v")


def test_a_documents_spans_words_and_event_labels_are_stored_and_replaced_by_the_next_extraction(
    store: Store,
) -> None:
    doc = document("terrorists attacked the town " * 3, "Press TV", dt.date(2016, 2, 8), 3)
    stored(store, doc, [event(doc, "a" * 20, "terrorists", "pejorative")])
    assert [s["text"] for s in store.slant_spans(doc.id)] == ["t", "e", "r"]
    stored(store, dataclasses.replace(doc, slant=document(doc.text, None, None, 1).slant), [])
    assert len(store.slant_spans(doc.id)) == 1
    assert store.conn.execute("SELECT COUNT(*) FROM event_labels").fetchone()[0] == 0


def test_a_document_extracted_without_the_slant_stage_has_no_slant_rows(store: Store) -> None:
    doc = document("rebels attacked the town", "Wire", dt.date(2016, 1, 1), None)
    stored(store, doc, [event(doc, "b" * 20, "rebels", "neutral")])
    assert store.slant_spans(doc.id) == []
    rates, labels = store.outlet_profiles()
    assert rates == [] and labels == []  # never counted as a report free of slant


def test_the_event_record_carries_its_slant_and_tones(store: Store) -> None:
    doc = document("terrorists attacked the town", "Press TV", dt.date(2016, 2, 8), 1)
    stored(store, doc, [event(doc, "c" * 20, "terrorists", "pejorative")])
    [row] = store.events()
    assert row["actor2_label_tone"] == "pejorative" and row["actor1_label_tone"] is None
    assert row["slant"] == [
        {
            "technique": NC,
            "start": 0,
            "end": 3,
            "text": "abc",
            "score": 0.9,
            "rule": "labels:x",
            "where": "sentence",
        }
    ]


@pytest.mark.parametrize(
    ("by", "periods"), [("year", ["2016", "2017"]), ("month", ["2016-02", "2016-03", "2017-01"])]
)
def test_outlet_profiles_by_period(store: Store, by: str, periods: list[str]) -> None:
    reports = [
        ("a report of February", dt.date(2016, 2, 8), 3, "terrorists"),
        ("a report of March", dt.date(2016, 3, 1), 1, "terrorists"),
        ("a report of next year", dt.date(2017, 1, 5), 0, "militants"),
    ]
    for i, (text, day, spans, label) in enumerate(reports):
        doc = document(text, "Press TV", day, spans)
        tone = "pejorative" if label == "terrorists" else "neutral"
        stored(store, doc, [event(doc, str(i) * 20, label, tone)])
    rows = profiles(*store.outlet_profiles(by))
    assert [r["period"] for r in rows] == periods
    assert all(r["outlet"] == "Press TV" for r in rows)
    first = rows[0]
    if by == "year":
        assert first["reports"] == 2 and first["words"] == 1000 and first["spans"] == {LL: 4}
        assert first["loaded_language_per_1000_words"] == 4.0
        assert first["labels"] == [
            {
                "actor_id": "hts",
                "actor": "Hayat Tahrir al-Sham",
                "label": "terrorists",
                "tone": "pejorative",
                "count": 2,
            }
        ]
    assert rows[-1]["loaded_language_per_1000_words"] == 0.0  # read, and none found: not unknown


def test_reports_without_a_date_or_outlet_are_grouped_apart(store: Store) -> None:
    doc = document("an undated report", None, None, 2)
    stored(store, doc, [])
    [row] = profiles(*store.outlet_profiles("year"))
    assert (row["outlet"], row["period"], row["reports"]) == ("(unknown)", "(undated)", 1)


def test_an_unknown_period_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="period 'week'"):
        store.outlet_profiles("week")


@pytest.mark.parametrize(("count", "words", "rate"), [(3, 1500, 2.0), (0, 100, 0.0), (1, 0, None)])
def test_rates_per_thousand_words(count: int, words: int, rate: float | None) -> None:
    assert per_thousand(count, words) == rate


def test_label_summaries_put_pejorative_labels_first_and_cut_long_lists() -> None:
    labels = [
        {"actor_id": "hts", "actor": "HTS", "label": "militants", "tone": "neutral", "count": 9},
        {"actor_id": "hts", "actor": "HTS", "label": "terrorists", "tone": "pejorative", "count": 2},
        {"actor_id": "x", "actor": None, "label": "the group", "tone": None, "count": 1},
    ]
    assert label_summary(labels, limit=2) == [
        "terrorists → HTS (pejorative) ×2",
        "militants → HTS (neutral) ×9",
        "… 1 more",
    ]


# ------------------------------------------------------------------------------------------- migrations


def test_a_migration_numbered_below_the_highest_applied_is_still_applied(database: str) -> None:
    conn = connect(database)
    without_4 = tuple(m for m in MIGRATIONS if m.version != 4)
    migrate(conn, without_4)
    assert 6 in applied_versions(conn)
    late = Migration(4, "arrives after 6", ("CREATE TABLE late_arrival (x INTEGER)",))
    assert migrate(conn, (*without_4, late)) == [4]
    assert conn.execute("SELECT COUNT(*) FROM late_arrival").fetchone()[0] == 0
    assert migrate(conn, (*without_4, late)) == []
    conn.close()


def test_an_event_stored_before_the_slant_fields_reads_with_them_unknown(store: Store) -> None:
    doc = document("rebels attacked the town", "Wire", dt.date(2016, 1, 1), None)
    stored(store, doc, [event(doc, "d" * 20, "rebels", "neutral")])
    record = json.loads(store.conn.execute("SELECT record FROM events").fetchone()[0])
    for field in ("slant", "actor1_label_tone", "actor2_label_tone"):
        del record[field]
    store.conn.execute("UPDATE events SET record = ?", (json.dumps(record),))
    [row] = store.events()
    assert row["slant"] == [] and row["actor1_label_tone"] is None and row["actor2_label_tone"] is None
