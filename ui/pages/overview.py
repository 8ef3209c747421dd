"""The manager's overview (概况) grew into the dashboard: kept as a name for older imports."""

from __future__ import annotations

from ui.pages.dashboard import DashboardPage, FigureCard

OverviewPage = DashboardPage

__all__ = ["FigureCard", "OverviewPage"]
