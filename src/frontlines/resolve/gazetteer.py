"""The gazetteer: places of Syria and the world around it, and fast look-up of a name's candidate places.

Package data (``data/gazetteer/``, read by :mod:`frontlines.resolve.gazetteer_files`): every Syrian place of
the seed, the Wikipedia control-map supplement and GeoNames merged into one place each (``places-merged.csv``),
hand-written regions and sites (``curated-places.csv``), countries and regions abroad (``world-places.csv``)
and demonyms (``demonyms.csv``). Users add their own places with :meth:`Gazetteer.with_places` (their rows
win), e.g. from :mod:`frontlines.resolve.gazetteer_loaders`.

Matching (see :mod:`frontlines.resolve.placenames`): a name's candidates are the places one of whose names
shares its modifier words and a consonant skeleton, scored by rapidfuzz on canonical spellings; an exact
spelling or Arabic match scores 1.0. A demonym ("Syrian", "Kurdish") is no place name: it has no candidates
(:meth:`Gazetteer.demonym` gives its country). Places abroad are kinds of their own (country, foreign_city,
foreign_region, world_region) with their country code: :meth:`Gazetteer.is_foreign`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz

from frontlines.resolve import gazetteer_files
from frontlines.resolve.gazetteer_files import (
    CURATED_FILE,
    DATA,
    SEED_FILE,
    Demonym,
    package_demonyms,
    read_places,
)
from frontlines.resolve.gazetteer_records import (
    FOREIGN_KINDS,
    KIND_RANK,
    Place,
    is_foreign,
    place_from_row,
    place_precision,
)
from frontlines.resolve.placenames import (
    GENERIC,
    fold,
    is_arabic,
    name_key,
    normalise_arabic,
    parse_phrase,
    strip_generic_head,
)

__all__ = [
    "CURATED_FILE",
    "DATA",
    "KIND_RANK",
    "SEED_FILE",
    "Gazetteer",
    "Place",
    "is_foreign",
    "place_from_row",
    "place_precision",
]

# A place abroad needs a better spelling than a Syrian one: of an exact foreign name and a Syrian spelling
# variant (0.97), the Syrian place is meant (an-Nu'maniyah is Numaniyeh in Aleppo, not the Iraqi town).
FOREIGN_DISCOUNT = 0.05
# is_place_name: rules that spell a place's name; a looser match needs one of these (score, consonants). Set on
# the capitalised words of real articles: of 559 words that are no event place, 61 pass (69 with the seed
# gazetteer and 0.8 alone), of 939 spellings of event places 684 (547).
_SPELLING_RULES = frozenset({"exact", "arabic", "variant"})
LOOSE_PLACE_NAME = ((0.9, 3), (0.85, 4))
_ADMIN_PREFIXES = re.compile(
    r"^(?:(?:nahiyat|nahiyah|nahyt|markaz|mrkz|mintaqat|mantiqat|muhafazat|ناحية|منطقة|محافظة|مركز)\s+)+",
    re.I,
)


class _Entry(NamedTuple):
    place: int  # index into Gazetteer._places
    flat: str  # canonical spelling without spaces
    dist: str  # distinctive part, see _distinctive
    arabic: bool


class _Bucket(NamedTuple):
    """The index entries under one skeleton, laid out for a tight scoring loop (tuples of atoms, which the
    garbage collector stops tracking). ``rows`` are (distinctive spelling, place, via Arabic name): an
    entry for an Arabic name contributes one row per Latin spelling of its place, so a Latin query is
    compared with those."""

    rows: tuple[tuple[str, int, bool], ...]
    by_flat: dict[str, tuple[int, ...]]  # canonical spelling -> places (the "variant" rule)
    places: tuple[int, ...]  # every place with an entry here (an Arabic query takes them all)


def _bucket(entries: list[_Entry], latin_dists: list[tuple[str, ...]]) -> _Bucket:
    rows: list[tuple[str, int, bool]] = []
    by_flat: dict[str, list[int]] = {}
    for e in entries:
        if e.arabic:
            rows.extend((d, e.place, True) for d in latin_dists[e.place])
        else:
            rows.append((e.dist, e.place, False))
            by_flat.setdefault(e.flat, []).append(e.place)
    places = tuple(dict.fromkeys(e.place for e in entries))
    return _Bucket(tuple(dict.fromkeys(rows)), {f: tuple(ps) for f, ps in by_flat.items()}, places)


_GLUED = re.compile(r"^(?:al|el)(?=[bcdfghjklmnpqrstvwxz][a-z]{2})")


def _distinctive(canon: str) -> str:
    """A canonical spelling without its generic words ('tal bazu' -> 'bazu') and glued articles (OCHA's
    'Elsonue' -> 'sonue'), e/i and q/k unified (Shuqayf and Shakif are one name), no spaces."""
    words = canon.split()
    kept = [_GLUED.sub("", w) for w in words if w not in GENERIC] or words
    return "".join(kept).replace("e", "i").replace("q", "k")


@lru_cache(maxsize=65536)
def _deletions(skeleton: str) -> frozenset[str]:
    return frozenset(skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton)))


def _index_name(raw: str) -> str:
    """A name as indexed: 'Nahiyat Markaz as Safirah' -> 'as Safirah', 'X Subdistrict' -> 'X'"""
    name = raw.strip()
    if not any(c.isspace() for c in name):  # one word: no prefix or container word to strip
        return name.strip(" ,.;:")
    return parse_phrase(_ADMIN_PREFIXES.sub("", name), admin_only=True).name


class Gazetteer:
    """An immutable set of places with name look-up. Build once; look-ups are cached."""

    def __init__(self, places: Iterable[Place], demonyms: Mapping[str, Demonym] | None = None) -> None:
        """``demonyms``: folded word -> Demonym (see :mod:`frontlines.resolve.gazetteer_files`); the package
        table when None."""
        self._places: list[Place] = list({p.id: p for p in places}.values())
        self._by_id = {p.id: i for i, p in enumerate(self._places)}
        self._demonyms = package_demonyms() if demonyms is None else dict(demonyms)
        self._built = False
        self._exact: dict[str, set[int]] = defaultdict(set)
        self._arabic: dict[str, set[int]] = defaultdict(set)
        # Skeleton -> entries, one table per set of modifier words (they must agree exactly); _near holds
        # each indexed skeleton of 5+ consonants under its one-consonant deletions.
        self._skel: dict[frozenset[str], dict[str, _Bucket]] = {}
        self._near: dict[frozenset[str], dict[str, _Bucket]] = {}
        self._cache: dict[str, tuple[tuple[int, float, str], ...]] = {}
        self._place_names: dict[str, bool] = {}  # is_place_name's answers

    # ------------------------------------------------------------------------------------------- building

    @classmethod
    def default(cls) -> Gazetteer:
        """The package gazetteer (merged places, curated and world rows, demonyms), loaded once per process."""
        return _default()

    @classmethod
    def from_csv(cls, *paths: str | Path) -> Gazetteer:
        """A gazetteer from files in the package CSV format (alias rows add names to the place with their id)."""
        return cls(read_places(Path(path).read_text(encoding="utf-8") for path in paths))

    def with_places(self, extra: Iterable[Place]) -> Gazetteer:
        """A new gazetteer with ``extra`` added; an extra place with a known id replaces the packaged one.
        Places without coordinates get their subdistrict's, district's or governorate's centroid."""
        filled = [self._fill_coords(self._keep_admin(p)) for p in extra]
        return Gazetteer([*self._places, *filled], self._demonyms)

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

    def build(self) -> Gazetteer:
        """Build the matching index now rather than at the first look-up (about a second for the packaged
        gazetteer): a pipeline pays it when it starts, as it pays loading the model."""
        if not self._built:
            self._build()
        return self

    def _build(self) -> None:
        skel: dict[frozenset[str], dict[str, list[_Entry]]] = {}
        near: dict[frozenset[str], dict[str, list[_Entry]]] = {}
        latin_dists: list[tuple[str, ...]] = []
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
                    skel.setdefault(key.mods, {}).setdefault(sk, []).append(entry)
                    if len(sk) >= 5:
                        for d in _deletions(sk):
                            near.setdefault(key.mods, {}).setdefault(d, []).append(entry)
            latin_dists.append(tuple(dict.fromkeys(dists)) or (_distinctive(fold(place.name)),))
        for built, collected in ((self._skel, skel), (self._near, near)):
            for mods, by_skeleton in collected.items():
                built[mods] = {sk: _bucket(entries, latin_dists) for sk, entries in by_skeleton.items()}
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
        """Does this name match some place well? A spelling of one of its names (exact, Arabic, variant) with
        score >= 0.8; a looser match (skeleton, fuzzy) only with score >= 0.9 and 3+ consonants or >= 0.85 and 4+:
        with thousands of villages, short words ("This", "Both", "Air") sound like some village's name. A place
        abroad counts only when spelled as one of its names; the best Syrian candidate is judged otherwise."""
        known = self._place_names.get(name)
        if known is None:
            if len(self._place_names) > 100_000:
                self._place_names.clear()
            known = self._place_names[name] = self._judge_place_name(name)
        return known

    def _judge_place_name(self, name: str) -> bool:
        for place, score, rule in self.candidates(name):
            if score < 0.8:
                return False
            if place.kind in FOREIGN_KINDS:  # abroad: only its own spelling (not "One" for Ünye); else go on
                if rule in {"exact", "arabic"}:
                    return True
                continue
            if rule in _SPELLING_RULES:
                return True
            key = name_key(name)  # a modifier word (little, big, east...) is evidence too: it counts two
            consonants = max((len(sk) for sk in key.skeletons), default=0) + 2 * len(key.mods)
            return any(score >= least and consonants >= count for least, count in LOOSE_PLACE_NAME)
        return False

    @staticmethod
    def is_foreign(place: Place) -> bool:
        """Is the place outside Syria, or an area larger than it (a foreign country, city or region; the
        Middle East)? Syria itself and every place in it are not."""
        return is_foreign(place)

    def demonym(self, word: str) -> Place | None:
        """The country a demonym names ("Syrian", "Syrians" -> Syria; "Turkish" -> Turkey), None for other
        words and for peoples without a country of their own ("Kurdish", "Alawite")."""
        found = self._demonyms.get(fold(word))
        return self.get(found.country) if found and found.country else None

    def is_demonym(self, word: str) -> bool:
        """Is the word a demonym or the name of a people ("Syrian", "Kurdish", "Kurds")? Such words are never
        place names."""
        return fold(word) in self._demonyms

    def countries(self) -> list[Place]:
        """The country places, Syria among them."""
        return [p for p in self._places if p.kind == "country"]

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
        places = self._places
        return [(places[i], score, rule) for i, score, rule in found]

    def _lookup(self, name: str) -> tuple[tuple[int, float, str], ...]:
        """(place index, score, rule), best first. Plain tuples of numbers and strings: the look-up cache
        holds them without adding to the objects the garbage collector must walk."""
        if not self._built:
            self._build()
        name = _index_name(name)
        if not name or fold(name) in self._demonyms:
            return ()
        hits = self._match(name)
        if not hits:  # "Jabal X"/"Tell X" unknown as such: the feature named after the place X
            head = strip_generic_head(name)
            if head:
                hits = {i: (round(s * 0.9, 3), "head") for i, (s, _) in self._match(head).items()}
        places = self._places
        for i, (s, rule) in hits.items():
            if places[i].kind in FOREIGN_KINDS:
                hits[i] = (round(s - FOREIGN_DISCOUNT, 3), rule)
        # Best score first; ties to the more specific kind, then to gazetteer order (deterministic).
        ranked = sorted(
            hits.items(), key=lambda h: (-h[1][0], KIND_RANK.get(self._places[h[0]].kind, 99), h[0])
        )
        return tuple((i, score, rule) for i, (score, rule) in ranked)

    def _match(self, name: str) -> dict[int, tuple[float, str]]:
        """Candidate places of one name (no container words): place index -> (score, rule)."""
        hits: dict[int, tuple[float, str]] = {}

        def add(i: int, score: float, rule: str) -> None:
            if score > hits.get(i, (0.0, ""))[0]:
                hits[i] = (round(score, 3), rule)

        key = name_key(name)
        if is_arabic(name):
            for i in self._arabic.get(normalise_arabic(name), ()):
                add(i, 1.0, "arabic")
            for sk in key.skeletons:  # an Arabic query: the skeleton is the whole test
                for i in self._skel.get(key.mods, {}).get(sk, _NO_BUCKET).places:
                    add(i, 0.85, "arabic-skeleton")
            return hits
        if key.generic_only:
            return hits
        for i in self._exact.get(fold(name), ()):
            add(i, 1.0, "exact")
        flat, dist = key.canon.replace(" ", ""), _distinctive(key.canon)
        # Few consonants say little: the fewer, the closer the spellings must be (Jobar is not Jebru). Modifier
        # words are evidence too; generic words are not (Jabal al-Modawar is not Jabal al-Mazar).
        generic = sum(_GENERIC_CONSONANTS.get(t, 0) for t in key.canon.split())
        consonants = max((len(sk) for sk in key.skeletons), default=0) - generic
        gate = 80 if consonants <= 2 and not key.mods else 70 if consonants <= 3 else 60  # fuzz.ratio, 0..100
        ratio = fuzz.ratio
        skel = self._skel.get(key.mods, {})
        for sk in key.skeletons:
            bucket = skel.get(sk)
            if bucket is None:
                continue
            for i in bucket.by_flat.get(flat, ()):
                add(i, 0.97, "variant")
            for other, i, via_arabic in bucket.rows:
                score = ratio(dist, other)
                if score < gate:
                    continue
                r = score / 100
                if via_arabic:  # shares a skeleton with the place's Arabic name only
                    add(i, 0.6 + 0.35 * r, "arabic-skeleton")
                else:
                    add(i, 0.55 + 0.4 * r, "skeleton")
        if any(score >= 0.97 for score, _ in hits.values()):
            return hits
        # One consonant off, only when no spelling matched: an indexed skeleton that is the query's with one
        # consonant dropped (skel), added (near, by the query) or changed (near, by a deletion).
        near = self._near.get(key.mods, {})
        for sk in key.skeletons:
            if len(sk) < 5:
                continue
            deletions = _deletions(sk)
            for bucket in (near.get(sk), *map(near.get, deletions), *map(skel.get, deletions)):
                for other, i, via_arabic in bucket.rows if bucket else ():
                    r = ratio(dist, other) / 100
                    if r >= 0.8 and not via_arabic:
                        add(i, 0.4 + 0.45 * r, "fuzzy")
        return hits


_NO_BUCKET = _Bucket((), {}, ())
# Consonants of the generic words' canonical spellings (tal 2, jabal 3, khirbat 4...).
_GENERIC_CONSONANTS = {w: len(min(name_key(w).skeletons, key=len, default="")) for w in GENERIC}


@lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return Gazetteer(gazetteer_files.package_places())
