"""Outlet profiles: how often an outlet's reports use each technique (spans per 1,000 words) and which labels
its events give which actors, per period (`frontlines outlets`). Built from the store's rows
(`Store.outlet_profiles`), so that the figures are those of the stored extraction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

LOADED = "Loaded_Language"
NAME_CALLING = "Name_Calling,Labeling"


def per_thousand(count: int, words: int) -> float | None:
    """``count`` per 1,000 words, 2 decimals; None when no word was read."""
    return round(1000 * count / words, 2) if words else None


def profiles(rates: Iterable[Mapping[str, Any]], labels: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One profile per outlet and period, in outlet then period order: reports, words, spans and their rates
    by technique, and the labels given to each actor (most frequent first)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rates:
        spans = dict(sorted(row["spans"].items()))
        out[(row["outlet"], row["period"])] = {
            "outlet": row["outlet"],
            "period": row["period"],
            "reports": row["reports"],
            "words": row["words"],
            "loaded_language_per_1000_words": per_thousand(spans.get(LOADED, 0), row["words"]),
            "name_calling_per_1000_words": per_thousand(spans.get(NAME_CALLING, 0), row["words"]),
            "spans": spans,
            "per_1000_words": {t: per_thousand(n, row["words"]) for t, n in spans.items()},
            "labels": [],
        }
    for row in labels:
        key = (row["outlet"], row["period"])
        profile = out.setdefault(key, _empty(*key))
        profile["labels"].append(
            {
                "actor_id": row["actor_id"],
                "actor": row["actor"],
                "label": row["label"],
                "tone": row["tone"],
                "count": int(row["n"]),
            }
        )
    return [out[key] for key in sorted(out)]


def _empty(outlet: str, period: str) -> dict[str, Any]:
    """A period with labelled events but no report the slant stage read (extracted with it off, say)."""
    return {
        "outlet": outlet,
        "period": period,
        "reports": 0,
        "words": 0,
        "loaded_language_per_1000_words": None,
        "name_calling_per_1000_words": None,
        "spans": {},
        "per_1000_words": {},
        "labels": [],
    }


def label_summary(labels: Sequence[Mapping[str, Any]], limit: int = 6) -> list[str]:
    """Lines for people: 'terrorists → Hayat Tahrir al-Sham (pejorative) ×5', pejorative labels first."""
    ordered = sorted(labels, key=lambda x: (x["tone"] != "pejorative", -x["count"], x["label"]))
    lines = [
        f"{x['label']} → {x['actor'] or x['actor_id']} ({x['tone'] or 'unlisted'}) ×{x['count']}"
        for x in ordered[:limit]
    ]
    if len(ordered) > limit:
        lines.append(f"… {len(ordered) - limit} more")
    return lines
