"""The span metric of SemEval-2020 Task 11 (frontlines.evaluate.ptc), as a specification: hand-built spans,
hand-computed figures. Character overlap: precision averages, over predicted spans, the share of each that
gold spans cover; recall averages, over gold spans, the share of each that predictions cover."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.evaluate import detect_kind, evaluate
from frontlines.evaluate.ptc import (
    ALL,
    PAIR_NAME,
    load_ptc,
    merge,
    score_article,
    score_ptc,
    score_spans,
)

LL, NC, DOUBT = "Loaded_Language", "Name_Calling,Labeling", "Doubt"


@pytest.mark.parametrize(
    ("predicted", "gold", "precision", "recall"),
    [
        ([(0, 10)], [(0, 10)], 1.0, 1.0),  # exact
        ([(0, 5)], [(0, 10)], 1.0, 0.5),  # half the gold span, all of it inside
        ([(0, 20)], [(0, 10)], 0.5, 1.0),  # twice as long as the gold span
        ([(5, 15)], [(0, 10)], 0.5, 0.5),  # half in, half out
        ([(20, 30)], [(0, 10)], 0.0, 0.0),  # beside it
        ([(0, 10), (20, 30)], [(0, 10)], 0.5, 1.0),  # one of two predictions right: precision halves
        ([(0, 10)], [(0, 10), (20, 30)], 1.0, 0.5),  # one of two gold spans found: recall halves
        ([(0, 4), (6, 10)], [(0, 10)], 1.0, 0.8),  # two pieces of one gold span: their shares add up
        ([(0, 10)], [(0, 6), (4, 10)], 1.0, 1.0),  # overlapping gold spans are merged into one first
        ([(0, 6), (4, 10)], [(0, 10)], 1.0, 1.0),  # and so are overlapping predictions
    ],
)
def test_one_article(
    predicted: list[tuple[int, int]], gold: list[tuple[int, int]], precision: float, recall: float
) -> None:
    scores = score_article(predicted, gold)
    assert scores.precision == pytest.approx(precision)
    assert scores.recall == pytest.approx(recall)


@pytest.mark.parametrize(
    ("spans", "merged"),
    [
        ([(0, 5), (3, 8)], [(0, 8)]),
        ([(0, 5), (5, 8)], [(0, 5), (5, 8)]),  # touching: no shared character, two spans
        ([(4, 9), (0, 2), (1, 3)], [(0, 3), (4, 9)]),
        ([(3, 3)], []),  # empty ranges are nothing
    ],
)
def test_merging(spans: list[tuple[int, int]], merged: list[tuple[int, int]]) -> None:
    assert merge(spans) == merged


def test_denominators_run_over_every_article_not_per_article_averages() -> None:
    predicted = {"a": [(LL, 0, 10)], "b": [(LL, 0, 10), (LL, 20, 30), (LL, 40, 50)]}
    gold = {"a": [(LL, 0, 10)], "b": [(LL, 0, 10)], "c": [(LL, 0, 10)]}
    scores = score_spans(predicted, gold)
    assert scores.precision == pytest.approx(2 / 4)  # 2 predicted spans of 4 are gold
    assert scores.recall == pytest.approx(2 / 3)  # article c's gold span is missed: nothing predicted there
    assert scores.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))


def test_a_technique_figure_keeps_only_that_techniques_spans_and_the_pair_ignores_which_of_the_two() -> None:
    predicted = {"a": [(LL, 0, 10), (DOUBT, 50, 60)]}
    gold = {"a": [(NC, 0, 10), (DOUBT, 50, 60)]}
    assert score_spans(predicted, gold, [LL]).f1 == 0.0  # LL predicted where the gold says name calling
    assert score_spans(predicted, gold, [LL, NC]).f1 == 1.0
    assert score_spans(predicted, gold, [DOUBT]).f1 == 1.0
    assert score_spans(predicted, gold).f1 == 1.0  # span identification ignores techniques


@pytest.mark.parametrize(
    ("predicted", "gold", "f1"),
    [({}, {}, 1.0), ({}, {"a": [(LL, 0, 5)]}, 0.0), ({"a": [(LL, 0, 5)]}, {}, 0.0)],
)
def test_f1_when_one_side_is_empty_follows_the_official_scorer(
    predicted: dict[str, list[tuple[str, int, int]]], gold: dict[str, list[tuple[str, int, int]]], f1: float
) -> None:
    assert score_spans(predicted, gold).f1 == f1


def write_ptc(path: Path) -> Path:
    records = [
        {"id": "1", "text": "They are evil thugs and liars.", "spans": [
            {"technique": NC, "start": 9, "end": 19, "text": "evil thugs"},
            {"technique": NC, "start": 24, "end": 29, "text": "liars"}]},
        {"id": "2", "text": "A truly horrific decision.", "spans": [
            {"technique": LL, "start": 8, "end": 16, "text": "horrific"}]},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def test_a_ptc_file_is_recognised_and_scored_with_the_finder_given(tmp_path: Path) -> None:
    path = write_ptc(tmp_path / "ptc.jsonl")
    assert detect_kind(path) == "ptc"

    def finder(article):  # type: ignore[no-untyped-def]
        return (
            [(NC, article.text.find("thugs"), article.text.find("thugs") + 5)]
            if "thugs" in article.text
            else []
        )

    [report] = evaluate([path], lambda document: [], slant=finder).reports
    assert report.to_dict()["kind"] == "ptc" and report.articles == 2
    assert report.figures[ALL].precision == 1.0
    assert report.figures[ALL].recall == pytest.approx(0.5 / 3)  # half of "evil thugs"; 3 gold spans
    assert report.figures[PAIR_NAME].gold == 3 and report.figures[NC].predicted == 1
    assert report.figures[LL].recall == 0.0


def test_articles_the_model_was_trained_on_are_counted(tmp_path: Path) -> None:
    path = write_ptc(tmp_path / "ptc.jsonl")
    report = score_ptc(path, lambda article: [], trained_ids=frozenset({"2", "99"}))
    assert report.trained_on == 1


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "1", "text": "x"}',
        '{"id": "1", "text": "x", "spans": [{"technique": "Doubt", "start": "a"}]}',
        "[1]",
    ],
)
def test_a_broken_record_is_refused_with_its_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: not a PTC record"):
        load_ptc(path)
