"""Measure gazetteer load time and look-up speed: python scripts/bench_gazetteer.py [N]

Prints the package load time (CSV), the index build time (first look-up), the geocoding time of a one-line
report, and look-ups per second over distinct names (each looked up once): spelling variants of real places,
and unknown names (the slowest path); from cold caches, and with the gazetteer's words memoised as after the
index build."""

from __future__ import annotations

import random
import re
import sys
import time
from collections.abc import Callable

t0 = time.perf_counter()
from frontlines.resolve.gazetteer import Gazetteer  # noqa: E402
from frontlines.resolve.geocode import geocode, mentions_of  # noqa: E402
from frontlines.resolve.placenames import clear_name_caches  # noqa: E402

t1 = time.perf_counter()
gaz = Gazetteer.default()
t2 = time.perf_counter()
gaz.candidates("Khanasir")
t3 = time.perf_counter()
print(f"import {t1 - t0:.3f} s, load {t2 - t1:.3f} s ({len(gaz)} places), index build {t3 - t2:.3f} s")

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
REPEATS = 3  # report the best run, as timeit does: a shared machine only ever slows a run down
rng = random.Random(1)
places = list(gaz)
MUTATIONS = (  # the spelling differences reports show (see placenames' specification table)
    lambda s: "al-" + s,
    lambda s: s.replace("al-", "el-").replace("Al-", "El-"),
    lambda s: s.replace("u", "ou"),
    lambda s: s.replace("i", "ee", 1),
    lambda s: s[:-1] + "eh" if s.endswith("a") else s + "h",
    lambda s: s.replace("q", "k").replace("Q", "K"),
    lambda s: s.replace("Tell ", "Tal ").replace("Tal ", "Tall "),
    lambda s: re.sub(r"([bdfklmnrst])", r"\1\1", s, count=1),
    lambda s: "the village of " + s,
    str.lower,
)
SYLLABLES = (
    "ka",
    "ra",
    "bu",
    "ti",
    "mo",
    "sha",
    "dir",
    "zan",
    "qul",
    "fe",
    "wah",
    "lim",
    "nas",
    "jib",
    "ghu",
)


def variant_name() -> str:
    """A spelling of a real place the gazetteer does not hold verbatim (1-3 transliteration changes)."""
    name = rng.choice(places).name
    for mutate in rng.sample(MUTATIONS, rng.randint(1, 3)):
        name = mutate(name)
    return name


def unknown_name() -> str:
    """A plausible name of no gazetteer place: the path that tries the most keys."""
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return rng.choice(("", "Tal ", "Kafr ", "al-", "Khirbet ")) + word.capitalize()


def distinct(make: Callable[[], str], count: int, seen: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < count:
        name = make()
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


seen = {p.name for p in places}
variants = distinct(variant_name, n * 3 // 4, seen)
unknown = distinct(unknown_name, n - len(variants), seen)
names = variants + unknown
rng.shuffle(names)
fresh = Gazetteer(places)
fresh.candidates("x")  # build the index outside the timing


def time_lookups(batch: list[str], word_table: bool) -> float:
    """Seconds to look up each name once, no name seen before. Cold: the per-word memo is empty too, so every
    look-up pays in full. Word table: the memo holds the gazetteer's words, as after the index build (a
    report's words that are not gazetteer words still pay)."""
    fresh._cache.clear()
    clear_name_caches()
    if word_table:
        Gazetteer(places).candidates("x")  # building an index memoises the gazetteer's words
        clear_name_caches(words=False)
    start = time.perf_counter()
    for name in batch:
        fresh.candidates(name)
    return time.perf_counter() - start


for word_table in (False, True):
    print("lookup with the gazetteer's word table:" if word_table else "lookup from cold caches:")
    for label, batch in (("variant spellings", variants), ("unknown names", unknown), ("all", names)):
        times = sorted(time_lookups(batch, word_table) for _ in range(REPEATS))
        rates = ", ".join(f"{len(batch) / t:,.0f}" for t in times)
        print(
            f"  {label}: {len(batch)} distinct names, best of {REPEATS}: {len(batch) / times[0]:,.0f} names/s"
            f" (all runs: {rates})"
        )
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
