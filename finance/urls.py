"""Money pages under ``/f/<association>/ekonomi/``."""

from django.urls import path

from finance.views import costs, overview, own_budget, status

app_name = "finance"

urlpatterns = [
    path("", overview.MoneyOverviewView.as_view(), name="overview"),
    path("utfall/", costs.CostListView.as_view(), name="cost_list"),
    path("utfall/ny/", costs.CostSubmitView.as_view(), name="cost_submit"),
    path("utfall/<int:pk>/beslut/", costs.CostDecideView.as_view(), name="cost_decide"),
    path("utfall/<int:pk>/ratta/", costs.CostCorrectView.as_view(), name="cost_correct"),
    path("utfall/<int:pk>/utbetalning/", costs.CostPaymentView.as_view(), name="cost_payment"),
    path("egen-budget/", own_budget.OwnBudgetView.as_view(), name="own_budget"),
    path("gransvarden/", status.ThresholdsView.as_view(), name="thresholds"),
    path(
        "status/<int:pk>/<int:year>/<int:quarter>/",
        status.StatusOverrideView.as_view(),
        name="status_override",
    ),
]
