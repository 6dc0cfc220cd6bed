"""The invited person's pages, outside any association (``/inbjudan/``)."""

from django.urls import path

from tenancy.views import invitations

urlpatterns = [
    path("", invitations.InvitationListView.as_view(), name="invitation_list"),
    path("<int:pk>/svar/", invitations.InvitationRespondView.as_view(), name="invitation_respond"),
    path("<str:token>/", invitations.InvitationAcceptView.as_view(), name="invitation_accept"),
]
