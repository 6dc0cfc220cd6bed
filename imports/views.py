"""The workbook page: upload an importmall (or only check it) and download the export.

What a user may import and export follows ``WorkbookAccess``: the förbundsadministratör
every sheet but the rows of `Deltagare`, a deltagaransvarig the `Deltagare` rows of their
interventions. Every participant row written or exported is in the access log.
"""

from __future__ import annotations

import io
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from imports.forms import WorkbookUploadForm
from imports.problems import PAGE_LIMIT, problems_xlsx, store_problems, stored_problems
from imports.workbook import ImportResult, export_workbook, import_workbook
from imports.workbook.access import WorkbookAccess
from imports.workbook.importer import may_import
from imports.workbook.sheets import HANDLERS
from imports.workbook.template import template_workbook
from participants.reauth import fresh_check_redirect
from tenancy.views.base import TenantView

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookView(TenantView):
    """Upload form and result. The import runs in the association's scope (the middleware
    opened it) and writes nothing unless the whole file is valid."""

    permission_required = "imports.open_workbook"
    template_name = "imports/workbook.html"

    @property
    def access(self) -> WorkbookAccess:
        return WorkbookAccess.for_user(self.request.user, self.association)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(WorkbookUploadForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = WorkbookUploadForm(request.POST, request.FILES)
        result: ImportResult | None = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = import_workbook(
                upload,
                association=self.association,
                dry_run=form.cleaned_data["dry_run"],
                filename=upload.name,
                access=self.access,
            )
        return self.render(form, result)

    def render(self, form: WorkbookUploadForm, result: ImportResult | None = None) -> HttpResponse:
        access = self.access
        problems_url = ""
        if result is not None and len(result.problems) > PAGE_LIMIT:
            token = store_problems(
                result.problems, user_id=self.request.user.pk, association_id=self.association.pk
            )
            problems_url = reverse("imports:problems", args=[self.association.slug, token])
        context = self.get_context_data(
            form=form,
            result=result,
            shown_problems=result.problems[:PAGE_LIMIT] if result else [],
            problems_url=problems_url,
            page_limit=PAGE_LIMIT,
            page_limit_slice=f":{PAGE_LIMIT}",
            sheets=[handler for handler in HANDLERS if may_import(handler, access)],
            all_sheets=access.all_sheets,
            participant_rows=access.any_participants,
        )
        return render(self.request, self.template_name, context)


class WorkbookExportView(TenantView):
    """The association's data as an importmall workbook, as a download: the sheets the
    user may read; `Deltagare` rows only of a deltagaransvarig's interventions (logged)."""

    permission_required = "imports.open_workbook"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        access = WorkbookAccess.for_user(request.user, self.association)
        if access.any_participants:
            # Full personnummer leave the system: only after a fresh second factor.
            here = reverse("imports:export", args=[self.association.slug])
            if (redirect := fresh_check_redirect(request, next_url=here)) is not None:
                return redirect
        buffer = io.BytesIO()
        export_workbook(buffer, association=self.association, access=access)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        part = "" if access.all_sheets else "-deltagare"
        filename = f"finsam-{self.association.slug}{part}-{timezone.localdate().isoformat()}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ProblemsDownloadView(TenantView):
    """All problems of the user's last refused import as an XLSX (kept for an hour)."""

    permission_required = "imports.open_workbook"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rows = stored_problems(
            kwargs["token"], user_id=request.user.pk, association_id=self.association.pk
        )
        if rows is None:
            raise Http404
        response = HttpResponse(problems_xlsx(rows), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="importfel.xlsx"'
        return response


class WorkbookTemplateView(TenantView):
    """The empty importmall of the sheets the user may import: headers, a description of
    every column as a comment, drop-down lists of the codes."""

    permission_required = "imports.open_workbook"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        buffer = io.BytesIO()
        template_workbook(buffer, access=WorkbookAccess.for_user(request.user, self.association))
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = 'attachment; filename="finsam-importmall.xlsx"'
        return response
