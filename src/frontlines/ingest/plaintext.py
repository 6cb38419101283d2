"""Plain-text reports: the title on the first non-empty line, then the body.

Recognised in the first lines (and removed from the text, because they are metadata, not report):

* ``Source: [Outlet](url)`` or ``Source: Outlet`` - the outlet, and the link target as ``url`` unless ``#``;
* ``Published: 12 March 2016`` (also ``Date:``/``Dated:``/``Posted:``) or an ISO date alone on a line - the
  publication date, with ``DateSource.TEXT``. A date line that is not a full date ("Published: March 2016")
  is kept in ``meta["published"]`` as written, as for corpus records.

Without a Source line, a leading dateline ``OUTLET – text`` or ``CITY, (OUTLET) – text`` in the first body
paragraph names the outlet when the name is a known outlet (outlets.txt) or looks like one ("... TV",
"... News"). That dateline stays in the text; without a date line it may date the report (datelines.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from frontlines.ingest.build import Draft
from frontlines.ingest.dates import parse_date
from frontlines.records import DateSource

HEADER_LINES = 8  # metadata lines are looked for among the first non-empty lines only
# Matched against stripped lines: a pattern ending in "(.+?)\s*$" takes quadratic time on long space runs.
_SOURCE_LINE = re.compile(r"^Source *: *(?:\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]*)\)|(?P<plain>.+))$", re.I)
_DATE_LINE = re.compile(r"^(?:Published|Date|Dated|Posted)(?: +on)? *: *(?P<date>.+)$", re.I)
_ISO_DATE_LINE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)$")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_DATELINE = re.compile(r"^(?P<lead>[^\n–—]{2,60}?)\s+(?:–|—|-{1,2})\s+\S")
_PAREN_OUTLET = re.compile(r"\((?P<name>[A-Z][\w .&'-]{1,30})\)\s*$")
_OUTLET_WORDS = re.compile(r"\b(?:TV|News|Agency|Press|Radio|Times|Post|Daily|Network|Media|Channel)\b")
_CAPITALISED_NAME = re.compile(r"^[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,4}$")


def read_text_report(text: str, source_uri: str) -> Iterator[Draft]:
    """One Draft for a plain-text report (a generator, like every format reader)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title, outlet, url, published = None, None, None, None
    partial = ""  # a date line that is not a full date: kept in meta, it may lend its year to a dateline
    kept: list[str] = []
    seen_nonempty = 0
    for line in lines:
        if line.strip():
            seen_nonempty += 1
        in_header = 0 < seen_nonempty <= HEADER_LINES and line.strip()
        if in_header and title is None:
            title = _HEADING.sub("", line).strip()
            continue
        stripped = " ".join(line.split()) if in_header and len(line) < 1_000 else ""
        if in_header and outlet is None and (source := _SOURCE_LINE.match(stripped)):
            outlet = source.group("name") or source.group("plain")
            url = source.group("url") if source.group("url") not in (None, "", "#") else None
            continue
        if (
            in_header
            and published is None
            and (dated := _DATE_LINE.match(stripped) or _ISO_DATE_LINE.match(stripped))
        ):
            published = parse_date(dated.group("date"))
            if published is not None:
                continue
            if dated.re is _DATE_LINE and not partial:  # "Published: March 2016": metadata, but no date
                partial = dated.group("date")
                continue
        kept.append(line)
    body = "\n".join(kept)
    if outlet is None:
        outlet = outlet_from_dateline(body)
    yield Draft(
        source_uri=source_uri,
        fmt="text",
        body=body,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        published_source=DateSource.TEXT if published else None,
        meta={"published": partial} if partial and published is None else {},
    )


def outlet_from_dateline(body: str) -> str | None:
    """The outlet named by a leading "OUTLET – ..." dateline of the first paragraph, if it looks like one."""
    match = _DATELINE.match(body.lstrip())
    if match is None:
        return None
    lead = match.group("lead").strip()
    if paren := _PAREN_OUTLET.search(lead):
        return paren.group("name").strip()
    if not _CAPITALISED_NAME.match(lead):
        return None
    if _key(lead) in known_outlets() or _OUTLET_WORDS.search(lead):
        return lead
    return None


@cache
def known_outlets() -> frozenset[str]:
    """Outlet names from the package data file outlets.txt, as matching keys."""
    data = resources.files("frontlines.ingest").joinpath("outlets.txt").read_text(encoding="utf-8")
    return frozenset(_key(line) for line in data.splitlines() if line.strip() and not line.startswith("#"))


def _key(name: str) -> str:
    return "".join(name.split()).casefold()
