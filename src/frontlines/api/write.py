"""The write endpoints, `POST /api/documents` (ingest a report, or a URL) and `POST /api/corrections` (an
analyst's correction), and the bearer token they require.

They exist only when a token is configured (setting `api_token`): :func:`write_router` is then included in
the app. Without one, :func:`read_only_router` answers a POST to either path with 403 and a message saying
the server is read-only and how to change that, and neither appears in the OpenAPI schema. The token is
compared in constant time (:func:`secrets.compare_digest`, over UTF-8 bytes). Only the store writes: these
endpoints call the ingest stage, the pipeline and `Store` methods, as the CLI's `ingest`, `extract`,
`correct` and `retract` do.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from frontlines.api.models import CorrectionAnswer, IngestAnswer, NewCorrection, NewDocument
from frontlines.api.params import ApiError
from frontlines.api.views import Context
from frontlines.contract import ContractError
from frontlines.corrections import NOT_AN_EVENT, check_field
from frontlines.display import strict_json
from frontlines.ingest import ingest, ingest_record
from frontlines.ingest.sources import is_url
from frontlines.pipeline import Pipeline
from frontlines.records import Document, IngestProblem
from frontlines.store import Store
from frontlines.workflow import correction_lookups, extract_into, ingest_options, make_pipeline, user_places

bearer = HTTPBearer(auto_error=False, description="the server's API token (setting api_token)")
READ_ONLY = (
    "this server is read-only: no API token is configured. Set the setting api_token (environment "
    "FRONTLINES_API_TOKEN) and restart `frontlines serve` to enable POST /api/documents and POST /api/corrections"
)


def authorised(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Context:
    """The app's context, when the request carries the right bearer token; 401 otherwise."""
    ctx: Context = request.app.state.ctx
    token = ctx.settings.api_token or ""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise ApiError("this endpoint needs the header Authorization: Bearer <the server's API token>", 401)
    if not token or not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
        raise ApiError("wrong API token", 401)
    return ctx


Authorised = Annotated[Context, Depends(authorised)]


def read_only_router() -> APIRouter:
    router = APIRouter(prefix="/api", include_in_schema=False)

    @router.post("/documents")
    @router.post("/corrections")
    def refuse() -> None:
        raise ApiError(READ_ONLY, 403)

    return router


def correct(store: Store, body: NewCorrection, ctx: Context) -> list[dict[str, Any]]:
    """Record one correction (or a retraction or restoration); the changes written. ContractError, with
    nothing written, when the contract or the event refuses it."""
    if body.field != NOT_AN_EVENT:
        check_field(body.field)
        lookups = correction_lookups(store, ctx.settings)
        return store.add_correction(
            body.event_id, body.field, body.value, author=body.author, note=body.note, lookups=lookups
        )
    if not isinstance(body.value, bool):
        raise ContractError("not_an_event takes true (retract) or false (restore)")
    if body.value and not (body.note or "").strip():
        raise ContractError("say why it is not an event (note)")
    full_id, changed = store.mark_not_an_event(body.event_id, body.value, body.author, body.note)
    return (
        [{"event_id": full_id, "field": NOT_AN_EVENT, "old": not body.value, "new": body.value}]
        if changed
        else []
    )


class Extractor:
    """One pipeline per server (loading the model takes seconds), rebuilt when the database's user places
    change; one extraction at a time (the pipeline is not shared between threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pipeline: Pipeline | None = None
        self.places: Any = None

    def extract(self, ctx: Context, store: Store, doc_ids: list[str]) -> int:
        with self.lock:
            places = user_places(store)
            if self.pipeline is None or places != self.places:
                self.pipeline, self.places = make_pipeline(store, ctx.settings), places
            return extract_into(store, self.pipeline, doc_ids).events


def write_router() -> APIRouter:
    router = APIRouter(prefix="/api", tags=["write"])
    extractor = Extractor()

    @router.post("/documents", status_code=201, response_model=IngestAnswer, summary="Ingest a report or URL")
    def post_document(
        ctx: Authorised,
        body: NewDocument,
        extract: Annotated[bool, Query(description="extract (and fuse) the new reports now")] = False,
    ) -> Response:
        """Store a report given as a JSONL record (`text`, optional `title`, `outlet`, `url`, `published`,
        `id`), or fetch `url` (a page or a feed) when no text is given. Ingest's checks apply; the answer lists
        the documents stored and the problems recorded. 422 when nothing could be stored."""
        options = ingest_options(ctx.settings)
        record = body.model_dump(exclude_none=True)
        if body.text is None:
            if not body.url or not is_url(body.url):
                raise ApiError("give the report's text, or an http(s) url to fetch", 422)
            items: list[Document | IngestProblem] = list(ingest([body.url], options))
        else:
            stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            items = ingest_record(record, f"api:{stamp}", options)
        answer: dict[str, Any] = {"documents": [], "problems": []}
        with ctx.store() as store:
            for item in items:
                if isinstance(item, IngestProblem):
                    store.add_problem(item)
                    answer["problems"].append(
                        {
                            "source_uri": item.source_uri,
                            "kind": item.kind,
                            "reason": item.reason,
                            "fatal": item.fatal,
                        }
                    )
                else:
                    added = store.add_document(item)
                    answer["documents"].append({"id": added.doc_id, "new": added.new})
            if extract and answer["documents"]:
                answer["events"] = extractor.extract(ctx, store, [d["id"] for d in answer["documents"]])
        status = 201 if answer["documents"] else 422
        return Response(strict_json(answer), status_code=status, media_type="application/json")

    @router.post("/corrections", status_code=201, response_model=CorrectionAnswer, summary="Correct an event")
    def post_correction(ctx: Authorised, body: NewCorrection) -> Response:
        """An analyst's correction of one field of an event (its id or a unique start), checked against the
        output contract as `frontlines correct` checks it; `field` `not_an_event` with true or false retracts
        or restores the event. Kept apart from machine output and applied on read; a refusal writes nothing."""
        with ctx.store() as store:
            try:
                changes = correct(store, body, ctx)
            except ContractError as exc:
                status = 404 if str(exc).startswith("no event") else 400
                raise ApiError(f"refused: {exc}", status) from exc
        return Response(strict_json({"changes": changes}), status_code=201, media_type="application/json")

    return router
