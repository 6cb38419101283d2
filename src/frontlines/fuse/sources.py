"""Independent sources: how many parties vouch for an incident, not how many outlets printed it.

``rule:root-source``: a claim's chain is nearest source first, the outlet last (("SANA", "Press TV") when
Press TV relays SANA), so the source a claim rests on is the FIRST element of its chain that names somebody:
a source of the source table (frontlines.resolve, data/actors/sources.toml) other than the unnamed ones
(``[sources] unnamed`` of data/rules.toml: "a military source", "local sources"), else the outlet that
published the report (it vouches for its unnamed sources and its own reporters), else the report itself.
Press TV relaying SANA and SANA's own report rest on SANA: one source. Two outlets quoting SOHR: one source.

``rule:copies``: a report that is a copy of another (syndicated, or republished under a new headline or with
a credit line) adds no source: two reports are copies when at least ``[copies] min_containment`` of the word
5-grams of the shorter one are in the other. The same text published twice is one document already (its id
is the hash of its text), with each outlet recorded as one of its sources.

The independent sources of a cluster are its claims grouped by those two rules; each group is named by the
source of its earliest published claim.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from frontlines.fuse.records import Sighting, first_published
from frontlines.fuse.rules import Rules

_WORD = re.compile(r"\w+")
Lookup = Callable[[str], str | None]  # a source name as written -> its name in the source table, or None


def table_lookup() -> Lookup:
    """Names through the packaged source table (frontlines.resolve.sources)."""
    from frontlines.resolve.sources import SourceTable

    table = SourceTable.default()

    return functools.lru_cache(maxsize=4096)(table.name_of)


def root_source(s: Sighting, rules: Rules, lookup: Lookup) -> tuple[str, str]:
    """``rule:root-source``: (key, name) of the source the claim rests on; the key compares names."""
    outlet = s.outlet.casefold() if s.outlet else None
    for written in s.source_chain:
        if outlet is not None and written.casefold() == outlet:
            break  # reached the outlet: nobody named before it
        name = lookup(written)
        if name is not None and name.casefold() not in rules.unnamed:
            return name.casefold(), name
    if s.outlet:
        name = lookup(s.outlet) or s.outlet
        return name.casefold(), name
    nearest = s.source_chain[0] if s.source_chain else "unnamed source"
    return f"doc:{s.doc_id}", f"{nearest} (in {s.doc})"


# ---------------------------------------------------------------------------------------------------- copies


def shingles(text: str, size: int) -> frozenset[int]:
    """Hashes of the text's runs of ``size`` words (case folded); a shorter text is one run."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(hash(tuple(words[i : i + size])) for i in range(len(words) - size + 1))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the smaller set that is in the other."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True, slots=True)
class Copy:
    """``doc_id`` is a copy of ``original_id``: ``containment`` of its 5-grams are shared."""

    doc_id: str
    original_id: str
    containment: float


def find_copies(
    groups: Sequence[Sequence[Sighting]], text_of: Callable[[str], str | None], rules: Rules
) -> dict[str, Copy]:
    """``rule:copies`` among the reports of each group (an incident's reports): doc id -> its original (the
    earliest published report of its copies, then the smallest id). Texts are read once each."""
    cache: dict[str, frozenset[int]] = {}

    def grams(doc_id: str) -> frozenset[int]:
        if doc_id not in cache:
            cache[doc_id] = shingles(text_of(doc_id) or "", rules.shingle_words)
        return cache[doc_id]

    parent: dict[str, str] = {}
    best: dict[str, float] = {}
    published: dict[str, tuple[bool, int, str]] = {}

    def root(d: str) -> str:
        while parent.get(d, d) != d:
            d = parent[d]
        return d

    for members in groups:
        docs = sorted({s.doc_id for s in members})
        if len(docs) < 2:
            continue
        for s in members:
            published[s.doc_id] = (*first_published(s)[:2], s.doc_id)
        for a_index, a in enumerate(docs):
            for b in docs[a_index + 1 :]:
                share = containment(grams(a), grams(b))
                if share >= rules.min_containment:
                    ra, rb = root(a), root(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
                    best[a] = max(best.get(a, 0.0), share)
                    best[b] = max(best.get(b, 0.0), share)
    families: dict[str, list[str]] = {}
    for doc_id in best:
        families.setdefault(root(doc_id), []).append(doc_id)
    out: dict[str, Copy] = {}
    for docs in families.values():
        original = min(docs, key=lambda d: published[d])
        for doc_id in docs:
            if doc_id != original:
                out[doc_id] = Copy(doc_id, original, round(best[doc_id], 3))
    return out


# ------------------------------------------------------------------------------------------ independent sources


def independent_sources(
    claims: Sequence[Sighting], copies: Mapping[str, str], rules: Rules, lookup: Lookup
) -> list[tuple[str, list[int]]]:
    """The independent sources of a cluster's claims: (name, positions of the claims resting on it), the
    earliest published first. ``copies`` maps a report to the report it is a copy of."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_by_key: dict[str, int] = {}
    first_by_original: dict[str, int] = {}
    roots = [root_source(s, rules, lookup) for s in claims]
    for i, (s, (key, _)) in enumerate(zip(claims, roots, strict=True)):
        join(i, first_by_key.setdefault(key, i))
        original = copies.get(s.doc_id, s.doc_id)
        join(i, first_by_original.setdefault(original, i))
    groups: dict[int, list[int]] = {}
    for i in range(len(claims)):
        groups.setdefault(root(i), []).append(i)

    def first(i: int) -> tuple[bool, int, str]:
        return first_published(claims[i])

    out = []
    for members in groups.values():
        ordered = sorted(members, key=first)
        out.append((roots[ordered[0]][1], ordered))
    out.sort(key=lambda item: first(item[1][0]))
    return out
