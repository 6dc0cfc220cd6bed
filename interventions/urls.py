"""Intervention pages under ``/f/<association>/insatser/``."""

from django.urls import path

from interventions.views import budgets, goals, interventions, steering_groups

app_name = "interventions"

urlpatterns = [
    path("", interventions.InterventionListView.as_view(), name="list"),
    path("ny/", interventions.InterventionCreateView.as_view(), name="create"),
    path("<int:pk>/", interventions.InterventionDetailView.as_view(), name="detail"),
    path("<int:pk>/andra/", interventions.InterventionUpdateView.as_view(), name="update"),
    # goals of an intervention
    path("<int:intervention_pk>/mal/ny/", goals.GoalCreateView.as_view(), name="goal_create"),
    path(
        "<int:intervention_pk>/mal/<int:pk>/andra/",
        goals.GoalUpdateView.as_view(),
        name="goal_update",
    ),
    # budgets
    path("budget/", budgets.BudgetListView.as_view(), name="budget_list"),
    path(
        "<int:intervention_pk>/budget/ny/",
        budgets.BudgetCreateView.as_view(),
        name="budget_create",
    ),
    path(
        "<int:intervention_pk>/budget/<int:pk>/andra/",
        budgets.BudgetUpdateView.as_view(),
        name="budget_update",
    ),
    path(
        "<int:intervention_pk>/budget/<int:pk>/ta-bort/",
        budgets.BudgetDeleteView.as_view(),
        name="budget_delete",
    ),
    # steering groups and their members
    path(
        "styrgrupper/",
        steering_groups.SteeringGroupListView.as_view(),
        name="steeringgroup_list",
    ),
    path(
        "styrgrupper/ny/",
        steering_groups.SteeringGroupCreateView.as_view(),
        name="steeringgroup_create",
    ),
    path(
        "styrgrupper/<int:pk>/",
        steering_groups.SteeringGroupDetailView.as_view(),
        name="steeringgroup_detail",
    ),
    path(
        "styrgrupper/<int:pk>/andra/",
        steering_groups.SteeringGroupUpdateView.as_view(),
        name="steeringgroup_update",
    ),
    path(
        "styrgrupper/<int:group_pk>/ledamoter/ny/",
        steering_groups.SteeringGroupMemberCreateView.as_view(),
        name="steeringgroupmember_create",
    ),
    path(
        "styrgrupper/<int:group_pk>/ledamoter/<int:pk>/andra/",
        steering_groups.SteeringGroupMemberUpdateView.as_view(),
        name="steeringgroupmember_update",
    ),
    path(
        "styrgrupper/<int:group_pk>/ledamoter/<int:pk>/ta-bort/",
        steering_groups.SteeringGroupMemberDeleteView.as_view(),
        name="steeringgroupmember_delete",
    ),
]
