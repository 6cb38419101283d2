"""The event-location scorer and the ``evaluate`` entry point, on hand-written sentences."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.evaluate import (
    EvaluationReport,
    GoldReport,
    IngestLoader,
    LocationReport,
    detect_kind,
    evaluate,
)
from frontlines.evaluate.locations import PlaceSpan, predicted_places, score_event_locations
from frontlines.records import (
    Claim,
    DatePrecision,
    DateRef,
    Document,
    Event,
    IngestProblem,
    PlaceRef,
    Span,
)

SENTENCE = "Rebels shelled Tell Alpha and the town of al-Kafr near Hama on Monday."


def located(text: str, location: str, *, with_span: bool = True) -> Event:
    """An event at ``location`` (found in ``text``), with or without a character span for the place."""
    start = text.find(location)
    span = Span(start, start + len(location), location) if with_span and start >= 0 else None
    place = PlaceRef(location, None, None, None, None, None, 1, span=span)
    return Event(
        "e",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        DateRef(None, DatePrecision.DAY, 0, "publication"),
        None,
        None,
        place,
        None,
        Claim("d", (), (), 0.5),
        Span(0, len(text), text),
    )


def sentence_line(record_id: str, text: str, locations: list[str], source: str = "test") -> dict[str, Any]:
    spans = [{"label": "VERB", "start": 7, "end": 14, "text": text[7:14]}]
    for location in locations:
        start = text.index(location)
        spans.append({"label": "LOCATION", "start": start, "end": start + len(location), "text": location})
    return {"id": record_id, "source": source, "text": text, "spans": spans}


def write_lines(path: Path, lines: Iterable[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------------------- predictions


def test_predicted_places_use_the_span_or_find_the_text() -> None:
    events = [located(SENTENCE, "Tell Alpha"), located(SENTENCE, "al-Kafr", with_span=False)]
    assert predicted_places(SENTENCE, events) == (
        PlaceSpan("Tell Alpha", 15, 25),
        PlaceSpan("al-Kafr", 42, 49),
    )


def test_identical_predicted_places_are_counted_once() -> None:
    events = [located(SENTENCE, "Tell Alpha"), located(SENTENCE, "Tell Alpha", with_span=False)]
    assert len(predicted_places(SENTENCE, events)) == 1


def test_a_place_not_in_the_text_keeps_its_text_only() -> None:
    assert predicted_places(SENTENCE, [located(SENTENCE, "Idlib")]) == (PlaceSpan("Idlib"),)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (PlaceSpan("al-Kafr", 43, 50), PlaceSpan("Kafr", 46, 50), True),  # overlap
        (PlaceSpan("al-Kafr", 43, 50), PlaceSpan("Kafr"), True),  # same normalised text, no span
        (PlaceSpan("al-Kafr", 43, 50), PlaceSpan("Hama", 56, 60), False),
        (PlaceSpan("Hama", 56, 60), PlaceSpan("Hama", 0, 4), True),  # same text elsewhere still counts
    ],
)
def test_place_matching(gold: PlaceSpan, predicted: PlaceSpan, expected: bool) -> None:
    assert gold.matches(predicted) is expected


# -------------------------------------------------------------------------------------------- scoring


def test_recall_precision_and_per_source_figures(tmp_path: Path) -> None:
    other = "Troops stormed Deir Gamma after clashes in Kafr Beta."
    path = write_lines(
        tmp_path / "sentences.jsonl",
        [
            sentence_line("s1", SENTENCE, ["Tell Alpha", "al-Kafr"], source="A"),
            sentence_line("s2", other, ["Deir Gamma"], source="B"),
        ],
    )
    predictions = {"s1": [located(SENTENCE, "Tell Alpha"), located(SENTENCE, "Hama")], "s2": []}
    seen: list[Document] = []

    def extractor(document: Document) -> list[Event]:
        seen.append(document)
        return predictions[document.id]

    report = score_event_locations(path, extractor)
    assert [(d.id, d.text, d.fmt) for d in seen] == [("s1", SENTENCE, "jsonl"), ("s2", other, "jsonl")]
    assert (report.scores.recall.hits, report.scores.recall.total) == (1, 3)
    assert (report.scores.precision.hits, report.scores.precision.total) == (1, 2)
    assert report.by_source["A"].recall.value == 0.5
    assert report.by_source["B"].recall.value == 0.0
    assert report.by_source["B"].precision.value is None
    data = report.to_dict()
    assert [m["text"] for m in data["misses"]] == ["al-Kafr", "Deir Gamma"]
    assert [a["text"] for a in data["false_alarms"]] == ["Hama"]


# -------------------------------------------------------------------------------------------- evaluate()


def gold_line() -> dict[str, Any]:
    return {"doc": "r.txt", "outlet": None, "published": None, "events": [], "not_events": []}


def test_detect_kind_reads_the_fields(tmp_path: Path) -> None:
    assert detect_kind(write_lines(tmp_path / "g.jsonl", [gold_line()])) == "gold"
    sentences = write_lines(tmp_path / "e.jsonl", [sentence_line("s", SENTENCE, [])])
    assert detect_kind(sentences) == "event_locations"
    ptc = write_lines(tmp_path / "p.jsonl", [{"id": "1", "text": "x", "spans": [{"technique": "Doubt"}]}])
    assert detect_kind(ptc) == "ptc"  # an article of the Propaganda Techniques Corpus
    other = write_lines(tmp_path / "o.jsonl", [{"id": "1", "text": "x", "spans": [{"kind": "Doubt"}]}])
    with pytest.raises(ValueError, match="neither a gold file"):
        detect_kind(other)


def test_evaluate_scores_each_file_by_its_kind(tmp_path: Path) -> None:
    gold = write_lines(tmp_path / "g.jsonl", [gold_line()])
    sentences = write_lines(tmp_path / "e.jsonl", [sentence_line("s", SENTENCE, ["Tell Alpha"])])
    (tmp_path / "r.txt").write_text("A report.", encoding="utf-8")

    def loader(doc_ref: str, base_dir: Path) -> Document:
        return Document("d", (base_dir / doc_ref).read_text(encoding="utf-8"), doc_ref)

    def extractor(document: Document) -> list[Event]:
        return [located(document.text, "Tell Alpha")]

    report = evaluate([gold, sentences], extractor, base_dir=tmp_path, loader=loader)
    assert isinstance(report, EvaluationReport)
    assert [type(r) for r in report.reports] == [GoldReport, LocationReport]
    assert report.locations[0].f1 == 1.0
    assert report.gold[0].predictions == 1
    assert [r["kind"] for r in report.to_dict()["reports"]] == ["gold", "event_locations"]


# ------------------------------------------------------------------------------------ the ingest loader


@pytest.fixture
def fake_ingest(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace frontlines.ingest with a module whose ingest() yields two records and a warning."""
    calls: list[str] = []

    def ingest(sources: Iterable[str], options: object = None) -> Iterator[Document | IngestProblem]:
        for source in sources:
            calls.append(source)
            yield Document("h1", "first", f"{source}#L1", external_id="17", fmt="jsonl")
            yield IngestProblem(source, "language", "not English", fatal=False)
            yield Document("h2", "second", f"{source}#L2", url="https://example.org/a", fmt="feed")

    module = types.ModuleType("frontlines.ingest")
    module.ingest = ingest  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "frontlines.ingest", module)
    return calls


def test_ingest_loader_selects_by_external_id_or_url_and_ingests_once(fake_ingest: list[str]) -> None:
    load = IngestLoader()
    assert load("corpus.jsonl#17", Path("/base")).text == "first"
    assert load("corpus.jsonl#https://example.org/a", Path("/base")).text == "second"
    assert fake_ingest == ["/base/corpus.jsonl"]


@pytest.mark.parametrize("doc_ref", ["corpus.jsonl#99", "corpus.jsonl"])
def test_ingest_loader_refuses_an_ambiguous_reference(fake_ingest: list[str], doc_ref: str) -> None:
    with pytest.raises(ValueError, match="does not name one document"):
        IngestLoader()(doc_ref, Path("/base"))
