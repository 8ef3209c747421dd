"""系统管理员 → 用户与权限: operator accounts (add, disable, reset password, change role, unlock) and the
role → permission grid. Everything goes through ``UserService`` (``users.manage``) and is audited."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.models import ROLE_LABELS
from app.services.users import AccountRow
from ui.dialogs.user_dialog import NewUserDialog, ResetPasswordDialog
from ui.labels import role_label, team_label
from ui.models.permission_grid import PermissionGridModel
from ui.models.windowed import ROW_ROLE, Column, ListTableModel
from ui.widgets.table import fit_columns, make_table_view


def _active_text(active: bool) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("UsersPage", "启用") if active else QCoreApplication.translate("UsersPage", "已停用")


USER_COLUMNS = [
    Column("username", QT_TRANSLATE_NOOP("Column", "用户名"), "username"),
    Column("display_name", QT_TRANSLATE_NOOP("Column", "姓名"), "display_name"),
    Column("role", QT_TRANSLATE_NOOP("Column", "角色"), "role", formatter=role_label),
    Column("staff_name", QT_TRANSLATE_NOOP("Column", "员工"), "staff_name"),
    Column("active", QT_TRANSLATE_NOOP("Column", "状态"), "active", formatter=_active_text),
    Column("locked_until", QT_TRANSLATE_NOOP("Column", "锁定至"), "locked_until"),
    Column("last_login_at", QT_TRANSLATE_NOOP("Column", "最近登录"), "last_login_at"),
]


class UsersPage(QWidget):
    changed = Signal()

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.users_model = ListTableModel(USER_COLUMNS, parent=self)
        self.users_view = make_table_view(self.users_model, self)
        self.users_view.selectionModel().selectionChanged.connect(self._update_actions)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_action = self.toolbar.addAction(self.tr("新增用户…"), self.add_user)
        self.reset_action = self.toolbar.addAction(self.tr("重置密码…"), self.reset_password)
        self.role_action = self.toolbar.addAction(self.tr("修改角色…"), self.change_role)
        self.active_action = self.toolbar.addAction(self.tr("停用"), self.toggle_active)
        self.unlock_action = self.toolbar.addAction(self.tr("解除锁定"), self.unlock)
        self.staff_action = self.toolbar.addAction(self.tr("关联员工…"), self.link_staff)

        self.grid_model = PermissionGridModel(services, self)
        self.grid_model.save_failed.connect(self._show_error)
        self.grid_view = QTableView(self)
        self.grid_view.setModel(self.grid_model)
        self.grid_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("用户"), left))
        left_layout.addWidget(self.toolbar)
        left_layout.addWidget(self.users_view, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("角色权限 (勾选即生效, 已登录的用户在一分钟内起作用; 系统管理员总是拥有全部权限)"),
                                      right))
        right_layout.addWidget(self.grid_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self.reload()

    # ---- state
    def reload(self) -> None:
        try:
            rows = self.services.users.list_users()
        except ServiceError as exc:
            self._show_error(str(exc))
            rows = []
        current = self.current_user()
        self.users_model.set_rows(rows)
        fit_columns(self.users_view)  # role names are long in English ("Customer service")
        if current is not None:
            for i, row in enumerate(rows):
                if row.id == current.id:
                    self.users_view.selectRow(i)
        self.grid_model.reload()
        self._update_actions()

    def current_user(self) -> AccountRow | None:
        index = self.users_view.currentIndex()
        if not index.isValid() or not self.users_view.selectionModel().isRowSelected(index.row()):
            return None
        return self.users_model.data(index, ROW_ROLE)

    def _update_actions(self, *_args) -> None:
        user = self.current_user()
        for action in (self.reset_action, self.role_action, self.active_action, self.unlock_action,
                       self.staff_action):
            action.setEnabled(user is not None)
        self.active_action.setText(self.tr("启用") if user is not None and not user.active else self.tr("停用"))
        self.unlock_action.setEnabled(user is not None and user.locked_until is not None)

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("用户与权限"), message)

    def _run(self, call) -> None:
        try:
            call()
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        self.reload()
        self.changed.emit()

    # ---- actions
    def add_user(self) -> None:
        dialog = NewUserDialog(self.services, self)
        if dialog.exec():
            self.reload()
            self.changed.emit()

    def reset_password(self) -> None:
        user = self.current_user()
        if user is not None and ResetPasswordDialog(self.services, user.id, user.username, self).exec():
            self.reload()

    def change_role(self) -> None:
        user = self.current_user()
        if user is None:
            return
        codes = list(ROLE_LABELS)
        labels = [role_label(c) for c in codes]
        choice, ok = QInputDialog.getItem(self, self.tr("修改角色"), self.tr("用户 %1 的角色").replace("%1", user.username),
                                          labels, codes.index(user.role) if user.role in codes else 0, False)
        if ok:
            self._run(lambda: self.services.users.change_role(user.id, codes[labels.index(choice)]))

    def toggle_active(self) -> None:
        user = self.current_user()
        if user is not None:
            self._run(lambda: self.services.users.set_active(user.id, not user.active))

    def unlock(self) -> None:
        user = self.current_user()
        if user is not None:
            self._run(lambda: self.services.users.unlock_account(user.id))

    def link_staff(self) -> None:
        """Which staff member this account is: dispatch, 我的工单 and 接单 go by it."""
        user = self.current_user()
        if user is None:
            return
        try:
            staff = self.services.staff.list_staff()
        except ServiceError as exc:
            self._show_error(str(exc))
            return
        nobody = self.tr("(不关联)")
        labels = [nobody] + [f"{m.name} · {team_label(m.team)} {m.position}".strip() for m in staff]
        ids = [None] + [m.id for m in staff]
        current = ids.index(user.staff_id) if user.staff_id in ids else 0
        choice, ok = QInputDialog.getItem(self, self.tr("关联员工"),
                                          self.tr("用户 %1 是哪位员工 (派单、我的工单、接单据此)").replace("%1", user.username),
                                          labels, current, False)
        if ok:
            self._run(lambda: self.services.users.link_staff(user.id, ids[labels.index(choice)]))
