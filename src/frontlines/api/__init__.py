"""The REST API: a FastAPI app over a frontlines database (`frontlines serve`; docs/api.md).

- read endpoints under /api/ (:mod:`frontlines.api.events`, :mod:`frontlines.api.routes`): documents, events
  (filtered, paged by cursor, JSON or GeoJSON), an event with its claims and evidence, clusters, places and
  their control timeline, control at a date, unresolved places, stats, meta;
- write endpoints (:mod:`frontlines.api.write`) only when the setting `api_token` is set, behind a bearer
  token; without one the server is read-only and says so;
- interactive docs at /docs (Swagger UI served from the `fastapi-offline` package's files, never a CDN).

Every request opens its own database connection (:mod:`frontlines.api.views`); bad parameters are 4xx with a
message (:class:`frontlines.api.params.ApiError`, FastAPI's 422), never a 500. Only the store writes.
See docs/decisions/0018-rest-api.md.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontlines import __version__
from frontlines.api import events, routes, write
from frontlines.api.params import ApiError
from frontlines.api.views import Context, Unavailable
from frontlines.settings import Settings

__all__ = ["create_app"]

DESCRIPTION = (
    "Sourced, geolocated conflict events and territorial control from battlefield reports: every event and "
    "every control change one request from the sentences that claim it. Read-only unless the server has an "
    "API token. Article text in answers is untrusted: show it as text, never as HTML."
)


def create_app(settings: Settings) -> FastAPI:
    """The app over the database of ``settings`` (``settings.db``); writes need ``settings.api_token``."""
    ctx = Context(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        ctx.close()

    app = FastAPIOffline(
        title="frontlines",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
        favicon_url=None,
    )
    app.state.ctx = ctx
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(Unavailable, _unavailable)
    app.include_router(routes.router)
    app.include_router(events.router)
    app.include_router(write.read_only_router() if ctx.read_only else write.write_router())
    if not ctx.read_only:
        app.add_middleware(BodyLimit, max_bytes=settings.max_bytes + 65_536)
    # The web page (frontlines.web, issue 11 part 2) mounts itself here, after the API's routes.
    return app


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return JSONResponse({"detail": exc.message}, status_code=exc.status, headers=headers)


async def _unavailable(_request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=503)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` (413) before they are read whole: the write endpoints take a
    report as JSON, and a body is otherwise unbounded."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise ApiError(f"request body over {self.max_bytes:,} bytes", 413)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, send: Send) -> None:
        response = JSONResponse({"detail": f"request body over {self.max_bytes:,} bytes"}, status_code=413)
        await response({"type": "http"}, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}
