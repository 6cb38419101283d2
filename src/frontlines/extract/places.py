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
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from frontlines.extract.place_labels import weak_evidence
from frontlines.wordlists import load_words, word_set
from frontlines.wordlists import word_alternation as _alt

# The words are package data (data/words.toml, [places] and [relations]); the patterns below are the grammar.
_P = load_words("frontlines.extract")["places"]
_R = load_words("frontlines.extract")["relations"]
_ANY_SPACE = r"\s+"  # a space in a phrase matches any run of white space

_ARTICLE = r"(?:[aAeE]l|[aAeE][snrtdz]h?|[aA]sh)[-‐‑ ]"
_WORD = r"(?:[A-Z0-9]|[ʿʾ‘’'][A-Z0-9])[\w’'ʿʾ‘\-\.]*"  # a quote opens a name only before a capital
_LOWER_PART = _alt(_P, "name_particles")  # "Tal al-Zaman", "Deir ez-Zor": matched as written (lower case)
NAME_RE = re.compile(  # words of a name are joined by one space or a hyphen, never a line break
    rf"(?<![\w’'\-])(?:{_ARTICLE})?{_WORD}(?:(?:[ \u00a0]|[-‐‑])(?:{_LOWER_PART}(?:[-‐‑ ]))?(?:{_ARTICLE})?{_WORD})*"
)

PLACE_NOUNS = _alt(_P, "place_nouns")
# A compass point, also with "-ern" ("northern", "south-western"), or "central", "rural".
DIRECTION = rf"{_alt(_P, 'compass_points')}(?:ern)?|{_alt(_P, 'region_adjectives')}"
# After the name, its kind, with a direction between in the Syrian way: "Hama northern countryside".
AFTER_CUE_RE = re.compile(rf"^\s*(?:(?:{DIRECTION})[\s-]+)?(?P<noun>{_alt(_P, 'after_cues')})\b", re.I)
CONTAINER_AFTER_RE = re.compile(rf"^\s*(?:(?:{DIRECTION})[\s-]+)?{_alt(_P, 'container_after')}\b", re.I)
BEFORE_OF_RE = re.compile(rf"\b(?P<noun>{PLACE_NOUNS})\s+(?:of\s+)?(?:the\s+)?$", re.I)
_NAMING = _alt(_P, "naming")
_KIND = rf"(?P<noun>{PLACE_NOUNS}|{_alt(_P, 'landmarks')})"
# "a military base known as Base 46", "a hill called Tal Sheikh": the place noun frames the name it gives.
KNOWN_AS_RE = re.compile(rf"\b{_KIND}\s*,?\s+{_NAMING}\s+$", re.I)
# A list member named by its kind first: "A, B, as well as a military base, known as Base 46".
NAMED_MEMBER_RE = re.compile(
    rf"^(?:\s*,)?\s+(?:and|as\s+well\s+as|in\s+addition\s+to)\s+(?:the|an?)\s+(?:[\w’'-]+\s+){{0,4}}?"
    rf"{_KIND}\s*,?\s+{_NAMING}\s+$",
    re.I,
)
# "Aleppo's western outskirts", "Hirbnafseh's northern perimeter": near the place, not the place itself.
NEAR_AFTER_RE = re.compile(
    rf"^['’]s\s+(?:(?:{DIRECTION})[\s-]+)*{_alt(_P, 'near_after')}\b",
    re.I,
)
CONTAINER_BEFORE_RE = re.compile(
    rf"(?:\b{_alt(_P, 'container_before')}\s+of\s+(?:the\s+)?|"
    rf"\b{_alt(_P, 'region_prepositions')}\s+(?:the\s+)?(?:(?:{DIRECTION})[\s-]+)+(?:\w+\s+)?)$",
    re.I,
)
RELATION_RES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Places that describe a route ("the road linking A to B") or a direction of movement ("advancing toward A",
    # "overlooking A") are not where the event happened.
    # A new locative phrase ends the route: "clashes between the YPG and ISIS in the town of A" happened in A.
    (
        "route",
        re.compile(
            rf"(?:\b{_alt(_R, 'route_verbs')}|"
            rf"\b{_alt(_R, 'route_nouns')}\s+between"
            rf")\b(?:(?!\b{_alt(_R, 'route_ends')}\b)[^,;.]){{0,60}}$|"
            # "the road to A", "the border with Jordan", "along the Euphrates": right before the name
            rf"\b{_alt(_R, 'route_to', space=_ANY_SPACE)}\s+(?:the\s+)?"
            rf"(?:(?:{DIRECTION})\s+)?(?:{_alt(_R, 'route_place_nouns')}\s+of\s+)?$",
            re.I,
        ),
    ),
    # "attacked from their positions in X", "fled out of X": where the actor came from; "advanced from X to Y"
    # ends up in Y.
    (
        "origin",
        re.compile(rf"\b{_alt(_R, 'origin')}\b(?:(?!\b{_alt(_R, 'origin_ends')}\b)[^,;.]){{0,45}}$", re.I),
    ),
    (
        "toward",
        re.compile(
            rf"\b{_alt(_R, 'overlooking')}\b[^,;.]{{0,60}}$|"
            rf"\b{_alt(_R, 'toward')}\b(?:(?!\b{_alt(_R, 'toward_ends')}\b)[^,;.]){{0,40}}$",
            re.I,
        ),
    ),
    (
        "direction",
        re.compile(
            rf"\b(?:{DIRECTION})\s+of\s+(?:the\s+)?(?:(?:{DIRECTION})\s+)?"  # "west of the northern city of A"
            rf"(?:{_alt(_R, 'direction_place_nouns')}\s+of\s+)?$",
            re.I,
        ),
    ),
    (
        "near",
        re.compile(rf"\b{_alt(_R, 'near')}\s+(?:the\s+)?(?:(?:\w+\s+){{0,2}}of\s+)?$", re.I),
    ),
)
PREPOSITION_RE = re.compile(
    rf"\b{_alt(_P, 'place_introducers')}\s+"
    rf"(?:the\s+)?(?:(?:{DIRECTION})\s+)?$",  # "at eastern Khattab"
    re.I,
)
# "the southern districts of Aleppo", "villages of the Idlib countryside": the name situates the parts named.
# Also with the whole's own kind between: "parts of the city of Aleppo", "the outskirts of the town of A".
PART_OF_RE = re.compile(
    rf"(?:\b{_alt(_P, 'part_of_nouns')}\s+of\s+|"
    rf"\b(?:{DIRECTION}|{_alt(_P, 'part_of_quantifiers')})\s+{_alt(_P, 'part_of_plurals')}"
    rf"\s+of\s+)(?:the\s+)?(?:(?:{PLACE_NOUNS})\s+of\s+(?:the\s+)?)?$",
    re.I,
)
# "according to Bekir Bozdag": the name right after the words is the source, never a place of the event.
SOURCE_NAME_RE = re.compile(rf"\b{_alt(_P, 'source_before')}\s+(?:the\s+)?$", re.I)
ATTRIBUTION_CLAUSE_RE = re.compile(
    rf"\b{_alt(_P, 'attribution_words')}\b[^,;:.]{{0,50}}"
    rf"\b{_alt(_P, 'attribution_locatives')}\s+(?:the\s+)?(?:\w+\s+){{0,2}}$",
    re.I,
)
TIME_RE = re.compile(r"^\d{1,2}(?::\d\d)?\s*[AP]\.?M\b", re.I)
IN_PLACE_RE = re.compile(
    rf"^\s*(?:\w+\s+)?(?:in|of)\s+(?:the\s+)?(?:(?:{DIRECTION})[\s-]+)*(?:{_alt(_P, 'in_place_nouns')}\s+of\s+)?$",
    re.I,
)
LANDMARK_RE = re.compile(  # used with .match(text, pos): no "^", which would only match at 0
    rf"\s+{_alt(_P, 'landmarks')}\b",
    re.I,
)
LANDMARK_END_RE = re.compile(rf"\s{_alt(_P, 'landmarks')}$", re.I)  # a name that ends with its landmark noun
LIST_SEP_RE = re.compile(
    # a list that goes on by region after a semicolon: "A and B in the Latakia province; C in the Hama province"
    rf"^\s+(?:{PLACE_NOUNS})\s*;\s*$|"
    rf"^(?:\s+(?:{PLACE_NOUNS}|{_alt(_P, 'list_landmarks')}))?"
    r"(?:\s*\([^()]{0,40}\))?"
    r"(?:\s+including\s+(?-i:[^,;:()A-Z]{0,40}?))?"  # a tally's aside: "63 in A including 16 women, 150 in B"
    r"(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+|\s*&\s*|\s*/\s*|,?\s+as\s+well\s+as\s+)"
    r"(?:\d[\d,]*\s+(?:in\s+)?)?$",  # a tally: "140 killed in A, 100 in B, 63 in C"
    re.I,
)
INCLUDING_RE = re.compile(
    rf"\b(?:{PLACE_NOUNS})\s*,?\s*{_alt(_P, 'including')}\s+(?:the\s+)?$|"
    # "four cities within 24 hours: Daraa, Quneitra ...": a list a plural place noun announces with a colon
    rf"\b{_alt(_P, 'part_of_plurals')}\b[^.;:()]{{0,40}}:\s*$",
    re.I,
)
# "..., they are the villages of A, B and C": a list that restates the places of the event told before it.
INDEFINITE_RE = re.compile(r"\b(?:an?|one|another)\s+$", re.I)  # before "a Homs neighbourhood"
RESTATEMENT_RE = re.compile(
    rf"\b{_alt(_P, 'restating')}\s+(?:the\s+)?(?:(?:\w+\s+){{0,2}}(?:{PLACE_NOUNS})\s+(?:of\s+)?)?(?:the\s+)?$",
    re.I,
)


def restates(text: str, start: int) -> bool:
    """Does the phrase before ``text[start:]`` restate places already told ("they are the villages of")?"""
    return RESTATEMENT_RE.search(text, max(0, start - 60), start) is not None


# First words that make a name a person's, when the model also reads a person there.
PERSON_FIRST = word_set(_P, "person_first")
# First words that make a name a place name (Arabic topographic words), whatever the entity label says.
PLACE_PREFIXES = word_set(_P, "place_prefixes")

# Capitalised words that start a sentence or a phrase but are not names.
DIRECTION_WORDS = word_set(_P, "direction_words")
STOP_FIRST = word_set(_P, "stop_first")
COMMON_WORDS = word_set(_P, "common_words")
NOT_PLACES = word_set(_P, "not_places")
# Peoples' words that also begin village names ("Arab Hasan", "Kurd Dagh"): such a name needs its phrase.
PEOPLE_FIRST = word_set(_P, "people_first")
LANDMARK_WORDS = word_set(_P, "landmarks")
ROAD_CUES = word_set(_P, "road_cues")  # a road named right after a place, "on the ... highway", locates it
ON_THE_RE = re.compile(r"\s+(?:on|along)\s+(?:the\s+)?", re.I)
ORG_WORDS = word_set(_P, "org_words")
# "the 42nd Brigade of the 4th Division", "the NDF of Al-Salamiyah": a unit's parent or home, not an event place.
_UNIT_WORDS = rf"(?i:{_alt(_P, 'unit_words')})"
_LIST_NAME = r"(?:[a-z]{1,3}-)?[A-Z][\w’'-]*(?:\s+(?:[a-z]{1,3}-)?[A-Z][\w’'-]*){0,3}"
UNIT_OF_RE = re.compile(  # "... of Aleppo City and Salamiyah", "... of Salamiyah, Hama and Aleppo City" too
    rf"\b{_UNIT_WORDS}\)?\s+(?i:of)\s+(?:(?i:the)\s+)?"
    rf"(?:{_LIST_NAME}(?:\s*,\s*(?i:and)\s+|\s*,\s*|\s+(?i:and)\s+)){{0,5}}$"
)
# Titles of people: a name with one inside is a person's ("Daraa Governor Louay Kharita"), rule "title".
PERSON_TITLES = word_set(_P, "person_titles")
# "two towns in Deir ez-Zor", "dozens of villages across Hama": places counted, not named, situated in the name
# after them, which is a region around them (a container), not an event place of its own (rule "counted").
COUNTED_IN_RE = re.compile(
    rf"\b(?:\d[\d,]*|{_alt(_P, 'count_words')})\s+(?:[\w-]+\s+){{0,2}}{_alt(_P, 'part_of_plurals')}\s+"
    rf"(?:{_alt(_P, 'counted_prepositions')})\s+(?:the\s+)?(?:(?:{DIRECTION})[\s-]+)*$",
    re.I,
)
# A wire dateline opening a line: "DAMASCUS:", "BEIRUT (Reuters) -", "ALEPPO, Syria, Nov 3 (AFP) -": where the
# report was filed, not where anything happened; no name in it is an event place (rule "dateline").
_MONTHS = f"(?i:{_alt(_P, 'dateline_months')})"
DATELINE_RE = re.compile(
    r"[ \t]*[A-Z][\w'’.\-]*(?:[ \-][A-Z][\w'’.\-]*){0,3}"
    rf"(?:,\s*[A-Z][\w'’.\-]*(?:\s[A-Z][\w'’.\-]*){{0,2}})?,?"
    rf"(?:\s*{_MONTHS}\.?\s+\d{{1,2}}|\s*\d{{1,2}}\s+{_MONTHS}\.?)?(?:,?\s*(?:19|20)\d\d)?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*(?::|--?|–|—)(?=\s|$)"
)


def dateline_end(text: str, position: int) -> int:
    """Where the wire dateline of the line holding ``position`` ends (its separator included), or -1 when
    the line opens with none."""
    line_start = text.rfind("\n", 0, position) + 1
    found = DATELINE_RE.match(text, line_start)
    return found.end() if found else -1


def _has_title(words: Sequence[str]) -> bool:
    """A title after the first word of a name: "Daraa Governor Louay Kharita" (the first word is checked with
    the other words that are no place)."""
    return any(w in PERSON_TITLES for w in words[1:])


# Words that introduce examples: a person named after them is one ("killed, including John Smith").
EXAMPLE_RE = re.compile(rf"\b{_alt(_P, 'examples')}\s+(?:the\s+)?$", re.I)


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
        or (  # a tally's count before a preposition: "63 In Irbin" (but "1070 Housing Project" is a name)
            words[0].replace(",", "").isdigit()
            and len(words) > 1
            and words[1].lower().strip("’'") in STOP_FIRST
        )
        or (
            words[0].lower() in DIRECTION_WORDS
            and not is_known_place(" ".join(words))
            and not (len(words) == 2 and words[1].lower() in LANDMARK_WORDS)  # "Central Prison" is a name
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


@dataclass(frozen=True, slots=True)
class _Context:
    """What the name-by-name reading of one sentence needs: the sentence, its offset in the document, the
    ranges already taken by actors and sources, and the model's and the gazetteer's answers."""

    document: str
    sentence: str
    offset: int
    excluded: Sequence[tuple[int, int]]
    entity_labels: Callable[[int, int], set[str]]
    is_known_place: Callable[[str], bool]
    proves: Callable[[str], bool]


def find_places(
    text: str,
    sent_start: int,
    sent_end: int,
    excluded: Sequence[tuple[int, int]],
    entity_labels: Callable[[int, int], set[str]],
    is_known_place: Callable[[str], bool],
    proves_place: Callable[[str], bool] | None = None,
) -> list[PlaceCandidate]:
    """Place candidates in ``text[sent_start:sent_end]``.

    ``excluded`` are character ranges already taken by actor or source mentions; ``entity_labels(start, end)``
    gives the spaCy entity labels over a range; ``is_known_place`` asks the gazetteer; ``proves_place``
    (default ``is_known_place``) asks it strictly, for names that nothing else in the phrase marks as places.
    """
    return list(
        iter_places(text, sent_start, sent_end, excluded, entity_labels, is_known_place, proves_place)
    )


def iter_places(
    text: str,
    sent_start: int,
    sent_end: int,
    excluded: Sequence[tuple[int, int]],
    entity_labels: Callable[[int, int], set[str]],
    is_known_place: Callable[[str], bool],
    proves_place: Callable[[str], bool] | None = None,
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
    )
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
        if prev is not None and re.fullmatch(r"\s*\(\s*", ctx.sentence[prev_end_local:local_start]):
            continue  # "Souq al-Jabas (Aqrab)": another name of the place before; a list may go on after it
        between = ctx.sentence[prev_end_local:local_start] if prev is not None else None
        candidate, framed = _candidate(ctx, name, local_start, directional, prev, between, framed_list)
        if candidate is not None and framed_only and candidate.evidence not in ("cue", "list"):
            candidate = None  # "Arab fighters" is no place; "the villages of A, Arab Hasan and B" names one
        if candidate is None:
            prev = None
            continue
        yield candidate
        prev, prev_end_local, framed_list = candidate, local_start + len(name), framed


def _name(ctx: _Context, m: re.Match[str]) -> tuple[str, int, bool, bool] | None:
    """The name a match of NAME_RE stands for (name, start in the sentence, whether a direction led it,
    whether only a place noun or a list can make it a place), or None when it is no name of a place: too
    short, a number, an actor's or a source's words, a common word, a people, an organisation, a unit's home.
    A name that starts with a people's word ("Arab Hasan") is a place only where the phrase frames it."""
    sentence = ctx.sentence
    raw, raw_start = m.group(0), m.start()
    possessive = re.search(r"[’']s\s+(?=[A-Z])", raw)
    if possessive:  # "Deir El Zor’s Jabiliyah District": the place is the part after the possessive
        raw, raw_start = raw[possessive.end() :], raw_start + possessive.end()
    name, local_start, directional = _strip_leading_stopwords(
        _trim_trailing(raw), raw_start, ctx.is_known_place
    )
    if not name or (len(name) < 3 and not name.isupper()) or name.replace(" ", "").isdigit():
        return None
    landmark = LANDMARK_RE.match(sentence, local_start + len(name))
    if landmark:  # "al-Hikmeh school": the noun is part of the landmark's name
        if not re.search(r"[^\W\d_]", name):
            return None  # "94.5 square (miles)": a number before the noun names nothing
        name = sentence[local_start : landmark.end()]
    start, end = ctx.offset + local_start, ctx.offset + local_start + len(name)
    if any(s < end and start < e for s, e in ctx.excluded):
        return None  # the name overlaps an actor/source mention: only a part after it, if any, next round
    words = [w.lower().strip("’'") for w in re.split(r"[\s-]+", name)]
    if len(words) == 1 and (words[0] in COMMON_WORDS or words[0] in STOP_WORDS):  # "Under", "Among"
        return None
    if all(w in NOT_PLACES or w in ORG_WORDS for w in words):
        return None
    framed_only = words[0] in NOT_PLACES
    if framed_only and (len(words) < 2 or words[0] not in PEOPLE_FIRST):
        return None
    if words[-1] in ORG_WORDS or words[0] in ORG_WORDS or _has_title(words):
        return None  # an organisation's name, or a person's with a title (rule "title")
    if UNIT_OF_RE.search(sentence[max(0, local_start - 60) : local_start]):
        return None  # "the NDF of Salamiyah and Aleppo City": the units' home towns
    inner, _, outer = name.partition(" of ")
    if inner and outer and ctx.is_known_place(outer):
        name = inner  # "the neighbourhood of al-Ghouta of Homs": the place is al-Ghouta, in Homs
    return name, local_start, directional, framed_only


def _evidence(
    ctx: _Context, name: str, local_start: int, prev: PlaceCandidate | None, between: str | None
) -> tuple[str | None, str | None]:
    """Why the name is a place ("cue", "after-cue", "list", "entity", "gazetteer", "preposition") or None;
    with the place noun that frames it, if any ("village" in "the village of A", "A village")."""
    sentence = ctx.sentence
    before = sentence[max(0, local_start - 60) : local_start]
    after = sentence[local_start + len(name) : local_start + len(name) + 40]
    words = [w.lower().strip("’'") for w in re.split(r"[\s-]+", name)]
    end = ctx.offset + local_start + len(name)
    head_start = ctx.offset + local_start + max(name.rfind(" "), name.rfind("-")) + 1
    cue_match = BEFORE_OF_RE.search(before) or KNOWN_AS_RE.search(before)
    after_match = AFTER_CUE_RE.match(after)
    named_member = NAMED_MEMBER_RE.match(between) if prev is not None and between is not None else None
    evidence: str | None = None
    if cue_match or INCLUDING_RE.search(before):
        evidence = "cue"
    elif after_match:
        evidence = "after-cue"
    elif LANDMARK_END_RE.search(name):
        evidence = "after-cue"  # "Tal Mamo hill", "al-Hikmeh school": the landmark noun frames the name
    elif prev is not None and between is not None and (LIST_SEP_RE.match(between) or named_member):
        evidence = "list"
    else:  # the model's reading of the name's head word, asked only when it can change the answer
        evidence = weak_evidence(
            len(words),
            PREPOSITION_RE.search(before) is not None,
            ctx.proves(name) if len(words) == 1 else ctx.is_known_place(name),  # a single word: a close match
            functools.partial(ctx.proves, name),
            functools.partial(ctx.entity_labels, head_start, end),
            lambda: words[0] in PERSON_FIRST or EXAMPLE_RE.search(before) is not None,
        )
    if evidence is not None and (
        ATTRIBUTION_CLAUSE_RE.search(before)
        or SOURCE_NAME_RE.search(before)
        or TIME_RE.match(name)
        or ctx.offset + local_start < dateline_end(ctx.document, ctx.offset + local_start)
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
    evidence, cue = _evidence(ctx, name, local_start, prev, between)
    if evidence is None:
        return None, False
    sentence = ctx.sentence
    before = sentence[max(0, local_start - 60) : local_start]
    after = sentence[local_start + len(name) : local_start + len(name) + 40]
    after_match = AFTER_CUE_RE.match(after)
    relation = next((rel for rel, rx in RELATION_RES if rx.search(before)), None)
    if relation is None and NEAR_AFTER_RE.match(after):
        relation = "near"
    # "the village of X near the town of Y", "the villages of A and B, located west of Y": Y only locates
    listed = r"\band\b|," if relation == "near" else r"\band\b"
    if relation in ("near", "direction") and between is not None and len(between) < 60:
        relation = relation if prev is None or re.search(listed, between) else "reference"
    if cue in ROAD_CUES and prev is not None and between is not None and ON_THE_RE.fullmatch(between):
        relation = (
            "reference"  # "the Central Prison on the Idlib-Salqin highway": the road locates the prison
        )
    if evidence == "list" and prev is not None:
        relation = prev.relation
    # a phrase before the name that frames it, and the list it opens, as regions: "in northern Hama and
    # Idlib", "the provinces of Hama and Aleppo", "the suburbs of Aleppo, Hama and Idlib"
    framed = (
        directional
        or bool(PART_OF_RE.search(before))
        or bool(CONTAINER_BEFORE_RE.search(before))
        # counted places in a district are coded at the district ("a number of villages in X district")
        or bool(COUNTED_IN_RE.search(before) and (not after_match or CONTAINER_AFTER_RE.match(after)))
        or (evidence == "list" and framed_list)
    )
    # "a Homs neighbourhood", "an Aleppo suburb": an unnamed part of the place, which only situates it
    unnamed_part = bool(after_match and INDEFINITE_RE.search(before))
    container = framed or unnamed_part or bool(CONTAINER_AFTER_RE.match(after))
    if prev is not None and between is not None and IN_PLACE_RE.match(between):
        container = True  # "the village of X in Y": Y situates X
    start = ctx.offset + local_start
    return PlaceCandidate(start, start + len(name), name, cue, relation, container, evidence), framed
