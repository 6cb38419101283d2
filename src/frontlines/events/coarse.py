"""Coarse places: a region, governorate or country named around finer places is not an event place of its own
(ACLED codes a coarse event only where no finer place of that event is named), a city framed as one situates
the finer places of its event, and a list of regions told by one trigger sums up a campaign (rules "covered",
"city around", "regional summary"; ADR 0013)."""

from __future__ import annotations

import re

from frontlines.events.draft import Draft, norm
from frontlines.events.merge import VIOLENCE
from frontlines.resolve.gazetteer import Gazetteer
from frontlines.wordlists import load_words, word_set

_E = load_words("frontlines.events")["events"]
CONTAINER_KINDS = frozenset({"country", "governorate", "region", "district", "subdistrict"})
DISTRICT_CUES = word_set(_E, "district_cues")  # "the district of Jobar": never a region
CITY_CUES = word_set(_E, "city_cues")  # "the city of Aleppo": a region only around places of its sentence
# How close a name must be to a region's to name it ("Aleppo" the city names Aleppo governorate; "Darayya" at
# 0.91 to "Dara" does not).
NAMES_A_REGION = 0.95


def _is_container(d: Draft, gazetteer: Gazetteer) -> bool:
    """Named as a region around other places: flagged by its phrase ("in northern Hama"), or a country,
    governorate or region (a city that names its governorate, like Aleppo, counts too)."""
    if d.mention.place.container:
        return True
    place = gazetteer.get(d.place.place_id) if d.place.place_id else None
    if place is not None and place.kind == "country":
        return True  # whatever cue its list gave it ("the city of Daraa, Syria")
    if d.mention.place.cue in DISTRICT_CUES or d.mention.place.cue in CITY_CUES:
        return False
    if place is not None and place.kind in CONTAINER_KINDS:
        return True
    return _named_like_a_region(d, gazetteer)


REGION_KINDS = frozenset({"country", "governorate", "region"})
# The country around a city that is a governorate of its own: "east of Damascus" is in Rural Damascus, so a place
# there covers it (not Damascus itself, named as a place of its own).
AROUND = {"Damascus": "Rural Damascus"}


def _named_like_a_region(d: Draft, gazetteer: Gazetteer) -> bool:
    """Is the name as written a country's, governorate's or region's ("Aleppo" the city names Aleppo
    governorate), whatever place it resolved to?"""
    return any(
        p.kind in REGION_KINDS and score >= NAMES_A_REGION
        for p, score, _ in gazetteer.candidates(d.place.location)
    )


ENTRY_RE = re.compile(r"(?:enter|entr)\w*", re.I)  # "entered", "entering", "entry": a crossing


def _kind(d: Draft, gazetteer: Gazetteer) -> str | None:
    """The gazetteer kind of a draft's place ("country", "governorate", "city", ...), None when unresolved."""
    place = gazetteer.get(d.place.place_id) if d.place.place_id else None
    return None if place is None else place.kind


def drop_containers(drafts: list[Draft], gazetteer: Gazetteer) -> list[Draft]:
    """A region named to situate more specific places is not an event place: drop it when the same sentence,
    or another sentence of the report in the same governorate, names a specific place (a report's lead often
    sums up in a region what its body details); a country, or a region the gazetteer cannot place, when the
    report names any specific place. ACLED codes a coarse event only where no finer place is named."""
    container = [_is_container(d, gazetteer) for d in drafts]
    specific = [d for d, is_container in zip(drafts, container, strict=True) if not is_container]
    sentences = {d.mention.sentence.index for d in specific}
    # a region is covered by a finer place of the same kind of event: "clashes in Aleppo" by the districts of
    # Aleppo the body details, not a protest in Aleppo by an arrest in one of its districts another day
    areas = {(d.place.admin1, _family(d)) for d in specific if d.place.admin1}
    kinds = [_kind(d, gazetteer) for d in drafts]
    # any place finer than a country: a governorate, or a city that names one ("across Syria: Daraa, ...")
    below_country = any(kind != "country" for kind in kinds)

    def covered(d: Draft, kind: str | None) -> bool:
        """A country is covered by any finer place of the report (rule "country covered"), a governorate or
        region by one inside it."""
        if kind == "country":  # crossing into a country ("entering Syria") is told at the country
            return below_country and not ENTRY_RE.fullmatch(d.mention.trigger.text)
        if d.mention.sentence.index in sentences or (d.place.admin1, _family(d)) in areas:
            return True
        around = AROUND.get(d.place.admin1 or "")
        if around and d.mention.place.relation in ("near", "direction") and (around, _family(d)) in areas:
            return True
        return bool(specific) and (kind is None or d.place.admin1 is None)

    kept = [
        d
        for d, is_container, kind in zip(drafts, container, kinds, strict=True)
        if not (is_container and covered(d, kind))
    ]
    # a summary is read on all the trigger's places, before coverage took some ("in the countryside of Idlib
    # and Aleppo": Idlib covered by a finer place leaves Aleppo alone, but the trigger still sums up both)
    summed = {id(d) for d in drafts} - {id(d) for d in _drop_regional_summaries(drafts)}
    kept = [d for d in kept if id(d) not in summed]
    # Only a place its sentence frames as a region holds another (_within), and only one of its own sentence.
    by_sentence: dict[int, list[Draft]] = {}
    for d in kept:
        by_sentence.setdefault(d.mention.sentence.index, []).append(d)

    def holds_another(d: Draft) -> bool:
        if not (d.mention.place.container and d.place.place_id):
            return False
        return any(
            _within(o, d, gazetteer) or _possessed(o, d)
            for o in by_sentence[d.mention.sentence.index]
            if o is not d
        )

    return [
        d
        for d in kept
        if not holds_another(d)
        and not _city_around(d, by_sentence[d.mention.sentence.index])
        and not any(_named_part(d, o, gazetteer) for o in by_sentence[d.mention.sentence.index] if o is not d)
    ]


TRANSFER = "Non-violent transfer of territory"


def _family(d: Draft) -> str:
    """The kind of event a region sums up: political violence of any type and a change of hands ("withdrew
    from two towns in Aleppo province") are one kind; a protest, an arrest, an agreement each its own."""
    if d.event_type in VIOLENCE or d.sub_event_type == TRANSFER:
        return "violence"
    return d.event_type


# "the Damascus suburb of Douma", "the Idlib town of Saraqib", "the Jobar district of Damascus": two names joined
# by a place noun and "of", one of which is the whole the other is part of
PART_NAMED_RE = re.compile(
    r"^\s+(?:suburb|district|neighbo(?:u)?rhood|town|village|city)\s+of\s+(?:the\s+)?(?:\w+\s+)?$", re.I
)


def _named_part(d: Draft, other: Draft, gazetteer: Gazetteer) -> bool:
    """Rule "named part": is ``d`` the whole of a pair "A <place noun> of B" that ``other`` completes? The first
    name is the whole when it names a governorate, region or country ("the Damascus suburb of eastern Ghouta",
    "the Idlib town of Saraqib"); else the second is ("the Jobar district of Damascus")."""
    first, second = (d, other) if d.mention.place.start < other.mention.place.start else (other, d)
    sentence = first.mention.sentence
    if second.mention.sentence.index != sentence.index:
        return False
    between = sentence.text[
        first.mention.place.end - sentence.start : second.mention.place.start - sentence.start
    ]
    if PART_NAMED_RE.match(between) is None:
        return False
    whole = first if _names_a_region(first, gazetteer) else second
    return whole is d


def _names_a_region(d: Draft, gazetteer: Gazetteer) -> bool:
    """A governorate, region or country, or a city that names one ("Aleppo", "Idlib")."""
    return _kind(d, gazetteer) in REGION_KINDS or _named_like_a_region(d, gazetteer)


_LISTED_RE = re.compile(
    r"(?:,|\band)\s+(?:the\s+)?(?:\w+\s+)?$"
)  # "..., and the city of Idlib": a list's member
# "the city of Tabqa and the nearby Euphrates dam": the first member of a list, with the next member's words
_LIST_GOES_ON_RE = re.compile(
    r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
    r"(?:(?:the|nearby|neighbou?ring|adjacent|strategic|villages?|towns?|of)\s+){0,4}$",
    re.I,
)


def _city_around(d: Draft, same_sentence: list[Draft]) -> bool:
    """A place its phrase frames as a city ("jihadists in Aleppo city attacked A and B") situates the finer
    places of the same event in its governorate, unless it is one more member of their list ("A, B and the
    city of Idlib", "the city of Tabqa and the nearby Euphrates dam"); elsewhere the city is an event place of
    its own."""
    if d.mention.place.cue not in CITY_CUES or d.place.admin1 is None:
        return False
    sentence = d.mention.sentence
    before = sentence.text[: d.mention.place.start - sentence.start]
    before = re.sub(r"(?:\bthe\s+)?(?:\w+\s+)?city\s+of\s+$", "", before, flags=re.I)
    if _LISTED_RE.search(before):
        return False
    finer = [
        o
        for o in same_sentence
        if o is not d
        and o.mention.trigger.token == d.mention.trigger.token
        and o.place.admin1 == d.place.admin1
        and o.mention.place.cue not in CITY_CUES
        and o.place.place_id != d.place.place_id
    ]
    if any(
        _LIST_GOES_ON_RE.match(
            sentence.text[d.mention.place.end - sentence.start : o.mention.place.start - sentence.start]
        )
        for o in finer
    ):
        return False  # the first member of their list
    return bool(finer)


def _drop_regional_summaries(drafts: list[Draft]) -> list[Draft]:
    """Rule "regional summary": one trigger whose places are two or more regions and no finer place ("air
    strikes on rebel positions in the provinces of Hama and Aleppo", "fighting in various regions, including
    Hama and Idlib") sums up a campaign; it is no event at each region. A region is a place its phrase
    frames as one ("the provinces of", "the suburbs of", "in northern Hama and Idlib"); a city that names
    its governorate ("captured Daraa, Quneitra and Homs") is a place."""
    by_trigger: dict[tuple[int, int], list[Draft]] = {}
    for d in drafts:
        by_trigger.setdefault((d.mention.sentence.index, d.mention.trigger.start), []).append(d)
    summaries = {
        key
        for key, group in by_trigger.items()
        if len({norm(d.place.location) for d in group}) >= 2
        and all(d.mention.place.container for d in group)
        and any(
            d.mention.place.evidence == "list" for d in group
        )  # a list of regions, not one inside another
    }
    return [d for d in drafts if (d.mention.sentence.index, d.mention.trigger.start) not in summaries]


# How coarse a container is: a country holds governorates, which hold regions, districts and subdistricts.
_LEVEL = {"country": 0, "governorate": 1, "region": 2, "district": 3, "subdistrict": 4}


# "Damascus eastern countryside's al-Qalamoon", "Aleppo's Sheikh Maqsoud": the owner situates what it owns.
POSSESSIVE_RE = re.compile(r"^(?:\s+[\w-]+){0,2}\s*['’]s\s+(?:the\s+)?$")


def _possessed(inner: Draft, outer: Draft) -> bool:
    """Rule "possessive": the sentence names ``inner`` as a part its phrase gives to ``outer``, a region ("in
    Damascus eastern countryside's al-Qalamoon"), whatever the gazetteer's codes say (Damascus city and its
    countryside are two governorates)."""
    sentence = outer.mention.sentence
    if inner.mention.sentence.index != sentence.index or inner.mention.place.start <= outer.mention.place.end:
        return False
    between = sentence.text[
        outer.mention.place.end - sentence.start : inner.mention.place.start - sentence.start
    ]
    return POSSESSIVE_RE.match(between) is not None


def _within(inner: Draft, outer: Draft, gazetteer: Gazetteer) -> bool:
    """Is ``inner`` a finer place inside ``outer``, which the same sentence frames as a region ("in the East
    Ghouta region of rural Damascus", "Homs province in central Syria")? Then ``outer`` only situates it."""
    if not outer.mention.place.container or not outer.place.place_id:
        return False  # only a place the sentence frames as a region ("entering Syria" is an event place)
    if inner.mention.sentence.index != outer.mention.sentence.index:
        return False
    container = gazetteer.get(outer.place.place_id)
    if container is None or container.kind not in _LEVEL or inner.place.place_id == outer.place.place_id:
        return False
    place = gazetteer.get(inner.place.place_id) if inner.place.place_id else None
    if place is None or _LEVEL.get(place.kind, 9) <= _LEVEL[container.kind]:
        return False
    return container.kind == "country" or (
        container.admin1_pcode is not None and place.admin1_pcode == container.admin1_pcode
    )
