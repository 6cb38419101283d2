"""The trigger lexicon: which words signal which ACLED event (package data `data/triggers.toml`)."""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class TriggerClass:
    name: str
    event_type: str
    sub_event_type: str
    rank: int
    patient: str = "place"  # what the verb acts on: "people" (kill, arrest) means its object is no place


@dataclass(frozen=True, slots=True)
class Lexicon:
    classes: dict[str, TriggerClass]
    lemmas: dict[str, str]  # lemma -> class name
    phrases: tuple[tuple[tuple[str, ...], str], ...]  # (lemma sequence, class name), longest first
    weapons: dict[str, frozenset[str]]  # weapon kind -> words/phrases (lower case)
    victims: frozenset[str]
    generic: frozenset[str]  # trigger lemmas that say violence happened but not how ("attack", "kill")
    past_only: frozenset[str]  # trigger lemmas that tell an event only as a past verb ("controlled")
    by_first_word: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # phrases indexed by their first word

    def phrases_starting(self, lemma: str, lower: str) -> tuple[tuple[tuple[str, ...], str], ...]:
        """Phrases whose first word is this token's lemma or text, longest first."""
        found = self.by_first_word.get(lemma, ())
        more = self.by_first_word.get(lower, ()) if lower != lemma else ()
        if more:  # (``found`` alone is longest first already)
            found = tuple(sorted(found + more, key=lambda p: -len(p[0])))
        return found

    def means_near(self, sentence_lower: str, position: int | None) -> str | None:
        """The means of violence the sentence names nearest to ``position`` (a character offset in the
        sentence) in the same clause and within :data:`MEANS_REACH` characters: 'disrupted' (air defences),
        'chemical', 'suicide', 'air', 'ied' or 'shelling'; with no position, the first kind named in that order."""
        found = self.means_positions(sentence_lower)
        if position is None:
            return min(found, key=lambda f: f[1])[2] if found else None
        return self.nearest_means(found, sentence_lower, position)

    def means_positions(self, sentence_lower: str) -> list[tuple[int, int, str]]:
        """(position, order of its kind in MEANS_ORDER, kind) of every means the sentence names, by position:
        read once per sentence, asked of by each of its triggers."""
        found = [
            (start, order, kind)
            for order, kind in enumerate(MEANS_ORDER)
            for start in _word_positions(sentence_lower, self.weapons[kind])
        ]
        return sorted(found)

    def means_in_text(self, text_lower: str) -> list[tuple[int, str]]:
        """(position, kind) of every means named in a whole text, in one pass (the kinds tried in
        MEANS_ORDER at each position): what a report has said so far about how its violence was done."""
        pattern = _means_regex(tuple((kind, self.weapons[kind]) for kind in MEANS_ORDER))
        return [(hit.start(), hit.lastgroup or "") for hit in pattern.finditer(text_lower)]

    @staticmethod
    def nearest_means(found: list[tuple[int, int, str]], sentence_lower: str, position: int) -> str | None:
        """The kind of the means in ``found`` nearest to ``position``, within reach and in the same clause."""
        i = bisect.bisect_left(found, (position, -1, ""))
        best: tuple[int, int, str] | None = None
        for j in range(i - 1, -1, -1):  # before the trigger: the nearest first
            start = found[j][0]
            if position - start > MEANS_REACH:
                break
            if ";" not in sentence_lower[start:position]:
                best = (position - start, found[j][1], found[j][2])
                break
        for j in range(i, len(found)):  # after it
            start = found[j][0]
            if start - position > MEANS_REACH or (best is not None and start - position > best[0]):
                break
            if ";" not in sentence_lower[position:start]:
                candidate = (start - position, found[j][1], found[j][2])
                best = candidate if best is None or candidate[:2] < best[:2] else best
                break
        return None if best is None else best[2]


# "disrupted" (air defences, anti-aircraft fire) first: "air defences intercepted the missiles" is the
# interception, not the missiles' strike
MEANS_ORDER = ("disrupted", "chemical", "suicide", "air", "ied", "shelling")
MEANS_REACH = 90  # characters between a trigger and the words of its means, at most


def _word_positions(text: str, words: frozenset[str]) -> list[int]:
    """Where the words or phrases occur in ``text`` as whole words."""
    found = []
    for word in words:
        if word in text:  # (most are not: a substring test is far cheaper than the pattern)
            for hit in _whole_word(word).finditer(text):
                found.append(hit.start())
    return found


@functools.lru_cache(maxsize=4)
def _means_regex(kinds: tuple[tuple[str, frozenset[str]], ...]) -> re.Pattern[str]:
    """One pattern for all the means words, a named group per kind (longest words first within a kind)."""
    groups = [
        f"(?P<{kind}>{'|'.join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))})"
        for kind, words in kinds
        if words
    ]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w-])")


@functools.lru_cache(maxsize=1024)
def _whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def _parse(data: dict[str, Any]) -> Lexicon:
    classes: dict[str, TriggerClass] = {}
    lemmas: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for entry in data["class"]:
        cls = TriggerClass(
            entry["name"],
            entry["event_type"],
            entry["sub_event_type"],
            int(entry["rank"]),
            str(entry.get("patient", "place")),
        )
        classes[cls.name] = cls
        for lemma in entry.get("lemmas", []):
            lemmas.setdefault(lemma.lower(), cls.name)
        for phrase in entry.get("phrases", []):
            phrases.append((tuple(phrase.lower().split()), cls.name))
    phrases.sort(key=lambda p: -len(p[0]))
    weapons = {k: frozenset(w.lower() for w in v) for k, v in data.get("weapons", {}).items()}
    for kind in MEANS_ORDER:
        weapons.setdefault(kind, frozenset())
    generic = frozenset(w.lower() for w in data.get("generic", {}).get("lemmas", []))
    past_only = frozenset(w.lower() for w in data.get("past_only", {}).get("lemmas", []))
    victims = frozenset(v.lower() for v in data.get("victims", {}).get("civilians", []))
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase in phrases:  # already longest first
        index.setdefault(phrase[0][0], []).append(phrase)
    by_first = {word: tuple(entries) for word, entries in index.items()}
    return Lexicon(classes, lemmas, tuple(phrases), weapons, victims, generic, past_only, by_first)


@functools.lru_cache(maxsize=4)
def load_lexicon(paths: Sequence[str] = ()) -> Lexicon:
    """The packaged lexicon, or the given TOML files (same layout) merged over it in order."""
    text = resources.files("frontlines.extract").joinpath("data/triggers.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    for path in paths:
        extra = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        data["class"] = list(extra.get("class", [])) + list(data["class"])
        for key in ("weapons", "victims", "generic", "past_only"):
            for sub, words in extra.get(key, {}).items():
                data.setdefault(key, {}).setdefault(sub, [])
                data[key][sub] = list(words) + list(data[key][sub])
    return _parse(data)
