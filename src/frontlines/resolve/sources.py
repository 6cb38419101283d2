"""Sources: the agencies, monitors, outlets and official bodies a report relays ("SANA reported that ...").

The table is ``data/actors/sources.toml`` (see the README there). :meth:`SourceTable.find` finds source
names in text with the same spelling-tolerant matcher as actors; :meth:`SourceTable.canonical` turns an outlet
name or a web domain ("PressTV", "presstv.ir") into the name used in claim chains ("Press TV").

Telling whether a mention is the *source* of a claim (an attribution) or merely mentioned is the caller's job:
the nlp stage looks at reporting verbs. Where a source name overlaps an actor mention ("army reports said"),
prefer the source.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from frontlines.resolve.alias_trie import AliasTrie, alias_keys, expand, fold_word

KINDS = frozenset(["agency", "monitor", "outlet", "official", "group-media"])
CREDITED_KINDS = frozenset(["agency", "outlet"])  # the kinds a report credits at its head
_URL_PREFIX = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:www\d?\.)?", re.IGNORECASE)
_DOMAIN = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$", re.IGNORECASE)
_SECOND_LEVEL = frozenset(["co", "com", "net", "org", "gov", "ac"])  # presstv.co.uk, aa.com.tr
# Between two mentions of the same source that are one mention: "Syria's official news agency SANA".
_SAME_SOURCE_GAP = re.compile(r"[\s,(]{1,3}")


@dataclass(frozen=True, slots=True)
class Source:
    """One source of the table."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceMention:
    """Words ``text[start:end]`` naming a source; ``name`` is its canonical name, ``kind`` its kind."""

    start: int
    end: int
    text: str
    source_id: str
    name: str
    kind: str


class SourceTable:
    """The source table compiled for matching: :meth:`default`, :meth:`from_file`, :meth:`with_file`."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self._sources: dict[str, Source] = {source.id: source for source in sources}
        self._trie: AliasTrie[str] = AliasTrie()
        self._compact: dict[str, str] = {}  # compact key of a name or domain -> source id
        for source in self._sources.values():
            for alias in (source.name, *source.aliases):
                self._trie.add(alias_keys(alias), source.id)
                self._compact[_compact(alias)] = source.id
            for domain in source.domains:
                self._compact[_compact(domain)] = source.id
                self._compact[_compact(_domain_label(domain))] = source.id

    @classmethod
    @functools.cache
    def default(cls) -> SourceTable:
        """The table shipped with frontlines (cached)."""
        text = resources.files("frontlines.resolve").joinpath("data/actors/sources.toml").read_text("utf-8")
        return cls(_sources(tomllib.loads(text)))

    @classmethod
    def from_file(cls, path: str | Path) -> SourceTable:
        """A table from one TOML file in the package format."""
        with open(path, "rb") as handle:
            return cls(_sources(tomllib.load(handle)))

    def with_file(self, path: str | Path) -> SourceTable:
        """This table extended by a user file; its sources replace same-id sources and win alias clashes."""
        user = list(SourceTable.from_file(path))
        user_ids = {s.id for s in user}
        return SourceTable([s for s in self._sources.values() if s.id not in user_ids] + user)

    def __iter__(self) -> Iterator[Source]:
        return iter(self._sources.values())

    def get(self, source_id: str) -> Source:
        """The source with this id; KeyError otherwise."""
        return self._sources[source_id]

    def find(self, text: str) -> list[SourceMention]:
        """All source mentions in ``text``, left to right, longest first, no overlaps.

        Adjacent names of one source ("Syria's official news agency SANA") merge into one mention.
        """
        out: list[SourceMention] = []
        for start, end, source_id in self._trie.find(text):
            source = self._sources[source_id]
            previous = out[-1] if out else None
            if (
                previous is not None
                and previous.source_id == source_id
                and _SAME_SOURCE_GAP.fullmatch(text, previous.end, start)
            ):
                start = previous.start
                out.pop()
            out.append(SourceMention(start, end, text[start:end], source_id, source.name, source.kind))
        return out

    def lookup(self, name: str) -> Source | None:
        """The source a name, alias or web domain/URL denotes, or None when unknown."""
        cleaned = _URL_PREFIX.sub("", name.strip()).split("/", 1)[0] if _looks_like_url(name) else name
        for candidate in (cleaned, _domain_label(cleaned) if _DOMAIN.match(cleaned) else None):
            if candidate:
                source_id = self._compact.get(_compact(candidate))
                if source_id is not None:
                    return self._sources[source_id]
        return None

    def name_of(self, written: str, kind: str | None = None) -> str | None:
        """The canonical name of the source a name denotes (of this ``kind`` only, when given), else None."""
        found = self.lookup(written)
        return found.name if found is not None and kind in (None, found.kind) else None

    def credit_name(self, written: str) -> str | None:
        """The canonical name of a news agency or outlet a report credits at its head ("BEIRUT (AP) —",
        "RAS AL-AIN (Kurdistan 24) –": a republished report); a monitor or an official body there ("SOHR:")
        is a source, not a credit: None."""
        found = self.lookup(written)
        return found.name if found is not None and found.kind in CREDITED_KINDS else None

    def canonical(self, outlet_name: str) -> str:
        """The canonical name of an outlet ("PressTV", "presstv.ir" -> "Press TV"); unknown: unchanged."""
        source = self.lookup(outlet_name)
        return source.name if source is not None else outlet_name.strip()


# ---------------------------------------------------------------------------------------------- helpers


def _compact(name: str) -> str:
    """A spacing-, case- and spelling-insensitive key: "Press TV" = "PressTV" = "presstv"."""
    return fold_word(re.sub(r"[\W_]+", "", name))


def _looks_like_url(name: str) -> bool:
    stripped = name.strip()
    return (
        "://" in stripped
        or stripped.lower().startswith("www.")
        or bool(_DOMAIN.match(stripped.split("/")[0]))
    )


def _domain_label(domain: str) -> str:
    """The registrable label of a domain: "english.farsnews.ir" -> "farsnews", "aa.com.tr" -> "aa"."""
    labels = domain.lower().split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else labels[0]


def _sources(doc: Mapping[str, Any]) -> list[Source]:
    """The ``[[sources]]`` tables of a TOML document; aliases expanded and kinds checked."""
    out = []
    for entry in doc.get("sources", []):
        if entry["kind"] not in KINDS:
            raise ValueError(f"source {entry['id']}: kind {entry['kind']!r} is not one of {sorted(KINDS)}")
        aliases = tuple(name for raw in entry.get("aliases", []) for name in expand(raw))
        out.append(
            Source(entry["id"], entry["name"], entry["kind"], aliases, tuple(entry.get("domains", [])))
        )
    return out
