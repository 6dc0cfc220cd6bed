"""Browser tests: Playwright driving the Debian Chromium against pytest-django's
``live_server``, and axe-core (from the ``axe-playwright-python`` package) for WCAG checks.

The tests never skip: without Chromium they fail with the command that installs it
(``make test`` installs it first, see ``scripts/ensure-chromium``). Playwright's own
browser downloads are never used (``executable_path``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

#: Where Debian's chromium package puts the browser; FINSAM_CHROMIUM overrides it.
CHROMIUM = Path(os.environ.get("FINSAM_CHROMIUM", "/usr/bin/chromium"))
INSTALL_COMMAND = "apt-get update && apt-get install -y chromium chromium-driver"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The widths every page is checked at: a phone and a laptop.
PHONE, DESKTOP = 390, 1280
#: axe-core rules of WCAG 2.1 levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Best-practice rules checked as well.
EXTRA_RULES = ["heading-order", "empty-table-header", "scrollable-region-focusable", "region"]

#: Page-level sideways scrolling: the document is wider than the window.
SIDEWAYS_SCROLL_JS = "document.scrollingElement.scrollWidth - window.innerWidth"


def require_chromium() -> Path:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium saknas ({CHROMIUM}). Installera den med: {INSTALL_COMMAND}",
            pytrace=False,
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the test session."""
    executable = require_chromium()
    # Playwright's sync API runs an event loop in this thread; Django's ORM (fixtures,
    # factories) refuses to run inside one unless told it is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page_as(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """``page_as(user, width)``: a new browser page at that window width, logged in as
    ``user`` (None: anonymous), on the live server. Closed after the test."""
    contexts: list[Any] = []

    def make(user: Any | None, width: int = DESKTOP) -> Any:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, base_url=live_server.url, locale="sv-SE"
        )
        contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            context.add_cookies(
                [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
            )
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sideways_scroll(page: Any) -> int:
    """How many pixels the whole page scrolls sideways (0: none)."""
    return max(0, int(page.evaluate(SIDEWAYS_SCROLL_JS)))


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page, ``rule: target`` per node: every WCAG 2.1 A/AA
    rule, and the best-practice rules of issue 10 (headings in order, no empty table
    header, a scrollable region reachable by keyboard)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found: list[str] = []
    for run_only in (
        {"type": "tag", "values": WCAG_TAGS},
        {"type": "rule", "values": EXTRA_RULES},
    ):
        results = axe.run(page, options={"runOnly": run_only, "resultTypes": ["violations"]})
        found.extend(
            f"{violation['id']}: {' '.join(map(str, node['target']))}"
            for violation in results.response["violations"]
            for node in violation["nodes"]
        )
    return sorted(set(found))
