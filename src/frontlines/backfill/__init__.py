"""Backfill: the pipeline over a large sharded corpus, on one machine or a cluster, events to Parquet.

    frontlines backfill corpus/ --out events-out --engine dask --workers 8

The driver (:func:`backfill`) finds the shards of the inputs (:mod:`.shards`), skips those the manifest of the
output folder lists as done, and runs the rest on an engine (:mod:`.engines`): every shard is read, extracted
and written by :func:`.worker.process_shard` with a pipeline built from one serialised configuration
(:mod:`frontlines.config`), so every engine gives the same events. As each shard finishes the driver lists it in
the manifest's done/ folder (:mod:`.output`): a killed run, run again, does only the shards not listed, and no
event is written twice. One driver at a time writes to an output folder (a lock file says so).
"""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.backfill.engines import ENGINES, EngineError, run_shards
from frontlines.backfill.output import (
    done_shards,
    mark_done,
    read_manifest,
    remove_temporaries,
    write_manifest,
    write_problems,
)
from frontlines.backfill.shards import Shard, find_shards, fingerprint
from frontlines.backfill.worker import ShardResult
from frontlines.config import PipelineConfig

__all__ = ["ENGINES", "BackfillError", "BackfillSummary", "EngineError", "backfill"]

LOCK = ".lock"
INPUT_PROBLEMS = "_inputs"  # the problems file of inputs that gave no shard (missing files, bad Parquet)


class BackfillError(RuntimeError):
    """The run cannot start as asked: the output folder belongs to another run (other inputs or pipeline
    version), or another backfill is writing to it."""


@dataclass(slots=True)
class BackfillSummary:
    shards: int = 0
    skipped: int = 0  # done by an earlier run
    done: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (shard id, why)
    documents: int = 0
    processed: int = 0  # documents read by this run (the others by the runs before)
    events: int = 0
    problems: int = 0
    seconds: float = 0.0
    version: str = ""


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise BackfillError(f"another backfill is writing to {out}") from exc
        yield


def _start_manifest(out: Path, config: dict[str, Any], shards: Sequence[Shard]) -> dict[str, Any]:
    """The manifest to go on with: a new one, or the existing one when it is this run's (same pipeline version
    and inputs); BackfillError otherwise."""
    inputs = fingerprint(shards)
    manifest = read_manifest(out)
    if manifest is None:
        manifest = {"version": config["version"], "config": config, "inputs": inputs}
        write_manifest(out, manifest)
        return manifest
    if manifest.get("version") != config["version"]:
        raise BackfillError(
            f"{out} holds the output of pipeline version {manifest.get('version')}, not {config['version']}: "
            "give another --out (or remove the folder) to start again"
        )
    if manifest.get("inputs") != inputs:
        raise BackfillError(
            f"{out} holds the output of other inputs (or inputs changed since): give another --out"
        )
    return manifest


def backfill(
    inputs: Sequence[str],
    out: str | Path,
    config: PipelineConfig,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    max_bytes: int = 20_000_000,
    progress: Callable[[str], None] | None = None,
) -> BackfillSummary:
    """Extract every shard of ``inputs`` not yet done into ``out`` (see the module doc)."""
    started = time.perf_counter()
    folder = Path(out).resolve()
    shards, input_problems = find_shards(inputs)
    data = config.to_dict()
    summary = BackfillSummary(shards=len(shards), version=str(data["version"]))
    with _locked(folder):
        remove_temporaries(folder)
        write_problems(folder, INPUT_PROBLEMS, [_input_problem(p) for p in input_problems])
        _start_manifest(folder, data, shards)
        done = done_shards(folder)
        pending = [s for s in shards if s.id not in done]
        summary.skipped = len(shards) - len(pending)
        for shard, outcome in run_shards(engine, data, pending, str(folder), max_bytes, workers, scheduler):
            if isinstance(outcome, ShardResult):
                done[shard.id] = _entry(shard, outcome)
                mark_done(folder, shard.id, done[shard.id])
                summary.done += 1
                summary.processed += outcome.documents
            else:
                summary.failed.append((shard.id, f"{type(outcome).__name__}: {outcome}"))
            if progress:
                progress(shard.id)
        for entry in (done[s.id] for s in shards if s.id in done):
            summary.documents += entry["documents"]
            summary.events += entry["events"]
            summary.problems += entry["problems"]
    summary.problems += len(input_problems)
    summary.seconds = time.perf_counter() - started
    return summary


def _entry(shard: Shard, result: ShardResult) -> dict[str, Any]:
    return {
        "path": shard.path,
        "row_group": shard.row_group,
        "documents": result.documents,
        "events": result.events,
        "problems": result.problems,
        "months": list(result.months),
        "seconds": round(result.seconds, 3),
    }


def _input_problem(problem: Any) -> dict[str, Any]:
    return {"source_uri": problem.source_uri, "kind": problem.kind, "reason": problem.reason, "fatal": True}
