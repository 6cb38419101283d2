"""Cue phrases of propaganda techniques (data/cues.toml): war words and intensifiers of Loaded_Language,
Flag-Waving and Exaggeration,Minimisation, each list with its rule name and score."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from frontlines.records import SlantSpan
from frontlines.slant.phrases import compile_phrases


@dataclass(frozen=True, slots=True)
class CueList:
    technique: str
    rule: str
    score: float
    pattern: re.Pattern[str]

    def spans(self, text: str) -> list[SlantSpan]:
        return [
            SlantSpan(self.technique, m.start(), m.end(), m.group(), self.score, f"cue:{self.rule}")
            for m in self.pattern.finditer(text)
        ]


def cues_from_toml(text: str) -> tuple[CueList, ...]:
    lists = []
    for raw in tomllib.loads(text).get("cue", []):
        try:
            score = float(raw["score"])
            if not 0 <= score <= 1:
                raise ValueError(f"cue list {raw['rule']!r}: score {score} is not between 0 and 1")
            lists.append(
                CueList(str(raw["technique"]), str(raw["rule"]), score, compile_phrases(raw["phrases"]))
            )
        except KeyError as missing:
            raise ValueError(f"cue lists: an entry has no {missing}") from missing
    return tuple(lists)


@functools.lru_cache(maxsize=1)
def default_cues() -> tuple[CueList, ...]:
    text = resources.files("frontlines.slant").joinpath("data/cues.toml").read_text(encoding="utf-8")
    return cues_from_toml(text)


def cue_spans(text: str, lists: Sequence[CueList] | None = None) -> list[SlantSpan]:
    return [span for cues in (default_cues() if lists is None else lists) for span in cues.spans(text)]
