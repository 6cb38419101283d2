"""Geocoding: place mentions of one report -> PlaceRefs, disambiguated by the report's context.

For each mention the gazetteer gives candidates (see :meth:`Gazetteer.candidates`); the report then decides:

1. The governorates it names ("Aleppo province", "southern Aleppo", "Idlib countryside") favour candidates in
   them; a direction ("southern Aleppo", "the southern sector of ... Aleppo") rules out villages clearly on
   the other side of that governorate.
2. Places cluster: candidates in the same subdistrict/district as the report's other, unambiguous places
   (anchors) are preferred; a candidate far from all anchors is penalised.
3. The phrase around the name: "X district" favours admin units, "the village of X" populated places,
   "north of the town of X" keeps the place X but with precision 2; "the area of X" too. A place the text puts
   the name in ("the al-Zahra neighbourhood in central Homs city", "X in Hama province") all but rules out
   the candidates outside it (resolve/report_context.py).
4. An exact spelling that the context rules out means the real place is missing from the gazetteer: weaker
   spelling matches are then not taken instead.

A mention that stays unresolved keeps its text and gets the best enclosing area the report gives (its
governorate, precision 3); it is never dropped and never changes how other mentions resolve.

"The report" is the window a mention lies in: the whole text, or for a long document the section it was parsed
in (nlp/sections.py). Reading each mention against every other place of a long document made geocoding cubic
in its length; within a window of bounded size, and with the anchors measured once (resolve/anchors.py), it is
linear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from frontlines.records import PlaceRef, Span
from frontlines.resolve.anchors import Anchors
from frontlines.resolve.gazetteer import KIND_RANK, Gazetteer, Place, place_precision
from frontlines.resolve.placenames import normalise_arabic, parse_phrase
from frontlines.resolve.report_context import (
    DIR,
    POPULATED,
    ReportContext,
    contradicts,
    km,
    read_context,
    within_place,
)

ACCEPT = 0.8  # a candidate's context-adjusted score must reach this
MIN_MATCH = 0.75  # and its spelling score this
ANCHOR_MATCH = 0.85  # a mention whose best candidate is this good and unambiguous anchors the others
TOWN_OF_UNIT_MATCH = 0.85  # a town spelled this close to the admin unit a bare name matched is meant instead
FAR_KM = 20.0  # farther than this (or 2x the anchors' spread) from every anchor: penalised
WITHIN_OUTSIDE = -0.3  # a candidate outside the place the text puts the name in ("in Hama province")
# A city's neighbourhood outside that place is not the one meant ("the al-Midan quarter of Tadef" is not
# Damascus's Midan): a neighbourhood lies in its city, so the text's place rules it out.
NEIGHBOURHOOD_OUTSIDE = -1.0
CENTROID_SLACK_KM = 25.0  # a place known only by its subdistrict's centroid may lie this much farther

_RELATION = re.compile(
    rf"\b(?P<rel>{DIR}\s+of|near|outside|around|close\s+to|(?:on\s+)?the\s+outskirts\s+of|outskirts\s+of|"
    r"(?:in\s+)?the\s+vicinity\s+of|west\s+of|east\s+of)\s+(?:the\s+)?(?:(?:town|village|city|area)\s+of\s+)?"
    r"(?:[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?['’]s\s+)?$",  # "on the outskirts of Idlib's Saraqib"
    re.I,
)
# ACLED codes "the area of X", "X area" and "the surrounding areas of X" near X (precision 2). A plural list,
# "the areas of A, B and C", names the places themselves.
_AREA_BEFORE = re.compile(
    r"\b(?:area|surrounding\s+areas|surroundings|environs|perimeter)\s+of\s+(?:the\s+)?"
    r"(?:(?:town|village|city)\s+of\s+)?$",
    re.I,
)
_AREA_AFTER = re.compile(r"^\s+area\b", re.I)
_CONTAINER_BEFORE = re.compile(
    r"\b(village|town|city|district|neighbou?rhood|subdistrict|province|governorate)s?\s+of\s+(?:the\s+)?$",
    re.I,
)
_CONTAINER_AFTER = re.compile(  # also with a direction between: "Hama northern countryside"
    rf"^\s+(?:{DIR}\s+)?(district|subdistrict|countryside|province|governorate|neighbou?rhood|city|village|town)s?\b",
    re.I,
)
_CONTAINER_NORMAL = {"neighborhood": "neighbourhood", "governorate": "province"}
# A site word after the name belongs to the site's name: "Kuweires airbase", "the M5 highway".
_SITE_AFTER = re.compile(
    r"^\s+((?:military\s+)?(?:airbase|air base|airport|airfield)|highway|motorway|road|dam|bridge|crossing)\b",
    re.I,
)
# The place a name is put in, right after it: "the al-Zahra neighbourhood in central Homs city", "the village of
# X, in Hama's northern countryside", "X in Idlib province".
_WITHIN_AFTER = re.compile(
    r"(?:(?:\s+(?:village|town|city|neighbou?rhood|district|suburb|area|camp))?\s*,?\s+in"
    # "the al-Midan quarter of Tadef": a part of a town is in it
    r"|\s+(?:quarter|neighbou?rhood|district|suburb)\s+of(?:\s+the)?(?:\s+(?:town|city|village)\s+of)?)"
    r"\s+(?:the\s+)?"
    rf"(?:(?P<dir>central|{DIR})\s+)?"
    r"(?P<name>[A-Z][\w’'-]*(?:[ -](?:[a-z]{1,3}-)?[A-Z][\w’'-]*){0,2})"
    rf"(?:\s+(?:{DIR}\s+)?(?P<unit>province|governorate|countryside|city))?"
)
_ADMIN_KINDS = {"district", "subdistrict"}
_ARTICLE = re.compile(r"^(?:the\s+)?(?:a[lsdrtzn]|e[lsdrtzn]|ash)[\s\-]", re.I)  # a name that opens with one
_RURAL_BEFORE = re.compile(r"\brural\s+$", re.I)
_POSSESSIVE_END = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A candidate place span of a document, as the extractor found it."""

    text: str
    start: int
    end: int
    relation: str | None = None  # "north of", "near"...; read from the text before the span when None
    container: str | None = None  # "district", "village", "countryside"...; read from the phrase when None
    admin1_hint: str | None = (
        None  # a governorate the extractor saw with the mention ("... in Hama province")
    )


# ----------------------------------------------------------------------------------------- one mention


@dataclass(frozen=True, slots=True)
class _Reading:
    """A mention as read in its sentence: names to look up, container word, relation, article."""

    names: tuple[str, ...]
    container: str | None
    relation: str | None
    has_article: bool
    # the place the text puts it in ("X in central Homs city"): its name and its unit: "province" or
    # "countryside" as written after it, "province" for a possessive or a compass word ("in northern Hama"),
    # "city" as written or after "central", "" for a bare name
    within: tuple[str, str] | None = None


def _read_mention(doc_text: str, m: PlaceMention) -> _Reading:
    phrase = parse_phrase(m.text)
    aligned = (
        doc_text[m.start : m.end] == m.text
    )  # the mention's offsets slice the document: context is valid
    before = doc_text[max(0, m.start - 60) : m.start] if aligned else ""
    after = doc_text[m.end : m.end + 30] if aligned else ""
    relation = m.relation
    if relation is None and (rel := _RELATION.search(before)):
        relation = " ".join(rel.group("rel").lower().split())
    if relation is None and (_AREA_BEFORE.search(before) or _AREA_AFTER.match(after)):
        relation = "area"
    container = m.container or phrase.container
    if container is None and (c := _CONTAINER_BEFORE.search(before) or _CONTAINER_AFTER.match(after)):
        container = c.group(1).lower()
    container = _CONTAINER_NORMAL.get(container or "", container)
    article = bool(_ARTICLE.match(phrase.name))
    # "al-Hikmeh school" is a school's own name; "Aleppo Citadel" is a part of the place Aleppo.
    own_name = container == "facility" and article
    names = tuple(dict.fromkeys(n for n in (m.text.strip(), "" if own_name else phrase.name) if n))
    if site := _SITE_AFTER.match(after):
        names = (f"{m.text.strip()} {site.group(1)}", *names)
    if _RURAL_BEFORE.search(before):  # "rural Damascus" is the governorate Rural Damascus
        names = (f"Rural {phrase.name}", *names)
        container = container or "countryside"
    within = _WITHIN_AFTER.match(doc_text, m.end, m.end + 90) if aligned else None
    inside = None
    if within is not None:
        name = _POSSESSIVE_END.sub("", within.group("name"))
        unit = (within.group("unit") or "").lower()
        direction = (within.group("dir") or "").lower()
        # "in northern Hama", "in Hama's north": the governorate; "in central Homs", "in Homs city": the city
        if not unit and (name != within.group("name") or direction not in ("", "central")):
            unit = "province"
        inside = (name, unit or ("city" if direction == "central" else ""))
    return _Reading(names, container, relation, article, inside)


# The kinds of place each container word fits (a kind outside them is disfavoured).
_CONTAINER_KINDS: dict[str, set[str]] = {
    "district": _ADMIN_KINDS,
    "subdistrict": _ADMIN_KINDS,
    "village": POPULATED,
    "town": POPULATED,
    "city": {"city", "town", "community"},
    "neighbourhood": {"neighbourhood"},
    "countryside": {"governorate", "region"},
    "province": {"governorate"},
    "military_site": {"military_site"},
    "road": {"road"},
}


def _container_fit(place: Place, container: str | None) -> float:
    fits = _CONTAINER_KINDS.get(container) if container is not None else None
    if fits is None:
        return 0.0
    return 0.1 if place.kind in fits else -0.05


def _article_fit(place: Place, has_article: bool) -> float:
    if not has_article or not place.name_ar:
        return 0.0
    return 0.03 if normalise_arabic(place.name_ar).startswith("ال") else -0.03


# The mention's index and the anchors of its window (None in the first pass, which has no anchors yet).
_Among = tuple[int, Anchors | None]
_NO_ANCHORS: _Among = (-1, None)


def _in_context(
    place: Place, score: float, reading: _Reading, ctx: ReportContext, gazetteer: Gazetteer
) -> float | None:
    """The candidate's score in the report's context, before the anchors (which only the second pass has);
    None when the report rules it out."""
    if contradicts(place, ctx, gazetteer):
        return None
    s = score + _container_fit(place, reading.container) + _article_fit(place, reading.has_article)
    if ctx.admin1 and place.kind != "country":
        s += 0.1 if place.admin1_pcode in ctx.admin1 else -0.2
    return s + _within_fit(place, reading, gazetteer)


def _among_anchors(s: float, place: Place, among: _Among) -> float:
    """A score in context (``_in_context``) with the candidate's fit among the anchors of the other mentions."""
    mention, anchors = among
    if anchors is not None and place.kind not in {"governorate", "country", "region", "road"}:
        slack = CENTROID_SLACK_KM if place.coord_source == "subdistrict-centroid" else 0.0
        fit = anchors.fit(mention, place, FAR_KM, slack)  # None: no other anchor than the place itself
        if fit is not None:
            if fit.same_subdistrict:
                s += 0.1
            elif fit.same_district:
                s += 0.05
            if fit.far:
                s -= 0.2
    return s


def _within_fit(place: Place, reading: _Reading, gazetteer: Gazetteer) -> float:
    """Disfavour a candidate outside the place the text puts the name in (WITHIN_OUTSIDE). Those inside get
    nothing: a bonus would let a loose spelling inside beat the name itself ("across Syria, in Daraa" had made
    "Syria" a village of Daraa)."""
    inside = within_place(gazetteer, *reading.within) if reading.within else None
    if inside is None or inside.id == place.id or place.kind in {"governorate", "country", "region", "road"}:
        return 0.0
    if inside.kind == "governorate":
        if place.admin1_pcode is None:  # a user's place may give its governorate by name only
            inside_it = place.admin1 is None or place.admin1 in (inside.name, inside.admin1)
        else:
            inside_it = place.admin1_pcode == inside.id
    else:
        reach = FAR_KM + (CENTROID_SLACK_KM if place.coord_source == "subdistrict-centroid" else 0.0)
        inside_it = km(place, inside) <= reach
    if inside_it:
        return 0.0
    return NEIGHBOURHOOD_OUTSIDE if place.kind == "neighbourhood" else WITHIN_OUTSIDE


def _choose(
    candidates: list[tuple[Place, float, str]],
    reading: _Reading,
    ctx: ReportContext,
    among: _Among,
    gazetteer: Gazetteer,
    in_context: list[float | None],
) -> tuple[Place, float, str, float] | None:
    """The best candidate in context as (place, adjusted, rule, margin over the runner-up), or None.
    ``in_context``: the candidates' scores in context (`_in_context`) as far as an earlier pass read them; a
    pass reads them in order, so it extends the list."""
    scored: list[tuple[float, Place, str]] = []
    top_raw = candidates[0][1] if candidates else 0.0
    for k, (place, score, rule) in enumerate(candidates):
        if k == len(in_context):
            in_context.append(_in_context(place, score, reading, ctx, gazetteer))
        in_ctx = in_context[k]
        if in_ctx is None:
            continue
        adjusted = _among_anchors(in_ctx, place, among)
        if score < top_raw - 0.1 and not any(s >= ACCEPT for s, _, _ in scored):
            # the name's best spellings were ruled out or rejected in context: the place is unknown
            break
        scored.append((adjusted, place, rule))
    if not scored:
        return None
    scored.sort(key=lambda t: (-round(t[0], 6), KIND_RANK.get(t[1].kind, 99)))
    best, place, rule = scored[0]
    raws = {p.id: s for p, s, _ in candidates}
    if place.kind in _ADMIN_KINDS and reading.container not in _ADMIN_KINDS:
        # A subdistrict is named after its main town: "shelled Arbin" is the town unless "Arbin district".
        town = next(
            (
                t
                for t in scored[1:]
                if t[1].kind in POPULATED
                and raws[t[1].id] >= TOWN_OF_UNIT_MATCH
                and t[1].admin1_pcode == place.admin1_pcode
                and km(t[1], place) <= FAR_KM
            ),
            None,
        )
        if town is not None:
            best, place, rule = town
    raw = raws[place.id]
    if best < ACCEPT or raw < MIN_MATCH:
        return None
    runner = next((s for s, p, _ in scored[1:] if p.admin3_pcode != place.admin3_pcode), 0.0)
    return place, best, rule, best - runner


def _lookup(gazetteer: Gazetteer, reading: _Reading) -> list[tuple[Place, float, str]]:
    for name in reading.names:
        found = gazetteer.candidates(name)
        if found and found[0][1] >= 0.9:
            return found
    lists = [gazetteer.candidates(n) for n in reading.names]
    return max(lists, key=lambda c: c[0][1] if c else 0.0, default=[])


# ----------------------------------------------------------------------------------------- the document


def geocode(
    doc_text: str,
    mentions: Sequence[PlaceMention],
    gazetteer: Gazetteer | None = None,
    windows: Sequence[tuple[int, int]] = (),
) -> list[PlaceRef]:
    """One PlaceRef per mention, in order. ``place_id`` is None when unresolved: the coordinates are then
    those of the governorate the report gives (precision 3), or none at all. ``windows`` are the (start, end)
    of the document's sections, in order (none: the whole text is one); a mention is read in the context of
    the window it starts in."""
    gaz = gazetteer or Gazetteer.default()
    windows = windows or [(0, len(doc_text))]
    starts = [start for start, _ in windows]
    groups: dict[int, list[int]] = {}
    for i, mention in enumerate(mentions):
        groups.setdefault(max(0, bisect.bisect_right(starts, mention.start) - 1), []).append(i)
    refs: list[PlaceRef | None] = [None] * len(mentions)
    for w, members in groups.items():
        start, end = windows[w]
        window_refs = _geocode_window(doc_text, doc_text[start:end], [mentions[i] for i in members], gaz)
        for i, ref in zip(members, window_refs, strict=True):
            refs[i] = ref
    return [ref for ref in refs if ref is not None]


def _geocode_window(
    doc_text: str, window_text: str, mentions: Sequence[PlaceMention], gaz: Gazetteer
) -> list[PlaceRef]:
    ctx = read_context(window_text, gaz)
    # A mention is read, looked up and chosen without anchors once for all its copies (one place governed by
    # two events' triggers is two equal mentions): all that depends on the mention alone. The candidates'
    # scores in context are kept for the second pass, which differs only by the anchors.
    copied: dict[PlaceMention, int] = {}
    readings: list[_Reading] = []
    found: list[list[tuple[Place, float, str]]] = []
    in_context: list[list[float | None]] = []
    first: list[tuple[Place, float, str, float] | None] = []
    for i, m in enumerate(mentions):
        j = copied.setdefault(m, i)
        if j < i:
            readings.append(readings[j])
            found.append(found[j])
            in_context.append(in_context[j])
            first.append(first[j])
            continue
        readings.append(_read_mention(doc_text, m))
        found.append(_lookup(gaz, readings[i]))
        in_context.append([])
        first.append(_choose(found[i], readings[i], ctx, _NO_ANCHORS, gaz, in_context[i]))
    anchors = Anchors(
        {
            i: choice[0]
            for i, (choice, cands) in enumerate(zip(first, found, strict=True))
            if choice
            and choice[3] >= 0.05
            and cands[0][1] >= ANCHOR_MATCH
            and choice[0].kind != "governorate"
        }
    )
    refs = []
    for i, (mention, reading, cands) in enumerate(zip(mentions, readings, found, strict=True)):
        choice = _choose(cands, reading, ctx, (i, anchors), gaz, in_context[i])  # never anchors itself
        refs.append(
            _resolved(mention, reading, choice)
            if choice
            else _fallback(mention, reading, ctx, (i, anchors), gaz)
        )
    return refs


def _span(m: PlaceMention) -> Span:
    return Span(m.start, m.end, m.text)


def _resolved(m: PlaceMention, reading: _Reading, choice: tuple[Place, float, str, float]) -> PlaceRef:
    place, _, rule, _ = choice
    precision = place_precision(place)
    if reading.relation:
        precision, rule = max(precision, 2), f"{rule};{reading.relation}"
    if reading.container in {"facility", "military_site", "road"} and place.kind not in {
        "military_site",
        "road",
    }:
        precision = max(precision, 2)
    if reading.container == "countryside" and place.kind == "governorate":
        precision = 3
    return PlaceRef(
        location=m.text,
        place_id=place.id,
        place_name=place.name,
        admin1=place.admin1 or (place.name if place.kind == "governorate" else None),
        latitude=place.lat,
        longitude=place.lon,
        geo_precision=precision,
        rule=rule,
        span=_span(m),
    )


def _fallback(
    m: PlaceMention, reading: _Reading, ctx: ReportContext, among: _Among, gaz: Gazetteer
) -> PlaceRef:
    """The best enclosing area the report gives: the town the text puts the name in ("the al-Midan quarter of
    Tadef", "X in Homs city": its point, precision 2), else the hinted, most named or anchors' governorate (precision
    3), or none. The place itself stays unknown: no place id."""
    town = within_place(gaz, *reading.within) if reading.within else None
    if town is not None and town.kind in POPULATED:  # the place itself stays unknown: no id
        return PlaceRef(
            m.text, None, town.name, town.admin1, town.lat, town.lon, 2, "fallback:within", _span(m)
        )
    gov = None
    if m.admin1_hint:
        gov = next((p for p, _, _ in gaz.candidates(m.admin1_hint) if p.kind == "governorate"), None)
    if gov is None and ctx.admin1:
        gov = gaz.get(ctx.admin1.most_common(1)[0][0])
    mention, anchors = among
    if gov is None and anchors is not None:
        pcode = anchors.admin1_of_others(mention)
        gov = gaz.get(pcode) if pcode else None
    if gov is None:
        return PlaceRef(m.text, None, None, None, None, None, None, "unresolved", _span(m))
    admin1 = gov.admin1 or gov.name
    return PlaceRef(m.text, None, gov.name, admin1, gov.lat, gov.lon, 3, "fallback:admin1", _span(m))


def mentions_of(doc_text: str, names: Sequence[str]) -> list[PlaceMention]:
    """Mentions for names found verbatim in a text (first occurrence each; missing names skipped). A helper
    for evaluation and for callers that only have names."""
    out = []
    for name in names:
        i = doc_text.find(name)
        if i >= 0:
            out.append(PlaceMention(name, i, i + len(name)))
    return out
