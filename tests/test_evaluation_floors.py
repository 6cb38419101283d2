"""The evaluation gate: accuracy floors that CI enforces (as trafilatura pins F1 on its golden corpus).

The floors sit a little under the figures measured when they were set (see the README's Accuracy section), so a
regression fails CI while small honest trade-offs do not. Raise a floor when the pipeline improves; never lower
one without saying why in the commit message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.evaluate import evaluate

REPO = Path(__file__).resolve().parents[1]

# (file under shared/ or the repo, measure, floor)
SHARED_FLOORS = [
    # real articles from many outlets (measured 0.900 recall, 0.900 precision, F1 0.900; actor1 0.934, actor2
    # 0.857, date 0.940, fatalities 0.951, claim chains 0.835, place id 0.906; the session of ADR 0026)
    ("gold/articles-dev.jsonl", "recall", 0.86),
    ("gold/articles-dev.jsonl", "precision", 0.87),
    ("gold/articles-dev.jsonl", "f1", 0.88),
    ("gold/articles-dev.jsonl", "actor1", 0.90),
    ("gold/articles-dev.jsonl", "actor2", 0.84),
    ("gold/articles-dev.jsonl", "date", 0.92),
    ("gold/articles-dev.jsonl", "fatalities", 0.93),
    ("gold/articles-dev.jsonl", "claimed_by", 0.80),
    ("gold/articles-dev.jsonl", "place_correct", 0.88),
    ("gold/samples.jsonl", "recall", 1.0),  # all 23 required events found
    ("gold/samples.jsonl", "precision", 0.85),
    ("gold/samples.jsonl", "actor1", 0.9),
    ("gold/samples.jsonl", "actor2", 0.85),
    ("gold/samples.jsonl", "date", 0.9),
    ("gold/samples.jsonl", "claimed_by", 0.95),
    ("gold/samples.jsonl", "place_correct", 0.83),  # >= 10 of the 12 gold events with place ids
    ("eval/event-location-dev.jsonl", "f1", 0.79),  # issue 9 asks 0.80 (measured 0.801, ADR 0023)
]
DEMO_FLOORS = [
    ("demo/gold/demo.jsonl", "f1", 0.85),  # measured 0.872 with the fusion incidents' 13 reports (ADR 0024)
    ("demo/gold/demo.jsonl", "event_type", 0.9),
    ("demo/gold/demo.jsonl", "date", 0.85),
    ("demo/gold/demo.jsonl", "actor1", 0.84),  # measured 0.872
    ("demo/gold/demo.jsonl", "actor2", 0.67),  # measured 0.692
    ("demo/gold/demo.jsonl", "claimed_by", 0.87),  # measured 0.897
    ("demo/gold/demo.jsonl", "place_correct", 0.85),
]


def measure(report, name: str) -> float:  # type: ignore[no-untyped-def]
    if name == "f1":
        return float(report.f1)
    if name in ("recall", "precision"):
        return float(getattr(report.scores, name).value)
    if name in ("event_type", "place_correct"):
        return float(getattr(report, name).value)
    return float(report.fields[name].value)


@pytest.fixture(scope="module")
def reports(pipeline):  # type: ignore[no-untyped-def]
    cache: dict[Path, object] = {}

    def get(path: Path):  # type: ignore[no-untyped-def]
        if path not in cache:
            cache[path] = evaluate([path], pipeline.extract_document, base_dir=path.parent.parent).reports[0]
        return cache[path]

    return get


@pytest.mark.parametrize(("relpath", "name", "floor"), SHARED_FLOORS)
def test_shared_floor(shared_dir: Path, reports, relpath: str, name: str, floor: float) -> None:  # type: ignore[no-untyped-def]
    value = measure(reports(shared_dir / relpath), name)
    assert value >= floor, f"{relpath} {name} fell to {value:.3f} (floor {floor})"


@pytest.mark.parametrize(("relpath", "name", "floor"), DEMO_FLOORS)
def test_demo_floor(reports, relpath: str, name: str, floor: float) -> None:  # type: ignore[no-untyped-def]
    value = measure(reports(REPO / relpath), name)
    assert value >= floor, f"{relpath} {name} fell to {value:.3f} (floor {floor})"


def test_no_not_event_coded_in_samples(shared_dir: Path, reports) -> None:  # type: ignore[no-untyped-def]
    assert reports(shared_dir / "gold/samples.jsonl").not_event_alarms == 0
