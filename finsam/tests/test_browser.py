"""Pages in a real browser (issue 10, items 10 and 11): at a phone's and a laptop's width,
no page scrolls sideways as a whole, and axe-core finds no WCAG 2.1 A/AA violation.

One test walks every page and width with the demo data loaded once (loading takes
seconds; the live server needs a transactional database, emptied after each test)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from demo.loader import load_demo
from tenancy.models import RoleAssignment, User
from testing.browser import DESKTOP, PHONE, axe_violations, sideways_scroll

pytestmark = pytest.mark.browser

#: (persona e-mail in the demo, URL name): the memo page, the dashboard (its charts),
#: three list pages and the board's participants page (the last quarter's memo figures).
PAGES = [
    ("admin@exempel.se", "documents:memo"),
    ("admin@exempel.se", "dashboard"),
    ("admin@exempel.se", "interventions:list"),
    ("ekonom@exempel.se", "finance:cost_list"),
    ("deltagare.steg@exempel.se", "participants:list"),
    ("styrelse@exempel.se", "participants:index"),
    ("admin@exempel.se", "overview:quarter"),
    ("styrelse@exempel.se", "overview:board_quarter"),
    ("ekonom@exempel.se", "interventions:budget_list"),
]
#: Set FINSAM_SCREENSHOTS=<folder> to keep a full-page screenshot of every page and width.
SCREENSHOTS = os.environ.get("FINSAM_SCREENSHOTS", "")


def check(page: Any, path: str, name: str) -> dict[str, Any]:
    response = page.goto(path)
    page.wait_for_load_state("load")
    result = {
        "status": response.status if response else None,
        "sideways_scroll": sideways_scroll(page),
        "axe": axe_violations(page),
    }
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)
        (Path(SCREENSHOTS) / f"{name}.json").write_text(json.dumps(result, indent=1))
    return result


@pytest.mark.django_db(transaction=True)
def test_pages_fit_phone_and_desktop_without_axe_violations(
    page_as: Callable[..., Any],
) -> None:
    load_demo()
    clean = {"status": 200, "sideways_scroll": 0, "axe": []}

    results = {}
    for email, url_name in PAGES:
        user = User.objects.get(email=email)
        args: list[Any] = ["exempel"]
        if url_name == "participants:list":  # the participants of the officer's intervention
            args.append(RoleAssignment.objects.get(user=user).intervention_id)
        path = reverse(url_name, args=args)
        for width in (PHONE, DESKTOP):
            name = f"{url_name.replace(':', '-')}-{width}"
            results[name] = check(page_as(user, width), path, name)

    assert results == dict.fromkeys(results, clean)


@pytest.mark.django_db(transaction=True)
def test_sign_in_page_fits_phone_and_desktop_without_axe_violations(
    page_as: Callable[..., Any],
) -> None:
    clean = {"status": 200, "sideways_scroll": 0, "axe": []}

    results = {
        f"login-{width}": check(page_as(None, width), reverse("account_login"), f"login-{width}")
        for width in (PHONE, DESKTOP)
    }

    assert results == dict.fromkeys(results, clean)


@pytest.mark.django_db(transaction=True)
def test_memo_page_while_recomputed_fits_phone_and_desktop_without_axe_violations(
    page_as: Callable[..., Any],
) -> None:
    # The memo page's note while another request recomputes the memo after a change
    # (documents.views.page_memo): the last memo is shown with the note, laid out and
    # accessible like the page itself.
    from django.core.cache import cache

    from stats.cache import bump_data_version
    from tenancy.models import Association

    load_demo()
    user = User.objects.get(email="admin@exempel.se")
    association = Association.objects.get(slug="exempel")
    period = "2026H1"
    path = reverse("documents:memo", args=["exempel"]) + f"?period={period}"
    page_as(user, DESKTOP).goto(path)  # computes the memo: the last one from now on
    bump_data_version(association.pk)
    cache.add(f"finsam:memo-page:{association.pk}:{period}:1:computing", True, 60)
    clean = {"status": 200, "sideways_scroll": 0, "axe": [], "note": True}

    results = {}
    for width in (PHONE, DESKTOP):
        name = f"memo-recomputed-{width}"
        browser_page = page_as(user, width)
        results[name] = {
            **check(browser_page, path, name),
            "note": "Siffrorna räknas om efter en ändring" in browser_page.content(),
        }

    assert results == dict.fromkeys(results, clean)
