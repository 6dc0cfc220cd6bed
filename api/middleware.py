"""Every error answer under ``/f/<förbund>/api/`` is the API's JSON shape
(``{"detail": ...}``), whoever produced it: the tenant middleware's 404 for another
association, the CSRF check, the upload limits, or an unexpected error in a view (logged as
usual by Django before it gets here)."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

API_PATH = re.compile(r"^/f/[^/]+/api/")


def _detail(status: int) -> str:
    details = {
        400: _("Begäran kunde inte tolkas."),
        403: _("Du saknar behörighet för det här."),
        404: _("Det finns inget här."),
        405: _("Metoden stöds inte här."),
        413: _("Begäran är för stor."),
    }
    if status in details:
        return details[status]
    if status >= 500:
        return _("Ett oväntat fel inträffade. Försök igen senare.")
    return _("Begäran kunde inte utföras.")


class JsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not API_PATH.match(request.path_info)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        answer: HttpResponse = JsonResponse(
            {"detail": _detail(response.status_code)}, status=response.status_code
        )
        if response.has_header("Allow"):
            answer["Allow"] = response["Allow"]
        add_never_cache_headers(answer)
        return answer
