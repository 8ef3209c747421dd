"""承接查验: inspections of buildings/units handed over by the developer — checklist by area, defects with
responsible party and deadline, re-inspection until signed off, and the printable defect list."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from app.models import TakeoverArea
from app.services.takeover import DefectRow, InspectionRow
from ui.dialogs.form import FormDialog
from ui.dialogs.record import ActionDialog, RecordDialog, combo, line, note
from ui.engineering_labels import eng_choices, eng_label
from ui.models.windowed import ROW_ROLE, Column, RowStyle
from ui.pages.register_page import DetailPane, RegisterPage, show_pdf

COLUMNS = [
    Column("inspected_on", QT_TRANSLATE_NOOP("Column", "查验日期"), "inspected_on", sort_key="inspected_on", width=6),
    Column("scope", QT_TRANSLATE_NOOP("Column", "楼栋/房屋"), "scope", width=7),
    Column("developer", QT_TRANSLATE_NOOP("Column", "移交单位"), "developer", width=7),
    Column("inspector", QT_TRANSLATE_NOOP("Column", "查验人"), "inspector", width=4),
    Column("checked", QT_TRANSLATE_NOOP("Column", "已查项"), lambda r: f"{r.checked}/{r.checks}", width=4),
    Column("defects", QT_TRANSLATE_NOOP("Column", "问题"), "defects", width=3),
    Column("open_defects", QT_TRANSLATE_NOOP("Column", "未销项"), "open_defects", width=3),
]
DEFECT_COLUMNS = [
    Column("area", QT_TRANSLATE_NOOP("Column", "区域"), "area", formatter=eng_label),
    Column("location", QT_TRANSLATE_NOOP("Column", "部位"), "location"),
    Column("description", QT_TRANSLATE_NOOP("Column", "问题描述"), "description"),
    Column("deadline", QT_TRANSLATE_NOOP("Column", "整改期限"), "deadline"),
    Column("state", QT_TRANSLATE_NOOP("Column", "状态"), "state", formatter=eng_label),
    Column("responsible", QT_TRANSLATE_NOOP("Column", "责任单位"), "responsible"),
]
OPEN_DEFECTS = RowStyle(foreground=QColor("#b00020"))


class InspectionDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑查验批次") if self.record_id else self.tr("新增查验批次"))
        self.add_field("building_id", self.tr("楼栋"), combo([(self.tr("请选择"), None),
                                                             *self.services.takeover.buildings()]))
        self.add_field("inspected_on", self.tr("查验日期"), line(text=self.services.ctx.clock().date().isoformat()))
        self.add_field("developer", self.tr("移交单位(开发商)"), line())
        self.add_field("inspector", self.tr("查验人"), line(text=self.services.ctx.actor.display_name))
        self.add_field("notes", self.tr("备注"), note())


class DefectDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑问题") if self.record_id else self.tr("登记问题"))
        self.add_field("area", self.tr("区域"), combo(eng_choices(TakeoverArea)))
        self.add_field("location", self.tr("部位"), line(self.tr("例如 9栋12层楼梯间")))
        self.add_field("description", self.tr("问题描述"), note())
        self.add_field("photo_path", self.tr("照片路径"), line())
        self.add_field("responsible", self.tr("责任单位"), line())
        self.add_field("deadline", self.tr("整改期限"), line("2026-12-15"))

    inspection_id: int | None = None  # set by the page before the dialog opens

    @property
    def values(self):
        return {**super().values, "inspection_id": self.inspection_id}


class ChecklistDialog(QDialog):
    """检查表: each point of the inspection's checklist by area — 未查 / 合格 / 不合格, saved at once."""

    # combo data are ints (PySide mishandles bools as item data): -1 not checked, 1 ok, 0 defective
    RESULTS = ((-1, QT_TRANSLATE_NOOP("ChecklistDialog", "未查")), (1, QT_TRANSLATE_NOOP("ChecklistDialog", "合格")),
               (0, QT_TRANSLATE_NOOP("ChecklistDialog", "不合格")))

    def __init__(self, services, inspection_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("查验检查表"))
        self.services = services
        checks = services.takeover.checks(inspection_id)
        self.table = QTableWidget(len(checks), 3, self)
        self.table.setObjectName("checklist")
        self.table.setHorizontalHeaderLabels([self.tr("区域"), self.tr("检查内容"), self.tr("结果")])
        self.table.verticalHeader().setVisible(False)
        self.combos: list[QComboBox] = []
        for r, check in enumerate(checks):
            self.table.setItem(r, 0, QTableWidgetItem(eng_label(check.area)))
            self.table.setItem(r, 1, QTableWidgetItem(check.point))
            box = QComboBox(self.table)
            for value, text in self.RESULTS:
                box.addItem(self.tr(text), value)
            box.setCurrentIndex(box.findData(-1 if check.ok is None else int(check.ok)))
            box.currentIndexChanged.connect(lambda _i, cid=check.id, b=box: self._save(cid, b))
            self.table.setCellWidget(r, 2, box)
            self.combos.append(box)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self)
        close = QPushButton(self.tr("关闭"), self)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.resize(600, 520)

    def _save(self, check_id: int, box: QComboBox) -> None:
        try:
            value = box.currentData()
            self.services.takeover.set_check(check_id, None if value == -1 else bool(value))
        except ServiceError as exc:
            self.message.setText(str(exc))


class TakeoverPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        self.pane = DetailPane(DEFECT_COLUMNS, parent, row_style=lambda d: OPEN_DEFECTS if d.overdue else None)
        super().__init__(services, services.takeover, COLUMNS, InspectionDialog, detail=self.pane,
                         placeholder=self.tr("移交单位、查验人或备注"), parent=parent)
        reg = self.register
        reg.add_filter_combo("building_id", self.tr("楼栋"), [(self.tr("全部楼栋"), None),
                                                            *services.takeover.buildings()])
        reg.add_action(self.tr("检查表"), self.show_checklist, needs_row=True)
        reg.add_action(self.tr("打印问题清单"), self.print_defects, needs_row=True)
        if self.can_manage:
            self.pane.add_button(self.tr("登记问题"), self.add_defect)
            self.pane.add_button(self.tr("编辑所选问题"), self.edit_defect)
            self.pane.add_button(self.tr("复验所选问题"), self.reinspect)
            self.pane.table.activated.connect(lambda _i: self.edit_defect())
        self.add_refresh()
        reg.current_row_changed.connect(self.show_inspection)
        reg.splitter.setSizes([560, 460])

    def show_inspection(self, row: InspectionRow | None) -> None:
        if row is None:
            self.pane.clear()
            return
        defects = self.services.takeover.defects.list({"inspection_id": row.id}, 0, 10_000, "deadline")
        facts = [(self.tr("移交单位"), row.developer), (self.tr("查验人"), row.inspector),
                 (self.tr("检查进度"), f"{row.checked}/{row.checks}"),
                 (self.tr("问题"), self.tr("%1 项, 未销项 %2 项").replace("%1", str(row.defects))
                  .replace("%2", str(row.open_defects)))]
        self.pane.show(f"{row.inspected_on}  {row.scope}", facts, defects)

    def current_defect(self) -> DefectRow | None:
        index = self.pane.table.currentIndex()
        return self.pane.model.data(index, ROW_ROLE) if index.isValid() else None

    def show_checklist(self) -> ChecklistDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ChecklistDialog(self.services, row.id, self)
        dialog.finished.connect(lambda _r: self.reload_selecting(row.id))
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def add_defect(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = DefectDialog(self.services, self.services.takeover.defects, None, parent=self)
        dialog.inspection_id = row.id
        return self.open_dialog(dialog, lambda _id: row.id)

    def edit_defect(self) -> FormDialog | None:
        row, defect = self.current(), self.current_defect()
        if row is None or defect is None:
            return None
        try:
            dialog = DefectDialog(self.services, self.services.takeover.defects, defect.id, parent=self)
        except ServiceError:
            return None
        dialog.inspection_id = row.id
        return self.open_dialog(dialog, lambda _id: row.id)

    def reinspect(self) -> FormDialog | None:
        row, defect = self.current(), self.current_defect()
        if row is None or defect is None:
            return None
        dialog = ActionDialog(self.tr("复验 — %1").replace("%1", defect.location),
                              lambda v: self.services.takeover.defects.reinspect(defect.id, v["passed"] == 1, v["note"],
                                                                                 defect.version), parent=self)
        dialog.add_field("passed", self.tr("复验结果"), combo([(self.tr("通过, 销项"), 1),
                                                              (self.tr("未通过"), 0)]))
        dialog.add_field("note", self.tr("复验意见"), line())
        return self.open_dialog(dialog, lambda _id: row.id)

    def print_defects(self) -> bytes | None:
        row = self.current()
        if row is None:
            return None
        try:
            pdf = self.services.takeover.defect_list_pdf(row.building_id)
        except ServiceError as exc:
            self.pane.clear(str(exc))
            return None
        show_pdf(self, pdf, self.tr("承接查验问题清单 %1").replace("%1", row.building), "defects.pdf")
        return pdf
