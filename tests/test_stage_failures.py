"""A stage that fails on one document, as a specification: that document gets a recorded problem (kind
`stage_error`, the stage and the exception in its reason), the other documents of the batch get their events,
the document is not marked extracted, and the next `extract` tries it again (and clears the problem).

The faults are injected by wrapping one stage so that it raises on one chosen document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import frontlines.pipeline
from frontlines.cli import app
from frontlines.ingest import document_id
from frontlines.pipeline import Pipeline, StageError
from frontlines.records import STAGE_ERROR, Document
from frontlines.store import Store
from frontlines.workflow import extract_into

TEXTS = (
    "Syrian army troops recaptured the village of Khan Tuman on Sunday, SANA reported.",
    "Rebel fighters shelled the town of Nubl on Monday, local sources said.",
    "Kurdish forces took the village of Tal Rifaat on Wednesday, the SDF said.",
)
BAD = 1  # the document the faulty stage fails on


class Fault(RuntimeError):
    """The injected failure."""


def _documents() -> list[Document]:
    return [Document(id=document_id(t), text=t, source_uri=f"test:{i}") for i, t in enumerate(TEXTS)]


def _failing(real: Callable[..., Any], is_bad: Callable[[Any], bool]) -> Callable[..., Any]:
    def stage(first: Any, *args: Any, **kwargs: Any) -> Any:
        if is_bad(first):
            raise Fault("injected failure")
        return real(first, *args, **kwargs)

    return stage


def _bad_id() -> str:
    return _documents()[BAD].id


def _break_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy fails on any batch holding the bad document (as it did on a text over its max_length)."""
    real = frontlines.pipeline.analyse

    def analyse(documents: list[Document], *args: Any, **kwargs: Any) -> Iterator[Any]:
        if any(d.id == _bad_id() for d in documents):
            raise Fault("injected failure")
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(frontlines.pipeline, "analyse", analyse)


def _break_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    real = frontlines.pipeline.extract
    monkeypatch.setattr(frontlines.pipeline, "extract", _failing(real, lambda a: a.document.id == _bad_id()))


def _break_events(monkeypatch: pytest.MonkeyPatch) -> None:
    real = frontlines.pipeline.build_events
    is_bad = lambda m: m.analysis.document.id == _bad_id()  # noqa: E731
    monkeypatch.setattr(frontlines.pipeline, "build_events", _failing(real, is_bad))


def _break_store(monkeypatch: pytest.MonkeyPatch) -> None:
    real = Store.replace_events

    def replace_events(self: Store, doc: Document, *args: Any) -> None:
        if doc.id == _bad_id():
            raise ValueError("injected failure")
        real(self, doc, *args)

    monkeypatch.setattr(Store, "replace_events", replace_events)


BREAKS = {"nlp": _break_nlp, "extract": _break_extract, "events": _break_events, "store": _break_store}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "fail.db") as store:
        for document in _documents():
            store.add_document(document)
        yield store


@pytest.mark.parametrize("stage", sorted(BREAKS))
def test_a_stage_failing_on_one_document_fails_only_that_document_and_is_retried(
    stage: str, store: Store, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = [d.id for d in _documents()]
    with monkeypatch.context() as patch:
        BREAKS[stage](patch)
        summary = extract_into(store, pipeline)
    assert (summary.documents, summary.failed) == (2, 1)
    assert {e["doc_id"] for e in store.events()} == {ids[0], ids[2]}
    [problem] = store.problems()
    assert (problem["kind"], problem["doc_id"], problem["source_uri"]) == (STAGE_ERROR, ids[BAD], "test:1")
    error = "ValueError" if stage == "store" else "Fault"
    assert f"the {stage} stage failed on this document ({error}: injected failure)" in problem["reason"]
    assert store.pending_extraction(pipeline.version) == [ids[BAD]]  # not marked extracted

    again = extract_into(store, pipeline)  # the fault is gone
    assert (again.documents, again.failed) == (1, 0)
    assert {e["doc_id"] for e in store.events()} == set(ids)
    assert store.pending_extraction(pipeline.version) == []
    assert store.problems() == []  # the document's stage error is cleared once it extracts


def test_the_same_failure_again_counts_as_seen_twice(
    store: Store, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_events(monkeypatch)
    extract_into(store, pipeline)
    extract_into(store, pipeline)
    [problem] = store.problems()
    assert problem["times_seen"] == 2


def test_spacy_failing_a_batch_leaves_the_other_documents_of_the_batch_alone(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All three documents are one spaCy batch; the batch fails, so each is parsed again on its own."""
    assert pipeline.settings.batch_size >= len(TEXTS)
    _break_nlp(monkeypatch)
    failures: list[Any] = []
    done = [d.id for d, _ in pipeline.run(_documents(), on_failure=failures.append)]
    assert done == [_documents()[0].id, _documents()[2].id]
    assert [(f.doc_id, f.stage, f.error) for f in failures] == [(_bad_id(), "nlp", "Fault")]


def test_without_a_failure_handler_the_failure_is_raised_with_its_stage(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_events(monkeypatch)
    with pytest.raises(StageError, match="the events stage failed") as raised:
        pipeline.extract_document(_documents()[BAD])
    assert isinstance(raised.value.__cause__, Fault)


def test_errors_lists_the_failure_and_extract_says_so(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reports").mkdir()
    for i, text in enumerate(TEXTS):
        (tmp_path / "reports" / f"r{i}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "cli.db"
    monkeypatch.setattr("frontlines.cli.commands.make_pipeline", lambda store, settings: pipeline)
    is_bad = lambda m: "Nubl" in m.analysis.document.text  # noqa: E731
    monkeypatch.setattr(
        frontlines.pipeline, "build_events", _failing(frontlines.pipeline.build_events, is_bad)
    )
    runner = CliRunner()
    extracted = runner.invoke(app, ["--db", str(db), "extract", str(tmp_path / "reports"), "-f", "jsonl"])
    assert extracted.exit_code == 0, extracted.output
    assert "1 documents failed" in extracted.output
    errors = runner.invoke(app, ["--db", str(db), "errors", "-f", "jsonl"])
    assert errors.exit_code == 0 and STAGE_ERROR in errors.output and "r1.txt" in errors.output


def test_a_failure_reason_is_one_line_and_bounded() -> None:
    from frontlines.records import StageFailure

    document = _documents()[0]
    failure = StageFailure.of(document, "nlp", Fault("x" * 1_000 + "\nsecond line"))
    assert "\n" not in failure.reason and len(failure.message) == 300
    assert dataclasses.replace(failure, message="").reason.startswith(
        "the nlp stage failed on this document (Fault)"
    )
