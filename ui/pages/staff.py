"""Staff list of one team (or all teams): a short list, so a ListTableModel sorted in memory."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.models import Team
from app.services import Services
from ui.labels import team_label
from ui.models.windowed import Column, ListTableModel
from ui.widgets.table import fit_columns, make_table_view

STAFF_COLUMNS = [
    Column("name", QT_TRANSLATE_NOOP("Column", "姓名"), "name"),
    Column("team", QT_TRANSLATE_NOOP("Column", "班组"), "team", formatter=team_label),
    Column("position", QT_TRANSLATE_NOOP("Column", "岗位"), "position"),
    Column("phone", QT_TRANSLATE_NOOP("Column", "电话"), "phone"),
]


class StaffPage(QWidget):
    """Active staff of ``team`` (None: every team), with a refresh button."""

    def __init__(self, services: Services, team: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.team = team
        self.model = ListTableModel(STAFF_COLUMNS, parent=self)
        self.table = make_table_view(self.model, self)
        self.count_label = QLabel(self)
        refresh = QPushButton(self.tr("刷新"), self)
        refresh.clicked.connect(self.reload)
        bar = QHBoxLayout()
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        order = {team: i for i, team in enumerate(Team)}  # 经理, 客服, 工程, 秩序, 环境 — not by code
        rows = sorted(self.services.staff.list_staff(self.team), key=lambda r: order.get(r.team, len(order)))
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("共 %n 人", "", len(rows)))
        fit_columns(self.table)
