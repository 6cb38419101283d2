"""Benchmark the store on each backend: the same writes and reads on SQLite and on PostgreSQL.

    PYTHONPATH=src python scripts/bench_store.py -n 2000                       # SQLite only
    PYTHONPATH=src python scripts/bench_store.py -n 2000 --pg postgresql://frontlines@127.0.0.1:5432/frontlines

For each backend, in a fresh database (a temporary SQLite file; a new schema on the server, dropped after):
store N synthetic reports with 3 events each (one transaction per report, as `extract` does), re-extract them
all, record N/4 analyst corrections, read every event with corrections applied, count (`stats`), list pending
documents; then two processes storing N/2 reports each at once. Prints reports/s, corrections/s, read times.
The documents and events are made up here (no spaCy), so the figures are the store's alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import multiprocessing
import os
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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

PLACES = ("Tal Sheikh", "Nubl", "Khan Tuman", "Hajin", "Azaz", "Morek", "Khalsa", "Zitan")


def report(i: int) -> tuple[Document, list[Event]]:
    """A made-up report of about 60 words with three events (evidence: sentence and place each)."""
    place = PLACES[i % len(PLACES)]
    text = (
        f"Report {i}. Government troops captured the village of {place} on Sunday after heavy clashes, a field "
        f"commander said. Rebels shelled {place} later that day, killing {i % 7} civilians, activists said. "
        f"Warplanes struck the outskirts of {place} overnight, according to local sources who spoke by phone."
    )
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(), text=text, source_uri=f"bench/{i}.txt")
    events = []
    for k, sub in enumerate(
        ("Government regains territory", "Shelling/artillery/missile attack", "Air/drone strike")
    ):
        at = text.find(place)
        events.append(
            Event(
                event_id=hashlib.sha256(f"{doc.id}:{k}".encode()).hexdigest()[:20],
                event_type="Battles" if k == 0 else "Explosions/Remote violence",
                sub_event_type=sub,
                date=DateRef(dt.date(2016, 2, 7), DatePrecision.DAY, 0, "weekday:Sunday"),
                actor1=ActorRef(
                    "syria-military", "Military Forces of Syria", "government", "state forces", "troops"
                ),
                actor2=None,
                place=PlaceRef(place, f"bench:{i % len(PLACES)}", place, "Aleppo", 36.1, 37.1, 1, "exact"),
                fatalities=Fatalities(i % 7, "exact"),
                claim=Claim(
                    doc_id=doc.id,
                    source_chain=("field commander",),
                    evidence=(
                        Evidence("sentence", 0, 40, text[:40]),
                        Evidence("place", at, at + len(place), place),
                    ),
                    confidence=0.8,
                ),
                sentence=Span(0, 40, text[:40]),
            )
        )
    return doc, events


@contextmanager
def fresh(backend: str, pg: str | None) -> Iterator[str]:
    """A new, empty database on the backend; removed afterwards."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield str(Path(tmp) / "bench.db")
        return
    import psycopg

    assert pg is not None
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    parts = urllib.parse.urlsplit(pg)
    query = urllib.parse.parse_qsl(parts.query) + [("options", f"-csearch_path={schema}")]
    try:
        yield urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
    finally:
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def store_reports(db: str, first: int, n: int, version: str, ready: Any = None, go: Any = None) -> None:
    reports = [report(i) for i in range(first, first + n)]
    with Store.open(db) as store:
        if ready is not None:  # started, imported and connected: wait for the other process
            ready.release()
            go.wait()
        for doc, events in reports:
            store.add_document(doc)
            store.replace_events(doc, events, version)


def timed(label: str, count: int | None, unit: str, fn: Any) -> Any:
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    rate = f"  {count / seconds:9.0f} {unit}/s" if count else ""
    print(f"  {label:<40} {seconds:8.3f} s{rate}")
    return result


def bench(backend: str, db: str, n: int, pg: str | None) -> None:
    print(f"{backend}: {n} reports, {3 * n} events")
    reports = [report(i) for i in range(n)]

    def write(version: str) -> None:
        with Store.open(db) as store:
            for doc, events in reports:
                store.add_document(doc)
                store.replace_events(doc, events, version)

    timed("store (ingest + extract, 1 tx/report)", n, "reports", lambda: write("v1"))
    timed("re-extract (replace every report)", n, "reports", lambda: write("v2"))
    with Store.open(db) as store:
        ids = [events[0].event_id for _doc, events in reports[: max(1, n // 4)]]

        def correct() -> None:
            for k, event_id in enumerate(ids):
                store.add_correction(event_id, "fatalities", k, author="bench")

        timed("corrections", len(ids), "corrections", correct)
        rows = timed("read every event, corrections applied", 3 * n, "events", store.events)
        assert len(rows) == 3 * n
        timed("stats", None, "", store.stats)
        timed("pending extraction (none)", None, "", lambda: store.pending_extraction("v2"))
    with fresh(backend, pg) as other:
        Store.open(other).close()
        ctx = multiprocessing.get_context("spawn")
        half, ready, go = n // 2, ctx.Semaphore(0), ctx.Event()
        procs = [
            ctx.Process(target=store_reports, args=(other, k * half, half, "v1", ready, go)) for k in range(2)
        ]
        for p in procs:
            p.start()
        for _ in procs:
            ready.acquire()

        def both() -> None:  # from the go to the last report stored (not the processes' start-up)
            go.set()
            for p in procs:
                p.join()
            assert [p.exitcode for p in procs] == [0, 0]

        timed("two processes storing n/2 each, at once", 2 * half, "reports", both)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=2000, help="reports (default 2000)")
    parser.add_argument("--pg", default=os.environ.get("FRONTLINES_TEST_PG"), help="a PostgreSQL URL")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    for backend in ("sqlite", "postgresql") if args.pg else ("sqlite",):
        with fresh(backend, args.pg) as db:
            bench(backend, db, args.n, args.pg)
    if not args.pg:
        print(
            "(no --pg URL and no FRONTLINES_TEST_PG: PostgreSQL not measured; scripts/pg_cluster.sh starts one)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
