"""Slant commands: `slant` (propaganda-technique spans of input reports) and `outlets` (profiles of the stored
reports' outlets: loaded language per 1,000 words, labels given to actors, by year or month)."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import typer

from frontlines.cli import FormatOption, app, notice, open_store, state
from frontlines.cli.output import Format, emit
from frontlines.contract import doc_label
from frontlines.nlp.attribution import SourceHit
from frontlines.records import Document, IngestProblem

SPAN_COLUMNS = ("doc", "technique", "start", "end", "text", "score", "rule")
PROFILE_COLUMNS = ("outlet", "period", "reports", "words", "loaded /1000w", "name calling /1000w", "labels")


class Period(enum.StrEnum):
    year = "year"
    month = "month"


Inputs = Annotated[list[str], typer.Argument(help="Files, folders (recursive), URLs, JSONL/CSV files.")]


def no_sources(_text: str) -> list[SourceHit]:
    """Attribution is not needed to find slant."""
    return []


@app.command()
def slant(inputs: Inputs, fmt: FormatOption = Format.table) -> None:
    """Find propaganda-technique spans in reports (nothing is stored): one line per span with the document
    (its JSONL/CSV `id`, else the file name), technique, character offsets, text, score and the rule that found it.

    Example: frontlines slant reports/ --format jsonl
    """
    from frontlines.ingest import ingest
    from frontlines.nlp import analyse
    from frontlines.pipeline import SUPPORTED_LANGUAGES
    from frontlines.slant import default_finder
    from frontlines.workflow import ingest_options

    documents: list[Document] = []
    for item in ingest(inputs, ingest_options(state.settings)):
        if isinstance(item, IngestProblem):
            notice(f"{item.source_uri}: {item.reason}")
        elif item.language is not None and item.language not in SUPPORTED_LANGUAGES:
            notice(f"{item.source_uri}: skipped, the slant stage reads English (language {item.language})")
        else:
            documents.append(item)
    finder = default_finder()
    rows: list[dict[str, Any]] = []
    settings = state.settings
    parsed = analyse(
        documents, no_sources, batch_size=settings.batch_size, section_chars=settings.section_chars
    )
    for analysis in parsed:
        name = doc_label(analysis.document)
        rows += [
            {"doc": name, "technique": s.technique, "start": s.start, "end": s.end, "text": s.text,
             "score": s.score, "rule": s.rule}
            for s in finder.spans(analysis.doc)
        ]  # fmt: skip
    emit(rows, fmt, SPAN_COLUMNS, title="slant")
    notice(f"{len(rows)} spans in {len(documents)} documents")


@app.command()
def outlets(
    fmt: FormatOption = Format.table,
    by: Annotated[
        Period, typer.Option("--by", help="Group reports by year or month of publication.")
    ] = Period.year,
) -> None:
    """Profile each outlet of the stored reports, by year or month: how often its reports use loaded language
    and name calling (spans per 1,000 words) and which labels its events give which actors, with their tone.

    Example: frontlines outlets --by month --format jsonl
    """
    from frontlines.slant.profiles import label_summary, profiles

    with open_store(create=False) as store:
        rates, labels = store.outlet_profiles(by.value)
    rows = profiles(rates, labels)
    if fmt is not Format.table:
        emit(rows, fmt, tuple(rows[0]) if rows else ())
        return
    table = [
        {
            "outlet": row["outlet"],
            "period": row["period"],
            "reports": row["reports"],
            "words": row["words"],
            "loaded /1000w": row["loaded_language_per_1000_words"],
            "name calling /1000w": row["name_calling_per_1000_words"],
            "labels": tuple(label_summary(row["labels"])) or None,
        }
        for row in rows
    ]
    emit(table, fmt, PROFILE_COLUMNS, title=f"outlets by {by.value}", show_lines=True)
    if not rows:
        notice("no profile: no stored report was extracted with the slant stage (see the `slant` setting)")
