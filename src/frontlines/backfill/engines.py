"""Where the shards run: in this process or a local process pool (``local``), or on a Dask cluster (``dask``).

Every engine runs the same function, :func:`frontlines.backfill.worker.process_shard`, with the same
arguments (the configuration as JSON, the shard, the output folder), and yields each shard's outcome as it
finishes: its :class:`ShardResult`, or the exception that stopped it (the driver records it; the shard stays
pending for the next run).

Dask (decision record 0016): a scheduler and worker processes, each worker with one thread, so one pipeline
and one spaCy model per worker process, built on its first shard and kept. Without ``scheduler``, a
``LocalCluster`` of ``workers`` processes is started on this machine; with one (``tcp://host:8786``), the
tasks go to that cluster, whose workers must see the inputs and the output folder at the same paths (a shared
file system) and have frontlines installed. Dask reschedules the shard of a worker that dies on another worker
(up to its ``allowed-failures``, 3 by default); only small values cross the network: the configuration, the
shard descriptors and the results, never the documents or the events.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from frontlines.backfill.shards import Shard
from frontlines.backfill.worker import ShardResult, process_shard

ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """The engine cannot run (its library missing, its cluster out of reach)."""


Outcome = tuple[Shard, ShardResult | BaseException]


def run_shards(
    engine: str,
    config: Mapping[str, Any],
    shards: Sequence[Shard],
    out: str,
    max_bytes: int,
    workers: int = 1,
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """Run every shard on the engine; (shard, result or exception) as each one finishes."""
    task: Callable[[Shard], ShardResult] = lambda shard: process_shard(config, shard, out, max_bytes)  # noqa: E731
    if engine == "local":
        if workers <= 1:
            yield from _in_process(task, shards)
        else:
            yield from _process_pool(config, shards, out, max_bytes, workers)
    elif engine == "dask":
        yield from _dask(config, shards, out, max_bytes, workers, scheduler)
    else:
        raise ValueError(f"unknown engine {engine!r}: one of {', '.join(ENGINES)}")


def _in_process(task: Callable[[Shard], ShardResult], shards: Sequence[Shard]) -> Iterator[Outcome]:
    for shard in shards:
        try:
            yield shard, task(shard)
        except Exception as exc:  # the shard is left pending; the others go on
            yield shard, exc


def _process_pool(
    config: Mapping[str, Any], shards: Sequence[Shard], out: str, max_bytes: int, workers: int
) -> Iterator[Outcome]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {pool.submit(process_shard, config, shard, out, max_bytes): shard for shard in shards}
        for future in as_completed(futures):
            error = future.exception()
            yield futures[future], future.result() if error is None else error


def _dask(
    config: Mapping[str, Any],
    shards: Sequence[Shard],
    out: str,
    max_bytes: int,
    workers: int,
    scheduler: str | None,
) -> Iterator[Outcome]:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError as exc:  # an optional dependency: say how to get it
        raise EngineError(
            "the dask engine needs Dask distributed: pip install 'frontlines[cluster]'"
        ) from exc
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        client = Client(cluster if cluster is not None else scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(
            f"cannot reach the Dask scheduler at {scheduler or 'the local cluster'}: {exc}"
        ) from exc
    try:
        futures = {
            client.submit(
                process_shard, config, shard, out, max_bytes, key=f"shard-{shard.id}", pure=False
            ): shard
            for shard in shards
        }
        for future in dask_completed(futures):
            shard = futures[future]
            if future.status == "finished":
                yield shard, future.result()
            else:
                yield shard, future.exception() or RuntimeError(f"shard {shard.id} ended as {future.status}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
