"""The gazetteer: places of Syria, and fast look-up of a name's candidate places.

Package data (``data/gazetteer/``): ``syria-places.csv`` (OCHA admin units and Aleppo communities, GeoNames
towns) and ``curated-places.csv`` (the country, regions, military sites, mountains and roads reports name but
the seed lacks; a curated row whose id is already in the seed only adds its alternate names). Users add their
own places with :meth:`Gazetteer.with_places` (their rows win), e.g. from
:mod:`frontlines.resolve.gazetteer_loaders`.

Matching (see :mod:`frontlines.resolve.placenames`): a name's candidates are the places one of whose names
shares its modifier words and a consonant skeleton, scored by rapidfuzz on canonical spellings; an exact
spelling or Arabic match scores 1.0.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from frontlines.resolve.placenames import (
    GENERIC,
    fold,
    is_arabic,
    name_key,
    normalise_arabic,
    parse_phrase,
    strip_generic_head,
    words,
)

DATA = "data/gazetteer"
SEED_FILE = "syria-places.csv"
CURATED_FILE = "curated-places.csv"

# Kinds, most specific first: break ties between equal matches ("Aleppo" the city before the province).
KIND_RANK = {
    k: i
    for i, k in enumerate(
        words(
            "city town community neighbourhood military_site infrastructure mountain road "
            "subdistrict district region governorate country"
        )
    )
}
_ADMIN_PREFIXES = re.compile(
    r"^(?:(?:nahiyat|nahiyah|nahyt|markaz|mrkz|mintaqat|mantiqat|muhafazat|ناحية|منطقة|محافظة|مركز)\s+)+",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Place:
    """One place. ``coord_source`` says how good the point is: geonames (the place's own point), centroid (an
    admin unit's or area's centroid), subdistrict-centroid (only the enclosing subdistrict's), curated.
    ``precision`` is the ACLED precision of the point itself when the data says so (curated rows), else None
    and :func:`place_precision` derives it."""

    id: str
    name: str
    name_ar: str | None
    alt_names: tuple[str, ...]
    kind: str
    admin1: str | None
    admin1_pcode: str | None
    admin2: str | None
    admin2_pcode: str | None
    admin3: str | None
    admin3_pcode: str | None
    lat: float | None
    lon: float | None
    coord_source: str
    source: str
    precision: int | None = None


def place_precision(place: Place) -> int:
    """ACLED precision of a place's own point: 1 the place, 2 part of/near a larger unit, 3 region."""
    if place.precision is not None:
        return place.precision
    if place.kind in {"governorate", "country", "region"}:
        return 3
    if place.kind in {"district", "subdistrict"} or place.coord_source.endswith("-centroid"):
        return 2
    return 1


_Add = Callable[[int, float, str], None]


@dataclass(frozen=True, slots=True)
class _Entry:
    place: int  # index into Gazetteer._places
    flat: str  # canonical spelling without spaces
    dist: str  # distinctive part, see _distinctive
    arabic: bool


@dataclass(frozen=True, slots=True)
class _Query:
    flat: str
    dist: str
    arabic: bool
    short: bool  # every skeleton has at most two consonants: a stricter gate


def _distinctive(canon: str) -> str:
    """A canonical spelling without its generic words ('tal bazu' -> 'bazu'), e/i unified, no spaces."""
    words = canon.split()
    kept = [w for w in words if w not in GENERIC] or words
    return "".join(kept).replace("e", "i")


def _ratio(a: str, b: str) -> float:
    """Similarity 0..1 of two distinctive spellings (Tell/Jabal... do not count)."""
    return fuzz.ratio(a, b) / 100.0


def _deletions(skeleton: str) -> set[str]:
    return {skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton))}


def _index_name(raw: str) -> str:
    """A name as indexed: 'Nahiyat Markaz as Safirah' -> 'as Safirah', 'X Subdistrict' -> 'X'"""
    return parse_phrase(_ADMIN_PREFIXES.sub("", raw.strip()), admin_only=True).name


class Gazetteer:
    """An immutable set of places with name look-up. Build once; look-ups are cached."""

    def __init__(self, places: Iterable[Place]) -> None:
        self._places: list[Place] = list({p.id: p for p in places}.values())
        self._by_id = {p.id: i for i, p in enumerate(self._places)}
        self._built = False
        self._exact: dict[str, set[int]] = defaultdict(set)
        self._arabic: dict[str, set[int]] = defaultdict(set)
        self._skel: dict[tuple[frozenset[str], str], list[_Entry]] = defaultdict(list)
        self._near: dict[tuple[frozenset[str], str], list[_Entry]] = defaultdict(list)
        self._latin_dists: list[list[str]] = []
        self._cache: dict[str, list[tuple[Place, float, str]]] = {}

    # ------------------------------------------------------------------------------------------- building

    @classmethod
    def default(cls) -> Gazetteer:
        """The package gazetteer (seed + curated), loaded once per process."""
        return _default()

    @classmethod
    def from_csv(cls, *paths: str | Path) -> Gazetteer:
        """A gazetteer from files in the package CSV format (curated rows with a seed id add alt names)."""
        places: dict[str, Place] = {}
        for path in paths:
            with open(path, encoding="utf-8", newline="") as fh:
                _merge_rows(places, csv.DictReader(fh))
        return cls(places.values())

    def with_places(self, extra: Iterable[Place]) -> Gazetteer:
        """A new gazetteer with ``extra`` added; an extra place with a known id replaces the packaged one.
        Places without coordinates get their subdistrict's, district's or governorate's centroid."""
        filled = [self._fill_coords(self._keep_admin(p)) for p in extra]
        return Gazetteer([*self._places, *filled])

    def _keep_admin(self, place: Place) -> Place:
        """A replacement without admin units keeps those of the place it replaces."""
        old = self.get(place.id)
        if old is None or place.admin3_pcode or place.admin2_pcode:
            return place
        return replace(
            place,
            admin1=place.admin1 or old.admin1,
            admin1_pcode=place.admin1_pcode or old.admin1_pcode,
            admin2=old.admin2,
            admin2_pcode=old.admin2_pcode,
            admin3=old.admin3,
            admin3_pcode=old.admin3_pcode,
        )

    def _fill_coords(self, place: Place) -> Place:
        if place.lat is not None and place.lon is not None:
            return place
        for pcode, label in (
            (place.admin3_pcode, "subdistrict-centroid"),
            (place.admin2_pcode, "district-centroid"),
            (place.admin1_pcode, "governorate-centroid"),
        ):
            unit = self.get(pcode) if pcode else None
            if unit and unit.lat is not None:
                precision = 3 if label == "governorate-centroid" else 2
                return replace(place, lat=unit.lat, lon=unit.lon, coord_source=label, precision=precision)
        return place

    def _build(self) -> None:
        for i, place in enumerate(self._places):
            names = [place.name, *place.alt_names, *([place.name_ar] if place.name_ar else [])]
            dists: list[str] = []
            seen: set[tuple[str, str]] = set()
            for raw in names:
                name = _index_name(raw)
                if not name:
                    continue
                key = name_key(name)
                arabic = is_arabic(name)
                if arabic:
                    self._arabic[normalise_arabic(name)].add(i)
                else:
                    self._exact[fold(name)].add(i)
                    dists.append(_distinctive(key.canon))
                if key.generic_only and not arabic:
                    continue
                entry = _Entry(i, key.canon.replace(" ", ""), _distinctive(key.canon), arabic)
                for sk in key.skeletons:
                    if (sk, entry.dist) in seen:
                        continue
                    seen.add((sk, entry.dist))
                    self._skel[(key.mods, sk)].append(entry)
                    if len(sk) >= 5:
                        for d in _deletions(sk):
                            self._near[(key.mods, d)].append(entry)
            self._latin_dists.append(dists or [_distinctive(fold(place.name))])
        self._built = True

    # ------------------------------------------------------------------------------------------- look-up

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places)

    def get(self, place_id: str) -> Place | None:
        i = self._by_id.get(place_id)
        return None if i is None else self._places[i]

    def is_place_name(self, name: str) -> bool:
        """Does this name match some place well (score >= 0.8)?"""
        found = self.candidates(name)
        return bool(found) and found[0][1] >= 0.8

    def candidates(self, name: str) -> list[tuple[Place, float, str]]:
        """Places this name may denote, as (place, score 0..1, rule), best first. Rules: exact, arabic,
        variant
        (same canonical spelling), skeleton, arabic-skeleton (via the Arabic name), fuzzy (one consonant off),
        head (a "Jabal X"/"Tell X" feature resolved to the place X)."""
        found = self._cache.get(name)
        if found is None:
            if len(self._cache) > 100_000:
                self._cache.clear()
            found = self._cache[name] = self._lookup(name)
        return list(found)

    def _lookup(self, name: str) -> list[tuple[Place, float, str]]:
        if not self._built:
            self._build()
        name = _index_name(name)
        if not name:
            return []
        hits = self._match(name)
        if not hits:
            head = strip_generic_head(name)
            if head:
                hits = {i: (round(s * 0.9, 3), "head") for i, (s, _) in self._match(head).items()}
        ranked = sorted(hits.items(), key=lambda h: (-h[1][0], KIND_RANK.get(self._places[h[0]].kind, 99)))
        return [(self._places[i], score, rule) for i, (score, rule) in ranked]

    def _match(self, name: str) -> dict[int, tuple[float, str]]:
        hits: dict[int, tuple[float, str]] = {}

        def add(i: int, score: float, rule: str) -> None:
            if score > hits.get(i, (0.0, ""))[0]:
                hits[i] = (round(score, 3), rule)

        key = name_key(name)
        if is_arabic(name):
            for i in self._arabic.get(normalise_arabic(name), ()):
                add(i, 1.0, "arabic")
        elif key.generic_only:
            return hits
        else:
            for i in self._exact.get(fold(name), ()):
                add(i, 1.0, "exact")
        short = all(len(sk) <= 2 for sk in key.skeletons) and not key.mods  # modifiers are evidence too
        q = _Query(key.canon.replace(" ", ""), _distinctive(key.canon), is_arabic(name), short)
        for sk in key.skeletons:
            for e in self._skel.get((key.mods, sk), ()):
                self._score_entry(q, e, add)
        best = max((score for score, _ in hits.values()), default=0.0)
        for sk in key.skeletons if best < 0.97 else ():  # one consonant off: only when no spelling matched
            if len(sk) >= 5 and not q.arabic:
                for d in {sk} | _deletions(sk):
                    for e in self._near.get((key.mods, d), ()):
                        self._score_fuzzy(q, e, add)
                for d in _deletions(sk):
                    for e in self._skel.get((key.mods, d), ()):
                        self._score_fuzzy(q, e, add)
        return hits

    def _score_entry(self, q: _Query, e: _Entry, add: _Add) -> None:
        gate = 0.8 if q.short else 0.6
        if q.arabic:  # an Arabic query: the skeleton is the whole test
            add(e.place, 0.85, "arabic-skeleton")
        elif e.arabic:  # a Latin query that shares a skeleton with the place's Arabic name
            r = max(_ratio(q.dist, d) for d in self._latin_dists[e.place])
            if r >= gate:
                add(e.place, 0.6 + 0.35 * r, "arabic-skeleton")
        elif q.flat == e.flat:
            add(e.place, 0.97, "variant")
        else:
            r = _ratio(q.dist, e.dist)
            if r >= gate:
                add(e.place, 0.55 + 0.4 * r, "skeleton")

    def _score_fuzzy(self, q: _Query, e: _Entry, add: _Add) -> None:
        if e.arabic:
            return
        r = _ratio(q.dist, e.dist)
        if r >= 0.8:
            add(e.place, 0.4 + 0.45 * r, "fuzzy")


# ----------------------------------------------------------------------------------------- CSV rows


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _float(value: str | None) -> float | None:
    value = (value or "").strip()
    return float(value) if value else None


def place_from_row(row: dict[str, str]) -> Place:
    """A Place from a row of the package CSV format (columns of syria-places.csv, optional precision)."""
    precision = _opt(row.get("precision"))
    return Place(
        id=row["id"].strip(),
        name=row["name_en"].strip(),
        name_ar=_opt(row.get("name_ar")),
        alt_names=tuple(a.strip() for a in (row.get("alt_names") or "").split("|") if a.strip()),
        kind=(row.get("kind") or "community").strip(),
        admin1=_opt(row.get("admin1_name")),
        admin1_pcode=_opt(row.get("admin1_pcode")),
        admin2=_opt(row.get("admin2_name")),
        admin2_pcode=_opt(row.get("admin2_pcode")),
        admin3=_opt(row.get("admin3_name")),
        admin3_pcode=_opt(row.get("admin3_pcode")),
        lat=_float(row.get("lat")),
        lon=_float(row.get("lon")),
        coord_source=(row.get("coord_source") or "").strip(),
        source=(row.get("source") or "").strip(),
        precision=int(precision) if precision else None,
    )


def _merge_rows(places: dict[str, Place], rows: Iterable[dict[str, str]]) -> None:
    for row in rows:
        place = place_from_row(row)
        old = places.get(place.id)
        if old is not None and place.kind == "alias":
            names = (place.name, *place.alt_names, *([place.name_ar] if place.name_ar else []))
            extra = tuple(a for a in names if a not in old.alt_names)
            places[place.id] = replace(old, alt_names=old.alt_names + extra)
        else:
            places[place.id] = place


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    root = resources.files("frontlines.resolve").joinpath(DATA)
    places: dict[str, Place] = {}
    for name in (SEED_FILE, CURATED_FILE):
        text = root.joinpath(name).read_text(encoding="utf-8")
        _merge_rows(places, csv.DictReader(io.StringIO(text, newline="")))
    return Gazetteer(places.values())
