from django.urls import path

from tenancy.views import members

app_name = "tenancy"

urlpatterns = [
    path("medlemmar/", members.MemberListView.as_view(), name="member_list"),
    path("medlemmar/ny/", members.MemberCreateView.as_view(), name="member_create"),
    path("medlemmar/<int:pk>/", members.MemberDetailView.as_view(), name="member_detail"),
    path("medlemmar/<int:pk>/andra/", members.MemberUpdateView.as_view(), name="member_update"),
]
