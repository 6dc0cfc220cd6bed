"""A request id for every log line of a request: taken from the proxy's ``X-Request-ID``
header (nginx: ``proxy_set_header X-Request-ID $request_id;``) or made up, kept in a
context variable for the log formatter and sent back in the response.

To use it, add ``"ops.request_id.RequestIdMiddleware"`` at the top of ``MIDDLEWARE``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_REQUEST_ID: ContextVar[str | None] = ContextVar("finsam_request_id", default=None)
_ALLOWED = re.compile(r"[^A-Za-z0-9._-]")
MAX_LENGTH = 64


def sanitise_request_id(value: str) -> str | None:
    """Only letters, digits, ``.``, ``_`` and ``-``, at most 64 characters (a header is
    the client's to choose: nothing else reaches the log)."""
    cleaned = _ALLOWED.sub("", value)[:MAX_LENGTH]
    return cleaned or None


def current_request_id() -> str | None:
    return _REQUEST_ID.get()


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = sanitise_request_id(str(header)) or uuid.uuid4().hex
        token = _REQUEST_ID.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _REQUEST_ID.reset(token)
        response["X-Request-ID"] = request_id
        return response
