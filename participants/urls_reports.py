"""Reports on participant data: retention, the access report (registerutdrag) and the
national counts. Mounted at ``/f/<association>/deltagare/rapporter/``."""

from django.urls import URLPattern, URLResolver, path

from participants.views.access_report import AccessReportView
from participants.views.national import NationalView, NationalXlsxView
from participants.views.office_withdrawal import OfficeWithdrawalView
from participants.views.retention import RetentionView

app_name = "participant_reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("gallring/", RetentionView.as_view(), name="retention"),
    path("registerutdrag/", AccessReportView.as_view(), name="access_report"),
    path("uppfoljning-finsam/", NationalView.as_view(), name="national"),
    path("uppfoljning-finsam.xlsx", NationalXlsxView.as_view(), name="national_xlsx"),
    path("aterkalla-samtycke/", OfficeWithdrawalView.as_view(), name="office_withdrawal"),
]
