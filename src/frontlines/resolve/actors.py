"""Actors: find the armed groups, forces and civilians a report names, and resolve them to canonical actors.

The alias table (``data/actors/actors.toml``, see the README there and docs/decisions/0003) lists each
actor once with its ACLED-style name, side, category, parent and aliases; dated aliases record the names an
organisation bore over time (Jabhat al-Nusra -> Jabhat Fateh al-Sham -> Hayat Tahrir al-Sham is one actor).
Spelling variants are handled by rules (:mod:`frontlines.resolve.alias_trie`), plus two rules here:

- "Jabhat X" = "X Front", "Harakat X" = "X Movement", "Liwa X" = "X Brigade"; a leading "al-" is optional.
- A name that *looks* like a group ("Jabhat al-Turab", "al-Torab Front", "Liwa Suqur X") but is not in the
  table becomes an *unlisted* actor "unlisted:<key>" with side "unknown": a named group is kept, not dropped.

Generic labels ("terrorists", "Takfiris", "militants") are mentions with ``generic=True``;
:meth:`ActorTable.resolve_generic` ties them to the group the report names nearby.

Choices a caller should know: bare "army" is the Syrian army (in these reports it almost always is; a longer
name such as "Turkish army" or "Free Syrian Army" wins when present). "Army reports said" therefore yields an
actor mention: telling a source from an actor is the caller's job (see :mod:`frontlines.resolve.sources`).
"Syrian", "Syria", "government" and place names alone are never actors.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from frontlines.records import ActorRef, Span
from frontlines.resolve.alias_trie import AliasTrie, alias_keys, expand, fold_word, words

SIDES = frozenset(
    [
        "government",
        "opposition",
        "jihadist",
        "kurdish",
        "turkey",
        "coalition",
        "israel",
        "arab-tribes",  # identity militias fight for their community, not for a side of the war
        "druze",
        "civilians",
        "unknown",
    ]
)
CATEGORIES = frozenset(
    [
        "State forces",
        "Rebel group",
        "Political militia",
        "Identity militia",
        "Rioters",
        "Protesters",
        "Civilians",
        "External/Other forces",
    ]
)
UNIDENTIFIED = "unidentified-armed-group"
UNLISTED_PREFIX = "unlisted:"
# Actors a generic insurgent label ("terrorists", "militants") can never stand for.
_NOT_ARMED_GROUPS = frozenset(["State forces", "Civilians", "Protesters", "Rioters"])

# Arabic organisational head word <-> English tail word: "Jabhat al-Nusra" = "al-Nusra Front".
_HEAD_TAIL = {
    fold_word(h): fold_word(t) for h, t in [("Jabhat", "Front"), ("Harakat", "Movement"), ("Liwa", "Brigade")]
}
_TAIL_HEAD = {t: h for h, t in _HEAD_TAIL.items()}

# Names that look like groups: an Arabic organisational word and capitalised name, or "al-X Front".
_ART = r"(?:(?:[Aa]l|[Ee]l)[-\s]|[Aa](?:sh|[sdnrtz])-)"  # al-, el-, al , ash-, ad- ...
_NAME = r"[A-Z]\w+(?:['’](?!s\b)\w+)?"
_HEADS = (
    "Jabhat|Jebhat|Jabhet|Liwa|Liwaa|Jaish|Jaysh|Jeish|Jaych|Kataib|Kata'ib|Katibat|Katibet|Harakat|Firqat|"
    "Saraya|Ansar|Ahrar|Tajammu|Faylaq|Failaq|Alwiya|Alwiyat|Tahaluf|Quwat|Usud|Suqur|Thuwar|Jund"
)
GENERIC_WINDOW = 600  # characters before a generic label in which a named group can be what it means
_GROUP_LIKE = re.compile(  # the lookahead lets the regex skip most positions cheaply
    rf"\b(?=[JLKHFSATQU])(?:{_HEADS})\s+{_ART}?{_NAME}(?:[-\s]{_ART}?{_NAME})*"
    rf"|\b(?=[AaEe]){_ART}{_NAME}(?:\s{_NAME})?\s(?:Front|Movement|Brigade|Brigades|Battalion|Battalions|Legion)\b"
)


@dataclass(frozen=True, slots=True)
class DatedName:
    """A name of an actor, optionally bounded in time (``valid_from`` inclusive, ``valid_to`` exclusive)."""

    name: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    @property
    def dated(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None

    def covers(self, on: dt.date) -> bool:
        """True when the name was in force on ``on``."""
        after_start = self.valid_from is None or on >= self.valid_from
        before_end = self.valid_to is None or on < self.valid_to
        return after_start and before_end


@dataclass(frozen=True, slots=True)
class Actor:
    """One actor of the alias table; ``names`` are all its aliases, dated ones first as listed."""

    id: str
    name: str
    side: str
    category: str
    parent: str | None
    names: tuple[DatedName, ...]


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Words ``text[start:end]`` that name an actor (``generic`` for labels such as "terrorists")."""

    start: int
    end: int
    text: str
    actor_id: str
    generic: bool


class ActorTable:
    """The alias table compiled for matching. Build with :meth:`default` or :meth:`from_file`."""

    def __init__(
        self,
        actors: Iterable[Actor],
        generic_labels: Iterable[str | tuple[str, str]] = (),
        stands_for: Mapping[str, frozenset[str]] | None = None,
        states: Mapping[str, str] | None = None,
    ) -> None:
        self._actors: dict[str, Actor] = {}
        self._trie: AliasTrie[tuple[str, bool]] = AliasTrie()
        self._unlisted: dict[str, str] = {}  # unlisted id -> first spelling seen
        self.conflicts: list[tuple[str, str, str]] = []  # (alias, actor kept, actor replaced)
        for actor in actors:
            self._actors[actor.id] = actor
        # each actor's dated names, in its order (most of its names are not dated): what `name_at` reads
        self._dated = {a.id: tuple(n for n in a.names if n.dated) for a in self._actors.values()}
        for actor in self._actors.values():
            for dated in actor.names:
                self._add(dated.name, (actor.id, False))
        # (label, the actor it stands for when the report names no group nearby)
        self.generic_labels: tuple[tuple[str, str], ...] = tuple(
            (label, fallback)
            for raw, fallback in (
                item if isinstance(item, tuple) else (item, UNIDENTIFIED) for item in generic_labels
            )
            for label in expand(raw)
        )
        for label, fallback in self.generic_labels:
            self._add(label, (fallback, True))
        # the actors a label of a [[generic_groups]] entry with `stands_for` may stand for ("warplanes": a
        # state's air force), by the entry's default actor; other labels stand for armed groups
        self.stands_for: dict[str, frozenset[str]] = dict(stands_for or {})
        # a state's name -> its armed forces, for a state named as the doer ("Israel struck ..."): `[states]`
        self.states: dict[str, str] = {name.casefold(): actor for name, actor in (states or {}).items()}

    # ------------------------------------------------------------------------------------------ building

    @classmethod
    @functools.cache
    def default(cls) -> ActorTable:
        """The table shipped with frontlines (cached)."""
        text = resources.files("frontlines.resolve").joinpath("data/actors/actors.toml").read_text("utf-8")
        return cls._from_docs([tomllib.loads(text)])

    @classmethod
    def from_file(cls, path: str | Path) -> ActorTable:
        """A table from one TOML file in the package format."""
        return cls._from_docs([_load(path)])

    def with_file(self, path: str | Path) -> ActorTable:
        """This table extended by a user file: its actors replace same-id actors, its aliases win clashes."""
        doc = _load(path)
        user = [_actor(entry) for entry in doc.get("actors", [])]
        user_ids = {a.id for a in user}
        kept = [a for a in self._actors.values() if a.id not in user_ids]
        return ActorTable(
            kept + user,
            list(self.generic_labels) + _generic_labels(doc),
            self.stands_for | _stands_for(doc),
            self.states | {k.casefold(): str(v) for k, v in doc.get("states", {}).items()},
        )

    @classmethod
    def _from_docs(cls, docs: Sequence[Mapping[str, Any]]) -> ActorTable:
        actors = [_actor(entry) for doc in docs for entry in doc.get("actors", [])]
        stands_for = {actor: ids for doc in docs for actor, ids in _stands_for(doc).items()}
        states = {name: str(actor) for doc in docs for name, actor in doc.get("states", {}).items()}
        return cls(actors, [pair for doc in docs for pair in _generic_labels(doc)], stands_for, states)

    def _add(self, alias: str, value: tuple[str, bool]) -> None:
        for keys in _variants(alias_keys(alias)):
            replaced = self._trie.add(keys, value)
            if replaced is not None and replaced != value:
                self.conflicts.append((alias, value[0], replaced[0]))

    # ------------------------------------------------------------------------------------------ lookup

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._actors

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def get(self, actor_id: str) -> Actor:
        """The actor with this id (unlisted ids from :meth:`find` included); KeyError otherwise."""
        if actor_id in self._actors:
            return self._actors[actor_id]
        if actor_id.startswith(UNLISTED_PREFIX):
            name = (
                self._unlisted.get(actor_id)
                or actor_id.removeprefix(UNLISTED_PREFIX).replace("-", " ").title()
            )
            return Actor(actor_id, name, "unknown", "Rebel group", None, ())
        raise KeyError(actor_id)

    def name_at(self, actor_id: str, on: dt.date | None, written: str | None = None) -> str:
        """The name in force on ``on`` (the first dated alias covering it), else the canonical name. With no
        date, a dated name the report itself wrote ("Jabhat al-Nusra" in an undated report) is the name."""
        actor = self.get(actor_id)
        dated_names = self._dated.get(actor_id, ())  # (an unlisted actor has none)
        if on is not None:
            for dated in dated_names:
                if dated.covers(on):
                    return dated.name
        elif written is not None:
            keys = alias_keys(written)
            for dated in dated_names:
                if alias_keys(dated.name) == keys:
                    return dated.name
        return actor.name

    def find(self, text: str) -> list[ActorMention]:
        """All actor mentions in ``text``, left to right; the longest alias wins; mentions never overlap. A name
        after "anti-" ("the anti-IS group", "anti-ISIS coalition") names that actor's enemy, not the actor:
        no mention."""
        found = [
            ActorMention(start, end, text[start:end], actor_id, generic)
            for start, end, (actor_id, generic) in self._trie.find(text)
            if not _AGAINST_RE.search(text, max(0, start - 6), start)
        ]
        starts = [m.start for m in found]
        unlisted = []
        for m in _GROUP_LIKE.finditer(text):
            i = bisect.bisect_left(starts, m.end())  # listed mentions starting before this one ends
            if i > 0 and found[i - 1].end > m.start():
                continue  # overlaps a listed name (or is one): the table wins
            actor_id = self._unlisted_id(m.group())
            unlisted.append(ActorMention(m.start(), m.end(), m.group(), actor_id, False))
        if unlisted:
            found = sorted(found + unlisted, key=lambda mention: mention.start)
        return found

    def _unlisted_id(self, name: str) -> str:
        keys = tuple(w.key for w in words(name))
        if keys[-1] in _TAIL_HEAD:  # "al-Torab Front" -> "jabhat al turab"
            keys = (_TAIL_HEAD[keys[-1]], *keys[:-1])
        listed = self._trie.get(keys)
        if listed is not None:
            return listed[0]
        actor_id = UNLISTED_PREFIX + "-".join(keys)
        self._unlisted.setdefault(actor_id, name)
        return actor_id

    # ------------------------------------------------------------------------------------------ resolution

    def ref(self, mention: ActorMention, on: dt.date | None = None) -> ActorRef:
        """The resolved actor of a mention; ``label`` keeps the words as written."""
        actor = self.get(mention.actor_id)
        name = (
            mention.text if actor.id.startswith(UNLISTED_PREFIX) else self.name_at(actor.id, on, mention.text)
        )
        span = Span(mention.start, mention.end, mention.text)
        return ActorRef(actor.id, name, actor.side, actor.category, mention.text, span)

    def is_armed_group(self, actor_id: str) -> bool:
        """True for named non-state armed groups a generic label can stand for (not the government side)."""
        actor = self.get(actor_id)
        return (
            actor.id != UNIDENTIFIED
            and actor.side != "government"
            and actor.category not in _NOT_ARMED_GROUPS
        )

    def state_forces(self, name: str) -> str | None:
        """The armed forces of the state a name names ("Israel", "the United States"), or None."""
        actor_id = self.states.get(" ".join(name.split()).casefold())
        return actor_id if actor_id is not None and actor_id in self._actors else None

    def only_group(self, report: Sequence[ActorMention]) -> ActorMention | None:
        """The one rebel group or militia a report names ("terrorists" in a report that names only HTS), or
        None when it names none or several. Foreign and state forces are never what such labels mean."""
        groups = {
            o.actor_id: o
            for o in report
            if not o.generic
            and self.is_armed_group(o.actor_id)
            and self.get(o.actor_id).category in ("Rebel group", "Political militia")
        }
        return next(iter(groups.values())) if len(groups) == 1 else None

    def resolve_generic(
        self,
        mention: ActorMention,
        named: Sequence[ActorMention],
        *,
        on: dt.date | None = None,
        sentence: tuple[int, int] | None = None,
        window: int = GENERIC_WINDOW,
        report: Sequence[ActorMention] = (),
    ) -> ActorRef:
        """Resolve a generic label to the nearest named armed group, keeping the label as written.

        ``named`` are the mentions of the same and previous sentences (the caller's window). A candidate must
        be a named non-government armed group (:meth:`is_armed_group`), of the opposition for a label of the
        opposition ("rebels" never stand for the Islamic State). Ranking: a candidate in the label's
        own ``sentence`` (start, end offsets) first; then the nearest by characters, a preceding one winning
        ties. Candidates after the label count only inside its sentence (or within 150 characters when no
        sentence is given); preceding ones within ``window`` characters. No candidate nearby: the one armed
        group the whole ``report`` names, if it names exactly one; else the unidentified armed group.
        """
        if not mention.generic:
            return self.ref(mention, on)
        best: tuple[tuple[int, int, int], ActorMention] | None = None
        # a label for the armed opposition ("rebels", "the factions") stands only for an opposition group;
        # one with a `stands_for` list ("warplanes") only for those actors
        side = self.get(mention.actor_id).side
        allowed = self.stands_for.get(mention.actor_id)
        for other in named:
            if other.generic or not (
                other.actor_id in allowed if allowed is not None else self.is_armed_group(other.actor_id)
            ):
                continue
            if side == "opposition" and self.get(other.actor_id).side != "opposition":
                continue
            before = other.end <= mention.start
            distance = mention.start - other.end if before else other.start - mention.end
            if distance < 0:
                continue  # overlapping spans cannot be two mentions
            same = sentence is not None and sentence[0] <= other.start and other.end <= sentence[1]
            limit = window if before else (sentence[1] - mention.end if sentence else 150)
            if distance > limit and not same:
                continue
            rank = (0 if same else 1, distance, 0 if before else 1)
            if best is None or rank < best[0]:
                best = (rank, other)
        chosen = best[1] if best is not None else None if allowed is not None else self.only_group(report)
        if chosen is not None and side == "opposition" and self.get(chosen.actor_id).side != "opposition":
            chosen = None
        if chosen is None:
            return self.ref(mention, on)  # the actor its label stands for by default
        group = self.ref(chosen, on)
        span = Span(mention.start, mention.end, mention.text)
        return ActorRef(group.actor_id, group.name, group.side, group.category, mention.text, span)


# ---------------------------------------------------------------------------------------------- loading


def _generic_labels(doc: Mapping[str, Any]) -> list[str | tuple[str, str]]:
    """The generic labels of a table file with the actor each stands for by default: ``[generic]`` labels
    ("terrorists") stand for its ``actor``, each ``[[generic_groups]]`` entry's labels ("rebels") for its own."""
    default = doc.get("generic", {})
    fallback = str(default.get("actor", UNIDENTIFIED))
    pairs: list[str | tuple[str, str]] = [(label, fallback) for label in default.get("labels", [])]
    for group in doc.get("generic_groups", []):
        pairs += [(label, str(group["actor"])) for label in group.get("labels", [])]
    return pairs


_AGAINST_RE = re.compile(r"\banti[-‑]$", re.I)  # right before a name: "anti-IS"


def _stands_for(doc: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """For each ``[[generic_groups]]`` entry with a ``stands_for`` list: its default actor -> the actors its
    labels may stand for."""
    return {
        str(group["actor"]): frozenset(str(i) for i in group["stands_for"])
        for group in doc.get("generic_groups", [])
        if "stands_for" in group
    }


def _load(path: str | Path) -> dict[str, Any]:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _actor(entry: Mapping[str, Any]) -> Actor:
    """One ``[[actors]]`` table as an :class:`Actor`; aliases expanded; side and category checked."""
    actor_id, side, category = entry["id"], entry.get("side", "unknown"), entry.get("category", "Rebel group")
    if side not in SIDES:
        raise ValueError(f"actor {actor_id}: side {side!r} is not one of {sorted(SIDES)}")
    if category not in CATEGORIES:
        raise ValueError(f"actor {actor_id}: category {category!r} is not one of {sorted(CATEGORIES)}")
    names: list[DatedName] = []
    for alias in [entry["name"], *entry.get("aliases", [])]:
        if isinstance(alias, str):
            names.extend(DatedName(name) for name in expand(alias))
        else:
            start, end = _date(alias.get("valid_from")), _date(alias.get("valid_to"))
            names.extend(DatedName(name, start, end) for name in expand(alias["name"]))
    names.sort(key=lambda n: not n.dated)  # dated names first, in listed order (stable sort)
    return Actor(actor_id, entry["name"], side, category, entry.get("parent") or None, tuple(names))


def _variants(keys: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Word-order and article variants of an alias: "jabhat al nusra" -> "al nusra front", "nusra front"."""
    out = {keys}
    if len(keys) > 1 and keys[0] in _HEAD_TAIL:
        out.add((*keys[1:], _HEAD_TAIL[keys[0]]))
    if len(keys) > 1 and keys[-1] in _TAIL_HEAD:
        out.add((_TAIL_HEAD[keys[-1]], *keys[:-1]))
    for variant in list(out):
        if len(variant) > 1 and variant[0] == "al":
            out.add(variant[1:])
    return out
