"""培训考核: the one training and assessment register of every team (工程, 秩序, 环境, 经理 tabs show this page;
the 经理 tab sees all teams). Date, topic, team, people and their scores."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.models import TEAM_LABELS
from app.services import Services
from app.services.training import TrainingRow
from ui.labels import team_label
from ui.models.windowed import Column
from ui.pages.order.common import DeskPage, ServiceForm, combo, line, text_box
from ui.widgets.register_view import RegisterView

COLUMNS = [
    Column("held_on", QT_TRANSLATE_NOOP("Column", "日期"), "held_on", width=6),
    Column("team", QT_TRANSLATE_NOOP("Column", "班组"), "team", formatter=team_label, width=4),
    Column("topic", QT_TRANSLATE_NOOP("Column", "培训/考核内容"), "topic", width=12),
    Column("trainer", QT_TRANSLATE_NOOP("Column", "讲师/考核人"), "trainer", width=5),
    Column("people", QT_TRANSLATE_NOOP("Column", "人数"), "people", width=3),
    Column("average", QT_TRANSLATE_NOOP("Column", "平均分"), "average", width=4),
    Column("attendees", QT_TRANSLATE_NOOP("Column", "参加人员"), lambda r: r.attendees_text.replace("\n", "、")),
]


class TrainingPage(DeskPage):
    """``team`` None (经理): every team, with a team filter."""

    def __init__(self, services: Services, team: str | None = None, parent: QWidget | None = None):
        super().__init__(services, parent)
        self.team = team
        svc = services.training

        def team_of(f) -> str | None:
            return team or f.get("team")

        register = self.set_register(RegisterView(
            COLUMNS, count=lambda f: svc.count(team_of(f)),
            fetch=lambda f, offset, limit, _k, _d: svc.list(team_of(f), offset, limit), parent=self))
        register.search.setVisible(False)
        if team is None:
            self.add_filter(register, "team", self.tr("班组"), [(self.tr("全部班组"), None),
                                                               *((team_label(t), t) for t in TEAM_LABELS)])
        register.add_action(self.tr("登记培训/考核"), self.add_record, shortcut="Ctrl+N")
        register.add_action(self.tr("编辑"), self.edit_record, needs_row=True)
        register.activated.connect(lambda _row: self.edit_record())

    def _form(self, row: TrainingRow | None) -> ServiceForm:
        teams = combo([(team_label(t), t) for t in TEAM_LABELS])
        fields = [("team", self.tr("班组"), teams), ("held_on", self.tr("日期"), line(self.tr("如 2026-11-20"))),
                  ("topic", self.tr("培训/考核内容"), line(self.tr("如 消防器材使用"))),
                  ("trainer", self.tr("讲师/考核人"), line()),
                  ("attendees", self.tr("参加人员及成绩"), text_box(self.tr("每行一人: 姓名 成绩, 如 张三 95"), lines=6))]
        record_id = row.id if row else None
        dialog = ServiceForm(self.tr("培训考核记录"), fields,
                             lambda v: self.services.training.save(v, record_id), self)
        teams.setCurrentIndex(max(0, teams.findData(row.team if row else self.team)))
        teams.setEnabled(self.team is None)
        if row is None:
            dialog.set_values({"held_on": self.services.ctx.clock().date().isoformat()})
        else:
            dialog.set_values({"held_on": row.held_on.isoformat(), "topic": row.topic, "trainer": row.trainer,
                               "attendees": row.attendees_text})
        return self.open_form(dialog, lambda saved: self.register.reload(select=lambda r: r.id == saved))

    def add_record(self) -> ServiceForm:
        return self._form(None)

    def edit_record(self) -> ServiceForm | None:
        row = self.register.current_row()
        return self._form(row) if row is not None else None
