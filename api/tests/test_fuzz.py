"""Schemathesis fuzzes every operation of the OpenAPI description against the Django app,
in process (WSGI): as the förbundsadministratör, as an anonymous client and as a user of
another association. A few deterministic examples per operation keep it fast."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.openapi import openapi_document
from finsam.wsgi import application
from testing.personas import World

pytestmark = pytest.mark.django_db

EXAMPLES = 15
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: The CSRF secret the fuzzing client sends as cookie and header (Django accepts the
#: unmasked secret in the header).
CSRF_SECRET = "fuzzcsrfsecret0123456789abcdefgh"


@pytest.fixture
def in_process_app() -> Iterator[Any]:
    """The WSGI app, without closing the test transaction's connection after a request
    (what Django's own test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def session_cookie(world: World, persona: str) -> dict[str, str]:
    client = Client()
    client.force_login(world.users[persona])
    name = django_settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value, django_settings.CSRF_COOKIE_NAME: CSRF_SECRET}


def fuzz(
    app: Any,
    *,
    slug: str,
    cookies: dict[str, str],
    check: Callable[[Any, Any], None],
    mode: GenerationMode = GenerationMode.POSITIVE,
) -> list[str]:
    """Runs every operation; returns the operations run (to prove none was skipped)."""
    schema = schemathesis.openapi.from_dict(openapi_document())
    schema.app = app
    seen: list[str] = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        seen.append(operation.label)
        if mode == GenerationMode.NEGATIVE and operation.label.endswith("/openapi.json"):
            continue  # no input but the (fixed) association: nothing invalid to send
        strategy = operation.as_strategy(
            mode,
            path_parameters={"association": slug},
            cookies=cookies,
            headers={"X-CSRFToken": CSRF_SECRET} if cookies else None,
        )

        @settings(
            max_examples=EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case: Any) -> None:
            response = case.call(cookies=cookies)
            case.validate_response(response, checks=CHECKS)
            check(case, response)

        run()
    return seen


OPERATIONS = [
    "GET /f/{association}/api/memo.json",
    "GET /f/{association}/api/national.json",
    "POST /f/{association}/api/import",
    "GET /f/{association}/api/openapi.json",
]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_fuzz_as_admin_answers_json_by_the_schema(
    world: World, in_process_app: Any, mode: GenerationMode
) -> None:
    def check(case: Any, response: Any) -> None:
        assert response.status_code in (200, 400, 403, 413), case.as_curl_command()
        assert response.headers["content-type"] == ["application/json"]
        assert "no-store" in response.headers["cache-control"][0]

    cookies = session_cookie(world, "admin")
    seen = fuzz(in_process_app, slug="exempel", cookies=cookies, check=check, mode=mode)

    assert seen == OPERATIONS


def test_fuzz_as_anonymous_is_refused(world: World, in_process_app: Any) -> None:
    def check(case: Any, response: Any) -> None:
        assert response.status_code in (302, 401, 403), case.as_curl_command()

    seen = fuzz(in_process_app, slug="exempel", cookies={}, check=check)

    assert seen == OPERATIONS


def test_fuzz_with_another_association_is_404(world: World, in_process_app: Any) -> None:
    def check(case: Any, response: Any) -> None:
        assert response.status_code == 404, case.as_curl_command()

    seen = fuzz(in_process_app, slug="annat", cookies=session_cookie(world, "admin"), check=check)

    assert seen == OPERATIONS


def test_openapi_document_is_valid_openapi() -> None:
    schema = schemathesis.openapi.from_dict(openapi_document())

    schema.validate()  # raises on any violation of the OpenAPI 3.1 meta-schema
