"""Long documents, as a specification: a document of any length is parsed in sections the NLP stage can take,
its evidence still points into the whole text, and a place is read in the context of its own section.

Reports are generated here from a handful of sentences naming real places; the sizes are small, the limits
(section size, spaCy's ``max_length``) are lowered to match, so that the tests exercise the splitting without
parsing megabytes. scripts/bench_long.py measures real sizes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterator
from typing import Any

import pytest

from frontlines.nlp import pipeline as spacy_pipeline
from frontlines.nlp.sections import sections
from frontlines.records import Document, Event
from frontlines.resolve.geocode import PlaceMention, geocode

PLACES = (
    "Khan Tuman", "al-Eis", "Tal Hadiya", "Zitan", "Barna", "Qarassi", "Hardana", "Khanasir", "Numaniyeh",
    "Maharda", "Kafr Nabl", "Saraqib", "Atarib", "Anadan", "Hayyan", "Bayanoun", "Nubl", "Zarbah",
)  # fmt: skip
SENTENCES = (
    "Syrian army troops recaptured the village of {p} on Sunday, SANA reported.",
    "Rebel fighters shelled the town of {p} on Monday, killing three civilians.",
    "Government forces captured {p} and {q} after heavy clashes with Jabhat Fateh al-Sham.",
    "Warplanes struck positions held by Ahrar al-Sham in {p}, local activists said.",
    "The talks on a truce in {p} collapsed.",
)


def long_report(chars: int, seed: int = 1) -> str:
    """Paragraphs of one to three sentences until the text has about ``chars`` characters."""
    rng = random.Random(seed)
    paragraphs = ["Fighting spreads across the north"]
    while sum(len(p) + 2 for p in paragraphs) < chars:
        paragraphs.append(
            " ".join(
                rng.choice(SENTENCES).format(p=rng.choice(PLACES), q=rng.choice(PLACES))
                for _ in range(rng.randint(1, 3))
            )
        )
    return "\n\n".join(paragraphs)


@pytest.fixture
def small_sections(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The session pipeline, parsing in sections of at most 1,500 characters."""
    monkeypatch.setattr(pipeline, "settings", dataclasses.replace(pipeline.settings, section_chars=1_500))
    return pipeline


@pytest.fixture
def small_max_length() -> Iterator[int]:
    """spaCy's own limit lowered to 4,000 characters (a text over it raises E088), then restored."""
    nlp = spacy_pipeline()
    saved = nlp.max_length
    nlp.max_length = 4_000
    try:
        yield nlp.max_length
    finally:
        nlp.max_length = saved


def _document(text: str) -> Document:
    return Document(id="long", text=text, source_uri="test:long", published=dt.date(2016, 11, 10))


def _assert_evidence_indexes_the_text(events: list[Event], text: str) -> None:
    for event in events:
        assert text[event.sentence.start : event.sentence.end] == event.sentence.text
        for evidence in event.claim.evidence:
            assert text[evidence.start : evidence.end] == evidence.text, evidence
        for span in (event.place.span, event.actor1 and event.actor1.span, event.date.span):
            if span is not None:
                assert text[span.start : span.end] == span.text


# ------------------------------------------------------------------------------------------------ sections


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Short text.", 100, ["Short text."]),
        ("", 100, [""]),
        # a paragraph break in the second half of the limit wins over later sentence ends
        ("Aaaa aaaa.\n\nBbbb. Cccc.", 16, ["Aaaa aaaa.\n\n", "Bbbb. Cccc."]),
        # a line break, when there is no blank line
        ("Aaaa aaaa.\nBbbb bbbb.", 14, ["Aaaa aaaa.\n", "Bbbb bbbb."]),
        # no line break: the last sentence end
        ("Aaa. Bbbb. Cccc dddd eeee.", 14, ["Aaa. Bbbb. ", "Cccc dddd ", "eeee."]),
        # no sentence end: the last white space
        ("aaaa bbbb cccc dddd", 12, ["aaaa bbbb ", "cccc dddd"]),
        # nothing at all: a hard cut at the limit
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
        # an accent stays with its letter
        ("xxxxxxxe\u0301xxxx", 8, ["xxxxxxx", "e\u0301xxxx"]),
    ],
)
def test_a_text_is_cut_at_paragraphs_then_sentences_then_spaces_then_anywhere(
    text: str, limit: int, expected: list[str]
) -> None:
    assert [text[s:e] for s, e in sections(text, limit)] == expected


@pytest.mark.parametrize("seed", range(5))
def test_sections_are_contiguous_cover_the_text_and_keep_to_the_limit(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["a", "b", " ", ".", "\n", "\n\n", "é", "x" * 30]
    text = "".join(rng.choice(alphabet) for _ in range(3_000))
    limit = rng.randint(20, 400)
    cuts = sections(text, limit)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:], strict=False))
    assert all(0 < end - start <= limit for start, end in cuts)
    assert all(end - start >= limit // 2 for start, end in cuts[:-1])  # never a run of tiny sections


def test_a_limit_below_two_characters_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        sections("text", 1)


# ------------------------------------------------------------------------------------------------ the pipeline


def test_evidence_of_a_document_parsed_in_many_sections_indexes_the_whole_text(small_sections: Any) -> None:
    text = long_report(12_000)
    events = small_sections.extract_document(_document(text))
    assert len(sections(text, 1_500)) >= 8
    starts = [start for start, _ in sections(text, 1_500)]
    sections_with_events = {max(i for i, s in enumerate(starts) if s <= e.sentence.start) for e in events}
    assert len(sections_with_events) >= 6  # events come from the whole document, not its first section
    _assert_evidence_indexes_the_text(events, text)


def test_a_document_over_spacys_max_length_is_extracted(pipeline: Any, small_max_length: int) -> None:
    text = long_report(3 * small_max_length)
    assert len(text) > small_max_length
    events = pipeline.extract_document(_document(text))
    assert len({e.place.location for e in events}) >= 5
    _assert_evidence_indexes_the_text(events, text)


@pytest.mark.parametrize("line", ["x" * 15_000, "a,b.c-d/" * 600, "ختامختام" * 1_500])
def test_a_long_line_without_spaces_is_cut_anywhere_and_gives_no_events(
    pipeline: Any, small_max_length: int, line: str
) -> None:
    text = "Troops captured the village of Khan Tuman on Sunday.\n" + line
    events = pipeline.extract_document(_document(text))
    assert [e.place.location for e in events] == ["Khan Tuman"]


def test_a_line_of_two_million_characters_without_spaces_is_extracted(pipeline: Any) -> None:
    """The defect as reported: spaCy's E088 on a line over 1,000,000 characters (the real limit)."""
    text = "Rebels shelled the town of Nubl on Monday.\n" + "x" * 2_000_000
    assert [e.place.location for e in pipeline.extract_document(_document(text))] == ["Nubl"]


# ------------------------------------------------------------------------------------------------ windows


def test_a_place_is_read_in_the_context_of_its_own_section() -> None:
    """Each section is its own context: the places of a section are read exactly as if the section were the
    whole report, whatever the other sections name (here a cluster of places in Hama)."""
    first = "Clashes in Hama province: militants shelled Maharda and Suqaylabiyah.\n\n"
    second = "Elsewhere, troops took Maharda and Khanasir.\n"
    text = first + second
    mentions = [
        PlaceMention("Maharda", first.index("Maharda"), first.index("Maharda") + 7),
        PlaceMention("Suqaylabiyah", first.index("Suqaylabiyah"), first.index("Suqaylabiyah") + 12),
        PlaceMention(
            "Maharda", len(first) + second.index("Maharda"), len(first) + second.index("Maharda") + 7
        ),
        PlaceMention(
            "Khanasir", len(first) + second.index("Khanasir"), len(first) + second.index("Khanasir") + 8
        ),
    ]
    windowed = geocode(text, mentions, windows=[(0, len(first)), (len(first), len(text))])
    alone_first = geocode(first, mentions[:2])
    shifted = [PlaceMention(m.text, m.start - len(first), m.end - len(first)) for m in mentions[2:]]
    alone_second = geocode(second, shifted)
    assert [(r.place_id, r.rule, r.geo_precision) for r in windowed] == [
        (r.place_id, r.rule, r.geo_precision) for r in alone_first + alone_second
    ]
    assert windowed[3].place_id == "C2169"
    assert [r.span.start for r in windowed if r.span] == [m.start for m in mentions]


# ------------------------------------------------------------------------------------------------ sentences


@pytest.mark.parametrize("seed", range(20))
def test_a_sentence_read_once_names_victims_around_any_trigger_as_reading_it_each_time_does(
    seed: int,
) -> None:
    """The victims words besides a trigger (events._Said), against the rule as first written: the words of
    the text before the trigger and of the text after it."""
    import re

    from frontlines.events import _Said
    from frontlines.extract.lexicon import load_lexicon
    from frontlines.extract.triggers import Trigger
    from frontlines.nlp import Sentence
    from frontlines.nlp.attribution import NONE

    lexicon = load_lexicon()
    rng = random.Random(seed)
    victim = sorted(lexicon.victims)[:3]
    words = [*victim, "killed", "troops", "a", "x", "civ", "ilians", ";", ",", " "]
    prefix = "Lead. "
    sentence_text = "".join(
        rng.choice(words) + rng.choice(["", " ", ", "]) for _ in range(rng.randint(2, 10))
    )
    text = prefix + sentence_text
    sentence = Sentence(0, len(prefix), len(text), sentence_text, False, False, False, NONE, None)
    said = _Said(sentence, text, None, lexicon)
    lower = sentence_text.lower()
    # edges that cut a word where a victim word ends or begins ("civiliansx": "civilians" before the trigger)
    edges = [m.end() for v in victim for m in re.finditer(re.escape(v), lower)]
    starts = [m.start() for v in victim for m in re.finditer(re.escape(v), lower)]
    for _ in range(200):
        ts = rng.choice(edges) if edges and rng.random() < 0.5 else rng.randrange(0, len(lower))
        te = min(len(lower), ts + rng.randint(1, 8))
        later = [s for s in starts if s > ts]
        if later and rng.random() < 0.5:
            te = rng.choice(later)
        trigger = Trigger(
            0, len(prefix) + ts, len(prefix) + te, text[len(prefix) + ts : len(prefix) + te], "x"
        )
        found = set(re.findall(r"[a-z]+", lower[te:])) | set(re.findall(r"[a-z]+", lower[:ts]))
        assert said.names_victims_besides(trigger) == bool(found & lexicon.victims), (sentence_text, ts, te)
