"""Build of the packaged gazetteer: sources merged into one place per real place (``places-merged.csv``).

Run by ``scripts/build_gazetteer.py``; these are its rules, specified in ``tests/test_gazetteer_build.py``.

1. The seed (``syria-places.csv``: OCHA admin units and Aleppo communities, GeoNames towns) keeps every row and
   every id: the gold refers to them.
2. GeoNames cities500 rows of Syria add their alternate names to the seed row with their GeoNames id; a row the
   seed lacks is matched to a seed place (below), else it is a new place ``geonames:<id>``.
3. Each point of the Wikipedia control-map supplement is matched to the places so far: a match is the same
   place, which gets the point's spellings as alternate names and, when the seed had only its subdistrict's
   centroid, the point as its coordinate (``coord_source`` wikipedia). Unmatched points become new places
   ``wiki:<slug>``; their admin units are those of the nearest seed subdistrict centroid (approximate: there
   are no polygons), said in their ``source``.
4. A match needs both the name and the place: a name match by :class:`Gazetteer` (transliteration-robust,
   score >= 0.9, or >= 0.75 within 3 km), never via a "Jabal X -> X" head rule, a compatible kind (a village
   is not a hill), and distance: within 10 km of a place's own point, or, for a place known only by its
   subdistrict's centroid, within 35 km of that centroid with the subdistrict one of the point's four nearest
   (score >= 0.86; of several such places only the best spelled).
5. Places abroad (cities500 of other countries, see :func:`select_foreign`) become kind foreign_city with their
   country code, unless they are the same as a Syrian place (matched as above).
6. A country's name or a demonym is never an alternate name of another place (Kuwait the country, not Kuwait
   City; "Syrian" is no place).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from frontlines.resolve.gazetteer import Gazetteer
from frontlines.resolve.gazetteer_records import Place
from frontlines.resolve.placenames import ARTICLES, fold, name_key, words

SUPPLEMENT_KINDS = {
    "populated place": "community",
    "hill": "mountain",
    "military base": "military_site",
    "airport or air base": "military_site",
    "heliport": "military_site",
    "industrial site": "infrastructure",
    "oil or gas field": "infrastructure",
}
# Which kinds of place a point of each kind may be the same as.
COMPATIBLE = {
    "community": frozenset({"community", "town", "city", "neighbourhood"}),
    "neighbourhood": frozenset({"community", "town", "city", "neighbourhood"}),
    "mountain": frozenset({"mountain"}),
    "military_site": frozenset({"military_site", "infrastructure"}),
    "infrastructure": frozenset({"military_site", "infrastructure"}),
}
# English words of the supplement's labels that name no place on their own: a label of only these (and
# numbers, articles) is a description ("Air Defense Base", "Brigade 82", "Syrian Army fortification").
FEATURE_WORDS = frozenset(
    words(
        "air airbase airport airfield airstrip base bases battalion bataillon brigade regiment division army "
        "military checkpoint checkpoints storage storages fuel fueling housing factory factories grain silo "
        "silos production facility facilities facilitie station plant power thermal electrical electric "
        "substation sub grid water pump pumping treatment cement sugar cotton depot depots warehouses "
        "warehouse hill hills height point mountain mountains mount ridge summit position positions "
        "fortification fortified fortitied defensive defense defence bunkers guardtower garrison camp complex "
        "crossroad crossroads roundabout junction triangle train railway bus garages hangars prison school "
        "academy college university hospital hospitals national central research center centre tower radio "
        "tv broadcast communication communications signal radar missile missiles artillery armored armoured "
        "mechanized tank infantry engineering special forces intelligence branch security police headquarters "
        "hq barracks site area zone industrial free joint oil gas field fields refinery processing gathering "
        "pipeline company poultry poultries farm farms farmlands sawmills mill quarries quarry mine phosphate "
        "villa hotel houses cemetery shrine mosque monastery castle citadel ruins valley tombs border post "
        "crossing syrian russian turkish iranian american us u s fsa ypg sdf ndf saa hezbollah rebel qatari "
        "royal baath vanguards abandoned former nuclear project sector sports port naval international int l "
        "and of the to on road near north south east west northern southern eastern western nw ne sw se nne "
        "m d training ground vehicle utility juvenile ammunition munitions officers youth workers worker "
        "blockhouse outpost barrier compound electronic scientific frontline idp refugee volcano corps "
        "private central driving warehouses gtp sam"
    )
)
# Words in a label's parentheses that make it a qualifier ("Al Qusayr (Daraa)"), not another name.
QUALIFIER_WORDS = frozenset(words("village near east west north south rif ghab qalamoun hama aleppo idlib"))
_NUMBERED = re.compile(r"\s*\(\s*(?:\d[\d\s]*m?|\d{4})\s*\)")  # "(1006)", "(490m)", "(510 m)", "(2016)"
_PARENS = re.compile(r"\s*\(([^)]*)\)")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|m)?$")

MATCH = 0.9  # a name match this good is enough within the distance gates of a place's own point
CENTROID_MATCH = (
    0.86  # for a place known by its subdistrict's centroid, in one of the two nearest subdistricts
)
NEAR_MATCH, NEAR_KM = 0.75, 3.0  # a weaker one only this close
OWN_POINT_KM = 10.0
CENTROID_KM = 35.0
NEAREST_UNITS = 4  # the subdistrict must be one of the point's 4 nearest (centroids lie up to ~25 km off)
DUPLICATE_KM = 2.0  # two supplement points with one name closer than this are one place
WIKI_SOURCE = "Wikipedia, Module:Syrian Civil War detailed map (2017 revision), CC BY-SA"


@dataclass(frozen=True, slots=True)
class SupplementPoint:
    """One row of the supplement: its names (the label's spellings), kind and point."""

    label: str
    names: tuple[str, ...]
    kind: str
    lat: float
    lon: float


@dataclass
class BuildStats:
    """What the build did, for its provenance record."""

    counts: dict[str, int] = field(default_factory=dict)
    demonym_collisions: list[str] = field(default_factory=list)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


# ----------------------------------------------------------------------------------------- labels


def _distinctive(name: str) -> bool:
    """Does a name have a word that is not a feature word, an article or a number?"""
    return any(
        t not in FEATURE_WORDS and t not in ARTICLES and not _ORDINAL.match(t) and len(t) > 1
        for t in fold(name).split()
    )


def parse_label(label: str, qualifiers: frozenset[str]) -> tuple[str, ...]:
    """The names of a supplement label, primary first: 'Uwayshiyah/Ayashia' -> both; 'Kobanî (Ayn al-Arab)' ->
    both; 'Al Qusayr (Daraa)' -> 'Al Qusayr' (the parentheses qualify: a place or direction word, see
    ``qualifiers``: canonical spellings of admin units and towns); 'Aleppo International Airport & Nayrab
    Airbase' -> both. Names without a distinctive word
    ('Air Defense Base', 'Brigade 82') are left out, so a description gives no names."""
    text = _NUMBERED.sub("", label).strip()
    extra: list[str] = []
    for inner in _PARENS.findall(text):
        parts = [p.strip() for p in inner.split("/") if p.strip()]
        if not any(set(fold(p).split()) & QUALIFIER_WORDS or name_key(p).canon in qualifiers for p in parts):
            extra.extend(parts)
    text = _PARENS.sub("", text).strip()
    names = [p.strip(" -,") for chunk in text.split(" & ") for p in chunk.split("/")]
    out = [n for n in dict.fromkeys([*names, *extra]) if n and _distinctive(n)]
    return tuple(out)


def supplement_points(rows: Iterable[dict[str, str]], qualifiers: frozenset[str]) -> list[SupplementPoint]:
    """The supplement's rows as points; rows whose label names no place are left out."""
    points = []
    for row in rows:
        names = parse_label(row["name"], qualifiers)
        kind = SUPPLEMENT_KINDS.get(row["kind"].strip())
        if not names or kind is None:
            continue
        label = fold(row["name"])
        if kind == "community" and re.search(r"\b(?:crossing|port)\b", label):
            kind = "infrastructure"
        elif kind == "community" and re.search(r"\b(?:district|sector)\b", label):
            kind = "neighbourhood"
        points.append(SupplementPoint(row["name"], names, kind, float(row["lat"]), float(row["lon"])))
    return points


# ----------------------------------------------------------------------------------------- geometry


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km (equirectangular: exact enough at these distances)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371.0 * math.hypot(x, math.radians(lat2 - lat1))


class Subdistricts:
    """The seed's subdistrict centroids: nearest ones to a point, and the admin units that gives."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.units = [
            p for p in places if p.kind == "subdistrict" and p.lat is not None and p.lon is not None
        ]

    def nearest(self, lat: float, lon: float, n: int = 2) -> list[Place]:
        return sorted(self.units, key=lambda u: km(lat, lon, u.lat or 0.0, u.lon or 0.0))[:n]

    def assign(self, place: Place) -> Place:
        """The place with the admin units of its nearest subdistrict centroid."""
        if place.lat is None or place.lon is None or not self.units:
            return place
        unit = self.nearest(place.lat, place.lon, 1)[0]
        return replace(
            place,
            admin1=unit.admin1,
            admin1_pcode=unit.admin1_pcode,
            admin2=unit.admin2,
            admin2_pcode=unit.admin2_pcode,
            admin3=unit.admin3 or unit.name,
            admin3_pcode=unit.admin3_pcode or unit.id,
        )


# ----------------------------------------------------------------------------------------- matching


def _own_point(place: Place) -> bool:
    return place.coord_source != "subdistrict-centroid"


class Matcher:
    """Finds the places a new point with some names is the same as (rule 4 of the module docstring)."""

    def __init__(self, places: Sequence[Place], subdistricts: Subdistricts) -> None:
        self.gazetteer = Gazetteer(places, demonyms={})
        self.subdistricts = subdistricts

    def same_places(self, names: Sequence[str], kind: str, lat: float, lon: float) -> list[Place]:
        kinds = COMPATIBLE.get(kind, frozenset({kind}))
        near: list[str] | None = None
        own: dict[str, Place] = {}
        centroid: dict[str, tuple[Place, float]] = {}
        for name in names:
            for place, score, rule in self.gazetteer.candidates(name):
                if score < NEAR_MATCH or rule == "head" or place.kind not in kinds:
                    continue
                if place.lat is None or place.lon is None:
                    continue
                d = km(lat, lon, place.lat, place.lon)
                if _own_point(place):
                    if d <= NEAR_KM or (score >= MATCH and d <= OWN_POINT_KM):
                        own[place.id] = place
                    continue
                if near is None:
                    near = [u.id for u in self.subdistricts.nearest(lat, lon, NEAREST_UNITS)]
                if score >= CENTROID_MATCH and d <= CENTROID_KM and place.admin3_pcode in near:
                    centroid[place.id] = (place, max(score, centroid.get(place.id, (place, 0.0))[1]))
        # Of the places known only by a centroid, the best spelled: a weaker one is another village.
        best = max((s for _, s in centroid.values()), default=0.0)
        return [*own.values(), *(p for p, s in centroid.values() if s == best and p.id not in own)]


def agrees_with_arabic(place: Place, name: str) -> bool:
    """Does a Latin spelling share a consonant skeleton with the place's Arabic name (True without one)?
    GeoNames' alternate names include mistransliterations ('Harithan' for حريتان, which would make
    Haritan a false friend of Hardana); this keeps them out of places with an Arabic name."""
    if not place.name_ar:
        return True
    return bool(name_key(name).skeletons & name_key(place.name_ar).skeletons)


def add_names(place: Place, names: Iterable[str], arabic: str | None = None, checked: bool = False) -> Place:
    """The place with the names it does not have yet (compared folded) as alternate names; with ``checked``
    only those that agree with its Arabic name."""
    have = {fold(n) for n in (place.name, *place.alt_names)}
    new = []
    for name in names:
        key = fold(name)
        if checked and not agrees_with_arabic(replace(place, name_ar=place.name_ar or arabic), name):
            continue
        if key and key not in have:
            have.add(key)
            new.append(name)
    if not new and (arabic is None or place.name_ar):
        return place
    return replace(place, alt_names=place.alt_names + tuple(new), name_ar=place.name_ar or arabic)


def improve_point(place: Place, lat: float, lon: float, coord_source: str, note: str) -> Place:
    """A place known only by its subdistrict's centroid gets a point of its own."""
    if _own_point(place):
        return place
    return replace(
        place, lat=lat, lon=lon, coord_source=coord_source, source=f"{place.source}; point: {note}"
    )


def _slug(text: str) -> str:
    return "-".join(fold(text).split()) or "place"


def assign_ids(prefix: str, places: list[Place]) -> list[Place]:
    """Stable ids for new places: ``<prefix>:<slug of the name>``, with the governorate's slug and then a
    count (in order of latitude, longitude) added where several places share a slug."""
    by_slug: dict[str, list[Place]] = {}
    for p in places:
        by_slug.setdefault(_slug(p.name), []).append(p)
    out = []
    for slug, group in by_slug.items():
        if len(group) == 1:
            out.append(replace(group[0], id=f"{prefix}:{slug}"))
            continue
        by_gov: dict[str, list[Place]] = {}
        for p in group:
            by_gov.setdefault(f"{slug}-{_slug(p.admin1 or 'syria')}", []).append(p)
        for gslug, same in by_gov.items():
            same.sort(key=lambda p: (p.lat or 0.0, p.lon or 0.0))
            for k, p in enumerate(same, 1):
                out.append(replace(p, id=f"{prefix}:{gslug}" + (f"-{k}" if len(same) > 1 else "")))
    return sorted(out, key=lambda p: p.id)


def dedupe_points(points: Iterable[SupplementPoint]) -> list[SupplementPoint]:
    """Points with one name (canonical spelling) and kind within DUPLICATE_KM of each other are one point."""
    kept: list[SupplementPoint] = []
    by_key: dict[tuple[str, str], list[int]] = {}
    for point in points:
        key = (name_key(point.names[0]).canon, point.kind)
        same = next(
            (
                i
                for i in by_key.get(key, [])
                if km(point.lat, point.lon, kept[i].lat, kept[i].lon) <= DUPLICATE_KM
            ),
            None,
        )
        if same is None:
            by_key.setdefault(key, []).append(len(kept))
            kept.append(point)
        else:
            old = kept[same]
            kept[same] = replace(old, names=tuple(dict.fromkeys(old.names + point.names)))
    return kept
