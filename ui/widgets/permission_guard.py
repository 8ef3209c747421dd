"""The GUI mirrors the service layer's permissions: disable (or hide) what the operator may not do.

The services refuse anyway (``ctx.require``); this only spares the operator a refusal::

    from ui.widgets.permission_guard import allowed, guard

    export = view.add_action(self.tr("导出花名册"), self.export_roster)
    guard(services, "roster.export", export)                 # disabled, tooltip says which right is missing
    guard(services, "fees.void", void_button, hide=True)     # not shown at all
    if allowed(services, "audit.view"): tabs.addTab(AuditLogPage(services), self.tr("审计日志"))
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ui.security_labels import permission_label


def allowed(services, permission: str) -> bool:
    """Whether the logged-in operator holds ``permission`` (the same check the services make)."""
    return services.ctx.can(permission)


def missing_text(permission: str) -> str:
    return QCoreApplication.translate("PermissionGuard", "需要权限: %1").replace("%1", permission_label(permission))


def guard(services, permission: str, *targets: QWidget | QAction, hide: bool = False) -> bool:
    """Enable/show ``targets`` only with ``permission``; a disabled one explains why in its tooltip."""
    ok = allowed(services, permission)
    for target in targets:
        if hide:
            target.setVisible(ok)
        target.setEnabled(ok)
        if not ok:
            target.setToolTip(missing_text(permission))
            if isinstance(target, QAction):
                target.setStatusTip(missing_text(permission))
    return ok
