"""The pages of the dashboard app: the start page, each association's dashboard, the
intervention timeline and the quarter overviews of the office and the board."""

from dashboard.views.quarter import BoardQuarterView, QuarterOverviewView
from dashboard.views.start import DashboardView, home
from dashboard.views.timeline import TimelineView

__all__ = ["BoardQuarterView", "DashboardView", "QuarterOverviewView", "TimelineView", "home"]
