"""Forms of 用户与权限: a new operator account, a new password (reset by the administrator), one's own
password (账户 → 修改密码…)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.errors import FieldError, ServiceError
from app.models import ROLE_LABELS
from app.services.auth import MIN_PASSWORD
from ui.labels import role_label
from ui.messages import ui_message
from ui.widgets.focus import fields_first


class _Form(QDialog):
    """Shared shape: a form, an error label, OK/Cancel; ``validate()`` then ``save()`` on OK."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        parent=self)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)

    def showEvent(self, event) -> None:
        fields_first(self, self.buttons)  # the cursor in the first field, 确定/取消 last
        super().showEvent(event)

    def _finish_layout(self) -> None:
        self.form.addRow(self.error)
        self.form.addRow(self.buttons)

    def _password_pair(self) -> None:
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("password")
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setObjectName("confirm")
        self.form.addRow(self.tr("密码"), self.password)
        self.form.addRow(self.tr("确认密码"), self.confirm)

    def _check_passwords(self) -> str:
        if len(self.password.text()) < MIN_PASSWORD:
            return self.tr("密码至少%1位").replace("%1", str(MIN_PASSWORD))
        if self.password.text() != self.confirm.text():
            return self.tr("两次输入的密码不一致")
        return ""

    def validate(self) -> str:  # pragma: no cover - overridden
        return ""

    def save(self) -> None:  # pragma: no cover - overridden
        pass

    def _on_ok(self) -> None:
        message = self.validate()
        if not message:
            try:
                self.save()
            except FieldError as exc:
                message = "; ".join(exc.errors.values())
            except ServiceError as exc:
                message = str(exc)
        if message:
            self.error.setText(ui_message(message))
            return
        self.accept()


class NewUserDialog(_Form):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(self.tr("新增用户"), parent)
        self.services = services
        self.user_id: int | None = None
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("display_name")
        self.role = QComboBox(self)
        for code in ROLE_LABELS:
            self.role.addItem(role_label(code), code)
        self.role.setCurrentIndex(self.role.findData("service"))
        self.form.addRow(self.tr("用户名"), self.username)
        self.form.addRow(self.tr("姓名"), self.display_name)
        self.form.addRow(self.tr("角色"), self.role)
        self._password_pair()
        self._finish_layout()

    @property
    def values(self) -> dict[str, str]:
        return {"username": self.username.text().strip(), "display_name": self.display_name.text().strip(),
                "role": self.role.currentData(), "password": self.password.text()}

    def validate(self) -> str:
        if not self.values["username"]:
            return self.tr("用户名不能为空")
        return self._check_passwords()

    def save(self) -> None:
        v = self.values
        self.user_id = self.services.users.create_user(v["username"], v["display_name"], v["password"], v["role"])


class ResetPasswordDialog(_Form):
    def __init__(self, services, user_id: int, username: str, parent: QWidget | None = None):
        super().__init__(self.tr("重置密码"), parent)
        self.services = services
        self.user_id = user_id
        self.form.addRow(QLabel(self.tr("为用户 %1 设置新密码 (同时解除锁定)。").replace("%1", username), self))
        self._password_pair()
        self._finish_layout()

    def validate(self) -> str:
        return self._check_passwords()

    def save(self) -> None:
        self.services.users.reset_password(self.user_id, self.password.text())


class ChangePasswordDialog(_Form):
    """Any operator changes their own password, knowing the current one."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(self.tr("修改密码"), parent)
        self.services = services
        self.old_password = QLineEdit(self)
        self.old_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.old_password.setObjectName("old_password")
        self.form.addRow(self.tr("原密码"), self.old_password)
        self._password_pair()
        self._finish_layout()

    def validate(self) -> str:
        return self._check_passwords()

    def save(self) -> None:
        self.services.users.change_own_password(self.old_password.text(), self.password.text())
