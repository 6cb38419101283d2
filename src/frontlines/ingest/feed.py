"""RSS and Atom feeds via feedparser: one Document per entry.

Each entry gives its title, link (``url``), published/updated date (``DateSource.FEED``) and text: the
full page text when the entry carries it (content:encoded, Atom content), else the summary, with HTML
stripped. The outlet is the entry's own source (``<source>``) or else the feed title.

A broken entry (no text, or one that makes the reader fail) gives a "malformed_feed" problem for that
entry only; ``source_uri`` of entry n (1-based) is ``f"{feed_uri}#E{n}"``.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from frontlines.ingest.build import Draft, Found, Kind
from frontlines.ingest.dates import parse_date
from frontlines.ingest.htmlpage import html_to_text
from frontlines.records import DateSource, IngestProblem

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CHARREF = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]{1,8})|(?P<dec>[0-9]{1,10}));?")


def _safe_charref(match: re.Match[str]) -> str:
    """A numeric character reference to a surrogate or past U+10FFFF (``&#xd800;``) as U+FFFD: feedparser
    fails on the whole feed when it meets one."""
    value = int(match.group("hex"), 16) if match.group("hex") else int(match.group("dec"))
    return "&#xFFFD;" if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else match.group(0)


def read_feed(text: str, source_uri: str) -> Iterator[Found]:
    """Drafts for the entries of an RSS/Atom feed, and a problem per broken entry."""
    # Bytes, not str: feedparser would take a short str for a file name or URL and open it. The text is
    # already decoded, so the XML declaration must not name another encoding.
    text = _CHARREF.sub(
        _safe_charref, _XML_DECLARATION.sub('<?xml version="1.0" encoding="utf-8"?>', text, count=1)
    )
    try:
        parsed = feedparser.parse(text.encode("utf-8"), sanitize_html=False, resolve_relative_uris=False)
    except Exception as err:  # a third-party parser on hostile input: any failure means "not readable"
        yield IngestProblem(
            source_uri, Kind.MALFORMED_FEED, f"not a readable RSS/Atom feed ({type(err).__name__})"
        )
        return
    if not parsed.entries:
        error = parsed.get("bozo_exception")
        reason = f"not a readable RSS/Atom feed ({error})" if error else "RSS/Atom feed without entries"
        yield IngestProblem(source_uri, Kind.MALFORMED_FEED, reason)
        return
    feed_title = outlet_of_feed(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        entry_uri = f"{source_uri}#E{number}"
        try:
            draft = _entry_draft(entry, entry_uri, feed_title)
        except (AttributeError, KeyError, TypeError, ValueError) as err:
            yield IngestProblem(
                entry_uri, Kind.MALFORMED_FEED, f"feed entry {number} could not be read: {err}"
            )
            continue
        if draft is None:
            yield IngestProblem(
                entry_uri, Kind.MALFORMED_FEED, f"feed entry {number} has no text (no content and no summary)"
            )
            continue
        yield draft


_SECTION = re.compile(r"^(?P<outlet>.+?)\s+[-|–—:]\s+(?P<section>[^-|–—:]+)$")


def outlet_of_feed(title: str | None) -> str | None:
    """The outlet a feed title names, without its section: "Levant Wire - Syria" -> "Levant Wire",
    "Example News | Middle East" -> "Example News". A longer tail, or one after a shorter head, is kept."""
    if not title or len(title) > 300:  # a long title is no outlet name; and the pattern is not linear
        return title.strip() if title else title
    m = _SECTION.match(title.strip())
    # Strip only a short tail after a name at least as long ("Syria | The Guardian" and "Middle East - Al
    # Jazeera English" name the section first: kept whole, rather than named by their section).
    if m and len(m.group("section").split()) <= min(2, len(m.group("outlet").split())):
        return m.group("outlet")
    return title.strip()


def _entry_draft(entry: Mapping[str, Any], entry_uri: str, feed_title: str | None) -> Draft | None:
    title = _plain(entry.get("title", ""), entry.get("title_detail"))
    body = _entry_body(entry)
    if not body.strip():
        return None  # a title alone is a headline, not a report
    published = _entry_date(entry)
    source = entry.get("source") or {}
    return Draft(
        source_uri=entry_uri,
        fmt="feed",
        body=body,
        title=title or None,
        outlet=source.get("title") or feed_title,
        url=entry.get("link"),
        published=published,
        published_source=DateSource.FEED if published else None,
        external_id=entry.get("id"),
    )


def _entry_body(entry: Mapping[str, Any]) -> str:
    """The longest text the entry carries: its content blocks, else its summary."""
    for content in entry.get("content") or []:
        text = _plain(content.get("value", ""), content)
        if text.strip():
            return text
    return _plain(entry.get("summary", ""), entry.get("summary_detail"))


def _plain(value: str, detail: Mapping[str, Any] | None) -> str:
    """``value`` as plain text: HTML content types (or anything that looks like markup) are stripped."""
    kind = (detail or {}).get("type", "")
    if kind in _HTML_TYPES or "<" in value:
        return html_to_text(value)
    return value.strip()


def _entry_date(entry: Mapping[str, Any]) -> dt.date | None:
    """The date as the feed wrote it (published, else updated); feedparser's UTC tuple as a fallback."""
    for key in ("published", "updated", "created"):
        found = parse_date(entry.get(key))
        if found is not None:
            return found
        parsed = entry.get(f"{key}_parsed")
        if isinstance(parsed, time.struct_time):
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None
