"""Cost outcome (rekvisitioner/utfall): the list of rows, submitting a quarter's outcome
(insatsansvarig for their interventions, or the ekonom), the ekonom's decision and the
payment date."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from finance import services
from finance.forms import (
    CostCorrectionForm,
    CostDecisionForm,
    CostSubmitForm,
    PaymentForm,
    YearForm,
)
from finance.models import CostOutcome
from finance.queries import costs_for, submittable_interventions_for
from finsam.years import quarter_of
from tenancy.views.base import ServiceFormMixin, TenantView


def cost_list_url(slug: str, year: int) -> str:
    return f"{reverse('finance:cost_list', args=[slug])}?ar={year}"


class CostListView(TenantView):
    """The year's cost rows the user may see (``?ar=``, the current year by default)."""

    permission_required = "finance.view_money"
    template_name = "finance/cost_list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        year = timezone.localdate().year
        form = YearForm(request.GET or None, initial={"ar": year})
        if form.is_valid():
            year = form.cleaned_data["ar"]
        costs = (
            costs_for(request.user, self.association)
            .filter(year=year)
            .select_related("intervention", "submitted_by", "approved_by")
            .order_by("quarter", "intervention__code")
        )
        user = request.user
        context = self.get_context_data(
            costs=costs,
            year=year,
            year_form=form,
            can_submit=user.has_perm("finance.submit_cost", self.association),
            can_approve=user.has_perm("finance.approve_cost", self.association),
        )
        return render(request, self.template_name, context)


class FinanceFormView(ServiceFormMixin, TenantView, FormView):
    """A form page whose valid input goes to a service; a ValidationError from the service
    becomes a form error."""

    template_name = "finance/form.html"
    title: Any = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        context.setdefault("cancel_url", self.get_success_url())
        return context


class CostSubmitView(FinanceFormView):
    """Reports a quarter's outcome; a quarter that has a row already is refused, with a
    link to that row (where a submitted or rejected row is corrected)."""

    permission_required = "finance.submit_cost"
    form_class = CostSubmitForm
    title = gettext_lazy("Rapportera utfall")
    template_name = "finance/cost_submit.html"
    year: int | None = None
    existing_cost: CostOutcome | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("existing_cost", self.existing_cost)
        return super().get_context_data(**kwargs)

    def get_initial(self) -> dict[str, Any]:
        today = timezone.localdate()
        return {"year": today.year, "quarter": quarter_of(today)}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["interventions"] = submittable_interventions_for(self.request.user, self.association)
        return kwargs

    def save(self, form: Any) -> None:
        data = form.cleaned_data
        self.year = data["year"]
        try:
            services.submit_cost(
                user=self.request.user,
                intervention=data["intervention"],
                year=data["year"],
                quarter=data["quarter"],
                amount=data["amount"],
            )
        except services.CostExists as exists:
            self.existing_cost = exists.cost
            raise

    def get_success_url(self) -> str:
        year = self.year or timezone.localdate().year
        return cost_list_url(self.association.slug, year)


class CostRowView(FinanceFormView):
    """A form about one cost row; the row is the permission object (another association's
    row is a 404)."""

    permission_required = "finance.approve_cost"
    cost: CostOutcome

    def check_access(self) -> None:
        self.cost = get_object_or_404(
            CostOutcome.objects.select_related("intervention"), pk=self.kwargs["pk"]
        )
        self.check_permission(self.cost)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("cost", self.cost)
        return super().get_context_data(**kwargs)

    def get_success_url(self) -> str:
        return cost_list_url(self.association.slug, self.cost.year)


class CostDecideView(CostRowView):
    """The ekonom's decision. Whoever submitted or corrected the row is told why they may
    not decide (four eyes) and is offered no form; the service refuses them as well."""

    form_class = CostDecisionForm
    title = gettext_lazy("Besluta om utfall")
    template_name = "finance/cost_decide.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault(
            "four_eyes_refusal", services.four_eyes_refusal(user=self.request.user, cost=self.cost)
        )
        kwargs.setdefault("events", self.cost.events.select_related("user"))
        return super().get_context_data(**kwargs)

    def save(self, form: Any) -> None:
        data = form.cleaned_data
        if data["decision"] == CostDecisionForm.APPROVE:
            services.approve_cost(user=self.request.user, cost=self.cost, comment=data["comment"])
        else:
            services.reject_cost(user=self.request.user, cost=self.cost, comment=data["comment"])


class CostCorrectView(CostRowView):
    """One cost row with its history; a submitted or rejected row is corrected here (by
    whoever may submit it), an approved row is shown as locked."""

    permission_required = "finance.submit_cost"
    form_class = CostCorrectionForm
    title = gettext_lazy("Rätta utfall")
    template_name = "finance/cost_correct.html"

    def get_initial(self) -> dict[str, Any]:
        return {"amount": self.cost.amount}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("locked", self.cost.status == CostOutcome.Status.APPROVED)
        kwargs.setdefault("events", self.cost.events.select_related("user"))
        return super().get_context_data(**kwargs)

    def save(self, form: Any) -> None:
        data = form.cleaned_data
        services.correct_cost(
            user=self.request.user, cost=self.cost, amount=data["amount"], comment=data["comment"]
        )


class CostPaymentView(CostRowView):
    form_class = PaymentForm
    title = gettext_lazy("Registrera utbetalning")
    template_name = "finance/cost_decide.html"

    def get_initial(self) -> dict[str, Any]:
        return {"paid_on": self.cost.paid_on or timezone.localdate()}

    def save(self, form: Any) -> None:
        services.record_payment(
            user=self.request.user, cost=self.cost, paid_on=form.cleaned_data["paid_on"]
        )
