"""Background by what a trigger's clause says of its time, for an event with no day of its own (its date is
the publication's or the story's): a year before the report's ("captured the town in 2013", "rallies in late
2011": rule "history:year"), a count of weeks, months or years back ("two weeks ago", "last year": rule
"history:ago"), or a period it sums up ("a total of", "in the past two weeks", "since the start of the
offensive": rule "cumulative"). ADR 0013 drops an event whose own explicit date is more than a month
old; these words date the event without giving a day, so the date reader leaves them to this rule."""

from __future__ import annotations

import datetime as dt
import re

from frontlines.nlp.discourse import compares_with
from frontlines.wordlists import load_words, word_alternation, words

_E = load_words("frontlines.events")["events"]
TIME_RE = re.compile(
    rf"\b(?:{word_alternation(_E, 'year_prepositions')})\s+(?:the\s+)?(?:(?:{word_alternation(_E, 'year_parts')})"
    r"\s+(?:of\s+)?)?(?P<year>(?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)|"
    rf"\b(?P<ago>{word_alternation(_E, 'long_ago')})\b|"
    rf"\b(?P<cumulative>{word_alternation(_E, 'cumulative')})\b",
    re.I,
)
REACH = 70  # characters between a trigger and the words of its time, at most
YEAR_DIGITS_RE = re.compile(r"(?:19|20)[0-9][0-9]")


def _guards(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Substrings one of which a text holding any of the phrases holds (lower case): each phrase's last two
    words (up to a wildcard "*"), less those that hold another."""
    needed = {" ".join(p.split("*")[0].lower().split(" ")[-2:]) for p in phrases}
    return tuple(sorted(n for n in needed if n and not any(o != n and o in n for o in needed)))


# TIME_RE cannot match a text holding none of these and no year (see `_may_match`)
GUARDS = _guards(tuple(p for key in ("long_ago", "cumulative") for p in words(_E, key)))


def _may_match(text: str) -> bool:
    """Can TIME_RE match the text? Every match holds a year's digits or one of GUARDS; a text of other than
    ASCII characters is not judged (the regex's case folding maps a few other letters to ASCII ones)."""
    if not text.isascii() or YEAR_DIGITS_RE.search(text):
        return True
    lower = text.lower()
    return any(guard in lower for guard in GUARDS)


class Times:
    """The words of background time of one sentence, read once (a sentence may tell many events)."""

    def __init__(self, text: str) -> None:
        self.text = text
        hits = TIME_RE.finditer(text) if _may_match(text) else ()  # (the guard is cheaper)
        self.hits = [  # "the first time since 2013" compares the news with the past: no background
            hit
            for hit in hits
            if not (
                hit.group("year")
                and hit.group(0).lower().startswith("since")
                and compares_with(text, hit.start())
            )
        ]

    def rule_near(self, at: int, published: dt.date | None) -> str | None:
        """The rule by which the clause of the trigger at ``at`` (an offset in the sentence) makes its event
        background, or None. The words are within REACH characters of the trigger with no ";" between; a
        year counts only when it is before the report's."""
        for hit in self.hits:
            if hit.start() - at > REACH or at - hit.end() > REACH:
                continue
            if ";" in self.text[min(at, hit.end()) : max(at, hit.start())]:
                continue
            if hit.group("ago"):
                return "history:ago"
            if hit.group("cumulative"):
                return "cumulative"
            if published is not None and int(hit.group("year")) < published.year:
                return "history:year"
        return None
