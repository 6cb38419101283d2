"""A small, dependency-free language guess: script ranges first, then stopword ratios for Latin script.

Good enough to tell an English report from an Arabic, Russian, French, German or Spanish one, which is all
ingest needs (extraction supports English only). Returns None when the text is too short to tell.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

MIN_LETTERS = 20  # fewer letters than this: too short to tell
MIN_WORDS = 5
MIN_STOPWORD_SHARE = 0.08  # a Latin-script text with fewer stopwords than this is undecided
SAMPLE_CHARS = 3000  # the guess reads the start of the text only: enough to tell, and fast


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The most frequent function words of each language (own selection; short on purpose). Words shared by
# several languages ("a", "de", "la", "en", "in") are left out or kept in one language only.
_STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in is was that for on with as by at from it are were has have had this which "
        "after their they been said not or an but his her who will would"
    ),
    "fr": _words(
        "le les des du et est dans une pour qui sur au aux par avec sont ont été cette ces pas plus "
        "mais ou elle ils selon leur"
    ),
    "de": _words(
        "der die das und ist nicht mit sich auf für den dem ein eine einer zu im von wurde wurden "
        "sind hat haben auch nach bei aus wie"
    ),
    "es": _words(
        "el los las del y que en una por con para es fue se al lo como más pero sus su han según "
        "entre sobre este esta"
    ),
    "it": _words(
        "il gli della delle dei che è di per sono nel nella alla stato come anche più ha hanno degli secondo"
    ),
    "pt": _words(
        "o os do da dos das que em um uma com não por foi são ao pela pelo mais seu sua também segundo"
    ),
    "nl": _words("het een van en dat op te zijn met voor niet aan er ook als bij door werd worden naar"),
    "tr": _words("ve bir bu için ile olan olarak gibi daha çok ancak sonra göre"),
}
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the main language of ``text``, or None when undecidable."""
    text = text[:SAMPLE_CHARS]
    scripts = _script_counts(text)
    letters = sum(scripts.values())
    if letters < MIN_LETTERS:
        return None
    script, count = scripts.most_common(1)[0]
    if count / letters < 0.5:
        return None
    if script != "latin":
        return _by_script(script, text)
    return _by_stopwords(text)


def _script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for char, count in Counter(text).items():
        if char.isalpha():
            counts[_script_of(char)] += count
    return counts


def _script_of(char: str) -> str:
    """The script of one letter, from its Unicode name ("ARABIC LETTER ALEF" -> "arabic")."""
    code = ord(char)
    if code < 0x250:
        return "latin"
    name = unicodedata.name(char, "")
    for script in ("ARABIC", "CYRILLIC", "HEBREW", "GREEK", "HANGUL", "HIRAGANA", "KATAKANA", "CJK", "LATIN"):
        if name.startswith(script):
            return script.lower()
    return "other"


def _by_script(script: str, text: str) -> str | None:
    if script == "arabic":
        return "fa" if re.search("[پچژگ]", text) and not re.search("[ةى]", text) else "ar"
    if script == "cyrillic":
        return "uk" if re.search("[іїєґІЇЄҐ]", text) else "ru"
    if script in ("hiragana", "katakana"):
        return "ja"
    if script == "cjk":
        return "ja" if re.search("[\u3040-\u30ff]", text) else "zh"
    return {"hebrew": "he", "greek": "el", "hangul": "ko"}.get(script)


def _by_stopwords(text: str) -> str | None:
    words = Counter(word.lower() for word in _WORD.findall(text))
    total = sum(words.values())
    if total < MIN_WORDS:
        return None
    hits = {lang: sum(words[word] for word in stopwords) for lang, stopwords in _STOPWORDS.items()}
    best = max(hits, key=lambda lang: hits[lang])
    if hits[best] / total < MIN_STOPWORD_SHARE:
        return None
    return best
