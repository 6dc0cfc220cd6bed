"""Error pages are Swedish and in the product's layout, in production and in the demo
(issue 10, item 12): never Django's debug page listing the URL patterns."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import bad_request, server_error

from testing.html import elements, texts
from testing.personas import World
from testing.views import ClientAs

ROOT = Path(__file__).resolve().parents[2]


def page_summary(html: str) -> tuple[str, list[str], bool]:
    """The language, the h1 headings and whether the product header is there."""
    header = any("site-header" in h.get("class", "") for h in elements(html, "header"))
    return elements(html, "html")[0]["lang"], texts(html, "h1"), header


@pytest.mark.django_db
def test_404_page_is_swedish_in_layout(client: Client) -> None:
    response = client.get("/finns-inte/")

    assert (response.status_code, page_summary(response.content.decode())) == (
        404,
        ("sv", ["Sidan finns inte"], True),
    )


def test_403_page_is_swedish_in_layout(world: World, client_as: ClientAs) -> None:
    response = client_as("board").get(reverse("imports:workbook", args=["exempel"]))

    assert (response.status_code, page_summary(response.content.decode())) == (
        403,
        ("sv", ["Åtkomst nekad"], True),
    )


def test_500_page_is_swedish_in_layout() -> None:
    response = server_error(RequestFactory().get("/"))

    assert (response.status_code, page_summary(response.content.decode())) == (
        500,
        ("sv", ["Något gick fel"], True),
    )


def test_400_page_is_swedish_in_layout() -> None:
    response = bad_request(RequestFactory().get("/"), SuspiciousOperation("test"))

    assert (response.status_code, page_summary(response.content.decode())) == (
        400,
        ("sv", ["Felaktig begäran"], True),
    )


@pytest.mark.django_db
def test_csrf_failure_page_is_swedish_in_layout() -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("account_login"), {"login": "a@example.se", "password": "x"})

    assert (response.status_code, page_summary(response.content.decode())) == (
        403,
        ("sv", ["Formuläret kunde inte skickas"], True),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our local server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_demo_server_answers_unknown_url_with_our_404(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "FINSAM"))}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", PY=sys.executable)
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own script
        [str(ROOT / "scripts" / "demo-server"), f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, html = fetch(f"{base}/finns-inte/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        css_status, css = fetch(f"{base}/static/css/finsam.css")
    finally:
        server.terminate()
        server.wait(timeout=10)

    assert (status, page_summary(html), "URLconf" in html) == (
        404,
        ("sv", ["Sidan finns inte"], True),
        False,
    )
    assert (css_status, css.startswith("/* Finsam")) == (200, True)
