"""停水停电: planned or known outages with their buildings and times; :class:`OutageNotice` is the yellow card
the 客服 intake shows when the caller's unit is affected."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from app.models import OutageKind
from app.services import Services
from app.services.outages import OutageRow
from ui.models.windowed import Column
from ui.pages.order.common import DeskPage, ServiceForm, combo, line, order_choices, order_label, text_box
from ui.widgets.register_view import RegisterView

COLUMNS = [
    Column("kind", QT_TRANSLATE_NOOP("Column", "类型"), "kind", formatter=order_label, width=5),
    Column("buildings", QT_TRANSLATE_NOOP("Column", "影响楼栋"), "buildings", width=8),
    Column("starts_at", QT_TRANSLATE_NOOP("Column", "开始"), "starts_at", width=9),
    Column("ends_at", QT_TRANSLATE_NOOP("Column", "结束"), "ends_at", width=9),
    Column("notice", QT_TRANSLATE_NOOP("Column", "告知内容"), "notice", width=14),
    Column("cancelled", QT_TRANSLATE_NOOP("Column", "已取消"), "cancelled", width=3),
]


class OutageNotice(QLabel):
    """The outage card at intake: hidden unless the chosen unit is affected (``show_for_unit``)."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("outage_notice")
        self.setWordWrap(True)
        self.setStyleSheet("background: #fff4ce; border: 1px solid #e0b400; padding: 6px; color: #5c4400;")
        self.hide()

    def show_for_unit(self, unit_id: int | None) -> list[OutageRow]:
        rows = self.services.outages.affecting(unit_id)
        lines = [f"{headline(r)}{(', ' + r.notice) if r.notice else ''}" for r in rows]
        if lines:
            lines.append(self.tr("请告知业主, 与此有关的报修无需重复派单。"))
        self.setText("\n".join(lines))
        self.setVisible(bool(rows))
        return rows


def headline(row: OutageRow) -> str:
    from PySide6.QtCore import QCoreApplication

    same_day = row.starts_at.date() == row.ends_at.date()
    end = f"{row.ends_at:%H:%M}" if same_day else f"{row.ends_at:%m-%d %H:%M}"
    return (QCoreApplication.translate("OutageNotice", "已知%1: %2 %3–%4")
            .replace("%1", order_label(row.kind)).replace("%2", row.buildings)
            .replace("%3", f"{row.starts_at:%m-%d %H:%M}").replace("%4", end))


class OutagesPage(DeskPage):
    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent)
        svc = services.outages
        register = self.set_register(RegisterView(
            COLUMNS,
            count=lambda f: len(svc.list(bool(f.get("current")))),
            fetch=lambda f, offset, limit, _k, _d: svc.list(bool(f.get("current")))[offset:offset + limit],
            parent=self,
        ))
        register.search.setVisible(False)
        self.add_filter(register, "current", self.tr("范围"), [(self.tr("未结束"), True), (self.tr("全部"), None)])
        if services.ctx.can("outage.edit"):
            register.add_action(self.tr("登记停水停电"), self.add_outage, shortcut="Ctrl+N")
            register.add_action(self.tr("取消通知"), self.cancel, needs_row=True)

    def add_outage(self) -> ServiceForm:
        buildings = QListWidget()
        buildings.setObjectName("buildings")
        for b in self.services.archive.buildings():
            item = QListWidgetItem(b.name, buildings)
            item.setData(Qt.ItemDataRole.UserRole, b.id)
            item.setCheckState(Qt.CheckState.Unchecked)
        buildings.setFixedHeight(110)
        fields = [("kind", self.tr("类型"), combo(order_choices(OutageKind))),
                  ("starts_at", self.tr("开始时间"), line(self.tr("如 2026-12-01 10:00"))),
                  ("ends_at", self.tr("结束时间"), line(self.tr("如 2026-12-01 14:00"))),
                  ("notice", self.tr("告知内容"), text_box(self.tr("如 市政管道维修, 请提前储水"), lines=2))]

        def save(values: dict) -> int:
            checked = [buildings.item(i).data(Qt.ItemDataRole.UserRole) for i in range(buildings.count())
                       if buildings.item(i).checkState() == Qt.CheckState.Checked]
            return self.services.outages.save({**values, "building_ids": checked})

        dialog = ServiceForm(self.tr("登记停水停电"), fields, save, self)
        dialog.add_field("building_ids", self.tr("影响楼栋(不选为全小区)"), buildings)
        return self.open_form(dialog)

    def cancel(self) -> None:
        row = self.register.current_row()
        if row is not None:
            self.done(lambda: self.services.outages.cancel(row.id), self.tr("取消通知"))
