"""The JSON API: the memo, the national counts, the workbook import and the OpenAPI
description (``api.openapi``).

Every endpoint is a ``TenantView``: the session login of the pages, the association's
scope, another association a 404 (``TenantMiddleware``) and a named permission rule (deny
by default). Errors are JSON objects with a Swedish ``detail``.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from api.openapi import FLAG_VALUES, PERIOD_PATTERN, YEAR_MAX, YEAR_MIN, YEAR_PATTERN
from api.openapi import openapi_document as build_openapi_document
from imports.forms import WorkbookUploadForm
from imports.workbook import ImportResult, import_workbook
from imports.workbook.access import WorkbookAccess
from stats.cache import current_memo
from stats.national import NationalCounts, NationalRow, national_counts_for
from stats.periods import Period
from tenancy.views.base import TenantView


class ApiError(Exception):
    """A refusal answered as ``{"detail": ...}`` with ``status``."""

    def __init__(self, detail: str, status: int = 400) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status


def error_response(detail: str, status: int) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


class ApiView(TenantView):
    """A tenant view that answers JSON, refusals included."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            response = super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            response = error_response(_("Du saknar behörighet för det här."), 403)
        except ApiError as error:
            response = error_response(error.detail, error.status)
        # NoStoreMiddleware does the same for every logged-in request; an answer of the
        # API is never stored, whatever the middleware list says.
        add_never_cache_headers(response)
        return response

    def http_method_not_allowed(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        response = error_response(_("Metoden stöds inte här."), 405)
        allowed = [m.upper() for m in self.http_method_names if hasattr(self, m)]
        response["Allow"] = ", ".join(allowed)
        return response

    def flag(self, data: Any, name: str) -> bool:
        """A boolean parameter: 0/1/true/false, absent = false; anything else is refused."""
        value = data.get(name, "0")
        if value not in FLAG_VALUES:
            raise ApiError(_("Ogiltigt värde för %(name)s: ange 0 eller 1.") % {"name": name}, 400)
        return value in ("1", "true")


class MemoView(ApiView):
    """``memo.json?period=2022H2[&unsuppressed=1]``: the memo's JSON contract."""

    permission_required = "documents.view_memo"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        text = request.GET.get("period", "")
        if not re.fullmatch(PERIOD_PATTERN, text):
            raise ApiError(_("Ogiltig period: ange ÅÅÅÅ, ÅÅÅÅH1, ÅÅÅÅH2 eller ÅÅÅÅQ1–ÅÅÅÅQ4."), 400)
        try:
            period = Period.parse(text)
        except ValueError as error:
            raise ApiError(str(error), 400) from error
        unsuppressed = self.flag(request.GET, "unsuppressed")
        if unsuppressed:
            self.check_permission_named("stats.view_unsuppressed")
        # Of the current data; waits for the same memo in computation (stats.cache).
        memo = current_memo(self.association, period, suppress=not unsuppressed, document=False)
        return JsonResponse(memo.json)

    def check_permission_named(self, permission: str) -> None:
        if not self.request.user.has_perm(permission, self.association):
            raise PermissionDenied


def _row_json(row: NationalRow) -> dict[str, Any]:
    counts = row.counts
    return {
        "code": row.code,
        "name": row.name,
        "women": counts.women,
        "men": counts.men,
        "other": counts.other,
        "total": counts.total,
    }


def national_json(association_slug: str, counts: NationalCounts) -> dict[str, Any]:
    return {
        "association": association_slug,
        "year": counts.year,
        "registered": [_row_json(row) for row in counts.registered],
        "monthly_sums": [_row_json(row) for row in counts.monthly_sums],
    }


class NationalView(ApiView):
    """``national.json?year=2024``: the counts for the national follow-up."""

    permission_required = "participants.report_national_counts"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        text = request.GET.get("year", "")
        if not re.fullmatch(YEAR_PATTERN, text) or not YEAR_MIN <= int(text) <= YEAR_MAX:
            raise ApiError(
                _("Ogiltigt år: ange ett år mellan %(min)s och %(max)s.")
                % {"min": YEAR_MIN, "max": YEAR_MAX},
                400,
            )
        counts = national_counts_for(self.association, int(text))
        return JsonResponse(national_json(self.association.slug, counts))


def import_result_json(result: ImportResult) -> dict[str, Any]:
    return {
        "ok": result.ok,
        "summary": {
            "dry_run": result.dry_run,
            "lines": result.summary_lines(),
            "sheets": {
                sheet: {
                    "created": changes.created,
                    "updated": changes.updated,
                    "unchanged": changes.unchanged,
                    "added": [key for key, outcome in changes.rows if outcome == "created"],
                    "changed": [key for key, outcome in changes.rows if outcome == "updated"],
                }
                for sheet, changes in result.changes.items()
            },
        },
        "errors": [
            {
                "sheet": problem.sheet,
                "row": problem.row,
                "column": problem.column,
                "value": problem.value,
                "reason": problem.reason,
            }
            for problem in result.problems
        ],
        "notices": list(result.notices),
    }


class ImportView(ApiView):
    """``POST import`` (multipart ``file``, ``dry_run``): the importer of the workbook page,
    with its access rules (``WorkbookAccess``). Nothing is written unless the whole file
    is valid; a dry run writes nothing at all."""

    permission_required = "imports.open_workbook"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        limit = int(settings.FINSAM_MAX_UPLOAD_BYTES)
        # The multipart envelope adds a little; a body far above the limit is not read.
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024:
            raise ApiError(self.too_large(limit), 413)
        dry_run = self.flag(request.POST, "dry_run")
        upload = request.FILES.get("file")
        if upload is None:
            raise ApiError(_("Välj en fil."), 400)
        if (upload.size or 0) > limit:
            raise ApiError(self.too_large(limit), 413)
        files: MultiValueDict[str, UploadedFile] = MultiValueDict({"file": [upload]})
        form = WorkbookUploadForm({"dry_run": "on" if dry_run else ""}, files)
        if not form.is_valid():
            messages = [str(message) for message in form.errors.get("file", [])]
            raise ApiError(" ".join(messages) or _("Filen kunde inte läsas."), 400)
        file = form.cleaned_data["file"]
        result = import_workbook(
            file,
            association=self.association,
            dry_run=dry_run,
            filename=file.name,
            access=WorkbookAccess.for_user(request.user, self.association),
        )
        return JsonResponse(import_result_json(result), status=200 if result.ok else 400)

    @staticmethod
    def too_large(limit: int) -> str:
        from django.template.defaultfilters import filesizeformat

        return _("Filen är för stor. Största tillåtna storlek är %(limit)s.") % {
            "limit": filesizeformat(limit)
        }


class OpenApiView(ApiView):
    """``openapi.json``: the description of this API, for every user of the association."""

    permission_required = "tenancy.view_association"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        return JsonResponse(build_openapi_document())
