"""Load run of the REST API on loopback: p50/p99 latency and requests per second of `GET /api/events` with
filters, at N concurrent clients, over a store of synthetic events.

    PYTHONPATH=src .venv/bin/python scripts/bench_api.py                   # 100,000 events, 50 clients, 30 s
    PYTHONPATH=src .venv/bin/python scripts/bench_api.py --events 20000 --clients 10 --seconds 10

The store is built once (reused when the file has the asked number of events) through the store's own insert
path (`Store.replace_events`, 10 events a report), with dates over 2012-2019, places over Syria's bounding box,
every governorate and the sub-event types of the taxonomy. The server is `frontlines serve` in a subprocess
(uvicorn, one process); the clients are httpx async clients, each sending its next request when the last one
is answered, cycling through a fixed list of filtered queries (date ranges, bbox, governorate, sub-event type,
actor, source, later pages by cursor). Client and server share the machine: the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

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

GOVERNORATES = (
    "Aleppo", "Idleb", "Hama", "Homs", "Damascus", "Rural Damascus", "Dar'a", "As-Sweida", "Quneitra",
    "Lattakia", "Tartous", "Ar-Raqqa", "Deir-ez-Zor", "Al-Hasakeh",
)  # fmt: skip
TYPES = (
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
)
ACTORS = (
    ("syria-military", "Military Forces of Syria", "government"),
    ("isis", "Islamic State (Iraq and Syria)", "isis"),
    ("sdf", "SDF: Syrian Democratic Forces", "sdf"),
    ("hts", "Hayat Tahrir al-Sham", "opposition"),
    ("fsa", "Free Syrian Army", "opposition"),
)
SOURCES = ("SANA", "SOHR", "Reuters", "AFP", "Anadolu", "Enab Baladi", "Al-Masdar", "Press TV")
PER_DOCUMENT = 10


def build_store(path: Path, n_events: int, seed: int = 11) -> None:
    """Write ``n_events`` synthetic events (``PER_DOCUMENT`` a report) through `Store.replace_events`."""
    rng = random.Random(seed)
    places = [
        (
            f"bench:{i}",
            f"Place {i}",
            rng.choice(GOVERNORATES),
            rng.uniform(32.5, 37.2),
            rng.uniform(35.8, 42.0),
        )
        for i in range(2000)
    ]
    start = dt.date(2012, 1, 1).toordinal()
    started = time.perf_counter()
    with Store.open(path) as store:
        for d in range(n_events // PER_DOCUMENT):
            outlet = rng.choice(SOURCES)
            text = f"Synthetic report {d} of the API benchmark, published by {outlet}. " * 4
            doc = Document(
                id=hashlib.sha256(text.encode()).hexdigest(),
                text=text,
                source_uri=f"bench/{d}.txt",
                outlet=outlet,
            )
            store.add_document(doc)
            events = [
                _event(rng, doc, d * PER_DOCUMENT + i, places, start, outlet) for i in range(PER_DOCUMENT)
            ]
            store.replace_events(doc, events, "bench")
    print(f"built {n_events:,} events in {time.perf_counter() - started:.0f} s: {path}", file=sys.stderr)


def _event(rng: random.Random, doc: Document, n: int, places: list, start: int, outlet: str) -> Event:
    place_id, name, admin1, lat, lon = rng.choice(places)
    event_type, sub = rng.choice(TYPES)
    a1, a2 = rng.sample(ACTORS, 2)
    chain = (rng.choice(SOURCES), outlet) if rng.random() < 0.3 else (outlet,)
    day = dt.date.fromordinal(start + rng.randrange(8 * 365))
    sentence = Span(0, 60, doc.text[:60])
    return Event(
        event_id=hashlib.sha1(f"bench-{n}".encode()).hexdigest()[:20],
        event_type=event_type,
        sub_event_type=sub,
        date=DateRef(day, DatePrecision.DAY, 0, "bench"),
        actor1=ActorRef(a1[0], a1[1], a1[2], "bench", a1[1]),
        actor2=ActorRef(a2[0], a2[1], a2[2], "bench", a2[1]),
        place=PlaceRef(name, place_id, name, admin1, round(lat, 5), round(lon, 5), 1, "exact"),
        fatalities=Fatalities(rng.randrange(30), "exact") if rng.random() < 0.5 else None,
        claim=Claim(doc_id=doc.id, source_chain=chain, evidence=(Evidence("sentence", 0, 60, doc.text[:60]),),
                    confidence=0.8),
        sentence=sentence,
    )  # fmt: skip


def stored_events(path: Path) -> int:
    if not path.is_file():
        return 0
    with Store.open(path, create=False) as store:
        return int(store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0])


def random_query(rng: random.Random) -> str:
    """A filtered `/api/events` request, drawn so that few repeat (no cache of the server answers them all):
    a date window of 1 to 12 months, a bounding box around a point, a governorate, a sub-event type, an actor,
    a source, alone or combined; one in ten asks for GeoJSON, one in ten for 500 events."""
    parts: list[str] = []
    kinds = rng.sample(("dates", "bbox", "admin1", "type", "actor", "source"), rng.choice((1, 1, 2, 2, 3)))
    if "dates" in kinds:
        first = dt.date(2012, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
        last = first + dt.timedelta(days=rng.randrange(30, 366))
        parts += [f"since={first}", f"until={last}"]
    if "bbox" in kinds:
        lon, lat, size = rng.uniform(35.8, 42.0), rng.uniform(32.5, 37.2), rng.uniform(0.2, 2.0)
        parts.append(f"bbox={lon - size:.3f},{lat - size:.3f},{lon + size:.3f},{lat + size:.3f}")
    if "admin1" in kinds:
        parts.append(f"admin1={rng.choice(GOVERNORATES)}")
    if "type" in kinds:
        parts.append(f"sub_event_type={rng.choice(TYPES)[1]}")
    if "actor" in kinds:
        parts.append(f"actor={rng.choice(ACTORS)[rng.choice((0, 1))]}")
    if "source" in kinds:
        parts.append(f"source={rng.choice(SOURCES)}")
    roll = rng.random()
    if roll < 0.1:
        parts.append("format=geojson")
    elif roll < 0.2:
        parts.append("limit=500")
    return "/api/events?" + "&".join(parts)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def run_clients(base: str, clients: int, seconds: float, max_requests: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    sent = 0

    async def client(number: int) -> None:
        nonlocal errors, sent
        rng = random.Random(number)
        async with httpx.AsyncClient(base_url=base, timeout=120.0) as http:
            last, cursor = "", None
            while time.perf_counter() < deadline and sent < max_requests:
                sent += 1
                url = random_query(rng)
                if cursor and rng.random() < 0.3:
                    url = f"{last}&cursor={cursor}"  # the next page of the last query
                began = time.perf_counter()
                try:
                    answer = await http.get(url)
                except httpx.HTTPError as exc:  # counted, and the run goes on
                    latencies.append(time.perf_counter() - began)
                    errors += 1
                    print(f"error: {type(exc).__name__}: {exc} ({url})", file=sys.stderr)
                    continue
                latencies.append(time.perf_counter() - began)
                if answer.status_code != 200:
                    errors += 1
                    cursor = None
                else:
                    last, cursor = url.split("&cursor=")[0], answer.json()["next_cursor"]

    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="out/bench-api.db", help="the store (built when it lacks the events)")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the load runs")
    parser.add_argument("--requests", type=int, default=1_000_000, help="stop after this many requests")
    args = parser.parse_args()
    path = Path(args.db)
    if stored_events(path) != args.events:
        if path.exists():
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        build_store(path, args.events)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    env.pop("FRONTLINES_API_TOKEN", None)
    server = subprocess.Popen(
        [sys.executable, "-c", "from frontlines.cli import main; main()", "--db", str(path), "serve",
         "--port", str(port)],
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/meta", timeout=1.0).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        httpx.get(base + "/api/events?admin1=Aleppo", timeout=120.0)  # names and corrected events: cached
        server_cpu, client_cpu = cpu_seconds(server.pid), time.process_time()
        began = time.perf_counter()
        latencies, errors = asyncio.run(run_clients(base, args.clients, args.seconds, args.requests))
        elapsed = time.perf_counter() - began
        server_cpu, client_cpu = cpu_seconds(server.pid) - server_cpu, time.process_time() - client_cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(
        f"GET /api/events with filters, {args.clients} clients, {args.events:,} events, {elapsed:.0f} s: "
        f"{len(latencies):,} requests, {len(latencies) / elapsed:.1f} requests/s, "
        f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {errors}"
    )
    load = os.getloadavg()[0]
    print(
        f"server CPU {server_cpu:.1f} s ({server_cpu / max(len(latencies), 1) * 1000:.1f} ms a request), "
        f"clients' CPU {client_cpu:.1f} s; load average {load:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
