"""Why a required event was missed or a prediction was a false alarm: one stable cause name for each.

``frontlines evaluate`` counts errors by these causes so that the next person sees where to work. Field
disagreements of matched events (actor, date, fatalities, claim chain) are counted by field in the same table.

Misses:
    ``wrong type``        an event was predicted at the place, with another sub-event type
    ``place not found``   no event was predicted at the place
    ``paired elsewhere``  a matching prediction exists but was paired with another gold event
False alarms:
    ``background``        it codes a passage the gold marks as background, history, a total or commentary
    ``photo caption``     it codes a photo caption
    ``not an event``      it codes another passage the gold marks as not an event
    ``coarse duplicate``  a governorate- or country-level event where the gold codes the named places
    ``wrong type``        the gold has an event at the place, of another sub-event type
    ``duplicate``         the gold event it matches is paired with another prediction
    ``not a place``       its place is unknown to the gazetteer and no gold event is there
    ``extra event``       a known place where the gold codes nothing
"""

from __future__ import annotations

import re

MISS_CAUSES = ("wrong type", "place not found", "paired elsewhere")
ALARM_CAUSES = (
    "background",
    "photo caption",
    "not an event",
    "coarse duplicate",
    "wrong type",
    "duplicate",
    "not a place",
    "extra event",
)

_BACKGROUND = re.compile(
    r"background|history|histor|cumulative|total|toll over|analysis|commentary|summary|summar|earlier|"
    r"previous|past|years? (?:ago|before)|context|trend",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"caption", re.IGNORECASE)


def not_event_cause(why: str) -> str:
    """The cause of coding a gold not-event passage, read from the gold's reason."""
    if _CAPTION.search(why):
        return "photo caption"
    if _BACKGROUND.search(why):
        return "background"
    return "not an event"


def miss_cause(same_place_types: list[str], matched_elsewhere: bool) -> str:
    if matched_elsewhere:
        return "paired elsewhere"
    return "wrong type" if same_place_types else "place not found"


def alarm_cause(
    *,
    same_place_types: list[str],
    duplicate: bool,
    coarse: bool,
    finer_gold_in_document: bool,
    resolved: bool,
) -> str:
    """The cause of a prediction that codes no not-event passage and pairs with no gold event."""
    if duplicate:
        return "duplicate"
    if same_place_types:
        return "wrong type"
    if coarse and finer_gold_in_document:
        return "coarse duplicate"
    return "extra event" if resolved else "not a place"
