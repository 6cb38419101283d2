"""Benchmark the control stage: build the index over synthetic territory events, then query control at dates.

    PYTHONPATH=src python scripts/bench_control.py                 # 1,000,000 events over 10,000 places
    PYTHONPATH=src python scripts/bench_control.py --events 100000 --places 2000
    PYTHONPATH=src python scripts/bench_control.py --db war.db    # also: load a real database's index

The events are generated (seeded): places at random points inside Syria's outline, dates over 2012-2024,
captures by six actors of four sides (45% "Government regains territory", 45% "Non-state actor overtakes
territory", 5% withdrawals, 5% armed clashes), each from one of 50 documents a place. Event rows are made one
at a time, as the store's cursor gives them, so generating them is timed on its own and subtracted.

Prints: the time to read the claims and build every place's history, the memory the index holds (RSS growth
and peak RSS), the time of `control --at` queries (a bisect per place; median and worst of 50 dates, with and
without an --admin1 filter), and the time to build the Voronoi tessellation and give every area its holder at a
date. No figure is asserted: the README records them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import resource
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from frontlines.control import build_index, load_index, side_lookup
from frontlines.control.areas import Tessellation, outline

ACTORS = [
    ("syria-military", "Military Forces of Syria", "government"),
    ("ndf", "National Defence Forces", "government"),
    ("islamic-state", "Islamic State", "jihadist"),
    ("hts", "Hayat Tahrir al-Sham", "jihadist"),
    ("sdf", "Syrian Democratic Forces", "kurdish"),
    ("fsa", "Free Syrian Army", "opposition"),
]
SIDES = {a: side for a, _, side in ACTORS}
GOVERNORATES = ["Aleppo", "Idlib", "Hama", "Homs", "Deir ez-Zor", "Raqqa", "Hasakah", "Damascus", "Daraa"]
FIRST = dt.date(2012, 1, 1).toordinal()
DAYS = dt.date(2024, 12, 31).toordinal() - FIRST


def rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def places_inside(n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` random (lon, lat) points inside Syria's outline."""
    country = outline()
    shapely.prepare(country)
    minx, miny, maxx, maxy = country.bounds
    found: list[np.ndarray] = []
    count = 0
    while count < n:
        xy = np.column_stack([rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)])
        keep = xy[shapely.contains_xy(country, xy[:, 0], xy[:, 1])]
        found.append(keep)
        count += len(keep)
    return np.concatenate(found)[:n]


def rows(n_events: int, points: np.ndarray, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    n_places = len(points)
    dates = [dt.date.fromordinal(FIRST + d).isoformat() for d in range(DAYS + 1)]
    for i in range(n_events):
        p = rng.randrange(n_places)
        roll = rng.random()
        a1, a2 = rng.sample(ACTORS, 2)
        if roll < 0.45:
            a1 = ACTORS[rng.randrange(2)]
            sub = "Government regains territory"
        elif roll < 0.90:
            a1 = ACTORS[2 + rng.randrange(4)]
            sub = "Non-state actor overtakes territory"
        elif roll < 0.95:
            sub = "Non-violent transfer of territory"
        else:
            sub = "Armed clash"
        yield {
            "event_id": f"{i:020x}",
            "doc_id": f"doc-{p}-{rng.randrange(50)}",
            "sub_event_type": sub,
            "event_date": dates[rng.randrange(DAYS + 1)],
            "actor1_id": a1[0],
            "actor1": a1[1],
            "actor2_id": a2[0],
            "actor2": a2[1],
            "place_id": f"place:{p}",
            "place_name": f"Place {p}",
            "admin1": GOVERNORATES[p % len(GOVERNORATES)],
            "latitude": float(points[p, 1]),
            "longitude": float(points[p, 0]),
            "geo_precision": 1,
            "source_chain": ["SANA", "Press TV"] if i % 3 else ["SOHR"],
            "confidence": 0.8,
            "trigger": "withdrew" if sub == "Non-violent transfer of territory" else None,
        }


def timed_queries(index: Any, dates: list[dt.date], admin1: list[str] | None = None) -> list[float]:
    out = []
    for on in dates:
        started = time.perf_counter()
        index.at(on, admin1)
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="also time load_index on this database")
    args = parser.parse_args()

    points = places_inside(args.places, np.random.default_rng(args.seed))
    started = time.perf_counter()
    for _ in rows(args.events, points, args.seed):
        pass
    generate = time.perf_counter() - started
    gc.collect()
    before = rss_mib()
    started = time.perf_counter()
    index = build_index(rows(args.events, points, args.seed), side_lookup(SIDES.get))
    build = time.perf_counter() - started - generate
    gc.collect()
    held = rss_mib() - before
    intervals = sum(len(h.intervals) for h in index.histories.values())
    print(f"events: {args.events:,} over {len(index):,} places -> {intervals:,} intervals")
    print(f"build: {build:.2f} s (claims + histories; generating the rows took {generate:.2f} s more)")
    print(f"memory: index holds {held:,.0f} MiB (RSS growth); peak RSS {peak_mib():,.0f} MiB")

    rng = random.Random(args.seed)
    dates = [dt.date.fromordinal(FIRST + rng.randrange(DAYS + 1)) for _ in range(50)]
    for label, admin1 in (("all places", None), ("--admin1 Aleppo", ["Aleppo"])):
        times = timed_queries(index, dates, admin1)
        print(
            f"query control --at ({label}): median {statistics.median(times):.1f} ms, "
            f"worst {max(times):.1f} ms over {len(times)} dates"
        )

    started = time.perf_counter()
    tessellation = Tessellation.build(h.place for h in index.histories.values())
    tessellate = time.perf_counter() - started
    started = time.perf_counter()
    tessellation.at(index, dates[0])
    areas = (time.perf_counter() - started) * 1000
    covered = sum(c.area_km2 for c in tessellation.cells)
    print(
        f"areas: tessellation of {len(tessellation.cells):,} cells in {tessellate:.2f} s "
        f"({covered:,.0f} of {tessellation.outline_km2:,.0f} km²); holders of every area at a date {areas:.1f} ms"
    )
    if args.db:
        from frontlines.cli.control import actor_side
        from frontlines.store import Store

        with Store.open(args.db, create=False) as store:
            started = time.perf_counter()
            real = load_index(store, side_lookup(actor_side))
            print(f"database {args.db}: load_index {time.perf_counter() - started:.2f} s, {len(real):,} places")


if __name__ == "__main__":
    main()
