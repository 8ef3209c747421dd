"""违章: open cases by stage (劝阻 → 书面整改通知 → 复查 → 上报), the next step with a note and deadline,
photos, and the printed written rectification notice."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from app.models import ViolationKind, ViolationStage
from app.services import Services
from app.services.violations import NEXT, STAGES, ViolationRow
from ui.models.windowed import Column, ListTableModel, RowStyle
from ui.pages.order.common import (
    DeskPage,
    ServiceForm,
    combo,
    day,
    line,
    order_choices,
    order_label,
    text_box,
    when,
)
from ui.widgets.register_view import RegisterView
from ui.widgets.table import make_table_view

COLUMNS = [
    Column("number", QT_TRANSLATE_NOOP("Column", "编号"), "number", width=8),
    Column("kind", QT_TRANSLATE_NOOP("Column", "类型"), "kind", formatter=order_label, width=6),
    Column("where", QT_TRANSLATE_NOOP("Column", "房号/地点"), "where", width=8),
    Column("stage", QT_TRANSLATE_NOOP("Column", "阶段"), "stage", formatter=order_label, width=6),
    Column("deadline", QT_TRANSLATE_NOOP("Column", "整改期限"), "deadline", formatter=day, width=6),
    Column("opened_at", QT_TRANSLATE_NOOP("Column", "发现时间"), "opened_at", formatter=when, width=6),
]
ACTION_COLUMNS = [
    Column("at", QT_TRANSLATE_NOOP("Column", "时间"), "at", formatter=when, width=6),
    Column("stage", QT_TRANSLATE_NOOP("Column", "阶段"), "stage", formatter=order_label, width=6),
    Column("note", QT_TRANSLATE_NOOP("Column", "说明"), "note", width=10),
    Column("by", QT_TRANSLATE_NOOP("Column", "经办人"), "by", width=4),
]
OVERDUE = RowStyle(background=QColor("#fde2e1"))


class ViolationDetail(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.actions = ListTableModel(ACTION_COLUMNS, parent=self)
        self.photos = QLabel(self)
        self.photos.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addWidget(make_table_view(self.actions, self, sortable=False), 1)
        layout.addWidget(self.photos)

    def show_case(self, case) -> None:
        if case is None:
            self.text.setText(self.tr("在左侧选择一宗违章"))
            self.actions.set_rows([])
            self.photos.clear()
            return
        row, actions = case
        self.text.setText(f"{row.number} {order_label(row.kind)} · {row.where}\n{row.description}")
        self.actions.set_rows(actions)
        self.photos.setText(self.tr("照片: ") + "; ".join(row.photos) if row.photos else self.tr("照片: 无"))


class ViolationsPage(DeskPage):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        svc = services.violations
        self.detail = ViolationDetail(self)
        register = self.set_register(RegisterView(
            COLUMNS,
            count=lambda f: svc.count(f.get("stage")),
            fetch=lambda f, offset, limit, _k, _d: svc.list(f.get("stage"), offset, limit),
            row_style=lambda r: OVERDUE if r.overdue else None, detail=self.detail, parent=self,
        ))
        register.search.setVisible(False)
        self.stage_combo = self.add_filter(register, "stage", self.tr("阶段"), [
            (self.tr("未结案"), "open"), *order_choices(STAGES),
            (order_label(ViolationStage.CLOSED), str(ViolationStage.CLOSED)), (self.tr("全部"), None)])
        register.add_action(self.tr("登记违章"), self.open_case, shortcut="Ctrl+N")
        register.add_action(self.tr("下一步"), self.advance, needs_row=True)
        register.add_action(self.tr("打印整改通知"), self.print_notice, needs_row=True)
        register.add_action(self.tr("添加照片"), self.add_photo, needs_row=True)
        register.current_row_changed.connect(self.show_row)
        register.splitter.setSizes([560, 440])
        self.by_stage = QLabel(self)
        self.by_stage.setObjectName("by_stage")
        register.filter_bar.addWidget(self.by_stage)
        self.show_counts()

    def show_counts(self) -> None:
        counts = self.run(self.services.violations.counts_by_stage) or {}
        self.by_stage.setText(" · ".join(f"{order_label(k)} {v}" for k, v in counts.items()))

    def show_row(self, row: ViolationRow | None) -> None:
        self.detail.show_case(self.run(lambda: self.services.violations.get(row.id)) if row else None)

    def _after(self, case_id: int | None) -> None:
        self.show_counts()
        self.register.reload(select=lambda r: r.id == case_id)

    def open_case(self) -> ServiceForm:
        fields = [("kind", self.tr("类型"), combo(order_choices(ViolationKind))),
                  ("unit", self.tr("房号"), line(self.tr("如 3-1-1502, 公共区域可留空"))),
                  ("place", self.tr("地点"), line(self.tr("如 3栋消防通道"))),
                  ("description", self.tr("违章情况"), text_box(lines=3)),
                  ("deadline", self.tr("整改期限"), line(self.tr("如 2026-12-05, 可留空"))),
                  ("note", self.tr("劝阻情况"), line(self.tr("现场劝阻")))]
        return self.open_form(ServiceForm(self.tr("登记违章"), fields, self.services.violations.open, self), self._after)

    def advance(self) -> ServiceForm | None:
        row = self.register.current_row()
        if row is None:
            return None
        fields = [("stage", self.tr("转为"), combo(order_choices(NEXT[row.stage]))),
                  ("note", self.tr("说明"), line()),
                  ("deadline", self.tr("新的整改期限"), line(self.tr("可留空")))]
        dialog = ServiceForm(self.tr("违章 %1: 下一步").replace("%1", row.number), fields,
                             lambda v: self.services.violations.advance(row.id, v["stage"], v["note"],
                                                                        v["deadline"]).id, self)
        return self.open_form(dialog, self._after)

    def print_notice(self) -> QWidget | None:
        row = self.register.current_row()
        if row is None:
            return None
        return self.show_pdf(lambda: self.services.violations.notice_pdf(row.id),
                             self.tr("整改通知书 %1").replace("%1", row.number), f"{row.number}.pdf")

    def add_photo(self) -> None:
        row = self.register.current_row()
        if row is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择照片"), "", self.tr("图片 (*.jpg *.jpeg *.png)"))
        if path:
            self.run(lambda: self.services.violations.add_photo(row.id, path))
            self._after(row.id)
