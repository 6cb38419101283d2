"""Turn what a format reader found into a ``Document`` (plus its warnings), the same way for every format.

Format readers yield :class:`Draft` records; :func:`finish` gives the document its final text, id,
language and date, and adds the non-fatal problems ("language", "control_characters", the reader's own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from frontlines.ingest.datelines import date_in_text
from frontlines.ingest.language import guess_language
from frontlines.ingest.markup import plain_field
from frontlines.ingest.normalise import (
    clean_text,
    compose_text,
    hash_normalised,
    normalise_text,
    removed_characters,
)
from frontlines.records import DateSource, Document, IngestProblem

Item = Document | IngestProblem  # what ingest yields


class Kind:
    """The stable ``IngestProblem.kind`` codes (see README.md for what each one means)."""

    BINARY = "binary"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    DECODE = "decode"
    MALFORMED_JSON = "malformed_json"
    MALFORMED_CSV = "malformed_csv"
    MALFORMED_FEED = "malformed_feed"
    BROKEN_HTML = "broken_html"
    NO_TEXT = "no_text"
    FETCH = "fetch"
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    UNSUPPORTED = "unsupported"
    LANGUAGE = "language"
    CONTROL_CHARACTERS = "control_characters"
    FETCH_TIMEOUT = "fetch_timeout"
    INTERNAL = "internal"


@dataclass(frozen=True, slots=True)
class Draft:
    """A document as one format reader found it, before text composition, id and language."""

    source_uri: str
    fmt: str
    body: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_source: DateSource | None = None
    external_id: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[tuple[str, str], ...] = ()  # (kind, reason) of non-fatal problems found while reading


Found = Union["Draft", IngestProblem]  # what a format reader yields


def finish(draft: Draft, default_outlet: str | None = None) -> Iterator[Item]:
    """Yield the Document for ``draft`` and its warnings, or a "no_text" problem if it has no text.

    Titles and outlets are one-line plain text (entities decoded, tags removed); the text loses control and
    bidirectional-control characters, with a "control_characters" warning saying what went. A document
    without a date of its own takes the one its first lines state (see datelines.py).
    """
    title = _plain_field(draft.title)
    text = compose_text(title, draft.body)
    normalised = normalise_text(text)
    if not normalised:
        yield IngestProblem(draft.source_uri, Kind.NO_TEXT, "no text found in this document")
        return
    published = draft.published if draft.published_source else None
    published_source = draft.published_source if published else None
    if published is None and (published := date_in_text(text, [draft.meta.get("published")])):
        published_source = DateSource.TEXT
    language = guess_language(text)
    document = Document(
        id=hash_normalised(normalised),
        text=text,
        source_uri=draft.source_uri,
        title=title,
        outlet=_plain_field(draft.outlet) or default_outlet,
        url=_clean_field(draft.url),
        published=published,
        published_source=published_source,
        language=language,
        external_id=_clean_field(draft.external_id),
        fmt=draft.fmt,
        meta=dict(draft.meta),
    )
    yield document
    warnings = list(draft.warnings)
    if removed := removed_characters(f"{draft.title or ''}\n{draft.outlet or ''}\n{draft.body}"):
        warnings.append((Kind.CONTROL_CHARACTERS, f"removed {removed} from the text"))
    if language is not None and language != "en":
        warnings.append(
            (Kind.LANGUAGE, f"text looks like language {language!r}; extraction supports English only")
        )
    for kind, reason in warnings:
        yield IngestProblem(draft.source_uri, kind, reason, fatal=False, doc_id=document.id)


def _plain_field(value: str | None) -> str | None:
    """A title or outlet: controls removed first (so none can hide a tag), then markup, then whitespace."""
    return _clean_field(plain_field(clean_text(value))) if value else None


def _clean_field(value: str | None) -> str | None:
    """A one-line field: controls removed, whitespace collapsed; empty becomes None."""
    if value is None:
        return None
    value = " ".join(clean_text(str(value)).split())
    return value or None
