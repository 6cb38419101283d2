#!/usr/bin/env python3
"""Benchmark extraction of single long documents: time, time per character and peak memory by size.

Generates one battlefield report per size (default 10,000, 100,000 and 1,000,000 characters): paragraphs of
battle sentences written for this script, naming places drawn at random from the packaged gazetteer (towns,
cities and communities, thousands of distinct names) and actors, sources and weekdays. Each size runs in a fresh
subprocess, so that its peak resident memory (ru_maxrss) is its own; a size that does not finish within the
timeout is reported as '>TIMEOUT s'. The pipeline is loaded and warmed up on a short report before the clock
starts, so the figures are extraction alone.

    PYTHONPATH=src .venv/bin/python scripts/bench_long.py
    PYTHONPATH=src .venv/bin/python scripts/bench_long.py --sizes 10000 50000 --timeout 120 --seed 3

Targets (issue 8): time per character within 2x across sizes; the 1,000,000-character document in under 1 GB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
import unicodedata

ACTORS = (
    "the Syrian Arab Army", "government forces", "the Tiger Forces", "the National Defence Forces",
    "Hayat Tahrir al-Sham", "Ahrar al-Sham", "the Free Syrian Army", "ISIS militants", "the SDF",
    "Jaish al-Izza", "Turkish-backed rebels", "the YPG",
)  # fmt: skip
SOURCES = ("SANA", "Press TV", "the Syrian Observatory for Human Rights", "a military source",
           "local activists", "Al-Masdar News")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBERS = ("two", "three", "five", "seven", "a dozen", "at least 12", "more than 20", "14")
SENTENCES = (
    "{A} recaptured the villages of {p}, {q} and {r} after heavy clashes with {b}.",
    "{S} reported that {a} had regained full control of {p} on {d}.",
    "According to {s}, {b} shelled residential areas of {p}, killing {n} civilians.",
    "Warplanes struck positions held by {b} in {p} and {q}, {s} said.",
    "{N} fighters were killed when {a} stormed the outskirts of {p}.",
    "In {p}, {b} fired rockets at a market, wounding {n} people, {s} reported.",
    "A car bomb exploded near a checkpoint at the entrance of {p} on {d}, {s} said.",
    "Fighting continued on {d} on the road between {p} and {q}.",
    "Residents of {p} fled towards {q} as the clashes intensified.",
    "On {d}, {b} attacked an army post near {p}, sparking clashes that lasted for hours.",
    "{A} advanced north of the town of {p} and seized the hills around {q}.",
    "An artillery barrage targeted {b} gatherings in {p} a day earlier, {s} said.",
)


def place_names() -> list[str]:
    """Latin names of the packaged gazetteer's towns, cities and communities, half of them without
    diacritics (as reports mostly write them)."""
    from frontlines.resolve.gazetteer import Gazetteer

    names = sorted({p.name for p in Gazetteer.default() if p.kind in ("town", "city", "community")})
    plain = [
        "".join(c for c in unicodedata.normalize("NFKD", n) if not unicodedata.combining(c)) for n in names
    ]
    return [p if i % 2 else n for i, (n, p) in enumerate(zip(names, plain, strict=True))]


def sentence(rng: random.Random, places: list[str]) -> str:
    p, q, r = rng.sample(places, 3)
    a, b = rng.sample(ACTORS, 2)
    values = {"p": p, "q": q, "r": r, "a": a, "b": b, "s": rng.choice(SOURCES), "d": rng.choice(WEEKDAYS),
              "n": rng.choice(NUMBERS)}  # fmt: skip
    values.update({k.upper(): v[:1].upper() + v[1:] for k, v in list(values.items())})
    return rng.choice(SENTENCES).format(**values)


def long_report(chars: int, seed: int) -> str:
    """A headline and paragraphs of 1-4 sentences, cut at the last whole sentence within ``chars``."""
    rng = random.Random(seed)
    places = place_names()
    parts = [f"Fierce fighting reported around {rng.choice(places)}"]
    length = len(parts[0])
    while length < chars:
        paragraph = " ".join(sentence(rng, places) for _ in range(rng.randint(1, 4)))
        parts.append(paragraph)
        length += len(paragraph) + 2
    text = "\n\n".join(parts)[:chars]
    return text[: text.rfind(".") + 1]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(chars: int, seed: int) -> dict[str, float | int]:
    """In the child: load and warm up the pipeline, then time the extraction of one long report."""
    import datetime as dt

    from frontlines.pipeline import Pipeline
    from frontlines.records import Document

    text = long_report(chars, seed)
    pipeline = Pipeline()
    warm = long_report(2_000, seed + 1)
    pipeline.extract_document(Document(id="warm", text=warm, source_uri="bench:warm"))
    document = Document(id="long", text=text, source_uri="bench:long", published=dt.date(2016, 5, 1))
    started = time.perf_counter()
    events = pipeline.extract_document(document)
    seconds = time.perf_counter() - started
    return {
        "chars": len(text),
        "events": len(events),
        "seconds": round(seconds, 2),
        "us_per_char": round(seconds / len(text) * 1e6, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def run_child(chars: int, seed: int, timeout: float) -> dict[str, float | int | str]:
    command = [sys.executable, __file__, "--child", str(chars), "--seed", str(seed)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"chars": chars, "events": "-", "seconds": f">{timeout:.0f}", "us_per_char": "-",
                "peak_rss_mb": "-"}  # fmt: skip
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"chars": chars, "events": "-", "seconds": f"failed: {message[:60]}", "us_per_char": "-",
                "peak_rss_mb": "-"}  # fmt: skip
    result: dict[str, float | int | str] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                        help="document sizes in characters (default 10000 100000 1000000)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generator (default 1)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per size (default 600)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.seed)))
        return 0
    columns = ("chars", "events", "seconds", "us_per_char", "peak_rss_mb")
    print("".join(f"{name:>14}" for name in columns), flush=True)
    results = []
    for size in args.sizes:
        result = run_child(size, args.seed, args.timeout)
        results.append(result)
        print("".join(f"{result[name]!s:>14}" for name in columns), flush=True)
    per_char = [float(r["us_per_char"]) for r in results if isinstance(r["us_per_char"], float | int)]
    if len(per_char) == len(results) and per_char:
        print(f"time per character, largest/smallest: x{max(per_char) / min(per_char):.2f} (target <= 2)")
    return 0 if len(per_char) == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
