from __future__ import annotations

from django.urls import path

from eid import views

app_name = "eid"

urlpatterns = [
    path("bekrafta/", views.ReauthenticateView.as_view(), name="reauthenticate"),
]
