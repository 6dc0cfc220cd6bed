"""Participant pages under ``/f/<association>/deltagare/``. No URL carries a personnummer
or a name: persons are reached by participation id, and search is a POST."""

from django.urls import URLPattern, URLResolver, path

from participants.views import changes, participations, reveal
from tenancy.routes import crud_paths

app_name = "participants"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", participations.ParticipantIndexView.as_view(), name="index"),
    path("sok/", participations.ParticipantSearchView.as_view(), name="search"),
    *crud_paths(
        "insats/<int:intervention_pk>/",
        list=participations.ParticipationListView,
        create=changes.EntryCreateView,
    ),
    path(
        "insats/<int:intervention_pk>/ny-anonym/",
        changes.AnonymousEntryCreateView.as_view(),
        name="create_anonymous",
    ),
    *crud_paths(
        detail=participations.ParticipationDetailView, update=changes.ParticipationUpdateView
    ),
    path("<int:pk>/utskrivning/", changes.ExitView.as_view(), name="exit"),
    path(
        "<int:pk>/aterkalla-samtycke/",
        changes.WithdrawConsentView.as_view(),
        name="withdraw_consent",
    ),
    path(
        "<int:pk>/skyddad-identitet/",
        changes.ProtectedIdentityView.as_view(),
        name="protected_identity",
    ),
    path(
        "<int:pk>/personnummer/",
        reveal.RevealPersonnummerView.as_view(),
        name="reveal",
    ),
]
