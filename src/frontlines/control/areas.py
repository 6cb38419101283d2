"""Control areas: a Voronoi tessellation of the places with a history, clipped to Syria, and km² per holder.

Points are a poor map of control; areas are what analysts compare with DeepState's or the Carter Center's. Every
point of Syria is given to the nearest place with a control history (a Voronoi cell, computed by shapely/GEOS
in an equal-area projection), clipped to the country's outline (data/syria-outline.geojson, Natural Earth).
Each cell is traceable: it names the places that decide it (several when places share a point) and, at a date,
their intervals and claims. A cell's holder at a date is its places' common holder; places that disagree make
it contested (``places-disagree``); a cell with no known holder is unknown.

Areas are in square kilometres in a Lambert azimuthal equal-area projection centred on Syria (PROJ through
pyproj: equal-area by construction, so the areas are exact up to the outline's simplification). Places outside
the outline (a town across the border) keep their point but get no cell.

The tessellation depends only on which places have a history, not on the date: it is built once, and a date
(or a series of dates) only looks up each cell's places in the index.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pyproj
import shapely
from shapely.geometry import MultiPoint, shape
from shapely.geometry.base import BaseGeometry

from frontlines.control.claims import holder_label
from frontlines.control.index import ControlIndex, PlaceState
from frontlines.control.model import CONTESTED, HELD, UNKNOWN, Holder, Interval, Place

EQUAL_AREA = "+proj=laea +lat_0=35 +lon_0=38.5 +datum=WGS84 +units=m +no_defs"
"""Lambert azimuthal equal-area, centred on Syria."""
SAME_POINT_DEGREES = 1e-6  # places closer than this share one cell


@functools.cache
def outline() -> BaseGeometry:
    """Syria's outline (longitude/latitude), from the package data."""
    text = resources.files("frontlines.control").joinpath("data/syria-outline.geojson").read_text("utf-8")
    return shape(json.loads(text)["geometry"])


@functools.cache
def _transformers() -> tuple[pyproj.Transformer, pyproj.Transformer]:
    forward = pyproj.Transformer.from_crs("EPSG:4326", EQUAL_AREA, always_xy=True)
    backward = pyproj.Transformer.from_crs(EQUAL_AREA, "EPSG:4326", always_xy=True)
    return forward, backward


def _apply(transformer: pyproj.Transformer) -> Callable[[np.ndarray], np.ndarray]:
    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return project


def to_plane(geometry: BaseGeometry) -> BaseGeometry:
    """Longitude/latitude -> metres in the equal-area projection."""
    return shapely.transform(geometry, _apply(_transformers()[0]))


def to_lonlat(geometry: BaseGeometry) -> BaseGeometry:
    """Metres in the equal-area projection -> longitude/latitude."""
    return shapely.transform(geometry, _apply(_transformers()[1]))


def area_km2(geometry: BaseGeometry) -> float:
    """The area of a longitude/latitude geometry in square kilometres (equal-area projection)."""
    return float(to_plane(geometry).area) / 1e6


@dataclass(frozen=True, slots=True)
class Cell:
    """One area of the tessellation: the places that decide it, its shape (longitude/latitude), its area."""

    place_ids: tuple[str, ...]
    geometry: BaseGeometry
    area_km2: float


@dataclass(frozen=True, slots=True)
class AreaState:
    """A cell at a date: its holder (None unless held), status, rule, and the places' states behind it."""

    cell: Cell
    holder: Holder | None
    status: str
    rule: str
    states: tuple[PlaceState, ...]

    @property
    def label(self) -> str:
        """What the km² series counts it as: the holder's label when held, else the status."""
        return holder_label(self.holder) if self.status == HELD else self.status


class Tessellation:
    """The Voronoi cells of a set of places, clipped to Syria. Build with :meth:`build`."""

    def __init__(self, cells: Sequence[Cell], outline_km2: float, outside: Sequence[str]) -> None:
        self.cells = list(cells)
        self.outline_km2 = outline_km2
        self.outside = list(outside)  # place ids with a point outside the outline (no cell)

    @classmethod
    def build(cls, places: Iterable[Place]) -> Tessellation:
        country = outline()
        shapely.prepare(country)
        located = [p for p in places if p.latitude is not None and p.longitude is not None]
        inside = shapely.covers(country, shapely.points([(p.longitude, p.latitude) for p in located]))
        groups: dict[tuple[int, int], list[str]] = defaultdict(list)
        outside: list[str] = []
        for place, within in zip(located, np.atleast_1d(inside), strict=True):
            assert place.latitude is not None and place.longitude is not None
            if not within:
                outside.append(place.place_id)
                continue
            key = (round(place.longitude / SAME_POINT_DEGREES), round(place.latitude / SAME_POINT_DEGREES))
            groups[key].append(place.place_id)
        plane_outline = to_plane(country)
        keys = sorted(groups)
        if len(keys) == 1:
            polygons: list[BaseGeometry] = [plane_outline]
        elif keys:
            points = to_plane(
                MultiPoint([(k[0] * SAME_POINT_DEGREES, k[1] * SAME_POINT_DEGREES) for k in keys])
            )
            frame = plane_outline.envelope.buffer(100_000)
            voronoi = shapely.voronoi_polygons(points, extend_to=frame, ordered=True)
            polygons = list(shapely.intersection(np.array(voronoi.geoms, dtype=object), plane_outline))
        else:
            polygons = []
        cells = [
            Cell(tuple(sorted(groups[key])), to_lonlat(polygon), float(polygon.area) / 1e6)
            for key, polygon in zip(keys, polygons, strict=True)
            if not polygon.is_empty
        ]
        return cls(cells, float(plane_outline.area) / 1e6, outside)

    def at(self, index: ControlIndex, on: dt.date) -> list[AreaState]:
        """Every cell's holder and status at ``on``."""
        states = {s.place.place_id: s for s in index.at(on)}
        return [_cell_state(cell, [states[p] for p in cell.place_ids]) for cell in self.cells]

    def series(self, index: ControlIndex, dates: Iterable[dt.date]) -> list[dict[str, Any]]:
        """Square kilometres per holder label at each date ({date, holder, km2, share}), largest first; the
        areas of one date add up to the outline's area (no place yet: all of it unknown)."""
        rows: list[dict[str, Any]] = []
        for on in dates:
            totals: dict[str, float] = defaultdict(float)
            for area in self.at(index, on):
                totals[area.label] += area.cell.area_km2
            if not self.cells:
                totals[UNKNOWN] = self.outline_km2
            for label, km2 in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])):
                share = km2 / self.outline_km2 if self.outline_km2 else 0.0
                rows.append(
                    {"date": on.isoformat(), "holder": label, "km2": round(km2, 1), "share": round(share, 4)}
                )
        return rows


def _cell_state(cell: Cell, states: list[PlaceState]) -> AreaState:
    intervals = [s.interval for s in states if s.interval is not None]
    if not intervals:
        return AreaState(cell, None, UNKNOWN, "no-history-yet", tuple(states))
    kinds = {_kind(iv) for iv in intervals}
    if len(kinds) > 1:  # places of one point that nothing is known of yet do not disagree
        return AreaState(cell, None, CONTESTED, "places-disagree", tuple(states))
    first = intervals[0]
    return AreaState(cell, first.holder, first.status, first.rule, tuple(states))


def _kind(interval: Interval) -> tuple[str, str | None]:
    return interval.status, interval.holder.key if interval.holder is not None else None


def series_dates(start: dt.date, end: dt.date, step_days: int) -> list[dt.date]:
    """``start``, ``start + step``, ... up to and including ``end``."""
    if step_days < 1:
        raise ValueError("the step must be at least one day")
    count = (end - start).days // step_days + 1
    return [start + dt.timedelta(days=i * step_days) for i in range(max(count, 0))]
