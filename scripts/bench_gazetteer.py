"""Measure gazetteer load time and look-up speed: python scripts/bench_gazetteer.py [N]

Prints the package load time (CSV), the index build time (first look-up), the geocoding time of a one-line
report, and uncached look-ups per second over varied spellings."""

from __future__ import annotations

import random
import sys
import time

t0 = time.perf_counter()
from frontlines.resolve.gazetteer import Gazetteer  # noqa: E402
from frontlines.resolve.geocode import geocode, mentions_of  # noqa: E402

t1 = time.perf_counter()
gaz = Gazetteer.default()
t2 = time.perf_counter()
gaz.candidates("Khanasir")
t3 = time.perf_counter()
print(f"import {t1 - t0:.3f} s, load {t2 - t1:.3f} s ({len(gaz)} places), index build {t3 - t2:.3f} s")

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rng = random.Random(1)
places = list(gaz)
mutations = [lambda s: s, lambda s: "al-" + s, lambda s: s + "eh", lambda s: s.replace("u", "ou"), str.lower]
names = [rng.choice(mutations)(rng.choice(places).name) + ("" if i < n // 2 else f" {i}") for i in range(n)]
fresh = Gazetteer(places)
fresh.candidates("x")  # build the index outside the timing
start = time.perf_counter()
for name in names:
    fresh.candidates(name)
elapsed = time.perf_counter() - start
print(f"lookup: {n} names in {elapsed:.3f} s = {n / elapsed:,.0f} names/s (uncached)")
start = time.perf_counter()
for name in names:
    fresh.is_place_name(name)
elapsed = time.perf_counter() - start
print(f"is_place_name, cached: {n / elapsed:,.0f} names/s")

text = (
    "In southern Aleppo the army took Numaniyeh, Boweizeh Saqireh and Hardana north of the town of Khanasir."
)
mentions = mentions_of(text, ["Numaniyeh", "Boweizeh Saqireh", "Hardana", "Khanasir"])
start = time.perf_counter()
for _ in range(200):
    geocode(text, mentions, gaz)
print(f"geocode: {(time.perf_counter() - start) / 200 * 1000:.2f} ms per 4-mention report")
