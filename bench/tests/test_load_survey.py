"""The load test's survey respondents: the links they answer through and the answers they
post are the product's own (no timing here)."""

from __future__ import annotations

import pytest
from django.test import Client

from bench.load.answers import CSRF, survey_answers
from bench.load.links import open_links
from survey.models import Response
from testing.personas import World


@pytest.mark.django_db
def test_open_links_gives_answerable_anonymous_links(world: World) -> None:
    paths = open_links(world.association.slug, 2)
    client = Client()
    answered = 0
    for path in paths:
        body = client.get(path, secure=True).content.decode()
        answers = survey_answers(body)
        token = CSRF.search(body)
        assert token is not None
        posted = client.post(path, {"csrfmiddlewaretoken": token.group(1), **answers}, secure=True)
        answered += posted.status_code == 302 and posted["Location"] == f"{path}tack/"

    assert (len(paths) % 2, answered, Response.objects.count()) == (0, len(paths), len(paths))


def test_survey_answers_choose_one_value_per_radio_group() -> None:
    body = (
        '<input type="radio" name="q1" value="1"><input type="radio" name="q1" value="2">'
        '<input name="kon" type="radio" value="kvinna"><input type="text" name="webbplats">'
    )

    answers = survey_answers(body)

    assert (sorted(answers), answers["q1"] in {"1", "2"}, answers["kon"]) == (
        ["kon", "q1"],
        True,
        "kvinna",
    )
