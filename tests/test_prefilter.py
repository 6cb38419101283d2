"""Parse only what needs parsing, as a specification: the cheap pass leaves out of the parse the sentences that
cannot give an event, and the events are those of parsing everything.

The reports are written here. Each exercises something the other stages read from sentences that are not parsed:
attribution carried across sentences, a headline, a photo caption, background, an actor named in an earlier
sentence for a generic label, the previous event's actor for "the forces".
"""

from __future__ import annotations

import datetime as dt

import pytest

from frontlines.extract.triggers import find_triggers
from frontlines.nlp import Analysis, analyse
from frontlines.nlp import pipeline as spacy_pipeline
from frontlines.nlp.prefilter import TriggerWords
from frontlines.pipeline import Pipeline
from frontlines.records import Document, to_dict
from frontlines.settings import Settings

REPORTS = {
    "attribution across sentences": (
        "The weather in the north was cold on Sunday. SANA said the army had a busy day. The agency added "
        "that Syrian army troops recaptured the village of Khan Tuman after clashes with Jabhat Fateh al-Sham."
    ),
    "headline and caption": (
        "Army recaptures Khan Tuman\n\nSyrian troops recaptured the village of Khan Tuman on Monday, a field "
        "commander said.\n\nSyrian soldiers pose for a picture in Khan Tuman (Photo: SANA)\n\nThe road "
        "to the south is open again."
    ),
    "background": (
        "Since March 2011 the war has displaced millions. Rebels shelled the town of Nubl on Tuesday, killing "
        "three civilians, local activists said. The town had been besieged since 2012."
    ),
    "a generic label and the previous event": (
        "Ahrar al-Sham controls much of the countryside. The terrorists shelled the village of Zitan on "
        "Wednesday. Government forces then stormed Zitan. The forces have now tightened the siege on Barna."
    ),
    "no event at all": "The talks went on for a week. Nobody could say when they would end.",
}


def _document(text: str) -> Document:
    return Document(
        id=f"test-{abs(hash(text))}",
        text=text,
        source_uri="test:report",
        title=text.split("\n", 1)[0] if "\n" in text else None,
        outlet="Test Wire",
        published=dt.date(2016, 2, 8),
    )


@pytest.fixture(scope="module")
def pipelines() -> dict[bool, Pipeline]:
    return {flag: Pipeline(Settings(prefilter=flag)) for flag in (True, False)}


def _analysis(pipeline: Pipeline, document: Document) -> Analysis:
    [analysis] = list(pipeline._analyses([document]))
    return analysis


@pytest.mark.parametrize("name", REPORTS)
def test_the_events_are_those_of_parsing_everything(pipelines: dict[bool, Pipeline], name: str) -> None:
    document = _document(REPORTS[name])
    on, off = (pipelines[flag].extract_document(document) for flag in (True, False))
    # the one designed difference: the slant model reads parsed sentences only (ADR 0017), so its spans in a
    # sentence the pre-filter leaves unparsed exist only when everything is parsed
    unparsed = [(s.start, s.end) for s in _analysis(pipelines[True], document).sentences if not s.parsed]
    expected = [_without_model_spans(to_dict(e), unparsed) for e in off]
    assert [to_dict(e) for e in on] == expected
    if name != "no event at all":
        assert on, "the report gives events"


def _without_model_spans(event: dict, unparsed: list[tuple[int, int]]) -> dict:
    def kept(span: dict) -> bool:
        inside = any(start <= span["start"] and span["end"] <= end for start, end in unparsed)
        return not (span["rule"].startswith("model:") and inside)

    claim = dict(event["claim"], slant=[span for span in event["claim"]["slant"] if kept(span)])
    return dict(event, claim=claim)


def test_the_slant_model_reads_parsed_sentences_only(pipelines: dict[bool, Pipeline]) -> None:
    document = _document(REPORTS["a generic label and the previous event"])
    first = document.text.index(".")  # "Ahrar al-Sham controls ...": no trigger, left unparsed
    events = pipelines[True].extract_document(document)
    rules = [s["rule"] for e in events for s in to_dict(e)["claim"]["slant"] if s["end"] <= first]
    assert not any(rule.startswith("model:") for rule in rules)
    assert any(s["rule"].startswith("labels:") for e in events for s in to_dict(e)["claim"]["slant"])


def test_sentences_without_a_trigger_are_not_parsed(pipelines: dict[bool, Pipeline]) -> None:
    analysis = _analysis(pipelines[True], _document(REPORTS["attribution across sentences"]))
    parsed = {s.span.text.split()[1]: s.parsed for s in analysis.sentences}
    assert parsed == {"weather": False, "said": False, "agency": True}
    weather = analysis.sentences[0].span
    assert [t.dep_ for t in weather] == [""] * len(weather) and not weather.ents  # tokens only


def test_an_unparsed_sentence_still_carries_its_attribution(pipelines: dict[bool, Pipeline]) -> None:
    analysis = _analysis(pipelines[True], _document(REPORTS["attribution across sentences"]))
    said, added = analysis.sentences[1], analysis.sentences[2]
    assert not said.parsed and said.attribution.sources == ("SANA",)
    assert added.parsed and added.attribution.sources == ("SANA",)  # "The agency added": the source goes on
    [event] = pipelines[True].extract_document(_document(REPORTS["attribution across sentences"]))
    assert event.claim.source_chain == ("SANA", "Test Wire")


def test_headlines_and_captions_are_never_parsed(pipelines: dict[bool, Pipeline]) -> None:
    analysis = _analysis(pipelines[True], _document(REPORTS["headline and caption"]))
    flags = [(s.headline, s.caption, s.parsed) for s in analysis.sentences]
    # the headline (which may also read as page furniture) and the photo caption are never parsed
    assert any(headline and not parsed for headline, _, parsed in flags)
    assert (False, True, False) in flags
    assert (False, False, True) in flags


def test_offsets_index_the_whole_text_when_pieces_are_joined(pipelines: dict[bool, Pipeline]) -> None:
    document = _document(REPORTS["a generic label and the previous event"])
    analysis = _analysis(pipelines[True], document)
    assert analysis.doc.text == document.text
    for sentence in analysis.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.span.text


def test_the_prefilter_works_within_sections_of_a_long_document() -> None:
    text = "\n\n".join([REPORTS["background"], REPORTS["no event at all"]] * 20)
    document = _document(text)
    small = {flag: Pipeline(Settings(prefilter=flag, section_chars=1_000)) for flag in (True, False)}
    on, off = (small[flag].extract_document(document) for flag in (True, False))
    assert [to_dict(e) for e in on] == [to_dict(e) for e in off] and on
    analysis = _analysis(small[True], document)
    assert len(analysis.sections) > 1 and analysis.doc.text == text


# ------------------------------------------------------------------------------------------- trigger words


@pytest.fixture(scope="module")
def words(pipelines: dict[bool, Pipeline]) -> TriggerWords:
    lexicon = pipelines[True].lexicon
    return TriggerWords(spacy_pipeline(), lexicon.lemmas.keys(), (w for w, _ in lexicon.phrases))


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("troops recaptured the town", True),  # an inflected lemma
        ("heavy shelling hit the town", True),
        ("clashes erupted", True),  # a plural noun
        ("rebels took control of the town", True),  # a phrase, on lemmas: "take control"
        ("the talks went on for a week", False),
        ("nobody could say when they would end", False),
    ],
)
def test_trigger_words_are_found_in_any_form(words: TriggerWords, sentence: str, expected: bool) -> None:
    assert words.in_words(sentence.split()) is expected


SENTENCES = (
    "Rebels shelled Nubl.", "The army stormed the hill overnight.", "Warplanes bombed the market.",
    "Fighters seized weapons and ammunition.", "They were killed in an ambush.", "Police arrested dozens.",
    "Protesters gathered in the square.", "A car bomb exploded near the checkpoint.", "The SDF took over Tabqa.",
    "Government forces regained full control of the district.", "Militants were pushed back from the road.",
    "A suicide bomber blew himself up.", "The truce held.", "Snipers opened fire on the crowd.",
)  # fmt: skip


def test_no_sentence_with_a_trigger_of_the_full_parse_is_left_out(
    words: TriggerWords, pipelines: dict[bool, Pipeline]
) -> None:
    nlp = spacy_pipeline()
    lexicon = pipelines[True].lexicon
    checked = 0
    for doc in nlp.pipe(SENTENCES):
        for sent in doc.sents:
            if find_triggers(sent, lexicon):
                checked += 1
                assert words.in_words([t.lower_ for t in sent]), sent.text
    assert checked >= len(SENTENCES) - 2


def test_off_parses_every_sentence(pipelines: dict[bool, Pipeline]) -> None:
    analysis = _analysis(pipelines[False], _document(REPORTS["attribution across sentences"]))
    assert all(s.parsed for s in analysis.sentences)


def test_analyse_without_select_is_the_full_parse() -> None:
    document = _document(REPORTS["no event at all"])
    [analysis] = list(analyse([document], lambda text: []))
    assert all(s.parsed for s in analysis.sentences) and analysis.doc.has_annotation("DEP")


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "x"])
def test_empty_and_blank_texts_give_no_events(pipelines: dict[bool, Pipeline], text: str) -> None:
    document = Document(id=f"blank-{len(text)}", text=text, source_uri="test:blank")
    assert pipelines[True].extract_document(document) == [] == pipelines[False].extract_document(document)
