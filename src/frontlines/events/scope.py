"""Is the report about the war at all? (rule "off topic")

frontlines reads a flood of news, and not all of it is about Syria's war: "the relentless attacks on Labour",
"attacks on Mueller and his team", "attacking President Trump about his performance at the Helsinki summit",
"the military taking over several Walmart locations in Texas". The trigger words of battles and takeovers are
the words of politics too, and inside a war report a name after a preposition is taken for a place even when
the gazetteer does not know it, since most villages are missing from it (`extract.place_labels`); outside one,
such a name is nearly always a person, a party or a company. A report is *on topic* when it names Syria (the
country, its people, its capital or any of its governorates, as the geocoder's context reads them), a Syrian
place the gazetteer knows by its spelling (exactly or as a listed variant: a close match such as "Trump" for the
village Turumbah is no proof), or one of the war's armed actors by name. A report that is not gives only the
events whose words are never figurative: air strikes, bombs and chemical weapons.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontlines.records import PlaceRef
from frontlines.resolve.actors import ActorMention, ActorTable
from frontlines.resolve.gazetteer import Gazetteer
from frontlines.resolve.gazetteer_records import is_foreign
from frontlines.resolve.report_context import read_context

SYRIA_RE = re.compile(r"\bSyria(?:n|ns|'s|’s)?\b")
# The sides of the war's armed actors, the foreign states that fight in it included, named as the actor table
# names them ("Turkish jets", "the US-led coalition"); labels that name no one ("the military", "militants") are
# in every kind of news and do not count.
WAR_SIDES = frozenset(
    {
        "government",
        "opposition",
        "jihadist",
        "kurdish",
        "arab-tribes",
        "druze",
        "turkey",
        "coalition",
        "israel",
    }
)
GENERIC_WAR_SIDES = frozenset(
    {"opposition", "jihadist", "kurdish"}
)  # "rebels", "jihadists": only war has them
SURE_RULES = frozenset({"exact", "variant"})  # the geocoder's rules that match a name by its spelling
# Sub-event types whose words are never figurative ("nerve gas", "car bomb", "air strike"): an event of these
# needs no war report around it. "Attacks", "fights", "battles" and "takeovers" are the words of politics too, and
# "fired at", "took a shot at", "a hit on", which can give shelling, as well.
LITERAL_WAR = frozenset(
    {"Air/drone strike", "Chemical weapon", "Remote explosive/landmine/IED", "Suicide bomb"}
)


def on_topic(
    text: str,
    actors: Sequence[ActorMention],
    places: Sequence[PlaceRef],
    table: ActorTable,
    gazetteer: Gazetteer,
) -> bool:
    """Does the report name Syria, one of its governorates, a Syrian place the gazetteer knows by its spelling
    (``places``: the report's event places, geocoded), or one of the war's armed actors by name?"""
    if SYRIA_RE.search(text) or read_context(text, gazetteer).admin1:
        return True
    if any(sure_place(p) and _in_syria(p, gazetteer) for p in places):
        return True
    return any(
        table.get(a.actor_id).side in (WAR_SIDES if not a.generic else GENERIC_WAR_SIDES) for a in actors
    )


def _in_syria(place: PlaceRef, gazetteer: Gazetteer) -> bool:
    found = gazetteer.get(place.place_id or "")
    return found is not None and not is_foreign(found)


def sure_place(place: PlaceRef) -> bool:
    """A place the gazetteer knows by its spelling (the rule before any ";relation" the geocoder appends)."""
    return place.place_id is not None and place.rule.split(";")[0] in SURE_RULES
