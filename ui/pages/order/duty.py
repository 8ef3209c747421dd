"""值班记录: the duty log of the gate and the monitoring room, the shift handover (交班) and its
acknowledgement (接班) — also offered at login by :func:`show_pending_handovers`."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.models import Post, Role
from app.services import Services
from app.services.duty_log import DutyRow
from ui.models.windowed import ROW_ROLE, Column, ListTableModel
from ui.pages.order.common import DeskPage, ServiceForm, combo, order_choices, order_label, text_box, when
from ui.widgets.register_view import RegisterView
from ui.widgets.table import make_table_view

ENTRY_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Column", "时间"), "at", formatter=when, width=6),
    Column("post", QT_TRANSLATE_NOOP("Column", "岗位"), "post", formatter=order_label, width=4),
    Column("author", QT_TRANSLATE_NOOP("Column", "值班人"), "author", width=4),
    Column("text", QT_TRANSLATE_NOOP("Column", "内容"), lambda r: r.text.replace("\n", " ")),
]
HANDOVER_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Column", "交班时间"), "at", formatter=when, width=6),
    Column("post", QT_TRANSLATE_NOOP("Column", "岗位"), "post", formatter=order_label, width=4),
    Column("author", QT_TRANSLATE_NOOP("Column", "交班人"), "author", width=4),
    Column("text", QT_TRANSLATE_NOOP("Column", "交接事项"), lambda r: r.text.replace("\n", "; "), width=16),
    Column("acknowledged_by", QT_TRANSLATE_NOOP("Column", "接班人"), "acknowledged_by", width=4),
    Column("acknowledged_at", QT_TRANSLATE_NOOP("Column", "接班时间"), "acknowledged_at", formatter=when, width=6),
]


class HandoverList(QGroupBox):
    """Handovers with a 确认接班 button for the selected one."""

    def __init__(self, services: Services, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.services = services
        self.model = ListTableModel(HANDOVER_COLUMNS, parent=self)
        self.table = make_table_view(self.model, self, sortable=False)
        self.acknowledge_button = QPushButton(self.tr("确认接班"), self)
        self.acknowledge_button.setObjectName("acknowledge")
        self.acknowledge_button.clicked.connect(self.acknowledge)
        self.matters = QLabel(self)  # the selected handover in full: the table cuts long lines
        self.matters.setObjectName("matters")
        self.matters.setWordWrap(True)
        self.matters.setStyleSheet("background: #fff8e1; padding: 6px;")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.matters)
        layout.addWidget(self.acknowledge_button, 0, Qt.AlignmentFlag.AlignRight)
        self.error = ""

    def set_rows(self, rows: list[DutyRow]) -> None:
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._show_current()

    def _show_current(self) -> None:
        row = self.current()
        self.matters.setText(row.text if row else "")
        self.matters.setVisible(row is not None)

    def current(self) -> DutyRow | None:
        index = self.table.currentIndex()
        return self.model.data(index, ROW_ROLE) if index.isValid() else None

    def acknowledge(self) -> DutyRow | None:
        from app.errors import ServiceError

        row = self.current()
        if row is None:
            return None
        try:
            done = self.services.duty_log.acknowledge(row.id)
        except ServiceError as exc:
            self.error = str(exc)
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("确认接班"), self.error)
            return None
        self.model.set_rows([done if r.id == done.id else r for r in self.model.rows()])
        return done


class DutyLogPage(DeskPage):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        svc = services.duty_log
        register = self.set_register(RegisterView(
            ENTRY_COLUMNS,
            count=lambda f: svc.count(f.get("post")),
            fetch=lambda f, offset, limit, _k, _d: svc.list(f.get("post"), offset, limit),
            placeholder=self.tr("(按岗位筛选)"), parent=self,
        ))
        register.search.setVisible(False)
        self.add_filter(register, "post", self.tr("岗位"), [(self.tr("全部岗位"), None), *order_choices(Post)])
        register.add_action(self.tr("记一笔"), self.add_entry, shortcut="Ctrl+N")
        register.add_action(self.tr("交班"), self.hand_over)
        self.handovers = HandoverList(services, self.tr("交接班"), self)
        self.layout_.addWidget(self.handovers)
        self.reload_handovers()

    def reload_handovers(self) -> None:
        rows = self.run(lambda: self.services.duty_log.handovers(self.register.filters().get("post")))
        self.handovers.set_rows(rows or [])

    def add_entry(self) -> ServiceForm:
        post = self.register.filters().get("post") or Post.GATE
        box = combo(order_choices(Post))
        box.setCurrentIndex(box.findData(post))
        fields = [("post", self.tr("岗位"), box),
                  ("text", self.tr("内容"), text_box(self.tr("例如 10:20 3栋地库监控画面中断, 已通知工程")))]
        return self.open_form(ServiceForm(self.tr("值班记录"), fields,
                                          lambda v: self.services.duty_log.add_entry(v["post"], v["text"]), self))

    def hand_over(self) -> ServiceForm:
        fields = [("post", self.tr("岗位"), combo(order_choices(Post))),
                  ("matters", self.tr("交接事项"), text_box(self.tr("每行一件未了事项; 没有请写“无”"), lines=6))]
        return self.open_form(ServiceForm(self.tr("交班"), fields,
                                          lambda v: self.services.duty_log.hand_over(v["post"], v["matters"]), self),
                              lambda _id: self.reload_handovers())


class PendingHandoverDialog(QDialog):
    """Shown after login when handovers wait for this shift: read them and press 确认接班."""

    def __init__(self, services: Services, rows: list[DutyRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("待确认的交接班"))
        self.list = HandoverList(services, self.tr("上一班交接的事项, 请逐条阅读后确认接班"), self)
        self.list.set_rows(rows)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("稍后处理"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("未确认的交接班会一直显示在这里和“值班记录”页。"), self))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(820, 360)


def show_pending_handovers(services: Services, parent: QWidget | None = None) -> PendingHandoverDialog | None:
    """The login hook: open the dialog when this 秩序 operator's shift has handovers to acknowledge (the manager,
    who may read the duty log too, is not interrupted at every login)."""
    if services.ctx.actor.role != Role.SECURITY:
        return None
    rows = services.duty_log.pending()
    if not rows:
        return None
    dialog = PendingHandoverDialog(services, rows, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
