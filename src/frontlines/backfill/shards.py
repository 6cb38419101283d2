"""Shards: the units of work of a backfill, and reading one into documents.

A shard is one input file read by ingest (JSONL, CSV, JSON, or any report file ingest reads), or one row group
of a Parquet file (columns as the fields of a JSONL record: ``text`` required; ``title``, ``outlet``, ``url``,
``published``, ``id``; the others kept as the document's meta). A big corpus comes as many files, or as Parquet
files with row groups of a few thousand rows (``pyarrow.parquet.write_table(..., row_group_size=2000)``): one
JSONL or CSV file is one shard however long it is.

Shard ids are made from the input's absolute path (and row group), so a resumed run finds the same shards.
Reading a shard never raises for bad input: ingest gives a problem for every record it cannot read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.ingest import IngestOptions, ingest
from frontlines.ingest.build import Kind, finish
from frontlines.ingest.corpus import record_item
from frontlines.ingest.sources import expand
from frontlines.records import Document, IngestProblem

PARQUET_SUFFIXES = (".parquet", ".pq")


@dataclass(frozen=True, slots=True)
class Shard:
    id: str
    path: str  # absolute path of the input file
    row_group: int | None = None  # Parquet: the row group; None: the whole file through ingest
    first_row: int = 0  # Parquet: the file's row number of the row group's first row (0-based)


def shard_id(path: Path, part: int | None) -> str:
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem)[:40] or "input"
    key = f"{path}#{part}" if part is not None else str(path)
    suffix = "" if part is None else f"-rg{part:05d}"
    return f"{stem}-{hashlib.sha256(key.encode()).hexdigest()[:10]}{suffix}"


def find_shards(inputs: Iterable[str]) -> tuple[list[Shard], list[IngestProblem]]:
    """The shards of the inputs (files, or folders walked as ingest walks them), in input order, and a problem
    for every input that does not exist or cannot be listed. URLs are not backfill inputs."""
    shards: list[Shard] = []
    problems: list[IngestProblem] = []
    seen: set[Path] = set()
    for source in inputs:
        for target in expand(str(source)):
            if isinstance(target, IngestProblem):
                problems.append(target)
            elif isinstance(target, str):
                problems.append(IngestProblem(target, Kind.UNSUPPORTED, "a backfill reads files, not URLs"))
            elif (path := target.resolve()) not in seen:
                seen.add(path)
                shards.extend(_file_shards(path, problems))
    return shards, problems


def _file_shards(path: Path, problems: list[IngestProblem]) -> list[Shard]:
    if path.suffix.lower() not in PARQUET_SUFFIXES:
        return [Shard(shard_id(path, None), str(path))]
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # not Parquet after all, or damaged: recorded, the other inputs go on
        problems.append(IngestProblem(str(path), Kind.UNREADABLE, f"not a readable Parquet file ({exc})"))
        return []
    shards, first = [], 0
    for group in range(meta.num_row_groups):
        shards.append(Shard(shard_id(path, group), str(path), group, first))
        first += meta.row_group(group).num_rows
    return shards


def fingerprint(shards: Iterable[Shard]) -> dict[str, list[int]]:
    """Size and modification time of every input file: a resumed run must see the same inputs."""
    out: dict[str, list[int]] = {}
    for shard in shards:
        if shard.path not in out:
            stat = Path(shard.path).stat()
            out[shard.path] = [stat.st_size, stat.st_mtime_ns]
    return out


def read_shard(shard: Shard, options: IngestOptions) -> Iterator[Document | IngestProblem]:
    """The documents of a shard and the problems of the records that are not."""
    if shard.row_group is None:
        yield from ingest([shard.path], options)
        return
    yield from _parquet_rows(shard, options)


def _parquet_rows(shard: Shard, options: IngestOptions) -> Iterator[Document | IngestProblem]:
    import pyarrow.parquet as pq

    try:
        rows = pq.ParquetFile(shard.path).read_row_group(shard.row_group).to_pylist()
    except Exception as exc:  # a damaged row group: recorded for the shard, which gives no documents
        yield IngestProblem(
            f"{shard.path}#G{shard.row_group}", Kind.UNREADABLE, f"cannot read this row group ({exc})"
        )
        return
    for i, row in enumerate(rows):
        uri = f"{shard.path}#R{shard.first_row + i + 1}"
        found = record_item(_record(row), uri, "parquet")
        if isinstance(found, IngestProblem):
            yield found
            continue
        try:
            yield from finish(found, options.default_outlet)
        except Exception as exc:  # as ingest does: one record's reason, the shard goes on
            yield IngestProblem(
                uri, Kind.INTERNAL, f"this record could not be read: unexpected {type(exc).__name__}"
            )


def _record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A Parquet row as a JSON record: dates and times as ISO text, bytes decoded."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        out[str(key)] = value
    return out
