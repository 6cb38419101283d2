"""`frontlines backfill`: the pipeline over a sharded corpus, on this machine or a Dask cluster, to Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontlines.backfill import ENGINES, BackfillError, EngineError, backfill
from frontlines.cli import app, fail, notice, progress_bar, state
from frontlines.config import ConfigError, PipelineConfig


@app.command("backfill")
def backfill_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Input files or folders: JSONL, CSV, Parquet (any file ingest reads).")
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Output folder: events/month=YYYY-MM/*.parquet, problems/, done/.")
    ],
    engine: Annotated[
        str, typer.Option("--engine", help=f"Where shards run: {' or '.join(ENGINES)}.")
    ] = "local",
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Processes (local) or local-cluster workers (dask)."),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="dask: a running cluster's scheduler, tcp://HOST:8786.")
    ] = None,
) -> None:
    """Extract a large corpus shard by shard into Parquet partitioned by month; a killed run, run again,
    resumes where it stopped.

    Example: frontlines backfill corpus/ --out backfill-out --engine dask --workers 2
    """
    if engine not in ENGINES:
        raise fail(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise fail("--scheduler goes with --engine dask")
    settings = state.settings
    try:
        config = PipelineConfig.from_settings(settings)
        with progress_bar("shards") as advance:
            summary = backfill(
                inputs,
                out,
                config,
                engine=engine,
                workers=workers or settings.workers,
                scheduler=scheduler,
                max_bytes=settings.max_bytes,
                progress=advance,
            )
    except (BackfillError, ConfigError, EngineError) as exc:
        raise fail(str(exc)) from exc
    rate = summary.processed / summary.seconds if summary.seconds and summary.processed else 0.0
    notice(
        f"backfill: {summary.done} shards done now, {summary.skipped} done before, {len(summary.failed)} failed "
        f"(of {summary.shards}); {summary.events} events from {summary.documents} documents, {summary.problems} "
        f"problems (pipeline {summary.version}, {summary.seconds:.1f}s{f', {rate:.1f} documents/s' if rate else ''})"
    )
    for shard, why in summary.failed:
        notice(f"shard {shard} failed: {why} (run the same command again to retry it)")
    if summary.failed:
        raise typer.Exit(1)
