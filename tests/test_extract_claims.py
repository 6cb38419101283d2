"""Two extractions on one database, as a specification: they share the work instead of each doing all of it.

A run claims a document before extracting it (a lease with a holder and an expiry, taken in a transaction);
another run leaves a claimed document alone until the lease expires or its holder is known to be dead.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from frontlines.ingest import document_id
from frontlines.records import Document
from frontlines.store import Store
from frontlines.store.backend import connect
from frontlines.store.claims import claim, holder_is_alive, new_holder
from frontlines.store.migrations import MIGRATIONS, migrate

VERSION = "test-version"
PLACES = ("Khan Tuman", "al-Eis", "Tal Hadiya", "Zitan", "Barna", "Qarassi", "Hardana", "Nubl")


def _documents(n: int) -> list[Document]:
    texts = [
        f"Report {i}: Syrian army troops shelled the village of {PLACES[i % len(PLACES)]} on day {i} of the "
        f"offensive, killing {i % 5 + 2} fighters, SANA reported."
        for i in range(n)
    ]
    return [Document(id=document_id(t), text=t, source_uri=f"test:{i}") for i, t in enumerate(texts)]


@pytest.fixture
def store(database: str) -> Any:
    with Store.open(database) as store:
        for document in _documents(3):
            store.add_document(document)
        yield store


def _dead_pid() -> int:
    """The id of a process that has ended (a child reaped here)."""
    child = multiprocessing.get_context("fork").Process(target=lambda: None)
    child.start()
    child.join()
    assert child.pid is not None
    return child.pid


# ------------------------------------------------------------------------------------------------ the lease


def test_a_claimed_document_is_left_to_its_holder_until_the_lease_expires(store: Store) -> None:
    doc = _documents(1)[0].id
    now = time.time()
    assert claim(store.conn, doc, "a", VERSION, 60, now=now)
    assert not claim(store.conn, doc, "b", VERSION, 60, now=now + 59)
    assert claim(store.conn, doc, "a", VERSION, 60, now=now + 59)  # its holder may claim it again
    assert claim(store.conn, doc, "b", VERSION, 60, now=now + 120)  # expired: taken over


def test_a_claim_of_a_dead_process_of_this_machine_is_taken_over_at_once(store: Store) -> None:
    doc = _documents(1)[0].id
    dead = f"{socket.gethostname()}:{_dead_pid()}:abc"
    assert not holder_is_alive(dead)
    assert holder_is_alive(f"{socket.gethostname()}:{os.getpid()}:abc")
    assert holder_is_alive(f"another-host.invalid:{_dead_pid()}:abc")  # another machine: only expiry tells
    assert claim(store.conn, doc, dead, VERSION, 600)
    assert claim(store.conn, doc, new_holder(), VERSION, 600)


def test_an_extracted_document_is_not_claimed_again_unless_forced(store: Store) -> None:
    document = _documents(1)[0]
    store.replace_events(document, [], VERSION)
    assert not store.claim(document.id, "a", VERSION, 60)
    assert store.claim(document.id, "a", "another-version", 60)  # a new pipeline version redoes it
    assert store.claim(document.id, "b", VERSION, 60, force=True) is False  # "a" holds it
    store.release_claims("a")
    assert store.claim(document.id, "b", VERSION, 60, force=True)


def test_storing_the_events_ends_the_claim_and_release_ends_the_rest(store: Store) -> None:
    first, second, third = _documents(3)
    for document in (first, second, third):
        assert store.claim(document.id, "a", VERSION, 60)
    store.replace_events(first, [], VERSION)
    store.release_claims("a", second.id)
    assert store.claim(second.id, "b", VERSION, 60)
    assert not store.claim(third.id, "b", VERSION, 60)
    store.release_claims("a")
    assert store.claim(third.id, "b", VERSION, 60)


def test_an_unknown_document_cannot_be_claimed(store: Store) -> None:
    assert not store.claim("no-such-document", "a", VERSION, 60)


def test_a_database_of_the_first_schema_gains_the_claims_table_and_keeps_its_documents(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = database
    conn = connect(db)
    monkeypatch.setattr("frontlines.store.migrations.MIGRATIONS", MIGRATIONS[:1])
    assert migrate(conn) == [1]
    conn.close()
    monkeypatch.undo()
    with Store.open(db) as store:
        document = _documents(1)[0]
        store.add_document(document)
        assert store.schema_version() == MIGRATIONS[-1].version >= 2
        assert store.claim(document.id, "a", VERSION, 60)


# ------------------------------------------------------------------------------------------- two processes


def _extract_in_child(db: str, log: str, barrier: Any) -> None:
    """A child process: load the pipeline, wait for the other, then extract; log each document it stores."""
    from frontlines.pipeline import Pipeline
    from frontlines.settings import Settings
    from frontlines.workflow import extract_into

    real = Store.replace_events

    def logged(self: Store, doc: Document, *args: Any) -> None:
        real(self, doc, *args)
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {doc.id}\n")

    Store.replace_events = logged  # type: ignore[method-assign]
    pipeline = Pipeline(Settings(batch_size=2))
    barrier.wait(timeout=300)
    with Store.open(db) as store:
        extract_into(store, pipeline)


def test_two_extract_processes_on_one_store_do_each_document_once(tmp_path: Path, database: str) -> None:
    db, log = database, tmp_path / "stored.log"
    documents = _documents(24)
    with Store.open(db) as store:
        for document in documents:
            store.add_document(document)
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(2)
    children = [ctx.Process(target=_extract_in_child, args=(str(db), str(log), barrier)) for _ in range(2)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=600)
    assert [child.exitcode for child in children] == [0, 0]
    lines = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
    per_document = Counter(doc for _, doc in lines)
    assert per_document == Counter({d.id: 1 for d in documents})  # each stored once, none left out
    with Store.open(db) as store:
        assert store.pending_extraction(store_version(store)) == []
        assert store.conn.execute("SELECT COUNT(*) FROM extraction_claims").fetchone()[0] == 0


def store_version(store: Store) -> str:
    """The pipeline version the children extracted with (every document has it)."""
    [version] = {r[0] for r in store.conn.execute("SELECT pipeline_version FROM extractions")}
    return str(version)
