"""The office's e-ID page, under /f/<association>/."""

from __future__ import annotations

from django.urls import path

from eid import views

app_name = "eid_office"

urlpatterns = [
    path(
        "roller/bjud-in-e-legitimation/",
        views.PersonnummerInvitationView.as_view(),
        name="invite_personnummer",
    ),
]
