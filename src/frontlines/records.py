"""The typed, frozen records that flow between pipeline stages.

Every stage is a function from some of these records to others (see docs/pipeline.md). They are plain frozen
dataclasses: cheap to build (the hot path makes thousands per document), hashable where that matters, and
serialisable through :func:`to_dict`. Character offsets always index ``Document.text``.

Read top to bottom, this file is the data model of frontlines:

    Document  --nlp/extract-->  Mention  --resolve-->  ActorRef / PlaceRef / DateRef / Fatalities
              --events-->  Event (with its Claim: source chain, evidence spans, confidence)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------------------------------- documents


class DateSource(str, enum.Enum):
    """Where a publication date came from. A date is never invented: no source, no date."""

    METADATA = "metadata"  # HTML meta tags / JSON-LD, via trafilatura
    FEED = "feed"  # RSS/Atom <pubDate>/<updated>
    FIELD = "field"  # a `published` field of a JSONL/CSV record
    TEXT = "text"  # a dateline or "Published: ..." line in the text itself
    USER = "user"  # given on the command line


@dataclass(frozen=True, slots=True)
class Document:
    """One news report, as ingested. ``id`` is the sha256 of the normalised text (see ingest.normalise)."""

    id: str
    text: str
    source_uri: str  # where it was read: a path, a URL, "path#L12" for a line of a JSONL file
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: DateSource | None = None
    language: str | None = None  # ISO 639-1 code guessed at ingest; None when too short to tell
    external_id: str | None = None  # the `id` field of a JSONL/CSV record
    fmt: str = "text"  # text | html | feed | jsonl | csv
    meta: Mapping[str, Any] = field(default_factory=dict)  # unknown input fields, kept verbatim
    slant: Slant | None = None  # set by the slant stage when the pipeline ran it (see frontlines.slant)


@dataclass(frozen=True, slots=True)
class IngestProblem:
    """A recorded, human-readable reason why (part of) an input was not ingested.

    ``kind`` is a stable machine code (binary, empty, too_large, decode, malformed_json, malformed_csv,
    malformed_feed, broken_html, no_text, fetch, unsupported; stage_error for a stored document a pipeline stage
    failed on, see :class:`StageFailure`); ``reason`` is the sentence shown to users.
    ``fatal`` is False for warnings that did not stop the document from being stored (e.g. non-English text).
    """

    source_uri: str
    kind: str
    reason: str
    fatal: bool = True
    doc_id: str | None = None


STAGE_ERROR = "stage_error"


@dataclass(frozen=True, slots=True)
class StageFailure:
    """A pipeline stage (nlp, extract, events, store) raised on one document. The batch goes on without it, the
    document is not marked extracted (the next `frontlines extract` tries it again), and the failure is stored
    as the document's problem (:meth:`problem`)."""

    doc_id: str
    source_uri: str
    stage: str
    error: str  # the exception's class name
    message: str  # the first line of its message, cut to 300 characters

    @classmethod
    def of(cls, document: Document, stage: str, exc: BaseException) -> StageFailure:
        lines = str(exc).strip().splitlines()
        message = lines[0][:300] if lines else ""
        return cls(document.id, document.source_uri, stage, type(exc).__name__, message)

    @property
    def reason(self) -> str:
        what = f"{self.error}: {self.message}" if self.message else self.error
        return (
            f"the {self.stage} stage failed on this document ({what}); it was not extracted, and the next "
            "`frontlines extract` tries it again"
        )

    def problem(self) -> IngestProblem:
        return IngestProblem(self.source_uri, STAGE_ERROR, self.reason, fatal=True, doc_id=self.doc_id)


# ------------------------------------------------------------------------------------------------- evidence


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``text[start:end]`` of a document that support a field."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span tied to the field of an event it supports (trigger, place, actor1, actor2, date, fatalities, source)."""

    field: str
    start: int
    end: int
    text: str


# -------------------------------------------------------------------------------------------------- slant


@dataclass(frozen=True, slots=True)
class SlantSpan:
    """Characters ``text[start:end]`` that use a propaganda technique (the names of the Propaganda Techniques
    Corpus: "Loaded_Language", "Name_Calling,Labeling", ...), how sure the finder is (0-1) and which rule or
    model found them ("model:ptc-linear", "labels:terrorist", "cue:doubt")."""

    technique: str
    start: int
    end: int
    text: str
    score: float
    rule: str
    where: str = ""  # on an event's claim: "sentence", "actor1" or "actor2" (why the span is tied to it)


@dataclass(frozen=True, slots=True)
class Slant:
    """A document's slant: its spans in text order and the words counted (for rates per 1,000 words)."""

    spans: tuple[SlantSpan, ...]
    words: int
    version: str  # the slant stage's model and data version


@dataclass(frozen=True, slots=True)
class ActorLabel:
    """The words a report uses for one side of an event and their tone: "pejorative" or "neutral" from the
    labels table (frontlines/slant/data/labels.toml), None when the table does not know them."""

    role: str  # actor1 | actor2
    actor_id: str
    label: str
    tone: str | None
    rule: str  # the table entry that decided, e.g. "labels:terrorist", "labels:proper-name", "labels:unlisted"


# ---------------------------------------------------------------------------------------------- resolutions


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as resolved from the text: the canonical actor and the words the report used for it."""

    actor_id: str  # id in the alias table, e.g. "syria-military"; "unidentified-armed-group" for bare labels
    name: str  # canonical ACLED-style name, e.g. "Military Forces of Syria"
    side: str  # government | opposition | jihadist | kurdish | turkey | coalition | israel | arab-tribes | druze |
    #   civilians | unknown (resolve/actors.py SIDES)
    category: str  # ACLED inter code name: state forces, rebel group, political militia, ..., civilians
    label: str  # the words as written: "terrorists", "Jeish al-Fatah"
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as resolved by the geocoder. ``place_id`` is None when the name stayed unresolved; the
    coordinates are then those of the best enclosing area the report gives, with a coarser precision."""

    location: str  # the place as written in the report
    place_id: str | None
    place_name: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None  # ACLED: 1 the place, 2 near it / part of a larger unit, 3 region/governorate
    rule: str = ""  # how it was matched, e.g. "exact", "variant", "fallback:admin1"
    span: Span | None = None


class DatePrecision(enum.IntEnum):
    """ACLED time precision: 1 the day is known, 2 the week, 3 the month; 0 unknown."""

    UNKNOWN = 0
    DAY = 1
    WEEK = 2
    MONTH = 3


@dataclass(frozen=True, slots=True)
class DateRef:
    """An event date. ``offset_days`` is kept relative to publication even when publication is unknown."""

    date: dt.date | None
    precision: DatePrecision
    offset_days: int | None  # relative to the report date: 0 "today", -1 "a day before"; None for absolute
    rule: str  # "publication", "publication:unknown", "explicit", "explicit:month", "explicit:no-year",
    #   "relative:yesterday", "relative:a day after", "weekday:Sunday<=D" (see resolve/dates.py)
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Fatalities:
    """Deaths only. ``rule`` says how the number was read ("exact", "acled:tens=10", "vague:a number=3")."""

    count: int
    rule: str
    span: Span | None = None


# ------------------------------------------------------------------------------------------------- events


@dataclass(frozen=True, slots=True)
class Claim:
    """Who says an event happened: ``source_chain`` nearest first (("SANA", "Press TV") when Press TV relays
    SANA), the evidence spans for each field, and how confident the pipeline is in its reading."""

    doc_id: str
    source_chain: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    confidence: float
    slant: tuple[SlantSpan, ...] = ()  # spans of the event's sentence and of sentences naming its actors
    labels: tuple[ActorLabel, ...] = ()  # the tone of each side's label (the slant stage sets both)


@dataclass(frozen=True, slots=True)
class Event:
    """One event: one place, one day, one actor pair, in the ACLED taxonomy, as claimed by one report."""

    event_id: str
    event_type: str
    sub_event_type: str
    date: DateRef
    actor1: ActorRef | None
    actor2: ActorRef | None
    place: PlaceRef
    fatalities: Fatalities | None
    claim: Claim
    sentence: Span  # the sentence the event was read from


# ------------------------------------------------------------------------------------------------ helpers


def to_dict(record: Any) -> Any:
    """Turn a record (or a nest of them) into JSON-ready Python values: dates as ISO strings, enums as values."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, enum.Enum):
        return record.value
    if isinstance(record, dt.date):
        return record.isoformat()
    if isinstance(record, Mapping):
        return {str(k): to_dict(v) for k, v in record.items()}
    if isinstance(record, list | tuple):
        return [to_dict(v) for v in record]
    return record
