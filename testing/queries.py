"""Query counts of pages: a test arranges one and then several rows and checks that the
page costs the same number of queries (no query a row). A pytest plugin (conftest.py's
``pytest_plugins``)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from testing.views import ClientAs

#: ``assert_page_queries(who, path, queries)``: ``who`` (a persona's name, or a client
#: already signed in) GETs ``path`` in exactly ``queries`` queries.
AssertPageQueries = Callable[[str | Client, str, int], None]


@pytest.fixture
def assert_page_queries(
    client_as: ClientAs,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> AssertPageQueries:
    """The persona's client is signed in before counting starts, so only the page's own
    queries (and the session's) count."""

    def check(who: str | Client, path: str, queries: int) -> None:
        client = client_as(who) if isinstance(who, str) else who
        with django_assert_num_queries(queries):
            client.get(path)

    return check
