"""经理 → 设置: the property's particulars that receipts, fee notices and dispatch slips print (``settings.manage``).

``PropertyForm`` is the same form in this page and in the first-start wizard.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.property import MAX_LENGTH, check_profile
from ui.dialogs.form import EmbeddedForm


class PropertyForm(EmbeddedForm):
    """名称, 地址, 服务电话, 物业公司, 开户行, 账号, 标志 — embedded in 设置 and in the set-up wizard."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(self.tr("物业设置"), parent)
        self.services = services
        self.add_field("name", self.tr("小区名称"), QLineEdit(self))
        self.add_field("address", self.tr("地址"), QLineEdit(self))
        self.add_field("phone", self.tr("服务电话"), QLineEdit(self))
        self.add_field("company", self.tr("物业服务企业"), QLineEdit(self))
        self.add_field("bank_name", self.tr("开户行"), QLineEdit(self))
        self.add_field("bank_account", self.tr("银行账号"), QLineEdit(self))
        browse = QPushButton(self.tr("选择…"), self)
        browse.clicked.connect(self.choose_logo)
        self.add_field("logo_path", self.tr("标志图片 (可选)"), QLineEdit(self), extra=browse)
        for name, limit in MAX_LENGTH.items():
            self.field(name).setMaxLength(limit)
        self.field("name").setPlaceholderText(self.tr("如 翠湖花园"))
        self.field("phone").setPlaceholderText(self.tr("如 0571-88886666"))
        self.field("bank_account").setPlaceholderText(self.tr("缴费通知单上供业主转账"))
        self.set_values(services.property.profile().__dict__)

    def choose_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择标志图片"), "", self.tr("图片 (*.png *.jpg *.jpeg)"))
        if path:
            self.field("logo_path").setText(path)

    def check(self, values) -> None:
        check_profile(values)

    def save(self, values) -> int:
        self.services.property.save_profile(values)
        return 0


class SettingsPage(QWidget):
    """The property form, saved at once; documents printed afterwards take the new header."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.form = PropertyForm(services, self)
        self.form.embed(save_text=self.tr("保存设置"))
        self.status = QLabel(self)
        self.status.setObjectName("settings_status")
        self.form.saved.connect(lambda _id: self.status.setText(self.tr("已保存。之后打印的收据、缴费通知单和派工单使用新的信息。")))
        intro = QLabel(self.tr("这些信息印在收据、缴费通知单和派工单的抬头; 银行账号印在缴费通知单上供业主转账。"), self)
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.status)
        layout.addStretch(1)
