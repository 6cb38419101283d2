"""The sources of a document are found once over its text and handed to each sentence (frontlines.nlp
._DocumentSources): each sentence must get what finding them in the sentence alone gives."""

from __future__ import annotations

import re

from frontlines.nlp import _DocumentSources
from frontlines.nlp.attribution import NONE, SourceHit, attribute_sentence
from frontlines.pipeline import Pipeline

# a finder of our own: "SANA", and "Free Syrian Army" written over any white space, line breaks too
_NAMES = re.compile(r"SANA|Free\s+Syrian\s+Army")


def _find(text: str) -> list[SourceHit]:
    return [SourceHit(m.start(), m.end(), m.group(), m.group().split()[0]) for m in _NAMES.finditer(text)]


def test_a_sentence_gets_the_hits_inside_it_counted_from_its_start() -> None:
    text = "The army advanced, SANA said. Rebels withdrew. SANA added that roads reopened."
    sources = _DocumentSources(text, _find)
    first, third = (0, text.index(" Rebels")), (text.index("SANA added"), len(text))
    for start, end in (first, (first[1] + 1, third[0] - 1), third):
        assert list(sources.within(start, end)(text[start:end])) == _find(text[start:end])


def test_a_name_running_over_a_sentence_bound_leaves_the_sentence_to_be_read_alone() -> None:
    text = "Fighters of the Free\nSyrian Army held the hill."
    sources = _DocumentSources(text, _find)
    assert len(sources.hits) == 1  # found over the line break in the whole text
    start = text.index("Syrian")
    sentence = text[start:]
    assert sources.within(start, len(text)) is _find  # not the document's hit: the sentence's own reading
    assert list(sources.within(start, len(text))(sentence)) == []


def test_the_pipeline_attributes_each_sentence_as_its_own_words_do() -> None:
    text = (
        "Government forces recaptured the village of Kafr Nabl on Monday, SANA reported.\n\n"
        "The Syrian Observatory for Human Rights said rebels shelled Saraqib. It added that two civilians died.\n"
        "According to the Free Syrian Army, its fighters repelled an attack near Maarat al-Numan."
    )
    pipeline = Pipeline()
    sources = _DocumentSources(text, pipeline.find_sources)
    previous_alone = previous_whole = NONE
    for match in re.finditer(r"[^.\n]+[.]", text):
        start, end = match.span()
        alone = attribute_sentence(match.group(), start, previous_alone, pipeline.find_sources)
        whole = attribute_sentence(match.group(), start, previous_whole, sources.within(start, end))
        assert whole == alone
        previous_alone, previous_whole = alone, whole
    assert {h.name for h in sources.hits} >= {"SANA"}
