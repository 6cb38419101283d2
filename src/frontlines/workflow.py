"""The jobs a user runs, as library functions (the CLI is a thin layer over these).

`ingest_into` streams sources through the ingest stage into the store; `extract_into` runs the pipeline over
stored documents that this pipeline version has not processed yet. Both commit one document at a time, so a
killed run loses at most the document in flight, and running the same job again finishes the work.

After a batch, `extract_into` runs the fuse stage over the whole store (frontlines.fuse.stored), so the
clusters follow the events.

`extract_into` claims each document before extracting it (store/claims.py), so two runs on one database share
the work; a stage that fails on a document records a `stage_error` problem for it and the run goes on, leaving
the document to be tried again by the next run.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from frontlines.config import PipelineConfig, load_gazetteer_files
from frontlines.corrections import Lookups, PlaceFacts
from frontlines.fuse.stored import FuseSummary, fuse_store
from frontlines.ingest import IngestOptions, ingest
from frontlines.parallel import run_in_processes
from frontlines.pipeline import Pipeline
from frontlines.records import Document, IngestProblem, StageFailure
from frontlines.resolve.gazetteer import Place
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.store.claims import new_holder

Progress = Callable[[str], None]


@dataclass(slots=True)
class IngestSummary:
    new_documents: int = 0
    known_documents: int = 0
    problems: int = 0
    warnings: int = 0
    doc_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(slots=True)
class ExtractSummary:
    documents: int = 0
    events: int = 0
    skipped_language: int = 0
    failed: int = 0  # documents a stage failed on: recorded as problems, tried again by the next run
    claimed_elsewhere: int = 0  # documents another running extraction had claimed
    seconds: float = 0.0
    fusion: FuseSummary | None = None  # the fuse stage's run after the batch (None: nothing new to fuse)
    fusion_error: str | None = None  # why that run failed (the events are stored; `frontlines fuse` retries)


def ingest_options(settings: Settings) -> IngestOptions:
    return IngestOptions(
        max_bytes=settings.max_bytes,
        timeout_s=settings.fetch_timeout,
        deadline_s=settings.fetch_deadline,
        user_agent=settings.user_agent,
    )


def ingest_into(
    store: Store, sources: Iterable[str], settings: Settings, progress: Progress | None = None
) -> IngestSummary:
    """Ingest sources into the store; every problem is recorded, none stops the batch."""
    summary = IngestSummary()
    started = time.perf_counter()
    for item in ingest(sources, ingest_options(settings)):
        if isinstance(item, IngestProblem):
            store.add_problem(item)
            if item.fatal:
                summary.problems += 1
            else:
                summary.warnings += 1
            label = item.source_uri
        else:
            result = store.add_document(item)
            if result.new:
                summary.new_documents += 1
            else:
                summary.known_documents += 1
            if result.doc_id not in summary.doc_ids:
                summary.doc_ids.append(result.doc_id)
            label = item.source_uri
        if progress:
            progress(label)
    summary.seconds = time.perf_counter() - started
    return summary


def user_places(store: Store) -> list[Place]:
    """Gazetteer entries users added to this database."""
    return [Place(**{**row, "alt_names": tuple(row.get("alt_names") or ())}) for row in store.user_places()]


def settings_places(settings: Settings) -> list[Place]:
    """Places of the gazetteer files named in the settings: GeoNames dumps (.txt, tab-separated), OCHA P-code
    tables (.csv with admin columns) or CSVs in the packaged gazetteer's own columns."""
    return load_gazetteer_files(settings.gazetteer_files)


def correction_lookups(store: Store, settings: Settings) -> Lookups:
    """What a correction is checked against: the gazetteer (the packaged one, the settings' files and this
    database's user places) and the actor table (with the settings' file), each loaded on first use."""
    from frontlines.resolve.actors import ActorTable
    from frontlines.resolve.gazetteer import Gazetteer, place_precision

    extra = user_places(store)

    @functools.cache
    def gazetteer() -> Gazetteer:
        return Gazetteer.default().with_places(settings_places(settings) + extra)

    @functools.cache
    def actors() -> ActorTable:
        table = ActorTable.default()
        return table.with_file(settings.actors_file) if settings.actors_file else table

    def place(place_id: str) -> PlaceFacts | None:
        found = gazetteer().get(place_id)
        if found is None:
            return None
        return PlaceFacts(found.name, found.admin1, found.lat, found.lon, place_precision(found))

    def actor_name(actor_id: str, on: dt.date | None) -> str | None:
        table = actors()
        return table.name_at(actor_id, on) if actor_id in table else None

    return Lookups(place=place, actor_name=actor_name)


def make_pipeline(store: Store, settings: Settings) -> Pipeline:
    """The pipeline of the settings (their gazetteer files among them) with this database's user places, which
    win over the files' (see frontlines.config)."""
    return Pipeline(PipelineConfig.from_settings(settings, places=user_places(store)))


def extract_into(
    store: Store,
    pipeline: Pipeline,
    doc_ids: Sequence[str] | None = None,
    force: bool = False,
    progress: Progress | None = None,
    workers: int = 1,
) -> ExtractSummary:
    """Run the pipeline over stored documents (the given ones, else every one not yet extracted by this
    pipeline version) and store their events, one transaction per document. A document another run has
    claimed is left to it; a document a stage fails on is recorded as a problem and left for the next run.
    With ``workers`` > 1 the pipeline runs in that many processes (frontlines.parallel); this process claims
    the documents and stores the events, in the same order, so the result is the same."""
    summary = ExtractSummary()
    started = time.perf_counter()
    pending = store.pending_extraction(pipeline.version)
    if doc_ids is None:
        ids = [d["id"] for d in store.documents()] if force else pending
    else:
        waiting = set(pending)
        ids = [d for d in doc_ids if force or d in waiting]
    holder = new_holder()
    lease = pipeline.settings.lease_seconds
    renewed = time.monotonic()

    def claimed() -> Iterator[Document]:
        for doc_id in ids:
            if not store.claim(doc_id, holder, pipeline.version, lease, force=force):
                summary.claimed_elsewhere += 1
                continue
            document = store.get_document(doc_id)
            if document is not None:
                yield document

    def failed(failure: StageFailure) -> None:
        summary.failed += 1
        store.add_problem(failure.problem())
        store.release_claims(holder, failure.doc_id)
        if progress:
            progress(failure.source_uri)

    try:
        if workers > 1:
            results = run_in_processes(pipeline.config, claimed(), workers, on_failure=failed)
        else:
            results = pipeline.run(claimed(), on_failure=failed)
        for document, events in results:
            try:
                store.replace_events(document, events, pipeline.version)
            except store.failures:
                raise  # the database itself (locked, full, unreachable): every document would fail
            except Exception as exc:  # this document's events could not be stored
                failed(StageFailure.of(document, "store", exc))
                continue
            summary.documents += 1
            summary.events += len(events)
            if not pipeline.supports(document):
                summary.skipped_language += 1
            if progress:
                progress(document.source_uri)
            if time.monotonic() - renewed > lease / 4:
                store.renew_claims(holder, lease)
                renewed = time.monotonic()
    finally:
        store.release_claims(holder)
    if summary.documents:
        fuse_after(store, summary)
    summary.seconds = time.perf_counter() - started
    return summary


def fuse_after(store: Store, summary: ExtractSummary) -> None:
    """The fuse stage over the whole store once a batch is stored; a failure is reported in the summary
    (the events stay stored, and `frontlines fuse` runs the stage again)."""
    try:
        summary.fusion = fuse_store(store)
    except store.failures:
        raise  # the database itself: the caller must know
    except Exception as exc:  # a bug in fusion must not hide the extraction that succeeded
        first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
        summary.fusion_error = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
