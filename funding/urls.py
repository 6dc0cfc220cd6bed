"""Application pages under ``/f/<association>/ansokningar/``."""

from django.urls import URLPattern, URLResolver, path

from funding import views
from tenancy.routes import crud_paths

app_name = "funding"

urlpatterns: list[URLPattern | URLResolver] = [
    *crud_paths(
        list=views.ApplicationListView,
        create=views.ApplicationCreateView,
        detail=views.ApplicationDetailView,
        update=views.ApplicationUpdateView,
    ),
    path("<int:pk>/beredning/", views.AssessmentView.as_view(), name="assess"),
    path("<int:pk>/beslut/", views.DecisionView.as_view(), name="decide"),
]
