"""Shared fixtures. Tests build their inputs by hand; the few that measure against ../shared skip with a reason
when it is absent (a user's machine)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip(f"{SHARED} (the project's shared reference data) is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from frontlines.pipeline import Pipeline

    return Pipeline()


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


def store_events(db: Path, events: list[HandEvent]) -> Path:
    """Write ``events`` (and their reports) into the database at ``db``; returns ``db``."""
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
    from frontlines.store import Store

    def actor(pair: tuple[str, str] | None) -> ActorRef | None:
        return ActorRef(pair[0], pair[1], "government", "state forces", pair[1]) if pair else None

    with Store.open(db) as store:
        for e in events:
            text = f"{e.text} ({e.event_id})"  # one report per event
            doc = Document(
                id=hashlib.sha256(text.encode()).hexdigest(),
                text=text,
                source_uri=e.source_uri,
                title=e.title,
                outlet=e.outlet,
            )
            store.add_document(doc)
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
                place=PlaceRef(
                    e.location, e.place_id, e.location, e.admin1, e.latitude, e.longitude, 1, "exact"
                ),
                fatalities=Fatalities(e.fatalities, "exact") if e.fatalities is not None else None,
                claim=Claim(
                    doc_id=doc.id,
                    source_chain=e.source_chain,
                    evidence=tuple(evidence),
                    confidence=0.8,
                ),
                sentence=Span(0, len(text), text),
            )
            store.replace_events(doc, [event], "v-test")
    return db


@pytest.fixture
def events_db(tmp_path: Path) -> Callable[..., Path]:
    """A factory: ``events_db(HandEvent("e1"), ...)`` is a database holding those events."""

    def build(*events: HandEvent) -> Path:
        return store_events(tmp_path / "events.db", list(events))

    return build
