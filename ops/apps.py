from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the installation: backup and restore, key rotation, health."""

    name = "ops"
    verbose_name = _("Drift")
