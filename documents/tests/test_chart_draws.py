"""A PNG chart is drawn once (not once more for a layout already done), with the same bytes
as when savefig drew it twice."""

from __future__ import annotations

from typing import Any

import pytest
from matplotlib.figure import Figure

from documents.memo.charts import render
from documents.tests.readback import build


def _drawing(monkeypatch: pytest.MonkeyPatch, *, keep_placeholder: bool) -> tuple[list[bytes], int]:
    draws = 0
    draw, set_engine = Figure.draw, Figure.set_layout_engine

    def counted(self: Figure, renderer: Any) -> None:
        nonlocal draws
        draws += 1
        draw(self, renderer)

    def engine(self: Figure, layout: Any = None, **kwargs: Any) -> None:
        # The drawing before this change: tight_layout's placeholder engine left in place.
        if layout is None and keep_placeholder:
            return
        set_engine(self, layout, **kwargs)

    monkeypatch.setattr(Figure, "draw", counted)
    monkeypatch.setattr(Figure, "set_layout_engine", engine)
    images = [render(chart) for chart in build(suppressed=True).charts()]
    monkeypatch.undo()
    return images, draws


def test_chart_png_is_drawn_once_with_the_bytes_of_two_draws(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    twice, twice_draws = _drawing(monkeypatch, keep_placeholder=True)
    once, once_draws = _drawing(monkeypatch, keep_placeholder=False)

    assert (once == twice, len(once), once_draws, twice_draws) == (True, 4, 4, 8)
