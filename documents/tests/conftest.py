"""Fixtures shared by the document format tests."""

from __future__ import annotations

import pytest

from documents.memo.model import MemoDocument
from documents.tests.readback import build


@pytest.fixture(scope="module")
def document() -> MemoDocument:
    """The sample memo with small cells suppressed, built once per test module."""
    return build(suppressed=True)
