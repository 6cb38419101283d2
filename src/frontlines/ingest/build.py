"""Turn what a format reader found into a ``Document`` (plus its warnings), the same way for every format.

Format readers yield :class:`Draft` records; :func:`finish` gives the document its final text, id and
language, and adds the non-fatal "language" problem for non-English text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from frontlines.ingest.language import guess_language
from frontlines.ingest.normalise import compose_text, hash_normalised, normalise_text
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


Found = Union["Draft", IngestProblem]  # what a format reader yields


def finish(draft: Draft, default_outlet: str | None = None) -> Iterator[Item]:
    """Yield the Document for ``draft`` (and a language warning), or a "no_text" problem if it has no text."""
    text = compose_text(draft.title, draft.body)
    normalised = normalise_text(text)
    if not normalised:
        yield IngestProblem(draft.source_uri, Kind.NO_TEXT, "no text found in this document")
        return
    language = guess_language(text)
    document = Document(
        id=hash_normalised(normalised),
        text=text,
        source_uri=draft.source_uri,
        title=_clean_field(draft.title),
        outlet=_clean_field(draft.outlet) or default_outlet,
        url=_clean_field(draft.url),
        published=draft.published if draft.published_source else None,
        published_source=draft.published_source if draft.published else None,
        language=language,
        external_id=_clean_field(draft.external_id),
        fmt=draft.fmt,
        meta=dict(draft.meta),
    )
    yield document
    if language is not None and language != "en":
        yield IngestProblem(
            draft.source_uri,
            Kind.LANGUAGE,
            f"text looks like language {language!r}; extraction supports English only",
            fatal=False,
            doc_id=document.id,
        )


def _clean_field(value: str | None) -> str | None:
    """Collapse whitespace in a one-line field; empty becomes None."""
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
