"""社区活动: plan an activity, print its notice, take sign-ups (capacity kept) and tick attendance."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.errors import ServiceError
from app.money import format_money
from app.services.activities import ActivityRow
from ui.dialogs.form import FormDialog
from ui.dialogs.record import RecordDialog, line, note
from ui.models.windowed import ROW_ROLE, Column
from ui.pages.register_page import DetailPane, RegisterPage, show_pdf

COLUMNS = [
    Column("day", QT_TRANSLATE_NOOP("Column", "日期"), "day", sort_key="day", width=6),
    Column("title", QT_TRANSLATE_NOOP("Column", "活动"), "title", sort_key="title", width=8),
    Column("place", QT_TRANSLATE_NOOP("Column", "地点"), "place", width=5),
    Column("capacity", QT_TRANSLATE_NOOP("Column", "名额"), "capacity", width=3),
    Column("signed_up", QT_TRANSLATE_NOOP("Column", "报名人数"), "signed_up", width=4),
    Column("attended", QT_TRANSLATE_NOOP("Column", "到场人数"), "attended", width=4),
    Column("cost", QT_TRANSLATE_NOOP("Column", "费用(元)"), "cost", sort_key="cost", formatter=format_money, width=5),
]
SIGNUP_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "报名人"), "name"),
    Column("unit", QT_TRANSLATE_NOOP("Column", "房号"), "unit"),
    Column("people", QT_TRANSLATE_NOOP("Column", "人数"), "people"),
    Column("attended", QT_TRANSLATE_NOOP("Column", "到场"), "attended"),
]


class ActivityDialog(RecordDialog):
    def build(self) -> None:
        self.setWindowTitle(self.tr("编辑活动") if self.record_id else self.tr("新增活动"))
        self.add_field("title", self.tr("活动名称"), line())
        self.add_field("day", self.tr("日期"), line(text=self.services.ctx.clock().date().isoformat()))
        self.add_field("time_text", self.tr("时间"), line("14:30-16:30"))
        self.add_field("place", self.tr("地点"), line())
        self.add_field("description", self.tr("活动内容 (通知正文)"), note(height=90))
        self.add_field("capacity", self.tr("名额 (0=不限)"), line("0"))
        self.add_field("cost", self.tr("费用(元)"), line("0.00"))
        self.add_field("photos", self.tr("照片"), note(self.tr("照片文件路径, 每行一个"), 44))


class SignupDialog(FormDialog):
    def __init__(self, services, activity_id: int, parent: QWidget | None = None):
        super().__init__(self.tr("活动报名"), parent)
        self.services, self.activity_id = services, activity_id
        self.add_field("name", self.tr("报名人"), line())
        self.add_field("unit", self.tr("房号"), line(self.tr("例如 1-1-101, 可不填")))
        self.add_field("people", self.tr("人数"), line(text="1"))

    def save(self, values) -> int:
        self.services.activities.sign_up(self.activity_id, values)
        return self.activity_id


class ActivitiesPage(RegisterPage):
    def __init__(self, services, parent: QWidget | None = None):
        self.pane = DetailPane(SIGNUP_COLUMNS, parent)
        super().__init__(services, services.activities, COLUMNS, ActivityDialog, detail=self.pane, descending=True,
                         placeholder=self.tr("活动名称或地点"), parent=parent)
        self.register.add_action(self.tr("打印通知"), self.print_notice, needs_row=True)
        if self.can_manage:
            self.pane.add_button(self.tr("报名"), self.sign_up)
            self.pane.add_button(self.tr("签到/取消签到"), self.toggle_attended)
        self.add_refresh()
        self.register.current_row_changed.connect(self.show_row)
        self.register.splitter.setSizes([600, 400])

    def show_row(self, row: ActivityRow | None) -> None:
        if row is None:
            self.pane.clear()
            return
        self.pane.show(row.title, [
            (self.tr("时间"), f"{row.day.isoformat()} {row.time_text}"), (self.tr("地点"), row.place),
            (self.tr("报名/到场"), f"{row.signed_up} / {row.attended}"), (self.tr("内容"), row.description),
            (self.tr("照片"), row.photos)], self.services.activities.signups(row.id))

    def print_notice(self):
        row = self.current()
        if row is None:
            return None
        try:
            pdf = self.service.notice_pdf(row.id)
        except ServiceError as exc:
            self.pane.clear(str(exc))
            return None
        return show_pdf(self, pdf, self.tr("活动通知"), "activity-notice.pdf")

    def sign_up(self) -> FormDialog | None:
        row = self.current()
        if row is None:
            return None
        return self.open_dialog(SignupDialog(self.services, row.id, parent=self))

    def toggle_attended(self) -> None:
        index = self.pane.table.currentIndex()
        signup = self.pane.model.data(index, ROW_ROLE) if index.isValid() else None
        if signup is not None:
            self.run(self.tr("签到"), lambda: self.service.set_attended(signup.id, not signup.attended))
