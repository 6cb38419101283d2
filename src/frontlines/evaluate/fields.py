"""How one predicted event is compared with one gold event, field by field.

Two questions are asked of a (gold, predicted) pair:

1. Do they describe the same event? :func:`is_match`: the place matches (spelling or gazetteer id) and the
   sub-event type is the gold one or one of its defensible alternatives. Only matching pairs are scored
   further.
2. For a matching pair, which fields agree? :func:`field_checks` returns one boolean per scored field.

The rules, and why they are what they are, are written down in docs/decisions/0005-evaluation.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from frontlines.evaluate.text import normalise_name
from frontlines.nlp.attribution import SPEAKING_BODIES, source_name
from frontlines.records import ActorRef, DateRef, Event
from frontlines.resolve.actors import UNIDENTIFIED, ActorTable
from frontlines.resolve.sources import SourceTable

SCORED_FIELDS = ("actor1", "actor2", "date", "fatalities", "claimed_by", "geo_precision")

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_RE = re.compile(r"D(?:\s*([+-])\s*(\d+))?")
_WEEKDAY_RE = re.compile(r"([A-Za-z]+)\s*<=\s*D")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One event of a gold file (see /work/shared/gold/README.md for the meaning of each field)."""

    index: int  # position in the gold line's ``events`` list, to name the event in reports
    required: bool
    event_type: str
    sub_event_type: str
    sub_event_type_alt: tuple[str, ...]
    actor1: tuple[str, ...]
    actor2: tuple[str, ...]
    location: str
    location_alt: tuple[str, ...]
    admin1: str | None
    geo_precision: int | None
    place_ids: tuple[str, ...]
    date: str
    fatalities: int | None
    claimed_by: tuple[str, ...]
    evidence: str


# ------------------------------------------------------------------------------------------ the match rule


def location_matches(gold: GoldEvent, predicted: Event) -> bool:
    """Same place: the gazetteer id is one of the gold ids, or a spelling equals a gold spelling."""
    place = predicted.place
    if place.place_id is not None and place.place_id in gold.place_ids:
        return True
    gold_keys = {normalise_name(name) for name in (gold.location, *gold.location_alt)}
    predicted_names = [place.location]
    if place.place_id is not None and place.place_name:  # an unresolved place's name is its fallback area
        predicted_names.append(place.place_name)
    return any(normalise_name(name) in gold_keys for name in predicted_names if name)


def sub_event_matches(gold: GoldEvent, predicted: Event) -> bool:
    """The sub-event type is the gold one or one of the alternatives a careful coder could defend."""
    return predicted.sub_event_type in (gold.sub_event_type, *gold.sub_event_type_alt)


def is_match(gold: GoldEvent, predicted: Event) -> bool:
    """The matching rule of gold/README.md: same place and an acceptable sub-event type."""
    return location_matches(gold, predicted) and sub_event_matches(gold, predicted)


# -------------------------------------------------------------------------------------------- the fields


_ACLED_SUFFIX_RE = re.compile(r"\s*\([^()]{1,40}\)\s*$")  # "Civilians (Syria)", "... (2000-)"
_ACLED_PREFIX_RE = re.compile(r"^[^:]{1,20}:\s+")  # "YPG: People's Protection Units"


def undecorated(name: str) -> str:
    """An actor name without ACLED's decorations, which the gold README sets aside: a " (Syria)" suffix and
    a "YPG: " prefix."""
    return _ACLED_PREFIX_RE.sub("", _ACLED_SUFFIX_RE.sub("", name)) or name


def actor_matches(acceptable: tuple[str, ...], predicted: ActorRef | None) -> bool:
    """Any acceptable name equals the predicted canonical name or the words used; ``()`` means "no actor"."""
    if not acceptable:
        return predicted is None
    if predicted is None:
        return False
    exact = {name.casefold() for name in acceptable}
    keys = {normalise_name(undecorated(name)) for name in acceptable}
    for written in (predicted.name, predicted.label):
        if written and (written.casefold() in exact or normalise_name(undecorated(written)) in keys):
            return True
    return False


def last_weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    """The last ``weekday`` (0 Monday ... 6 Sunday) on or before ``day``."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def date_matches(gold: str, predicted: DateRef, published: dt.date | None) -> bool:
    """Compare a gold date expression with a predicted date.

    ``"D"`` / ``"D-1"``: the publication date (plus the offset) when it is known and the pipeline gave a date;
    otherwise the pipeline's ``offset_days`` must equal the offset (``rule == "publication"`` also counts for
    ``"D"``). ``"Sunday<=D"``: the last Sunday on or before publication; with publication unknown, a rule that
    names that weekday (with an offset of 0 to -6 days, or none). An ISO date: the same date. A null gold
    date (the text gives no date and the report none either): only a prediction with no date agrees.
    """
    gold = gold.strip()
    if gold in ("", "None", "null"):  # the text gives no date: only an unknown date agrees
        return predicted.date is None
    relative = _RELATIVE_RE.fullmatch(gold)
    if relative:
        sign, amount = relative.groups()
        days = 0 if amount is None else int(amount) * (-1 if sign == "-" else 1)
        if published is not None and predicted.date is not None:
            return predicted.date == published + dt.timedelta(days=days)
        return predicted.offset_days == days or (days == 0 and predicted.rule == "publication")
    weekday_form = _WEEKDAY_RE.fullmatch(gold)
    if weekday_form:
        name = weekday_form.group(1).casefold()
        if name not in _WEEKDAYS:
            raise ValueError(f"unknown weekday in gold date {gold!r}")
        weekday = _WEEKDAYS.index(name)
        if published is not None and predicted.date is not None:
            return predicted.date == last_weekday_on_or_before(published, weekday)
        offset = predicted.offset_days  # unknown (None) when the publication date is: the weekday is the fact
        return (offset is None or -6 <= offset <= 0) and name in predicted.rule.casefold()
    try:
        expected = dt.date.fromisoformat(gold)
    except ValueError as error:
        raise ValueError(f"gold date {gold!r} is neither D, D-n, <Weekday><=D nor YYYY-MM-DD") from error
    return predicted.date == expected


def chain_matches(gold: tuple[str, ...], predicted: tuple[str, ...]) -> bool:
    """Same sources in the same order (nearest first). A gold name is read as the pipeline reads a source
    (:func:`frontlines.nlp.attribution.source_name`: "Syrian Observatory for Human Rights" is SOHR, "local
    activists" are local sources); names are compared after normalisation. An armed actor that speaks for
    itself is one source however it is named, as actor fields are matched: "YPG" and "People's Protection
    Units", "Syrian army" and "Military Forces of Syria" (both names wholly one actor of the actor table)."""
    return len(gold) == len(predicted) and all(
        _same_source(g, p) for g, p in zip(gold, predicted, strict=True)
    )


def _same_source(gold: str, predicted: str) -> bool:
    if normalise_name(source_name(gold, _table_name)) == normalise_name(source_name(predicted, _table_name)):
        return True
    actor = _actor_of(gold)
    return actor is not None and actor == _actor_of(predicted)


def _table_name(name: str) -> str | None:
    return SourceTable.default().name_of(name)


_SPEAKING_BODY_RE = re.compile(rf"\s+(?:{SPEAKING_BODIES})$", re.I)


@functools.lru_cache(maxsize=1024)
def _actor_of(name: str) -> str | None:
    """The actor a source name names as a whole ("the YPG" -> ypg, "rebels" -> the opposition rebels), or
    None; a label for unknown attackers names no one."""
    text = re.sub(r"^the\s+", "", undecorated(name.strip()), flags=re.I)
    text = _SPEAKING_BODY_RE.sub("", text)  # "the Syrian army general command" speaks for the army
    found = ActorTable.default().find(text)
    if (
        len(found) != 1
        or (found[0].start, found[0].end) != (0, len(text))
        or found[0].actor_id == UNIDENTIFIED
    ):
        return None
    return found[0].actor_id


def fatalities_match(gold: int | None, predicted: int | None) -> bool:
    """Equal counts, a predicted null counting as 0 (ACLED codes 0 where no death is reported); a null gold
    count (the text says nothing countable) agrees with 0 or null."""
    return (predicted or 0) == (gold or 0)


def field_checks(gold: GoldEvent, predicted: Event, published: dt.date | None) -> dict[str, bool]:
    """Which fields of a matched pair agree, keyed by the names in :data:`SCORED_FIELDS`."""
    fatalities = predicted.fatalities.count if predicted.fatalities is not None else None
    return {
        "actor1": actor_matches(gold.actor1, predicted.actor1),
        "actor2": actor_matches(gold.actor2, predicted.actor2),
        "date": date_matches(gold.date, predicted.date, published),
        "fatalities": fatalities_match(gold.fatalities, fatalities),
        "claimed_by": chain_matches(gold.claimed_by, predicted.claim.source_chain),
        "geo_precision": predicted.place.geo_precision == gold.geo_precision,
    }


def describe_field(field_name: str, predicted: Event) -> str:
    """The predicted value of a scored field as a short string, for lists of disagreements."""
    match field_name:
        case "actor1" | "actor2":
            actor = predicted.actor1 if field_name == "actor1" else predicted.actor2
            return "none" if actor is None else f"{actor.name} ({actor.label!r})"
        case "date":
            date = predicted.date
            shown = date.date.isoformat() if date.date else "no date"
            return f"{shown}, offset {date.offset_days}, rule {date.rule!r}"
        case "fatalities":
            return "none" if predicted.fatalities is None else str(predicted.fatalities.count)
        case "claimed_by":
            return " <- ".join(predicted.claim.source_chain) or "no source"
        case "geo_precision":
            return str(predicted.place.geo_precision)
    raise ValueError(f"unknown field {field_name!r}")


def expected_field(field_name: str, gold: GoldEvent) -> str:
    """The gold value of a scored field as a short string, the counterpart of :func:`describe_field`."""
    match field_name:
        case "actor1" | "actor2":
            names = gold.actor1 if field_name == "actor1" else gold.actor2
            return " | ".join(names) or "none"
        case "date":
            return gold.date
        case "fatalities":
            return "none" if gold.fatalities is None else str(gold.fatalities)
        case "claimed_by":
            return " <- ".join(gold.claimed_by) or "no source"
        case "geo_precision":
            return str(gold.geo_precision)
    raise ValueError(f"unknown field {field_name!r}")
