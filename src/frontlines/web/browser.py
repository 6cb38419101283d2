"""Drive the map page in Debian's Chromium, offline: the browser tests (tests/test_web_browser.py) and the
README's screenshot (scripts/screenshot_map.py) share this.

Playwright (a dev dependency, PyPI ``playwright``) drives the SYSTEM browser, ``/usr/bin/chromium`` (apt-get
``chromium``, installed by scripts/install_chromium.sh); no browser is ever downloaded. The browser runs
headless with a fresh profile and with its background networking off, and every request the page makes to
an address other than loopback is refused and recorded (``Browser.outside``), so a test can prove the page
needs no internet.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from frontlines.settings import Settings

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Playwright, Route

CHROMIUM = Path(os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
READY_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The app of ``settings`` (frontlines.api.create_app, with the map) under uvicorn on a free loopback
    port, in a thread, for the duration of the block; yields its base URL."""
    import uvicorn

    from frontlines.api import create_app

    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@dataclass
class Browser:
    """An open page in a fresh Chromium profile, with what it tried to reach outside loopback and what it
    logged as errors."""

    context: BrowserContext
    page: Page
    outside: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def load(self, url: str) -> float:
        """Open the page and wait until its events and control are drawn; returns the seconds it took."""
        start = time.perf_counter()
        self.page.goto(url, wait_until="domcontentloaded")
        self.page.wait_for_function(
            "() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error'",
            timeout=READY_TIMEOUT_MS,
        )
        elapsed = time.perf_counter() - start
        state = self.page.evaluate("() => document.body.dataset.ready")
        if state != "true":
            status = self.page.locator("#status").text_content()
            raise RuntimeError(f"the page failed to start: {status}; console: {self.console_errors}")
        return elapsed

    def timings(self) -> dict[str, Any]:
        return dict(self.page.evaluate("() => ({...window.frontlines.timings})"))


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOOPBACK


@contextmanager
def playwright() -> Iterator[Playwright]:
    """Playwright's driver (one per thread: its sync API does not nest)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@contextmanager
def chromium(driver: Playwright, width: int = 1400, height: int = 900) -> Iterator[Browser]:
    """Debian's Chromium, headless, in a fresh profile; requests outside loopback are refused and recorded."""
    if not CHROMIUM.is_file():
        raise FileNotFoundError(
            f"{CHROMIUM} is missing: run `bash scripts/install_chromium.sh` (apt-get install chromium)"
        )
    with tempfile.TemporaryDirectory(prefix="frontlines-chromium-") as profile:
        context = driver.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            headless=True,
            args=list(CHROMIUM_FLAGS),
            viewport={"width": width, "height": height},
            service_workers="block",
        )
        page = context.pages[0] if context.pages else context.new_page()
        browser = Browser(context, page)

        def guard(route: Route) -> None:
            url = route.request.url
            if is_local(url):
                route.continue_()
            else:
                browser.outside.append(url)
                route.abort("blockedbyclient")

        context.route("**/*", guard)
        context.on("request", lambda request: browser.requests.append(request.url))
        page.on("console", lambda m: browser.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: browser.console_errors.append(f"pageerror: {error}"))
        try:
            yield browser
        finally:
            context.close()


def screenshot(
    settings: Settings,
    out: Path,
    date: str | None = None,
    event: str | None = None,
    driver: Playwright | None = None,
) -> dict[str, Any]:
    """Serve the database of ``settings``, open the map (control at ``date`` and the panel of ``event``, if
    given) and save a PNG of the page at ``out``; returns the load time and the page's own timings."""
    if driver is None:
        with playwright() as own:
            return screenshot(settings, out, date, event, own)
    with serving(settings) as url, chromium(driver) as browser:
        seconds = browser.load(url)
        page = browser.page
        if date is not None:
            page.evaluate("(d) => window.frontlines.control.show(d)", date)
            page.wait_for_function("(d) => document.body.dataset.controlDate === d", arg=date)
        if event is not None:
            page.evaluate("(id) => window.frontlines.openEvent(id)", event)
            page.wait_for_function("(id) => document.body.dataset.event === id", arg=event)
            # the panel from the incident's sources on: conflicts and the highlighted report in view
            page.evaluate("() => document.querySelector('#panel .incident').scrollIntoView({block: 'start'})")
        page.evaluate("() => window.frontlines.idle()")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        if browser.outside:
            raise RuntimeError(f"the page tried to reach the internet: {browser.outside}")
        return {"load_seconds": seconds, "timings": browser.timings(), "outside": browser.outside}
