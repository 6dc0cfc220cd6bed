from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """JSON endpoints (reports, national counts, imports) with an OpenAPI description."""

    name = "api"
    verbose_name = _("API")
