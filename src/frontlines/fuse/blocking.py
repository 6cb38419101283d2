"""Blocking: the pairs of sightings that may be one incident, found without comparing all pairs.

Sightings are put in classes by how wide their date is and how far their place may be (:class:`_Class`: the
span of days and the radius of the rules). Each class is indexed by a time bucket (of the class's own date
width) and a grid cell (of the class's own radius, in degrees; or, for sightings without coordinates, the
place's words). For two classes A and B, the sightings of one are looked up in the other's index over every
bucket their dates can overlap and every cell within the larger radius; the side that costs fewer look-ups
asks. The windows are exact bounds, not guesses:

- two spans of days overlap when their centres are at most the sum of their half-widths apart;
- two points d km apart differ by at most d / 111.19 degrees of latitude, and, by the haversine formula, by
  at most 2·asin(sin(d / 2R) / cos φ) in longitude, φ the largest latitude in the window (cells wrap around
  the antimeridian).

So no pair the rules accept is ever missed (tests check this against all pairs on random sets), and each
pair is looked at once. Every candidate is then checked with :meth:`Rules.why_not`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from frontlines.fuse.records import Sighting
from frontlines.fuse.rules import EARTH_RADIUS_KM, Rules, place_key

KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180  # along a meridian
MIN_CELL_DEGREES = 0.02  # cells of classes with a tiny radius stay this wide (about 2 km)

Key = tuple[int, object]  # (time bucket, cell): cell is (row, column) or the place's words


@dataclass(slots=True)
class _Class:
    """Sightings with one date width and one radius (None: no coordinates), and their index."""

    width: int  # the span's length in days minus one, doubled centres differ by at most the widths' sum
    radius: float | None
    members: list[int] = field(default_factory=list)
    index: dict[Key, list[int]] = field(default_factory=lambda: defaultdict(list))

    @property
    def bucket(self) -> int:
        return 2 * self.width + 2  # in doubled days: a bucket as wide as the class's spans

    @property
    def cell(self) -> float:
        return max(MIN_CELL_DEGREES, (self.radius or 0.0) / KM_PER_DEGREE)


@dataclass(frozen=True, slots=True)
class _Point:
    centre: int  # first + last day (doubled centre, an integer)
    width: int  # last - first
    lat: float | None
    lon: float | None
    words: str


def _points(sightings: Sequence[Sighting], rules: Rules) -> list[_Point | None]:
    out: list[_Point | None] = []
    for s in sightings:
        days = rules.days(s)
        words = place_key(s.location)
        if days is None or (s.latitude is None and not words):
            out.append(None)  # no date, or neither a point nor a name: an incident of its own
            continue
        out.append(_Point(days[0] + days[1], days[1] - days[0], s.latitude, s.longitude, words))
    return out


def _cell(cls: _Class, lat: float, lon: float) -> tuple[int, int]:
    g = cls.cell
    columns = math.ceil(360 / g)
    return math.floor((lat + 90) / g), math.floor((lon + 180) / g) % columns


def _cells(cls: _Class, point: _Point, reach_km: float) -> Iterator[object]:
    """The cells of ``cls``'s grid holding every point within ``reach_km`` of ``point``."""
    if point.lat is None or point.lon is None:
        yield point.words
        return
    g = cls.cell
    dlat = reach_km / KM_PER_DEGREE
    top = min(90.0, abs(point.lat) + dlat)
    cos_top = math.cos(math.radians(top))
    ratio = math.sin(reach_km / (2 * EARTH_RADIUS_KM)) / cos_top if cos_top > 1e-12 else 2.0
    dlon = 180.0 if ratio >= 1 else math.degrees(2 * math.asin(ratio)) + 1e-9
    columns = math.ceil(360 / g)
    first_row = math.floor((point.lat - dlat + 90) / g)
    last_row = math.floor((point.lat + dlat + 90) / g)
    first_col = math.floor((point.lon - dlon + 180) / g)
    last_col = math.floor((point.lon + dlon + 180) / g)
    if last_col - first_col + 1 >= columns:
        cols: Sequence[int] = range(columns)
    else:
        cols = sorted({c % columns for c in range(first_col, last_col + 1)})
    for row in range(first_row, last_row + 1):
        for col in cols:
            yield (row, col)


def _buckets(cls: _Class, point: _Point, reach: int) -> range:
    b = cls.bucket
    return range((point.centre - reach) // b, (point.centre + reach) // b + 1)


def _cost(asking: _Class, asked: _Class) -> float:
    """About how many index look-ups the members of ``asking`` make in ``asked``'s index."""
    reach = max(asking.radius or 0.0, asked.radius or 0.0) / KM_PER_DEGREE
    cells = (2 * reach / asked.cell + 2) ** 2 if asked.radius is not None else 1.0
    buckets = 2 * (asking.width + asked.width) / asked.bucket + 2
    return len(asking.members) * cells * buckets


def _ask(
    asking: _Class, asked: _Class, points: Sequence[_Point | None], centres: Sequence[int], same: bool
) -> Iterator[tuple[int, int]]:
    """The pairs of a member of ``asking`` and a member of ``asked`` within the windows (``same``: one
    class asking itself, each pair once)."""
    reach_km = max(asking.radius or 0.0, asked.radius or 0.0)
    for i in asking.members:
        point = points[i]
        assert point is not None
        reach = point.width + asked.width
        cells = list(_cells(asked, point, reach_km))
        for bucket in _buckets(asked, point, reach):
            for cell in cells:
                for j in asked.index.get((bucket, cell), ()):
                    if (j > i or not same) and abs(centres[j] - point.centre) <= reach:
                        yield (i, j) if i < j else (j, i)


def candidate_pairs(sightings: Sequence[Sighting], rules: Rules) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, of positions of ``sightings`` whose dates and places the rules may accept; each
    pair once. Every pair the rules accept is among them."""
    points = _points(sightings, rules)
    centres = [p.centre if p is not None else 0 for p in points]
    classes: dict[tuple[int, float | None], _Class] = {}
    for i, (s, point) in enumerate(zip(sightings, points, strict=True)):
        if point is None:
            continue
        radius = rules.radius(s)
        cls = classes.setdefault((point.width, radius), _Class(point.width, radius))
        cls.members.append(i)
        cell: object = point.words
        if point.lat is not None and point.lon is not None:
            cell = _cell(cls, point.lat, point.lon)
        cls.index[(point.centre // cls.bucket, cell)].append(i)
    ordered = [classes[k] for k in sorted(classes, key=lambda k: (k[0], -1.0 if k[1] is None else k[1]))]
    for a, first in enumerate(ordered):
        yield from _ask(first, first, points, centres, same=True)
        for second in ordered[a + 1 :]:
            if (first.radius is None) != (second.radius is None):
                continue  # a point and a name are never one place
            if _cost(first, second) <= _cost(second, first):
                yield from _ask(first, second, points, centres, same=False)
            else:
                yield from _ask(second, first, points, centres, same=False)
