"""Rendering evaluation reports: tables for people, JSON for machines."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from frontlines.evaluate import EvaluationReport
from frontlines.evaluate.goldreport import DocumentScore, FalseAlarm, GoldReport, Miss
from frontlines.evaluate.locations import LocationReport, PlaceSpan, score_sentence, summarise_locations
from frontlines.evaluate.metrics import Ratio, Scores
from frontlines.evaluate.report import percent, render, to_json


def gold_report() -> GoldReport:
    scores = Scores(recall=Ratio(3, 4), precision=Ratio(3, 5))
    return GoldReport(
        path="gold/g.jsonl",
        scores=scores,
        predictions=6,
        optional_matched=1,
        not_event_alarms=1,
        event_type=Ratio(3, 3),
        fields={"actor1": Ratio(2, 3), "date": Ratio(0, 3)},
        place_correct=Ratio(1, 2),
        place_unresolved=Ratio(1, 3),
        documents=(DocumentScore("reports/r1.txt", scores, 6, 1, 1),),
        misses=(
            Miss(
                "reports/r1.txt",
                2,
                "Kafr Beta",
                "Armed clash",
                "clashes",
                "place not predicted",
                "place not found",
            ),
        ),
        false_alarms=(
            FalseAlarm("r1", "not_event", "Deir Gamma", "Armed clash", "…", "caption", "photo caption"),
        ),
        field_errors=(),
        wrong_places=(),
        warnings=("a warning",),
    )


def location_report() -> LocationReport:
    sentence = score_sentence("s1", "Masdar", [PlaceSpan("Tell Alpha", 0, 10)], [PlaceSpan("Hama", 20, 24)])
    return summarise_locations("eval/e.jsonl", [sentence])


def rendered(report: EvaluationReport, details: bool) -> str:
    console = Console(record=True, width=200, color_system=None)
    render(report, console, details=details)
    return console.export_text()


@pytest.mark.parametrize(("value", "shown"), [(0.8125, "81.2%"), (1.0, "100.0%"), (None, "–")])
def test_percent(value: float | None, shown: str) -> None:
    assert percent(value) == shown


def test_the_table_shows_headline_figures_and_per_document_rows() -> None:
    text = rendered(EvaluationReport((gold_report(), location_report())), details=False)
    assert "event recall" in text and "75.0%" in text and "3/4" in text
    assert "reports/r1.txt" in text
    assert "warning: a warning" in text
    assert "Masdar" in text and "0.0% (0/1)" in text
    assert "Misses" not in text


def test_details_list_misses_and_false_alarms() -> None:
    text = rendered(EvaluationReport((gold_report(), location_report())), details=True)
    assert "Kafr Beta" in text and "place not predicted" in text
    assert "photo caption" in text and "Deir Gamma" in text
    assert "Missed locations" in text and "Tell Alpha" in text


def test_errors_are_counted_by_cause() -> None:
    report = gold_report()
    assert report.causes() == {"miss: place not found": 1, "false alarm: photo caption": 1}
    assert "Errors by cause" in rendered(EvaluationReport((report,)), details=False)


def test_json_carries_every_figure_with_its_counts() -> None:
    data = json.loads(to_json(EvaluationReport((gold_report(), location_report()))))
    gold, locations = data["reports"]
    assert gold["f1"] == round(2 * 0.75 * 0.6 / 1.35, 4)
    assert gold["fields"]["date"] == {"hits": 0, "total": 3, "value": 0.0}
    assert gold["false_alarms"][0]["kind"] == "not_event"
    assert locations["by_source"]["Masdar"]["precision"]["total"] == 1
    assert locations["false_alarms"] == [{"id": "s1", "text": "Hama", "start": 20, "end": 24}]
