"""访客: register a visitor in (Ctrl+N, type, Enter) and out (F4), who is inside now, frequent visitors fill the
form in one click, the visitor pass slip (A6/A5)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QWidget

from app.services import Services
from ui.dialogs.form import FormDialog
from ui.models.windowed import Column
from ui.pages.order.common import DeskPage, combo, line, when
from ui.widgets.register_view import RegisterView

COLUMNS = [
    Column("pass_no", QT_TRANSLATE_NOOP("Column", "访客单号"), "pass_no", width=9),
    Column("name", QT_TRANSLATE_NOOP("Column", "姓名"), "name", width=5),
    Column("visiting", QT_TRANSLATE_NOOP("Column", "到访"), "visiting", width=8),
    Column("purpose", QT_TRANSLATE_NOOP("Column", "事由"), "purpose", width=5),
    Column("plate", QT_TRANSLATE_NOOP("Column", "车牌"), "plate", width=6),
    Column("phone", QT_TRANSLATE_NOOP("Column", "手机号"), "phone", width=8),
    Column("entered_at", QT_TRANSLATE_NOOP("Column", "进入"), "entered_at", formatter=when, width=6),
    Column("left_at", QT_TRANSLATE_NOOP("Column", "离开"), "left_at", formatter=when, width=6),
]


class CheckInDialog(FormDialog):
    """登记访客: typing a name or phone offers earlier visitors (常客); picking one fills the form."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setWindowTitle(self.tr("访客登记"))
        self.services = services
        self.like_visitor_id: int | None = None
        self.frequent = QComboBox()
        self.frequent.setObjectName("frequent")
        self.frequent.setMinimumContentsLength(14)
        self.frequent.setEnabled(False)
        self.add_field("name", self.tr("姓名"), line(self.tr("访客姓名")), extra=self.frequent)
        self.add_field("phone", self.tr("手机号"), line(self.tr("可留空")))
        self.add_field("id_number", self.tr("身份证号"), line(self.tr("可留空")))
        self.add_field("unit", self.tr("到访房号"), line(self.tr("例如 3-1-1502")))
        self.add_field("place", self.tr("到访地点"), line(self.tr("不是住户时填写, 如 物业办公室")))
        self.add_field("purpose", self.tr("事由"), combo([(t, t) for t in (
            self.tr("探亲访友"), self.tr("快递外卖"), self.tr("装修施工"), self.tr("维修服务"),
            self.tr("看房"), self.tr("其他"))]))
        self.field("purpose").setEditable(True)
        self.add_field("plate", self.tr("车牌"), line(self.tr("开车来访时填写")))
        self.add_field("companions", self.tr("同行人数"), line("0"))
        self.field("name").textEdited.connect(self.look_up)
        self.field("phone").textEdited.connect(self.look_up)
        self.frequent.activated.connect(self.fill_from_frequent)

    @property
    def values(self) -> dict[str, Any]:
        values = super().values
        values["purpose"] = self.field("purpose").currentText()
        return values

    def look_up(self, text: str) -> None:
        self.like_visitor_id = None
        found = self.services.visitors.frequent(text) if len(text.strip()) >= 1 else []
        self.frequent.clear()
        self.frequent.addItem(self.tr("常客 (%n)", "", len(found)), None)
        for v in found:
            self.frequent.addItem(f"{v.name} {v.phone} {v.unit} ×{v.visits}", v)
        self.frequent.setEnabled(bool(found))

    def fill_from_frequent(self, index: int) -> None:
        v = self.frequent.itemData(index)
        if v is None:
            return
        self.set_values({"name": v.name, "phone": v.phone, "unit": v.unit, "plate": v.plate})
        self.field("purpose").setCurrentText(v.purpose)
        self.like_visitor_id = v.last_id

    def save(self, values: dict[str, Any]) -> int:
        return self.services.visitors.check_in(values, like_visitor_id=self.like_visitor_id)


class VisitorsPage(DeskPage):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        svc = services.visitors
        register = self.set_register(RegisterView(
            COLUMNS,
            count=lambda f: svc.count(f["query"], f.get("inside") == "inside"),
            fetch=lambda f, offset, limit, _key, _desc: svc.list(f["query"], f.get("inside") == "inside",
                                                                 offset, limit),
            placeholder=self.tr("姓名、手机号、车牌或单号"), parent=self,
        ))
        self.add_filter(register, "inside", self.tr("范围"), [(self.tr("在场访客"), "inside"),
                                                             (self.tr("全部记录"), None)])
        register.add_action(self.tr("登记进入"), self.check_in, shortcut="Ctrl+N")
        register.add_action(self.tr("离开"), self.check_out, needs_row=True, shortcut="F4")
        register.add_action(self.tr("打印访客单(A6)"), lambda: self.print_pass("A6"), needs_row=True)
        register.add_action(self.tr("打印访客单(A5)"), lambda: self.print_pass("A5"), needs_row=True)
        register.set_empty_text(self.tr("现在没有在场访客。按 Ctrl+N 登记进入。"))

    def check_in(self) -> CheckInDialog:
        dialog = CheckInDialog(self.services, self)
        self.open_form(dialog, lambda new_id: self.register.reload(select=lambda row: row.id == new_id))
        return dialog

    def check_out(self) -> None:
        row = self.register.current_row()
        if row is not None:
            self.done(lambda: self.services.visitors.check_out(row.id), self.tr("访客离开"))

    def print_pass(self, size: str) -> QWidget | None:
        row = self.register.current_row()
        if row is None:
            return None
        return self.show_pdf(lambda: self.services.visitors.pass_pdf(row.id, size),
                             self.tr("访客单 %1").replace("%1", row.pass_no), f"{row.pass_no}.pdf")
