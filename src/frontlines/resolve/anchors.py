"""The anchors of a report's places (geocode rule 2), laid out so that reading a candidate against them is cheap.

An anchor is a place an earlier pass resolved unambiguously. Each mention is read against the anchors of the
*other* mentions (a mention never anchors itself), and a candidate against those others that are not the
candidate itself; the rules ask whether one of them shares the candidate's subdistrict or district, how far the
candidate is from the nearest, and how far apart they lie (their spread). Asked naively, each question costs
the number of anchors (the spread its square) for every candidate: cubic in a report's length. Here the
anchors are counted and measured once; a question then only corrects for the at most two places it leaves out
(the mention's own anchor and the candidate), which every answer below does exactly:

- shared subdistrict / district: counts of the anchors' codes, less the left-out places';
- spread: for each anchor its three farthest fellow anchors; with at most two left out, the farthest
  remaining partner of every remaining anchor is among its three;
- nearest anchor: a pass over the anchors, which stops at the first within the limit of the rule.

Distances are report_context.km's (an equirectangular approximation, 0 for a place without coordinates), in
plain floats: a window has a handful of anchors (rarely over a dozen), for which numpy's cost per call was
several times that of the arithmetic.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from frontlines.resolve.gazetteer import Place

EARTH_KM = 6371.0


def _same(kept: Place, place: Place) -> bool:
    """Is ``place`` the place an answer was kept for (or one equal to it, as a dictionary's key would be)?"""
    return kept is place or kept == place


def _kms(lat0: float, lon0: float, points: list[tuple[float, float] | None]) -> Iterator[float]:
    """report_context.km from (lat0, lon0) to each point in turn (0 to None), written out: the same operations
    in the same order, so the same floats, without a call and the checks for coordinates per anchor."""
    radians, cos, hypot = math.radians, math.cos, math.hypot
    for pt in points:
        yield (
            0.0
            if pt is None
            else EARTH_KM
            * hypot(radians(pt[1] - lon0) * cos(radians((lat0 + pt[0]) / 2)), radians(pt[0] - lat0))
        )


class Fit(NamedTuple):
    """How a candidate place sits among the anchors of the other mentions."""

    same_subdistrict: bool  # one of them lies in its subdistrict
    same_district: bool  # one of them lies in its district
    far: bool  # it is farther from all of them than the limit and twice their spread


class Anchors:
    """The anchors of one window of a report: ``anchored`` maps a mention's index to its anchor place."""

    def __init__(self, anchored: dict[int, Place]) -> None:
        self.anchored = anchored
        self.mentions = Counter(p.id for p in anchored.values())  # place id -> mentions it anchors
        places: dict[str, Place] = {}
        for place in anchored.values():
            places.setdefault(place.id, place)
        self.places = list(places.values())
        self.index = {p.id: i for i, p in enumerate(self.places)}
        self.admin3 = Counter(p.admin3_pcode for p in self.places if p.admin3_pcode)
        self.admin2 = Counter(p.admin2_pcode for p in self.places if p.admin2_pcode)
        # (lat, lon) of each anchor, None without a point
        self.points = [
            (p.lat, p.lon) if p.lat is not None and p.lon is not None else None for p in self.places
        ]
        self.partners = self._farthest_partners()
        # kept by the place's id (hashing a Place hashes all its fields), with the place, which a look-up
        # checks: an answer is only ever given for the very place, or one equal to it
        self._fits: dict[tuple[str, tuple[int, ...], float, float], tuple[Place, Fit]] = {}
        self._spreads: dict[tuple[int, ...], float] = {}
        self._admin1 = self._admin1_order()

    def _farthest_partners(self) -> list[list[tuple[float, int]]]:
        """For each anchor, its (up to) three farthest fellow anchors as (distance, index), farthest first."""
        partners = []
        for i, point in enumerate(self.points):
            row = [0.0] * len(self.points) if point is None else _kms(point[0], point[1], self.points)
            partners.append(sorted(((d, j) for j, d in enumerate(row) if j != i), reverse=True)[:3])
        return partners

    def _left_out(self, mention: int, place: Place) -> list[int]:
        """Indices of the anchors the mention's reading of ``place`` leaves out: the place itself, and the
        mention's own anchor when no other mention anchors it."""
        out = set()
        if place.id in self.index:
            out.add(self.index[place.id])
        own = self.anchored.get(mention)
        if own is not None and self.mentions[own.id] == 1:
            out.add(self.index[own.id])
        return sorted(out)

    def fit(self, mention: int, place: Place, far_km: float, slack_km: float = 0.0) -> Fit | None:
        """How ``place``, read for ``mention``, sits among the other anchors; None when none is left.
        ``slack_km``: how much farther a place whose point is only approximate may lie."""
        left_out = self._left_out(mention, place)
        if len(self.places) - len(left_out) <= 0:
            return None
        key = (place.id, tuple(left_out), far_km, slack_km)
        found = self._fits.get(key)  # the same reading of the same place among the same anchors: the same fit
        if found is None or not _same(found[0], place):
            found = self._fits[key] = (place, self._fit(place, left_out, far_km, slack_km))
        return found[1]

    def _fit(self, place: Place, left_out: list[int], far_km: float, slack_km: float) -> Fit:
        gone = [self.places[i] for i in left_out]
        a3, a2 = place.admin3_pcode, place.admin2_pcode
        same3 = a3 is not None and a3 != "" and self.admin3[a3] - sum(p.admin3_pcode == a3 for p in gone) > 0
        same2 = a2 is not None and a2 != "" and self.admin2[a2] - sum(p.admin2_pcode == a2 for p in gone) > 0
        # Far from the report's cluster: it takes two anchors to make one (a lone anchor is no cluster).
        remaining = len(self.places) - len(left_out)
        far = False
        if remaining >= 2:
            # (a place within the limit is not far whatever the anchors' spread: that is then not asked)
            nearest = self._nearest_beyond(place, left_out, far_km + slack_km)
            far = nearest is not None and nearest > max(far_km, 2 * self._spread(left_out)) + slack_km
        return Fit(same3, same2, far)

    def _spread(self, left_out: list[int]) -> float:
        """The largest distance between two anchors that are not left out (0 with fewer than two)."""
        key = tuple(left_out)
        found = self._spreads.get(key)
        if found is None:
            found = self._spreads[key] = self._spread_of(left_out)
        return found

    def _spread_of(self, left_out: list[int]) -> float:
        return max(
            (
                d
                for i, row in enumerate(self.partners)
                if i not in left_out
                for d, j in row
                if j not in left_out
            ),
            default=0.0,
        )

    def _nearest_beyond(self, place: Place, left_out: list[int], limit: float) -> float | None:
        """The distance from ``place`` to its nearest anchor not left out; None as soon as one lies within
        ``limit`` (a place near the cluster is not far, however near), and for a place without a point."""
        lat0, lon0 = place.lat, place.lon
        if lat0 is None or lon0 is None:
            return None
        nearest = math.inf
        for i, d in enumerate(_kms(lat0, lon0, self.points)):
            if i in left_out:
                continue
            if not d > limit:
                return None
            nearest = min(nearest, d)
        return nearest

    # ------------------------------------------------------------------------------ the fallback governorate

    def _admin1_order(self) -> dict[str, tuple[int, list[int]]]:
        """Governorate code -> (mentions anchored in it, the mentions in order)."""
        out: dict[str, tuple[int, list[int]]] = {}
        for mention, place in self.anchored.items():
            if place.admin1_pcode:
                count, where = out.get(place.admin1_pcode, (0, []))
                where.append(mention)
                out[place.admin1_pcode] = (count + 1, where)
        return out

    def admin1_of_others(self, mention: int) -> str | None:
        """The governorate the other mentions' anchors lie in most often (the first named on a tie), as
        ``Counter(...).most_common(1)`` over their anchors in mention order gives it."""
        best: tuple[int, int, str] | None = None  # (-count, first mention, code)
        for code, (count, where) in self._admin1.items():
            others = [m for m in where[:2] if m != mention]
            n = count - (1 if mention in self.anchored and self.anchored[mention].admin1_pcode == code else 0)
            if n <= 0 or not others:
                continue
            key = (-n, others[0], code)
            if best is None or key < best:
                best = key
        return None if best is None else best[2]
