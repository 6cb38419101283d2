"""Finding the places a sentence names.

spaCy's small model labels many Syrian villages PERSON or ORG, so entity labels are hints, not truth. A place is a
capitalised name (with Arabic articles: "al-Na'amaniyeh", "Tal al-Zaman") that the sentence frames as a place: a
cue before it ("the villages of", "in", "near the town of"), a cue after it ("X district", "X countryside"), a
list that continues a place ("the villages of A, B and C"), a GPE/LOC/FAC entity, or a name the gazetteer knows
(the weak evidence, and the only reading of entity labels: `frontlines.extract.place_labels`).
Names of actors, news sources, months and nationalities are not places.

Each candidate carries how the sentence relates it to the event: `relation` ("north of", "near", "toward",
"route") and `container` (a region named to situate another place: "in northern Hama", "Aleppo province").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS

from frontlines.extract.memo import PhraseMemo
from frontlines.extract.place_labels import weak_evidence
from frontlines.extract.place_patterns import (
    AFTER_CUE_RE,
    ATTRIBUTION_CLAUSE_RE,
    BEFORE_OF_RE,
    COMMON_WORDS,
    CONTAINER_AFTER_RE,
    CONTAINER_BEFORE_RE,
    COORDINATED_PART_RE,
    COUNTED_IN_RE,
    DATELINE_RE,
    DIRECTION_WORDS,
    EXAMPLE_RE,
    HELD_BY_RE,
    IN_OWNER_BETWEEN_RE,
    IN_PLACE_RE,
    INCLUDING_RE,
    INDEFINITE_RE,
    KNOWN_AS_RE,
    LANDMARK_END_RE,
    LANDMARK_RE,
    LANDMARK_WORDS,
    LIST_AHEAD_RE,
    LIST_SEP_RE,
    LOCATED_RE,
    NAME_END_RE,
    NAME_RE,
    NAMED_MEMBER_RE,
    NEAR_AFTER_RE,
    NOT_PLACES,
    ON_THE_RE,
    ORG_WORDS,
    OWNED_PARTS_RE,
    PART_OF_RE,
    PEOPLE_FIRST,
    PERSON_FIRST,
    PERSON_TITLES,
    PREPOSITION_RE,
    RELATION_RES,
    RESTATEMENT_RE,
    ROAD_AFTER_RE,
    ROAD_CUES,
    ROAD_ENDS_AFTER_RE,
    ROAD_ENDS_BEFORE_RE,
    SOURCE_NAME_RE,
    STOP_FIRST,
    TIME_RE,
    UNIT_OF_RE,
)


def restates(text: str, start: int) -> bool:
    """Does the phrase before ``text[start:]`` restate places already told ("they are the villages of")?"""
    return RESTATEMENT_RE.search(text, max(0, start - 60), start) is not None


def dateline_end(text: str, position: int, memo: PhraseMemo | None = None) -> int:
    """Where the wire dateline of the line holding ``position`` ends (its separator included), or -1 when
    the line opens with none."""
    line_start = text.rfind("\n", 0, position) + 1
    found = memo.match_at(DATELINE_RE, text, line_start) if memo else DATELINE_RE.match(text, line_start)
    return found.end() if found else -1


def _has_title(words: Sequence[str]) -> bool:
    """A title after the first word of a name: "Daraa Governor Louay Kharita" (the first word is checked with
    the other words that are no place)."""
    return any(w in PERSON_TITLES for w in words[1:])


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """A place named in a sentence; offsets index the document text."""

    start: int
    end: int
    text: str
    cue: str | None  # the place noun framing it ("village", "district") if any
    relation: str | None  # "near", "direction", "toward", "route" or None (the place itself)
    container: bool  # named to situate other places ("in northern Hama", "Aleppo province")
    evidence: (
        str  # why it is taken as a place: "cue", "after-cue", "list", "entity", "gazetteer", "preposition"
    )


def _strip_leading_stopwords(
    match_text: str, start: int, is_known_place: Callable[[str], bool]
) -> tuple[str, int, bool]:
    """Drop leading words that are not part of a name; a leading direction ("Southern Aleppo") means the
    name is named as a region around the place (a container), unless the whole is a known name ("East
    Ghouta")."""
    words = match_text.split(" ")
    directional = False
    while words and (
        words[0].lower().strip("’'") in STOP_FIRST
        or HELD_BY_RE.fullmatch(words[0]) is not None  # "the Kurdish-held Sheikh Maqsoud district"
        or (  # a tally's count before a preposition: "63 In Irbin" (but "1070 Housing Project" is a name)
            words[0].replace(",", "").isdigit()
            and len(words) > 1
            and words[1].lower().strip("’'") in STOP_FIRST
        )
        or (
            words[0].lower() in DIRECTION_WORDS
            and not is_known_place(" ".join(words))
            # "Central Prison", "the Western Mountains": a direction and one noun of a place make a name
            and not (
                len(words) == 2 and (words[1].lower() in LANDMARK_WORDS or NAME_END_RE.search(" " + words[1]))
            )
        )
    ):
        directional = directional or words[0].lower() in DIRECTION_WORDS
        start += len(words[0]) + 1
        words = words[1:]
    return " ".join(words), start, directional


def _trim_trailing(text: str) -> str:
    text = text.rstrip(".-‐‑’'")
    for suffix in ("’s", "'s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text


_NUMBER_RE = re.compile(r"\d[\d,.]*")
# between a name and another name of the place: "Souq al-Jabas (Aqrab)"
_OTHER_NAME_RE = re.compile(r"\s*\(\s*")
_POSSESSIVE_RE = re.compile(r"[’']s\s+(?=[A-Z])")
_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_SEP_RE = re.compile(r"[\s-]+")
_AND_RE = re.compile(r"\band\b")
_AND_OR_COMMA_RE = re.compile(r"\band\b|,")


@dataclass(frozen=True, slots=True)
class _Context:
    """What the name-by-name reading of one sentence needs: the sentence, its offset in the document, the
    ranges already taken by actors and sources, the model's and the gazetteer's answers, and the regexes'
    answers kept for the document (see `frontlines.extract.memo`)."""

    document: str
    sentence: str
    offset: int
    excluded: Sequence[tuple[int, int]]
    entity_labels: Callable[[int, int], set[str]]
    is_known_place: Callable[[str], bool]
    proves: Callable[[str], bool]
    memo: PhraseMemo


def find_places(
    text: str,
    sent_start: int,
    sent_end: int,
    excluded: Sequence[tuple[int, int]],
    entity_labels: Callable[[int, int], set[str]],
    is_known_place: Callable[[str], bool],
    proves_place: Callable[[str], bool] | None = None,
    memo: PhraseMemo | None = None,
) -> list[PlaceCandidate]:
    """Place candidates in ``text[sent_start:sent_end]``.

    ``excluded`` are character ranges already taken by actor or source mentions; ``entity_labels(start, end)``
    gives the spaCy entity labels over a range; ``is_known_place`` asks the gazetteer; ``proves_place``
    (default ``is_known_place``) asks it strictly, for names that nothing else in the phrase marks as places;
    ``memo`` keeps the regexes' answers for other readings of the same document.
    """
    return list(
        iter_places(text, sent_start, sent_end, excluded, entity_labels, is_known_place, proves_place, memo)
    )


def iter_places(
    text: str,
    sent_start: int,
    sent_end: int,
    excluded: Sequence[tuple[int, int]],
    entity_labels: Callable[[int, int], set[str]],
    is_known_place: Callable[[str], bool],
    proves_place: Callable[[str], bool] | None = None,
    memo: PhraseMemo | None = None,
) -> Iterator[PlaceCandidate]:
    """:func:`find_places` one candidate at a time, in text order (a caller asking only whether the sentence
    names a place stops at the first: the pre-filter)."""
    ctx = _Context(
        text,
        text[sent_start:sent_end],
        sent_start,
        excluded,
        entity_labels,
        is_known_place,
        proves_place or is_known_place,
        PhraseMemo() if memo is None else memo,
    )
    plain_before = False  # a place named before, itself an event place ("the village of A, located near B")
    prev: PlaceCandidate | None = None
    prev_end_local = -1
    framed_list = False  # the list so far is of regions a phrase before it framed
    for m in NAME_RE.finditer(ctx.sentence):
        if _NUMBER_RE.fullmatch(m.group(0)):
            continue  # a count between list members ("100 in A, 63 in B") does not end the list
        found = _name(ctx, m)
        if found is None:
            prev = None
            continue
        name, local_start, directional, framed_only = found
        if prev is not None and _OTHER_NAME_RE.fullmatch(ctx.sentence, prev_end_local, local_start):
            continue  # "Souq al-Jabas (Aqrab)": another name of the place before; a list may go on after it
        between = ctx.sentence[prev_end_local:local_start] if prev is not None else None
        candidate, framed = _candidate(ctx, name, local_start, directional, prev, between, framed_list)
        if (
            candidate is not None
            and framed_only
            and candidate.evidence not in ("cue", "list")
            and not NAME_END_RE.search(name)
        ):
            # "Arab fighters" is no place; "the villages of A, Arab Hasan and B", "the Turkmen Mountains" are
            candidate = None
        if candidate is None:
            prev = None
            continue
        if candidate.relation in ("near", "direction") and plain_before and _locating(ctx, local_start):
            candidate = replace(candidate, relation="reference")
        yield candidate
        plain_before = plain_before or (candidate.relation is None and not candidate.container)
        prev, prev_end_local, framed_list = candidate, local_start + len(name), framed


def _locating(ctx: _Context, local_start: int) -> bool:
    """ "The village of A, located near the bank of the Orontes": after a place named before it (the caller
    checks), the words that locate it make the name only a reference ("farms situated northeast of A" still
    happened at A)."""
    return ctx.memo.search(LOCATED_RE, ctx.sentence[max(0, local_start - 60) : local_start]) is not None


def _name(ctx: _Context, m: re.Match[str]) -> tuple[str, int, bool, bool] | None:
    """The name a match of NAME_RE stands for (name, start in the sentence, whether a direction led it,
    whether only a place noun or a list can make it a place), or None when it is no name of a place: too
    short, a number, an actor's or a source's words, a common word, a people, an organisation, a unit's home.
    A name that starts with a people's word ("Arab Hasan") is a place only where the phrase frames it."""
    sentence = ctx.sentence
    raw, raw_start = m.group(0), m.start()
    possessive = _POSSESSIVE_RE.search(raw)
    if possessive:  # "Deir El Zor’s Jabiliyah District": the place is the part after the possessive
        raw, raw_start = raw[possessive.end() :], raw_start + possessive.end()
    name, local_start, directional = _strip_leading_stopwords(
        _trim_trailing(raw), raw_start, ctx.is_known_place
    )
    if not name or (len(name) < 3 and not name.isupper()) or name.replace(" ", "").isdigit():
        return None
    landmark = LANDMARK_RE.match(sentence, local_start + len(name))
    if landmark:  # "al-Hikmeh school": the noun is part of the landmark's name
        if not _LETTER_RE.search(name):
            return None  # "94.5 square (miles)": a number before the noun names nothing
        name = sentence[local_start : landmark.end()]
    start, end = ctx.offset + local_start, ctx.offset + local_start + len(name)
    if any(s < end and start < e for s, e in ctx.excluded):
        return None  # the name overlaps an actor/source mention: only a part after it, if any, next round
    words = [w.lower().strip("’'") for w in _WORD_SEP_RE.split(name)]
    if len(words) == 1 and (words[0] in COMMON_WORDS or words[0] in STOP_WORDS):  # "Under", "Among"
        return None
    if all(w in NOT_PLACES or w in ORG_WORDS for w in words):
        return None
    framed_only = words[0] in NOT_PLACES
    if framed_only and (len(words) < 2 or words[0] not in PEOPLE_FIRST):
        return None
    if words[-1] in ORG_WORDS or words[0] in ORG_WORDS or _has_title(words):
        return None  # an organisation's name, or a person's with a title (rule "title")
    if ctx.memo.search(UNIT_OF_RE, sentence[max(0, local_start - 60) : local_start]):
        return None  # "the NDF of Salamiyah and Aleppo City": the units' home towns
    inner, _, outer = name.partition(" of ")
    if inner and outer and ctx.is_known_place(outer):
        name = inner  # "the neighbourhood of al-Ghouta of Homs": the place is al-Ghouta, in Homs
    return name, local_start, directional, framed_only


def _evidence(
    ctx: _Context,
    name: str,
    local_start: int,
    prev: PlaceCandidate | None,
    between: str | None,
    phrase: tuple[str, str],
) -> tuple[str | None, str | None]:
    """Why the name is a place ("cue", "after-cue", "list", "entity", "gazetteer", "preposition") or None;
    with the place noun that frames it, if any ("village" in "the village of A", "A village"). ``phrase``: the
    sentence's words before and after the name (see `_candidate`). A place noun before the name settles both,
    and the frames after it and of the list are then not read."""
    before, after = phrase
    search = ctx.memo.search
    words = [w.lower().strip("’'") for w in _WORD_SEP_RE.split(name)]
    end = ctx.offset + local_start + len(name)
    head_start = ctx.offset + local_start + max(name.rfind(" "), name.rfind("-")) + 1
    cue_match = search(BEFORE_OF_RE, before) or search(KNOWN_AS_RE, before)
    after_match = list_ahead = named_member = None
    if cue_match is None:
        after_match = AFTER_CUE_RE.match(after)
        if after_match is None:  # (after a place noun after it, neither gives the evidence or the noun)
            stop = local_start + len(name)
            list_ahead = LIST_AHEAD_RE.match(ctx.sentence, stop, stop + 150)
            if prev is not None and between is not None:
                named_member = NAMED_MEMBER_RE.match(between)
    evidence: str | None = None
    if cue_match or search(INCLUDING_RE, before):
        evidence = "cue"
    elif after_match:
        evidence = "after-cue"
    elif list_ahead:
        evidence = "cue"
    elif LANDMARK_END_RE.search(name):
        evidence = "after-cue"  # "Tal Mamo hill", "al-Hikmeh school": the landmark noun frames the name
    elif prev is not None and between is not None and (LIST_SEP_RE.match(between) or named_member):
        evidence = "list"
    elif NAME_END_RE.search(name):
        evidence = "after-cue"  # "the Bani Zaid Quarter", "the Turkmen Mountains": its last noun frames it
    else:  # the model's reading of the name's head word, asked only when it can change the answer
        evidence = weak_evidence(
            len(words),
            lambda: search(PREPOSITION_RE, before) is not None,
            ctx.proves(name) if len(words) == 1 else ctx.is_known_place(name),  # a single word: a close match
            functools.partial(ctx.proves, name),
            functools.partial(ctx.entity_labels, head_start, end),
            lambda: words[0] in PERSON_FIRST or search(EXAMPLE_RE, before) is not None,
        )
    if evidence is not None and (
        search(ATTRIBUTION_CLAUSE_RE, before)
        or search(SOURCE_NAME_RE, before)
        or TIME_RE.match(name)
        or ctx.offset + local_start < dateline_end(ctx.document, ctx.offset + local_start, ctx.memo)
        or (name.replace("-", "").isupper() and len(name) <= 6 and evidence not in ("cue", "after-cue"))
    ):
        # "a source in Deir Ezzor", "according to Bekir Bozdag", "10 A.M", "SAAF": not where anything happened
        evidence = None
    cue = None
    if cue_match:
        cue = cue_match.group("noun").split()[0].lower()
    elif after_match:
        cue = after_match.group("noun").lower()
    elif named_member:
        cue = named_member.group("noun").split()[0].lower()
    elif list_ahead:
        cue = list_ahead.group("noun").lower()
    elif evidence == "list" and prev is not None:
        cue = prev.cue
    return evidence, cue


def _candidate(
    ctx: _Context,
    name: str,
    local_start: int,
    directional: bool,
    prev: PlaceCandidate | None,
    between: str | None,
    framed_list: bool,
) -> tuple[PlaceCandidate | None, bool]:
    """The candidate for a name, with its evidence, relation to the event and whether it situates others
    (None when nothing in the phrase or the gazetteer makes it a place); and whether a phrase before it framed
    it, and so the list it opens, as regions (``framed_list``: the list so far was)."""
    sentence = ctx.sentence
    before = sentence[max(0, local_start - 60) : local_start]
    after = sentence[local_start + len(name) : local_start + len(name) + 40]
    evidence, cue = _evidence(ctx, name, local_start, prev, between, (before, after))
    if evidence is None:
        return None, False
    search = ctx.memo.search
    after_match = AFTER_CUE_RE.match(after)
    relation = next((rel for rel, rx in RELATION_RES if search(rx, before)), None)
    if relation is None and NEAR_AFTER_RE.match(after):
        relation = "near"
    if ROAD_ENDS_AFTER_RE.match(after) or (
        ROAD_AFTER_RE.match(after) and search(ROAD_ENDS_BEFORE_RE, before)  # (the cheaper test first)
    ):
        relation = "route"  # "on the Deir ez-Zor to Palmyra highway": a road named by its ends
    # "the village of X near the town of Y", "the villages of A and B, located west of Y": Y only locates
    listed = _AND_OR_COMMA_RE if relation == "near" else _AND_RE
    if relation in ("near", "direction") and between is not None and len(between) < 60:
        relation = relation if prev is None or listed.search(between) else "reference"
    if cue in ROAD_CUES and prev is not None and between is not None and ON_THE_RE.fullmatch(between):
        relation = (
            "reference"  # "the Central Prison on the Idlib-Salqin highway": the road locates the prison
        )
    if evidence == "list" and prev is not None:
        relation = prev.relation
    # a phrase before the name that frames it, and the list it opens, as regions: "in northern Hama and
    # Idlib", "the provinces of Hama and Aleppo", "the suburbs of Aleppo, Hama and Idlib"
    # "after capturing A and large parts of B": B is a place taken too, not a region around A
    coordinated_part = between is not None and search(COORDINATED_PART_RE, between) is not None
    framed = (
        directional
        or (bool(search(PART_OF_RE, before)) and not coordinated_part)
        or bool(search(CONTAINER_BEFORE_RE, before))
        # counted places in a district are coded at the district ("a number of villages in X district")
        or bool(search(COUNTED_IN_RE, before) and (not after_match or CONTAINER_AFTER_RE.match(after)))
        or (evidence == "list" and framed_list)
    )
    # "a Homs neighbourhood", "an Aleppo suburb": an unnamed part of the place, which only situates it
    unnamed_part = bool(after_match and search(INDEFINITE_RE, before))
    container = framed or unnamed_part or bool(CONTAINER_AFTER_RE.match(after))
    if prev is not None and between is not None and IN_PLACE_RE.match(between):
        container = True  # "the village of X in Y": Y situates X
    if (
        prev is not None
        and between is not None
        and IN_OWNER_BETWEEN_RE.match(between)
        and OWNED_PARTS_RE.match(after)
    ):
        container = True  # "the towns of A and B, in Qamishli's southern suburbs"
    start = ctx.offset + local_start
    return PlaceCandidate(start, start + len(name), name, cue, relation, container, evidence), framed
