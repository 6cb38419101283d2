"""Guards of phrase regexes (frontlines/wordlists.py, `guard_words` and `may_hold`): a cheap test that lets a
regex of phrases run only where it can match, for photo captions (frontlines/nlp/discourse.py) and unnamed
sources (frontlines/nlp/attribution.py). The sentences are written here."""

from __future__ import annotations

import pytest

from frontlines.nlp import attribution
from frontlines.nlp.attribution import _WORDS, ANONYMOUS, ANONYMOUS_GUARDS, NONE, attribute_sentence
from frontlines.nlp.discourse import (
    _CAPTION_LISTS,
    _D,
    CAPTION_GUARDS,
    CAPTION_RE,
    CREDIT_RE,
    _may_be_caption,
    is_caption,
    is_caption_line,
)
from frontlines.wordlists import ascii_lower, guard_words, may_hold, words


def test_the_caption_guard_hides_no_match() -> None:
    """Every phrase of the caption lists holds a guard, in any case; sentences and lines written here read the
    same with the guard as with CAPTION_RE alone."""
    for key in _CAPTION_LISTS:
        for phrase in words(_D, key):
            assert any(guard in phrase.lower() for guard in CAPTION_GUARDS), phrase
            for text in (f"({phrase} SANA)", f"{phrase.upper()}: soldiers in Aleppo", f"Men {phrase} AFP"):
                assert _may_be_caption(text) and is_caption_line(text) == bool(CAPTION_RE.search(text))
    for text in (
        "Syrian soldiers pose for a picture in Aleppo.",
        "PHOTO: Syrian soldiers in Aleppo",
        "A screen grab shows smoke over Douma.",
        "Troops entered Aleppo on Monday.",
        "Rebels shelled the town, killing two civilians.",
        "Soldiers poſed for a picture",  # not ASCII: not judged, the regex reads it
    ):
        assert is_caption(text) == bool(CAPTION_RE.search(text) or CREDIT_RE.search(text)), text
        assert is_caption_line(text) == bool(CAPTION_RE.search(text)), text
    assert not _may_be_caption("Troops entered Aleppo on Monday.")
    assert is_caption("Soldiers poſed for a picture") and is_caption("Soldiers pose for a picture in Aleppo.")


def test_guard_words_hold_every_phrase_and_judge_only_ascii_text() -> None:
    phrases = ["{army|military} report{|s}", "local {media|news}", "arrest*", "best quality available"]
    expanded = [w for p in phrases for w in words({"x": phrases}, "x")]
    guards = guard_words(expanded)
    assert all(any(g in p.lower() for g in guards) for p in expanded) and "arrest" in guards
    assert not may_hold(ascii_lower("Troops entered Aleppo."), guards)
    assert may_hold(ascii_lower("A MILITARY REPORT said"), guards)
    assert may_hold(ascii_lower("Troops entered Aleppo’s east."), guards)  # not ASCII: not judged


def _attributed_alike(
    monkeypatch: pytest.MonkeyPatch, name: str, open_guards: object, texts: tuple[str, ...]
) -> int:
    """Assert that the texts are attributed alike with the guards ``attribution.<name>`` and with guards that let
    every text through (``open_guards``: a guard ""); how many of them name a source."""
    guarded = [attribute_sentence(text, 0, NONE, lambda _: []) for text in texts]
    monkeypatch.setattr(attribution, name, open_guards)
    assert guarded == [attribute_sentence(text, 0, NONE, lambda _: []) for text in texts]
    return sum(1 for found in guarded if found.sources)


def test_the_unnamed_source_guard_hides_no_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every phrase of an unnamed source's list holds one of its guards; sentences written here are attributed
    alike with the guards and without them (a guard "" lets every text through)."""
    for entry, guards in zip(_WORDS["anonymous"], ANONYMOUS_GUARDS, strict=True):
        for phrase in words(entry, "phrases"):
            assert any(g in phrase.lower() for g in guards), phrase
    texts = (
        "A military source said the army took the hill.",
        "LOCAL SOURCES reported shelling on the town.",
        "State TV said that troops entered the village.",
        "Troops entered Aleppo on Monday, activists said.",
        "Troops entered Aleppo on Monday.",
        "Opposition ſources said the town fell.",  # not ASCII: not judged
    )
    open_guards = tuple(("",) for _ in ANONYMOUS)
    assert _attributed_alike(monkeypatch, "ANONYMOUS_GUARDS", open_guards, texts) >= 4


def test_the_place_phrase_guards_hide_no_match() -> None:
    """The place grammar's guarded patterns (frontlines/extract/place_patterns.py) answer through the memo as
    they do alone, over phrases built here around every word of the place and relation lists; texts holding
    none of a pattern's guard words are settled without it."""
    from frontlines.extract import memo, place_patterns

    guarded = [pattern for pattern, _ in memo._GUARDS.values()]
    assert place_patterns.ATTRIBUTION_CLAUSE_RE in guarded and len(guarded) >= 10
    phrases = {
        phrase
        for table in (place_patterns._P, place_patterns._R)
        for key, entries in table.items()
        if isinstance(entries, list)
        for phrase in words(table, key)
    }
    texts = [
        text
        for phrase in sorted(phrases)
        for text in (
            f"the {phrase} of ",
            f"fighters {phrase.upper()} the ",
            f"two towns {phrase} ",
            f"the northern {phrase}, called ",
            f"sources {phrase} the village ",
            f"the {phrase}: ",
            f"{phrase} the road ",
            f"{phrase} ſaid the ",  # not ASCII: not judged
        )
    ]
    matched = 0
    for pattern in guarded:
        reader = memo.PhraseMemo()
        for text in texts:
            alone = pattern.search(text)
            found = reader.search(pattern, text)
            assert (found and found.span()) == (alone and alone.span()), (pattern.pattern[:40], text)
            matched += alone is not None
    assert matched > 100
    assert (
        memo.PhraseMemo().search(place_patterns.ATTRIBUTION_CLAUSE_RE, "troops shelled the town in ") is None
    )


def test_the_people_guard_hides_no_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every word of the people who speak without a name holds one of PEOPLE_GUARDS; sentences written here are
    attributed alike with the guard and without it."""
    for phrase in words(attribution._A, "people"):
        assert any(g in phrase.lower() for g in attribution.PEOPLE_GUARDS), phrase
    texts = (
        "A rebel commander told AFP that the town fell.",
        "LOCAL RESIDENTS SAID the army shelled the market.",
        "The governor, Talal al-Barazi, said two people died.",
        "Rescue workers said five bodies were found.",
        "Troops entered Aleppo on Monday.",
        "Eyewitneſses said the town fell.",  # not ASCII: not judged
    )
    assert _attributed_alike(monkeypatch, "PEOPLE_GUARDS", ("",), texts) >= 4


def test_the_death_word_guard_hides_no_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every death word holds one of DEATH_GUARDS; sentences written here read the same deaths with the guard
    as without it."""
    from frontlines.resolve import fatalities

    for phrase in fatalities.DEATH_WORDS:
        assert any(g in phrase.lower() for g in fatalities.DEATH_GUARDS), phrase
    texts = [f"Yesterday 12 people were wounded and three were {word}." for word in fatalities.DEATH_WORDS]
    texts += [
        "FIVE CIVILIANS DIED in the shelling.",
        "Twelve fighters were wounded in the clashes.",
        "The strike left 5 dead and 9 wounded.",
        "Three men were ſlain in the village.",  # not ASCII: not judged
    ]
    guarded = [fatalities.read_fatalities(text, 0) for text in texts]
    monkeypatch.setattr(fatalities, "DEATH_GUARDS", ("",))
    assert guarded == [fatalities.read_fatalities(text, 0) for text in texts]
    assert sum(1 for found in guarded if found is not None) >= len(fatalities.DEATH_WORDS) + 2
