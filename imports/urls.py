from django.urls import path

from imports import views

app_name = "imports"

urlpatterns = [
    path("", views.WorkbookView.as_view(), name="workbook"),
    path("export.xlsx", views.WorkbookExportView.as_view(), name="export"),
    path("mall.xlsx", views.WorkbookTemplateView.as_view(), name="template"),
    path("fel/<str:token>.xlsx", views.ProblemsDownloadView.as_view(), name="problems"),
]
