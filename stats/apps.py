from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Every figure of spec/reports.md, computed once. (Named ``stats``: a package named
    ``statistics`` would shadow the standard library module.)"""

    name = "stats"
    label = "stats"
    verbose_name = _("Statistik")

    def ready(self) -> None:
        from stats import cache  # noqa: F401 - connects the data-version signal receivers
