from django.urls import URLPattern, URLResolver, path

from tenancy.routes import crud_paths
from tenancy.views import board, members, organisations, roles

app_name = "tenancy"

urlpatterns: list[URLPattern | URLResolver] = [
    *crud_paths(
        "medlemmar/",
        "member",
        list=members.MemberListView,
        create=members.MemberCreateView,
        detail=members.MemberDetailView,
        update=members.MemberUpdateView,
    ),
    *crud_paths(
        "styrelse/",
        "board",
        list=board.BoardListView,
        create=board.BoardMemberCreateView,
        update=board.BoardMemberUpdateView,
    ),
    *crud_paths(
        "organisationer/",
        "organisation",
        list=organisations.OrganisationListView,
        create=organisations.OrganisationCreateView,
        detail=organisations.OrganisationDetailView,
        update=organisations.OrganisationUpdateView,
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
