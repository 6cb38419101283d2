"""`frontlines serve`: the REST API (frontlines.api, docs/api.md) under uvicorn, on loopback by default."""

from __future__ import annotations

from typing import Annotated

import typer

from frontlines.cli import app, fail, notice, open_store, state


@app.command()
def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the REST API over the database: events, clusters, control, places, documents as JSON and
    GeoJSON, with interactive docs at /docs (offline). Read-only unless the setting api_token
    (FRONTLINES_API_TOKEN) is set; then POST /api/documents and /api/corrections take it as a bearer token.

    Example: frontlines --db out/demo.db serve --port 8000
    """
    import uvicorn

    from frontlines.api import create_app

    settings = state.settings
    with open_store(create=settings.api_token is not None):
        pass  # a read-only server needs a database; this also applies pending migrations once
    if host not in ("127.0.0.1", "localhost", "::1") and settings.api_token is None:
        notice(f"serving read-only on {host}: reachable from other machines")
    elif host not in ("127.0.0.1", "localhost", "::1"):
        notice(
            f"serving on {host} with the write endpoints: reachable from other machines, keep the token secret"
        )
    mode = "read-only" if settings.api_token is None else "with the write endpoints (bearer token)"
    notice(f"frontlines API on http://{host}:{port}/ ({mode}); docs at /docs; Ctrl-C stops")
    try:
        # Keep-alive longer than uvicorn's 5 s: on a busy machine the event loop can see the idle timer before
        # the next request already waiting on the socket, and drop a client's connection under it.
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", timeout_keep_alive=30)
    except OSError as exc:  # the port is taken, the address is not this machine's
        raise fail(f"cannot serve on {host}:{port}: {exc}") from exc
