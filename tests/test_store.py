"""The store, as a specification: what the database promises to the rest of frontlines, on either backend
(every test that takes `store` or `database` runs on SQLite and on PostgreSQL, tests/conftest.py).

Documents and events are built by hand here (no ingest, no spaCy), so these tests say what the store does with
any record, whatever the stages before it produce.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontlines.records import (
    ActorRef,
    Claim,
    DatePrecision,
    DateRef,
    DateSource,
    Document,
    Event,
    Evidence,
    Fatalities,
    IngestProblem,
    PlaceRef,
    Span,
)
from frontlines.store import Store
from frontlines.store.backend import connect
from frontlines.store.migrations import MIGRATIONS, migrate

TEXT = "Government troops captured the village of Tal Sheikh on Sunday, a field commander said."


def make_document(text: str = TEXT, source_uri: str = "reports/a.txt", **fields: object) -> Document:
    """A document whose id is derived from its text, as ingest does (any stable function will do)."""
    return Document(
        id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        source_uri=source_uri,
        **fields,  # type: ignore[arg-type]
    )


def make_event(
    doc: Document, event_id: str, location: str = "Tal Sheikh", fatalities: int | None = 2
) -> Event:
    start = doc.text.find(location)
    return Event(
        event_id=event_id,
        event_type="Battles",
        sub_event_type="Government regains territory",
        date=DateRef(dt.date(2016, 2, 7), DatePrecision.DAY, 0, "weekday:Sunday"),
        actor1=ActorRef("syria-military", "Military Forces of Syria", "government", "state forces", "troops"),
        actor2=None,
        place=PlaceRef(location, "geonames:1", location, "Aleppo", 36.1, 37.1, 1, "exact"),
        fatalities=Fatalities(fatalities, "exact") if fatalities is not None else None,
        claim=Claim(
            doc_id=doc.id,
            source_chain=("field commander",),
            evidence=(Evidence("place", start, start + len(location), location),),
            confidence=0.8,
        ),
        sentence=Span(0, len(doc.text), doc.text),
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "frontlines.db"


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    with Store.open(database) as opened:
        yield opened


def count(store: Store, sql: str, *params: object) -> int:
    return int(store.conn.execute(sql, params).fetchone()[0])


# ------------------------------------------------------------------------------------------------ schema


def test_a_new_database_records_every_migration_once(store: Store) -> None:
    rows = store.conn.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(m.version, m.name) for m in MIGRATIONS]
    assert store.schema_version() == MIGRATIONS[-1].version


@pytest.mark.parametrize("reopenings", [1, 3])
def test_reopening_a_database_applies_no_migration_again(database: str, reopenings: int) -> None:
    Store.open(database).close()
    for _ in range(reopenings):
        with Store.open(database) as store:
            assert count(store, "SELECT COUNT(*) FROM schema_migrations") == len(MIGRATIONS)
    conn = connect(database)
    try:
        assert migrate(conn) == []
    finally:
        conn.close()


def test_the_sqlite_database_is_in_wal_mode(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    # WAL is a property of the file: a plain connection opened later sees it too.
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------- documents


def test_a_stored_document_reads_back_equal(store: Store) -> None:
    doc = make_document(
        title="Army advances",
        outlet="SANA",
        url="https://example.org/a",
        published=dt.date(2016, 2, 8),
        published_source=DateSource.METADATA,
        language="en",
        external_id="a-1",
        fmt="html",
        meta={"section": "news"},
    )
    assert store.add_document(doc).new
    assert store.get_document(doc.id) == doc
    assert store.has_document(doc.id)
    assert list(store.iter_documents()) == [doc]


@pytest.mark.parametrize(
    ("second_source", "sources_expected"),
    [
        ("reports/a.txt", 1),  # the same file read again: nothing new at all
        ("mirror/a-copy.txt", 2),  # the same text from elsewhere: one more source, not one more document
    ],
)
def test_adding_the_same_text_again_is_not_new(
    store: Store, second_source: str, sources_expected: int
) -> None:
    first = store.add_document(make_document(source_uri="reports/a.txt", outlet="SANA"))
    again = store.add_document(make_document(source_uri=second_source, outlet="Press TV"))
    assert first.new and not again.new
    assert first.doc_id == again.doc_id
    assert count(store, "SELECT COUNT(*) FROM documents") == 1
    assert (
        count(store, "SELECT COUNT(*) FROM document_sources WHERE doc_id = ?", first.doc_id)
        == sources_expected
    )
    # The stored document keeps what it was first stored with.
    stored = store.get_document(first.doc_id)
    assert stored is not None and stored.outlet == "SANA"


def test_documents_lists_sources_and_events_per_document(store: Store) -> None:
    doc = make_document()
    store.add_document(doc)
    store.add_document(make_document(source_uri="b.txt"))
    store.replace_events(doc, [make_event(doc, "e1"), make_event(doc, "e2")], "v1")
    [row] = store.documents()
    assert (row["id"], row["sources"], row["events"], row["chars"]) == (doc.id, 2, 2, len(TEXT))
    assert "text" not in row


# ---------------------------------------------------------------------------------------------- problems


@pytest.mark.parametrize("times", [1, 2, 5])
def test_the_same_problem_is_stored_once_and_counted(store: Store, times: int) -> None:
    problem = IngestProblem("photo.png", "binary", "binary file (PNG image), not a text report")
    for _ in range(times):
        store.add_problem(problem)
    [row] = store.problems()
    assert (row["source_uri"], row["kind"], row["times_seen"], row["fatal"]) == (
        "photo.png",
        "binary",
        times,
        1,
    )


def test_different_problems_are_stored_apart_and_warnings_can_be_left_out(store: Store) -> None:
    store.add_problem(IngestProblem("a.png", "binary", "binary file"))
    store.add_problem(IngestProblem("b.txt", "empty", "empty file"))
    store.add_problem(IngestProblem("c.txt", "language", "looks French", fatal=False, doc_id="x"))
    assert [r["source_uri"] for r in store.problems()] == ["a.png", "b.txt", "c.txt"]
    assert [r["source_uri"] for r in store.problems(include_warnings=False)] == ["a.png", "b.txt"]
    stats = store.stats()
    assert (stats.problems, stats.fatal_problems) == (3, 2)


# ------------------------------------------------------------------------------------------------ events


def test_replace_events_replaces_a_documents_events(store: Store) -> None:
    doc = make_document()
    store.add_document(doc)
    store.replace_events(doc, [make_event(doc, "old-1"), make_event(doc, "old-2")], "v1")
    store.replace_events(doc, [make_event(doc, "new-1")], "v2")
    assert [e["event_id"] for e in store.events()] == ["new-1"]
    assert count(store, "SELECT COUNT(*) FROM evidence") == 1
    assert count(store, "SELECT COUNT(*) FROM extractions WHERE doc_id = ? AND n_events = 1", doc.id) == 1


def test_replace_events_leaves_other_documents_alone(store: Store) -> None:
    a, b = make_document(), make_document(TEXT + " More.", source_uri="b.txt")
    for doc in (a, b):
        store.add_document(doc)
    store.replace_events(a, [make_event(a, "a-1")], "v1")
    store.replace_events(b, [make_event(b, "b-1")], "v1")
    store.replace_events(a, [], "v1")
    assert [e["event_id"] for e in store.events()] == ["b-1"]
    assert [e["event_id"] for e in store.events([b.id])] == ["b-1"]
    assert store.events([a.id]) == []


def test_stored_events_are_contract_rows(store: Store) -> None:
    doc = make_document(outlet="SANA")
    store.add_document(doc)
    store.replace_events(doc, [make_event(doc, "e1")], "v1")
    [row] = store.events()
    assert (row["doc_id"], row["location"], row["fatalities"], row["outlet"]) == (
        doc.id,
        "Tal Sheikh",
        2,
        "SANA",
    )
    assert row["evidence"] == [{"field": "place", "start": 42, "end": 52, "text": "Tal Sheikh"}]


# ------------------------------------------------------------------------------------------- corrections


@pytest.mark.parametrize(
    ("field", "value"),
    [("fatalities", 4), ("event_date", "2016-02-08"), ("geo_precision", 2), ("source_chain", ["SOHR"])],
)
def test_corrections_are_applied_on_read(store: Store, field: str, value: object) -> None:
    doc = make_document()
    store.add_document(doc)
    store.replace_events(doc, [make_event(doc, "e1"), make_event(doc, "e2")], "v1")
    store.add_correction("e1", field, value, author="analyst", note="checked")
    corrected, untouched = store.events()
    assert corrected[field] == value and corrected["corrected"] == [field]
    assert "corrected" not in untouched
    # The machine output itself is kept as it was.
    record = store.conn.execute("SELECT fatalities FROM events WHERE event_id = 'e1'").fetchone()
    assert record[0] == 2


def test_the_latest_correction_of_a_field_wins(store: Store) -> None:
    doc = make_document()
    store.add_document(doc)
    store.replace_events(doc, [make_event(doc, "e1")], "v1")
    store.add_correction("e1", "fatalities", 4)
    store.add_correction("e1", "fatalities", 5)
    assert store.events()[0]["fatalities"] == 5


def test_corrections_survive_re_extraction(store: Store) -> None:
    doc = make_document()
    store.add_document(doc)
    store.replace_events(doc, [make_event(doc, "e1", fatalities=2)], "v1")
    store.add_correction("e1", "fatalities", 7)
    # A new pipeline version extracts the same event again (same stable id), with another machine reading.
    store.replace_events(doc, [make_event(doc, "e1", fatalities=3)], "v2")
    [row] = store.events()
    assert row["fatalities"] == 7
    assert store.stats().corrections == 1


# -------------------------------------------------------------------------------------- pending extraction


def test_pending_extraction_is_by_pipeline_version(store: Store) -> None:
    a, b = make_document(), make_document(TEXT + " More.", source_uri="b.txt")
    for doc in (a, b):
        store.add_document(doc)
    assert store.pending_extraction("v1") == [a.id, b.id]
    store.replace_events(a, [], "v1")  # extracted, even with no event
    assert store.pending_extraction("v1") == [b.id]
    store.replace_events(b, [make_event(b, "b-1")], "v1")
    assert store.pending_extraction("v1") == []
    # A new pipeline version must see every document again.
    assert store.pending_extraction("v2") == [a.id, b.id]


def test_stats_count_what_is_stored(store: Store) -> None:
    doc = make_document(outlet="SANA", language="en")
    store.add_document(doc)
    store.add_document(make_document(source_uri="copy.txt"))
    event = make_event(doc, "e1")
    unresolved = dataclasses.replace(
        make_event(doc, "e2"), place=PlaceRef("al-Wajid", None, None, None, None, None, None)
    )
    store.replace_events(doc, [event, unresolved], "v1")
    stats = store.stats()
    assert (stats.documents, stats.document_sources, stats.extracted_documents, stats.events) == (1, 2, 1, 2)
    assert stats.events_by_type == {"Government regains territory": 2}
    assert (stats.unresolved_places, stats.outlets, stats.languages) == (1, {"SANA": 1}, {"en": 1})
    assert store.unresolved_places()[0]["location"] == "al-Wajid"
