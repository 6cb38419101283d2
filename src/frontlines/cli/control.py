"""Control commands: `control` (who holds each place at a date; km² per holder over time), `timeline` (one
place's history with the evidence) and `set-holder` (an analyst's setting, kept apart and applied on read).
Control is computed from the stored events on every call (frontlines.control), so corrections, settings and
re-extractions always show; `control` and `timeline` only read."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import sys
import textwrap
from typing import Annotated, Any

import typer
from rich.console import Console

from frontlines.cli import app, fail, notice, open_store, state
from frontlines.cli.output import Format, emit
from frontlines.control import DEFAULT_WINDOW, ControlIndex, load_index, side_lookup
from frontlines.control.areas import Tessellation, series_dates
from frontlines.control.index import PlaceState
from frontlines.control.report import (
    area_feature,
    feature_collection,
    interval_row,
    place_feature,
    place_fields,
    says,
    state_row,
)
from frontlines.display import strict_json
from frontlines.resolve.actors import ActorTable
from frontlines.resolve.placenames import name_key
from frontlines.store import Store
from frontlines.store import control as sql


class ControlFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


CONTROL_COLUMNS = (
    "date",
    "place_id",
    "place_name",
    "admin1",
    "latitude",
    "longitude",
    "holder",
    "holder_id",
    "holder_side",
    "since",
    "until",
    "status",
    "rule",
    "claimants",
    "claims",
    "setting",
)
CONTROL_TABLE = ("place", "holder", "claims")
TIMELINE_TABLE = ("when", "holder", "evidence")
SERIES_COLUMNS = ("date", "holder", "km2", "share")
Window = Annotated[
    int,
    typer.Option(
        "--window", min=0, help="Days within which claims are one change (and fighting contests it)."
    ),
]


@functools.cache
def actor_table() -> ActorTable:
    table = ActorTable.default()
    return table.with_file(state.settings.actors_file) if state.settings.actors_file else table


def actor_side(actor_id: str) -> str | None:
    table = actor_table()
    try:
        return table.get(actor_id).side
    except KeyError:
        return None


def parse_day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise fail(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from exc


def build(store: Store, window: int) -> ControlIndex:
    index = load_index(store, side_lookup(actor_side), window)
    if index.skipped:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(index.skipped.items()))
        notice(f"events that give no control claim: {reasons} (see `frontlines places unresolved`)")
    return index


@app.command()
def control(
    at: Annotated[str | None, typer.Option("--at", help="The date (YYYY-MM-DD).")] = None,
    admin1: Annotated[
        list[str] | None, typer.Option("--admin1", help="Only places of this governorate.")
    ] = None,
    fmt: Annotated[
        ControlFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ControlFormat.table,
    series: Annotated[bool, typer.Option("--series", help="Square km per holder over time.")] = False,
    start: Annotated[str | None, typer.Option("--from", help="First date of the series.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last date of the series.")] = None,
    step: Annotated[int, typer.Option("--step", min=1, help="Days between dates of the series.")] = 30,
    areas: Annotated[bool, typer.Option(help="With geojson: the control areas too.")] = True,
    window: Window = DEFAULT_WINDOW,
) -> None:
    """Who holds each place at a date (holder, since, status, supporting claims), or with --series the square
    kilometres each holder holds over time (Voronoi areas of the places, clipped to Syria).

    Example: frontlines control --at 2016-03-01 --admin1 Aleppo --format geojson > control.geojson
    """
    if series:
        if start is None or end is None:
            raise fail("--series needs --from and --to")
        if admin1 or fmt is ControlFormat.geojson:
            raise fail("--series gives the whole country's areas: no --admin1, and table, json, jsonl or csv")
        first, last = parse_day(start, "--from"), parse_day(end, "--to")
        if last < first:
            raise fail("--to is before --from")
        with open_store(create=False) as store:
            index = build(store, window)
        rows = Tessellation.build(h.place for h in index.histories.values()).series(
            index, series_dates(first, last, step)
        )
        emit(rows, Format(fmt.value), SERIES_COLUMNS, title="square km per holder")
        return
    if at is None:
        raise fail("give --at DATE (or --series --from DATE --to DATE)")
    on = parse_day(at, "--at")
    with open_store(create=False) as store:
        index = build(store, window)
    states = index.at(on, admin1)
    if fmt is ControlFormat.geojson:
        _geojson(index, states, on, areas)
    elif fmt is ControlFormat.table:
        _table(states, on)
    else:
        emit([state_row(s, on) for s in states], Format(fmt.value), CONTROL_COLUMNS)


def _geojson(index: ControlIndex, states: list[PlaceState], on: dt.date, areas: bool) -> None:
    features = [place_feature(state_row(s, on)) for s in states]
    if areas:
        shown = {s.place.place_id for s in states}
        tessellation = Tessellation.build(h.place for h in index.histories.values())
        features += [area_feature(a, on) for a in tessellation.at(index, on) if set(a.cell.place_ids) & shown]
    sys.stdout.write(strict_json(feature_collection(features, date=on.isoformat())) + "\n")


CELL_LIMIT = 58  # table cells are cut at 60 characters a line (display.cell): longer text is wrapped here


def wrapped(text: str, width: int, indent: str = "") -> tuple[str, ...]:
    """Lines of a table cell, wrapped at the column's width, so that rich need not wrap them again."""
    return tuple(textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent))


def text_width(console: Console, fixed: int) -> int:
    """The width of a table's last (text) column: what the fixed columns, borders and padding leave."""
    return max(24, min(CELL_LIMIT, console.width - fixed))


def _claim_lines(claim: Any, width: int) -> tuple[str, ...]:
    source = " via ".join(claim.source_chain) or "?"
    return wrapped(f"{claim.date.isoformat()} {says(claim)}, per {source}", width)


def _table(states: list[PlaceState], on: dt.date) -> None:
    """Place (and governorate), holder (and status, since when), claims: readable at 80 columns."""
    console = Console()
    width = text_width(console, 16 + 24 + 10)  # place, holder, three borders and six spaces of padding
    rows = []
    for s in states:
        iv = s.interval
        holder = iv.holder.name if iv and iv.holder else None
        if iv and iv.claimants:
            holder = " or ".join(h.name for h in iv.claimants)
        status = iv.status if iv else "unknown"
        if iv and iv.start:
            status += f" since {iv.start.isoformat()}"
        elif iv:
            status += " before reports"
        lines = tuple(line for c in iv.claims for line in _claim_lines(c, width)) if iv else ()
        if iv and iv.setting:
            lines += wrapped(
                f"set by {iv.setting.author or '?'}: {iv.setting.note or ''}".rstrip(": "), width
            )
        rows.append(
            {
                "place": (s.place.name, s.place.admin1),
                "holder": (holder, f"({status})"),
                "claims": lines or None,
            }
        )
    layout: dict[str, dict[str, Any]] = {
        "place": {"width": 16},
        "holder": {"width": 24},
        "claims": {"width": width},
    }
    emit(
        rows,
        Format.table,
        CONTROL_TABLE,
        title=f"control on {on.isoformat()}",
        console=console,
        layout=layout,
        show_lines=True,
    )


class TimelineFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command()
def timeline(
    place: Annotated[str, typer.Argument(help="A place id, or a place's name.")],
    fmt: Annotated[
        TimelineFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TimelineFormat.table,
    window: Window = DEFAULT_WINDOW,
) -> None:
    """One place's control history: each interval's holder and status, the claims behind each change with
    their evidence (report, outlet, sentence), and analysts' settings.

    Example: frontlines timeline "Khan Tuman"
    """
    with open_store(create=False) as store:
        index = build(store, window)
        place_id = find_place(index, place)
        history = index.histories[place_id]
        evidence = sql.evidence_of(store.conn, [c.event_id for c in history.claims])
    intervals = [interval_row(iv, evidence) for iv in history.intervals]
    if fmt is TimelineFormat.json:
        out = {**place_fields(history.place), "intervals": intervals}
        sys.stdout.write(strict_json(out, indent=2) + "\n")
    elif fmt is TimelineFormat.jsonl:
        for row in intervals:
            sys.stdout.write(strict_json({**place_fields(history.place), **row}) + "\n")
    else:
        _timeline_table(history.place.name, intervals)


def find_place(index: ControlIndex, given: str) -> str:
    """The place id a user means: an id with a history, else a place name without case, else a spelling
    variant of one ("Khan Touman" for Khan Tuman: the gazetteer's matching key, same canonical spelling or
    consonant skeleton and the same modifier words); exit 2 when none or several match."""
    if given in index.histories:
        return given
    folded = given.casefold().strip()
    found = [p for p, h in index.histories.items() if h.place.name.casefold() == folded]
    if not found:
        found = _spelling_variants(index, given)
    if len(found) == 1:
        return found[0]
    if found:
        raise fail(f"several places are called {given!r}: give one of the ids {', '.join(sorted(found))}")
    raise fail(
        f"no control claims or settings about {given!r} (a place id or name; see `frontlines control`)"
    )


def _spelling_variants(index: ControlIndex, given: str) -> list[str]:
    """Places with a history whose name the gazetteer's matching key takes for ``given``."""
    wanted = name_key(given)
    if not wanted.canon or wanted.generic_only:
        return []
    found = []
    for place_id, history in index.histories.items():
        key = name_key(history.place.name)
        same = key.canon == wanted.canon or not key.skeletons.isdisjoint(wanted.skeletons)
        if same and key.mods == wanted.mods:
            found.append(place_id)
    return found


def _timeline_table(name: str, intervals: list[dict[str, Any]]) -> None:
    """When (from, to), holder (and status: rule), evidence: readable at 80 columns."""
    console = Console()
    width = text_width(console, 14 + 22 + 10)
    rows = []
    for iv in intervals:
        holder = iv["holder"] or " or ".join(iv["claimants"]) or None
        evidence: tuple[str, ...] = ()
        for c in iv["claims"]:
            source = " via ".join(c["source_chain"]) or "?"
            line = f"{c['date']} {c['says']} (per {source}; {c.get('outlet') or '?'}, {c.get('doc')})"
            evidence += wrapped(line, width)
            if c.get("sentence"):
                evidence += wrapped(f"“{' '.join(c['sentence'].split())}”", width, "  ")
        if iv["setting"]:
            s = iv["setting"]
            evidence += wrapped(f"set by {s['author'] or '?'} on {s['time'][:10]}: {s['note'] or ''}", width)
        rows.append(
            {
                "when": (iv["since"] or "before reports", "→ " + (iv["until"] or "now")),
                "holder": (holder, f"({iv['status']}: {iv['rule']})"),
                "evidence": evidence or None,
            }
        )
    layout: dict[str, dict[str, Any]] = {
        "when": {"width": 14},
        "holder": {"width": 22},
        "evidence": {"width": width},
    }
    emit(
        rows,
        Format.table,
        TIMELINE_TABLE,
        title=f"control of {name}",
        console=console,
        layout=layout,
        show_lines=True,
    )
