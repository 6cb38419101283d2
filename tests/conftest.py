"""Shared fixtures. Tests build their inputs by hand; the few that measure against ../shared skip with a reason
when it is absent (a user's machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold").is_dir():
        pytest.skip(f"{SHARED} (the project's shared reference data) is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from frontlines.pipeline import Pipeline

    return Pipeline()
