"""Control areas as a specification: the Voronoi cells of the places with a history cover Syria's outline
exactly, without overlap; each cell is decided by its places' intervals; the km² series adds up to the country
at every date. Places and claims are built by hand."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
import shapely
from shapely.geometry import Point

from frontlines.control import build_index
from frontlines.control.areas import Tessellation, area_km2, outline, series_dates, to_plane
from frontlines.control.model import CONTESTED, HELD, UNKNOWN, Place

SIDES = {"syria-military": "government", "islamic-state": "jihadist", "sdf": "kurdish"}
TOLERANCE = 0.001  # 0.1%


def random_places(n: int, seed: int = 3) -> list[Place]:
    rng = random.Random(seed)
    country = outline()
    minx, miny, maxx, maxy = country.bounds
    places: list[Place] = []
    while len(places) < n:
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if country.contains(Point(lon, lat)):
            places.append(Place(f"p{len(places)}", f"Place {len(places)}", "Aleppo", lat, lon))
    return places


@pytest.mark.parametrize("n", [2, 3, 25, 400])
def test_the_areas_cover_the_country_without_overlap(n: int) -> None:
    places = random_places(n)
    tessellation = Tessellation.build(places)
    country_km2 = area_km2(outline())
    total = sum(cell.area_km2 for cell in tessellation.cells)
    union = shapely.union_all([to_plane(cell.geometry) for cell in tessellation.cells]).area / 1e6
    assert len(tessellation.cells) == n
    assert abs(total - country_km2) / country_km2 < TOLERANCE  # they cover it
    assert (
        abs(union - total) / total < TOLERANCE
    )  # and do not overlap (overlaps would make the union smaller)
    assert abs(tessellation.outline_km2 - country_km2) < 1e-6
    for cell in tessellation.cells:  # each cell holds its own place
        (place_id,) = cell.place_ids
        place = places[int(place_id[1:])]
        assert cell.geometry.buffer(1e-9).contains(Point(place.longitude, place.latitude))


def test_the_country_is_about_185_thousand_square_km() -> None:
    assert 180_000 < area_km2(outline()) < 190_000  # Syria without the Israeli-held Golan (Natural Earth)


def test_one_place_holds_the_whole_country_and_places_abroad_get_no_cell() -> None:
    aleppo = Place("aleppo", "Aleppo", "Aleppo", 36.2, 37.16)
    beirut = Place("beirut", "Beirut", None, 33.89, 35.5)
    nowhere = Place("nowhere", "Unplaced", None, None, None)
    tessellation = Tessellation.build([aleppo, beirut, nowhere])
    (cell,) = tessellation.cells
    assert cell.place_ids == ("aleppo",)
    assert abs(cell.area_km2 - tessellation.outline_km2) < 1e-6
    assert tessellation.outside == ["beirut"]


def test_places_at_one_point_share_a_cell() -> None:
    a = Place("a", "A", "Aleppo", 36.2, 37.16)
    b = Place("b", "B", "Aleppo", 36.2, 37.16)
    c = Place("c", "C", "Homs", 34.73, 36.71)
    assert sorted(cell.place_ids for cell in Tessellation.build([a, b, c]).cells) == [("a", "b"), ("c",)]


def row(event_id: str, place: Place, sub: str, date: str, actor1: str | None) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "doc_id": f"doc-{event_id}",
        "sub_event_type": sub,
        "event_date": date,
        "actor1_id": actor1,
        "actor1": actor1,
        "actor2_id": None,
        "actor2": None,
        "place_id": place.place_id,
        "place_name": place.name,
        "admin1": place.admin1,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": 1,
        "source_chain": ["SANA"],
        "confidence": 0.8,
    }


def test_an_area_at_a_date_is_its_places_holder_with_the_claims_that_decide_it() -> None:
    aleppo = Place("aleppo", "Aleppo", "Aleppo", 36.2, 37.16)
    raqqa = Place("raqqa", "Raqqa", "Raqqa", 35.95, 39.01)
    index = build_index(
        [
            row("e1", aleppo, "Government regains territory", "2016-12-22", "syria-military"),
            row("e2", raqqa, "Non-state actor overtakes territory", "2017-10-17", "sdf"),
        ],
        SIDES.get,  # type: ignore[arg-type]
    )
    tessellation = Tessellation.build(h.place for h in index.histories.values())
    states = {a.cell.place_ids: a for a in tessellation.at(index, dt.date(2017, 1, 1))}
    assert (states[("aleppo",)].status, states[("aleppo",)].label) == (HELD, "government")
    assert [c.event_id for s in states[("aleppo",)].states for c in s.interval.claims] == ["e1"]  # type: ignore[union-attr]
    assert (states[("raqqa",)].status, states[("raqqa",)].rule) == (UNKNOWN, "no-history-yet")


def test_places_of_one_cell_that_disagree_make_it_contested() -> None:
    a = Place("a", "A", "Aleppo", 36.2, 37.16)
    b = Place("b", "B", "Aleppo", 36.2, 37.16)
    index = build_index(
        [
            row("e1", a, "Government regains territory", "2016-01-01", "syria-military"),
            row("e2", b, "Non-state actor overtakes territory", "2016-01-01", "islamic-state"),
        ],
        SIDES.get,  # type: ignore[arg-type]
    )
    (area,) = Tessellation.build(h.place for h in index.histories.values()).at(index, dt.date(2016, 2, 1))
    assert (area.status, area.rule, area.holder) == (CONTESTED, "places-disagree", None)


def test_the_series_adds_up_to_the_country_at_every_date() -> None:
    places = random_places(30, seed=11)
    rows = [
        row(
            f"e{i}",
            p,
            "Government regains territory" if i % 2 else "Non-state actor overtakes territory",
            f"2016-0{1 + i % 6}-01",
            "syria-military" if i % 2 else "islamic-state",
        )
        for i, p in enumerate(places)
    ]
    index = build_index(rows, SIDES.get)  # type: ignore[arg-type]
    tessellation = Tessellation.build(h.place for h in index.histories.values())
    series = tessellation.series(index, series_dates(dt.date(2015, 12, 1), dt.date(2016, 8, 1), 30))
    by_date: dict[str, float] = {}
    for r in series:
        by_date[r["date"]] = by_date.get(r["date"], 0.0) + r["km2"]
    assert len(by_date) == 9
    for km2 in by_date.values():
        assert abs(km2 - tessellation.outline_km2) / tessellation.outline_km2 < TOLERANCE
    first = [r for r in series if r["date"] == "2015-12-01"]
    assert [(r["holder"], r["share"]) for r in first] == [("unknown", 1.0)]
    last = {r["holder"] for r in series if r["date"] == series[-1]["date"]}
    assert last == {"government", "islamic-state"}  # allied sides by side, other holders by name


@pytest.mark.parametrize(
    ("start", "end", "step", "count"),
    [("2016-01-01", "2016-01-01", 1, 1), ("2016-01-01", "2016-12-31", 30, 13)],
)
def test_series_dates_run_from_start_to_end_by_step(start: str, end: str, step: int, count: int) -> None:
    dates = series_dates(dt.date.fromisoformat(start), dt.date.fromisoformat(end), step)
    assert len(dates) == count and dates[0].isoformat() == start and dates[-1] <= dt.date.fromisoformat(end)
