"""The annual report page in a real browser: open the report, follow a figure's link to
the accounts behind it, edit a text of the management report in place (htmx) and download
the Word document; no WCAG 2.1 A/AA violation and no sideways scroll at a phone's or a
laptop's width."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ledger.models import AnnualReportText
from ledger.tests.annual_fixtures import import_report_ledger
from testing.browser import DESKTOP, PHONE, axe_violations, sideways_scroll

pytestmark = pytest.mark.browser

REPORT = "/f/exempel/huvudbok/2022/arsredovisning/"


@pytest.mark.django_db(transaction=True)
def test_annual_report_page_in_a_browser(
    world: Any, tmp_path: Any, page_as: Callable[..., Any]
) -> None:
    import_report_ledger(world.association, tmp_path)
    page = page_as(world.users["economist"], DESKTOP)
    page.goto(REPORT)
    desktop = (sideways_scroll(page), axe_violations(page))

    page.locator("#drift-heading ~ table a, section[aria-labelledby=drift-heading] a").first.click()
    page.wait_for_url("**/konton/drift/**")
    accounts = page.locator("table").first.inner_text()
    accounts_check = (sideways_scroll(page), axe_violations(page))

    page.goto(REPORT)
    page.locator("#text-economic_comment a", has_text="Ändra text").click()
    page.locator("#text-economic_comment textarea").fill("Resultatet blev {årets_resultat}.")
    page.locator("#text-economic_comment button[type=submit]").click()
    page.wait_for_url(f"**{REPORT}?text=economic_comment#text-economic_comment")
    shown = page.locator("#text-economic_comment p").first.inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner som Word").click()
    name = download.value.suggested_filename

    phone = page_as(world.users["board"], PHONE)
    phone.goto(REPORT)
    assert desktop == (0, [])
    assert accounts.splitlines()[2].split("\t")[:3] == ["3000", "Bidrag", "1\xa0200\xa0kr"]
    assert accounts_check == (0, [])
    assert shown == "Resultatet blev 94\xa0kr."
    assert list(AnnualReportText.objects.values_list("section", flat=True)) == ["economic_comment"]
    assert name == "arsredovisning-exempel-2022.docx"
    assert (sideways_scroll(phone), axe_violations(phone)) == (0, [])
