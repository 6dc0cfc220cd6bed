"""Answering the survey through its anonymous link on a phone (issue 15): no log-in, large
targets, no sideways scroll, no WCAG 2.1 A/AA violation, and the answer is stored without
anything that identifies the respondent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from survey.instruments import current_instrument, measurement_year
from survey.models import Response
from survey.services import open_link
from testing.browser import PHONE, axe_violations, sideways_scroll
from testing.personas import build_world

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_answer_a_form_through_its_link_on_a_phone(page_as: Callable[..., Any]) -> None:
    world = build_world()
    link = open_link(
        association=world.association,
        form=current_instrument().forms["deltagare_avslut"],
        year=measurement_year(timezone.localdate()),
        intervention=world.intervention_a,
    )
    page = page_as(None, PHONE)
    page.goto(reverse("survey_public:answer", args=["exempel", link.token]))
    page_checks = (sideways_scroll(page), axe_violations(page))
    target = page.locator("label.survey-choice").first.bounding_box()

    page.locator("input[name=q1][value='6']").check()
    page.locator("input[name=kon][value=kvinna]").check()
    page.get_by_role("button", name="Skicka svaren").click()
    page.wait_for_url("**/tack/")

    stored = Response.objects.get()
    assert page_checks == (0, [])
    assert target is not None and target["height"] >= 44  # a large touch target
    assert (stored.gender, stored.intervention, stored.answers.get(question__number=1).value) == (
        "kvinna",
        world.intervention_a,
        6,
    )
