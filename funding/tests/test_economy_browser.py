"""The what-if of the decision room in a real browser (issue 13): on the demo, unticking a
pending application recomputes the room at once (htmx) and saves nothing; the page has no
WCAG 2.1 A/AA violation and no sideways scroll at a phone's width."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from demo.loader import load_demo
from funding.models import Application
from tenancy.models import User
from testing.browser import PHONE, axe_violations, sideways_scroll

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_what_if_recomputes_the_room_without_saving(page_as: Callable[..., Any]) -> None:
    load_demo()
    applications_before = sorted(Application.objects.values_list("pk", "name"))
    page = page_as(User.objects.get(email="admin@exempel.se"))
    page.goto("/f/exempel/beslutsutrymme/")
    table = page.locator("#economy-table")
    before = table.inner_text()

    page.locator("input[name=include]").first.uncheck()
    page.wait_for_function(
        "before => document.querySelector('#economy-table').innerText !== before", arg=before
    )
    after = page.locator("#economy-table").inner_text()

    phone = page_as(User.objects.get(email="styrelse@exempel.se"), PHONE)
    phone.goto("/f/exempel/beslutsutrymme/")
    assert after != before
    assert sorted(Application.objects.values_list("pk", "name")) == applications_before
    assert (sideways_scroll(phone), axe_violations(phone)) == (0, [])
