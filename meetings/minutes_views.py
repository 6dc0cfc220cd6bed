"""Minutes pages: the office writes them; the chair and the checker check them with a fresh
second factor; everyone who reads the meeting reads them; an extract per §; the decision
register."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from followup.models import Decision, Deviation
from funding.models import Application
from funding.services import YearAmount
from meetings import minutes as service
from meetings.minutes_forms import (
    AdoptionForm,
    ApplicationDecisionForm,
    DeviationDecisionForm,
    ParagraphForm,
    ServingForm,
)
from meetings.models import Concerns, Meeting, Minutes, OrganKind, Paragraph
from meetings.queries import organ_people
from meetings.views import MeetingChildView
from participants.reauth import fresh_check_redirect
from stats.annual.data import ReportError
from tenancy.permissions import permission, restrict
from tenancy.views.base import ServiceFormMixin, TenantView, htmx_redirect


def minutes_url(meeting: Meeting) -> str:
    return reverse("meetings:minutes", args=[meeting.association.slug, meeting.pk])


def _people(meeting: Meeting) -> tuple[list[Any], list[Any]]:
    ordinary, substitutes = organ_people(meeting.organ, meeting.date)
    return [s.member for s in ordinary], [s.member for s in substitutes]


class MinutesView(MeetingChildView):
    permission_required = "meetings.view_meeting"
    template_name = "meetings/minutes.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        minutes = Minutes.objects.filter(meeting=self.meeting).first()
        context = self.get_context_data(minutes=minutes)
        if minutes is not None:
            paragraphs = minutes.paragraphs.select_related(
                "item", "funding_decision__intervention", "deviation__intervention"
            ).prefetch_related("conflicted")
            context.update(
                paragraphs=paragraphs,
                serving=minutes.serving.select_related("board_member", "serving_for"),
                quorum={q.number: q for q in service.quorum(minutes)},
                appeal_until=service.appeal_until(minutes),
                can_check=request.user.has_perm("meetings.check_minutes", minutes),
            )
        context["can_write"] = request.user.has_perm("meetings.change_minutes", self.meeting) and (
            minutes is None or not minutes.is_locked
        )
        return render(request, self.template_name, context)


class StartMinutesView(MeetingChildView):
    permission_required = "meetings.change_minutes"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            service.start_minutes(user=request.user, meeting=self.meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Protokollet är påbörjat med förslagen som beslut."))
        return htmx_redirect(request, minutes_url(self.meeting))


class MinutesChildView(MeetingChildView):
    minutes: Minutes

    def check_access(self) -> None:
        super().check_access()
        minutes = Minutes.objects.filter(meeting=self.meeting).first()
        if minutes is None:
            raise Http404
        self.minutes = minutes

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = minutes_url(self.meeting)
        return context


class ServingView(ServiceFormMixin, MinutesChildView, FormView):
    permission_required = "meetings.change_minutes"
    template_name = "meetings/form.html"
    extra_context = {"title": _("Närvaro och justerare")}

    def get_form(self, form_class: Any = None) -> ServingForm:
        ordinary, substitutes = _people(self.meeting)
        numbers = list(self.minutes.paragraphs.values_list("number", flat=True))
        initial: dict[str, Any] = {
            "checker": self.minutes.checker_id,
            "others_present": self.minutes.others_present,
        }
        for row in self.minutes.serving.all():
            prefix = f"m{row.board_member_id}"
            initial |= {
                f"{prefix}_served": True,
                f"{prefix}_from": row.from_number,
                f"{prefix}_to": row.to_number,
                f"{prefix}_for": row.serving_for_id,
            }
        return ServingForm(
            self.request.POST or None,
            members=ordinary + substitutes,
            ordinary=ordinary,
            numbers=(min(numbers), max(numbers)),
            initial=initial,
        )

    def save(self, form: Any) -> None:
        rows = [service.ServingRow(m, low, high, for_) for m, low, high, for_ in form.rows()]
        service.set_serving(
            user=self.request.user,
            minutes=self.minutes,
            rows=rows,
            others_present=form.cleaned_data["others_present"],
        )
        self.minutes.checker = form.cleaned_data["checker"]
        self.minutes.save(update_fields=["checker"])

    def get_success_url_for(self, result: None) -> str:
        return minutes_url(self.meeting)

    def success_message(self) -> str:
        return _("Närvaron är sparad.")


class ParagraphChildView(TenantView):
    paragraph: Paragraph

    def check_access(self) -> None:
        self.paragraph = get_object_or_404(
            Paragraph.objects.select_related("minutes__meeting__organ", "item"),
            pk=self.kwargs["pk"],
        )
        target: Any = (
            self.paragraph.minutes
            if self.permission_required == "meetings.change_minutes"
            else self.paragraph.minutes.meeting
        )
        self.check_permission(target)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = minutes_url(self.paragraph.minutes.meeting)
        context["title"] = f"§ {self.paragraph.number} {self.paragraph.item.title}"
        return context


class ParagraphFormView(ServiceFormMixin, ParagraphChildView, FormView):
    """A form about one § of the minutes: a save leads back to the minutes."""

    permission_required = "meetings.change_minutes"
    template_name = "meetings/form.html"

    def get_success_url_for(self, result: Any) -> str:
        return minutes_url(self.paragraph.minutes.meeting)


class ParagraphView(ParagraphFormView):
    def get_form(self, form_class: Any = None) -> ParagraphForm:
        ordinary, substitutes = _people(self.paragraph.minutes.meeting)
        return ParagraphForm(
            self.request.POST or None,
            members=ordinary + substitutes,
            initial={
                "decision": "\n".join(self.paragraph.decision),
                "votes": self.paragraph.votes,
                "reservations": self.paragraph.reservations,
                "conflicted": list(self.paragraph.conflicted.all()),
            },
        )

    def save(self, form: Any) -> None:
        data = form.cleaned_data
        service.update_paragraph(
            user=self.request.user,
            paragraph=self.paragraph,
            decision=str(data["decision"]).splitlines(),
            votes=data["votes"],
            reservations=data["reservations"],
            conflicted=list(data["conflicted"]),
        )

    def success_message(self) -> str:
        return _("Paragrafen är sparad.")


class ApplicationDecisionView(ParagraphFormView):
    """The § decides an application: recorded through the funding service."""

    def get_form(self, form_class: Any = None) -> ApplicationDecisionForm:
        undecided = Application.objects.filter(decision__isnull=True, assessment__isnull=False)
        initial = {}
        ref = self.paragraph.item.concerns_ref
        if self.paragraph.item.concerns == Concerns.APPLICATION and ref.isdigit():
            initial["application"] = undecided.filter(pk=int(ref)).first()
        return ApplicationDecisionForm(
            self.request.POST or None, applications=undecided, initial=initial
        )

    def save(self, form: Any) -> None:
        data = form.cleaned_data
        self.decision = service.decide_application(
            user=self.request.user,
            paragraph=self.paragraph,
            application=data["application"],
            outcome=data["outcome"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            years=[YearAmount(year, amount) for year, amount in data["years"]],
            conditions=data["conditions"],
        )

    def success_message(self) -> str:
        return _("Beslutet är registrerat: %(decision)s.") % {"decision": self.decision}


class DeviationDecisionView(ParagraphFormView):
    """The § decides a deviation report: recorded through the follow-up service."""

    def get_form(self, form_class: Any = None) -> DeviationDecisionForm:
        undecided = Deviation.objects.filter(decision=Decision.UNDECIDED).select_related(
            "intervention"
        )
        initial = {}
        ref = self.paragraph.item.concerns_ref
        if self.paragraph.item.concerns == Concerns.DEVIATION and ref.isdigit():
            initial["deviation"] = undecided.filter(pk=int(ref)).first()
        return DeviationDecisionForm(
            self.request.POST or None, deviations=undecided, initial=initial
        )

    def save(self, form: Any) -> None:
        data = form.cleaned_data
        service.decide_deviation(
            user=self.request.user,
            paragraph=self.paragraph,
            deviation=data["deviation"],
            decision=data["decision"],
            comment=data["comment"],
        )

    def success_message(self) -> str:
        return _("Beslutet om avvikelserapporten är registrerat.")


class AdoptionView(ParagraphFormView):
    """The § adopts the annual report of a year (its figures are frozen as adopted)."""

    form_class = AdoptionForm

    def get_initial(self) -> dict[str, Any]:
        return {"year": self.paragraph.minutes.meeting.date.year - 1}

    def save(self, form: Any) -> None:
        try:
            service.adopt_annual_report(
                user=self.request.user, paragraph=self.paragraph, year=form.cleaned_data["year"]
            )
        except ReportError as error:
            raise ValidationError(str(error)) from error

    def success_message(self) -> str:
        return _("Årsredovisningen är fastställd och dess siffror låsta.")


class CheckMinutesView(MinutesChildView):
    """The chair or the checker checks the minutes, after a fresh second-factor check."""

    permission_required = "meetings.view_meeting"
    template_name = "meetings/confirm.html"

    def check_access(self) -> None:
        super().check_access()
        if not self.request.user.has_perm("meetings.check_minutes", self.minutes):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied

    def second_factor_redirect(self, request: HttpRequest) -> HttpResponse | None:
        """To the second-factor check first, when the table's entry asks for a fresh one."""
        if not permission("meetings.check_minutes").fresh_second_factor:
            return None
        return fresh_check_redirect(request, next_url=request.path)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        redirect = self.second_factor_redirect(request)
        if redirect is not None:
            return redirect
        question = _(
            "Justera protokollet från %(meeting)s? Du bekräftar att det stämmer med vad som "
            "beslutades. När ordföranden och justeraren har justerat låses protokollet."
        ) % {"meeting": self.meeting}
        context = self.get_context_data(
            title=_("Justera protokollet"), question=question, confirm=_("Justera")
        )
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        redirect = self.second_factor_redirect(request)
        if redirect is not None:
            return redirect
        try:
            minutes = service.check_minutes(user=request.user, minutes=self.minutes)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Protokollet är justerat och låst.")
                if minutes.is_locked
                else _("Din justering är registrerad."),
            )
        return htmx_redirect(request, minutes_url(self.meeting))


class ExtractView(ParagraphChildView):
    """An extract of one § (protokollsutdrag), printable."""

    permission_required = "meetings.view_meeting"
    template_name = "meetings/extract.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        minutes = self.paragraph.minutes
        context = self.get_context_data(
            paragraph=self.paragraph,
            meeting=minutes.meeting,
            minutes=minutes,
            appeal_until=service.appeal_until(minutes),
        )
        return render(request, self.template_name, context)


class DecisionRegisterView(TenantView, ListView):
    """Every § of every organ, searchable by year, organ, kind, intervention and text."""

    permission_required = "meetings.view_decisions"
    template_name = "meetings/decisions.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Paragraph]:
        paragraphs = Paragraph.objects.select_related(
            "minutes__meeting__organ", "item", "funding_decision__intervention"
        ).order_by("-minutes__meeting__date", "-number")
        paragraphs = restrict(
            paragraphs,
            self.request.user,
            self.association,
            "meetings.view_meeting",
            via="minutes__meeting",
        )
        query = self.request.GET
        year = query.get("ar", "")
        if year.isdigit() and len(year) == 4:
            paragraphs = paragraphs.filter(minutes__meeting__date__year=int(year))
        if query.get("organ") in OrganKind.values:
            paragraphs = paragraphs.filter(minutes__meeting__organ__kind=query["organ"])
        if query.get("typ") in ("beslut", "information"):
            paragraphs = paragraphs.filter(item__kind=query["typ"])
        intervention = query.get("insats", "")
        if intervention.isdigit() and len(intervention) < 12:
            paragraphs = paragraphs.filter(funding_decision__intervention_id=int(intervention))
        text = query.get("q", "").strip()[:200]
        if text:
            paragraphs = paragraphs.filter(
                Q(item__title__icontains=text) | Q(decision__icontains=text)
            )
        return paragraphs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organs"] = OrganKind.choices
        context["query"] = self.request.GET
        return context
