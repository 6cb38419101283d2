"""Parquet export: the contract rows with a fixed Arrow schema (docs/exports.md lists it).

Every field of the output contract (`frontlines.contract.FIELDS`) is a column of the type below, in the
contract's order, then `corrected` (the fields analysts corrected, empty when none) and `independent_sources`
(the count `--min-sources` filters on; the file's metadata says whether fusion's clusters or the documents
gave it). Dates are Arrow `date32`, small codes `int8`, lists and evidence spans nested types, so readers get
types, not strings to parse. A schema change is a new `SCHEMA_VERSION`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from frontlines.contract import CONTRACT_VERSION, FIELDS

SCHEMA_VERSION = "2"  # 2: the slant fields
_STRINGS = pa.string()
EVIDENCE = pa.struct(
    [("field", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]
)
SLANT = pa.struct(
    [
        ("technique", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("score", pa.float64()),
        ("rule", pa.string()),
        ("where", pa.string()),
    ]
)
TYPES: dict[str, pa.DataType] = {
    "doc": _STRINGS,
    "doc_id": _STRINGS,
    "event_id": _STRINGS,
    "event_date": pa.date32(),
    "date_precision": pa.int8(),
    "date_offset_days": pa.int32(),
    "event_type": _STRINGS,
    "sub_event_type": _STRINGS,
    "actor1": _STRINGS,
    "actor1_id": _STRINGS,
    "actor1_label": _STRINGS,
    "actor2": _STRINGS,
    "actor2_id": _STRINGS,
    "actor2_label": _STRINGS,
    "location": _STRINGS,
    "place_id": _STRINGS,
    "place_name": _STRINGS,
    "admin1": _STRINGS,
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "geo_precision": pa.int8(),
    "fatalities": pa.int32(),
    "fatalities_rule": _STRINGS,
    "source_chain": pa.list_(pa.string()),
    "outlet": _STRINGS,
    "published": pa.date32(),
    "evidence": pa.list_(EVIDENCE),
    "confidence": pa.float64(),
    "corrected": pa.list_(pa.string()),
    "independent_sources": pa.int32(),
    # the slant of the report around the event (contract fields of the slant stage, ADR 0017)
    "actor1_label_tone": _STRINGS,
    "actor2_label_tone": _STRINGS,
    "slant": pa.list_(SLANT),
}
NOT_NULL = frozenset(
    {
        "doc",
        "doc_id",
        "event_id",
        "date_precision",
        "event_type",
        "sub_event_type",
        "location",
        "source_chain",
        "evidence",
        "confidence",
        "corrected",
        "independent_sources",
    }
)
COLUMNS: tuple[str, ...] = (*FIELDS, "corrected", "independent_sources")


def schema(counted_from: str = "documents") -> pa.Schema:
    fields = [pa.field(name, TYPES[name], nullable=name not in NOT_NULL) for name in COLUMNS]
    metadata = {
        "frontlines_schema_version": SCHEMA_VERSION,
        "frontlines_contract_version": CONTRACT_VERSION,
        "independent_sources_from": counted_from,
    }
    return pa.schema(fields, metadata=metadata)


def _value(name: str, value: Any) -> Any:
    if value is not None and TYPES[name] == pa.date32():
        return dt.date.fromisoformat(value)
    if name == "evidence":
        return [{k: item.get(k) for k in ("field", "start", "end", "text")} for item in value or ()]
    return value


def write_parquet(
    rows: Sequence[Mapping[str, Any]], path: Path, independent: Mapping[str, int], counted_from: str
) -> int:
    """Write the rows to ``path`` (zstd-compressed Parquet); returns the rows written."""
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for row in rows:
        for name in FIELDS:
            columns[name].append(_value(name, row.get(name)))
        columns["corrected"].append(list(row.get("corrected") or ()))
        columns["independent_sources"].append(independent.get(row["event_id"], 1))
    table = pa.Table.from_pydict(columns, schema=schema(counted_from))
    pq.write_table(table, path, compression="zstd")
    return table.num_rows
