"""Write docs/img/map.png, the README's picture of the map: the demo corpus (demo/corpus) ingested and
extracted into a fresh database, served on a loopback port and shown in Debian's Chromium (the same code as
the browser tests: frontlines.web.browser). The panel shows the incident the most independent sources tell
with a conflict between them, and control on its date.

    .venv/bin/python scripts/screenshot_map.py [--out docs/img/map.png]

Needs the map's libraries (scripts/install_web.sh) and /usr/bin/chromium (scripts/install_chromium.sh).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import urllib.request
from pathlib import Path

from frontlines.pipeline import Pipeline
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.web.browser import screenshot, serving
from frontlines.workflow import extract_into, ingest_into

REPO = Path(__file__).resolve().parents[1]


def demo_database(folder: Path) -> Path:
    db = folder / "demo.db"
    with Store.open(db) as store:
        ingest_into(store, [str(REPO / "demo" / "corpus")], Settings())
        extract_into(store, Pipeline())
    return db


def disputed_incident(settings: Settings) -> tuple[str, str]:
    """The event and date of the incident told by the most independent sources that has a conflict."""
    with serving(settings) as url, urllib.request.urlopen(f"{url}api/clusters?conflicts=true&limit=500") as r:
        clusters = json.load(r)["clusters"]
    best = max(clusters, key=lambda c: (c["independent_source_count"], c["claim_count"], c["cluster_id"]))
    return best["claims"][0]["event_id"], best["event_date"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "img" / "map.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="frontlines-screenshot-") as folder:
        settings = Settings(db=str(demo_database(Path(folder))))
        event, date = disputed_incident(settings)
        result = screenshot(settings, args.out, date=date, event=event)
    print(f"wrote {args.out}: event {event}, control on {date}")
    print(f"page load time {result['load_seconds']:.2f} s; page timings (ms) {result['timings']}")


if __name__ == "__main__":
    main()
