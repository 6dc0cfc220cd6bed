"""Follow-up pages under ``/f/<association>/rapportering/``: quarterly, deviation and final
reports."""

from django.urls import URLPattern, URLResolver, path

from followup.views import deviations, final_reports, quarterly
from tenancy.routes import crud_paths

app_name = "followup"

QUARTER = "insatser/<int:intervention_pk>/kvartal/<int:year>/<int:quarter>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", quarterly.FollowupIndexView.as_view(), name="index"),
    path(
        "insatser/<int:intervention_pk>/",
        quarterly.InterventionReportsView.as_view(),
        name="intervention",
    ),
    # quarterly reports
    path(QUARTER, quarterly.ReportDetailView.as_view(), name="report_detail"),
    path(f"{QUARTER}fyll-i/", quarterly.ReportFillView.as_view(), name="report_fill"),
    path(f"{QUARTER}granska/", quarterly.ReportReviewView.as_view(), name="report_review"),
    path(f"{QUARTER}oppna/", quarterly.ReportReopenView.as_view(), name="report_reopen"),
    # deviation reports
    *crud_paths(
        "insatser/<int:intervention_pk>/avvikelser/",
        "deviation",
        list=deviations.DeviationListView,
        create=deviations.DeviationCreateView,
    ),
    path(
        "avvikelser/obeslutade/",
        deviations.UndecidedDeviationListView.as_view(),
        name="deviation_undecided",
    ),
    *crud_paths("avvikelser/", "deviation", detail=deviations.DeviationDetailView),
    path(
        "avvikelser/<int:pk>/beslut/",
        deviations.DeviationDecideView.as_view(),
        name="deviation_decide",
    ),
    # final report
    path(
        "insatser/<int:intervention_pk>/slutrapport/",
        final_reports.FinalReportDetailView.as_view(),
        name="final_report_detail",
    ),
    path(
        "insatser/<int:intervention_pk>/slutrapport/fyll-i/",
        final_reports.FinalReportFillView.as_view(),
        name="final_report_fill",
    ),
    path(
        "insatser/<int:intervention_pk>/slutrapport/oppna/",
        final_reports.FinalReportReopenView.as_view(),
        name="final_report_reopen",
    ),
]
