"""Meeting pages: the office prepares meetings and publishes notices; the board and the
auditors read published notices; a board member reports attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from meetings import services, substitutes
from meetings.forms import (
    AttachmentForm,
    AttendanceForm,
    DelegatedDecisionForm,
    ItemForm,
    MeetingForm,
    StaffForm,
)
from meetings.models import Attachment, Attendance, Item, Meeting, Organ, StaffMember
from meetings.queries import delegated_decisions, organ_people
from meetings.substitutes import calls_by_absent_member
from tenancy.permissions import restrict
from tenancy.views.base import (
    ServiceFormMixin,
    TenantCreateView,
    TenantDetailView,
    TenantListView,
    TenantView,
    htmx_redirect,
)


class MeetingListView(TenantListView):
    permission_required = "meetings.view_meetings"
    template_name = "meetings/meeting_list.html"

    def get_queryset(self) -> QuerySet[Meeting]:
        meetings = Meeting.objects.select_related("organ")
        return restrict(meetings, self.request.user, self.association, "meetings.view_meeting")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_prepare"] = self.request.user.has_perm(
            "meetings.change_meeting", self.association
        )
        return context


class MeetingCreateView(ServiceFormMixin, TenantView, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/form.html"
    form_class = MeetingForm
    extra_context = {"title": _("Nytt sammanträde")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        services.board_organ(self.association)
        kwargs["organs"] = Organ.objects.all()
        return kwargs

    def save(self, form: MeetingForm) -> Meeting:
        return services.create_meeting(user=self.request.user, **form.cleaned_data)

    def get_success_url_for(self, result: Meeting) -> str:
        return meeting_url(result)

    def success_message(self) -> str:
        return _("Sammanträdet är skapat med de stående ärendena.")


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.association.slug, meeting.pk])


class MeetingDetailView(TenantDetailView):
    permission_required = "meetings.view_meeting"
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self) -> QuerySet[Meeting]:
        return Meeting.objects.select_related("organ")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        meeting: Meeting = self.object
        user = self.request.user
        ordinary, substitutes = organ_people(meeting.organ, meeting.date)
        answers = {a.board_member_id: a for a in Attendance.objects.filter(meeting=meeting)}
        calls = calls_by_absent_member(meeting)
        by_pk = {seat.member.pk: seat.member for seat in ordinary}
        called_for = {sub.pk: by_pk.get(absent) for absent, sub in calls.items()}
        context.update(
            items=meeting.items.select_related("presenter").prefetch_related("attachments"),
            ordinary=[
                (seat, answers.get(seat.member.pk), calls.get(seat.member.pk)) for seat in ordinary
            ],
            substitutes=[
                (seat, answers.get(seat.member.pk), called_for.get(seat.member.pk))
                for seat in substitutes
            ],
            can_call=meeting.is_published and user.has_perm("meetings.call_substitute", meeting),
            delegated=delegated_decisions(meeting),
            can_prepare=user.has_perm("meetings.change_meeting", meeting)
            and not meeting.is_published,
            own_seat=_own_seat(user, ordinary + substitutes),
            attendance_form=AttendanceForm(),
        )
        return context


def _own_seat(user: Any, seats: list[Any]) -> Any:
    return next(
        (s for s in seats if s.membership is not None and s.membership.user_id == user.pk), None
    )


class MeetingChildView(TenantView):
    """A view of one meeting (by ``pk``) that checks the permission against it."""

    meeting: Meeting

    def check_access(self) -> None:
        self.meeting = get_object_or_404(
            Meeting.objects.select_related("organ"), pk=self.kwargs["pk"]
        )
        self.check_permission(self.meeting)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        context["cancel_url"] = meeting_url(self.meeting)
        return context


class ItemFormView(ServiceFormMixin, FormView):
    """The form of an item; ``save`` stores it (a refusal lands next to the fields) and
    gives the meeting to return to."""

    permission_required: str | None = "meetings.change_meeting"
    template_name = "meetings/form.html"
    form_class = ItemForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "staff": StaffMember.objects.all()}

    def save(self, form: ItemForm) -> Meeting:
        raise NotImplementedError

    def get_success_url_for(self, result: Meeting) -> str:
        return meeting_url(result)

    def success_message(self) -> str:
        return _("Ärendet är sparat.")


class ItemCreateView(ItemFormView, MeetingChildView):
    extra_context = {"title": _("Nytt ärende")}

    def save(self, form: ItemForm) -> Meeting:
        services.add_item(user=self.request.user, meeting=self.meeting, **form.item_fields())
        return self.meeting


class ItemView(TenantView):
    """A view of one item (by ``pk``) that checks the permission against it."""

    item: Item

    def check_access(self) -> None:
        self.item = get_object_or_404(Item.objects.select_related("meeting"), pk=self.kwargs["pk"])
        self.check_permission(self.item)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["cancel_url"] = meeting_url(self.item.meeting)
        return context


class ItemUpdateView(ItemFormView, ItemView):
    extra_context = {"title": _("Ändra ärende")}

    def get_initial(self) -> dict[str, Any]:
        item = self.item
        return {
            "title": item.title,
            "kind": item.kind,
            "presenter": item.presenter,
            "proposal": "\n".join(item.proposal),
            "background": item.background,
            "concerns": item.concerns,
            "concerns_ref": item.concerns_ref,
        }

    def save(self, form: ItemForm) -> Meeting:
        services.update_item(user=self.request.user, item=self.item, **form.item_fields())
        return self.item.meeting


class ItemMoveView(ItemView):
    permission_required = "meetings.change_meeting"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.move_item(user=request.user, item=self.item, up=request.POST.get("to") == "up")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return htmx_redirect(request, meeting_url(self.item.meeting))


class ItemDeleteView(ItemView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/confirm.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        question = _("Ta bort ärende %(number)s ”%(title)s” och dess bilagor?") % {
            "number": self.item.number,
            "title": self.item.title,
        }
        context = self.get_context_data(
            title=_("Ta bort ärende"), question=question, confirm=_("Ta bort ärendet")
        )
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        meeting = self.item.meeting
        try:
            services.delete_item(user=request.user, item=self.item)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Ärendet är borttaget."))
        return htmx_redirect(request, meeting_url(meeting))


class AttachmentCreateView(ServiceFormMixin, ItemView, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/form.html"
    form_class = AttachmentForm
    extra_context = {"title": _("Ny bilaga"), "multipart": True}

    def save(self, form: AttachmentForm) -> None:
        data = form.cleaned_data
        services.add_attachment(
            user=self.request.user,
            item=self.item,
            title=data["title"],
            document=data["document"],
            reference=data["reference"],
            file=data["file"],
        )

    def get_success_url_for(self, result: None) -> str:
        return meeting_url(self.item.meeting)

    def success_message(self) -> str:
        return _("Bilagan är sparad.")


class AttachmentDownloadView(TenantView):
    """The attachment's file: a frozen generated PDF or the uploaded file."""

    permission_required = "meetings.view_meeting"
    attachment: Attachment

    def check_access(self) -> None:
        self.attachment = get_object_or_404(
            Attachment.objects.select_related("item__meeting"), pk=self.kwargs["pk"]
        )
        self.check_permission(self.attachment.item.meeting)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        attachment = self.attachment
        if not attachment.file:
            raise Http404
        name = attachment.file.name.rsplit("/", 1)[-1]
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=name)


class PublishView(MeetingChildView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/confirm.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        question = _(
            "Skicka kallelsen till %(meeting)s? Genererade bilagor fryses som PDF och "
            "kallelsen kan inte ändras efteråt."
        ) % {"meeting": self.meeting}
        context = self.get_context_data(
            title=_("Skicka kallelse"), question=question, confirm=_("Skicka kallelsen")
        )
        return render(request, self.template_name, context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.publish(user=request.user, meeting=self.meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Kallelsen är skickad."))
        return htmx_redirect(request, meeting_url(self.meeting))


class AttendanceView(MeetingChildView):
    permission_required = "meetings.report_attendance"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AttendanceForm(request.POST)
        ordinary, substitutes = organ_people(self.meeting.organ, self.meeting.date)
        seat = _own_seat(request.user, ordinary + substitutes)
        if seat is None:
            raise PermissionDenied
        if form.is_valid():
            services.report_attendance(
                user=request.user,
                meeting=self.meeting,
                board_member=seat.member,
                attending=form.cleaned_data["attending"],
            )
            messages.success(request, _("Din anmälan är sparad."))
        else:
            messages.error(request, _("Välj om du kommer eller har förhinder."))
        return htmx_redirect(request, meeting_url(self.meeting))


class CallSubstituteView(MeetingChildView):
    """The office calls the next free substitute in for a member who is prevented."""

    permission_required = "meetings.call_substitute"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ordinary, _substitutes = organ_people(self.meeting.organ, self.meeting.date)
        by_pk = {str(seat.member.pk): seat.member for seat in ordinary}
        member = by_pk.get(request.POST.get("member", ""))
        if member is None:
            messages.error(request, _("Välj en ordinarie ledamot som har anmält förhinder."))
            return htmx_redirect(request, meeting_url(self.meeting))
        try:
            call = substitutes.call_substitute(
                user=request.user, meeting=self.meeting, absent_member=member
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(substitute)s är inkallad för %(member)s.")
                % {"substitute": call.substitute.name, "member": member.name},
            )
        return htmx_redirect(request, meeting_url(self.meeting))


NOTICE_TYPES = {
    "json": "application/json",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class NoticeDownloadView(MeetingChildView):
    """The notice as the contract's JSON, the whole packet as PDF, or the notice and
    agenda as DOCX (the same renderer as ``manage.py meeting_notice``)."""

    permission_required = "meetings.view_meeting"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from meetings.management.commands.meeting_notice import render

        fmt = kwargs["fmt"]
        if fmt not in NOTICE_TYPES:
            raise Http404
        response = HttpResponse(render(self.meeting, fmt), content_type=NOTICE_TYPES[fmt])
        filename = f"kallelse-{self.meeting.date.isoformat()}.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class DelegatedDecisionCreateView(ServiceFormMixin, TenantView, FormView):
    permission_required = "meetings.record_delegated_decision"
    template_name = "meetings/form.html"
    form_class = DelegatedDecisionForm
    extra_context = {"title": _("Nytt delegationsbeslut")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse("meetings:list", args=[self.association.slug])
        return context

    def save(self, form: DelegatedDecisionForm) -> None:
        services.record_delegated_decision(
            user=self.request.user, association=self.association, **form.cleaned_data
        )

    def get_success_url_for(self, result: None) -> str:
        return reverse("meetings:list", args=[self.association.slug])

    def success_message(self) -> str:
        return _("Delegationsbeslutet är sparat och redovisas vid nästa styrelsesammanträde.")


class StaffListView(TenantListView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/staff_list.html"

    def get_queryset(self) -> QuerySet[StaffMember]:
        return StaffMember.objects.all()


class StaffCreateView(TenantCreateView):
    permission_required = "meetings.change_meeting"
    form_class = StaffForm
    template_name = "meetings/form.html"
    extra_context = {"title": _("Ny tjänsteperson")}
    success_url_name = "meetings:staff_list"

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Tjänstepersonen är sparad."))
        return super().form_valid(form)
