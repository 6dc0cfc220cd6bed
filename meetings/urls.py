from django.urls import path, re_path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingListView.as_view(), name="list"),
    path("nytt/", views.MeetingCreateView.as_view(), name="create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="detail"),
    path("<int:pk>/arenden/nytt/", views.ItemCreateView.as_view(), name="item_create"),
    path("<int:pk>/skicka/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/narvaro/", views.AttendanceView.as_view(), name="attendance"),
    re_path(
        r"^(?P<pk>[0-9]+)/kallelse\.(?P<fmt>json|pdf|docx)$",
        views.NoticeDownloadView.as_view(),
        name="notice",
    ),
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
    path("kansliet/", views.StaffListView.as_view(), name="staff_list"),
    path("kansliet/ny/", views.StaffCreateView.as_view(), name="staff_create"),
]
