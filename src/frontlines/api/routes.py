"""The API's other read endpoints: meta, stats, documents, clusters, places (control timeline, unresolved
names) and control at a date. Each reuses what the CLI command of the same name uses (store listings,
frontlines.fuse.stored, frontlines.control.report), so the API and the CLI give the same answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from frontlines import __version__
from frontlines.api.models import (
    ClusterPage,
    ControlAt,
    DocumentDetail,
    DocumentPage,
    FeatureCollection,
    Meta,
    PlaceTimeline,
    Stats,
    UnresolvedPlaces,
)
from frontlines.api.params import DEFAULT_LIMIT, MAX_LIMIT, ApiError, decode_cursor, encode_cursor
from frontlines.api.views import Context
from frontlines.contract import CONTRACT_VERSION
from frontlines.control.report import (
    area_feature,
    feature_collection,
    interval_row,
    place_feature,
    place_fields,
)
from frontlines.control.report import state_row as control_row
from frontlines.display import strict_json
from frontlines.records import to_dict
from frontlines.store import control as control_sql
from frontlines.store import listing

router = APIRouter(prefix="/api")

WRITE_ENDPOINTS = ["POST /api/documents", "POST /api/corrections"]


def context(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def json_response(body: Any, media_type: str = "application/json") -> Response:
    return Response(strict_json(body), media_type=media_type)


@router.get("/meta", response_model=Meta, tags=["meta"], summary="What this server is and allows")
def meta(request: Request) -> dict[str, Any]:
    ctx = context(request)
    with ctx.store() as store:
        schema = store.schema_version()
    return {
        "read_only": ctx.read_only,
        "version": __version__,
        "contract_version": CONTRACT_VERSION,
        "schema_version": schema,
        "write_endpoints": [] if ctx.read_only else WRITE_ENDPOINTS,
        "max_limit": MAX_LIMIT,
    }


@router.get("/stats", response_model=Stats, tags=["meta"], summary="What the database holds")
def stats(request: Request) -> dict[str, Any]:
    """The counts of `frontlines stats`, the last fusion run and the events extracted since."""
    with context(request).store() as store:
        counts = dataclasses.asdict(store.stats())
        counts["fusion"] = store.fusion_run()
        counts["unfused_events"] = store.unfused_events()
    return counts


# ---------------------------------------------------------------------------------------------- documents


@router.get("/documents", response_model=DocumentPage, tags=["documents"], summary="Stored reports, paged")
def documents(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> Response:
    """The stored reports in ingestion order, without their text."""
    after = decode_cursor(cursor, (int,))
    with context(request).store() as store:
        rows = listing.document_page(store.conn, after[0] if after else None, limit + 1)
        total = listing.document_count(store.conn)
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1]["position"]) if len(rows) > limit else None
    for row in page:
        del row["position"]
    return json_response({"total": total, "next_cursor": next_cursor, "documents": page})


@router.get("/documents/{doc_id}", response_model=DocumentDetail, tags=["documents"], summary="One report")
def document(request: Request, doc_id: Annotated[str, Path(max_length=200)]) -> Response:
    """A stored report with its text (untrusted: show it as text, never as HTML) and its events."""
    with context(request).store() as store:
        found = listing.document_detail(store.conn, doc_id)
    if found is None:
        raise ApiError(f"no document with id {doc_id[:80]!r}", 404)
    del found["position"]
    return json_response(found)


# ----------------------------------------------------------------------------------------------- clusters


@router.get("/clusters", response_model=ClusterPage, tags=["clusters"], summary="Incidents, paged")
def clusters(
    request: Request,
    min_claims: Annotated[int, Query(ge=1, le=10_000)] = 1,
    conflicts: Annotated[bool, Query(description="only incidents whose claims disagree")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> Response:
    """Incidents (events of several reports fused) as `frontlines clusters -f json` gives them, newest first:
    claims, independent sources, conflicts, analysts' corrections."""
    after = decode_cursor(cursor, (str, str))
    found = context(request).clusters().clusters
    shown = sorted(
        (
            ((c.event_date.isoformat() if c.event_date else "", c.cluster_id), c)
            for c in found
            if len(c.claims) >= min_claims and (c.conflicts or not conflicts)
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    following = [pair for pair in shown if after is None or pair[0] < after]
    page = list(itertools.islice(following, limit + 1))
    rows = [cluster_row(c) for _, c in page[:limit]]
    next_cursor = encode_cursor(*page[limit - 1][0]) if len(page) > limit else None
    return json_response({"total": len(shown), "next_cursor": next_cursor, "clusters": rows})


def cluster_row(cluster: Any) -> dict[str, Any]:
    row: dict[str, Any] = to_dict(cluster)
    row["claim_count"] = len(cluster.claims)
    row["independent_source_count"] = len(cluster.independent_sources)
    return row


# ------------------------------------------------------------------------------------------------- places


@router.get(
    "/places/unresolved", response_model=UnresolvedPlaces, tags=["places"], summary="Unresolved names"
)
def unresolved(request: Request) -> dict[str, Any]:
    """Place names the geocoder could not resolve, most frequent first, with an example sentence."""
    with context(request).store() as store:
        return {"places": store.unresolved_places()}


@router.get("/places/{place_id}", response_model=PlaceTimeline, tags=["places"], summary="A place's control")
def place(request: Request, place_id: str) -> Response:
    """A place (a gazetteer id, as events give it) and its control timeline: each interval's holder, status and
    rule, the claims behind each change with their report and sentence, analysts' settings."""
    ctx = context(request)
    if len(place_id) > 200:
        raise ApiError("place id: too long")
    index = ctx.control()
    history = index.histories.get(place_id)
    with ctx.store() as store:
        fields, count = listing.place_row(store.conn, place_id)
        evidence = (
            control_sql.evidence_of(store.conn, [c.event_id for c in history.claims]) if history else {}
        )
    if history is not None:
        fields = place_fields(history.place)
    if fields is None:
        raise ApiError(f"no event or holder setting names the place {place_id[:80]!r}", 404)
    intervals = [interval_row(iv, evidence) for iv in history.intervals] if history else []
    return json_response({"place": fields, "events": count, "intervals": intervals})


# ------------------------------------------------------------------------------------------------ control


class ControlFormat(StrEnum):
    json = "json"
    geojson = "geojson"


@router.get(
    "/control",
    response_model=ControlAt,
    responses={200: {"content": {"application/geo+json": {"schema": FeatureCollection.model_json_schema()}}}},
    tags=["control"],
    summary="Who holds each place on a date",
)
def control(
    request: Request,
    at: Annotated[dt.date, Query(description="the date, YYYY-MM-DD")],
    admin1: Annotated[list[str] | None, Query(description="only places of this governorate")] = None,
    format: ControlFormat = ControlFormat.json,  # noqa: A002 (the query parameter's name)
    areas: Annotated[bool, Query(description="with geojson: the derived control areas too")] = True,
) -> Response:
    """Control on a date, as `frontlines control --at DATE`: each place's holder, since when, status and the
    claims behind it; with `format=geojson`, a Point per place and the control areas (Voronoi cells of the
    places clipped to Syria) as Polygons."""
    ctx = context(request)
    index = ctx.control()
    states = index.at(at, admin1 or None)
    rows = [control_row(s, at) for s in states]
    if format is ControlFormat.json:
        return json_response({"date": at.isoformat(), "places": rows})
    features = [place_feature(row) for row in rows]
    if areas and states:
        shown = {s.place.place_id for s in states}
        tessellation = ctx.tessellation()
        features += [area_feature(a, at) for a in tessellation.at(index, at) if set(a.cell.place_ids) & shown]
    return json_response(feature_collection(features, date=at.isoformat()), "application/geo+json")
