"""The economic information page (decision room), its what-if partial and its downloads.

The page shows the table of ``documents.economic.table`` for an as-of date and a last
year; every figure comes from ``stats.economic``. The page lives with the document it
renders (it was ``funding.economy_views``); its permissions are funding's rules and its
URLs stay under ``/f/<association>/beslutsutrymme/`` (``finsam.economy_urls``).

The office ticks pending applications in or out or changes their amounts; the partial
recomputes the table with those applications and saves nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.economic.render import render as render_document
from documents.economic.table import economic_table
from stats.economic import (
    EconomicError,
    EconomicInformation,
    PendingApplication,
    economic_information,
    pending_applications,
)
from tenancy.views.base import TenantView

#: How many years after the as-of year the page shows by default.
DEFAULT_YEARS_AHEAD = 2
MAX_AMOUNT = 10**12


def _period(query: QueryDict) -> tuple[dt.date, int, list[str]]:
    """The as-of date and last year from the query (today and two years ahead by default);
    a wrong value is replaced by its default and named in the errors."""
    errors: list[str] = []
    as_of = timezone.localdate()
    text = query.get("as_of", "").strip()
    if text:
        try:
            as_of = dt.date.fromisoformat(text)
        except ValueError:
            errors.append(_("Datumet ska anges som ÅÅÅÅ-MM-DD."))
    until = as_of.year + DEFAULT_YEARS_AHEAD
    text = query.get("until", "").strip()
    if text:
        if text.isdigit() and as_of.year <= int(text) <= as_of.year + 10:
            until = int(text)
        else:
            errors.append(
                _("Sista året ska vara mellan %(first)s och %(last)s.")
                % {"first": as_of.year, "last": as_of.year + 10}
            )
    return as_of, until, errors


def what_if_applications(
    query: QueryDict, pending: list[PendingApplication], years: list[int]
) -> tuple[list[PendingApplication], list[str]]:
    """The pending applications as the office tried them: only those ticked (``include``),
    with the amounts of the fields ``amount-<kod>-<year>`` (whole kronor, not negative).
    A wrong amount keeps the stored one and is named in the errors."""
    included = set(query.getlist("include"))
    errors: list[str] = []
    chosen = []
    for application in pending:
        if application.code not in included:
            continue
        amounts = dict(application.amounts)
        for year in years:
            text = query.get(f"amount-{application.code}-{year}", "").replace(" ", "")
            text = text.replace("\xa0", "")
            if not text:
                continue
            if text.isdigit() and int(text) <= MAX_AMOUNT:
                amounts[year] = int(text)
            else:
                errors.append(
                    _("%(name)s %(year)s: ange ett belopp i hela kronor.")
                    % {"name": application.name, "year": year}
                )
        chosen.append(PendingApplication(application.code, application.name, amounts))
    return chosen, errors


class EconomicInformationView(TenantView):
    permission_required = "funding.view_economic_information"
    template_name = "funding/economy.html"

    def information(
        self, as_of: dt.date, until: int, applications: list[PendingApplication] | None
    ) -> EconomicInformation:
        return economic_information(
            self.association, as_of=as_of, until=until, applications=applications
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        as_of, until, errors = _period(request.GET)
        try:
            information = self.information(as_of, until, None)
        except EconomicError as error:  # pragma: no cover - _period keeps until valid
            errors.append(str(error))
            as_of, until = timezone.localdate(), timezone.localdate().year
            information = self.information(as_of, until, None)
        pending = pending_applications()
        years = sorted({column.year for column in information.columns})
        can_try = request.user.has_perm("funding.try_economic_information", self.association)
        context = self.get_context_data(
            information=information,
            table=economic_table(information),
            as_of=as_of,
            until=until,
            errors=errors,
            pending=[
                {
                    "application": application,
                    "amounts": [(year, application.amounts.get(year, 0)) for year in years],
                }
                for application in pending
            ],
            can_try=can_try,
        )
        return render(request, self.template_name, context)


class WhatIfView(EconomicInformationView):
    """The table only, computed with the applications as ticked; nothing is saved."""

    permission_required = "funding.try_economic_information"
    template_name = "funding/partials/economy_table.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        as_of, until, errors = _period(request.GET)
        pending = pending_applications()
        years = list(range(as_of.year, until + 1))
        chosen, amount_errors = what_if_applications(request.GET, pending, years)
        information = self.information(as_of, until, chosen)
        context = self.get_context_data(
            information=information,
            table=economic_table(information),
            errors=errors + amount_errors,
            what_if=True,
        )
        return render(request, self.template_name, context)


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class DownloadView(EconomicInformationView):
    """The document as XLSX, DOCX or PDF for the page's as-of date and last year."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = kwargs["fmt"]
        if fmt not in CONTENT_TYPES:
            raise Http404
        as_of, until, _errors = _period(request.GET)
        content = render_document(self.information(as_of, until, None), fmt)
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        name = f"ekonomisk-information-{as_of.isoformat()}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
