"""Walks every URL pattern: each tenant view must name a permission rule (deny by default),
answer 404 to a user of another association and send anonymous users to the login page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from testing.personas import World
from testing.views import ClientAs

pytestmark = pytest.mark.django_db


def walk(
    patterns: list[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, route)
        else:
            yield route, pattern


def tenant_routes() -> list[tuple[str, URLPattern]]:
    return [
        (route, pattern)
        for route, pattern in walk(get_resolver().url_patterns)
        if route.startswith("f/<slug:association>/")
    ]


def concrete_path(route: str, slug: str) -> str:
    """Fill a route's converters: the association slug, and 1 for every other argument."""
    path = route.replace("<slug:association>", slug)
    while "<" in path:
        start = path.index("<")
        end = path.index(">", start)
        converter = path[start + 1 : end]
        value = "1" if converter.startswith("int:") else "x"
        path = path[:start] + value + path[end + 1 :]
    return "/" + path


def test_tenant_routes_exist() -> None:
    assert len(tenant_routes()) >= 5


@pytest.mark.parametrize(("route", "pattern"), tenant_routes(), ids=lambda v: str(v))
def test_tenant_view_names_a_permission_rule(route: str, pattern: URLPattern) -> None:
    view_class = getattr(pattern.callback, "view_class", None)

    assert view_class is not None, f"{route} is not a class-based TenantView"
    assert getattr(view_class, "permission_required", None), f"{route} names no permission"


@pytest.mark.parametrize(("route", "pattern"), tenant_routes(), ids=lambda v: str(v))
def test_tenant_view_is_404_for_outsider(
    world: World,
    client_as: ClientAs,
    route: str,
    pattern: URLPattern,
) -> None:
    client = client_as("outsider")

    assert client.get(concrete_path(route, "exempel")).status_code == 404
    assert client.post(concrete_path(route, "exempel")).status_code == 404


@pytest.mark.parametrize(("route", "pattern"), tenant_routes(), ids=lambda v: str(v))
def test_tenant_view_redirects_anonymous_to_login(
    world: World,
    client_as: ClientAs,
    route: str,
    pattern: URLPattern,
) -> None:
    response = client_as(None).get(concrete_path(route, "exempel"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("route", "pattern"), tenant_routes(), ids=lambda v: str(v))
def test_tenant_view_is_404_for_unknown_association(
    world: World,
    client_as: ClientAs,
    route: str,
    pattern: URLPattern,
) -> None:
    response = client_as("admin").get(concrete_path(route, "finns-inte"))

    assert response.status_code == 404
