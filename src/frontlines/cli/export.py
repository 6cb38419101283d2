"""`export`: the stored events (corrections applied), filtered, as an ACLED-style CSV, GeoJSON or Parquet file.
The file is written beside its final name and moved into place when complete, so a failed export never leaves
half a file under that name."""

from __future__ import annotations

import enum
import functools
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from frontlines.cli import app, fail, notice, open_store, state
from frontlines.cli.control import actor_table, parse_day
from frontlines.contract import EVENT_TYPE_OF
from frontlines.export import EventFilter, select
from frontlines.export.acled import write_acled_csv
from frontlines.export.geojson import write_geojson
from frontlines.export.sources import CLUSTERS, DOCUMENTS, independent_sources
from frontlines.fuse.stored import independent_source_counts
from frontlines.store import Store
from frontlines.store import export as sql


class ExportFormat(enum.StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"


def category_of(actor_id: str) -> str | None:
    table = actor_table()
    try:
        return table.get(actor_id).category
    except KeyError:
        return None


def admin_lookup(store: Store) -> Callable[[str], tuple[str | None, str | None]]:
    """A place id -> (admin2, admin3) from the gazetteer this database's events are resolved with."""
    from frontlines.resolve.gazetteer import Gazetteer
    from frontlines.workflow import settings_places, user_places

    extra = user_places(store)

    @functools.cache
    def gazetteer() -> Gazetteer:
        return Gazetteer.default().with_places(settings_places(state.settings) + extra)

    def admin_of(place_id: str) -> tuple[str | None, str | None]:
        place = gazetteer().get(place_id)
        return (place.admin2, place.admin3) if place else (None, None)

    return admin_of


def _write_atomically(out: Path, write: Callable[[Path], int]) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(handle)
    try:
        n = write(Path(temporary))
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return n


def _text_writer(write: Callable[[IO[str]], int]) -> Callable[[Path], int]:
    def to_path(path: Path) -> int:
        with path.open("w", encoding="utf-8", newline="") as fh:
            return write(fh)

    return to_path


def _writer(
    fmt: ExportFormat,
    store: Store,
    rows: Sequence[Mapping[str, Any]],
    independent: Mapping[str, int],
    used: str,
) -> Callable[[Path], int]:
    if fmt is ExportFormat.acled_csv:
        admin_of, times = admin_lookup(store), sql.extraction_times(store.conn)
        return _text_writer(lambda fh: write_acled_csv(rows, fh, category_of, admin_of, times))
    if fmt is ExportFormat.geojson:
        return _text_writer(lambda fh: write_geojson(rows, fh, independent, used))
    from frontlines.export.parquet import write_parquet

    return lambda path: write_parquet(rows, path, independent, used)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="acled-csv, geojson or parquet.")],
    out: Annotated[Path, typer.Option("--out", help="The file to write.")],
    since: Annotated[str | None, typer.Option(help="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before this date (YYYY-MM-DD).")] = None,
    admin1: Annotated[list[str] | None, typer.Option(help="Governorate (repeatable).")] = None,
    actor: Annotated[
        list[str] | None, typer.Option(help="Actor id or name, actor1 or actor2 (repeatable).")
    ] = None,
    sub_event_type: Annotated[
        list[str] | None, typer.Option(help="ACLED sub-event type (repeatable).")
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option(help="A source of the claim chain, or the outlet.")
    ] = None,
    min_sources: Annotated[
        int | None, typer.Option(min=1, help="At least this many independent sources.")
    ] = None,
) -> None:
    """Export stored events (analyst corrections applied) as an ACLED-style CSV (ACLED's 31 columns), GeoJSON
    points or Parquet (docs/exports.md). Filters combine; a repeated filter matches any of its values.

    Example: frontlines export --format acled-csv --out aleppo.csv --admin1 Aleppo --since 2016-01-01
    """
    unknown = [s for s in sub_event_type or () if s not in EVENT_TYPE_OF]
    if unknown:
        raise fail(
            f"--sub-event-type {unknown[0]!r} is not an ACLED sub-event type; one of: "
            + ", ".join(EVENT_TYPE_OF)
        )
    first = parse_day(since, "--since") if since else None
    last = parse_day(until, "--until") if until else None
    selection = EventFilter.of(first, last, admin1, actor, sub_event_type, source, min_sources)
    with open_store(create=False) as store:
        rows = store.events()
        independent, used = independent_sources(rows, independent_source_counts(store))
        unfused = store.unfused_events() if used == CLUSTERS else 0
        chosen = select(rows, selection, independent)
        n = _write_atomically(out, _writer(fmt, store, chosen, independent, used))
    notice(f"exported {n} of {len(rows)} events to {out} ({fmt.value})")
    if min_sources is not None and unfused:
        notice(
            f"{unfused} events were extracted since the last fusion and count as incidents of their own: "
            "run `frontlines fuse`"
        )
    if min_sources is not None and used == DOCUMENTS:
        notice(
            "--min-sources counted documents (no fusion clusters in this database): relays count as sources"
        )
