"""Logging in, and creating the first administrator on an empty database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from app.errors import FieldError, ServiceError
from ui.dialogs.form import FormDialog

if TYPE_CHECKING:  # the login window shows before the models and services are imported (ui/application.py)
    from app.services import Services
    from app.services.context import Actor


class LoginDialog(FormDialog):
    """Username + password; on success ``actor`` holds the operator and the dialog accepts."""

    def __init__(self, services: Services, property_name: str = "", parent: QWidget | None = None):
        super().__init__("", parent)
        self.setWindowTitle(self.tr("登录 — 物业前台 · PropDesk"))
        self.services = services
        self.actor: Actor | None = None
        heading = QLabel(property_name or self.tr("物业前台"), self)
        heading.setStyleSheet("font-size: 15pt; font-weight: bold; margin-bottom: 6px;")
        self.layout().insertWidget(0, heading)
        self.add_field("username", self.tr("用户名"), QLineEdit())
        password = QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("password", self.tr("密码"), password)
        self.buttons.button(self.buttons.StandardButton.Save).setText(self.tr("登录"))
        self.buttons.button(self.buttons.StandardButton.Cancel).setText(self.tr("退出"))

    def check(self, values: dict[str, Any]) -> None:
        errors = {}
        if not values["username"].strip():
            errors["username"] = self.tr("请输入用户名")
        if not values["password"]:
            errors["password"] = self.tr("请输入密码")
        if errors:
            raise FieldError(errors)

    def save(self, values: dict[str, Any]) -> int:
        try:
            self.actor = self.services.auth.login(values["username"], values["password"])
        except ServiceError:
            self.field("password").clear()
            raise
        return self.actor.user_id or 0


class FirstAdminDialog(FormDialog):
    """The first start on an empty database: create the system administrator."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        from app.services.auth import MIN_PASSWORD

        super().__init__("", parent)
        self.setWindowTitle(self.tr("创建系统管理员"))
        self.services = services
        intro = QLabel(self.tr("这是一个新的数据库, 还没有任何用户。请创建系统管理员账户, 以后用它登录并添加其他操作员。"),
                       self)
        intro.setWordWrap(True)
        self.layout().insertWidget(0, intro)
        self.add_field("username", self.tr("用户名"), QLineEdit("admin"))
        self.add_field("display_name", self.tr("姓名"), QLineEdit())
        for name, label in (("password", self.tr("密码")), ("password2", self.tr("确认密码"))):
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.add_field(name, label, edit)
        self.field("password").setPlaceholderText(self.tr("至少 %1 位").replace("%1", str(MIN_PASSWORD)))

    def check(self, values: dict[str, Any]) -> None:
        if values["password"] != values["password2"]:
            raise FieldError({"password2": self.tr("两次输入的密码不一致")})

    def save(self, values: dict[str, Any]) -> int:
        from app.models import Role

        return self.services.auth.create_user(values["username"], values["display_name"], values["password"],
                                              Role.ADMIN)
