"""保洁质量检查: inspections scored on the area's sheet, failures in red, re-inspection of a failure and a
work order for it; the detail pane shows the sheet's marks."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.models import CleanArea
from app.services.cleaning import MAX_MARK, PASS_SCORE, InspectionRow, score_of
from ui.dialogs.form import FormDialog
from ui.dialogs.record import combo, line, note
from ui.models.windowed import Column, RowStyle
from ui.office_labels import office_choices, office_label
from ui.pages.environment.common import month_items
from ui.pages.register_page import DetailPane, RegisterPage

COLUMNS = [
    Column("day", QT_TRANSLATE_NOOP("Column", "日期"), "day", sort_key="day", width=5.5),
    Column("area", QT_TRANSLATE_NOOP("Column", "区域"), "area", sort_key="area", formatter=office_label, width=4),
    Column("place", QT_TRANSLATE_NOOP("Column", "具体位置"), "place", width=5),
    Column("cleaner", QT_TRANSLATE_NOOP("Column", "保洁员/外包公司"), "cleaner", width=6),
    Column("score", QT_TRANSLATE_NOOP("Column", "得分"), "score", sort_key="score", width=3),
    Column("passed", QT_TRANSLATE_NOOP("Column", "合格"), "passed", width=2.5),
    Column("reinspection_of", QT_TRANSLATE_NOOP("Column", "复查"), lambda r: r.reinspection_of is not None,
           width=2.5),
    Column("reinspected", QT_TRANSLATE_NOOP("Column", "已复查"), "reinspected", width=3),
]
MARK_COLUMNS = [
    Column("item", QT_TRANSLATE_NOOP("Column", "评分项目"), lambda m: m[0]),
    Column("weight", QT_TRANSLATE_NOOP("Column", "权重"), lambda m: m[1]),
    Column("mark", QT_TRANSLATE_NOOP("Column", "得分(0-10)"), lambda m: m[2]),
]
FAILED = RowStyle(background=QColor("#fde2e1"))


class InspectionDialog(FormDialog):
    """Score an area on its sheet: one 0–10 mark per item, the weighted score shown as you go. With
    ``original`` (a failed inspection) it is the re-inspection of it: same area, plan and cleaner."""

    def __init__(self, services, original: InspectionRow | None = None, parent: QWidget | None = None):
        super().__init__(self.tr("复查") if original else self.tr("新检查"), parent)
        self.services, self.original = services, original
        self.spins: dict[int, QSpinBox] = {}
        self.weights: dict[int, int] = {}
        self.add_field("day", self.tr("检查日期"), line(text=services.ctx.clock().date().isoformat()))
        self.add_field("area", self.tr("区域"), combo([(self.tr("请选择"), None), *office_choices(CleanArea)]))
        self.add_field("plan_id", self.tr("保洁计划"), combo([]))
        self.add_field("inspector", self.tr("检查人"), line(text=services.ctx.actor.display_name))
        self.add_field("note", self.tr("问题描述"), note(self.tr("不合格时写明问题, 会写进工单")))
        pick = QPushButton(self.tr("添加照片…"), self)
        pick.clicked.connect(self.add_photos)
        self.add_field("photos", self.tr("照片"), note(self.tr("照片文件路径, 每行一个"), 44), pick)
        self.sheet = QGroupBox(self.tr("评分表"), self)
        self.sheet_form = QFormLayout(self.sheet)
        self.form.addRow(self.sheet)
        self.score_label = QLabel(self)
        self.score_label.setObjectName("score_preview")
        self.form.addRow(self.tr("得分"), self.score_label)
        self.open_order = QCheckBox(self.tr("不合格时开保洁工单"), self)
        self.open_order.setChecked(True)
        self.form.addRow("", self.open_order)
        area = self.field("area")
        area.currentIndexChanged.connect(self.load_sheet)
        if original is not None:
            self.set_values({"area": original.area, "note": ""})
            area.setEnabled(False)
            self.field("plan_id").setEnabled(False)
        self.load_sheet()

    def load_sheet(self) -> None:
        area = self.field("area").currentData()
        plans = self.field("plan_id")
        plans.clear()
        plans.addItem(self.tr("无"), None)
        for p in self.services.cleaning.all({"area": area}) if area else []:
            plans.addItem(f"{p.place} · {p.cleaner}", p.id)
        while self.sheet_form.rowCount():
            self.sheet_form.removeRow(0)
        self.spins, self.weights = {}, {}
        for item in self.services.inspections.score_items(area) if area else []:
            spin = QSpinBox(self.sheet)
            spin.setRange(0, MAX_MARK)
            spin.setValue(MAX_MARK)
            spin.setObjectName(f"mark_{item.id}")
            spin.valueChanged.connect(self.update_score)
            self.sheet_form.addRow(self.tr("%1 (权重 %2)").replace("%1", item.name).replace("%2", str(item.weight)),
                                   spin)
            self.spins[item.id], self.weights[item.id] = spin, item.weight
        self.update_score()

    def marks(self) -> dict[int, int]:
        return {item_id: spin.value() for item_id, spin in self.spins.items()}

    def update_score(self) -> None:
        if not self.spins:
            self.score_label.setText(self.tr("请选择区域 (该区域须已有评分表)"))
            return
        score = score_of(self.marks(), self.weights)
        verdict = self.tr("合格") if score >= PASS_SCORE else self.tr("不合格")
        self.score_label.setText(f"{score}  {verdict}")
        self.score_label.setStyleSheet("" if score >= PASS_SCORE else "color: #b00020; font-weight: bold;")

    def add_photos(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("选择照片"), "", self.tr("图片 (*.jpg *.jpeg *.png)"))
        if files:
            box = self.field("photos")
            box.setPlainText("\n".join(filter(None, [box.toPlainText().strip(), *files])))

    def save(self, values) -> int:
        values = {**values, "open_workorder": self.open_order.isChecked(),
                  "reinspection_of": self.original.id if self.original else None}
        return self.services.inspections.inspect(values, self.marks()).id


class InspectionsPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        self.pane = DetailPane(MARK_COLUMNS, parent)
        super().__init__(services, services.inspections, COLUMNS, None, detail=self.pane, descending=True,
                         placeholder=self.tr("位置、外包公司、检查人或问题"),
                         row_style=lambda r: None if r.passed else FAILED, parent=parent)
        reg = self.register
        reg.add_filter_combo("area", self.tr("区域"), [(self.tr("全部区域"), None), *office_choices(CleanArea)])
        reg.add_filter_combo("period", self.tr("月份"), month_items(services))
        reg.add_filter_combo("failed_only", self.tr("结果"), [(self.tr("全部"), None), (self.tr("不合格"), True)])
        if self.can_manage:
            reg.add_action(self.tr("新检查"), self.inspect)
            self.recheck_action = reg.add_action(self.tr("复查"), self.reinspect, needs_row=True)
            self.order_action = reg.add_action(self.tr("开工单"), self.open_workorder, needs_row=True)
        self.add_refresh()
        reg.current_row_changed.connect(self.show_row)
        reg.splitter.setSizes([680, 320])

    def show_row(self, row: InspectionRow | None) -> None:
        if row is None:
            self.pane.clear()
            return
        facts = [(self.tr("日期"), row.day.isoformat()), (self.tr("保洁员/外包公司"), row.cleaner),
                 (self.tr("检查人"), row.inspector), (self.tr("得分"), f"{row.score}"),
                 (self.tr("问题描述"), row.note), (self.tr("照片"), row.photos), (self.tr("工单"), row.workorder_number)]
        title = f"{office_label(row.area)} {row.place}".strip()
        self.pane.show(title, facts, self.services.inspections.marks(row.id))

    def inspect(self, original: InspectionRow | None = None) -> FormDialog:
        return self.open_dialog(InspectionDialog(self.services, original, parent=self))

    def reinspect(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        if row.passed or row.reinspected:
            self.pane.clear(self.tr("只有未复查过的不合格检查才能复查"))
            return None
        return self.inspect(row)

    def open_workorder(self) -> None:
        row = self.current()
        if row is not None:
            self.run(self.tr("开工单"), lambda: self.service.open_workorder(row.id), self.tr("已开保洁工单"))
