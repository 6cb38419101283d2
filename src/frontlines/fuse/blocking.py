"""Blocking: the pairs of sightings that may be one incident, found without comparing all pairs.

Sightings are put in classes by how far their place may be (the radius of the rules) and whether their date
is a day or wider (a week, a month); sightings without coordinates are classes of their own, keyed by the
place's words. Each class is indexed by time bucket (a few times the class's widest span of days) and grid
cell (four times the class's radius, so that most discs of that radius touch one cell a side). For two
classes A and B, the sightings of one are looked up in the other's index over every bucket their spans of
days can overlap and every cell within the larger radius; the side that costs fewer look-ups asks. The
windows are exact bounds:

- two spans of days overlap when their centres are at most half their lengths' sum apart;
- two points d km apart differ by at most d / 111.19 degrees of latitude, and, by the haversine formula, by
  at most 2·asin(sin(d / 2R) / cos φ) in longitude, φ the largest latitude in the window (cells wrap around
  the antimeridian).

So no pair the rules accept is ever missed (tests check this against all pairs on random sets), and each
pair is looked at once. The look-ups of located sightings are done on whole classes at once with numpy
(each window's keys, then a binary search in the other class's sorted keys), and so are the cheap tests of
the rules (different reports, one family of types, the distance, with a hair's margin for rounding). Every
candidate is then checked with :meth:`Rules.why_not`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from frontlines.fuse.records import Sighting
from frontlines.fuse.rules import EARTH_RADIUS_KM, Rules, place_key

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180  # along a meridian
MIN_CELL_DEGREES = 0.02  # cells of classes with a tiny radius stay this wide (about 2 km)
CELL_RADII = 4  # a class's cells are this many of its radii wide: most windows then touch one cell a side
BUCKET_SPANS = 4  # a class's time buckets are this many of its widest spans long
NARROW = 2  # spans of at most this many days past the first (a day; a day or the one before) are "narrow"

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(slots=True)
class _Class:
    """Sightings with one radius (None: no coordinates) and one kind of date width, and their index."""

    radius: float | None
    members: list[int] = field(default_factory=list)
    width: int = 0  # the widest span of the members (last day - first day)
    top: float = 0.0  # the largest absolute latitude of the members
    lat_cell: float = 1.0
    lon_cell: float = 1.0
    keys: Ints = field(default_factory=lambda: np.zeros(0, np.int64))  # sorted (bucket, row, column) keys
    ordered: Ints = field(default_factory=lambda: np.zeros(0, np.int64))  # positions, in the keys' order
    words: dict[tuple[int, str], list[int]] = field(default_factory=dict)  # (bucket, words) -> positions

    @property
    def bucket(self) -> int:
        return BUCKET_SPANS * (2 * self.width + 2)  # in doubled days (see _Spans.centre)

    @property
    def rows(self) -> int:
        return math.ceil(180 / self.lat_cell) + 3  # rows -1 .. 180 / lat_cell + 1, shifted by one

    @property
    def columns(self) -> int:
        return round(360 / self.lon_cell)


@dataclass(frozen=True, slots=True)
class _Spans:
    """Every sighting's span of days, point and codes as arrays (a sighting that links to nothing: width -1)."""

    centre: Ints  # first + last day: twice the span's centre, an integer
    width: Ints  # last - first
    lat: Floats
    lon: Floats
    radius: Floats  # NaN: no coordinates
    doc: Ints  # the report, as a number
    family: Ints  # the sub-event type's family, as a number
    words: list[str]


def _spans(sightings: Sequence[Sighting], rules: Rules) -> _Spans:
    n = len(sightings)
    centre, width = [0] * n, [-1] * n
    lat, lon, radius = [math.nan] * n, [math.nan] * n, [math.nan] * n
    docs: dict[str, int] = {}
    families: dict[str, int] = {}
    doc, family, words = [0] * n, [0] * n, []
    family_of: dict[str, int] = {}
    for i, s in enumerate(sightings):
        days = rules.days(s)
        located = s.latitude is not None and s.longitude is not None
        words.append("" if located else place_key(s.location))
        doc[i] = docs.setdefault(s.doc_id, len(docs))
        if s.sub_event_type not in family_of:
            family_of[s.sub_event_type] = families.setdefault(rules.family(s.sub_event_type), len(families))
        family[i] = family_of[s.sub_event_type]
        if days is None or not (located or words[i]):
            continue  # no date, or neither a point nor a name: an incident of its own
        centre[i], width[i] = days[0] + days[1], days[1] - days[0]
        if s.latitude is not None and s.longitude is not None:
            lat[i], lon[i] = s.latitude, s.longitude
            radius[i] = rules.radius(s) or 0.0
    return _Spans(
        np.array(centre, np.int64),
        np.array(width, np.int64),
        np.array(lat, np.float64),
        np.array(lon, np.float64),
        np.array(radius, np.float64),
        np.array(doc, np.int64),
        np.array(family, np.int64),
        words,
    )


def _key(cls: _Class, bucket: Ints, row: Ints, column: Ints) -> Ints:
    """One integer per (bucket, row, column): mixed radix, so distinct cells never share a key."""
    return (bucket * cls.rows + (row + 1)) * cls.columns + column % cls.columns


def _classes(spans: _Spans) -> list[_Class]:
    classes: dict[tuple[float, bool], _Class] = {}
    located = ~np.isnan(spans.radius)
    for i, (width, radius) in enumerate(zip(spans.width.tolist(), spans.radius.tolist(), strict=True)):
        if width < 0:
            continue
        key = (-1.0 if math.isnan(radius) else radius, width > NARROW)
        cls = classes.get(key)
        if cls is None:
            cls = classes[key] = _Class(None if math.isnan(radius) else radius)
        cls.members.append(i)
    top = float(np.abs(spans.lat[located]).max()) if located.any() else 0.0
    for cls in classes.values():
        members = np.array(cls.members, np.int64)
        cls.width = int(spans.width[members].max())
        if cls.radius is None:
            for i in cls.members:
                cls.words.setdefault((int(spans.centre[i]) // cls.bucket, spans.words[i]), []).append(i)
            continue
        cls.top = float(np.abs(spans.lat[members]).max())
        reach = cls.radius / KM_PER_DEGREE
        cls.lat_cell = max(MIN_CELL_DEGREES, CELL_RADII * reach)
        wanted = cls.lat_cell / math.cos(math.radians(min(89.0, top + reach)))
        cls.lon_cell = 360.0 / max(1, math.floor(360.0 / wanted))  # columns tile the circle exactly
        keys = _key(
            cls,
            spans.centre[members] // cls.bucket,
            np.floor((spans.lat[members] + 90) / cls.lat_cell).astype(np.int64),
            np.floor((spans.lon[members] + 180) / cls.lon_cell).astype(np.int64),
        )
        order = np.argsort(keys, kind="stable")
        cls.keys, cls.ordered = keys[order], members[order]
    return [classes[k] for k in sorted(classes)]


def _window(reach_km: float, top: float) -> tuple[float, float]:
    """Degrees of latitude and longitude within which lies every point ``reach_km`` from a point whose
    latitude is at most ``top`` (absolute)."""
    dlat = reach_km / KM_PER_DEGREE
    cos_top = math.cos(math.radians(min(90.0, top + dlat)))
    ratio = math.sin(reach_km / (2 * EARTH_RADIUS_KM)) / cos_top if cos_top > 1e-12 else 2.0
    dlon = 180.0 if ratio >= 1 else math.degrees(2 * math.asin(ratio))
    return dlat + 1e-9, dlon + 1e-9


def _expand(counts: Ints) -> tuple[Ints, Ints]:
    """For counts [2, 0, 3]: the owner of each of the 5 items [0, 0, 2, 2, 2] and its rank [0, 1, 0, 1, 2]."""
    owner = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    starts = np.cumsum(counts) - counts
    return owner, np.arange(int(counts.sum()), dtype=np.int64) - starts[owner]


def _ask_points(asking: _Class, asked: _Class, spans: _Spans, same: bool) -> Ints:
    """Pairs (an array of [i, j], i < j) of a member of ``asking`` and one of ``asked`` (both located)
    within the windows; ``same``: one class asking itself."""
    a = np.array(asking.members, np.int64)
    dlat, dlon = _window(max(asking.radius or 0.0, asked.radius or 0.0), asking.top)
    centre, width = spans.centre[a], spans.width[a]
    reach = width + asked.width
    b0 = (centre - reach) // asked.bucket
    nb = (centre + reach) // asked.bucket - b0 + 1
    r0 = np.floor((spans.lat[a] - dlat + 90) / asked.lat_cell).astype(np.int64)
    nr = np.floor((spans.lat[a] + dlat + 90) / asked.lat_cell).astype(np.int64) - r0 + 1
    c0 = np.floor((spans.lon[a] - dlon + 180) / asked.lon_cell).astype(np.int64)
    nc = np.floor((spans.lon[a] + dlon + 180) / asked.lon_cell).astype(np.int64) - c0 + 1
    full = nc >= asked.columns
    c0[full], nc[full] = 0, asked.columns
    who, k = _expand(nb * nr * nc)
    cells = (nr * nc)[who]
    keys = _key(asked, b0[who] + k // cells, r0[who] + (k % cells) // nc[who], c0[who] + k % nc[who])
    low = np.searchsorted(asked.keys, keys, "left")
    found, rank = _expand(np.searchsorted(asked.keys, keys, "right") - low)
    i, j = a[who[found]], asked.ordered[low[found] + rank]
    keep = np.abs(spans.centre[i] - spans.centre[j]) <= spans.width[i] + spans.width[j]
    keep &= i < j if same else i != j
    keep &= (spans.doc[i] != spans.doc[j]) & (spans.family[i] == spans.family[j])
    i, j = i[keep], j[keep]
    near = _distances(spans, i, j) <= np.maximum(spans.radius[i], spans.radius[j]) + 1e-6
    i, j = i[near], j[near]
    return np.stack([np.minimum(i, j), np.maximum(i, j)], axis=1)


def _distances(spans: _Spans, i: Ints, j: Ints) -> Floats:
    """Haversine distances (km) of the pairs, as rules.distance_km computes them one by one."""
    p1, p2 = np.radians(spans.lat[i]), np.radians(spans.lat[j])
    h = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * np.cos(p2) * np.sin(np.radians(spans.lon[j] - spans.lon[i]) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _ask_words(asking: _Class, asked: _Class, spans: _Spans, same: bool) -> Iterator[tuple[int, int]]:
    """Pairs of unlocated members that name the place in the same words, within the time windows."""
    for i in asking.members:
        centre, width = int(spans.centre[i]), int(spans.width[i])
        reach = width + asked.width
        for b in range((centre - reach) // asked.bucket, (centre + reach) // asked.bucket + 1):
            for j in asked.words.get((b, spans.words[i]), ()):
                overlap = abs(int(spans.centre[j]) - centre) <= width + int(spans.width[j])
                fits = spans.doc[i] != spans.doc[j] and spans.family[i] == spans.family[j]
                if (j > i or not same) and overlap and fits:
                    yield (i, j) if i < j else (j, i)


def _cost(asking: _Class, asked: _Class) -> float:
    """About how many index look-ups the members of ``asking`` make in ``asked``'s index."""
    if asked.radius is None:
        return float(len(asking.members))
    reach = max(asking.radius or 0.0, asked.radius) / KM_PER_DEGREE
    cells = (2 * reach / asked.lat_cell + 2) * (2 * reach / asked.lon_cell + 2)
    buckets = 2 * (asking.width + asked.width) / asked.bucket + 2
    return len(asking.members) * cells * buckets


def candidate_pairs(sightings: Sequence[Sighting], rules: Rules) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of positions of ``sightings`` of different reports and one family of sub-event
    types whose dates and places the rules accept; each pair once. Every pair the rules accept is among them
    (the actors are left to Rules.why_not)."""
    spans = _spans(sightings, rules)
    ordered = _classes(spans)
    for a, first in enumerate(ordered):
        for second in ordered[a:]:
            if (first.radius is None) != (second.radius is None):
                continue  # a point and a name are never one place
            asking, asked = first, second
            if second is not first and _cost(second, first) < _cost(first, second):
                asking, asked = second, first
            if first.radius is None:
                yield from _ask_words(asking, asked, spans, same=first is second)
            else:
                pairs = _ask_points(asking, asked, spans, same=first is second)
                yield from zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), strict=True)
