"""Measure the fuse stage on synthetic events: python scripts/bench_fuse.py [N] [--brute SAMPLE]

Generates N (default 100,000) events of invented incidents across Syria's bounding box over eight years, each
incident told by one to five reports that disagree the way reports do (a neighbouring point, a coarser place
piled on a governorate's centre, the day before, a week, a month, another sub-event type of the family, an
actor left unnamed), some reports telling several incidents of one day; places are drawn with a heavy tail, so
that some villages see hundreds of events (the dense blocks). Prints the time of each step (blocking and
links, grouping, assembling the clusters with their sources and conflicts), the counts, and peak memory.

With --brute SAMPLE, also checks on a random SAMPLE of the events that the blocking found every compatible
pair an all-pairs comparison finds (the tests check this on many small random sets).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import resource
import time

from frontlines.fuse.blocking import candidate_pairs
from frontlines.fuse.clustering import group, links
from frontlines.fuse.incidents import assemble, machine_partition
from frontlines.fuse.records import Sighting
from frontlines.fuse.rules import Rules

LAT, LON = (32.3, 37.3), (35.7, 42.3)
START = dt.date(2012, 1, 1)
DAYS = 8 * 365
GOVERNORATES = [
    (36.2, 37.2),
    (35.9, 36.6),
    (35.1, 36.7),
    (34.7, 36.7),
    (33.5, 36.3),
    (32.6, 36.1),
    (35.3, 40.1),
]
FAMILIES = [
    ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
    ["Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"],
    ["Attack", "Abduction/forced disappearance"],
    ["Peaceful protest", "Protest with intervention"],
    ["Arrests"],
]
ACTORS = ["syria-military", "hts", "jaish-al-fatah", "sdf", "islamic-state", "russia-military", "sna", "ndf"]
ROOTS = ["SANA", "SOHR", "White Helmets", "Military source", "local sources", "rebel commander", None]
OUTLETS = [f"Outlet {i}" for i in range(60)]


def _sighting(rng: random.Random, n: int, doc: str, incident: dict, published: dt.date) -> Sighting:
    geo = rng.choices((1, 2, 3), weights=(70, 20, 10))[0]
    lat, lon = incident["point"]
    if geo == 2:
        lat, lon = lat + rng.uniform(-0.04, 0.04), lon + rng.uniform(-0.04, 0.04)
    elif geo == 3:
        lat, lon = incident["governorate"]
    precision = rng.choices((1, 2, 3), weights=(90, 7, 3))[0]
    day = incident["day"] + (rng.choice((0, 0, 0, 1, -1)) if precision == 1 else rng.randint(-3, 3))
    subs = incident["family"]
    sub = incident["sub"] if rng.random() < 0.85 else rng.choice(subs)
    a1, a2 = incident["actors"]
    if rng.random() < 0.2:
        a2 = None
    if rng.random() < 0.1:
        a1 = "unidentified-armed-group"
    root = rng.choice(ROOTS)
    outlet = doc.split("|")[0]
    return Sighting(
        event_id=f"{n:020x}",
        doc_id=doc,
        doc=doc,
        outlet=outlet,
        published=published,
        event_type="",
        sub_event_type=sub,
        event_date=START + dt.timedelta(days=day),
        date_precision=precision,
        date_inferred=precision == 1 and rng.random() < 0.3,
        actor1_id=a1,
        actor1=a1,
        actor2_id=a2,
        actor2=a2,
        location=incident["name"],
        place_id=incident["name"] if geo == 1 else None,
        place_name=incident["name"],
        admin1=None,
        latitude=lat,
        longitude=lon,
        geo_precision=geo,
        fatalities=rng.choice((None, None, 1, 2, 3, 5, 8)),
        source_chain=tuple(x for x in (root, outlet) if x),
        sentence="They repelled the attack." if rng.random() < 0.05 else "",
    )


def synthetic(n: int, seed: int = 7) -> list[Sighting]:
    """``n`` sightings of invented incidents (see the module's docstring)."""
    rng = random.Random(seed)
    villages = [(rng.uniform(*LAT), rng.uniform(*LON)) for _ in range(8000)]
    weights = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(villages))))
    out: list[Sighting] = []
    docs = 0
    while len(out) < n:
        day = rng.randrange(DAYS)
        place = rng.choices(range(len(villages)), cum_weights=weights)[0]
        family = rng.choice(FAMILIES)
        incidents = []
        for k in range(rng.choice((1, 1, 1, 2, 3))):  # some reports tell several incidents of one day
            v = villages[(place + k) % len(villages)]
            incidents.append(
                {
                    "point": v,
                    "governorate": min(GOVERNORATES, key=lambda g: (g[0] - v[0]) ** 2 + (g[1] - v[1]) ** 2),
                    "day": day,
                    "family": family,
                    "sub": rng.choice(family),
                    "actors": tuple(rng.sample(ACTORS, 2)),
                    "name": f"village {(place + k) % len(villages)}",
                }
            )
        for _ in range(rng.choices((1, 2, 3, 4, 5), weights=(40, 30, 15, 10, 5))[0]):
            docs += 1
            doc = f"{rng.choice(OUTLETS)}|{docs}"
            published = START + dt.timedelta(days=day + rng.choice((0, 0, 1, 2)))
            for incident in incidents:
                out.append(_sighting(rng, len(out), doc, incident, published))
    return out[:n]


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def brute_check(sightings: list[Sighting], rules: Rules, sample: int) -> None:
    rng = random.Random(3)
    some = rng.sample(sightings, min(sample, len(sightings)))
    found = {(i, j) for i, j in candidate_pairs(some, rules) if rules.why_not(some[i], some[j]) is None}
    every = {
        (i, j)
        for i in range(len(some))
        for j in range(i + 1, len(some))
        if rules.why_not(some[i], some[j]) is None
    }
    print(
        f"brute force on {len(some):,} events: {len(every):,} compatible pairs, blocking missed {len(every - found)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100_000)
    parser.add_argument("--brute", type=int, default=0, help="check the blocking on a sample this large")
    args = parser.parse_args()
    rules = Rules.default()
    before = rss_mib()
    t0 = time.perf_counter()
    sightings = synthetic(args.n)
    t1 = time.perf_counter()
    print(f"generated {len(sightings):,} events in {t1 - t0:.1f} s (peak RSS {rss_mib():.0f} MiB)")
    candidates = list(candidate_pairs(sightings, rules))
    t2 = time.perf_counter()
    ranked = links(sightings, rules, candidates)
    t3 = time.perf_counter()
    groups = group(sightings, ranked)
    partition = machine_partition(sightings, groups)
    t4 = time.perf_counter()
    clusters = assemble(sightings, partition, rules=rules)
    t5 = time.perf_counter()
    multi = sum(1 for c in clusters if len(c.claims) > 1)
    conflicted = sum(1 for c in clusters if c.conflicts)
    print(f"blocking: {len(candidates):,} candidate pairs in {t2 - t1:.2f} s")
    print(f"links: {len(ranked):,} compatible pairs checked and ranked in {t3 - t2:.2f} s")
    print(f"grouping: {len(groups):,} incidents ({multi:,} told by several reports) in {t4 - t3:.2f} s")
    print(f"assembling clusters (sources, conflicts: {conflicted:,} with conflicts) in {t5 - t4:.2f} s")
    print(
        f"fusion of {len(sightings):,} events: {t4 - t1:.2f} s; with the clusters assembled: {t5 - t1:.2f} s"
    )
    print(f"peak RSS {rss_mib():.0f} MiB (before generating: {before:.0f} MiB)")
    if args.brute:
        brute_check(sightings, rules, args.brute)


if __name__ == "__main__":
    main()
