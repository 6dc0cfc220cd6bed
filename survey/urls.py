from django.urls import path

from survey import views, views_progression

app_name = "survey"

urlpatterns = [
    path("", views.SurveyIndexView.as_view(), name="index"),
    path("lankar/ny/", views.LinkCreateView.as_view(), name="link_create"),
    path("lankar/<int:pk>/stang/", views.LinkCloseView.as_view(), name="link_close"),
    path("lankar/<int:pk>/<str:kind>/", views.LinkPrintView.as_view(), name="link_print"),
    path("papper/<str:form>/", views.PaperEntryView.as_view(), name="paper"),
    path("rapport/", views.ReportView.as_view(), name="report"),
    path(
        "rapport/<int:year>/ladda-ner/<str:fmt>/",
        views.ReportDownloadView.as_view(),
        name="report_download",
    ),
    path("rapport/<int:year>/kommentarer/", views.CommentsView.as_view(), name="comments"),
    path(
        "progression/instrument/",
        views_progression.InstrumentListView.as_view(),
        name="progression_instruments",
    ),
    path(
        "progression/deltagande/<int:pk>/",
        views_progression.ParticipationProgressView.as_view(),
        name="progression_participation",
    ),
    path("progression/att-bedoma/", views_progression.DueView.as_view(), name="progression_due"),
    path(
        "progression/sammanstallning/",
        views_progression.SummaryView.as_view(),
        name="progression_summary",
    ),
]
