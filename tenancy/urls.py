from django.urls import path

from tenancy.views import board, members, organisations, roles

app_name = "tenancy"

urlpatterns = [
    path("medlemmar/", members.MemberListView.as_view(), name="member_list"),
    path("medlemmar/ny/", members.MemberCreateView.as_view(), name="member_create"),
    path("medlemmar/<int:pk>/", members.MemberDetailView.as_view(), name="member_detail"),
    path("medlemmar/<int:pk>/andra/", members.MemberUpdateView.as_view(), name="member_update"),
    path("styrelse/", board.BoardListView.as_view(), name="board_list"),
    path("styrelse/ny/", board.BoardMemberCreateView.as_view(), name="board_create"),
    path("styrelse/<int:pk>/andra/", board.BoardMemberUpdateView.as_view(), name="board_update"),
    path("organisationer/", organisations.OrganisationListView.as_view(), name="organisation_list"),
    path(
        "organisationer/ny/",
        organisations.OrganisationCreateView.as_view(),
        name="organisation_create",
    ),
    path(
        "organisationer/<int:pk>/",
        organisations.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
    path(
        "organisationer/<int:pk>/andra/",
        organisations.OrganisationUpdateView.as_view(),
        name="organisation_update",
    ),
    path("anvandare/", roles.RoleListView.as_view(), name="role_list"),
    path("anvandare/ny-roll/", roles.RoleAssignView.as_view(), name="role_assign"),
    path("anvandare/roll/<int:pk>/ta-bort/", roles.RoleRevokeView.as_view(), name="revoke_role"),
    path(
        "anvandare/inbjudan/<int:pk>/aterkalla/",
        roles.InvitationCancelView.as_view(),
        name="invitation_cancel",
    ),
]
