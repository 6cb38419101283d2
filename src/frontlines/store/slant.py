"""The slant tables: each report's propaganda-technique spans and word count, the tone of the labels its events
give each side, and the outlet profiles read from them (`frontlines outlets`). Called by `Store`; every
statement is parameterised, and the period grouping picks one of two fixed expressions, never text from data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from frontlines.records import Document, Event
from frontlines.store.backend import Connection

PERIODS = {"year": 4, "month": 7}  # characters of the ISO publication date that make the period
UNDATED = "(undated)"
UNKNOWN_OUTLET = "(unknown)"


def replace(conn: Connection, doc: Document, events: Sequence[Event]) -> None:
    """Replace a document's slant rows (inside the caller's transaction). A document extracted without the
    slant stage (``doc.slant`` None) is left with none, so profiles never count it as free of slant."""
    conn.execute("DELETE FROM slant_spans WHERE doc_id = ?", (doc.id,))
    conn.execute("DELETE FROM slant_documents WHERE doc_id = ?", (doc.id,))
    conn.execute("DELETE FROM event_labels WHERE doc_id = ?", (doc.id,))
    if doc.slant is None:
        return
    conn.execute(
        "INSERT INTO slant_documents (doc_id, words, version) VALUES (?, ?, ?)",
        (doc.id, doc.slant.words, doc.slant.version),
    )
    conn.executemany(
        'INSERT INTO slant_spans (doc_id, technique, start, "end", text, score, rule)'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(doc.id, s.technique, s.start, s.end, s.text, s.score, s.rule) for s in doc.slant.spans],
    )
    conn.executemany(
        "INSERT INTO event_labels (event_id, doc_id, role, actor_id, label, tone, rule)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id, role) DO UPDATE SET doc_id = excluded.doc_id,"
        " actor_id = excluded.actor_id, label = excluded.label, tone = excluded.tone, rule = excluded.rule",
        [
            (event.event_id, doc.id, label.role, label.actor_id, label.label, label.tone, label.rule)
            for event in events
            for label in event.claim.labels
        ],
    )


def with_defaults(record: dict[str, Any]) -> dict[str, Any]:
    """An event record stored before the slant fields existed, with them as unknown (until re-extracted)."""
    record.setdefault("actor1_label_tone", None)
    record.setdefault("actor2_label_tone", None)
    record.setdefault("slant", [])
    return record


def spans(conn: Connection, doc_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        'SELECT technique, start, "end", text, score, rule FROM slant_spans WHERE doc_id = ?'
        ' ORDER BY start, "end"',
        (doc_id,),
    )
    return [dict(r) for r in rows]


def _period_sql(period: str) -> str:
    if period not in PERIODS:
        raise ValueError(f"period {period!r}: one of {', '.join(PERIODS)}")
    return f"COALESCE(substr(d.published, 1, {PERIODS[period]}), '{UNDATED}')"


def rates(conn: Connection, period: str) -> list[dict[str, Any]]:
    """Per outlet and period: reports the slant stage read, their words, and spans by technique."""
    when = _period_sql(period)
    outlet = f"COALESCE(d.outlet, '{UNKNOWN_OUTLET}')"
    totals = conn.execute(
        f"SELECT {outlet} AS outlet, {when} AS period, COUNT(*) AS reports, SUM(sd.words) AS words"  # noqa: S608
        " FROM slant_documents sd JOIN documents d ON d.id = sd.doc_id GROUP BY 1, 2 ORDER BY 1, 2"
    ).fetchall()
    counts = conn.execute(
        f"SELECT {outlet} AS outlet, {when} AS period, s.technique, COUNT(*) AS n"  # noqa: S608
        " FROM slant_spans s JOIN documents d ON d.id = s.doc_id GROUP BY 1, 2, 3"
    ).fetchall()
    by_key: dict[tuple[str, str], dict[str, int]] = {}
    for row in counts:
        by_key.setdefault((row["outlet"], row["period"]), {})[row["technique"]] = int(row["n"])
    return [
        {
            "outlet": row["outlet"],
            "period": row["period"],
            "reports": int(row["reports"]),
            "words": int(row["words"] or 0),
            "spans": by_key.get((row["outlet"], row["period"]), {}),
        }
        for row in totals
    ]


def labels(conn: Connection, period: str) -> list[dict[str, Any]]:
    """Per outlet and period: the labels its events give each actor, with their tone and how often."""
    when = _period_sql(period)
    rows = conn.execute(
        f"SELECT COALESCE(d.outlet, '{UNKNOWN_OUTLET}') AS outlet, {when} AS period, l.actor_id,"  # noqa: S608
        " CASE l.role WHEN 'actor1' THEN e.actor1 ELSE e.actor2 END AS actor, lower(l.label) AS label,"
        " l.tone, COUNT(*) AS n"
        " FROM event_labels l JOIN events e ON e.event_id = l.event_id JOIN documents d ON d.id = l.doc_id"
        " GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, n DESC, 5"
    ).fetchall()
    return [dict(r) for r in rows]
