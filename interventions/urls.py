"""Intervention pages under ``/f/<association>/insatser/``."""

from django.urls import URLPattern, URLResolver, path

from interventions.views import budgets, goals, interventions, steering_groups
from tenancy.routes import crud_paths

app_name = "interventions"

urlpatterns: list[URLPattern | URLResolver] = [
    *crud_paths(
        list=interventions.InterventionListView,
        create=interventions.InterventionCreateView,
        detail=interventions.InterventionDetailView,
        update=interventions.InterventionUpdateView,
    ),
    # goals of an intervention
    *crud_paths(
        "<int:intervention_pk>/mal/",
        "goal",
        create=goals.GoalCreateView,
        update=goals.GoalUpdateView,
    ),
    # budgets
    path("budget/", budgets.BudgetListView.as_view(), name="budget_list"),
    *crud_paths(
        "<int:intervention_pk>/budget/",
        "budget",
        create=budgets.BudgetCreateView,
        update=budgets.BudgetUpdateView,
        delete=budgets.BudgetDeleteView,
    ),
    # steering groups and their members
    *crud_paths(
        "styrgrupper/",
        "steeringgroup",
        list=steering_groups.SteeringGroupListView,
        create=steering_groups.SteeringGroupCreateView,
        detail=steering_groups.SteeringGroupDetailView,
        update=steering_groups.SteeringGroupUpdateView,
    ),
    *crud_paths(
        "styrgrupper/<int:group_pk>/ledamoter/",
        "steeringgroupmember",
        create=steering_groups.SteeringGroupMemberCreateView,
        update=steering_groups.SteeringGroupMemberUpdateView,
        delete=steering_groups.SteeringGroupMemberDeleteView,
    ),
]
