"""Show evaluation reports: rich tables for people (:func:`render`), JSON for machines (:func:`to_json`).

Gold files and the documents they name are not ours: every table cell and title goes through
`frontlines.display` (control characters shown as escapes, no markup), and JSON is strict (no NaN)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from frontlines.display import cell, printable, strict_json
from frontlines.evaluate import EvaluationReport
from frontlines.evaluate.clusters import ClusterReport
from frontlines.evaluate.goldreport import GoldReport
from frontlines.evaluate.locations import LocationReport
from frontlines.evaluate.metrics import Ratio, Scores
from frontlines.evaluate.ptc import PTCReport, render_ptc

AnyReport = EvaluationReport | GoldReport | LocationReport | ClusterReport | PTCReport


def to_json(report: AnyReport, indent: int | None = 2) -> str:
    """The report's ``to_dict()`` as JSON text (UTF-8 kept as is)."""
    return strict_json(report.to_dict(), indent=indent)


def render(
    report: AnyReport, console: Console | None = None, *, details: bool = False, limit: int = 50
) -> None:
    """Print the report as tables; ``details`` adds the lists of misses, false alarms and disagreements
    (at most ``limit`` rows each)."""
    console = console or Console()
    reports = report.reports if isinstance(report, EvaluationReport) else (report,)
    for one in reports:
        if isinstance(one, GoldReport):
            _render_gold(one, console, details, limit)
        elif isinstance(one, ClusterReport):
            _render_clusters(one, console, details, limit)
        elif isinstance(one, PTCReport):
            render_ptc(one, console)
        else:
            _render_locations(one, console, details, limit)


# ------------------------------------------------------------------------------------------------- figures


def percent(value: float | None) -> str:
    """``0.8125`` -> ``"81.2%"``; ``None`` (nothing counted) -> ``"–"``."""
    return "–" if value is None else f"{100 * value:.1f}%"


def _row(table: Table, *values: object) -> None:
    """One table row, every cell made safe to print (display.cell)."""
    table.add_row(*(cell(v, width=None) for v in values))


def _ratio_row(table: Table, name: str, ratio: Ratio) -> None:
    _row(table, name, percent(ratio.value), f"{ratio.hits}/{ratio.total}")


def _scores_rows(table: Table, prefix: str, scores: Scores) -> None:
    _ratio_row(table, f"{prefix} recall", scores.recall)
    _ratio_row(table, f"{prefix} precision", scores.precision)
    _row(table, f"{prefix} F1", percent(scores.f1), "")


def _figures_table(title: str) -> Table:
    table = Table(title=Text(printable(title)), title_justify="left")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("count", justify="right")
    return table


def _list_table(
    title: str, columns: Sequence[str], rows: Iterable[Sequence[str]], limit: int
) -> Table | None:
    rows = list(rows)
    if not rows:
        return None
    shown = rows[:limit]
    more = f" (first {limit} of {len(rows)})" if len(rows) > limit else f" ({len(rows)})"
    table = Table(title=Text(printable(title + more)), title_justify="left", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in shown:
        _row(table, *row)
    return table


# ---------------------------------------------------------------------------------------------------- gold


def _render_gold(report: GoldReport, console: Console, details: bool, limit: int) -> None:
    figures = _figures_table(f"Gold events: {report.path}")
    _scores_rows(figures, "event", report.scores)
    _ratio_row(figures, "event type", report.event_type)
    for name, ratio in report.fields.items():
        _ratio_row(figures, name, ratio)
    _ratio_row(figures, "place id correct", report.place_correct)
    _ratio_row(figures, "place unresolved", report.place_unresolved)
    _row(figures, "predictions", report.predictions, "")
    _row(figures, "optional (not counted)", report.optional_matched, "")
    _row(figures, "not-event alarms", report.not_event_alarms, "")
    console.print(figures)

    documents = Table(title="Per document", title_justify="left")
    for column in ("document", "recall", "precision", "F1", "predicted", "not-event alarms"):
        documents.add_column(column, justify="left" if column == "document" else "right")
    for doc in report.documents:
        _row(
            documents,
            doc.doc,
            f"{doc.scores.recall.hits}/{doc.scores.recall.total}",
            percent(doc.scores.precision.value),
            percent(doc.scores.f1),
            str(doc.predictions),
            str(doc.not_event_alarms),
        )
    console.print(documents)
    causes = _figures_table("Errors by cause (misses, false alarms, field disagreements of matched events)")
    for cause, count in report.causes().items():
        causes.add_row(cause, str(count), "")
    if report.causes():
        console.print(causes)
    for warning in report.warnings:
        console.print(Text("warning: ", style="yellow") + Text(printable(warning)), highlight=False)
    if not details:
        return
    tables = [
        _list_table(
            "Misses",
            ("document", "#", "location", "sub-event type", "cause", "note"),
            (
                (m.doc, str(m.event_index), m.location, m.sub_event_type, m.cause, m.note)
                for m in report.misses
            ),
            limit,
        ),
        _list_table(
            "False alarms",
            ("document", "cause", "location", "sub-event type", "note", "sentence"),
            ((a.doc, a.cause, a.location, a.sub_event_type, a.note, a.sentence) for a in report.false_alarms),
            limit,
        ),
        _list_table(
            "Field disagreements",
            ("document", "#", "location", "field", "gold", "predicted"),
            (
                (e.doc, str(e.event_index), e.location, e.field, e.expected, e.predicted)
                for e in report.field_errors
            ),
            limit,
        ),
        _list_table(
            "Wrong places",
            ("document", "#", "location", "gold ids", "predicted"),
            (
                (
                    w.doc,
                    str(w.event_index),
                    w.location,
                    " ".join(w.place_ids),
                    f"{w.predicted_place_id} {w.predicted_place_name or ''}".strip(),
                )
                for w in report.wrong_places
            ),
            limit,
        ),
    ]
    for table in tables:
        if table is not None:
            console.print(table)


# ----------------------------------------------------------------------------------------------- locations


def _render_locations(report: LocationReport, console: Console, details: bool, limit: int) -> None:
    figures = _figures_table(f"Event locations: {report.path} ({len(report.sentences)} sentences)")
    _scores_rows(figures, "place", report.scores)
    console.print(figures)
    sources = Table(title="Per source", title_justify="left")
    for column in ("source", "recall", "precision", "F1"):
        sources.add_column(column, justify="left" if column == "source" else "right")
    for source, scores in report.by_source.items():
        _row(
            sources,
            source or "(none)",
            f"{percent(scores.recall.value)} ({scores.recall.hits}/{scores.recall.total})",
            f"{percent(scores.precision.value)} ({scores.precision.hits}/{scores.precision.total})",
            percent(scores.f1),
        )
    console.print(sources)
    if not details:
        return
    misses = _list_table(
        "Missed locations",
        ("sentence", "gold location"),
        (
            (s.id, g.text)
            for s in report.sentences
            for g, found in zip(s.gold, s.gold_found, strict=True)
            if not found
        ),
        limit,
    )
    alarms = _list_table(
        "Wrong places",
        ("sentence", "predicted place"),
        (
            (s.id, p.text)
            for s in report.sentences
            for p, ok in zip(s.predicted, s.predicted_correct, strict=True)
            if not ok
        ),
        limit,
    )
    for table in (misses, alarms):
        if table is not None:
            console.print(table)


# ------------------------------------------------------------------------------------------------ clusters


def _render_clusters(report: ClusterReport, console: Console, details: bool, limit: int) -> None:
    figures = _figures_table(f"Incidents (fusion): {report.path} ({report.incidents} incidents)")
    _row(figures, "B-cubed precision", percent(report.precision), "")
    _row(figures, "B-cubed recall", percent(report.recall), "")
    _row(figures, "B-cubed F1", percent(report.f1), "")
    _ratio_row(figures, "events extracted", report.extracted)
    _ratio_row(figures, "independent sources right", report.sources)
    console.print(figures)
    if details:
        table = _list_table("Fusion errors", ("error",), ((e,) for e in report.errors), limit)
        if table is not None:
            console.print(table)
