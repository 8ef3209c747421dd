"""PropDesk 物业前台 — domain and data layer. Nothing under ``app`` imports Qt."""

__version__ = "0.1.0"
