"""What static/js/finsam.js does, in a real browser (issue 10, items 7 and 10): the menu
collapses at phone width, a step that locks asks first, and after a form error the focus
is on the error summary."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from followup.models import QuarterlyReport
from testing.browser import DESKTOP, PHONE
from testing.personas import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_main_menu_collapses_at_phone_width(world: World, page_as: Callable[..., Any]) -> None:
    path = reverse("dashboard", args=["exempel"])
    phone = page_as(world.users["admin"], PHONE)
    phone.goto(path)
    menu, toggle = phone.locator("#main-menu"), phone.get_by_role("button", name="Meny")

    closed = (menu.is_visible(), toggle.get_attribute("aria-expanded"))
    toggle.click()
    opened = (menu.is_visible(), toggle.get_attribute("aria-expanded"))
    desktop = page_as(world.users["admin"], DESKTOP)
    desktop.goto(path)

    assert (closed, opened) == ((False, "false"), (True, "true"))
    assert (
        desktop.locator("#main-menu").is_visible(),
        desktop.get_by_role("button", name="Meny").is_visible(),
    ) == (True, False)


def test_submitting_a_quarterly_report_asks_first(
    world: World, page_as: Callable[..., Any]
) -> None:
    path = reverse("followup:report_fill", args=["exempel", world.intervention_a.pk, 2023, 1])
    page = page_as(world.users["intervention_lead_a"], DESKTOP)
    page.goto(path)
    dialog = page.locator("#confirm-dialog")

    page.get_by_role("button", name="Lämna in").click()
    asked = (dialog.is_visible(), page.locator("#confirm-dialog-text").inner_text())
    dialog.get_by_role("button", name="Avbryt").click()
    after_cancel = (dialog.is_visible(), QuarterlyReport.objects.count())
    page.get_by_role("button", name="Lämna in").click()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Lämna in").click()
    focused = page.evaluate("document.activeElement.hasAttribute('data-error-summary')")

    assert asked == (
        True,
        "Lämna in kvartalsrapporten för kvartal 1 2023? Därefter är den låst och kan bara "
        "ändras om kansliet öppnar den igen.",
    )
    assert (after_cancel, page.url.endswith(path), focused) == ((False, 0), True, True)
