"""What a backfill writes, and how it makes a killed run safe to run again.

    OUT/manifest.json                        the pipeline configuration and version, and the inputs (size, mtime)
    OUT/done/SHARD.json                      the manifest's entry of a finished shard: its counts and months
    OUT/events/month=YYYY-MM/SHARD.parquet   the events of one shard dated in that month (month=unknown: no date)
    OUT/problems/SHARD.jsonl                 the shard's problems: records not read, documents a stage failed on

Every file is written under a temporary name and renamed into place, so a reader never sees half a file. A
shard's files are written before the driver writes its entry in done/ (one small file per shard, so that
listing a shard costs the same on the millionth shard as on the first): a run killed at any point leaves each
shard either listed, with all its files, or not listed, and running again rewrites the unlisted shards' files
under the same names (the old ones first removed). So the events of every shard are there exactly once.

Event rows are the output contract's fields (docs/output-contract.md), with the dates as Parquet dates, plus
the ``pipeline_version``; ``month`` is the partition (hive style).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from frontlines.contract import FIELDS

MANIFEST = "manifest.json"
DONE = "done"
EVENTS = "events"
PROBLEMS = "problems"
UNKNOWN_MONTH = "unknown"
_TMP = ".tmp-"


def schema() -> Any:
    """The Parquet schema of event rows (one schema for every shard, so the dataset reads as one table): the
    contract's fields typed as `frontlines export --format parquet` types them (docs/exports.md), then the
    pipeline version."""
    import pyarrow as pa

    from frontlines.export.parquet import TYPES

    columns = [(name, TYPES[name]) for name in FIELDS]
    return pa.schema([*columns, ("pipeline_version", pa.string())])


def month_of(row: Mapping[str, Any]) -> str:
    date = row.get("event_date")
    return str(date)[:7] if date else UNKNOWN_MONTH


def _typed(row: Mapping[str, Any], version: str) -> dict[str, Any]:
    out = dict(row)
    for name in ("event_date", "published"):
        if out.get(name):
            out[name] = dt.date.fromisoformat(out[name])
    out["pipeline_version"] = version
    return out


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` by writing a temporary file beside it and renaming it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}{_TMP}{uuid.uuid4().hex[:8]}")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class EventWriter:
    """The event files of one shard, one per month, written as the rows come (``ROWS_PER_WRITE`` at a time,
    so memory stays flat on a long shard) under temporary names; :meth:`close` removes the shard's earlier
    files and renames the new ones into place, :meth:`abort` removes them."""

    ROWS_PER_WRITE = 5_000

    def __init__(self, out: Path, shard: str, version: str) -> None:
        self.out, self.shard, self.version = out, shard, version
        self._pending: dict[str, list[dict[str, Any]]] = {}
        self._writers: dict[str, tuple[Any, Path]] = {}
        self.rows = 0

    def add(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            month = month_of(row)
            pending = self._pending.setdefault(month, [])
            pending.append(_typed(row, self.version))
            self.rows += 1
            if len(pending) >= self.ROWS_PER_WRITE:
                self._flush(month)

    def _flush(self, month: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self._pending.pop(month, [])
        if not rows:
            return
        if month not in self._writers:
            final = self.out / EVENTS / f"month={month}" / f"{self.shard}.parquet"
            final.parent.mkdir(parents=True, exist_ok=True)
            tmp = final.with_name(f"{final.name}{_TMP}{uuid.uuid4().hex[:8]}")
            self._writers[month] = (pq.ParquetWriter(tmp, schema(), compression="zstd"), tmp)
        self._writers[month][0].write_table(pa.Table.from_pylist(rows, schema=schema()))

    def close(self) -> list[str]:
        """Put the shard's files in place (its earlier files removed first); the months written."""
        for month in list(self._pending):
            self._flush(month)
        for old in (self.out / EVENTS).glob(f"month=*/{self.shard}.parquet"):
            old.unlink()
        for month, (writer, tmp) in self._writers.items():
            writer.close()
            os.replace(tmp, self.out / EVENTS / f"month={month}" / f"{self.shard}.parquet")
        return sorted(self._writers)

    def abort(self) -> None:
        for writer, tmp in self._writers.values():
            writer.close()
            tmp.unlink(missing_ok=True)


def write_problems(out: Path, shard: str, problems: Iterable[Mapping[str, Any]]) -> None:
    lines = "".join(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n" for p in problems)
    atomic_write(out / PROBLEMS / f"{shard}.jsonl", lines.encode("utf-8"))


def read_manifest(out: Path) -> dict[str, Any] | None:
    path = out / MANIFEST
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_manifest(out: Path, manifest: Mapping[str, Any]) -> None:
    atomic_write(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8"))


def mark_done(out: Path, shard: str, entry: Mapping[str, Any]) -> None:
    """List a shard as done (after its files are in place)."""
    atomic_write(out / DONE / f"{shard}.json", json.dumps(entry, sort_keys=True).encode("utf-8"))


def done_shards(out: Path) -> dict[str, dict[str, Any]]:
    """The entries of the shards listed as done, by shard id."""
    folder = out / DONE
    if not folder.is_dir():
        return {}
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def remove_temporaries(out: Path) -> int:
    """Remove the temporary files a killed run left behind; how many."""
    found = [p for p in out.rglob(f"*{_TMP}*") if p.is_file()]
    for path in found:
        path.unlink()
    return len(found)


def read_events(out: Path) -> Any:
    """All the events of a backfill output as one pyarrow Table (with its ``month`` column)."""
    import pyarrow.dataset as ds

    folder = out / EVENTS
    if not folder.is_dir():
        return schema().empty_table()
    dataset = ds.dataset(folder, format="parquet", partitioning="hive", schema=_with_month())
    return dataset.to_table()


def _with_month() -> Any:
    import pyarrow as pa

    return schema().append(pa.field("month", pa.string()))
