"""`extract --workers N`, as a specification: the same events as one process, each worker building the pipeline
from the configuration it is sent.

The reports are written here; one test starts two worker processes (each loads the spaCy model once).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.ingest import document_id
from frontlines.parallel import WorkerDied, _collect, outcomes
from frontlines.records import Document, Event, StageFailure

PLACES = ("Khan Tuman", "al-Eis", "Tal Hadiya", "Zitan", "Barna", "Qarassi", "Hardana", "Nubl")


def _reports(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {
                "id": f"r{i}",
                "outlet": "Test Wire",
                "published": f"2016-02-{i % 27 + 1:02d}",
                "text": f"Rebels shelled the village of {PLACES[i % len(PLACES)]} on Sunday, killing {i + 2} "
                f"civilians, local activists said. The talks went on. Syrian army troops recaptured "
                f"{PLACES[(i + 3) % len(PLACES)]} after clashes with Jabhat Fateh al-Sham.",
            }
        )
        for i in range(n)
    ]
    path = folder / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_workers_give_the_events_of_one(tmp_path: Path) -> None:
    corpus = _reports(tmp_path / "corpus", 10)
    runner = CliRunner()
    outputs = []
    for workers in ("1", "2"):
        db = tmp_path / f"w{workers}.db"
        args = ["--db", str(db), "extract", str(corpus), "-f", "jsonl", "--workers", workers]
        result = runner.invoke(app, args, env={"FRONTLINES_BATCH_SIZE": "3"})
        assert result.exit_code == 0, result.output
        outputs.append([json.loads(line) for line in result.stdout.splitlines()])
    assert outputs[0] == outputs[1]
    assert len({row["doc"] for row in outputs[0]}) == 10  # every report gave events


class _Pipeline:
    """A stand-in for Pipeline.run: fails the documents whose text says so, yields the others in order."""

    def run(
        self, documents: Iterable[Document], on_failure: Callable[[StageFailure], None]
    ) -> Iterator[tuple[Document, list[Event]]]:
        for document in documents:
            if "fail" in document.text:
                on_failure(StageFailure.of(document, "extract", ValueError(document.text)))
            else:
                yield document, []


def _doc(text: str, uri: str = "test:x") -> Document:
    return Document(id=document_id(text), text=text, source_uri=uri)


def test_each_document_gets_its_own_outcome_in_order() -> None:
    documents = [_doc("one"), _doc("fail two"), _doc("three"), _doc("fail four")]
    got = outcomes(_Pipeline(), documents)
    assert [isinstance(o, StageFailure) for o in got] == [False, True, False, True]
    assert [o.message for o in got if isinstance(o, StageFailure)] == ["fail two", "fail four"]


def test_documents_with_one_text_from_two_sources_are_told_apart() -> None:
    documents = [_doc("same", "a.txt"), _doc("fail", "b.txt"), _doc("same", "c.txt")]
    assert [isinstance(o, StageFailure) for o in outcomes(_Pipeline(), documents)] == [False, True, False]


def test_a_worker_that_dies_ends_the_run_with_a_reason() -> None:
    future: Future[list[object]] = Future()
    future.set_exception(BrokenProcessPool("gone"))
    with pytest.raises(WorkerDied, match="died"):
        list(_collect([_doc("one")], future, lambda failure: None))  # type: ignore[arg-type]
