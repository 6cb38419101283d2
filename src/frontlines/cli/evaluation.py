"""`frontlines evaluate`: score the pipeline on gold and event-location files and print the figures."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from frontlines.cli import fail, state
from frontlines.cli.output import Format
from frontlines.evaluate import ClusterReport, GoldReport, LocationReport, PTCReport, evaluate
from frontlines.evaluate.report import render, to_json
from frontlines.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[3]


def default_files() -> list[Path]:
    """../shared's references when they are beside the checkout, real articles first, then the demo gold."""
    shared = REPO.parent / "shared"
    gold = sorted((shared / "gold").glob("*.jsonl"))
    articles = [path for path in gold if path.name.startswith("articles")]
    files = articles + [path for path in gold if path not in articles]
    for name in ("event-location-dev.jsonl", "ptc-dev.jsonl"):
        if (shared / "eval" / name).is_file():
            files.append(shared / "eval" / name)
    return files + sorted((REPO / "demo" / "gold").glob("*.jsonl"))


def base_dir_for(path: Path) -> Path:
    """Gold `doc` paths are relative to the folder above the gold file's folder (shared/, demo/)."""
    return path.resolve().parent.parent


def run_evaluation(files: list[Path] | None, fmt: Format, details: bool) -> None:
    paths = files or default_files()
    if not paths:
        raise fail("nothing to evaluate: give gold or event-location files")
    pipeline = Pipeline(state.settings)
    reports: list[GoldReport | LocationReport | ClusterReport | PTCReport] = []
    for path in paths:
        try:
            report = evaluate([path], pipeline.extract_document, base_dir=base_dir_for(path))
        except (OSError, ValueError) as exc:
            raise fail(f"{path}: {exc}") from exc
        reports.extend(report.reports)
    if fmt is Format.table:
        console = Console()
        for one in reports:
            render(one, console, details=details)
    else:
        for one in reports:
            sys.stdout.write(to_json(one, indent=None if fmt is Format.jsonl else 2) + "\n")
