"""The board (styrelse): ordinary members and substitutes, with appointing member and term."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenancy.forms import DateInput, TenantModelForm
from tenancy.models import BoardMember, BoardRole, BoardSeat
from tenancy.views.base import FormPage, TenantCreateView, TenantListView, TenantUpdateView

#: The order board members are listed in within a group: chair, vice chair, members.
ROLE_ORDER = [BoardRole.ORDFORANDE, BoardRole.VICE_ORDFORANDE, BoardRole.LEDAMOT]


class BoardMemberForm(TenantModelForm):
    """Mirrors BoardMember's check constraints as Swedish field errors, so a violation is
    shown next to the field instead of reaching the database."""

    class Meta:
        model = BoardMember
        fields = ["name", "seat", "role", "appointed_by", "party", "term_start", "term_end"]
        widgets = {"term_start": DateInput(), "term_end": DateInput()}

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error(
                "term_end",
                _("Mandatperioden kan inte sluta före den börjar (%(start)s).")
                % {"start": start.isoformat()},
            )
        seat, role = cleaned.get("seat"), cleaned.get("role")
        if seat == BoardSeat.ERSATTARE and role and role != BoardRole.LEDAMOT:
            self.add_error(
                "role", _("En ersättare kan inte vara ordförande eller vice ordförande.")
            )
        return cleaned


def board_in_display_order() -> Any:
    """The association's board: chair, vice chair, then members by name."""
    return (
        BoardMember.objects.select_related("appointed_by")
        .annotate(
            role_rank=Case(
                *[When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)],
                output_field=IntegerField(),
            )
        )
        .order_by("role_rank", "name", "pk")
    )


class BoardListView(TenantListView):
    permission_required = "tenancy.view_masterdata"
    change_permission = "tenancy.change_masterdata"
    template_name = "tenancy/board_list.html"

    def get_queryset(self) -> Any:
        return board_in_display_order()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        board = list(context["object_list"])
        context["groups"] = [
            (_("Ordinarie ledamöter"), [b for b in board if b.seat == BoardSeat.ORDINARIE]),
            (_("Ersättare"), [b for b in board if b.seat == BoardSeat.ERSATTARE]),
        ]
        context["today"] = timezone.localdate()
        return context


class BoardMemberFormPage(FormPage):
    permission_required = "tenancy.change_masterdata"
    form_class = BoardMemberForm
    template_name = "tenancy/form.html"
    model = BoardMember
    success_url_name = "tenancy:board_list"


class BoardMemberCreateView(BoardMemberFormPage, TenantCreateView):
    extra_context = {"title": _("Ny styrelseledamot")}


class BoardMemberUpdateView(BoardMemberFormPage, TenantUpdateView):
    extra_context = {"title": _("Ändra styrelseledamot")}
