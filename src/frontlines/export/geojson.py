"""GeoJSON export of events: a FeatureCollection, one Point feature per event ([longitude, latitude], WGS 84,
as RFC 7946 requires), the contract row (corrections applied) as its properties, with `independent_sources`.
An event without coordinates (its place unresolved) has a null geometry, as RFC 7946 allows, so no event is
silently dropped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO, Any

from frontlines.contract import CONTRACT_VERSION
from frontlines.display import strict_json


def event_feature(row: Mapping[str, Any], independent: int | None) -> dict[str, Any]:
    geometry = None
    if row.get("latitude") is not None and row.get("longitude") is not None:
        geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
    properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    properties["independent_sources"] = independent
    return {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": properties}


def write_geojson(
    rows: Iterable[Mapping[str, Any]], out: IO[str], independent: Mapping[str, int], counted_from: str
) -> int:
    """Write the FeatureCollection, one feature a line (a valid JSON document); returns the features."""
    meta = strict_json({"contract_version": CONTRACT_VERSION, "independent_sources_from": counted_from})
    out.write(f'{{"type": "FeatureCollection", "frontlines": {meta}, "features": [\n')
    n = 0
    for row in rows:
        out.write((",\n" if n else "") + strict_json(event_feature(row, independent.get(row["event_id"]))))
        n += 1
    out.write("\n]}\n")
    return n
