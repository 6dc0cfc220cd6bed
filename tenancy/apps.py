from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "tenancy"
    verbose_name = _("Förbund och roller")

    def ready(self) -> None:
        # Fill the permission table: every app declares its entries in ``permissions.py``.
        autodiscover_modules("permissions")
