"""The web map: one page, served by the API's app, where every event and control change is a click from the
sentences that claim it (docs/decisions/0019-web-map.md).

``mount_web(app, settings)`` adds to a FastAPI app:

- ``/``: the page (``static/index.html``), with a Content-Security-Policy that allows scripts, styles, data
  and workers from the app's own origin only (and the user's online tile server, when ``map_tiles`` is set);
- ``/web/static/``: the page's own ES modules and CSS (package data);
- ``/web/vendor/maplibre-gl/``: MapLibre GL JS, from the ``node_modules`` folder that ``npm ci`` filled at
  install time (``scripts/install_web.sh``), never a CDN;
- ``/web/basemap.geojson``: country and governorate outlines (Natural Earth, public domain; ``data/README.md``);
- ``/web/config.json``: what the page needs to know of the settings (the online tile URL, if any) and the
  ACLED taxonomy for its filters.

When the npm assets are missing, the API still works; ``/`` answers 503 with the command that installs them,
and ``web_status`` says so at start-up (``frontlines serve`` prints it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from frontlines.contract import TAXONOMY
from frontlines.settings import Settings

log = logging.getLogger(__name__)

PACKAGE = Path(str(resources.files("frontlines.web")))
STATIC = PACKAGE / "static"
BASEMAP = PACKAGE / "data" / "basemap.geojson"
CHECKOUT_MODULES = PACKAGE.parents[2] / "node_modules"  # src/frontlines/web -> the checkout's root
MAPLIBRE_FILES = ("maplibre-gl.mjs", "maplibre-gl-worker.mjs", "maplibre-gl.css")
INSTALL_HINT = "run `bash scripts/install_web.sh` (npm ci) in the frontlines checkout, or set web_assets"


@dataclass(frozen=True)
class WebStatus:
    """Where the page's libraries were looked for and what is missing there (empty when all is in place)."""

    node_modules: Path
    missing: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing

    def message(self) -> str:
        if self.ok:
            return f"web map: libraries from {self.node_modules}"
        return (
            f"web map unavailable: {', '.join(self.missing)} missing under {self.node_modules}; "
            f"{INSTALL_HINT}. The API works without it."
        )


def node_modules(settings: Settings) -> Path:
    """The ``web_assets`` setting, else the checkout's ``node_modules``, else ``./node_modules``."""
    if settings.web_assets:
        return Path(settings.web_assets).expanduser()
    return CHECKOUT_MODULES if CHECKOUT_MODULES.is_dir() else Path.cwd() / "node_modules"


def web_status(settings: Settings) -> WebStatus:
    folder = node_modules(settings)
    dist = folder / "maplibre-gl" / "dist"
    missing = tuple(f"maplibre-gl/dist/{name}" for name in MAPLIBRE_FILES if not (dist / name).is_file())
    return WebStatus(folder, missing)


def content_security_policy(settings: Settings) -> str:
    """Only the app's own origin may give the page scripts, styles, data, images and workers; no inline
    script, no eval, no plugins, no framing. Strings may not become HTML or scripts (Trusted Types): the page
    builds every element with createElement/textContent, so article text can never be markup."""
    extra = ""
    if settings.map_tiles:
        parts = urlsplit(settings.map_tiles)
        extra = f" {parts.scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "worker-src 'self' blob:",
            "style-src 'self'",
            f"img-src 'self' data: blob:{extra}",
            f"connect-src 'self'{extra}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types maplibregl",
        ]
    )


def page_config(settings: Settings) -> dict[str, Any]:
    return {
        "tiles": settings.map_tiles,
        "tiles_attribution": settings.map_tiles_attribution,
        "taxonomy": {event_type: list(subs) for event_type, subs in TAXONOMY.items()},
    }


def _missing_page(status: WebStatus) -> HTMLResponse:
    body = (
        "<!doctype html><meta charset=utf-8><title>frontlines: map unavailable</title>"
        "<h1>The map's libraries are not installed</h1>"
        "<p>MapLibre GL JS is installed from the npm registry at install time and served by this app. Run "
        "<code>bash scripts/install_web.sh</code> (or <code>bash scripts/install.sh</code>) in the frontlines "
        "checkout, or point the <code>web_assets</code> setting at a <code>node_modules</code> folder holding "
        "<code>maplibre-gl</code>, then restart <code>frontlines serve</code>. The API under "
        '<a href="docs">/docs</a> works without it.</p>'
    )
    return HTMLResponse(body, status_code=503, headers={"Cache-Control": "no-store"})


def mount_web(app: FastAPI, settings: Settings) -> WebStatus:
    """Serve the map page and its files from ``app``; returns where its libraries are and what is missing."""
    status = web_status(settings)
    headers = {
        "Content-Security-Policy": content_security_policy(settings),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> Response:
        if not status.ok:
            return _missing_page(status)
        return FileResponse(STATIC / "index.html", media_type="text/html", headers=headers)

    @app.get("/web/config.json", include_in_schema=False)
    def config() -> JSONResponse:
        return JSONResponse(page_config(settings), headers={"Cache-Control": "no-cache"})

    @app.get("/web/basemap.geojson", include_in_schema=False)
    def basemap() -> FileResponse:
        return FileResponse(BASEMAP, media_type="application/geo+json")

    app.mount("/web/static", StaticFiles(directory=STATIC), name="web-static")
    if status.ok:
        dist = status.node_modules / "maplibre-gl" / "dist"
        app.mount("/web/vendor/maplibre-gl", StaticFiles(directory=dist), name="web-maplibre")
    else:
        log.warning("%s", status.message())
    return status
