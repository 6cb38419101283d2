"""The place grammar's memo (frontlines/extract/memo.py): the pre-filter and the extract stage read the same
phrases, and the regexes' answers are kept between the readings. A reading with a memo, however it was filled
before, finds the same places as one without. The sentences are written here."""

from __future__ import annotations

import re

from frontlines.extract.memo import PhraseMemo
from frontlines.extract.places import find_places

TEXT = (
    "DAMASCUS: Government forces shelled the villages of Tadef, Abu Taltal and Kafr Nasih near the town of "
    "al-Bab on Monday.\nRebels said they had advanced toward Tal Rifaat from their positions in Azaz, "
    "northern Aleppo, and captured a hill known as Tal Sheikh."
)


def _known(name: str) -> bool:
    return name in {"Tadef", "Aleppo", "Azaz", "al-Bab", "Tal Rifaat"}


def _readings(memo: PhraseMemo | None) -> list[list[object]]:
    """Each sentence read three times, as the pipeline reads it: with no entity labels, with every name a
    place (the pre-filter's two readings) and with labels of its own and an actor's range excluded."""
    out = []
    for start, end in ((0, TEXT.index("\n")), (TEXT.index("\n") + 1, len(TEXT))):
        excluded = [(start, start + 7)]  # ("Government" / "Rebels said": taken by an actor or a source)
        for labels, taken in (
            (lambda a, b: set(), ()),
            (lambda a, b: {"GPE"}, ()),
            (lambda a, b: {"PERSON"}, excluded),
        ):
            out.append(find_places(TEXT, start, end, taken, labels, _known, _known, memo))
    return out


def test_a_memo_changes_no_place() -> None:
    fresh = _readings(None)
    memo = PhraseMemo()
    assert _readings(memo) == fresh
    assert len(memo) > 0 and _readings(memo) == fresh  # the second time, every answer is a kept one
    assert any(p.text == "Abu Taltal" for places in fresh for p in places)


def test_the_memo_answers_as_the_pattern_does() -> None:
    memo = PhraseMemo()
    a, b = re.compile(r"of\s+$", re.I), re.compile(r"of\s+$")
    for text in ("the villages of ", "THE VILLAGES OF ", "the villages of Tadef", ""):
        for pattern in (a, b):  # two patterns of the same source are told apart
            for _ in range(2):
                assert bool(memo.search(pattern, text)) == bool(pattern.search(text))
                assert memo.match_at(pattern, TEXT, 5) == pattern.match(TEXT, 5)
