"""No 500 on bad query parameters (issue 18.4): every page and API endpoint of an
association that takes no object id, with every query parameter the site reads, answers
anything but a server error; the API answers its JSON shape."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finsam.urls import tenant_patterns
from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db

#: Every query-string name a view of the site reads (grep ``request.GET`` and the filter
#: forms bound to it).
PARAMETERS = (
    "deltagande",
    "anvandare",
    "atgard",
    "utfall",
    "fran",
    "till",
    "sida",
    "manad",
    "antal",
    "fro",
    "marginal",
    "grans",
    "ar",
    "year",
    "period",
    "kvartal",
    "version",
    "forlangning",
    "status",
    "avser",
    "inriktning",
    "unsuppressed",
)
NASTY = (
    "99999999999999999999999",
    "-99999999999999999999999",
    "9223372036854775808",
    "-1",
    "0",
    "1e400",
    "NaN",
    "2022Q5",
    "9999-99-99",
    "\x00",
    "²",
    "ä" * 300,
)
PERSONAS = ("admin", "log_reviewer", "participant_officer_a", "economist")


def _names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif pattern.name:
            yield namespace + pattern.name


def list_urls() -> list[str]:
    """The association's pages that need nothing but the association in their path."""
    urls = []
    for name in _names(tenant_patterns):
        try:
            urls.append(reverse(name, args=["exempel"]))
        except NoReverseMatch:
            continue
    return sorted(set(urls))


URLS = list_urls()


def check(response: object, url: str) -> None:
    status = response.status_code  # type: ignore[attr-defined]  # the test client's response
    assert status < 500, url
    if "/api/" in url and status >= 400:
        assert list(json.loads(response.content)) == ["detail"] or "errors" in json.loads(  # type: ignore[attr-defined]  # the test client's response
            response.content  # type: ignore[attr-defined]  # the test client's response
        )


def test_urls_are_found() -> None:
    assert ("/f/exempel/logg/" in URLS, len(URLS) > 30) == (True, True)


@pytest.mark.parametrize("url", URLS)
def test_each_parameter_with_a_huge_id_is_never_a_server_error(
    world: World, client_as: ClientAs, url: str
) -> None:
    """One parameter at a time (a bad one elsewhere would make the form refuse early),
    as the first persona that may open the page."""
    client = next(
        (c for c in map(client_as, PERSONAS) if c.get(url).status_code < 400),
        client_as("admin"),
    )
    for name in PARAMETERS:
        check(client.get(url, {name: NASTY[0]}), url)
    for value in NASTY[1:]:
        check(client.get(url, dict.fromkeys(PARAMETERS, value)), url)


def test_log_with_huge_participation_id_is_an_empty_answer(
    world: World, client_as: ClientAs
) -> None:
    response = client_as("log_reviewer").get(
        reverse("audit:log", args=["exempel"]), {"deltagande": "99999999999999999999999"}
    )

    assert response.status_code == 200


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    url=st.sampled_from(URLS),
    persona=st.sampled_from(PERSONAS),
    query=st.dictionaries(
        st.sampled_from(PARAMETERS),
        st.one_of(
            st.text(max_size=40),
            st.integers().map(str),
            st.sampled_from(NASTY),
            st.dates().map(lambda day: day.isoformat()),
        ),
        max_size=6,
    ),
)
def test_random_query_parameters_are_never_a_server_error(
    world: World, url: str, persona: str, query: dict[str, str]
) -> None:
    client = Client()
    client.force_login(world.users[persona])

    check(client.get(url, query), url)


def test_api_error_from_the_tenant_middleware_is_json(world: World, client_as: ClientAs) -> None:
    response = client_as("outsider").get(reverse("api:memo", args=["exempel"]), {"period": "2024"})

    assert (response.status_code, json.loads(response.content)) == (
        404,
        {"detail": "Det finns inget här."},
    )
