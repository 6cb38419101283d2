"""How much of a gold set's event places the gazetteer knows: python scripts/gazetteer_coverage.py [GOLD] [ARTICLES]

GOLD defaults to ../shared/gold/articles-dev.jsonl, ARTICLES (the texts, one JSON object with id and text a line)
to ../shared/articles/dev.jsonl. For each required gold event, its place names are the ``location`` and the
``location_alt`` spellings. Prints, over the required events:

- exact: a name is spelled exactly as some place's name (or Arabic name) in the gazetteer;
- resolved: a name matches some place (best candidate's score >= 0.8);
- is_place_name: a name passes ``Gazetteer.is_place_name`` (the extractor's gazetteer evidence, stricter);
- and over the events whose gold has ``place_ids``: the best candidate's id is a gold id (the first name that
  matches, context-free), any candidate of a name is a gold id (the best the geocoder could do), and the id
  the geocoder gives when it reads the location in its article among the article's other gold places.

Measures only; reads the reference data where it is, never copies it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from frontlines.resolve.gazetteer import Gazetteer
from frontlines.resolve.geocode import PlaceMention, geocode

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "gold" / "articles-dev.jsonl"
DEFAULT_ARTICLES = ROOT.parent / "shared" / "articles" / "dev.jsonl"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def names_of(event: dict[str, Any]) -> list[str]:
    return [n for n in [event.get("location"), *(event.get("location_alt") or [])] if n]


def geocoded_ids(gaz: Gazetteer, text: str, events: list[dict[str, Any]]) -> list[str | None]:
    """The geocoder's id for each event's location read in its article (None when not found in the text)."""
    mentions: list[PlaceMention] = []
    at: list[int | None] = []
    for event in events:
        found = next(((n, text.find(n)) for n in names_of(event) if text.find(n) >= 0), None)
        at.append(len(mentions) if found else None)
        if found:
            mentions.append(PlaceMention(found[0], found[1], found[1] + len(found[0])))
    refs = geocode(text, mentions, gaz) if mentions else []
    return [refs[i].place_id if i is not None else None for i in at]


def measure(gaz: Gazetteer, gold: list[dict[str, Any]], texts: dict[str, str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for doc in gold:
        events = [e for e in doc.get("events", []) if e.get("required")]
        in_text = geocoded_ids(gaz, texts.get(doc["doc"], ""), events)
        for event, geocoded in zip(events, in_text, strict=True):
            names = names_of(event)
            counts["required"] += 1
            counts["exact"] += any(s == 1.0 and r in {"exact", "arabic"} for n in names
                                   for _, s, r in gaz.candidates(n)[:1])  # fmt: skip
            counts["resolved"] += any((c := gaz.candidates(n)) and c[0][1] >= 0.8 for n in names)
            counts["is_place_name"] += any(gaz.is_place_name(n) for n in names)
            ids = set(event.get("place_ids") or [])
            if not ids:
                continue
            counts["with ids"] += 1
            best = next((c[0][0].id for n in names if (c := gaz.candidates(n)) and c[0][1] >= 0.8), None)
            counts["best candidate right"] += best in ids
            counts["some candidate right"] += any(p.id in ids for n in names for p, _, _ in gaz.candidates(n))
            counts["geocoded in article right"] += geocoded in ids
            counts["geocoded to a wrong place"] += geocoded is not None and geocoded not in ids
    return counts


def main() -> int:
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_GOLD
    articles_path = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_ARTICLES
    if not gold_path.exists():
        print(f"no gold file at {gold_path}")
        return 1
    texts = {a["id"]: a.get("text", "") for a in read_jsonl(articles_path)} if articles_path.exists() else {}
    gaz = Gazetteer.default()
    counts = measure(gaz, read_jsonl(gold_path), texts)
    print(f"gazetteer: {len(gaz)} places; gold: {gold_path.name}, {counts['required']} required events")
    for key, base in (("exact", "required"), ("resolved", "required"), ("is_place_name", "required"),
                      ("best candidate right", "with ids"),
                      ("some candidate right", "with ids"), ("geocoded in article right", "with ids"),
                      ("geocoded to a wrong place", "with ids")):  # fmt: skip
        share = counts[key] / counts[base] if counts[base] else 0.0
        print(f"  {key:28} {share:6.1%}  ({counts[key]}/{counts[base]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
