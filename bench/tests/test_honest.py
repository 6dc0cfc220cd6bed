from __future__ import annotations

import pytest
from django.core.cache import cache

from bench.honest import QueryCountsDiffer, compare_query_counts, empty_caches, machine_line


def test_empty_caches_empties_the_default_cache() -> None:
    cache.set("memo", "cached")
    empty_caches()
    assert cache.get("memo") is None


def test_compare_query_counts_same_counts_give_lines() -> None:
    assert compare_query_counts({"json": 18}, {"json": 18}) == [
        "  json                     18    18  same"
    ]


def test_compare_query_counts_different_counts_fail_loudly() -> None:
    with pytest.raises(QueryCountsDiffer, match="Query counts differ: docx"):
        compare_query_counts({"json": 18, "docx": 18}, {"json": 18, "docx": 48})


def test_machine_line_names_the_load_and_the_cores() -> None:
    assert machine_line().startswith("load average ")
