"""Overview pages under ``/f/<association>/oversikt/``: an intervention's timeline and the
quarter overviews of the office and the board."""

from django.urls import URLPattern, URLResolver, path

from dashboard.views import BoardQuarterView, QuarterOverviewView, TimelineView

app_name = "overview"

urlpatterns: list[URLPattern | URLResolver] = [
    path("kvartal/", QuarterOverviewView.as_view(), name="quarter"),
    path("styrelsen/kvartal/", BoardQuarterView.as_view(), name="board_quarter"),
    path("insatser/<int:pk>/tidslinje/", TimelineView.as_view(), name="timeline"),
]
