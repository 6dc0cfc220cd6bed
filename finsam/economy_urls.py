"""The economic information (decision room) under ``/f/<association>/beslutsutrymme/``:
the document's page from ``documents.economic.views`` beside funding's budget, own-budget
and equity pages. Wired here in the root URLconf because it joins two layers' views."""

from django.urls import path

from documents.economic import views as economy_views
from funding import budget_grid_views, equity_views, own_budget_views

app_name = "economy"

urlpatterns = [
    path("", economy_views.EconomicInformationView.as_view(), name="information"),
    path("prova/", economy_views.WhatIfView.as_view(), name="what_if"),
    path("budget/", budget_grid_views.BudgetGridView.as_view(), name="budget_grid"),
    path("forbundsbudget/", own_budget_views.OwnBudgetGridView.as_view(), name="own_budget"),
    path("eget-kapital/", equity_views.EquityBracketsView.as_view(), name="brackets"),
    path("ladda-ner/<str:fmt>/", economy_views.DownloadView.as_view(), name="download"),
]
