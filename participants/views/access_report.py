"""The access report (registerutdrag): a deltagaransvarig posts a personnummer (never in
a URL) and downloads what is stored about the person in their interventions, as PDF or
JSON."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from audit.models import AccessAction
from participants import personnummer
from participants.access_report import access_report_for, render_json, render_pdf
from participants.forms import personnummer_field
from participants.queries import officer_interventions
from participants.views.base import ParticipantView


class AccessReportForm(forms.Form):
    FORMATS = [("pdf", "PDF"), ("json", "JSON")]

    personnummer = personnummer_field()
    format = forms.ChoiceField(
        label=gettext_lazy("Format"), choices=FORMATS, initial="pdf", widget=forms.RadioSelect
    )

    def clean_personnummer(self) -> str:
        value: str = self.cleaned_data["personnummer"]
        try:
            personnummer.parse(value)
        except personnummer.InvalidPersonnummer as error:
            raise forms.ValidationError(str(error)) from None
        return value


def download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class AccessReportView(ParticipantView):
    permission_required = "participants.make_access_report"
    access_action = AccessAction.ACCESS_REPORT
    template_name = "participants/access_report.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(AccessReportForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AccessReportForm(request.POST)
        if not form.is_valid():
            return self.page(form)
        report = access_report_for(
            user=request.user,
            association=self.association,
            number=form.cleaned_data["personnummer"],
        )
        if report is None:
            return self.page(AccessReportForm(), not_found=True)
        if form.cleaned_data["format"] == "json":
            return download(render_json(report), "application/json", "registerutdrag.json")
        return download(render_pdf(report), "application/pdf", "registerutdrag.pdf")

    def page(self, form: AccessReportForm, not_found: bool = False) -> HttpResponse:
        context = self.get_context_data(
            form=form,
            not_found=not_found,
            interventions=officer_interventions(self.request.user, self.association),
        )
        response = render(self.request, self.template_name, context)
        response["Cache-Control"] = "no-store"
        return response
