"""What the API's requests share: the settings, a store per request, and views computed over the whole store
(clusters, control, the names events use), cached until the database changes.

A request opens its own connection (:meth:`Context.store`) and closes it when it is answered: SQLite
connections are never shared between threads (FastAPI runs plain ``def`` endpoints in a thread pool). One
more connection, the *watcher*, is only asked the database's change counter (``listing.data_version``), under
a lock; when it moves, another connection committed, and every cached view is recomputed on its next use. A
view is computed once however many requests wait for it (a lock per view).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from frontlines.control import DEFAULT_WINDOW, ControlIndex, load_index, side_lookup
from frontlines.control.areas import Tessellation
from frontlines.fuse.records import Cluster
from frontlines.fuse.stored import read_clusters
from frontlines.resolve.actors import ActorTable
from frontlines.settings import Settings
from frontlines.store import NoDatabase, NotADatabase, Store, listing

T = TypeVar("T")
COUNTS = 4096  # listing totals remembered (a few hundred bytes each)


class Unavailable(Exception):
    """The database cannot be opened (none at the path, or not a frontlines database): answered with 503."""


class Context:
    """The app's state: settings, the watcher connection and the cached views."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._watch_lock = threading.Lock()
        self._watcher: Store | None = None
        self._views: dict[str, tuple[int | str, Any]] = {}
        self._view_locks: dict[str, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._actors: ActorTable | None = None
        self._counts: OrderedDict[Hashable, tuple[int | str, int]] = OrderedDict()
        self._counts_lock = threading.Lock()

    @property
    def read_only(self) -> bool:
        return not self.settings.api_token

    # ------------------------------------------------------------------------------------------ stores

    def open_store(self) -> Store:
        """A new connection to the settings' database. A read-only server never creates one."""
        try:
            return Store.open(self.settings.db, create=not self.read_only)
        except NoDatabase as exc:
            raise Unavailable(
                f"no database at {self.settings.db}: nothing has been ingested there (start with --db?)"
            ) from exc
        except NotADatabase as exc:
            raise Unavailable(str(exc)) from exc

    @contextmanager
    def store(self) -> Iterator[Store]:
        store = self.open_store()
        try:
            yield store
        finally:
            store.close()

    def version(self) -> int | str:
        """The database's change counter, as the watcher connection sees it."""
        with self._watch_lock:
            if self._watcher is None:
                self._watcher = self.open_store()
            return listing.data_version(self._watcher.conn)

    def close(self) -> None:
        with self._watch_lock:
            if self._watcher is not None:
                self._watcher.close()
                self._watcher = None

    # ------------------------------------------------------------------------------------------- views

    def view(self, name: str, compute: Callable[[Store], T]) -> T:
        """The view ``name`` of the database as it is now: cached, or computed with a new connection."""
        version = self.version()
        cached = self._views.get(name)
        if cached is not None and cached[0] == version:
            return cached[1]
        with self._locks_lock:
            lock = self._view_locks.setdefault(name, threading.Lock())
        with lock:
            cached = self._views.get(name)
            if cached is not None and cached[0] == version:
                return cached[1]
            with self.store() as store:
                value = compute(store)
            self._views[name] = (version, value)
            return value

    def count(self, key: Hashable, compute: Callable[[], int]) -> int:
        """A count (the total of a listing's filters) as of the database's current version: remembered for
        the next pages of the same listing (at most :data:`COUNTS` of them, least recently used dropped)."""
        version = self.version()
        with self._counts_lock:
            found = self._counts.get(key)
            if found is not None and found[0] == version:
                self._counts.move_to_end(key)
                return found[1]
        value = compute()
        with self._counts_lock:
            self._counts[key] = (version, value)
            self._counts.move_to_end(key)
            while len(self._counts) > COUNTS:
                self._counts.popitem(last=False)
        return value

    def actors(self) -> ActorTable:
        if self._actors is None:
            table = ActorTable.default()
            self._actors = table.with_file(self.settings.actors_file) if self.settings.actors_file else table
        return self._actors

    def clusters(self) -> Clusters:
        return self.view(
            "clusters", lambda store: Clusters(read_clusters(store) if store.fusion_run() else [])
        )

    def control(self) -> ControlIndex:
        def side(actor_id: str) -> str | None:
            table = self.actors()
            try:
                return table.get(actor_id).side
            except KeyError:
                return None

        return self.view("control", lambda store: load_index(store, side_lookup(side), DEFAULT_WINDOW))

    def tessellation(self) -> Tessellation:
        index = self.control()
        return self.view(
            "tessellation", lambda _store: Tessellation.build(h.place for h in index.histories.values())
        )

    def vocabulary(self) -> dict[str, set[str]]:
        return self.view("vocabulary", lambda store: listing.vocabulary(store.conn))

    def corrected(self) -> list[dict[str, Any]]:
        return self.view("corrected", lambda store: listing.corrected_records(store.conn))


class Clusters:
    """The incidents, and for each event its incident (None: never fused)."""

    def __init__(self, clusters: list[Cluster]) -> None:
        self.clusters = clusters
        self.fused = bool(clusters)
        self.of_event = {event_id: c for c in clusters for event_id in c.event_ids}

    def independent_sources(self, event_id: str) -> int:
        cluster = self.of_event.get(event_id)
        return len(cluster.independent_sources) if cluster else 0
