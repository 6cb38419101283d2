"""What a sentence is in its report: a photo caption or background, whose dates and events are not the news."""

from __future__ import annotations

import re

CAPTION_RE = re.compile(
    r"\((?:photo|picture|image|file photo|video)\b[^)]*\)|\bpose[sd]? for (?:a )?(?:picture|photo)|"
    r"\b(?:photo|picture|image) (?:by|credit|taken|shows)\b|^\s*(?:photo|file photo|image|caption)\s*:",
    re.I,
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
BACKGROUND_RE = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:(?:{MONTHS})\s+)?(?:19|20)\d\d\b|"
    rf"\bin the (?:19|20)\d\d\b|"
    r"\b(?:in|during|since|throughout|by) the (?:early |late |mid-?)?(?:19|20)\d0(?:s|['’]s)\b",  # the 1980s
    re.I,
)


def is_caption(sentence_text: str) -> bool:
    return bool(CAPTION_RE.search(sentence_text))


def is_background(sentence_text: str) -> bool:
    return bool(BACKGROUND_RE.search(sentence_text))
