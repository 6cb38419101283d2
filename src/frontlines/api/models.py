"""The API's response and request bodies as pydantic models, so that the OpenAPI schema at /openapi.json says
what each endpoint answers. An event row is the output contract itself: :data:`EventRow` is built from
`frontlines.contract.FIELD_TYPES` (every contract field, its type and range), plus the fields added on read.

Listing endpoints with many rows answer with pre-serialised JSON for speed; tests validate their answers
against these models, so the schema and the answers cannot drift apart.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from frontlines.contract import FIELD_TYPES, FIELDS


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


_event_fields: dict[str, Any] = {name: (FIELD_TYPES[name], ...) for name in FIELDS}
_event_fields["corrected"] = (list[str] | None, Field(None, description="fields an analyst corrected"))
EventRow: type[BaseModel] = create_model(
    "EventRow",
    __base__=_Open,
    __doc__="An event: one row of the output contract (docs/output-contract.md), corrections applied.",
    **_event_fields,
)


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters (every page)")
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last")
    events: list[EventRow]  # type: ignore[valid-type]


class Feature(_Open):
    type: Literal["Feature"]
    id: str | None = None
    geometry: dict[str, Any] | None
    properties: dict[str, Any]


class FeatureCollection(_Open):
    type: Literal["FeatureCollection"]
    features: list[Feature]


class EventFeatures(FeatureCollection):
    total: int
    next_cursor: str | None


class Evidence(BaseModel):
    field: str
    start: int
    end: int
    text: str


class ClaimsOfEvent(BaseModel):
    cluster_id: str | None = Field(description="the event's incident; null when the store was never fused")
    source_chain: list[str]
    independent_sources: list[str]
    claims: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]
    corrections: list[dict[str, Any]]


class DocumentOfEvent(BaseModel):
    id: str
    outlet: str | None
    url: str | None
    published: str | None
    title: str | None
    source_uri: str
    text: str


class EventDetail(BaseModel):
    event: EventRow  # type: ignore[valid-type]
    evidence: list[Evidence]
    claims: ClaimsOfEvent
    document: DocumentOfEvent


class DocumentSummary(_Open):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    published_source: str | None
    language: str | None
    fmt: str
    source_uri: str
    chars: int
    sources: int
    events: int


class DocumentPage(BaseModel):
    total: int
    next_cursor: str | None
    documents: list[DocumentSummary]


class DocumentDetail(DocumentSummary):
    text: str
    external_id: str | None
    meta: dict[str, Any]
    event_ids: list[str]


class ClusterRow(_Open):
    cluster_id: str
    event_date: str | None
    sub_event_type: str
    claim_count: int
    independent_source_count: int
    independent_sources: list[str]
    conflicts: list[dict[str, Any]]
    claims: list[dict[str, Any]]


class ClusterPage(BaseModel):
    total: int
    next_cursor: str | None
    clusters: list[ClusterRow]


class PlaceFields(_Open):
    place_id: str
    place_name: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None


class PlaceTimeline(BaseModel):
    place: PlaceFields
    events: int = Field(description="events naming this place (not-events left out)")
    intervals: list[dict[str, Any]] = Field(description="control intervals, as `frontlines timeline -f json`")


class Unresolved(BaseModel):
    location: str
    count: int
    example: str


class UnresolvedPlaces(BaseModel):
    places: list[Unresolved]


class ControlAt(BaseModel):
    date: str
    places: list[dict[str, Any]] = Field(description="rows of `frontlines control -f json`")


class Meta(BaseModel):
    read_only: bool
    version: str
    contract_version: str
    schema_version: int
    write_endpoints: list[str]
    max_limit: int


class Stats(_Open):
    documents: int
    events: int
    events_by_type: dict[str, int]
    unresolved_places: int
    corrections: int
    not_events: int
    fusion: dict[str, Any] | None
    unfused_events: int


# -------------------------------------------------------------------------------------------- write bodies


class NewDocument(BaseModel):
    """A report as a JSONL record (text, with optional title, outlet, url, published, id), or a URL alone to
    fetch. Other fields are kept in the document's `meta`, as ingest does for JSONL records."""

    model_config = ConfigDict(extra="allow")

    text: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    id: str | None = None


class IngestedDocument(BaseModel):
    id: str
    new: bool


class Problem(BaseModel):
    source_uri: str
    kind: str
    reason: str
    fatal: bool


class IngestAnswer(BaseModel):
    documents: list[IngestedDocument]
    problems: list[Problem]
    events: int | None = Field(None, description="events extracted (with ?extract=true)")


class NewCorrection(BaseModel):
    event_id: str = Field(min_length=1, max_length=200)
    field: str = Field(min_length=1, max_length=100)
    value: Any
    author: str | None = Field(None, max_length=200)
    note: str | None = Field(None, max_length=2000)


class Change(BaseModel):
    event_id: str
    field: str
    old: Any
    new: Any


class CorrectionAnswer(BaseModel):
    changes: list[Change]
