#!/usr/bin/env python3
"""Benchmark ingest (and storing) on a corpus grown to N documents.

Copies a corpus folder (default demo/corpus) again and again into a temporary folder until its files hold
N documents (default 10,000), changing each copy's text slightly so that every copy gets its own document id
(ids are content hashes): a reference is added to plain text, to the paragraphs of a page or feed entry, and
to the text field of JSONL/CSV records; record ids and entry links get a copy suffix.

Then, in a fresh subprocess (so the peak memory is that of the measurement alone), it times
``frontlines.ingest.ingest`` over the folder and ``frontlines.store.Store.add_document`` / ``add_problem`` for
every item, and prints documents/s and peak resident memory (ru_maxrss). Without frontlines.store it times
ingest only and says so.

    .venv/bin/python scripts/bench_ingest.py
    .venv/bin/python scripts/bench_ingest.py some/corpus -n 2000 --no-store
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "demo" / "corpus"
TEXT_FIELDS = ("text", "body", "content", "article")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
HTML_SUFFIXES = (".html", ".htm")
_ENTRY_START = re.compile(r"(?=<(?:item|entry)[\s>])")
_PARAGRAPH_END = re.compile(r"</p>", re.IGNORECASE)
_PARAGRAPH_START = re.compile(r"<p(?:\s[^>]*)?>", re.IGNORECASE)
_BODY_END = re.compile(r"(?:\]\]>)?</(?:description|summary|content|content:encoded)>")


# -------------------------------------------------------------------------------------------- variation


def marker(copy: int) -> str:
    return f" (Ref. {copy})"


def vary_record(record: dict[str, Any], copy: int) -> dict[str, Any]:
    """A JSONL/CSV record with a copy suffix on its id and url and a reference added to its text."""
    varied = dict(record)
    for key in TEXT_FIELDS:
        if isinstance(varied.get(key), str):
            varied[key] += marker(copy)
            break
    if varied.get("id"):
        varied["id"] = f"{varied['id']}-copy{copy}"
    if isinstance(varied.get("url"), str) and varied["url"]:
        varied["url"] += f"?copy={copy}"
    return varied


def vary_jsonl(text: str, copy: int) -> str:
    lines = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            lines.append(line)  # a malformed line stays malformed: ingest reports it as a problem
            continue
        lines.append(
            json.dumps(vary_record(record, copy), ensure_ascii=False) if isinstance(record, dict) else line
        )
    return "\n".join(lines) + "\n"


def vary_csv(text: str, copy: int) -> str:
    reader = csv.DictReader(io.StringIO(text))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(reader.fieldnames or []))
    writer.writeheader()
    for row in reader:
        writer.writerow(vary_record(dict(row), copy))
    return out.getvalue()


def vary_markup(text: str, copy: int) -> str:
    """Add the reference to every paragraph (else to the description) of the page / of every feed entry:
    every paragraph, because a page's extractor may drop some of them as boilerplate."""

    def first_body(chunk: str) -> str:
        varied, count = _PARAGRAPH_END.subn(lambda m: marker(copy) + m.group(0), chunk)
        if not count:  # unclosed paragraphs (broken pages): after each opening tag instead
            varied, count = _PARAGRAPH_START.subn(lambda m: m.group(0) + marker(copy).strip() + " ", chunk)
        return varied if count else _BODY_END.sub(lambda m: marker(copy) + m.group(0), chunk, count=1)

    chunks = _ENTRY_START.split(text)
    if len(chunks) == 1:
        return first_body(text)
    entries = [first_body(chunk) for chunk in chunks[1:]]
    entries = [re.sub(r"</(link|guid|id)>", rf"?copy={copy}</\1>", entry) for entry in entries]
    entries = [re.sub(r'(<link\b[^>]*href=")([^"]*)"', rf'\1\2?copy={copy}"', entry) for entry in entries]
    return chunks[0] + "".join(entries)


def vary(path: Path, text: str, copy: int) -> str:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return vary_jsonl(text, copy)
    if suffix == ".csv":
        return vary_csv(text, copy)
    if suffix in FEED_SUFFIXES or suffix in HTML_SUFFIXES:
        return vary_markup(text, copy)
    return text.rstrip("\n") + marker(copy) + "\n"


def documents_in(path: Path) -> int:
    """How many documents ingest reads from one file (counted once, outside the measurement)."""
    from frontlines.ingest import ingest
    from frontlines.records import Document

    return sum(isinstance(item, Document) for item in ingest([str(path)]))


def grow_corpus(corpus: Path, target: Path, documents: int) -> tuple[int, int]:
    """Write varied copies of ``corpus`` into ``target`` until they hold ``documents``; (files, documents)."""
    sources = [
        p for p in sorted(corpus.rglob("*")) if p.is_file() and not p.name.lower().startswith("readme")
    ]
    counts = {path: documents_in(path) for path in sources}
    if not sum(counts.values()):
        raise SystemExit(f"{corpus}: ingest reads no document from this folder")
    files = written = copy = 0
    while written < documents:
        copy += 1
        for path in sources:
            if written >= documents:
                break
            text = path.read_text(encoding="utf-8", errors="replace")
            destination = target / f"copy{copy:05d}" / path.relative_to(corpus)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(vary(path, text, copy), encoding="utf-8")
            files += 1
            written += counts[path]
    return files, written


# ---------------------------------------------------------------------------------------------- measure


def measure(folder: Path, use_store: bool) -> dict[str, Any]:
    """Run inside the child: ingest every file of ``folder``, storing each item when asked and possible."""
    from frontlines.ingest import ingest
    from frontlines.records import Document

    store: Any = None
    note = "ingest only (--no-store)"
    if use_store:
        try:
            from frontlines.store import Store

            store = Store.open(folder.parent / "bench.sqlite")
            note = "ingest + store"
        except (ImportError, AttributeError) as error:
            note = f"ingest only: frontlines.store unavailable ({error})"
    documents = problems = 0
    ids: set[str] = set()
    started = time.perf_counter()
    for item in ingest([str(folder)]):
        if isinstance(item, Document):
            documents += 1
            ids.add(item.id)
            if store is not None:
                store.add_document(item)
        else:
            problems += 1
            if store is not None:
                store.add_problem(item)
    seconds = time.perf_counter() - started
    if store is not None:
        store.close()
    return {
        "measured": note,
        "documents": documents,
        "distinct_ids": len(ids),
        "problems": problems,
        "seconds": round(seconds, 3),
        "documents_per_s": round(documents / seconds, 1) if seconds else None,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="folder to copy")
    parser.add_argument(
        "-n", "--documents", type=int, default=10_000, help="documents to ingest (default 10000)"
    )
    parser.add_argument("--no-store", action="store_true", help="time ingest alone")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(measure(args.child, not args.no_store)))
        return 0
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not a folder (give a corpus folder)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "corpus"
        files, expected = grow_corpus(args.corpus, folder, args.documents)
        print(f"wrote {files} files holding {expected} documents from {args.corpus}")
        command = [sys.executable, __file__, "--child", str(folder)] + (
            ["--no-store"] if args.no_store else []
        )
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(f"measurement failed:\n{done.stderr}", file=sys.stderr)
        return 1
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"measured: {result['measured']}")
    print(f"documents: {result['documents']} ({result['distinct_ids']} distinct ids)")
    print(f"problems: {result['problems']}")
    print(f"time: {result['seconds']} s, {result['documents_per_s']} documents/s")
    print(f"peak RSS: {result['peak_rss_mb']} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
