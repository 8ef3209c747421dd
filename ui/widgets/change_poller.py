"""Lists refresh when another PC changed the data: poll the cheap change counter, emit on change.

One poller per main window; each register connects to it::

    poller = ChangePoller(services, parent=window)
    poller.changed.connect(view.reload)

The counter (``AuditService.change_counter``, the highest audit-log id) is one index lookup, so
polling every few seconds costs nothing even on PostgreSQL over the office network.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)


class ChangePoller(QObject):
    changed = Signal(int)  # the new counter value

    def __init__(self, services, interval_ms: int = 5000, parent: QObject | None = None):
        super().__init__(parent)
        self._services = services
        self._last: int | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self._last = self._read()
        self.timer.start()

    def set_services(self, services) -> None:
        """After re-login/unlock the services are rebound to the (fresh) operator."""
        self._services = services

    def _read(self) -> int | None:
        try:
            return self._services.audit.change_counter()
        except Exception as exc:  # noqa: BLE001 - a network hiccup must not crash the GUI
            log.warning("change counter unavailable: %s", exc)
            return None

    def poll(self) -> bool:
        """Read the counter once; emit ``changed`` when it moved. Returns whether it did."""
        value = self._read()
        if value is None or value == self._last:
            return False
        first = self._last is None
        self._last = value
        if not first:
            self.changed.emit(value)
        return not first

    def mark_seen(self) -> None:
        """After this PC's own save and reload, do not reload again for the same change."""
        value = self._read()
        if value is not None:
            self._last = value


def reload_visible_registers(root) -> int:
    """Reload every visible :class:`RegisterView` under ``root`` (the current role tab's page).

    Skipped while a modal dialog is open, so a form being filled in never changes under the operator.
    Returns how many lists were reloaded.
    """
    from PySide6.QtWidgets import QApplication

    from ui.widgets.register_view import RegisterView

    if root is None or QApplication.activeModalWidget() is not None:
        return 0
    views = [v for v in root.findChildren(RegisterView) if v.isVisible()]
    for view in views:
        view.reload()
    return len(views)
