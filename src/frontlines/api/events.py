"""`GET /api/events` (filtered, paged, JSON or GeoJSON) and `GET /api/events/{id}` (an event with its claims,
evidence spans and report).

A page merges two streams in one order (event date, then id, both descending): the machine's events that no
analyst corrected, filtered and paged in SQL (frontlines.store.listing), and the corrected ones, read whole
with their corrections applied and filtered here with the export's filter (frontlines.export.EventFilter),
so that a corrected governorate or date is filtered as corrected. `min_sources` needs each event's incident,
which only fusion knows (a cached view): with it, the SQL gives every matching key and the page is cut here.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from frontlines.api.models import EventDetail, EventFeatures, EventPage
from frontlines.api.params import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ApiError,
    encode_cursor,
    event_cursor,
    parse_bbox,
    stored_names,
    sub_event_types,
)
from frontlines.api.views import Context
from frontlines.contract import ContractError
from frontlines.display import strict_json
from frontlines.export import EventFilter
from frontlines.export.geojson import event_feature
from frontlines.records import to_dict
from frontlines.store import Store, listing
from frontlines.store import corrections as stored_corrections
from frontlines.store import slant as slant_tables

router = APIRouter(prefix="/api", tags=["events"])

Key = tuple[str, str]


class Format(StrEnum):
    json = "json"
    geojson = "geojson"


Names = Annotated[list[str] | None, Query()]


@dataclass(frozen=True, slots=True)
class EventQuery:
    """The filters of one request, checked."""

    since: dt.date | None
    until: dt.date | None
    bbox: tuple[float, float, float, float] | None
    admin1: tuple[str, ...]
    actors: tuple[str, ...]
    sub_event_types: tuple[str, ...]
    sources: tuple[str, ...]
    min_sources: int | None

    def where(self, vocabulary: dict[str, set[str]]) -> listing.EventWhere:
        return listing.EventWhere(
            since=self.since.isoformat() if self.since else None,
            until=self.until.isoformat() if self.until else None,
            bbox=self.bbox,
            admin1=stored_names(self.admin1, vocabulary["admin1"]),
            actors=stored_names(self.actors, vocabulary["actors"]),
            sub_event_types=self.sub_event_types,
            sources=stored_names(self.sources, vocabulary["sources"]),
            outlets=stored_names(self.sources, vocabulary["outlets"]),
        )

    def matches(self, row: dict[str, Any], independent: int) -> bool:
        """The same filters over a contract row (a corrected event), in Python."""
        chosen = EventFilter.of(
            self.since,
            self.until,
            self.admin1,
            self.actors,
            self.sub_event_types,
            self.sources,
            self.min_sources,
        )
        if not chosen.matches(row, independent):
            return False
        if self.bbox is None:
            return True
        lon, lat = row.get("longitude"), row.get("latitude")
        if lon is None or lat is None:
            return False
        min_lon, min_lat, max_lon, max_lat = self.bbox
        return bool(min_lon <= lon <= max_lon and min_lat <= lat <= max_lat)


def key_of(row: dict[str, Any]) -> Key:
    return (row.get("event_date") or "", row["event_id"])


def find_events(
    ctx: Context, store: Store, query: EventQuery, after: Key | None, limit: int
) -> tuple[int, Key | None, list[listing.Record]]:
    """(total, the key to continue after or None, the page's rows: dicts, or stored JSON texts)."""
    where = query.where(ctx.vocabulary())
    clusters = ctx.clusters() if query.min_sources is not None else None

    def independent(event_id: str) -> int:
        return clusters.independent_sources(event_id) if clusters is not None else 0

    corrected = sorted(
        (
            (key_of(row), row)
            for row in ctx.corrected()
            if not row.get("not_an_event") and query.matches(row, independent(row["event_id"]))
        ),
        reverse=True,
    )
    if query.min_sources is None:
        total = ctx.count(("events", where), lambda: listing.event_count(store.conn, where))
        machine = listing.event_page(store.conn, where, after, limit + 1)
    else:
        keys = [k for k in listing.event_keys(store.conn, where) if independent(k[1]) >= query.min_sources]
        total = len(keys)
        wanted = list(itertools.islice((k for k in keys if after is None or k < after), limit + 1))
        found = listing.records(store.conn, [k[1] for k in wanted])
        machine = [(k, found[k[1]]) for k in wanted if k[1] in found]
    later: list[tuple[Key, listing.Record]] = [(k, row) for k, row in corrected if after is None or k < after]
    merged = list(itertools.islice(_merge(machine, later), limit + 1))
    rows = [row for _, row in merged[:limit]]
    following = merged[limit - 1][0] if len(merged) > limit else None
    return total + len(corrected), following, rows


def _merge(*streams: list[tuple[Key, listing.Record]]) -> Iterator[tuple[Key, listing.Record]]:
    return heapq.merge(*streams, key=lambda pair: pair[0], reverse=True)


@router.get(
    "/events",
    response_model=EventPage,
    responses={200: {"content": {"application/geo+json": {"schema": EventFeatures.model_json_schema()}}}},
    summary="Events, filtered and paged",
)
def list_events(
    request: Request,
    since: Annotated[dt.date | None, Query(description="first event date (inclusive), YYYY-MM-DD")] = None,
    until: Annotated[dt.date | None, Query(description="last event date (inclusive), YYYY-MM-DD")] = None,
    bbox: Annotated[
        str | None, Query(description="minlon,minlat,maxlon,maxlat (WGS84)", max_length=200)
    ] = None,
    admin1: Names = None,
    actor: Names = None,
    sub_event_type: Names = None,
    source: Names = None,
    min_sources: Annotated[int | None, Query(ge=1, le=1000)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
    format: Format = Format.json,  # noqa: A002 (the query parameter's name)
) -> Response:
    """Events of the output contract (corrections applied, not-events left out), newest event date first,
    matching every filter given; names match without case and can be repeated. `format=geojson` gives the
    same page as a FeatureCollection."""
    if since and until and until < since:
        raise ApiError(f"until ({until}) is before since ({since})")
    query = EventQuery(
        since,
        until,
        parse_bbox(bbox),
        tuple(admin1 or ()),
        tuple(actor or ()),
        sub_event_types(sub_event_type),
        tuple(source or ()),
        min_sources,
    )
    after = event_cursor(cursor)
    ctx: Context = request.app.state.ctx
    with ctx.store() as store:
        total, following, rows = find_events(ctx, store, query, after, limit)
    next_cursor = encode_cursor(*following) if following else None
    if format is Format.geojson:
        body = {
            "type": "FeatureCollection",
            "total": total,
            "next_cursor": next_cursor,
            "features": [_feature(listing.decoded(row)) for row in rows],
        }
        return Response(strict_json(body), media_type="application/geo+json")
    # The stored rows are passed on as stored (strict JSON already), the corrected ones written here.
    events = ", ".join(row if isinstance(row, str) else strict_json(row) for row in rows)
    head = strict_json({"total": total, "next_cursor": next_cursor})[:-1]
    return Response(f'{head}, "events": [{events}]}}', media_type="application/json")


def _feature(row: dict[str, Any]) -> dict[str, Any]:
    feature = event_feature(row, None)
    feature["properties"].pop("independent_sources", None)
    return feature


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event, its claims and evidence")
def get_event(request: Request, event_id: str) -> Response:
    """An event (its id, or a unique start of at least 4 characters) with its claims (claim chain, incident,
    independent sources, conflicts), its evidence spans (offsets into `document.text`) and its report."""
    ctx: Context = request.app.state.ctx
    if len(event_id) > 200:
        raise ApiError("event id: too long", 400)
    with ctx.store() as store:
        try:
            full_id = stored_corrections.resolve_id(store.conn, event_id)
        except ContractError as exc:
            status = 404 if "no event" in str(exc) else 400
            raise ApiError(str(exc), status) from exc
        row = stored_corrections.current(store.conn, full_id)
        if row is None:
            raise ApiError(f"no event with id {event_id!r}", 404)
        if row.get("not_an_event"):
            raise ApiError(f"event {full_id} was marked as not an event by an analyst", 404)
        row = slant_tables.with_defaults(row)
        doc = store.get_document(row["doc_id"])
    if doc is None:
        raise ApiError(f"the report of event {full_id} is not stored", 404)
    cluster = ctx.clusters().of_event.get(full_id)
    claims: dict[str, Any] = {
        "cluster_id": cluster.cluster_id if cluster else None,
        "source_chain": row["source_chain"],
        "independent_sources": list(cluster.independent_sources) if cluster else [],
        "claims": to_dict(list(cluster.claims)) if cluster else [],
        "conflicts": to_dict(list(cluster.conflicts)) if cluster else [],
        "corrections": to_dict(list(cluster.corrections)) if cluster else [],
    }
    document = {
        "id": doc.id,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        "title": doc.title,
        "source_uri": doc.source_uri,
        "text": doc.text,
    }
    body = {"event": row, "evidence": row["evidence"], "claims": claims, "document": document}
    return Response(strict_json(body), media_type="application/json")
