"""Time ingest's text normalisation on adversarial lines (issue 8: quadratic regular expressions).

    PYTHONPATH=src python scripts/bench_normalise.py [--sizes 80000 1000000] [--limit 60]

For every case and size, prints the seconds `clean_text` (Document.text) and `normalise_text` (the id) take
on one line of that many characters built to make a backtracking pattern work hard: unclosed Markdown
emphasis and links, unclosed HTML comments and tags, a long run of spaces inside a line. A plain report of
the same size is the baseline. Each case runs in a child process stopped after --limit seconds, so a
quadratic pattern shows as "> limit" instead of hanging the benchmark.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from collections.abc import Callable

REPORT = (
    "Government troops captured the hill of Tal Sheikh near the village of Kafr Halab on Sunday after "
    "heavy clashes with militants, a field commander said. "
)

# name -> a function of the size giving one line of about that many characters
CASES: dict[str, Callable[[int], str]] = {
    "plain report": lambda n: (REPORT * (n // len(REPORT) + 1))[:n],
    "unclosed *emphasis": lambda n: "*a " * (n // 3),
    "unclosed __emphasis": lambda n: "__a " * (n // 4),
    "unclosed ~~strike": lambda n: "~~a " * (n // 4),
    "unclosed [link": lambda n: "[a " * (n // 3),
    "unclosed <!-- comment": lambda n: "<!--a " * (n // 6),
    "unclosed <tag": lambda n: "<a " * (n // 3),
    "spaces inside a line": lambda n: "a" + " " * (n - 2) + "b",
}


def _time_one(name: str, size: int, which: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from frontlines.ingest.normalise import clean_text, normalise_text

    function = clean_text if which == "clean_text" else normalise_text
    text = CASES[name](size)
    started = time.perf_counter()
    function(text)
    queue.put(time.perf_counter() - started)


def measure(name: str, size: int, which: str, limit: float) -> str:
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=_time_one, args=(name, size, which, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.terminate()
        child.join()
        return f"> {limit:g}"
    return f"{queue.get():.3f}" if not queue.empty() else "failed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[80_000, 1_000_000])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds before a case is stopped")
    args = parser.parse_args()
    print(f"{'case':<24} {'characters':>10} {'clean_text s':>13} {'normalise_text s':>17}")
    for name in CASES:
        for size in args.sizes:
            clean = measure(name, size, "clean_text", args.limit)
            normalised = measure(name, size, "normalise_text", args.limit)
            print(f"{name:<24} {size:>10,} {clean:>13} {normalised:>17}", flush=True)


if __name__ == "__main__":
    main()
