"""The role → permission grid of 用户与权限: one row per permission, one checkable column per role.

Toggling a cell calls ``UserService.set_grant`` at once (one transaction, audited); a refusal is
reported through ``save_failed`` and the cell keeps its stored value. The administrator's column is
always fully checked and not editable (the administrator holds every permission).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.errors import ServiceError
from app.models import ROLE_LABELS, Role
from app.permissions import PERMISSIONS
from ui.labels import role_label
from ui.security_labels import permission_label

_Index = QModelIndex | QPersistentModelIndex


class PermissionGridModel(QAbstractTableModel):
    save_failed = Signal(str)
    saved = Signal(str, str, bool)  # role, permission, granted

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.services = services
        self.permissions: list[str] = list(PERMISSIONS)
        self.roles: list[str] = list(ROLE_LABELS)
        self.grants: dict[str, frozenset[str]] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        try:
            self.grants = self.services.users.role_grants()
        except ServiceError as exc:
            self.grants = {}
            self.save_failed.emit(str(exc))
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.permissions)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.roles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.roles):
            return role_label(self.roles[section])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.permissions):
            return permission_label(self.permissions[section])
        return None

    def _cell(self, index: _Index) -> tuple[str, str] | None:
        if not index.isValid() or not (0 <= index.row() < len(self.permissions)) or not (
            0 <= index.column() < len(self.roles)
        ):
            return None
        return self.roles[index.column()], self.permissions[index.row()]

    def is_granted(self, role: str, permission: str) -> bool:
        return permission in self.grants.get(role, frozenset())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        cell = self._cell(index)
        if cell is None:
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self.is_granted(*cell) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{role_label(cell[0])} · {permission_label(cell[1])} ({cell[1]})"
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        cell = self._cell(index)
        if cell is None:
            return Qt.ItemFlag.NoItemFlags
        if cell[0] == Role.ADMIN:
            return Qt.ItemFlag.ItemIsSelectable  # shown checked, greyed: always everything
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        cell = self._cell(index)
        if cell is None or role != Qt.ItemDataRole.CheckStateRole or cell[0] == Role.ADMIN:
            return False
        granted = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        try:
            self.services.users.set_grant(cell[0], cell[1], granted)
            self.grants = self.services.users.role_grants()
        except ServiceError as exc:
            self.save_failed.emit(str(exc))
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.saved.emit(cell[0], cell[1], granted)
        return True
