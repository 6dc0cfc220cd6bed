"""Participant pages under ``/f/<association>/deltagare/``. No URL carries a personnummer
or a name: persons are reached by participation id, and search is a POST."""

from django.urls import URLPattern, URLResolver, path

from participants.views import changes, participations, reveal

app_name = "participants"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", participations.ParticipantIndexView.as_view(), name="index"),
    path("sok/", participations.ParticipantSearchView.as_view(), name="search"),
    path(
        "insats/<int:intervention_pk>/",
        participations.ParticipationListView.as_view(),
        name="list",
    ),
    path(
        "insats/<int:intervention_pk>/ny/",
        changes.EntryCreateView.as_view(),
        name="create",
    ),
    path(
        "insats/<int:intervention_pk>/ny-anonym/",
        changes.AnonymousEntryCreateView.as_view(),
        name="create_anonymous",
    ),
    path("<int:pk>/", participations.ParticipationDetailView.as_view(), name="detail"),
    path("<int:pk>/andra/", changes.ParticipationUpdateView.as_view(), name="update"),
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
