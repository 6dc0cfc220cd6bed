from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path

from dashboard import views as dashboard_views
from finsam.health import healthz


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says; send them to the static icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


tenant_patterns: list[URLPattern | URLResolver] = [
    path("", dashboard_views.DashboardView.as_view(), name="dashboard"),
    path("", include("tenancy.urls")),
    path("oversikt/", include("dashboard.urls")),
    path("dokument/", include("documents.urls")),
    path("api/", include("api.urls")),
    path("insatser/", include("interventions.urls")),
    path("import/", include("imports.urls")),
    path("deltagare/rapporter/", include("participants.urls_reports")),
    path("deltagare/", include("participants.urls")),
    path("logg/", include("audit.urls")),
    path("rapportering/", include("followup.urls")),
    path("ekonomi/", include("finance.urls")),
    path("ansokningar/", include("funding.urls")),
    path("sammantraden/", include("meetings.urls")),
    path("enkat/", include("survey.urls")),
    path("huvudbok/", include("ledger.urls")),
    path("beslutsutrymme/", include("finsam.economy_urls")),
    path("", include("eid.urls_tenant")),
]

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("favicon.ico", favicon),
    path("accounts/", include("allauth.urls")),
    path("healthz", healthz, name="healthz"),
    path("inbjudan/", include("tenancy.urls_invitations")),
    path("f/<slug:association>/", include(tenant_patterns)),
    path("enkat/", include("survey.urls_public")),
    path("e-legitimation/", include("eid.urls")),
]
