"""Corpus commands: ingest, extract, events, documents, errors, stats, evaluate. Listings only read: they
open the database with ``create=False``."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from frontlines.cli import FormatOption, app, fail, notice, open_store, progress_bar, state
from frontlines.cli.output import Format, emit, json_lines
from frontlines.contract import FIELDS
from frontlines.corrections import NOT_AN_EVENT
from frontlines.parallel import WorkerDied
from frontlines.store import Store
from frontlines.workflow import extract_into, ingest_into, make_pipeline

# The events table, for people, readable at 80 columns: the id (cut where every stored id is still unique;
# `correct` and `history` accept it), the date, what happened (sub-event type; actor1 -> actor2; who says
# so), where (as written; governorate; "unresolved" when the gazetteer lacks it), deaths.
EVENT_TABLE = ("id", "date", "event", "place", "deaths")
LONGEST_TYPE_WORD = 26  # "Shelling/artillery/missile": the event column never breaks a sub-event type's word


def event_layout(id_width: int, console_width: int) -> dict[str, dict[str, Any]]:
    """Column widths for the events table: id, date and deaths as they are, the rest shared 3:2 between
    event and place (rich alone would break words mid-way or crop the table when it is narrow)."""
    room = console_width - id_width - 10 - 6 - 16  # date, deaths, borders and padding of five columns
    event = min(max(LONGEST_TYPE_WORD, room * 3 // 5), 60)
    place = min(max(room - event, 8), 40)
    return {
        "id": {"no_wrap": True, "width": id_width},
        "date": {"no_wrap": True, "width": 10},
        "event": {"width": event},
        "place": {"width": place},
        "deaths": {"justify": "right", "width": 6},
    }


Paths = Annotated[list[str], typer.Argument(help="Files, folders (recursive) or http(s) URLs.")]


@app.command()
def ingest(paths: Paths) -> None:
    """Read reports into the database; bad inputs are recorded, never fatal.

    Example: frontlines ingest demo/corpus https://example.org/feed.xml
    """
    with open_store() as store, progress_bar("ingesting") as advance:
        summary = ingest_into(store, paths, state.settings, advance)
    notice(
        f"ingested: {summary.new_documents} new, {summary.known_documents} already stored, "
        f"{summary.problems} problems, {summary.warnings} warnings ({summary.seconds:.1f}s)"
    )
    if summary.problems or summary.warnings:
        notice("see `frontlines errors` for the reasons")


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
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Processes extracting at once (default: setting `workers`)."),
    ] = None,
) -> None:
    """Extract events (ingesting PATHs first) and print them; the output contract is docs/output-contract.md.

    Example: frontlines extract ../shared/samples --format jsonl --workers 2
    """
    with open_store() as store:
        doc_ids = None
        if paths:
            with progress_bar("ingesting") as advance:
                summary = ingest_into(store, paths, state.settings, advance)
            doc_ids = summary.doc_ids
            notice(f"ingested: {summary.new_documents} new, {summary.known_documents} already stored")
            if summary.problems:
                notice(f"{summary.problems} inputs could not be read: see `frontlines errors`")
        pipeline = make_pipeline(store, state.settings)
        try:
            with progress_bar("extracting") as advance:
                done = extract_into(
                    store,
                    pipeline,
                    doc_ids,
                    force=force,
                    progress=advance,
                    workers=workers or state.settings.workers,
                )
        except WorkerDied as exc:
            raise fail(f"{exc}: run `frontlines extract` again to finish", 1) from exc
        notice(f"extracted: {done.events} events from {done.documents} documents ({done.seconds:.1f}s)")
        if done.failed:
            notice(
                f"{done.failed} documents failed (the next `frontlines extract` tries them again):"
                " see `frontlines errors`"
            )
        if done.fusion is not None:
            notice(f"fused: {done.fusion.clusters} incidents, {done.fusion.multi_report} told by several reports")
        if done.fusion_error is not None:
            notice(f"fusion failed ({done.fusion_error}); the events are stored: run `frontlines fuse`")
        rows = store.events(doc_ids)
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            lines = json_lines(rows, Format.jsonl)
            with out.open("w", encoding="utf-8") as fh:
                fh.writelines(line + "\n" for line in lines)
        emit_events(store, rows, fmt)


@app.command()
def events(
    fmt: FormatOption = Format.table,
    include_retracted: Annotated[
        bool,
        typer.Option(
            "--include-retracted", help="Also list events marked as not an event (`retract`), flagged."
        ),
    ] = False,
) -> None:
    """List stored events, with analyst corrections applied; the table shows each event's id as `correct`
    and `history` accept it. Events marked as not an event are hidden unless --include-retracted.

    Example: frontlines events --format csv > events.csv
    """
    with open_store(create=False) as store:
        rows = store.events(include_retracted=include_retracted)
        if include_retracted:
            for row in rows:
                row.setdefault(NOT_AN_EVENT, False)
        emit_events(store, rows, fmt, (*FIELDS, NOT_AN_EVENT) if include_retracted else FIELDS)


def emit_events(
    store: Store, rows: Sequence[dict[str, Any]], fmt: Format, columns: Sequence[str] = FIELDS
) -> None:
    """Contract rows in a machine format (``columns`` for CSV), or the events table for people."""
    if fmt is not Format.table:
        emit(rows, fmt, columns)
        return
    n = store.event_id_length()
    table = [
        {
            "id": row["event_id"][:n],
            "date": row["event_date"],
            "event": (
                "(not an event)" if row.get(NOT_AN_EVENT) else None,
                row["sub_event_type"],
                _actors(row),
                "per " + " via ".join(row["source_chain"]),
            ),
            "place": (row["location"], row["admin1"], None if row["place_id"] else "(unresolved)"),
            "deaths": row["fatalities"],
        }
        for row in rows
    ]
    console = Console()
    layout = event_layout(n, console.width)
    emit(table, fmt, EVENT_TABLE, title="events", console=console, layout=layout, show_lines=True)


def _actors(row: dict[str, Any]) -> str | None:
    if row["actor2"]:
        return f"{row['actor1'] or '?'} → {row['actor2']}"
    return row["actor1"]


@app.command()
def documents(
    fmt: FormatOption = Format.table,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
) -> None:
    """List stored documents: id, title, outlet, date and where it came from.

    Example: frontlines documents --format json
    """
    with open_store(create=False) as store:
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
    with open_store(create=False) as store:
        rows = store.problems(include_warnings=warnings)
    emit(rows, fmt, ("source_uri", "kind", "reason", "fatal", "times_seen"), title="ingest problems")


@app.command()
def stats(fmt: FormatOption = Format.table) -> None:
    """Counts of documents, problems, events by type, unresolved places.

    Example: frontlines stats --format json
    """
    with open_store(create=False) as store:
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
def evaluate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Gold (.jsonl), event-location or PTC files.")
    ] = None,
    fmt: FormatOption = Format.table,
    details: Annotated[bool, typer.Option(help="List misses and false alarms.")] = False,
) -> None:
    """Score the pipeline on gold files and event-location files (precision, recall, F1 per field) and the slant
    stage on PTC files (SemEval-2020 Task 11's span metric, per technique).

    Without FILES: ../shared/gold/articles-*.jsonl (real articles, first), the other ../shared/gold/*.jsonl,
    ../shared/eval/event-location-dev.jsonl and ptc-dev.jsonl when they exist, then the demo gold.

    Example: frontlines evaluate ../shared/gold/samples.jsonl ../shared/eval/event-location-dev.jsonl
    """
    from frontlines.cli.evaluation import run_evaluation

    run_evaluation(files, fmt, details)
