"""The grammar of place phrases: regular expressions over the word lists of data/words.toml ([places] and
[relations]) that frame a capitalised name as a place, relate it to an event ("near", "north of", "toward",
"route", "origin") or make it a region around other places. `frontlines.extract.places` reads sentences with
them; nothing here decides anything on its own."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from frontlines.extract.memo import guard
from frontlines.wordlists import guard_words, load_words, word_set, words
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
        re.compile(
            "".join(rf"(?<!{word} )" for word in _R["origin_not_after"])
            + rf"\b{_alt(_R, 'origin')}\b(?:(?!\b{_alt(_R, 'origin_ends')}\b)[^,;.]){{0,45}}$",
            re.I,
        ),
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
            rf"(?:(?:[\w’'-]+\s+){{0,3}}?{_alt(_R, 'direction_place_nouns')}\s+of\s+)?$",
            re.I,
        ),
    ),
    (
        "near",
        re.compile(rf"\b{_alt(_R, 'near')}\s+(?:the\s+)?(?:(?:\w+\s+){{0,3}}of\s+(?:the\s+)?)?$", re.I),
    ),
)
# "the village of A, located near the bank of the Orontes River": the place after the locating words and a near
# or direction phrase only says where another place is (relation "reference"; "located in A" is A itself).
LOCATED_RE = re.compile(
    rf"\b{_alt(_R, 'locating')}\s+(?:\w+\s+)?(?:{_alt(_R, 'near')}|(?:{DIRECTION})\s+of)\b[^,;.()]{{0,50}}$",
    re.I,
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
COORDINATED_PART_RE = re.compile(r"^\s*,?\s*and\s+(?:\w+\s+){0,2}parts?\s+of\s+(?:the\s+)?$", re.I)
# "according to Bekir Bozdag": the name right after the words is the source, never a place of the event.
SOURCE_NAME_RE = re.compile(rf"\b{_alt(_P, 'source_before')}\s+(?:the\s+)?$", re.I)
ATTRIBUTION_CLAUSE_RE = re.compile(
    rf"(?:\b{_alt(_P, 'attribution_words')}\b[^,;:.]{{0,50}}|"
    + "".join(rf"(?<!\b{verb} )" for verb in _P["befell_people"])
    + rf"\b{_alt(_P, 'attribution_people')}(?!\s+of\b)\s+(?:\w+\s+){{0,2}})"  # not "the sources of fire in A"
    rf"\b{_alt(_P, 'attribution_locatives')}\s+(?:the\s+)?(?:\w+\s+){{0,2}}$",
    re.I,
)
TIME_RE = re.compile(r"^\d{1,2}(?::\d\d)?\s*[AP]\.?M\b", re.I)
# ("the Idlib town of Saraqib" and "the Jobar district of Damascus" say nothing here of which one is the whole:
# the events stage decides by the gazetteer, rule "named part")
IN_PLACE_RE = re.compile(
    r"^\s*(?!(?:suburb|district|neighbo(?:u)?rhood|town|village|city)\s+of\b)"
    rf"(?:\w+\s+)?(?:in|of)\s+(?:the\s+)?(?:(?:{DIRECTION})[\s-]+)*(?:{_alt(_P, 'in_place_nouns')}\s+of\s+)?$",
    re.I,
)
# "the towns of A and B, in Qamishli's southern suburbs": after a list, the owner of the parts it names.
IN_OWNER_BETWEEN_RE = re.compile(r"^\s*,\s*in\s+$", re.I)
OWNED_PARTS_RE = re.compile(
    rf"^['’]s\s+(?:(?:{DIRECTION})[\s-]+)*"
    rf"(?:{_alt(_P, 'near_after')}|{_alt(_P, 'part_of_plurals')}|suburbs|countryside)\b",
    re.I,
)
LANDMARK_RE = re.compile(  # used with .match(text, pos): no "^", which would only match at 0
    rf"\s+{_alt(_P, 'landmarks')}\b",
    re.I,
)
LANDMARK_END_RE = re.compile(rf"\s{_alt(_P, 'landmarks')}$", re.I)  # a name that ends with its landmark noun
# ... or with a noun of a kind of place: "the Bani Zaid Quarter", "the Turkmen Mountains"
NAME_END_RE = re.compile(rf"\s(?P<noun>{_alt(_P, 'name_end_nouns')})$", re.I)
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
# "the Deir ez-Zor to Palmyra highway": a road named by its two ends, neither of which is where it happened
ROAD_AFTER_RE = re.compile(rf"^\s+{_alt(_P, 'road_cues')}\b", re.I)
ROAD_ENDS_AFTER_RE = re.compile(
    r"^\s+to\s+(?:[a-z]{1,3}-)?[A-Z][\w’'-]*(?:[ -](?:[a-z]{1,3}-)?[A-Z][\w’'-]*){0,3}"
    rf"\s+(?i:{_alt(_P, 'road_cues')})\b"
)
ROAD_ENDS_BEFORE_RE = re.compile(r"[A-Z][\w’'-]*\s+to\s+$")
ON_THE_RE = re.compile(r"\s+(?:on|along)\s+(?:the\s+)?", re.I)
ORG_WORDS = word_set(_P, "org_words")
# "the 42nd Brigade of the 4th Division", "the NDF of Al-Salamiyah": a unit's parent or home, not an event place.
_UNIT_WORDS = rf"(?i:{_alt(_P, 'unit_words')})"
_LIST_NAME = r"(?:[a-z]{1,3}-)?[A-Z][\w’'-]*(?:\s+(?:[a-z]{1,3}-)?[A-Z][\w’'-]*){0,3}"
UNIT_OF_RE = re.compile(  # "... of Aleppo City and Salamiyah", "... of Salamiyah, Hama and Aleppo City" too
    rf"\b{_UNIT_WORDS}\)?\s+(?i:of)\s+(?:(?i:the)\s+)?"
    rf"(?:{_LIST_NAME}(?:\s*,\s*(?i:and)\s+|\s*,\s*|\s+(?i:and)\s+)){{0,5}}$"
)
# "the Shuqayf and Bustan al-Basha districts", "A, B and C villages": the plural noun after the list's last member
# frames the first members too (used with .match(text, pos): no "^").
LIST_AHEAD_RE = re.compile(
    rf"(?:\s*,\s*{_LIST_NAME})*\s*,?\s+(?i:and)\s+{_LIST_NAME}\s+(?P<noun>(?i:{_alt(_P, 'part_of_plurals')}|suburbs))\b"
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


# Words that introduce examples: a person named after them is one ("killed, including John Smith").
EXAMPLE_RE = re.compile(rf"\b{_alt(_P, 'examples')}\s+(?:the\s+)?$", re.I)

# A compound adjective of who holds or backs a place, before its name: "the Kurdish-held Sheikh Maqsoud district",
# "the ISIS-controlled town of A" (a word, not part of the name).
HELD_BY_RE = re.compile(
    r"[\w’'.]+-(?:held|controlled|besieged|run|backed|led|occupied|dominated|administered|affiliated|allied)",
    re.I,
)


def _guards(*lists: tuple[Mapping[str, Any], str]) -> tuple[str, ...]:
    """The guard words of lists of the tables: a pattern each of whose branches needs a word of one of them."""
    return guard_words(w for table, key in lists for w in words(table, key))


# Guards of the phrase patterns searched before a name (`frontlines.extract.memo.guard`): every branch of each
# needs a word of the lists named (the direction phrase a compass point or a region adjective; a list of places
# announced with a colon, the colon). Patterns whose words are short and common ("in", "of") have none.
_DIRECTIONS = ((_P, "compass_points"), (_P, "region_adjectives"))
_ROUTE, _ORIGIN, _TOWARD, _DIRECTION, _NEAR = (rx for _, rx in RELATION_RES)
guard(_ROUTE, _guards((_R, "route_verbs"), (_R, "route_nouns"), (_R, "route_to")))
guard(_ORIGIN, _guards((_R, "origin")))
guard(_TOWARD, _guards((_R, "overlooking"), (_R, "toward")))
guard(_DIRECTION, _guards(*_DIRECTIONS))
guard(_NEAR, _guards((_R, "near")))
guard(LOCATED_RE, _guards((_R, "locating")))
guard(BEFORE_OF_RE, _guards((_P, "place_nouns")))
guard(KNOWN_AS_RE, _guards((_P, "naming")))
guard(CONTAINER_BEFORE_RE, _guards((_P, "container_before"), *_DIRECTIONS))
guard(PART_OF_RE, _guards((_P, "part_of_nouns"), (_P, "part_of_plurals")))
guard(SOURCE_NAME_RE, _guards((_P, "source_before")))
guard(ATTRIBUTION_CLAUSE_RE, _guards((_P, "attribution_words"), (_P, "attribution_people")))
guard(INCLUDING_RE, (*_guards((_P, "including")), ":"))
guard(UNIT_OF_RE, _guards((_P, "unit_words")))
guard(COUNTED_IN_RE, _guards((_P, "part_of_plurals")))
guard(EXAMPLE_RE, _guards((_P, "examples")))
