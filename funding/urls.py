"""Application pages under ``/f/<association>/ansokningar/``."""

from django.urls import path

from funding import views

app_name = "funding"

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="list"),
    path("ny/", views.ApplicationCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="detail"),
    path("<int:pk>/andra/", views.ApplicationUpdateView.as_view(), name="update"),
    path("<int:pk>/beredning/", views.AssessmentView.as_view(), name="assess"),
    path("<int:pk>/beslut/", views.DecisionView.as_view(), name="decide"),
]
