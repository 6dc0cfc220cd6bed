"""The office's survey pages: links and QR codes, paper entry, and the report page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from documents.survey.render import FORMATS, document_for, render_report
from finsam.years import YEAR_MAX, YEAR_MIN
from interventions.models import Intervention
from stats.survey_report import comments_of
from survey.choices import INTERVENTION_FORMS
from survey.forms import CommentsForm, LinkForm, PaperAnswerForm
from survey.instruments import current_instrument, measurement_year
from survey.models import CollectionLink, Response
from survey.qr import qr_svg
from survey.services import close_link, open_link, record_response, save_comments
from tenancy.permissions import restrict
from tenancy.views.base import TenantView


def public_url(request: HttpRequest, link: CollectionLink) -> str:
    return request.build_absolute_uri(
        reverse("survey_public:answer", args=[link.association.slug, link.token])
    )


class SurveyIndexView(TenantView, TemplateView):
    permission_required = "survey.view_survey"
    template_name = "survey/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["links"] = CollectionLink.objects.select_related("form", "intervention")
        context["can_manage"] = user.has_perm("survey.manage_links", self.association)
        context["can_enter"] = user.has_perm("survey.enter_answers", self.association)
        context["forms"] = list(current_instrument().forms.values())
        context["year"] = measurement_year(timezone.localdate())
        context["counts"] = Response.objects.count()
        return context


class LinkCreateView(TenantView, TemplateView):
    permission_required = "survey.manage_links"
    template_name = "survey/link_form.html"

    def form(self) -> LinkForm:
        forms_in_use = list(current_instrument().forms.values())
        data = self.request.POST if self.request.method == "POST" else None
        initial = {"year": measurement_year(timezone.localdate())}
        return LinkForm(data, forms_in_use=forms_in_use, initial=initial)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        link = open_link(
            association=self.association,
            form=form.cleaned_data["form"],
            year=form.cleaned_data["year"],
            intervention=form.cleaned_data["intervention"],
        )
        messages.success(request, _("Länken är skapad."))
        return HttpResponseRedirect(
            reverse("survey:link_print", args=[self.association.slug, link.pk, "affisch"])
        )


class LinkCloseView(TenantView):
    permission_required = "survey.manage_links"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        link = get_object_or_404(CollectionLink, pk=kwargs["pk"])
        close_link(link=link, today=timezone.localdate())
        messages.success(request, _("Länken är stängd och tar inte emot fler svar."))
        return HttpResponseRedirect(reverse("survey:index", args=[self.association.slug]))


class LinkPrintView(TenantView, TemplateView):
    """A printable poster (A4) or card with the QR code and the link."""

    permission_required = "survey.manage_links"

    def get_template_names(self) -> list[str]:
        if self.kwargs["kind"] not in {"affisch", "kort"}:
            raise Http404
        return [f"survey/link_{self.kwargs['kind']}.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        link: CollectionLink = get_object_or_404(
            CollectionLink.objects.select_related("form", "intervention", "association"),
            pk=self.kwargs["pk"],
        )
        url = public_url(self.request, link)
        context.update(link=link, url=url, qr=qr_svg(url), cards=range(8))
        return context


class PaperEntryView(TenantView, TemplateView):
    """Staff type in a paper form: the office every form, an insatsansvarig their
    interventions' participant and staff forms."""

    permission_required = "survey.enter_answers"
    template_name = "survey/paper_form.html"

    def interventions(self) -> Any:
        queryset = Intervention.objects.order_by("code")
        return restrict(queryset, self.request.user, self.association, "survey.enter_answers")

    def survey_form(self) -> Any:
        form = current_instrument().forms.get(self.kwargs["form"])
        if form is None:
            raise Http404
        is_office = self.request.user.has_perm("survey.manage_links", self.association)
        if form.code not in INTERVENTION_FORMS and not is_office:
            raise PermissionDenied
        return form

    def form(self) -> PaperAnswerForm:
        data = self.request.POST if self.request.method == "POST" else None
        return PaperAnswerForm(data, form=self.survey_form(), interventions=self.interventions())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context["survey_form"] = self.survey_form()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        record_response(
            association=self.association,
            form=form.survey_form,
            date=form.date(),
            values=form.values(),
            gender=form.gender(),
            intervention=form.intervention(),
            source=Response.Source.PAPER,
        )
        messages.success(request, _("Svaret är sparat. Skriv in nästa formulär."))
        return HttpResponseRedirect(request.path)


class ReportView(TenantView, TemplateView):
    """The report of a measurement year on screen (Bilaga 4's shape)."""

    permission_required = "survey.view_survey"
    template_name = "survey/report.html"

    def year(self) -> int:
        try:
            year = int(self.request.GET.get("ar", ""))
        except ValueError:
            year = measurement_year(timezone.localdate())
        return year if YEAR_MIN <= year <= YEAR_MAX else measurement_year(timezone.localdate())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = self.year()
        context.update(
            year=year,
            document=document_for(self.association, year),
            formats=FORMATS,
            can_comment=self.request.user.has_perm("survey.change_comments", self.association),
        )
        return context


class ReportDownloadView(TenantView):
    permission_required = "survey.view_survey"
    http_method_names = ["get"]
    content_types = {
        "json": "application/json",
        "html": "text/html; charset=utf-8",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pdf": "application/pdf",
    }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt, year = kwargs["fmt"], kwargs["year"]
        if fmt not in FORMATS or not YEAR_MIN <= year <= YEAR_MAX:
            raise Http404
        content = render_report(self.association, year, fmt)
        response = HttpResponse(content, content_type=self.content_types[fmt])
        filename = f"indikatorrapport-{self.association.slug}-{year}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class CommentsView(TenantView, TemplateView):
    permission_required = "survey.change_comments"
    template_name = "survey/comments.html"

    def form(self) -> CommentsForm:
        data = self.request.POST if self.request.method == "POST" else None
        return CommentsForm(data, initial=comments_of(self.association, self.kwargs["year"]))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.form())
        context["year"] = self.kwargs["year"]
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        save_comments(association=self.association, year=kwargs["year"], texts=form.texts())
        messages.success(request, _("Kommentarerna är sparade."))
        url = reverse("survey:report", args=[self.association.slug])
        return HttpResponseRedirect(f"{url}?ar={kwargs['year']}")
