from django.urls import URLPattern, URLResolver, path

from meetings import minutes_views, views
from tenancy.routes import crud_paths

app_name = "meetings"

urlpatterns: list[URLPattern | URLResolver] = [
    *crud_paths(
        list=views.MeetingListView,
        create=views.MeetingCreateView,
        detail=views.MeetingDetailView,
        create_route="nytt/",
    ),
    path("<int:pk>/arenden/nytt/", views.ItemCreateView.as_view(), name="item_create"),
    path("<int:pk>/skicka/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/narvaro/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/inkalla/", views.CallSubstituteView.as_view(), name="call_substitute"),
    path("<int:pk>/kallelse.<str:fmt>", views.NoticeDownloadView.as_view(), name="notice"),
    path("arenden/<int:pk>/andra/", views.ItemUpdateView.as_view(), name="item_update"),
    path("arenden/<int:pk>/flytta/", views.ItemMoveView.as_view(), name="item_move"),
    path("arenden/<int:pk>/ta-bort/", views.ItemDeleteView.as_view(), name="item_delete"),
    path(
        "arenden/<int:pk>/bilagor/ny/",
        views.AttachmentCreateView.as_view(),
        name="attachment_create",
    ),
    path("bilagor/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path(
        "delegationsbeslut/ny/",
        views.DelegatedDecisionCreateView.as_view(),
        name="delegated_create",
    ),
    path("<int:pk>/protokoll/", minutes_views.MinutesView.as_view(), name="minutes"),
    path(
        "<int:pk>/protokoll/paborja/",
        minutes_views.StartMinutesView.as_view(),
        name="minutes_start",
    ),
    path(
        "<int:pk>/protokoll/narvaro/", minutes_views.ServingView.as_view(), name="minutes_serving"
    ),
    path(
        "<int:pk>/protokoll/justera/",
        minutes_views.CheckMinutesView.as_view(),
        name="minutes_check",
    ),
    path("paragrafer/<int:pk>/", minutes_views.ParagraphView.as_view(), name="paragraph"),
    path(
        "paragrafer/<int:pk>/ansokan/",
        minutes_views.ApplicationDecisionView.as_view(),
        name="paragraph_application",
    ),
    path(
        "paragrafer/<int:pk>/avvikelse/",
        minutes_views.DeviationDecisionView.as_view(),
        name="paragraph_deviation",
    ),
    path(
        "paragrafer/<int:pk>/arsredovisning/",
        minutes_views.AdoptionView.as_view(),
        name="paragraph_adoption",
    ),
    path("paragrafer/<int:pk>/utdrag/", minutes_views.ExtractView.as_view(), name="extract"),
    path("beslut/", minutes_views.DecisionRegisterView.as_view(), name="decisions"),
    *crud_paths("kansliet/", "staff", list=views.StaffListView, create=views.StaffCreateView),
]
