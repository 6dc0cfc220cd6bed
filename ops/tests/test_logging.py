"""Structured logs: one JSON object per line with time, level, logger, message and request
id; personnummer-shaped numbers masked; and a participant page logs no personnummer."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import sys
from collections.abc import Iterator

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ops.logging import MASK, JsonFormatter, PlainFormatter, redact
from ops.request_id import RequestIdMiddleware, current_request_id
from testing.participants import MAN_1985, WOMAN_1990, enter_in_a
from testing.personas import World
from testing.views import ClientAs


def written_forms(number: str) -> tuple[str, ...]:
    """12 digits, 12 with dash, 10 digits, 10 with dash, 10 with plus."""
    short = number[2:]
    return (
        number,
        f"{number[:8]}-{number[8:]}",
        short,
        f"{short[:6]}-{short[6:]}",
        f"{short[:6]}+{short[6:]}",
    )


def record(message: str, *args: object, **extra: object) -> logging.LogRecord:
    made = logging.LogRecord("finsam.test", logging.WARNING, __file__, 1, message, args, None)
    made.created = dt.datetime(2024, 5, 1, 10, 0, 0, 123000, tzinfo=dt.UTC).timestamp()
    for key, value in extra.items():
        setattr(made, key, value)
    return made


def test_json_formatter_writes_time_level_logger_and_message() -> None:
    line = JsonFormatter().format(record("Importen av %s klar: %d rader", "arbetsbok", 12))

    assert json.loads(line) == {
        "time": "2024-05-01T10:00:00.123+00:00",
        "level": "WARNING",
        "logger": "finsam.test",
        "message": "Importen av arbetsbok klar: 12 rader",
    }
    assert "\n" not in line


@pytest.mark.parametrize("form", written_forms(WOMAN_1990))
def test_json_formatter_masks_a_personnummer_in_any_written_form(form: str) -> None:
    line = JsonFormatter().format(record("value %s here", form))

    assert json.loads(line)["message"] == f"value {MASK} here"


def test_redact_keeps_numbers_that_are_no_personnummer() -> None:
    text = (
        "id 1234567890, telefon 0701234567, datum 2022-09-15, summa 1290000, "
        "org 202100-5489, lång 123456789012345"
    )

    assert redact(text) == text


def test_json_formatter_masks_exception_text() -> None:
    try:
        raise ValueError(f"bad value {MAN_1985}")
    except ValueError:
        failed = record("failed")
        failed.exc_info = sys.exc_info()

    entry = json.loads(JsonFormatter().format(failed))

    assert MAN_1985 not in entry["exception"]
    assert entry["exception"].endswith(f"ValueError: bad value {MASK}")


def test_plain_formatter_masks_too() -> None:
    line = PlainFormatter().format(record("value %s", WOMAN_1990))

    assert line.endswith(f"WARNING finsam.test: value {MASK}")


def test_json_formatter_request_id_from_extra_or_request_header() -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="abc-123")

    from_extra = json.loads(JsonFormatter().format(record("m", request_id="r-1")))
    from_request = json.loads(JsonFormatter().format(record("m", request=request)))

    assert (from_extra["request_id"], from_request["request_id"]) == ("r-1", "abc-123")


def test_request_id_middleware_sets_the_id_for_log_lines_and_response() -> None:
    seen: list[str | None] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(current_request_id())
        seen.append(json.loads(JsonFormatter().format(record("inside"))).get("request_id"))
        return HttpResponse("ok")

    middleware = RequestIdMiddleware(view)
    response = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID='evil"\n{id}'))

    assert (seen, response["X-Request-ID"], current_request_id()) == (
        ["evilid", "evilid"],
        "evilid",
        None,
    )


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Everything logged (DEBUG, SQL included) through the JSON formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root, django_logger = logging.getLogger(), logging.getLogger("django")
    levels = (root.level, django_logger.level)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    django_logger.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(levels[0])
        django_logger.setLevel(levels[1])


@pytest.mark.django_db
def test_participant_pages_log_no_personnummer_in_json_logs(
    world: World, client_as: ClientAs, json_log: io.StringIO
) -> None:
    participation = enter_in_a(
        world, number=WOMAN_1990, name="Greta Gunnarsson", on=dt.date(2022, 2, 1)
    )
    client = client_as("participant_officer_a")

    def url(name: str, *args: object) -> str:
        return reverse(f"participants:{name}", args=["exempel", *args])

    with CaptureQueriesContext(connection):
        pages = [
            client.get(url("detail", participation.pk)),
            client.get(url("list", world.intervention_a.pk)),
            client.post(url("search"), {"personnummer": written_forms(WOMAN_1990)[3]}),
            client.get(url("detail", 999_999)),  # 404: django.request logs a warning
        ]

    output = json_log.getvalue()
    entries = [json.loads(line) for line in output.splitlines()]
    assert [page.status_code for page in pages[:2]] == [200, 200]
    assert pages[3].status_code == 404
    assert len(entries) > 20
    assert {"django.db.backends", "django.request"} <= {entry["logger"] for entry in entries}
    leaks = [form for form in (*written_forms(WOMAN_1990), "Greta", "Gunnarsson") if form in output]
    assert (leaks, MASK in output) == ([], False)
