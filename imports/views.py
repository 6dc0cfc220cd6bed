"""The workbook page: upload an importmall (or only check it) and download the export."""

from __future__ import annotations

import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from imports.forms import WorkbookUploadForm
from imports.workbook import ImportResult, export_workbook, import_workbook
from imports.workbook.sheets import HANDLERS, NOT_YET_IMPORTED
from tenancy.views.base import TenantView

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class WorkbookView(TenantView):
    """Upload form and result. The import runs in the association's scope (the middleware
    opened it) and writes nothing unless the whole file is valid."""

    permission_required = "imports.import_workbook"
    template_name = "imports/workbook.html"

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
            )
        return self.render(form, result)

    def render(self, form: WorkbookUploadForm, result: ImportResult | None = None) -> HttpResponse:
        context = self.get_context_data(
            form=form,
            result=result,
            sheets=HANDLERS,
            not_yet_imported=NOT_YET_IMPORTED,
            can_export=self.request.user.has_perm("imports.export_workbook", self.association),
        )
        return render(self.request, self.template_name, context)


class WorkbookExportView(TenantView):
    """The association's data as an importmall workbook, as a download."""

    permission_required = "imports.export_workbook"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        buffer = io.BytesIO()
        export_workbook(buffer, association=self.association)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
        filename = f"finsam-{self.association.slug}-{timezone.localdate().isoformat()}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
