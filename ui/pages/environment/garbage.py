"""垃圾分类: daily collection records by type with the collector's sign-off; the chosen month's totals by
type beside the list."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.errors import ServiceError
from app.models import GarbageKind
from ui.dialogs.record import RecordDialog, combo, line
from ui.models.windowed import Column
from ui.office_labels import office_choices, office_label
from ui.pages.environment.common import month_items, this_period
from ui.pages.register_page import DetailPane, RegisterPage

COLUMNS = [
    Column("day", QT_TRANSLATE_NOOP("Column", "日期"), "day", sort_key="day", width=6),
    Column("kind", QT_TRANSLATE_NOOP("Column", "类别"), "kind", sort_key="kind", formatter=office_label, width=6),
    Column("weight_kg", QT_TRANSLATE_NOOP("Column", "重量(kg)"), "weight_kg", sort_key="weight_kg", width=5),
    Column("bins", QT_TRANSLATE_NOOP("Column", "桶数"), "bins", width=3),
    Column("company", QT_TRANSLATE_NOOP("Column", "清运单位"), "company", width=8),
    Column("signed_by", QT_TRANSLATE_NOOP("Column", "签收人"), "signed_by", width=5),
    Column("note", QT_TRANSLATE_NOOP("Column", "备注"), "note", width=8),
]
TOTAL_COLUMNS = [
    Column("kind", QT_TRANSLATE_NOOP("Column", "类别"), "kind", formatter=office_label),
    Column("weight_kg", QT_TRANSLATE_NOOP("Column", "重量(kg)"), "weight_kg"),
    Column("bins", QT_TRANSLATE_NOOP("Column", "桶数"), "bins"),
    Column("records", QT_TRANSLATE_NOOP("Column", "清运次数"), "records"),
]


class GarbageDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑垃圾分类记录") if self.record_id else self.tr("登记垃圾分类"))
        self.add_field("day", self.tr("日期"), line(text=self.services.ctx.clock().date().isoformat()))
        self.add_field("kind", self.tr("类别"), combo([(self.tr("请选择"), None), *office_choices(GarbageKind)]))
        self.add_field("weight_kg", self.tr("重量(kg)"), line("0.0"))
        self.add_field("bins", self.tr("桶数"), line("0"))
        self.add_field("company", self.tr("清运单位"), line())
        self.add_field("signed_by", self.tr("清运签收人"), line())
        self.add_field("note", self.tr("备注"), line())


class GarbagePage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        self.totals = DetailPane(TOTAL_COLUMNS, parent)
        super().__init__(services, services.garbage, COLUMNS, GarbageDialog, detail=self.totals, descending=True,
                         placeholder=self.tr("清运单位、签收人或备注"), parent=parent)
        reg = self.register
        period = reg.add_filter_combo("period", self.tr("月份"), month_items(services))
        period.setCurrentIndex(period.findData(this_period(services)))
        reg.add_filter_combo("kind", self.tr("类别"), [(self.tr("全部类别"), None), *office_choices(GarbageKind)])
        self.add_refresh()
        reg.model.modelReset.connect(self.show_totals)
        reg.splitter.setSizes([640, 360])
        self.show_totals()

    def show_totals(self) -> None:
        period = self.register.filters().get("period") or this_period(self.services)
        try:
            month = self.services.garbage.month(period)
        except ServiceError as exc:
            self.totals.clear(str(exc))
            return
        days = sum(1 for d in month.days if d.total)
        self.totals.show(self.tr("%1 月度合计").replace("%1", period), [
            (self.tr("总重量(kg)"), str(month.total_kg)),
            (self.tr("可回收物占比"), f"{month.recyclable_share}%" if month.recyclable_share is not None else "—"),
            (self.tr("有记录的天数"), str(days)),
        ], list(month.by_kind))
