"""Corpus commands: ingest, extract, events, documents, errors, stats, correct, evaluate."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from frontlines.cli import FormatOption, app, err, open_store, progress_bar, state
from frontlines.cli.output import Format, emit
from frontlines.contract import FIELDS
from frontlines.workflow import extract_into, ingest_into, make_pipeline

EVENT_COLUMNS = (
    "event_date",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "place_id",
    "geo_precision",
    "fatalities",
    "source_chain",
)
Paths = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or http(s) URLs.")]


@app.command()
def ingest(paths: Paths) -> None:
    """Read reports into the database; bad inputs are recorded, never fatal.

    Example: frontlines ingest demo/corpus https://example.org/feed.xml
    """
    with open_store() as store, progress_bar("ingesting") as advance:
        summary = ingest_into(store, paths, state.settings, advance)
    err.print(
        f"ingested: {summary.new_documents} new, {summary.known_documents} already stored, "
        f"{summary.problems} problems, {summary.warnings} warnings ({summary.seconds:.1f}s)",
        highlight=False,
    )
    if summary.problems or summary.warnings:
        err.print("see `frontlines errors` for the reasons", highlight=False)


@app.command()
def extract(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Inputs to ingest first; none: every stored report.")
    ] = None,
    fmt: FormatOption = Format.table,
    force: Annotated[bool, typer.Option("--force", help="Re-extract documents already extracted.")] = False,
    out: Annotated[
        Path | None, typer.Option("--out", help="Also write the events (JSONL) to this file.")
    ] = None,
) -> None:
    """Extract events (ingesting PATHs first) and print them; the output contract is docs/output-contract.md.

    Example: frontlines extract ../shared/samples --format jsonl
    """
    with open_store() as store:
        doc_ids = None
        if paths:
            with progress_bar("ingesting") as advance:
                summary = ingest_into(store, paths, state.settings, advance)
            doc_ids = summary.doc_ids
            err.print(
                f"ingested: {summary.new_documents} new, {summary.known_documents} already stored",
                highlight=False,
            )
            if summary.problems:
                err.print(
                    f"{summary.problems} inputs could not be read: see `frontlines errors`", highlight=False
                )
        pipeline = make_pipeline(store, state.settings)
        with progress_bar("extracting") as advance:
            done = extract_into(store, pipeline, doc_ids, force=force, progress=advance)
        err.print(
            f"extracted: {done.events} events from {done.documents} documents ({done.seconds:.1f}s)",
            highlight=False,
        )
        if done.failed:
            err.print(
                f"{done.failed} documents failed (the next `frontlines extract` tries them again):"
                " see `frontlines errors`",
                highlight=False,
            )
        rows = store.events(doc_ids)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    emit(rows, fmt, FIELDS if fmt is not Format.table else EVENT_COLUMNS, title="events")


@app.command()
def events(fmt: FormatOption = Format.table) -> None:
    """List stored events, with analyst corrections applied.

    Example: frontlines events --format csv > events.csv
    """
    with open_store() as store:
        rows = store.events()
    emit(rows, fmt, FIELDS if fmt is not Format.table else EVENT_COLUMNS, title="events")


@app.command()
def documents(
    fmt: FormatOption = Format.table,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
) -> None:
    """List stored documents: id, title, outlet, date and where it came from.

    Example: frontlines documents --format json
    """
    with open_store() as store:
        rows = store.documents(limit)
    emit(rows, fmt, title="documents")


@app.command()
def errors(
    fmt: FormatOption = Format.table,
    warnings: Annotated[bool, typer.Option(help="Include non-fatal warnings.")] = True,
) -> None:
    """List why inputs (or parts of them) were not ingested or extracted, one reason per problem.

    Example: frontlines errors --format csv
    """
    with open_store() as store:
        rows = store.problems(include_warnings=warnings)
    emit(rows, fmt, ("source_uri", "kind", "reason", "fatal", "times_seen"), title="ingest problems")


@app.command()
def stats(fmt: FormatOption = Format.table) -> None:
    """Counts of documents, problems, events by type, unresolved places.

    Example: frontlines stats --format json
    """
    with open_store() as store:
        data: dict[str, Any] = dataclasses.asdict(store.stats())
        data["database"] = store.path
        data["schema_version"] = store.schema_version()
    data["settings"] = state.settings.source
    if fmt is Format.table:
        rows = [{"what": k, "value": v} for k, v in data.items()]
        emit(rows, fmt, ("what", "value"), title="frontlines")
    else:
        emit([data], fmt)


@app.command()
def correct(
    event_id: Annotated[str, typer.Argument(help="The event to correct.")],
    field: Annotated[str, typer.Argument(help="A field of the output contract, e.g. place_id.")],
    value: Annotated[str, typer.Argument(help='The new value, as JSON ("text" needs quotes) or plain text.')],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    author: Annotated[str | None, typer.Option(help="Who.")] = None,
) -> None:
    """Record an analyst correction; it is applied on read and survives re-extraction.

    Example: frontlines correct 3f2a9c1e0b fatalities 4 --note "SOHR count"
    """
    if field not in FIELDS:
        err.print(f"unknown field {field!r}; fields: {', '.join(FIELDS)}", highlight=False)
        raise typer.Exit(2)
    try:
        parsed: Any = json.loads(value)
    except json.JSONDecodeError:
        parsed = value
    with open_store() as store:
        store.add_correction(event_id, field, parsed, author=author, note=note)
    err.print(f"corrected {event_id}.{field}", highlight=False)


@app.command()
def evaluate(
    files: Annotated[list[Path] | None, typer.Argument(help="Gold (.jsonl) or event-location files.")] = None,
    fmt: FormatOption = Format.table,
    details: Annotated[bool, typer.Option(help="List misses and false alarms.")] = False,
) -> None:
    """Score the pipeline on gold files and event-location files; prints precision, recall, F1 per field.

    Without FILES: the demo gold, and ../shared/gold/*.jsonl and ../shared/eval/event-location-dev.jsonl
    when they exist.

    Example: frontlines evaluate ../shared/gold/samples.jsonl ../shared/eval/event-location-dev.jsonl
    """
    from frontlines.cli.evaluation import run_evaluation

    run_evaluation(files, fmt, details)
