"""The labels table (data/labels.toml): the words reports use for the sides of the war and their tone.

`LabelTable.tone` marks the label a report gives an actor ("terrorists", "regime forces", "Syrian army troops")
pejorative or neutral: a label holding any pejorative phrase of the table is pejorative ("Takfiri Hayat Tahrir
al-Sham terrorist group"), else one holding a neutral phrase is neutral; a label with neither that names the
actor itself (it has a capital letter and the actor is a named one: "Jeish al-Fatah") is neutral by rule
``labels:proper-name``; anything else has no tone (``labels:unlisted``). `LabelTable.spans` finds the
pejorative phrases marked ``in_text`` in running text, as Name_Calling,Labeling spans.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from frontlines.records import SlantSpan
from frontlines.slant.phrases import compile_phrases, phrase_pattern

PEJORATIVE = "pejorative"
NEUTRAL = "neutral"
TONES = (PEJORATIVE, NEUTRAL)
NAME_CALLING = "Name_Calling,Labeling"
TEXT_SCORE = 0.9  # the score of a pejorative label found in running text
UNNAMED = frozenset({"unidentified-armed-group", "civilians"})


@dataclass(frozen=True, slots=True)
class LabelEntry:
    phrases: tuple[str, ...]
    tone: str
    targets: tuple[str, ...]
    source: str
    in_text: bool
    note: str


@dataclass(frozen=True, slots=True)
class Tone:
    tone: str | None
    rule: str


class LabelTable:
    def __init__(self, entries: Sequence[LabelEntry], sources: Mapping[str, str]) -> None:
        for entry in entries:
            if entry.tone not in TONES:
                raise ValueError(
                    f"labels table: tone {entry.tone!r} of {entry.phrases[0]!r} is not one of {TONES}"
                )
            if entry.source not in sources:
                raise ValueError(
                    f"labels table: source {entry.source!r} of {entry.phrases[0]!r} is not in [sources]"
                )
        self.entries = tuple(entries)
        self.sources = dict(sources)
        self._by_tone = {
            tone: [(p, re.compile(r"(?<![\w-])" + phrase_pattern(p) + r"(?![\w-])", re.I))
                   for e in entries if e.tone == tone for p in e.phrases]
            for tone in TONES
        }  # fmt: skip
        for tone in TONES:
            self._by_tone[tone].sort(key=lambda item: -len(item[0]))
        self._text = compile_phrases(
            p for e in entries if e.tone == PEJORATIVE and e.in_text for p in e.phrases
        )
        self._tones: dict[tuple[str, str], Tone] = {}  # (label, actor id) -> its tone, as `tone` found it

    @classmethod
    def from_toml(cls, text: str) -> LabelTable:
        data = tomllib.loads(text)
        entries = [_entry(raw) for raw in data.get("label", [])]
        return cls(entries, {str(k): str(v) for k, v in data.get("sources", {}).items()})

    @classmethod
    def default(cls) -> LabelTable:
        return default_labels()

    def tone(self, label: str, actor_id: str = "") -> Tone:
        """The tone of the words a report gives an actor, and the rule that decided it."""
        found = self._tones.get((label, actor_id))
        if found is None:
            if len(self._tones) > 50_000:
                self._tones.clear()
            found = self._tones[(label, actor_id)] = self._tone(label, actor_id)
        return found

    def _tone(self, label: str, actor_id: str) -> Tone:
        for tone in TONES:  # pejorative first: "regime forces" is not neutral for holding "forces"
            for phrase, pattern in self._by_tone[tone]:
                if pattern.search(label):
                    return Tone(tone, f"labels:{phrase}")
        if any(c.isupper() for c in label) and actor_id and actor_id not in UNNAMED:
            return Tone(NEUTRAL, "labels:proper-name")
        return Tone(None, "labels:unlisted")

    def spans(self, text: str) -> list[SlantSpan]:
        """Pejorative labels in running text, as Name_Calling,Labeling spans."""
        return [
            SlantSpan(
                NAME_CALLING, m.start(), m.end(), m.group(), TEXT_SCORE, f"labels:{self._rule(m.group())}"
            )
            for m in self._text.finditer(text)
        ]

    def _rule(self, found: str) -> str:
        for phrase, pattern in self._by_tone[PEJORATIVE]:
            if pattern.fullmatch(found):
                return phrase
        return found.lower()


@functools.lru_cache(maxsize=1)
def default_labels() -> LabelTable:
    """The packaged labels table (loaded once per process)."""
    text = resources.files("frontlines.slant").joinpath("data/labels.toml").read_text(encoding="utf-8")
    return LabelTable.from_toml(text)


def _entry(raw: Mapping[str, Any]) -> LabelEntry:
    try:
        return LabelEntry(
            phrases=tuple(str(p) for p in raw["phrases"]),
            tone=str(raw["tone"]),
            targets=tuple(str(t) for t in raw.get("targets", ())),
            source=str(raw["source"]),
            in_text=bool(raw.get("in_text", True)),
            note=str(raw.get("note", "")),
        )
    except KeyError as missing:
        raise ValueError(f"labels table: an entry has no {missing}") from missing
