"""``{% load finsam_urls %}``'s ``url`` tag writes what Django's does, and follows a change
of the URL configuration and of the script prefix."""

from __future__ import annotations

import pytest
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, path, set_script_prefix

from tenancy.templatetags.finsam_urls import _reverse

CASES = [
    ("'dashboard' 'exempel'", {}),
    ("'participants:detail' slug pk", {"slug": "exempel", "pk": 17}),
    ("'participants:detail' slug pk", {"slug": "a-b_c", "pk": "5"}),
    ("'followup:report_detail' 'exempel' 3 2025 4", {}),
    ("name 'exempel'", {"name": "overview:quarter"}),
    ("'home'", {}),
]


def render(source: str, context: dict[str, object]) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.mark.parametrize(("arguments", "context"), CASES)
def test_url_tag_writes_what_django_writes(arguments: str, context: dict[str, object]) -> None:
    django = f"{{% url {arguments} %}}|{{% url {arguments} as u %}}[{{{{ u }}}}]"
    mine = "{% load finsam_urls %}" + django

    twice = [render(mine, context), render(mine, context)]

    assert twice == [render(django, context)] * 2


def test_url_tag_unknown_name_raises_or_gives_empty_like_django() -> None:
    mine = "{% load finsam_urls %}{% url 'no-such-page' 1 %}"
    quiet = "{% load finsam_urls %}{% url 'no-such-page' 1 as u %}[{{ u }}]"

    with pytest.raises(NoReverseMatch):
        render(mine, {})
    assert render(quiet, {}) == "[]"


def test_url_tag_other_arguments_reversed_as_django() -> None:
    class Slug:
        def __str__(self) -> str:
            return "exempel"

    source = "{% url 'dashboard' slug %}"

    assert render("{% load finsam_urls %}" + source, {"slug": Slug()}) == render(
        source, {"slug": Slug()}
    )


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


urlpatterns = [path("annan/<slug:association>/", page, name="dashboard")]


def test_url_tag_follows_url_configuration_and_script_prefix() -> None:
    source = "{% load finsam_urls %}{% url 'dashboard' 'exempel' %}"
    before = render(source, {})
    with override_settings(ROOT_URLCONF=__name__):
        other = render(source, {})
    set_script_prefix("/finsam/")
    try:
        prefixed = render(source, {})
    finally:
        set_script_prefix("/")

    assert (before, other, prefixed, render(source, {})) == (
        "/f/exempel/",
        "/annan/exempel/",
        "/finsam/f/exempel/",
        "/f/exempel/",
    )
    assert _reverse.cache_info().currsize > 0
