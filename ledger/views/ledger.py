"""The ledger page per year and the SIE upload (upload -> summary and warnings -> confirm)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ledger.forms import SieConfirmForm, SieUploadForm, VoucherSearchForm
from ledger.models import FiscalYear, LedgerObject
from ledger.queries import trial_balance, vouchers_matching
from ledger.services import SieImportResult, import_sie
from ledger.sie import SieError
from tenancy.views.base import TenantView

#: Shown vouchers per page (a search narrows the list).
VOUCHER_LIMIT = 200


#: How long an uploaded file waits in the cache for its confirmation.
PENDING_SECONDS = 60 * 60


def _pending_key(association_id: int, token: str) -> str:
    """The uploaded file waits in the shared cache (not on one host's disk), so the
    confirmation may reach any application server (docs/deployment.md)."""
    return f"finsam:sie-pending:{association_id}:{token}"


class LedgerView(TenantView):
    """Trial balance, objects and vouchers of one imported year (the newest by default)."""

    permission_required = "ledger.view_ledger"
    template_name = "ledger/ledger.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        years = list(FiscalYear.objects.order_by("-year"))
        fiscal_year = None
        if "year" in kwargs:
            fiscal_year = next((y for y in years if y.year == kwargs["year"]), None)
            if fiscal_year is None:
                raise Http404
        elif years:
            fiscal_year = years[0]
        context: dict[str, Any] = {"years": years, "fiscal_year": fiscal_year}
        if fiscal_year is not None:
            search = VoucherSearchForm(request.GET or None)
            query = search.cleaned_data["q"] if search.is_valid() else ""
            vouchers = vouchers_matching(fiscal_year, query)
            context.update(
                rows=trial_balance(fiscal_year),
                objects=LedgerObject.objects.filter(fiscal_year=fiscal_year),
                search=search,
                vouchers=vouchers[:VOUCHER_LIMIT],
                voucher_count=vouchers.count(),
                voucher_limit=VOUCHER_LIMIT,
                can_import=request.user.has_perm("ledger.import_ledger", self.association),
            )
        return render(request, self.template_name, self.get_context_data(**context))


class SieUploadView(TenantView):
    """Step 1 reads the file without saving and shows the summary and every warning (or
    every problem); step 2 (confirm) imports the same file."""

    permission_required = "ledger.import_ledger"
    template_name = "ledger/upload.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(SieUploadForm())

    def page(self, form: SieUploadForm, **context: Any) -> HttpResponse:
        return render(
            request=self.request,
            template_name=self.template_name,
            context=self.get_context_data(form=form, **context),
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "token" in request.POST:
            return self.confirm()
        form = SieUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            result = import_sie(
                association=self.association, data=data, file_name=upload.name, dry_run=True
            )
        except SieError as error:
            return self.page(form, problems=error.lines)
        token = hashlib.sha256(data).hexdigest()
        cache.set(_pending_key(self.association.pk, token), data, PENDING_SECONDS)
        confirm = SieConfirmForm(initial={"token": token, "file_name": upload.name[:200]})
        return self.page(SieUploadForm(), result=result, confirm=confirm)

    def confirm(self) -> HttpResponse:
        confirm = SieConfirmForm(self.request.POST)
        key = _pending_key(self.association.pk, confirm.data.get("token", "x"))
        data = cache.get(key) if confirm.is_valid() else None
        if not isinstance(data, bytes):
            return self.page(
                SieUploadForm(), problems=[_("Filen finns inte längre. Ladda upp den igen.")]
            )
        try:
            result: SieImportResult = import_sie(
                association=self.association, data=data, file_name=confirm.cleaned_data["file_name"]
            )
        except SieError as error:
            return self.page(SieUploadForm(), problems=error.lines)
        finally:
            cache.delete(key)
        for line in result.summary_lines():
            messages.success(self.request, line)
        return redirect("ledger:year", self.association.slug, result.year)
