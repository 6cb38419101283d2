"""The slant stage in the pipeline, as a specification: on a report we wrote, and on the two shared sample
reports (read from ../shared when it is there, never copied): the loaded words and labels are found, and tied
to the events they describe; the `slant` setting turns the stage off; the packaged model is what its decision
record says."""

from __future__ import annotations

import json
import math
from importlib import resources
from pathlib import Path

import pytest

from frontlines.contract import check_row, event_row
from frontlines.ingest import ingest
from frontlines.pipeline import Pipeline
from frontlines.records import Document, Event
from frontlines.settings import Settings
from frontlines.slant.model import MODEL_FILE, Head, load_model

LL, NC = "Loaded_Language", "Name_Calling,Labeling"
INVENTED = (
    "Army liberates Tal Sheikh\n\n"
    "Heroic government troops liberated the village of Tal Sheikh in northern Aleppo on Sunday after fierce "
    "clashes with Takfiri terrorists of Jabhat al-Nusra, SANA reported.\n\n"
    "The weather in Damascus was mild.\n\n"
    "Jabhat al-Nusra extremists have been wreaking havoc in the region for years.\n"
)


def run(pipeline: Pipeline, text: str) -> tuple[Document, list[Event]]:
    document = Document(id="f" * 64, text=text, source_uri="invented.txt", outlet="Invented News")
    [(done, events)] = list(pipeline.run([document]))
    return done, events


def tied(event: Event) -> dict[str, str]:
    return {span.text.lower(): span.where for span in event.claim.slant}


def test_an_invented_reports_loaded_words_are_found_and_tied_to_its_event(pipeline: Pipeline) -> None:
    document, events = run(pipeline, INVENTED)
    assert document.slant is not None and document.slant.words > 30
    found = {(s.text.lower(), s.technique) for s in document.slant.spans}
    assert {
        ("liberated", LL),
        ("takfiri terrorists", NC),
        ("extremists", NC),
        ("wreaking havoc", LL),
    } <= found
    [event] = [e for e in events if e.place.location == "Tal Sheikh"]
    spans = tied(event)
    assert spans["liberated"] == "sentence" and spans["takfiri terrorists"] == "sentence"
    assert spans["extremists"] == "actor2"  # a sentence that names the event's rebel side
    assert "mild" not in " ".join(spans)  # the weather sentence names no actor of the event
    tones = {label.role: (label.label, label.tone) for label in event.claim.labels}
    assert tones["actor1"][1] == "neutral"
    row = event_row(event, document)
    check_row(row)
    assert any(item["text"] == "liberated" and item["rule"] == "cue:war-words" for item in row["slant"])


def test_with_the_slant_setting_off_nothing_is_found_and_the_pipeline_version_differs(
    pipeline: Pipeline,
) -> None:
    off = Pipeline(Settings(slant=False))
    document, events = run(off, INVENTED)
    assert document.slant is None
    assert events and all(e.claim.slant == () and e.claim.labels == () for e in events)
    row = event_row(events[0], document)
    assert row["slant"] == [] and row["actor1_label_tone"] is None
    check_row(row)
    assert off.version != pipeline.version


@pytest.mark.parametrize(
    ("sample", "words"),
    [
        ("presstv-aleppo-southwest.txt", {"terrorists", "takfiri", "extremists", "liberating"}),
        ("farsnews-aleppo-south.txt", {"terrorists", "terrorist group"}),
    ],
)
def test_the_samples_loaded_labels_are_found_and_tied_to_the_events_they_describe(
    shared_dir: Path, pipeline: Pipeline, sample: str, words: set[str]
) -> None:
    [document] = [d for d in ingest([str(shared_dir / "samples" / sample)]) if isinstance(d, Document)]
    [(done, events)] = list(pipeline.run([document]))
    assert done.slant is not None
    found = {s.text.lower() for s in done.slant.spans}
    assert words <= found, f"not found: {words - found}"
    tied_anywhere = {text for event in events for text in tied(event)}
    assert words <= tied_anywhere, f"found but tied to no event: {words - tied_anywhere}"
    for event in events:
        check_row(event_row(event, done))


def test_the_samples_pejorative_labels_are_marked_on_the_events_that_use_them(
    shared_dir: Path, pipeline: Pipeline
) -> None:
    [document] = [
        d
        for d in ingest([str(shared_dir / "samples" / "farsnews-aleppo-south.txt")])
        if isinstance(d, Document)
    ]
    [(_, events)] = list(pipeline.run([document]))
    labelled = {(label.label, label.tone) for e in events for label in e.claim.labels}
    assert ("terrorists", "pejorative") in labelled
    assert ("Syrian government forces", "neutral") in labelled


def test_the_packaged_model_is_small_documented_and_cross_validated() -> None:
    model = load_model()
    assert model.name.startswith("model:ptc-linear")
    assert 0 < model.threshold < 1
    assert len(model.span.weights) < 60_000 and model.name_calling.weights
    cv = model.meta["cross_validated"]
    assert cv["folds"] >= 5 and cv["threshold"] == model.threshold
    pair = cv["figures"]["Loaded_Language+Name_Calling,Labeling"]
    assert 0 < pair["f1"] < 1 and pair["gold"] > 1000
    assert pair["f1"] >= 0.32  # floor a little under the cross-validated 0.329 of model 3 (ADR 0017)
    assert model.extent is not None and model.low == cv["extent"] <= model.threshold
    assert len(model.meta["article_ids"]) == 103 and len(model.meta["data_sha256"]) == 64


@pytest.mark.parametrize(
    ("features", "z"),
    [([], -1.0), (["w=evil"], 1.0), (["w=evil", "pos=ADJ"], 1.5), (["w=unknown"], -1.0)],
)
def test_a_head_is_a_logistic_regression_over_the_features_present(features: list[str], z: float) -> None:
    head = Head(bias=-1.0, weights={"w=evil": 2.0, "pos=ADJ": 0.5})
    assert head.probability(features) == pytest.approx(1 / (1 + math.exp(-z)))


def test_the_fast_scorer_adds_up_exactly_the_features_the_model_was_trained_on() -> None:
    from frontlines.nlp import pipeline as spacy_pipeline
    from frontlines.slant.features import token_features

    doc = spacy_pipeline()(INVENTED + '\nHe called them "evil thugs" twice, twice. The evil thugs fled.')
    model = load_model()
    tokens, span_p, name_p = model.probabilities(doc)
    slow = list(token_features(doc))
    assert [w.idx for w in tokens] == [w.idx for w, _ in slow]
    for (_, features), fast_span, fast_name in zip(slow, span_p, name_p, strict=True):
        assert fast_span == pytest.approx(model.span.probability(features), abs=1e-9)
        assert fast_name == pytest.approx(model.name_calling.probability(features), abs=1e-9)


def test_the_scorer_caches_by_hashes_give_what_a_fresh_model_gives() -> None:
    from frontlines.nlp import pipeline as spacy_pipeline
    from frontlines.slant.features import quoted
    from frontlines.slant.model import Tokens, model_from_dict

    nlp = spacy_pipeline()
    first = nlp('The evil thugs fled. "They are evil," he said of the “thugs”, twice.')
    second = nlp("Evil thugs fled the evil town. They said: 'evil' thugs.")
    model = load_model()
    model.probabilities(first)
    fresh = model_from_dict(json.loads(resources.files("frontlines.slant").joinpath(MODEL_FILE).read_text()))
    assert model.probabilities(second)[1:] == fresh.probabilities(second)[1:]
    assert Tokens.of(first).quoted() == quoted([t.text for t in first if not t.is_space])


@pytest.mark.parametrize(
    ("value", "on"), [("false", False), ("0", False), ("off", False), ("yes", True), ("1", True)]
)
def test_the_slant_setting_reads_true_and_false_from_the_environment(value: str, on: bool) -> None:
    from frontlines.settings import load_settings

    assert load_settings(env={"FRONTLINES_SLANT": value, "FRONTLINES_CONFIG": "/nonexistent"}).slant is on


def test_a_slant_setting_that_is_neither_true_nor_false_is_refused() -> None:
    from frontlines.settings import load_settings

    with pytest.raises(ValueError, match="setting slant: 'maybe' is not a valid bool"):
        load_settings(env={"FRONTLINES_SLANT": "maybe", "FRONTLINES_CONFIG": "/nonexistent"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Anti-Gun", "Xxx-Xxx"), ("U.S.", "X.X."), ("evil", "xx"), ("1990s", "ddx"), ("’s", "’x")],
)
def test_a_words_shape_marks_capitals_small_letters_and_digits_with_runs_cut_to_two(
    text: str, expected: str
) -> None:
    from frontlines.slant.features import shape

    assert shape(text) == expected


def test_word_frequencies_rank_common_words_above_rare_ones_and_unlisted_words_as_rare() -> None:
    from frontlines.slant.features import ZIPF_EDGES, frequencies, frequency

    ranges = set(frequencies().values())
    assert ranges == {str(edge) for edge in ZIPF_EDGES}
    assert float(frequency("the")) > float(frequency("village")) > float(frequency("nefarious"))
    assert frequency("qwzxv") == "rare"


@pytest.mark.parametrize(
    ("lemma", "pos", "present", "absent"),
    [
        ("heretic", "NOUN", {"wl=noun.person"}, {"wnone"}),
        ("slander", "VERB", {"wl=verb.communication"}, {"wnone"}),
        ("absurd", "ADJ", {"wl=adj.all", "wa=foolish"}, {"wnone"}),
        ("qwzxv", "NOUN", {"wnone"}, {"wl=noun.person"}),
    ],
)
def test_words_get_their_wordnet_classes_and_unknown_words_none(
    lemma: str, pos: str, present: set[str], absent: set[str]
) -> None:
    from frontlines.slant.features import base_from, semantic

    classes = set(semantic(lemma, pos))
    assert present <= classes and not absent & classes
    assert semantic("the", "DET") == ()
    signature = (lemma, lemma, pos, "NN", "dobj", False, "xxxx")
    assert present <= set(base_from(signature))


def test_model_spans_need_a_found_content_word_and_join_its_phrase() -> None:
    from frontlines.nlp import pipeline as spacy_pipeline
    from frontlines.slant.model import LinearModel

    doc = spacy_pipeline()("The vile thugs came and went. Rain and wind followed.")
    weights = {"w=vile": 12.0, "w=and": 12.0}
    model = LinearModel("model:test", Head(-6.0, weights), Head(0.0, {}), 0.5, {})
    spans = model.spans(doc)
    # "and" is found each time but is no content word; "vile" takes in the noun after it
    assert [span.text for span in spans] == ["vile thugs"]
    assert spans[0].rule == "model:test" and spans[0].score > 0.99


def test_a_span_takes_its_extent_from_the_lower_bar_and_is_kept_only_if_a_token_reaches_the_higher() -> None:
    from frontlines.nlp import pipeline as spacy_pipeline
    from frontlines.slant.model import LinearModel

    doc = spacy_pipeline()("The vile mob raged. The weather was bleak.")
    # probabilities: vile ~0.98, raged ~0.73, bleak ~0.73, everything else ~0.0025
    weights = {"w=vile": 10.0, "w=raged": 7.0, "w=bleak": 7.0}
    model = LinearModel("model:test", Head(-6.0, weights), Head(0.0, {}), 0.9, {}, extent=0.5)
    assert model.low == 0.5
    # "raged" is found at the lower bar and joins "vile mob", which reaches the higher one; "bleak" alone does not
    assert [span.text for span in model.spans(doc)] == ["vile mob raged"]
    one_bar = LinearModel("model:test", Head(-6.0, weights), Head(0.0, {}), 0.9, {})
    assert one_bar.low == 0.9 and [span.text for span in one_bar.spans(doc)] == ["vile mob"]


def test_the_model_leaves_unparsed_sentences_to_the_cue_lists_and_labels_table() -> None:
    from frontlines.nlp import pipeline as spacy_pipeline
    from frontlines.slant import SlantFinder

    text = "Heroic troops liberated the village from the vile Takfiri terrorists."
    unparsed = spacy_pipeline().make_doc(text)  # tokens only, as the pre-filter leaves a sentence
    model = load_model()
    _, span_p, _ = model.probabilities(unparsed)
    assert span_p and set(span_p) == {0.0} and model.spans(unparsed) == []
    rules = {span.rule.split(":")[0] for span in SlantFinder().spans(unparsed)}
    assert rules == {"cue", "labels"}
    parsed = spacy_pipeline()(text)
    assert any(p > 0 for p in model.probabilities(parsed)[1])
