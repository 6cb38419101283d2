"""Entity labels on demand (frontlines/nlp/entities.py) are the labels the full pipeline gives, the recogniser
reads only the sentences asked about, and the place finder asks only where a label can change its answer
(frontlines/extract/place_labels.py, `weak_evidence`). The texts are written here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from frontlines.extract.places import find_places, iter_places
from frontlines.nlp import pipeline as spacy_pipeline
from frontlines.nlp.docs import bare
from frontlines.nlp.entities import LazyEntities
from frontlines.nlp.ruler import parse

# several sentences each, with entities at sentence starts and ends, so that a sentence's context matters
TEXTS = (
    "Syrian army troops recaptured the villages of Khan Tuman, Zitan and Barna on Monday after heavy clashes "
    "with Jabhat Fateh al-Sham, SANA reported. Russian warplanes struck Maarat al-Numan. Idlib city was "
    "shelled on 3 November 2016, killing 12 people, the Syrian Observatory for Human Rights said.",
    "Turkish-backed rebels withdrew from Azaz. Kurdish YPG fighters entered Tal Rifaat on Friday. John Smith, "
    "a British volunteer, was killed near Manbij. The Pentagon said 300 US soldiers stayed in Hasakah.",
    "Clashes broke out in Deir Ezzor. ISIS militants attacked positions of the 17th Division north of Raqqa "
    "late on Tuesday.\nSANA said the army repelled the attack. Ahmed al-Hassan, a commander, denied it.",
    "In Aleppo, regime forces shelled the Sheikh Maqsoud neighbourhood. Homs. Hama. Damascus. The Free Syrian "
    "Army said it captured 40 percent of Daraa al-Balad on 5 June, a gain worth $2 million to the group.",
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy_pipeline()


def _entities(doc: Any) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _full_labels(doc: Any) -> Callable[[int, int], set[str]]:
    ents = _entities(doc)
    return lambda start, end: {label for a, b, label in ents if a < end and start < b}


@pytest.mark.parametrize("text", TEXTS)
def test_labels_on_demand_are_the_full_pipeline_s(nlp: Any, text: str) -> None:
    [full] = parse(nlp, [bare(nlp.make_doc(text), 0, len(nlp.make_doc(text)))])
    [parsed] = parse(nlp, [bare(nlp.make_doc(text), 0, len(nlp.make_doc(text)))], entities=False)
    assert _entities(full), "the text has entities"
    assert not _entities(parsed)  # parsed without the recogniser
    lazy = LazyEntities(nlp.get_pipe("ner"), [(0, parsed)])
    reference = _full_labels(full)
    for token in full:  # every word's labels, and every entity's
        assert lazy(token.idx, token.idx + len(token)) == reference(token.idx, token.idx + len(token))
    for start, end, label in _entities(full):
        assert label in lazy(start, end)
    assert lazy.recognised == len(list(parsed.sents))


def test_the_recogniser_reads_only_the_sentences_asked_about(nlp: Any) -> None:
    text = TEXTS[1]
    [full] = parse(nlp, [text])
    [parsed] = parse(nlp, [text], entities=False)
    lazy = LazyEntities(nlp.get_pipe("ner"), [(0, parsed)])
    start, end = text.index("Tal Rifaat"), text.index("Tal Rifaat") + len("Tal Rifaat")
    assert lazy.recognised == 0
    assert lazy(start, end) == _full_labels(full)(start, end)
    assert lazy.recognised == 1  # one sentence of four read
    lazy(start, start + 3)  # the same sentence again: no new reading
    assert lazy.recognised == 1


def test_stretches_keep_their_offsets_and_text_outside_them_has_no_labels(nlp: Any) -> None:
    first, second = TEXTS[0], TEXTS[1]
    [a, b] = parse(nlp, [first, second], entities=False)
    # the second stretch lies further on in a document; what lies between them is unparsed
    offset = len(first) + 40
    lazy = LazyEntities(nlp.get_pipe("ner"), [(0, a), (offset, b)])
    [full_b] = parse(nlp, [second])
    for start, end, label in _entities(full_b):
        assert label in lazy(offset + start, offset + end)
    assert lazy(len(first) + 5, len(first) + 30) == set()


class _Counting:
    """Entity labels that count how often they are read."""

    def __init__(self, labels: Callable[[int, int], set[str]]) -> None:
        self.labels = labels
        self.reads = 0

    def __call__(self, start: int, end: int) -> set[str]:
        self.reads += 1
        return self.labels(start, end)


def _known(*names: str) -> Callable[[str], bool]:
    return lambda name: name in names


@pytest.mark.parametrize(
    "labels", [lambda s, e: set(), lambda s, e: {"GPE"}, lambda s, e: {"PERSON"}, lambda s, e: {"DATE"}]
)
def test_a_known_name_after_a_preposition_is_a_place_whatever_the_labels(labels: Any) -> None:
    text = "Government forces shelled rebel positions in Kafr Nabl on Monday."
    counting = _Counting(labels)
    found = find_places(text, 0, len(text), (), counting, _known("Kafr Nabl"))
    assert [p.text for p in found] == ["Kafr Nabl"]
    assert counting.reads == 0  # the labels could not change the answer: not read


def test_an_unknown_name_without_a_preposition_is_no_place_and_reads_no_label() -> None:
    text = "Government forces said Zorblat Qarnu was responsible."
    counting = _Counting(lambda s, e: {"GPE"})
    assert find_places(text, 0, len(text), (), counting, _known()) == []
    assert counting.reads == 0


def test_labels_are_read_where_they_decide() -> None:
    text = "Rebels attacked army positions in Zorblat Qarnu on Monday."  # unknown, after a preposition
    person = _Counting(lambda s, e: {"PERSON"})
    date = _Counting(lambda s, e: {"DATE"})
    assert [p.text for p in find_places(text, 0, len(text), (), person, _known())] == ["Zorblat Qarnu"]
    assert find_places(text, 0, len(text), (), date, _known()) == []  # the model reads a date there
    assert person.reads >= 1 and date.reads >= 1


@pytest.mark.parametrize("text", TEXTS)
def test_places_with_labels_on_demand_are_those_with_every_label(nlp: Any, text: str) -> None:
    [full] = parse(nlp, [text])
    [parsed] = parse(nlp, [text], entities=False)
    lazy = LazyEntities(nlp.get_pipe("ner"), [(0, parsed)])
    known = _known("Khan Tuman", "Zitan", "Azaz", "Manbij", "Raqqa", "Aleppo", "Homs", "Daraa al-Balad")
    for sentence in full.sents:
        start, end = sentence.start_char, sentence.end_char
        assert find_places(text, start, end, (), lazy, known) == find_places(
            text, start, end, (), _full_labels(full), known
        )


def test_iter_places_gives_find_places_one_at_a_time() -> None:
    text = "Troops entered the villages of Zitan, Barna and Khalsa, east of Aleppo, on Monday."
    every = find_places(text, 0, len(text), (), lambda s, e: set(), _known("Aleppo"))
    assert len(every) == 4
    assert list(iter_places(text, 0, len(text), (), lambda s, e: set(), _known("Aleppo"))) == every
    first = next(iter_places(text, 0, len(text), (), lambda s, e: set(), _known("Aleppo")))
    assert first == every[0]


def _eager_rule(
    n_words: int, preposition: bool, known: bool, proven: bool, labels: set[str], cue: bool
) -> Any:
    """The weak evidence as the place finder read it before labels were read on demand (every label read)."""
    from frontlines.extract.place_labels import NOT_PLACE_LABELS, PLACE_LABELS

    evidence = None
    if labels & PLACE_LABELS:
        evidence = "entity"
    elif known:
        evidence = "gazetteer"
    elif preposition and n_words <= 5 and not ("PERSON" in labels and cue):
        evidence = "preposition"
    if evidence in ("entity", "preposition") and labels & NOT_PLACE_LABELS:
        evidence = None
    if evidence == "entity" and not preposition:
        evidence = "gazetteer" if proven else None
    return evidence


def test_weak_evidence_is_the_eager_rule_reading_fewer_labels() -> None:
    """Every combination: the same place or none as reading every label (the evidence kind may read
    "gazetteer" for "entity"), labels read only where they decide; the one exception is a head word holding a
    place entity and a date entity at once."""
    import itertools

    from frontlines.extract.place_labels import weak_evidence

    label_sets = [set(), {"GPE"}, {"LOC"}, {"PERSON"}, {"DATE"}, {"ORG"}, {"GPE", "DATE"}]
    for n, prep, known, proven, cue in itertools.product((1, 2, 6), *[(False, True)] * 4):
        if n == 1 and known != proven:
            continue  # a single word is known only by a close match
        for labels in label_sets:
            got = weak_evidence(n, _const(prep), known, _const(proven), _const(labels), _const(cue))
            want = _eager_rule(n, prep, known, proven, labels, cue)
            if labels == {"GPE", "DATE"} and known and (prep or proven):
                continue  # the documented exception: two entities in one word, labels not read
            assert (got is None) == (want is None), (n, prep, known, proven, cue, labels)
            assert got == want or (got, want) == ("gazetteer", "entity")
        if known and (prep or proven):
            assert weak_evidence(n, _const(prep), known, _const(proven), _unread, _const(cue)) == "gazetteer"
        if not (known or prep or proven):
            assert weak_evidence(n, _const(prep), known, _const(proven), _unread, _const(cue)) is None


def _const(value: Any) -> Callable[[], Any]:
    return lambda: value


def _unread() -> set[str]:
    raise AssertionError("labels read where they cannot change the answer")


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # "the sources of fire in A" are where fire came from, not the sources of a report
        ("Army units responded to the sources of fire in Kafr Nabl on Monday.", ["Kafr Nabl"]),
        # a report's sources and their place: none of the event's
        ("Activists in Kafr Nabl said jets struck the area.", []),
        # people an event befell are no source: the place after them is the event's
        ("Security forces arrested activists in Kafr Nabl on Monday.", ["Kafr Nabl"]),
    ],
)
def test_a_source_s_place_is_none_of_the_event_s(text: str, places: list[str]) -> None:
    found = find_places(text, 0, len(text), (), lambda s, e: set(), _known("Kafr Nabl"))
    assert [p.text for p in found] == places
