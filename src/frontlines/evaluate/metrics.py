"""Counts and the figures computed from them: a share (``Ratio``) and precision/recall/F1 (``Scores``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Ratio:
    """``hits`` out of ``total``; ``value`` is None when there was nothing to count."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    def to_dict(self) -> dict[str, Any]:
        return {"hits": self.hits, "total": self.total, "value": _rounded(self.value)}


@dataclass(frozen=True, slots=True)
class Scores:
    """Recall over the gold items, precision over the predicted ones, and their harmonic mean."""

    recall: Ratio
    precision: Ratio

    @property
    def f1(self) -> float | None:
        """None when there is no gold item; 0.0 when nothing was predicted (nothing can have been found)."""
        r, p = self.recall.value, self.precision.value
        if r is None:
            return None
        if p is None or r + p == 0:
            return 0.0
        return 2 * r * p / (r + p)

    def to_dict(self) -> dict[str, Any]:
        return {
            "recall": self.recall.to_dict(),
            "precision": self.precision.to_dict(),
            "f1": _rounded(self.f1),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
