"""What a sentence is in its report: a photo caption or background, whose dates and events are not the news."""

from __future__ import annotations

import re
from collections.abc import Callable

from frontlines.wordlists import load_words, word_alternation

# The words are package data (data/words.toml, [discourse]); the patterns are the grammar.
_D = load_words("frontlines.nlp")["discourse"]

# "(Photo: SANA)", "fighters pose for a picture", "Photo by AFP", "File photo: ...".
CAPTION_RE = re.compile(
    rf"\({word_alternation(_D, 'caption_in_brackets')}\b[^)]*\)|\b{word_alternation(_D, 'caption_posing')}|"
    rf"\b{word_alternation(_D, 'caption_credits')}\b|^\s*{word_alternation(_D, 'caption_labels')}\s*:",
    re.I,
)
MONTHS = word_alternation(_D, "months")
_PERIOD = word_alternation(_D, "period_parts")  # "early", "late"; "mid-" is written into the patterns
BACKGROUND_RE = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:{_PERIOD}\s+|mid-?)?(?:(?:{MONTHS})\s+)?(?:19|20)\d\d\b|"
    rf"\bin the (?:19|20)\d\d\b|"
    rf"\b{word_alternation(_D, 'decade_prepositions')} the (?:{_PERIOD} |mid-?)?(?:19|20)\d0(?:s|['’]s)\b",  # the 1980s
    re.I,
)


def is_caption(sentence_text: str) -> bool:
    return bool(CAPTION_RE.search(sentence_text))


def is_background(sentence_text: str) -> bool:
    return bool(BACKGROUND_RE.search(sentence_text))


def news_segments(sentence_text: str, dated: Callable[[str], bool]) -> list[tuple[int, int]]:
    """In a background sentence, the comma- or semicolon-separated parts that still tell news: no background
    marker, and a date of their own ("Since March 2011 the war has raged, and troops captured A on Monday"),
    as ``(start, end)`` offsets into the sentence. ``dated`` says whether a text states a date."""
    out = []
    start = 0
    for end in [m.start() for m in re.finditer(r"[,;]", sentence_text)] + [len(sentence_text)]:
        part = sentence_text[start:end]
        if not BACKGROUND_RE.search(part) and dated(part):
            out.append((start, end))
        start = end + 1
    return out
