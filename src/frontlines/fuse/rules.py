"""When two events of different reports are one incident: the compatibility rules of the fuse stage.

Two sightings are compatible (:meth:`Rules.compatible`) when all of these hold; each test has a rule name
(:meth:`Rules.why_not` says which one fails):

- ``rule:documents``: they come from different reports (a report's own events are distinct events);
- ``rule:dates``: the spans of days their dates stand for overlap (``[date]`` of data/rules.toml: a day is
  itself, a day taken from the publication date may be the day before, a week or a month is wider);
  an event without a date links to nothing;
- ``rule:place``: points at most the larger of their radii apart (``[place]``: 2 km for a place itself,
  10 km near a place, 25 km for a region; one place of the gazetteer is one point); two events without
  coordinates only when they name the place in the same words;
- ``rule:type``: their sub-event types are in one family (``[families]``);
- ``rule:actors``: their actor pairs match in some order, an actor matching the same actor, its parent or
  child, a missing or unnamed actor (``[actors] wildcards``), or an umbrella's sides (the opposition
  rebels match any opposition group).
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from frontlines.fuse.records import Sighting
from frontlines.wordlists import alternation, expand

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def place_key(text: str) -> str:
    """An unlocated place's words, compared: case and spacing folded."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True, slots=True)
class Rules:
    """The tables of data/rules.toml and the actor table's sides and parents. :meth:`default` reads them."""

    radius_km: Mapping[int, float]
    spans: Mapping[str, tuple[int, int]]  # day, day_inferred, week, month -> (first, last) day offsets
    family_of: Mapping[str, str]
    wildcards: frozenset[str]
    umbrella: Mapping[str, frozenset[str]]
    sides: Mapping[str, str]  # actor id -> side (actors.toml)
    parents: Mapping[str, str]  # actor id -> the actor it fights under
    territory: frozenset[str]
    holding: re.Pattern[str]
    unnamed: frozenset[str]  # casefolded
    shingle_words: int
    min_containment: float

    @classmethod
    @functools.cache
    def default(cls) -> Rules:
        """The packaged rules with the packaged actor table (cached)."""
        from frontlines.resolve.actors import ActorTable

        text = resources.files("frontlines.fuse").joinpath("data/rules.toml").read_text(encoding="utf-8")
        actors = list(ActorTable.default())
        return cls.from_toml(
            tomllib.loads(text),
            sides={a.id: a.side for a in actors},
            parents={a.id: a.parent for a in actors if a.parent},
        )

    @classmethod
    def from_toml(cls, doc: Mapping[str, Any], sides: Mapping[str, str], parents: Mapping[str, str]) -> Rules:
        holding = [phrase for entry in doc["claims"]["holding"] for phrase in expand(entry)]
        holding_words = alternation(holding, space=r"\s+")
        return cls(
            radius_km={int(k): float(v) for k, v in doc["place"]["radius_km"].items()},
            spans={k: (int(v[0]), int(v[1])) for k, v in doc["date"].items()},
            family_of={sub: name for name, subs in doc["families"].items() for sub in subs},
            wildcards=frozenset(doc["actors"]["wildcards"]),
            umbrella={k: frozenset(v) for k, v in doc["actors"]["umbrella"].items()},
            sides=dict(sides),
            parents=dict(parents),
            territory=frozenset(doc["claims"]["territory"]),
            holding=re.compile(rf"\b{holding_words}\b", re.I),
            unnamed=frozenset(name.casefold() for name in doc["sources"]["unnamed"]),
            shingle_words=int(doc["copies"]["shingle_words"]),
            min_containment=float(doc["copies"]["min_containment"]),
        )

    # ------------------------------------------------------------------------------------------ one event

    def days(self, s: Sighting) -> tuple[int, int] | None:
        """The span of days (ordinals, both ends included) the sighting's date stands for; None: no date."""
        if s.event_date is None or s.date_precision not in (1, 2, 3):
            return None
        if s.date_precision == 1:
            key = "day_inferred" if s.date_inferred else "day"
        else:
            key = "week" if s.date_precision == 2 else "month"
        first, last = self.spans[key]
        day = s.event_date.toordinal()
        return day + first, day + last

    def radius(self, s: Sighting) -> float | None:
        """How far from its point the sighting may be (km); None: it has no point."""
        if s.latitude is None or s.longitude is None:
            return None
        return self.radius_km.get(s.geo_precision or 3, max(self.radius_km.values()))

    def family(self, sub_event_type: str) -> str:
        return self.family_of.get(sub_event_type, sub_event_type)

    def holder(self, s: Sighting) -> str | None:
        """The actor (id) the claim says holds the place after the incident: the taker of a territory event,
        the defender (actor1) of a clash whose sentence says the attack was repelled; else None."""
        if s.sub_event_type in self.territory:
            return s.actor1_id
        if s.sub_event_type == "Armed clash" and s.actor1_id and self.holding.search(s.sentence):
            return s.actor1_id
        return None

    # ---------------------------------------------------------------------------------------------- actors

    def _ancestors(self, actor_id: str) -> set[str]:
        seen = {actor_id}
        while actor_id in self.parents and self.parents[actor_id] not in seen:
            actor_id = self.parents[actor_id]
            seen.add(actor_id)
        return seen

    def actor_matches(self, a: str | None, b: str | None) -> bool:
        """One actor of one report and one of another can be the same party."""
        if a is None or b is None or a == b or a in self.wildcards or b in self.wildcards:
            return True
        if a in self.umbrella and self.sides.get(b) in self.umbrella[a]:
            return True
        if b in self.umbrella and self.sides.get(a) in self.umbrella[b]:
            return True
        return bool(self._ancestors(a) & self._ancestors(b))

    def actors_match(self, s: Sighting, t: Sighting) -> bool:
        """The two actor pairs match, in the same order or crossed (who attacked is told both ways)."""
        a1, a2, b1, b2 = s.actor1_id, s.actor2_id, t.actor1_id, t.actor2_id
        same = self.actor_matches(a1, b1) and self.actor_matches(a2, b2)
        return same or (self.actor_matches(a1, b2) and self.actor_matches(a2, b1))

    # ------------------------------------------------------------------------------------------- a pair

    def place_distance(self, s: Sighting, t: Sighting) -> float | None:
        """The distance (km) between two sightings' places when they may be one place; None otherwise."""
        rs, rt = self.radius(s), self.radius(t)
        if rs is None or rt is None:
            both_unlocated = rs is None and rt is None
            same_words = bool(place_key(s.location)) and place_key(s.location) == place_key(t.location)
            return 0.0 if both_unlocated and same_words else None
        assert s.latitude is not None and s.longitude is not None
        assert t.latitude is not None and t.longitude is not None
        d = distance_km(s.latitude, s.longitude, t.latitude, t.longitude)
        return d if d <= max(rs, rt) else None

    def why_not(self, s: Sighting, t: Sighting) -> str | None:
        """The rule two sightings fail to be one incident by, or None when they are compatible."""
        if s.doc_id == t.doc_id:
            return "rule:documents"
        ds, dt_ = self.days(s), self.days(t)
        if ds is None or dt_ is None or ds[1] < dt_[0] or dt_[1] < ds[0]:
            return "rule:dates"
        if self.family(s.sub_event_type) != self.family(t.sub_event_type):
            return "rule:type"
        if self.place_distance(s, t) is None:
            return "rule:place"
        if not self.actors_match(s, t):
            return "rule:actors"
        return None

    def compatible(self, s: Sighting, t: Sighting) -> bool:
        return self.why_not(s, t) is None
