"""The memo page for keyboard and screen-reader users (issue 10, item 11): every table
scrolls in a labelled region reachable with Tab, headings go down one level at a time, and
no table header cell is empty. The browser test (finsam/tests/test_browser.py) runs axe on
the same page with the demo data."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

import pytest
from django.test import Client
from django.urls import reverse

from documents.memo import sources
from documents.memo.html import heading_tags, table_html
from documents.memo.model import Cell, Row, Table
from documents.tests.sample import fake_memo_for
from testing.html import elements, texts
from testing.personas import World

pytestmark = pytest.mark.django_db

MEMO = reverse("documents:memo", args=["exempel"])


@pytest.fixture
def memo_html(
    world: World, client_as: Callable[[str | None], Client], monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.setattr(sources, "memo_for", fake_memo_for())
    return client_as("admin").get(MEMO, {"period": "2022H2"}).content.decode()


def test_memo_tables_scroll_in_labelled_keyboard_regions(memo_html: str) -> None:
    regions = [
        (div.get("role"), div.get("tabindex"), div.get("aria-label"))
        for div in elements(memo_html, "div", "class")
        if div["class"] == "table-scroll"
    ]
    captions = texts(memo_html, "caption")

    assert (len(regions), regions) == (
        len(captions),
        [("region", "0", caption) for caption in captions],
    )


def test_memo_headings_go_down_one_level_at_a_time(memo_html: str) -> None:
    levels = [int(tag[1]) for tag in re.findall(r"<(h[1-6])[\s>]", memo_html)]

    jumps = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert (levels[0], jumps) == (1, [])


def test_memo_has_no_empty_table_header_cell(memo_html: str) -> None:
    assert [t for t in texts(memo_html, "th") if not t] == []


def test_heading_tags_never_skip_a_level() -> None:
    assert heading_tags([1, 3, 2, 3, 1, 2]) == ["h2", "h3", "h3", "h4", "h2", "h3"]


def test_table_with_untitled_column_has_no_empty_header() -> None:
    table = Table(
        key="t",
        number=1,
        title="Tabell",
        columns=("", "Antal"),
        rows=(Row((Cell("A"), Cell("5", 5, numeric=True))),),
    )

    html = str(table_html(table))

    assert (texts(html, "th"), texts(html, "caption")) == (["Antal", "A"], [table.caption])
