"""The output contract: the flat event record other tools read (`frontlines extract --format jsonl`).

Keep it stable. New fields may be added; existing ones are never renamed or given another meaning. The
fields are documented in docs/output-contract.md (a test checks that every field is documented).

`FIELD_TYPES` gives every field its type and range as a pydantic type (strict: JSON types, no coercion, no NaN
or infinity); `check_value` checks one value against it and `check_row` a whole row. Analyst corrections and
user places are checked with these same types (`frontlines.corrections`), so nothing outside the contract is
ever stored. `event_type` and `sub_event_type` take ACLED's names (`data/acled-taxonomy.toml`).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from frontlines.records import Document, Event, to_dict

CONTRACT_VERSION = "1"

FIELDS: tuple[str, ...] = (
    "doc",
    "doc_id",
    "event_id",
    "event_date",
    "date_precision",
    "date_offset_days",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor1_id",
    "actor1_label",
    "actor2",
    "actor2_id",
    "actor2_label",
    "location",
    "place_id",
    "place_name",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "fatalities_rule",
    "source_chain",
    "outlet",
    "published",
    "evidence",
    "confidence",
    "actor1_label_tone",
    "actor2_label_tone",
    "slant",
)


def doc_label(doc: Document) -> str:
    """How the contract names a document: the JSONL/CSV record's `id` when it has one, else the source path."""
    return doc.external_id if doc.external_id else doc.source_uri


def event_row(event: Event, doc: Document) -> dict[str, Any]:
    """The flat, JSON-ready contract row for one event of one document."""
    a1, a2, place = event.actor1, event.actor2, event.place
    return {
        "doc": doc_label(doc),
        "doc_id": doc.id,
        "event_id": event.event_id,
        "event_date": event.date.date.isoformat() if event.date.date else None,
        "date_precision": int(event.date.precision),
        "date_offset_days": event.date.offset_days,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": a1.name if a1 else None,
        "actor1_id": a1.actor_id if a1 else None,
        "actor1_label": a1.label or None if a1 else None,  # no words: an actor by ACLED's default
        "actor2": a2.name if a2 else None,
        "actor2_id": a2.actor_id if a2 else None,
        "actor2_label": a2.label or None if a2 else None,
        "location": place.location,
        "place_id": place.place_id,
        "place_name": place.place_name,
        "admin1": place.admin1,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": place.geo_precision,
        "fatalities": event.fatalities.count if event.fatalities else None,
        "fatalities_rule": event.fatalities.rule if event.fatalities else None,
        "source_chain": list(event.claim.source_chain),
        "outlet": doc.outlet,
        "published": doc.published.isoformat() if doc.published else None,
        "evidence": [to_dict(e) for e in event.claim.evidence],
        "confidence": round(event.claim.confidence, 3),
        "actor1_label_tone": _tone(event, "actor1"),
        "actor2_label_tone": _tone(event, "actor2"),
        "slant": [
            {
                "technique": s.technique,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "score": round(s.score, 3),
                "rule": s.rule,
                "where": s.where,
            }
            for s in event.claim.slant
        ],
    }


def _tone(event: Event, role: str) -> str | None:
    """The tone the labels table gives the words the report uses for one side (None: unknown words)."""
    return next((label.tone for label in event.claim.labels if label.role == role), None)


# ------------------------------------------------------------------------------------------------- taxonomy


def _load_taxonomy() -> dict[str, tuple[str, ...]]:
    text = resources.files("frontlines").joinpath("data/acled-taxonomy.toml").read_text(encoding="utf-8")
    return {name: tuple(subs) for name, subs in tomllib.loads(text)["event_types"].items()}


TAXONOMY: Mapping[str, tuple[str, ...]] = _load_taxonomy()
"""ACLED event type -> its sub-event types."""
EVENT_TYPE_OF: Mapping[str, str] = {sub: name for name, subs in TAXONOMY.items() for sub in subs}
"""ACLED sub-event type -> the one event type it belongs to."""


# ---------------------------------------------------------------------------------------------------- types


class ContractError(ValueError):
    """A value the output contract does not allow, or a correction it does not permit; the message says why
    in words a user can act on."""


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SPACE_OR_CONTROL = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
# Control characters, invisible ones and bidi overrides/isolates; the bidi *marks* (LRM, RLM, ALM) are kept:
# gazetteers write them in Arabic names and they cannot reorder text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def _iso_date(value: str) -> str:
    if not _ISO_DATE.fullmatch(value):
        raise ValueError("should be an ISO date, YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"is not a calendar date ({exc})") from exc
    return value


def _clean(value: str) -> str:
    if not value.strip():
        raise ValueError("should not be blank")
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"holds the control character U+{ord(found.group()):04X}")
    return value


def _ident(value: str) -> str:
    if not value or _SPACE_OR_CONTROL.search(value):
        raise ValueError("should be one word: no spaces, no control characters")
    return value


def _event_type(value: str) -> str:
    if value not in TAXONOMY:
        raise ValueError(f"is not an ACLED event type; one of: {', '.join(TAXONOMY)}")
    return value


def _sub_event_type(value: str) -> str:
    if value not in EVENT_TYPE_OF:
        raise ValueError("is not an ACLED sub-event type; one of: " + ", ".join(EVENT_TYPE_OF))
    return value


Verbatim = Annotated[str, Field(strict=True)]  # words of a report, as written
Name = Annotated[str, Field(strict=True, max_length=300), AfterValidator(_clean)]  # a name people type
Ident = Annotated[str, Field(strict=True, max_length=200), AfterValidator(_ident)]  # an id people type
Hex = Annotated[str, Field(strict=True, pattern=r"^[0-9a-f]{20,64}$")]
IsoDate = Annotated[str, Field(strict=True), AfterValidator(_iso_date)]
EventType = Annotated[str, Field(strict=True), AfterValidator(_event_type)]
SubEventType = Annotated[str, Field(strict=True), AfterValidator(_sub_event_type)]
Latitude = Annotated[float, Field(strict=True, ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(strict=True, ge=-180, le=180, allow_inf_nan=False)]
GeoPrecision = Annotated[int, Field(strict=True, ge=1, le=3)]
TimePrecision = Annotated[int, Field(strict=True, ge=0, le=3)]
Offset = Annotated[int, Field(strict=True, ge=-36600, le=36600)]
# Deaths in one event: a non-negative integer; a million bounds typos (and stays exact in every JSON reader).
Deaths = Annotated[int, Field(strict=True, ge=0, le=1_000_000)]
Confidence = Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]


class EvidenceItem(BaseModel):
    """One `evidence` entry: `text[start:end]` of the stored document supports `field`."""

    model_config = ConfigDict(strict=True, extra="forbid")

    field: Annotated[str, Field(min_length=1)]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: str


class SlantItem(BaseModel):
    """One `slant` entry: `text[start:end]` uses `technique` (a name of the Propaganda Techniques Corpus), found
    by `rule` with `score`, tied to the event because it is in its sentence or in one naming actor1/actor2."""

    model_config = ConfigDict(strict=True, extra="forbid")

    technique: Annotated[str, Field(min_length=1)]
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: str
    score: Confidence
    rule: Annotated[str, Field(min_length=1)]
    where: Literal["sentence", "actor1", "actor2"]


Tone = Literal["pejorative", "neutral"]

FIELD_TYPES: Mapping[str, Any] = {
    "doc": Verbatim,
    "doc_id": Hex,
    "event_id": Hex,
    "event_date": IsoDate | None,
    "date_precision": TimePrecision,
    "date_offset_days": Offset | None,
    "event_type": EventType,
    "sub_event_type": SubEventType,
    "actor1": Name | None,
    "actor1_id": Ident | None,
    "actor1_label": Verbatim | None,
    "actor2": Name | None,
    "actor2_id": Ident | None,
    "actor2_label": Verbatim | None,
    "location": Verbatim,
    "place_id": Ident | None,
    "place_name": Verbatim | None,
    "admin1": Verbatim | None,
    "latitude": Latitude | None,
    "longitude": Longitude | None,
    "geo_precision": GeoPrecision | None,
    "fatalities": Deaths | None,
    "fatalities_rule": Verbatim | None,
    "source_chain": Annotated[list[Name], Field(strict=True)],  # empty: no source named, no outlet known
    "outlet": Verbatim | None,
    "published": IsoDate | None,
    "evidence": list[EvidenceItem],
    "confidence": Confidence,
    "actor1_label_tone": Tone | None,
    "actor2_label_tone": Tone | None,
    "slant": list[SlantItem],
}
"""Every contract field's type and range (docs/output-contract.md says the same in words)."""

_ADAPTERS: dict[str, TypeAdapter[Any]] = {name: TypeAdapter(kind) for name, kind in FIELD_TYPES.items()}


def problem(field: str, value: Any, error: ValidationError) -> str:
    """A one-line reason from a pydantic error: which field, which value, what is wrong with it."""
    first = error.errors()[0]
    message = str(first["msg"]).removeprefix("Value error, ")
    where = "".join(f"[{p}]" if isinstance(p, int) else "" for p in first["loc"])
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return f"{field}{where} = {shown}: {message}"


def check_value(field: str, value: Any) -> Any:
    """``value`` if the contract allows it in ``field``; ContractError with the reason otherwise."""
    if field not in _ADAPTERS:
        raise ContractError(f"unknown field {field!r}; fields: {', '.join(FIELDS)}")
    try:
        return _ADAPTERS[field].validate_python(value)
    except ValidationError as exc:
        raise ContractError(problem(field, value, exc)) from exc


def check_row(row: Mapping[str, Any]) -> None:
    """Check a whole contract row: every field present with its type and range, the sub-event type under its
    event type. ContractError names the first field that breaks the contract."""
    for field in FIELDS:
        if field not in row:
            raise ContractError(f"missing field {field!r}")
        check_value(field, row[field])
    if EVENT_TYPE_OF[row["sub_event_type"]] != row["event_type"]:
        raise ContractError(
            f"sub_event_type {row['sub_event_type']!r} belongs to {EVENT_TYPE_OF[row['sub_event_type']]!r}, "
            f"not to event_type {row['event_type']!r}"
        )


# ---------------------------------------------------------------------------------------------- user places


class UserPlace(BaseModel):
    """A gazetteer entry a user adds (`frontlines places add`, `gazetteer load`): the fields events take from
    it must fit the contract (`place_id`, `place_name`, `admin1`, `latitude`, `longitude`, `geo_precision`)."""

    model_config = ConfigDict(strict=True, extra="allow")

    id: Ident
    name: Name
    name_ar: Name | None = None
    alt_names: list[Name] = []
    kind: Ident
    admin1: Name | None = None
    lat: Latitude | None = None
    lon: Longitude | None = None
    precision: GeoPrecision | None = None


def check_place(record: Mapping[str, Any]) -> None:
    """ContractError naming the place and its first bad field, unless ``record`` (a gazetteer Place as a
    dict) fits the contract; a place has both coordinates or neither."""
    label = record.get("id") or record.get("name")
    try:
        UserPlace.model_validate(dict(record))
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0])
        raise ContractError(f"place {label!r}: {problem(field, record.get(field), exc)}") from exc
    if (record.get("lat") is None) != (record.get("lon") is None):
        raise ContractError(f"place {label!r}: give both lat and lon, or neither")
