"""Deaths told in a sentence of their own (rule "deaths told after"): "The SDF retook the Tabqa airbase. ... In a
statement, the SDF said it killed 17 Islamic State militants in the battle for the airbase."

A sentence that reports deaths but gives no event of its own tells the toll of an event told just before it:
within ``REACH`` sentences after the last sentence with events, with no headline between. The deaths go to the
event whose place its words point back to ("the airbase", "the town": the place noun that framed the event's
place), else to the first event of that last sentence; never to an event that has a count already, and never
from a sentence that sums up a stretch of time ("since Wednesday", "in the past two weeks": rule
``cumulative``), which ACLED does not divide among events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from frontlines.events.draft import Draft
from frontlines.nlp import Sentence
from frontlines.resolve.fatalities import read_fatalities

REACH = 2  # sentences after the last one with events
# A toll summed over a stretch of time is no one event's: "since Wednesday", "over the past week", "so far".
CUMULATIVE_RE = re.compile(
    r"\b(?:since|so\s+far|to\s+date|(?:over|in|during)\s+the\s+(?:past|last)\s+|this\s+(?:week|month|year))",
    re.I,
)
_PLACE_NOUN_RE = r"\bthe\s+{noun}s?\b"


def deaths_told_after(drafts: Sequence[Draft], sentences: Sequence[Sentence]) -> list[Draft]:
    """The drafts, with the deaths of the sentences that follow their events given to them."""
    out = list(drafts)
    by_sentence: dict[int, list[int]] = {}
    for i, d in enumerate(out):
        by_sentence.setdefault(d.mention.sentence.index, []).append(i)
    last: int | None = None  # index of the last sentence with events
    for sentence in sentences:
        if sentence.headline:
            last = None
        if sentence.index in by_sentence:
            last = sentence.index
            continue
        if last is None or sentence.index - last > REACH or sentence.caption or sentence.background:
            continue
        body = sentence.text
        deaths = read_fatalities(body, sentence.start)
        if deaths is None or CUMULATIVE_RE.search(body):
            continue
        target = _pointed_at(out, by_sentence, last, body)
        if out[target].fatalities is None:
            out[target] = replace(out[target], fatalities=deaths)
    return out


def _pointed_at(drafts: Sequence[Draft], by_sentence: dict[int, list[int]], last: int, body: str) -> int:
    """The event the deaths belong to: one whose place noun the sentence names, searched from the last sentence
    with events backwards, else the first event of that sentence."""
    for index in sorted(by_sentence, reverse=True):
        if index > last:
            continue
        for i in by_sentence[index]:
            noun = drafts[i].mention.place.cue
            if noun and re.search(_PLACE_NOUN_RE.format(noun=re.escape(noun)), body, re.I):
                return i
    return by_sentence[last][0]
