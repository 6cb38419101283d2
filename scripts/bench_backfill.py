#!/usr/bin/env python3
"""Benchmark and check `frontlines backfill` on the demo corpus repeated.

The demo corpus (demo/corpus, written for this project) is ingested once; its documents are repeated (each copy
with its own record id) into JSONL shards of ``--shard-docs`` records. Then:

  throughput (default): backfill on a Dask local cluster of 1 worker, then of 2 workers (a fresh output folder
      each), and prints documents/s, the scaling efficiency (2-worker rate / twice the 1-worker rate), the
      per-core rate and what it projects for 10^8 articles on 64 cores;
  --check: the done-when check of issue 12: the local engine and a 2-worker Dask cluster give the same events;
      a Dask run killed midway (SIGKILL to its process group once about half the shards are done) and run
      again completes with the same events and no duplicates.

    .venv/bin/python scripts/bench_backfill.py -n 2000
    .venv/bin/python scripts/bench_backfill.py --check -n 10000

Rates include starting the cluster and loading the model in each worker (a few seconds); repeated texts make
caches warmer than a real corpus would. No figure here is asserted by a test.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from frontlines.backfill import backfill  # noqa: E402
from frontlines.backfill.output import DONE, read_events  # noqa: E402
from frontlines.config import PipelineConfig  # noqa: E402
from frontlines.ingest import ingest  # noqa: E402
from frontlines.records import Document  # noqa: E402

ARTICLES = 10**8
CORES = 64


def write_corpus(folder: Path, n: int, shard_docs: int) -> int:
    """The demo corpus's documents repeated to ``n`` records, in JSONL files of ``shard_docs`` records."""
    documents = [d for d in ingest([str(REPO / "demo" / "corpus")]) if isinstance(d, Document)]
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, n, shard_docs):
        lines = []
        for i in range(start, min(n, start + shard_docs)):
            d = documents[i % len(documents)]
            record = {"id": f"demo-{i}", "text": d.text, "title": d.title, "outlet": d.outlet, "url": d.url}
            record["published"] = d.published.isoformat() if d.published else None
            lines.append(json.dumps(record, ensure_ascii=False))
        (folder / f"part-{start // shard_docs:05d}.jsonl").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    return len(documents)


def rows(out: Path) -> list[str]:
    """Every event row of a backfill output, as sorted JSON text (comparable across runs)."""
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in read_events(out).to_pylist())


def run(corpus: Path, out: Path, engine: str, workers: int) -> dict[str, Any]:
    summary = backfill([str(corpus)], out, PipelineConfig(), engine=engine, workers=workers)
    if summary.failed:
        raise SystemExit(f"{engine}/{workers}: shards failed: {summary.failed[:3]}")
    return {"documents": summary.processed, "events": summary.events, "seconds": summary.seconds}


def throughput(corpus: Path, scratch: Path, n: int) -> None:
    results = {}
    for workers in (1, 2):
        result = run(corpus, scratch / f"dask-{workers}", "dask", workers)
        result["rate"] = result["documents"] / result["seconds"]
        results[workers] = result
        print(f"dask, {workers} worker(s): {result['documents']} documents, {result['events']} events, "
              f"{result['seconds']:.1f}s, {result['rate']:.2f} documents/s")  # fmt: skip
    one, two = results[1]["rate"], results[2]["rate"]
    efficiency = two / (2 * one)
    hours = ARTICLES / (CORES * one * min(1.0, efficiency)) / 3600
    print(f"scaling efficiency (2 workers / twice 1 worker): {efficiency:.2f}")
    print(
        f"per core: {one:.2f} documents/s -> 10^8 articles on {CORES} cores at this efficiency: {hours:,.0f} hours"
    )


def _kill_midway(corpus: Path, out: Path, shards: int) -> int:
    """Start a 2-worker Dask backfill as a command, SIGKILL its process group when half the shards are done."""
    command = [sys.executable, "-c", "from frontlines.cli import main; main()", "backfill", str(corpus),
               "--out", str(out), "--engine", "dask", "--workers", "2"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    child = subprocess.Popen(command, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    while child.poll() is None and len(list((out / DONE).glob("*.json"))) < shards // 2:
        time.sleep(0.2)
    os.killpg(child.pid, signal.SIGKILL)
    child.wait()
    return len(list((out / DONE).glob("*.json")))


def check(corpus: Path, scratch: Path, shards: int) -> int:
    local = run(corpus, scratch / "local", "local", 1)
    print(f"local engine: {local['documents']} documents, {local['events']} events, {local['seconds']:.1f}s")
    dask = run(corpus, scratch / "dask", "dask", 2)
    print(f"dask, 2 workers: {dask['documents']} documents, {dask['events']} events, {dask['seconds']:.1f}s")
    reference = rows(scratch / "local")
    same = rows(scratch / "dask") == reference
    print(f"same events on both engines: {same} ({len(reference)} events)")
    done = _kill_midway(corpus, scratch / "killed", shards)
    print(f"killed a dask run with {done} of {shards} shards done")
    again = backfill([str(corpus)], scratch / "killed", PipelineConfig(), engine="dask", workers=2)
    resumed = rows(scratch / "killed")
    keys = Counter((row["doc"], row["event_id"]) for row in map(json.loads, resumed))
    duplicates = sum(c - 1 for c in keys.values() if c > 1)
    print(f"run again: {again.done} shards done, {again.skipped} skipped, {len(again.failed)} failed; "
          f"{len(resumed)} events, {duplicates} duplicates, same as the local run: {resumed == reference}")  # fmt: skip
    return 0 if same and resumed == reference and duplicates == 0 and not again.failed else 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--documents", type=int, default=2000, help="documents (default 2000)")
    parser.add_argument("--shard-docs", type=int, default=100, help="documents per JSONL shard (default 100)")
    parser.add_argument(
        "--check", action="store_true", help="the local/Dask/kill check instead of throughput"
    )
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = args.keep or Path(tmp)
        corpus = scratch / "corpus"
        distinct = write_corpus(corpus, args.documents, args.shard_docs)
        shards = -(-args.documents // args.shard_docs)
        print(f"demo corpus: {distinct} documents repeated to {args.documents}, {shards} JSONL shards; "
              f"{os.cpu_count()} cores")  # fmt: skip
        if args.check:
            return check(corpus, scratch, shards)
        throughput(corpus, scratch, args.documents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
