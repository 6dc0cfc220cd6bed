"""A spider (radar) chart of first and latest assessment as SVG geometry: the template
draws the polygons; no JavaScript, no inline styles."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SIZE = 320
CENTRE = SIZE / 2
RADIUS = 120


@dataclass(frozen=True)
class Radar:
    size: int
    axes: list[tuple[float, float, float, float, str]]  # x1 y1 x2 y2 label-number
    rings: list[str]
    first: str
    latest: str


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (
        round(CENTRE + RADIUS * fraction * math.cos(angle), 1),
        round(CENTRE + RADIUS * fraction * math.sin(angle), 1),
    )


def _polygon(values: Sequence[int], low: Sequence[int], high: Sequence[int]) -> str:
    count = len(values)
    points = []
    for index, value in enumerate(values):
        fraction = (value - low[index]) / (high[index] - low[index])
        x, y = _point(index, count, fraction)
        points.append(f"{x},{y}")
    return " ".join(points)


def radar(
    first: Sequence[int], latest: Sequence[int], low: Sequence[int], high: Sequence[int]
) -> Radar | None:
    """The chart of two ratings over the same items (at least three items)."""
    count = len(first)
    if count < 3:
        return None
    axes = []
    for index in range(count):
        x, y = _point(index, count, 1.0)
        axes.append((CENTRE, CENTRE, x, y, str(index + 1)))
    rings = [
        " ".join(f"{x},{y}" for x, y in (_point(i, count, level / 4) for i in range(count)))
        for level in (1, 2, 3, 4)
    ]
    return Radar(SIZE, axes, rings, _polygon(first, low, high), _polygon(latest, low, high))
