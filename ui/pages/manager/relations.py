"""对外关系: contacts with the owners' committee, street office, government, community and partners;
follow-ups still open can be listed alone and marked done."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.models import Party
from ui.dialogs.record import RecordDialog, combo, line, note
from ui.models.windowed import Column
from ui.office_labels import office_choices, office_label
from ui.pages.register_page import RegisterPage

COLUMNS = [
    Column("day", QT_TRANSLATE_NOOP("Column", "日期"), "day", sort_key="day", width=6),
    Column("party", QT_TRANSLATE_NOOP("Column", "对象"), "party", sort_key="party", formatter=office_label, width=6),
    Column("organisation", QT_TRANSLATE_NOOP("Column", "单位"), "organisation", width=9),
    Column("subject", QT_TRANSLATE_NOOP("Column", "事由"), "subject", width=9),
    Column("outcome", QT_TRANSLATE_NOOP("Column", "结果"), "outcome", width=12),
    Column("follow_up", QT_TRANSLATE_NOOP("Column", "后续跟进"), "follow_up", width=8),
    Column("follow_up_on", QT_TRANSLATE_NOOP("Column", "跟进日期"), "follow_up_on", sort_key="follow_up_on", width=6),
    Column("closed", QT_TRANSLATE_NOOP("Column", "已办结"), "closed", width=4),
]


class RelationDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑联系记录") if self.record_id else self.tr("新增联系记录"))
        self.add_field("day", self.tr("日期"), line(text=self.services.ctx.clock().date().isoformat()))
        self.add_field("party", self.tr("对象"), combo([(self.tr("请选择"), None), *office_choices(Party)]))
        self.add_field("organisation", self.tr("单位"), line())
        self.add_field("people", self.tr("参与人员"), line())
        self.add_field("subject", self.tr("事由"), line())
        self.add_field("outcome", self.tr("结果"), note())
        self.add_field("follow_up", self.tr("后续跟进"), line())
        self.add_field("follow_up_on", self.tr("跟进日期"), line("2026-12-31"))


class RelationsPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(services, services.relations, COLUMNS, RelationDialog, descending=True,
                         placeholder=self.tr("事由、单位、人员或结果"), parent=parent)
        reg = self.register
        reg.add_filter_combo("party", self.tr("对象"), [(self.tr("全部对象"), None), *office_choices(Party)])
        reg.add_filter_combo("open_only", self.tr("跟进"), [(self.tr("全部"), None), (self.tr("待跟进"), True)])
        if self.can_manage:
            reg.add_action(self.tr("跟进办结"), self.close_follow_up, needs_row=True)
        self.add_refresh()

    def close_follow_up(self) -> None:
        row = self.current()
        if row is not None:
            self.run(self.tr("跟进办结"), lambda: self.service.close(row.id, not row.closed))
