"""The pipeline in several processes on one machine (`frontlines extract --workers N`).

Each worker process builds its own :class:`~frontlines.pipeline.Pipeline` once, from the configuration the
parent sends it as JSON (:meth:`frontlines.config.PipelineConfig.to_dict`), so the spaCy model is loaded once
per process and the worker refuses to run if it would build another pipeline version. Documents go to the
workers in chunks of ``batch_size``; at most two chunks per worker are in flight, so memory stays flat on any
number of documents. Results come back in input order, as from ``Pipeline.run``: the same events, whatever the
number of workers. A document a stage fails on is given to ``on_failure`` as ``Pipeline.run`` would. A worker
process that dies (killed, out of memory) breaks the pool: the run stops with :class:`WorkerDied`, and the
documents not yet stored are extracted by the next run.

Workers are started with ``spawn``: a fresh interpreter, nothing inherited from the parent's state.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from frontlines.config import PipelineConfig
from frontlines.records import Document, Event, StageFailure

OnFailure = Callable[[StageFailure], None]
Outcome = list[Event] | StageFailure  # what became of one document

_pipeline: Any = None  # the worker process's Pipeline, built once by _start


def _start(config: dict[str, Any]) -> None:
    global _pipeline
    from frontlines.pipeline import Pipeline

    _pipeline = Pipeline.from_dict(config)


def _run_chunk(documents: list[Document]) -> list[Outcome]:
    """In a worker: the events or the failure of every document of a chunk, in order."""
    return outcomes(_pipeline, documents)


def outcomes(pipeline: Any, documents: list[Document]) -> list[Outcome]:
    """The events or the failure of every document, in order (``Pipeline.run`` leaves failed ones out and
    yields the others in order; a stage may hand back a document enriched, such as with its slant, so they are
    matched by id and source, not by identity)."""
    failures: list[StageFailure] = []
    done = iter(list(pipeline.run(documents, on_failure=failures.append)))
    failed = iter(failures)
    out: list[Outcome] = []
    following = next(done, None)
    for document in documents:
        if following is not None and (following[0].id, following[0].source_uri) == (document.id, document.source_uri):
            out.append(following[1])
            following = next(done, None)
        else:
            out.append(next(failed))
    return out


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_in_processes(
    config: PipelineConfig,
    documents: Iterable[Document],
    workers: int,
    on_failure: OnFailure,
) -> Iterator[tuple[Document, list[Event]]]:
    """(document, events) for every document, in input order, extracted by ``workers`` processes."""
    context = multiprocessing.get_context("spawn")
    start = (config.to_dict(),)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=start) as pool:
        pending: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
        for chunk in _chunks(documents, max(1, config.batch_size)):
            pending.append((chunk, pool.submit(_run_chunk, chunk)))
            while len(pending) >= 2 * workers:
                yield from _collect(*pending.popleft(), on_failure)
        while pending:
            yield from _collect(*pending.popleft(), on_failure)


def _collect(
    chunk: list[Document], future: Future[list[Outcome]], on_failure: OnFailure
) -> Iterator[tuple[Document, list[Event]]]:
    try:
        results = future.result()
    except BrokenProcessPool as exc:
        raise WorkerDied("a worker process died (killed, or out of memory); the run stops here") from exc
    for document, outcome in zip(chunk, results, strict=True):
        if isinstance(outcome, StageFailure):
            on_failure(outcome)
        else:
            yield document, outcome


class WorkerDied(RuntimeError):
    """A worker process ended without answering: the documents it held are not extracted (the next run takes
    them again)."""
