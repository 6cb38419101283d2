"""Query parameters the API reads itself: bounding boxes, cursors, names; and the error every bad one gives.

A bad parameter raises :class:`ApiError` with a message a user can act on; the app answers it with its status
(400 by default) and ``{"detail": message}``, never with a 500.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from collections.abc import Iterable
from typing import Any

from frontlines.contract import EVENT_TYPE_OF

MAX_LIMIT = 5000
DEFAULT_LIMIT = 100
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class ApiError(Exception):
    """A request the API refuses: ``status`` and a message that says why."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` in WGS84 degrees; ApiError for anything else."""
    if text is None:
        return None
    parts = text.split(",")
    usage = "bbox is minlon,minlat,maxlon,maxlat in degrees, e.g. 36.0,35.5,38.5,37.0"
    if len(parts) != 4:
        raise ApiError(f"{usage}; got {len(parts)} value(s)")
    try:
        values = [float(p) for p in parts]
    except ValueError as exc:
        raise ApiError(f"{usage}; {text[:80]!r} has a value that is not a number") from exc
    if not all(math.isfinite(v) for v in values):
        raise ApiError(f"{usage}; every value must be a finite number")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ApiError(f"{usage}; longitudes are between -180 and 180")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ApiError(f"{usage}; latitudes are between -90 and 90")
    if min_lon > max_lon or min_lat > max_lat:
        raise ApiError(f"{usage}; the minimum is above the maximum")
    return min_lon, min_lat, max_lon, max_lat


def encode_cursor(*key: Any) -> str:
    """An opaque cursor for a keyset position."""
    return (
        base64.urlsafe_b64encode(json.dumps(list(key), separators=(",", ":")).encode()).decode().rstrip("=")
    )


def decode_cursor(text: str | None, kinds: tuple[type, ...]) -> tuple[Any, ...] | None:
    """The keyset position a cursor of :func:`encode_cursor` holds, checked against ``kinds``; ApiError for
    a cursor the API did not give."""
    if text is None:
        return None
    bad = ApiError("cursor: not a cursor this API gave (pass next_cursor back unchanged)")
    if len(text) > 400:
        raise bad
    try:
        value = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise bad from exc
    if not isinstance(value, list) or len(value) != len(kinds):
        raise bad
    for item, kind in zip(value, kinds, strict=True):
        if type(item) is not kind:
            raise bad
    return tuple(value)


def event_cursor(text: str | None) -> tuple[str, str] | None:
    """An events cursor: (event date or '', event id)."""
    key = decode_cursor(text, (str, str))
    if key is None:
        return None
    if key[0] and not _DAY.fullmatch(key[0]):
        raise ApiError("cursor: not a cursor this API gave (pass next_cursor back unchanged)")
    return key[0], key[1]


def folded(values: Iterable[str] | None) -> set[str]:
    return {v.casefold().strip() for v in values or () if v.strip()}


def stored_names(given: Iterable[str] | None, stored: Iterable[str]) -> tuple[str, ...] | None:
    """The stored names that match what a user gave (without case): () when no filter was given, None when
    none matches (the filter then matches nothing)."""
    wanted = folded(given)
    if not wanted:
        return ()
    found = tuple(sorted(s for s in stored if s.casefold().strip() in wanted))
    return found or None


def sub_event_types(given: Iterable[str] | None) -> tuple[str, ...]:
    """ACLED sub-event types, as given; ApiError naming the valid ones for any other name."""
    names = tuple(v for v in given or () if v.strip())
    unknown = [n for n in names if n not in EVENT_TYPE_OF]
    if unknown:
        raise ApiError(
            f"sub_event_type {unknown[0][:100]!r} is not an ACLED sub-event type; one of: "
            + ", ".join(EVENT_TYPE_OF)
        )
    return names
