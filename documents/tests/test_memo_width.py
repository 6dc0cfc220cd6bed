"""The memo page's widest table (quality, ten columns) fits a 1280 px window: its heading
words break at syllables (soft hyphens) instead of pushing the last column out of sight.

Drives the Debian Chromium through Playwright (never Playwright's own browser); the page
and its stylesheet come from the Django test client through Playwright's request routing,
so no server is started. Without Chromium the test fails with the install command."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from documents.memo import sources
from documents.tests.sample import fake_memo_for
from testing.personas import World

CHROMIUM = Path(os.environ.get("FINSAM_CHROMIUM", "/usr/bin/chromium"))
INSTALL_COMMAND = "apt-get update && apt-get install -y chromium chromium-driver"
ORIGIN = "http://finsam.test"
MEMO = reverse("documents:memo", args=["exempel"])
#: the right edge of the quality table's last heading, the window width, and how far the
#: table's own scroll region scrolls sideways
MEASURE_JS = """() => {
  const table = document.querySelector('table[data-table="quality"]');
  const last = table.querySelector('thead tr:last-child > :last-child');
  const region = table.closest('.table-scroll') || table.parentElement;
  return [Math.ceil(last.getBoundingClientRect().right), window.innerWidth,
          region.scrollWidth - region.clientWidth];
}"""


@pytest.fixture(autouse=True)
def fake_memo_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "memo_for", fake_memo_for())


def measure(html: bytes, width: int) -> list[int]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"Chromium saknas ({CHROMIUM}). Installera den med: {INSTALL_COMMAND}")
    from playwright.sync_api import Route, sync_playwright

    stylesheet = (Path(settings.BASE_DIR) / "static" / "css" / "finsam.css").read_bytes()

    def answer(route: Route) -> None:
        url = route.request.url
        if url == ORIGIN + MEMO:
            route.fulfill(body=html, content_type="text/html; charset=utf-8")
        elif url.endswith(".css") or "/css/finsam" in url:
            route.fulfill(body=stylesheet, content_type="text/css")
        else:
            route.fulfill(status=404, body=b"")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.route("**/*", answer)
            page.goto(ORIGIN + MEMO)
            return list(page.evaluate(MEASURE_JS))
        finally:
            browser.close()


def test_memo_quality_table_fits_a_1280_px_window(
    world: World, client_as: Callable[[str | None], Client]
) -> None:
    html = client_as("admin").get(MEMO, {"period": "2022H2"}).content

    right, window, scroll = measure(html, 1280)

    assert (right <= window, scroll) == (True, 0)
