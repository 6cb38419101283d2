"""Shared fixtures. Tests build their inputs by hand; the few that measure against ../shared skip with a reason
when it is absent (a user's machine).

Store tests run on both backends: the `database` fixture is a fresh, empty database, once an SQLite file and
once a schema of its own on the PostgreSQL server named by $FRONTLINES_TEST_PG (scripts/test.sh starts a
throwaway one). Without that variable the postgresql variants skip, saying so; with it set and the server out
of reach, they fail.
"""

from __future__ import annotations

import dataclasses
import os
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_ENV = "FRONTLINES_TEST_PG"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of the PostgreSQL server the tests may use (a database on it they may create schemas in)."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(
            f"${PG_ENV} is not set: no PostgreSQL server to test the store on (scripts/test.sh starts a "
            "throwaway one; or give the URL of a database you may create schemas in)"
        )
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=10).close()
    except psycopg.Error as exc:
        pytest.fail(f"${PG_ENV} is set but its server cannot be reached: {exc}")
    return url


def with_schema(url: str, schema: str) -> str:
    """``url`` with its search path set to ``schema`` (libpq's ``options`` parameter)."""
    parts = urllib.parse.urlsplit(url)
    params = urllib.parse.parse_qsl(parts.query) + [("options", f"-csearch_path={schema}")]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(params)))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip(f"{SHARED} (the project's shared reference data) is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from frontlines.pipeline import Pipeline

    return Pipeline()


def pg_schema(server: str) -> Iterator[str]:
    """A schema of its own on the server, for one test (dropped after it): the URL of a fresh database."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")  # a name we made: letters and hex digits
    try:
        yield with_schema(server, schema)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '10s'")
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=BACKENDS)
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database, once on each backend: an SQLite file's path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "frontlines.db")
        return
    yield from pg_schema(request.getfixturevalue("pg_server"))


def query(db: Any, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """The rows of one statement (neutral dialect, ``?`` parameters) on the database at ``db``."""
    from frontlines.store import Store

    with Store.open(db) as store:
        return [tuple(row) for row in store.conn.execute(sql, params)]


@dataclasses.dataclass
class HandEvent:
    """An event written by hand (no spaCy), with the report it comes from: what output and correction tests
    need to control, every other field a plausible default."""

    event_id: str
    location: str = "Tal Sheikh"
    text: str = "Government troops captured the village of Tal Sheikh on Sunday, a field commander said."
    title: str | None = "Troops capture Tal Sheikh"
    outlet: str | None = "SANA"
    source_uri: str = "reports/a.txt"
    event_type: str = "Battles"
    sub_event_type: str = "Government regains territory"
    actor1: tuple[str, str] | None = ("syria-military", "Military Forces of Syria")
    actor2: tuple[str, str] | None = None
    place_id: str | None = "geonames:1"
    admin1: str | None = "Aleppo"
    latitude: float | None = 36.1
    longitude: float | None = 37.1
    fatalities: int | None = 2
    source_chain: tuple[str, ...] = ("field commander",)
    event_date: str = "2016-02-07"
    trigger: str | None = None  # the trigger's words, when a test needs them (a withdrawal reads them)


def hand_records(e: HandEvent) -> tuple[Any, Any]:
    """The report (a Document) and the Event a hand-written event stands for."""
    import datetime as dt
    import hashlib

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

    def actor(pair: tuple[str, str] | None) -> ActorRef | None:
        return ActorRef(pair[0], pair[1], "government", "state forces", pair[1]) if pair else None

    text = f"{e.text} ({e.event_id})"  # one report per event
    doc = Document(
        id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        source_uri=e.source_uri,
        title=e.title,
        outlet=e.outlet,
    )
    start = max(text.find(e.location), 0)
    evidence = [
        Evidence("sentence", 0, len(text), text),
        Evidence("place", start, start + len(e.location), e.location),
    ]
    if e.trigger is not None:
        at = max(text.find(e.trigger), 0)
        evidence.append(Evidence("trigger", at, at + len(e.trigger), e.trigger))
    event = Event(
        event_id=e.event_id,
        event_type=e.event_type,
        sub_event_type=e.sub_event_type,
        date=DateRef(dt.date.fromisoformat(e.event_date), DatePrecision.DAY, 0, "weekday:Sunday"),
        actor1=actor(e.actor1),
        actor2=actor(e.actor2),
        place=PlaceRef(e.location, e.place_id, e.location, e.admin1, e.latitude, e.longitude, 1, "exact"),
        fatalities=Fatalities(e.fatalities, "exact") if e.fatalities is not None else None,
        claim=Claim(doc_id=doc.id, source_chain=e.source_chain, evidence=tuple(evidence), confidence=0.8),
        sentence=Span(0, len(text), text),
    )
    return doc, event


def store_events(db: Any, events: list[HandEvent]) -> Any:
    """Write ``events`` (and their reports) into the database at ``db``; returns ``db``."""
    from frontlines.store import Store

    with Store.open(db) as store:
        for e in events:
            doc, event = hand_records(e)
            store.add_document(doc)
            store.replace_events(doc, [event], "v-test")
    return db


@pytest.fixture
def events_db(database: str) -> Callable[..., str]:
    """A factory: ``events_db(HandEvent("e1"), ...)`` is a database holding those events (on each backend)."""

    def build(*events: HandEvent) -> str:
        return store_events(database, list(events))

    return build
