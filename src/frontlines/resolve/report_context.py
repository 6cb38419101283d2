"""What a report says about where its places lie (geocode rules 1 and 3): the governorates it names, the compass
words it gives them ("southern Aleppo"), and the place a name is put in ("the al-Zahra neighbourhood in central
Homs city"). Read once per report window by :mod:`frontlines.resolve.geocode`, which weighs candidates by it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from frontlines.resolve.gazetteer import Gazetteer, Place
from frontlines.resolve.placenames import ARTICLES, is_arabic, parse_phrase

DIRECTION_SLACK = 0.2  # degrees a place may lie on the "wrong" side of a governorate's point
DIR = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
DIR_WORD = re.compile(rf"\b({DIR})\b(?!\s+(?:province|governorate|city|syria|country))", re.I)
POPULATED = {"community", "town", "city"}
_SENTENCE_END = re.compile(r"[.!?\n]\s")
_POSSESSIVE_DIR = re.compile(rf"^['’]s\s+({DIR})", re.I)  # "Aleppo's northern countryside"


@dataclass(frozen=True, slots=True)
class ReportContext:
    admin1: Counter[str]  # governorate pcode -> times the report names it
    directions: dict[str, frozenset[str]]  # governorate pcode -> compass words the report uses with it


@lru_cache(maxsize=8)
def _governorate_pattern(gazetteer: Gazetteer) -> tuple[re.Pattern[str], dict[str, Place]]:
    """One regex for every Latin name of every governorate, and name key -> governorate. Words may be joined by
    a space or a hyphen and an Arabic article written in either case ("Deir al-Zor", "Deir Al Zor")."""
    by_name: dict[str, Place] = {}
    for place in gazetteer:
        if place.kind != "governorate":
            continue
        for name in (place.name, *place.alt_names):
            core = parse_phrase(name).name
            if core and not is_arabic(core) and core[0].isupper():
                by_name.setdefault(_governorate_key(core), place)
    alternatives = []
    for key in sorted(by_name, key=len, reverse=True):
        words = [f"(?i:{re.escape(w)})" if w.lower() in ARTICLES else re.escape(w) for w in key.split(" ")]
        alternatives.append(r"[\s-]+".join(words))
    return re.compile(r"\b(" + "|".join(alternatives) + r")\b"), by_name


def _governorate_key(name: str) -> str:
    """A governorate's name as the pattern's table knows it: words joined by one space, articles lower-case."""
    words = re.split(r"[\s-]+", name.strip())
    return " ".join(w.lower() if w.lower() in ARTICLES else w for w in words)


def read_context(doc_text: str, gazetteer: Gazetteer) -> ReportContext:
    """The governorates a report window names, how often, and the compass word last given to each."""
    pattern, by_name = _governorate_pattern(gazetteer)
    counts: Counter[str] = Counter()
    directions: dict[str, set[str]] = {}
    for m in pattern.finditer(doc_text):
        gov = by_name[_governorate_key(m.group(1))]
        counts[gov.id] += 1
        before = _SENTENCE_END.split(doc_text[max(0, m.start() - 80) : m.start()])[-1]
        words = [w.group(1).lower() for w in DIR_WORD.finditer(before)]
        after = _POSSESSIVE_DIR.match(doc_text[m.end() : m.end() + 30])
        if after:
            words.append(after.group(1).lower())
        if words:
            directions.setdefault(gov.id, set()).add(words[-1])
    return ReportContext(counts, {k: frozenset(v) for k, v in directions.items()})


def contradicts(place: Place, ctx: ReportContext, gazetteer: Gazetteer) -> bool:
    """Is the place clearly on the other side of its governorate from every direction the report gives? A side
    is read from the governorate's point and from its capital's ("northeast of Aleppo" is said of the city as
    often as of the province, whose point lies far east of the city): the place must be off from both."""
    words = ctx.directions.get(place.admin1_pcode or "")
    gov = gazetteer.get(place.admin1_pcode or "")
    if not words or gov is None or place.lat is None or place.lon is None or place.kind not in POPULATED:
        return False
    lat, lon = place.lat, place.lon
    points = [
        (p.lat, p.lon)
        for p in (gov, _capital(gazetteer, gov.id))
        if p is not None and p.lat is not None and p.lon is not None
    ]
    slack = DIRECTION_SLACK

    def off(word: str, dlat: float, dlon: float) -> bool:
        return (
            ("south" in word and dlat > slack)
            or ("north" in word and dlat < -slack)
            or ("east" in word and dlon < -slack)
            or ("west" in word and dlon > slack)
        )

    return bool(points) and all(off(w, lat - plat, lon - plon) for w in words for plat, plon in points)


@lru_cache(maxsize=64)
def _capital(gazetteer: Gazetteer, pcode: str) -> Place | None:
    """The city that gives a governorate its name (Aleppo of Aleppo), when the gazetteer has it."""
    gov = gazetteer.get(pcode)
    if gov is None:
        return None
    name = parse_phrase(gov.name).name
    return next(
        (
            p
            for p, score, _ in gazetteer.candidates(name)
            if score >= 0.95 and p.kind in POPULATED and p.admin1_pcode == pcode and p.lat is not None
        ),
        None,
    )


def km(a: Place, b: Place) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return 0.0
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    y = math.radians(b.lat - a.lat)
    return 6371.0 * math.hypot(x, y)


@lru_cache(maxsize=4096)
def within_place(gazetteer: Gazetteer, name: str, unit: str) -> Place | None:
    """The governorate or town a name after "in" stands for, when the gazetteer knows the name well: a town
    when the text says so ("in Homs city", "in central Homs": ``unit`` "city"); a governorate when a unit word
    follows ("Damascus countryside" is Rural Damascus), and first of all for a bare name ("the village of A in
    Idlib" is as often the province as the city, and the city lies inside the province)."""
    if unit == "city":
        kinds: tuple[str, ...] = ("city", "town", "community")
    elif unit:
        kinds = ("governorate",)
    else:
        kinds = ("governorate", "city", "town", "community")
    names = (f"Rural {name}", name) if unit == "countryside" else (name,)
    for written in names:
        found = [p for p, score, _ in gazetteer.candidates(written) if score >= 0.95 and p.lat is not None]
        place = next((p for kind in kinds for p in found if p.kind == kind), None)
        if place is not None:
            return place
    return None
