"""One shard, start to finish, in whatever process an engine runs it: read, extract, write.

The pipeline is built once per process (the first shard a worker gets builds it from the configuration sent
as JSON, and checks its version) and kept for the next shards. Every stage function is the pipeline's own
(``Pipeline.run``), so a backfill gives the events ``frontlines extract`` gives. A record that cannot be read,
a document a stage fails on, or a document whose events cannot be turned into rows, is written to the shard's
problems file with its reason: it never fails the shard.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.backfill.output import EventWriter, write_problems
from frontlines.backfill.shards import Shard, read_shard
from frontlines.contract import event_row
from frontlines.ingest import IngestOptions
from frontlines.records import Document, IngestProblem, StageFailure

_pipelines: dict[str, Any] = {}  # version -> Pipeline, in this process


@dataclass(frozen=True, slots=True)
class ShardResult:
    shard: str
    documents: int
    events: int
    problems: int
    months: tuple[str, ...]
    seconds: float


def pipeline_for(config: Mapping[str, Any]) -> Any:
    """This process's pipeline for a configuration (``PipelineConfig.to_dict()``), built on first use."""
    from frontlines.pipeline import Pipeline

    version = str(config["version"])
    if version not in _pipelines:
        _pipelines.clear()  # one pipeline per process: a new configuration replaces the old one
        _pipelines[version] = Pipeline.from_dict(config)
    return _pipelines[version]


def process_shard(config: Mapping[str, Any], shard: Shard, out: str, max_bytes: int) -> ShardResult:
    """Extract one shard and write its events and problems under ``out``."""
    started = time.perf_counter()
    pipeline = pipeline_for(config)
    problems: list[dict[str, Any]] = []
    read = 0

    def documents() -> Iterator[Document]:
        nonlocal read
        for item in read_shard(shard, IngestOptions(max_bytes=max_bytes)):
            if isinstance(item, Document):
                read += 1
                yield item
            else:
                problems.append(_problem(item))

    def failed(failure: StageFailure) -> None:
        problems.append({**_problem(failure.problem()), "stage": failure.stage})

    writer = EventWriter(Path(out), shard.id, pipeline.version)
    try:
        for document, events in pipeline.run(documents(), on_failure=failed):
            try:
                rows = [event_row(event, document) for event in events]
            except Exception as exc:  # recorded as the document's problem; the shard goes on
                failed(StageFailure.of(document, "output", exc))
                continue
            writer.add(rows)
        write_problems(Path(out), shard.id, problems)
        months = writer.close()
    except BaseException:
        writer.abort()
        raise
    seconds = time.perf_counter() - started
    return ShardResult(shard.id, read, writer.rows, len(problems), tuple(months), seconds)


def _problem(problem: IngestProblem) -> dict[str, Any]:
    return {
        "source_uri": problem.source_uri,
        "kind": problem.kind,
        "reason": problem.reason,
        "fatal": problem.fatal,
        "doc_id": problem.doc_id,
    }
