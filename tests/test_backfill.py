"""`frontlines backfill`, as a specification: sharded input through the same pipeline on any engine, events as
Parquet partitioned by month, a killed run resumed with nothing done twice, a failing document recorded.

The corpus is generated here: JSONL, CSV and Parquet files of short reports. One test starts a Dask cluster of
two worker processes on this machine; one starts the command in a process and kills it.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import frontlines.backfill.engines
import frontlines.pipeline
from frontlines.backfill import BackfillError, backfill
from frontlines.backfill.output import DONE, EVENTS, PROBLEMS, read_events
from frontlines.backfill.shards import find_shards, read_shard
from frontlines.config import PipelineConfig
from frontlines.ingest import IngestOptions
from frontlines.pipeline import Pipeline
from frontlines.records import Document

PLACES = ("Khan Tuman", "al-Eis", "Tal Hadiya", "Zitan", "Barna", "Qarassi", "Hardana", "Nubl", "Atarib")
TEMPLATE = (
    "Rebels shelled the village of {p} on Sunday, killing {n} civilians, local activists said. The talks went "
    "on. Syrian army troops recaptured {q} after clashes with Jabhat Fateh al-Sham, SANA reported."
)


def _record(i: int) -> dict[str, Any]:
    month = i % 3 + 1
    return {
        "id": f"r{i}",
        "outlet": "Test Wire",
        "published": f"2016-{month:02d}-{i % 27 + 1:02d}",
        "text": TEMPLATE.format(p=PLACES[i % len(PLACES)], q=PLACES[(i + 4) % len(PLACES)], n=i + 2),
    }


def write_corpus(folder: Path, start: int = 0) -> Path:
    """Two JSONL files (one with a record without text), a CSV file and a Parquet file of two row groups."""
    folder.mkdir(parents=True, exist_ok=True)
    records = [_record(i) for i in range(start, start + 12)]
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r) for r in records[:3]) + '\n{"id": "empty"}\n')
    (folder / "b.jsonl").write_text("\n".join(json.dumps(r) for r in records[3:5]) + "\n")
    with (folder / "c.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records[5:8])
    pq.write_table(pa.Table.from_pylist(records[8:12]), folder / "d.parquet", row_group_size=2)
    return folder


def _rows(out: Path) -> list[dict[str, Any]]:
    return sorted(read_events(out).to_pylist(), key=lambda r: (r["doc"], r["event_id"]))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    summary = backfill([str(corpus)], out, PipelineConfig())
    assert summary.failed == [] and summary.done == summary.shards == 5
    return out


# --------------------------------------------------------------------------------------------- the output


def test_shards_are_files_and_parquet_row_groups(corpus: Path) -> None:
    shards, problems = find_shards([str(corpus)])
    assert problems == []
    assert [(Path(s.path).name, s.row_group) for s in shards] == [
        ("a.jsonl", None), ("b.jsonl", None), ("c.csv", None), ("d.parquet", 0), ("d.parquet", 1),
    ]  # fmt: skip
    rows = [d for d in read_shard(shards[4], IngestOptions()) if isinstance(d, Document)]
    assert [d.source_uri.rsplit("#", 1)[1] for d in rows] == ["R3", "R4"] and rows[0].external_id == "r10"


def test_events_are_those_of_the_pipeline_partitioned_by_month(corpus: Path, local_run: Path) -> None:
    pipeline = Pipeline(PipelineConfig())
    shards, _ = find_shards([str(corpus)])
    documents = [d for s in shards for d in read_shard(s, IngestOptions()) if isinstance(d, Document)]
    expected = {(d.external_id, e.event_id) for d, events in pipeline.run(documents) for e in events}
    rows = _rows(local_run)
    assert {(r["doc"], r["event_id"]) for r in rows} == expected and len(rows) == len(expected)
    months = {r["event_date"].isoformat()[:7] for r in rows}
    assert len(months) >= 3 and all(r["month"] == r["event_date"].isoformat()[:7] for r in rows)
    assert sorted(p.name for p in (local_run / EVENTS).iterdir()) == [f"month={m}" for m in sorted(months)]
    assert {r["pipeline_version"] for r in rows} == {pipeline.version}


def test_a_record_without_text_is_a_problem_of_its_shard(local_run: Path) -> None:
    problems = [
        json.loads(line)
        for path in (local_run / PROBLEMS).glob("*.jsonl")
        for line in path.read_text().splitlines()
    ]
    assert [(Path(p["source_uri"]).name, p["kind"]) for p in problems] == [("a.jsonl#L4", "no_text")]
    assert len(list((local_run / DONE).glob("*.json"))) == 5


def test_a_failing_document_is_recorded_and_never_fails_its_shard(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = frontlines.pipeline.build_events

    def build_events(mentions: Any, *args: Any) -> Any:
        if "Zitan" in mentions.analysis.document.text:
            raise ValueError("a stage fails here")
        return real(mentions, *args)

    monkeypatch.setattr(frontlines.pipeline, "build_events", build_events)
    summary = backfill([str(corpus)], tmp_path / "out", PipelineConfig())
    assert summary.failed == [] and summary.done == 5
    problems = [
        json.loads(line)
        for path in (tmp_path / "out" / PROBLEMS).glob("*.jsonl")
        for line in path.read_text().splitlines()
    ]
    failed = [p for p in problems if p["kind"] == "stage_error"]
    assert failed and all(p["stage"] == "events" and "a stage fails here" in p["reason"] for p in failed)


# --------------------------------------------------------------------------------------------- resuming


def test_a_run_stopped_by_a_failing_shard_resumes_with_that_shard_only(
    corpus: Path, local_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    real = frontlines.backfill.engines.process_shard

    def process_shard(config: Any, shard: Any, *args: Any) -> Any:
        if shard.path.endswith("c.csv"):
            raise OSError("the disk is full")
        return real(config, shard, *args)

    monkeypatch.setattr(frontlines.backfill.engines, "process_shard", process_shard)
    first = backfill([str(corpus)], out, PipelineConfig())
    assert [why for _, why in first.failed] == ["OSError: the disk is full"] and first.done == 4
    monkeypatch.setattr(frontlines.backfill.engines, "process_shard", real)
    second = backfill([str(corpus)], out, PipelineConfig())
    assert (second.done, second.skipped, second.failed) == (1, 4, [])
    assert _rows(out) == _rows(local_run)


def test_a_killed_run_resumes_where_it_stopped_with_no_duplicates(
    corpus: Path, local_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-c",
        "from frontlines.cli import main; main()",
        "backfill",
        str(corpus),
        "--out",
        str(out),
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while child.poll() is None and not list((out / DONE).glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    done_before = len(list((out / DONE).glob("*.json")))
    assert 1 <= done_before < 5, "the run was killed midway"
    summary = backfill([str(corpus)], out, PipelineConfig())
    assert summary.skipped == done_before and summary.done == 5 - done_before
    assert _rows(out) == _rows(local_run)
    assert not [p for p in out.rglob("*") if ".tmp-" in p.name]


def test_an_output_folder_of_another_pipeline_version_is_refused(corpus: Path, local_run: Path) -> None:
    with pytest.raises(BackfillError, match="pipeline version"):
        backfill([str(corpus)], local_run, PipelineConfig(prefilter=False))


def test_an_output_folder_of_other_inputs_is_refused(local_run: Path, tmp_path: Path) -> None:
    with pytest.raises(BackfillError, match="other inputs"):
        backfill([str(write_corpus(tmp_path / "other", start=50))], local_run, PipelineConfig())


# ------------------------------------------------------------------------------------------------ Dask


def test_a_dask_cluster_of_two_workers_gives_the_local_events(
    corpus: Path, local_run: Path, tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    summary = backfill([str(corpus)], tmp_path / "out", PipelineConfig(), engine="dask", workers=2)
    assert summary.failed == [] and summary.done == 5
    assert _rows(tmp_path / "out") == _rows(local_run)
