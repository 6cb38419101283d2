"""Fusion commands: `fuse` (run the fuse stage over the whole store), `clusters` (list incidents with their
claims, independent sources and conflicts), `clusters merge` and `clusters split` (analysts' corrections,
kept apart and replayed on read; see frontlines.fuse)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.console import Console

from frontlines.cli import FormatOption, app, fail, notice, open_store
from frontlines.cli.corrections import _default_author
from frontlines.cli.output import Format, emit
from frontlines.contract import ContractError
from frontlines.fuse.records import Cluster, ClusterCorrection
from frontlines.fuse.stored import fuse_store, merge, read_clusters, split

CLUSTER_COLUMNS = (
    "cluster_id",
    "event_date",
    "date_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "place_id",
    "place_name",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "claim_count",
    "independent_source_count",
    "independent_sources",
    "conflicts",
    "claims",
    "corrections",
)
# For people at 80 columns: the id (cut where every cluster id is still unique), the date, the incident
# (type; actors; place; deaths; conflicts) and its claims (counts, then one line per claim: event id, outlet,
# who says so).
CLUSTER_TABLE = ("id", "date", "incident", "claims")

clusters_app = typer.Typer(
    help="Incidents: events of several reports fused, with their claims, independent sources and "
    "conflicts.\n\nExample: frontlines clusters --format jsonl",
    rich_markup_mode=None,
)
app.add_typer(clusters_app, name="clusters")


@app.command("fuse")
def fuse_command() -> None:
    """Fuse every stored event into incidents (`extract` does this after each batch); analysts' merges and
    splits are kept and replayed on read.

    Example: frontlines fuse
    """
    with open_store(create=False) as store:
        done = fuse_store(store)
    notice(
        f"fused: {done.events} events into {done.clusters} incidents, {done.multi_report} told by several "
        f"reports, {done.copies} reports copies of another ({done.seconds:.1f}s)"
    )


def cluster_row(cluster: Cluster) -> dict[str, Any]:
    """A cluster as one JSON-ready row: the headline fields, counts, claims, conflicts, corrections."""
    from frontlines.records import to_dict

    row: dict[str, Any] = to_dict(cluster)
    row["claim_count"] = len(cluster.claims)
    row["independent_source_count"] = len(cluster.independent_sources)
    return {column: row[column] for column in CLUSTER_COLUMNS}


@clusters_app.callback(invoke_without_command=True)
def clusters(
    ctx: typer.Context,
    fmt: FormatOption = Format.table,
    min_claims: Annotated[
        int, typer.Option("--min-claims", help="Only incidents with this many claims.")
    ] = 1,
    conflicted: Annotated[
        bool, typer.Option("--conflicts", help="Only incidents whose claims disagree.")
    ] = False,
) -> None:
    """List incidents (clusters of events from different reports): their claims (event, report, outlet,
    source chain), independent sources and conflicts (holder, toll, type, date), analysts' corrections
    applied.

    Example: frontlines clusters --min-claims 2 --format jsonl
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_store(create=False) as store:
        found = read_clusters(store)
        unfused = store.unfused_events()
    if unfused:
        notice(f"{unfused} events were extracted since the last fusion: run `frontlines fuse`")
    shown = [c for c in found if len(c.claims) >= min_claims and (c.conflicts or not conflicted)]
    if fmt is not Format.table:
        emit([cluster_row(c) for c in shown], fmt, CLUSTER_COLUMNS)
        return
    emit_table(shown, [c.cluster_id for c in found])


def _id_length(ids: list[str], minimum: int = 8) -> int:
    ordered = sorted(ids)
    longest = 0
    for a, b in zip(ordered, ordered[1:], strict=False):
        common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        longest = max(longest, common)
    return max(minimum, longest + 1)


def _incident(cluster: Cluster) -> tuple[str | None, ...]:
    actors = f"{cluster.actor1 or '?'} → {cluster.actor2}" if cluster.actor2 else cluster.actor1
    place = ", ".join(p for p in (cluster.location, cluster.admin1) if p)
    others = sorted({c.fatalities for c in cluster.claims if c.fatalities is not None} - {cluster.fatalities})
    deaths = None
    if cluster.fatalities is not None:
        deaths = f"{cluster.fatalities} dead" + (f" (also {', '.join(map(str, others))})" if others else "")
    disputes = [
        f"{conflict.kind}: " + " vs ".join(str(side.value) for side in conflict.sides)
        for conflict in cluster.conflicts
    ]
    return (cluster.sub_event_type, actors, place, deaths, *disputes)


def _claims(cluster: Cluster, n: int) -> tuple[str, ...]:
    sources = len(cluster.independent_sources)
    claims = len(cluster.claims)
    head = f"{claims} claim{'s' if claims != 1 else ''}, {sources} source{'s' if sources != 1 else ''}"
    lines = [head]
    for claim in cluster.claims:
        chain = "per " + " via ".join(claim.source_chain) if claim.source_chain else "(no source named)"
        copy = " (copy)" if claim.copy_of else ""
        lines.append(f"{claim.event_id[:n]} {chain}{copy}")
    return tuple(lines)


def emit_table(shown: list[Cluster], all_ids: list[str]) -> None:
    n = _id_length(all_ids)
    console = Console()
    room = console.width - n - 10 - 13  # id, date, borders and padding of four columns
    incident = min(max(26, room // 2), 60)
    layout = {
        "id": {"no_wrap": True, "width": n},
        "date": {"no_wrap": True, "width": 10},
        "incident": {"width": incident},
        "claims": {"width": min(max(room - incident, 20), 70)},
    }
    rows = [
        {
            "id": c.cluster_id[:n],
            "date": c.event_date.isoformat() if c.event_date else None,
            "incident": _incident(c),
            "claims": _claims(c, 8),
        }
        for c in shown
    ]
    emit(
        rows, Format.table, CLUSTER_TABLE, title="incidents", console=console, layout=layout, show_lines=True
    )


def _said(fix: ClusterCorrection) -> str:
    return f"correction {fix.id} by {fix.author or 'unknown'} at {fix.created_at}"


@clusters_app.command("merge")
def merge_command(
    first: Annotated[str, typer.Argument(help="A cluster id, or a unique start of it (as tables show).")],
    second: Annotated[str, typer.Argument(help="The cluster that is the same incident.")],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    author: Annotated[str | None, typer.Option(help="Who (default: your login name).")] = None,
) -> None:
    """Record that two clusters are one incident. Kept apart and replayed on read, so it survives `fuse` and
    `extract --force`; an unknown cluster, or a cluster merged with itself, is refused (exit 2).

    Example: frontlines clusters merge 3f2a9c1e 7b01d4aa --note "same shelling, two spellings"
    """
    with open_store(create=False) as store:
        try:
            fix = merge(store, first, second, author or _default_author(), note)
        except ContractError as exc:
            raise fail(f"refused: {exc}") from exc
    notice(f"merged {fix.cluster_id} and {fix.other_cluster_id} ({_said(fix)})")


@clusters_app.command("split")
def split_command(
    event_id: Annotated[
        str, typer.Argument(help="The event to take out of its cluster (id or unique start).")
    ],
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    author: Annotated[str | None, typer.Option(help="Who (default: your login name).")] = None,
) -> None:
    """Record that an event is an incident of its own, out of the cluster it was fused into (the rest of the
    cluster stays together). Survives `fuse` and `extract --force`; an unknown event, or one already alone,
    is refused (exit 2).

    Example: frontlines clusters split 5fc0ead6 --note "a different attack on the same day"
    """
    with open_store(create=False) as store:
        try:
            fix = split(store, event_id, author or _default_author(), note)
        except ContractError as exc:
            raise fail(f"refused: {exc}") from exc
    notice(f"split {fix.event_id} out of {fix.cluster_id} ({_said(fix)})")
