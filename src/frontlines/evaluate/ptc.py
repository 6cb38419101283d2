"""Score slant spans against the Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11) with the task's span
metric: character-overlap precision and recall (format of the file: /work/shared/eval/README.md).

The metric is the one of the task's official span-identification scorer (Da San Martino et al., "SemEval-2020
Task 11: Detection of Propaganda Techniques in News Articles", 2020; adapted from their 2019 EMNLP paper). For
a set S of predicted spans and T of gold spans, over all articles,

    precision = (1/|S|) * sum over s in S, t in T of |s ∩ t| / |s|
    recall    = (1/|T|) * sum over s in S, t in T of |s ∩ t| / |t|

where |s ∩ t| counts the characters two spans share and both are taken within one article. As the official
scorer does, overlapping gold spans of an article are merged first (the same phrase is often annotated with two
techniques), and so are overlapping predicted spans. A figure "for" a set of techniques keeps only the spans
of those techniques, on both sides, and ignores which of them each one is: "all" is the task's span
identification, one technique is that technique's span identification, and Loaded_Language with
Name_Calling,Labeling is the pair this project is measured on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TECHNIQUES = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Doubt",
    "Exaggeration,Minimisation",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Appeal_to_Authority",
    "Slogans",
    "Whataboutism,Straw_Men,Red_Herring",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Bandwagon,Reductio_ad_hitlerum",
)
PAIR = ("Loaded_Language", "Name_Calling,Labeling")
PAIR_NAME = "Loaded_Language+Name_Calling,Labeling"
ALL = "all"

Labelled = tuple[str, int, int]  # (technique, start, end)


@dataclass(frozen=True, slots=True)
class SpanScores:
    """Precision and recall sums of the span metric, and their denominators (predicted and gold spans)."""

    precision_sum: float
    predicted: int
    recall_sum: float
    gold: int

    @property
    def precision(self) -> float:
        return self.precision_sum / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.recall_sum / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """As the official scorer: 0 unless both are positive, 1 when there is nothing to find or predict."""
        if not self.predicted and not self.gold:
            return 1.0
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p > 0 and r > 0 else 0.0

    def __add__(self, other: SpanScores) -> SpanScores:
        return SpanScores(
            self.precision_sum + other.precision_sum,
            self.predicted + other.predicted,
            self.recall_sum + other.recall_sum,
            self.gold + other.gold,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted": self.predicted,
            "gold": self.gold,
        }


NOTHING = SpanScores(0.0, 0, 0.0, 0)


def merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping (start, end) ranges joined into one; ranges that only touch stay apart (no shared character)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def score_article(predicted: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> SpanScores:
    """The span metric's sums for one article (spans merged first)."""
    pred, ref = merge(predicted), merge(gold)
    p_sum = r_sum = 0.0
    for ps, pe in pred:
        for gs, ge in ref:
            shared = min(pe, ge) - max(ps, gs)
            if shared > 0:
                p_sum += shared / (pe - ps)
                r_sum += shared / (ge - gs)
    return SpanScores(p_sum, len(pred), r_sum, len(ref))


def score_spans(
    predicted: Mapping[str, Sequence[Labelled]],
    gold: Mapping[str, Sequence[Labelled]],
    techniques: Iterable[str] | None = None,
) -> SpanScores:
    """The metric over every article, for the spans of ``techniques`` (None: every technique)."""
    keep = None if techniques is None else frozenset(techniques)
    total = NOTHING
    for article in sorted(set(predicted) | set(gold)):
        pred = [(s, e) for t, s, e in predicted.get(article, ()) if keep is None or t in keep]
        ref = [(s, e) for t, s, e in gold.get(article, ()) if keep is None or t in keep]
        total = total + score_article(pred, ref)
    return total


# ------------------------------------------------------------------------------------------------- the file


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    spans: tuple[Labelled, ...]


def load_ptc(path: Path) -> list[Article]:
    """The articles of a PTC JSONL file; ValueError naming the line when a record is not one."""
    articles = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                spans = tuple((str(s["technique"]), int(s["start"]), int(s["end"])) for s in record["spans"])
                articles.append(Article(str(record["id"]), str(record["text"]), spans))
            except (ValueError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: not a PTC record ({error})") from error
    return articles


@dataclass(frozen=True, slots=True)
class PTCReport:
    """Span figures of one PTC file: overall (``all``), for the pair, and per technique."""

    path: str
    articles: int
    figures: Mapping[str, SpanScores]
    trained_on: int = (
        0  # how many of these articles the scored model was trained on (then figures flatter it)
    )
    cross_validated: Mapping[str, Any] = field(
        default_factory=dict
    )  # the model's own cross-validated figures

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "ptc",
            "path": self.path,
            "articles": self.articles,
            "figures": {name: scores.to_dict() for name, scores in self.figures.items()},
            "trained_on": self.trained_on,
            "cross_validated": dict(self.cross_validated),
        }


Finder = Callable[[Article], Sequence[Labelled]]


def figures(
    predicted: Mapping[str, Sequence[Labelled]], gold: Mapping[str, Sequence[Labelled]]
) -> dict[str, SpanScores]:
    """The figures a report shows: all techniques, the pair, then each technique."""
    out = {ALL: score_spans(predicted, gold), PAIR_NAME: score_spans(predicted, gold, PAIR)}
    for technique in TECHNIQUES:
        out[technique] = score_spans(predicted, gold, (technique,))
    return out


def score_ptc(
    path: Path,
    finder: Finder,
    trained_ids: frozenset[str] = frozenset(),
    cross_validated: Mapping[str, Any] | None = None,
) -> PTCReport:
    """Run ``finder`` on every article of the file and score its spans."""
    articles = load_ptc(path)
    gold = {a.id: list(a.spans) for a in articles}
    predicted = {a.id: list(finder(a)) for a in articles}
    trained = sum(1 for a in articles if a.id in trained_ids)
    return PTCReport(str(path), len(articles), figures(predicted, gold), trained, dict(cross_validated or {}))


def is_ptc_record(record: Any) -> bool:
    """Does a JSON record look like a PTC article (text and spans labelled with a technique)?"""
    spans = record.get("spans") if isinstance(record, dict) else None
    return (
        isinstance(spans, list)
        and "text" in record
        and all(isinstance(s, dict) and "technique" in s for s in spans)
        and bool(spans)
    )


def slant_finder() -> Finder:
    """The slant stage as a finder of PTC spans: each article parsed with frontlines' spaCy pipeline, then the
    stage's spans (model, cue lists, labels table)."""
    from frontlines.nlp import pipeline
    from frontlines.slant import default_finder

    nlp = pipeline()
    finder = default_finder()

    def find(article: Article) -> list[Labelled]:
        return [(s.technique, s.start, s.end) for s in finder.spans(nlp(article.text))]

    return find


def score_with_slant(path: Path, finder: Finder | None = None) -> PTCReport:
    """Score the slant stage (or ``finder``) on a PTC file, noting how many of its articles the packaged model
    was trained on and the model's own cross-validated figures (the only fair ones on its training data)."""
    from frontlines.slant.model import load_model

    meta = load_model().meta
    trained = frozenset(str(i) for i in meta.get("article_ids", ()))
    return score_ptc(path, finder or slant_finder(), trained, meta.get("cross_validated", {}))


# ---------------------------------------------------------------------------------------------- rendering


def render_ptc(report: PTCReport, console: Any) -> None:
    """The figures as a table for people (rich); file paths and names are escaped."""
    from rich.table import Table
    from rich.text import Text

    from frontlines.display import cell, printable

    title = f"Propaganda technique spans: {report.path} ({report.articles} articles)"
    table = Table(title=Text(printable(title)), title_justify="left")
    for column in ("techniques", "precision", "recall", "F1", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "techniques" else "right")
    cv = report.cross_validated.get("figures", {}) if report.trained_on else {}
    if cv:
        table.add_column("F1 cross-validated", justify="right")
    for name, scores in report.figures.items():
        if not scores.gold and not scores.predicted:
            continue
        row = [name, f"{scores.precision:.3f}", f"{scores.recall:.3f}", f"{scores.f1:.3f}",
               str(scores.predicted), str(scores.gold)]  # fmt: skip
        if cv:
            row.append(f"{cv[name]['f1']:.3f}" if name in cv else "–")
        table.add_row(*(cell(v, width=None) for v in row))
    console.print(table)
    if report.trained_on:
        console.print(
            Text(
                f"warning: the packaged model was trained on {report.trained_on} of these {report.articles} "
                "articles, so the figures above flatter it; the cross-validated column is the fair measure.",
                style="yellow",
            )
        )
