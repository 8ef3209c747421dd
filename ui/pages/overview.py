"""The manager's overview (概况): headline figures of the property as cards in a grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.models import Team
from app.services import Services
from ui.labels import team_label

CARD_STYLE = """
QFrame#card { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }
QLabel#card_value { font-size: 22pt; font-weight: bold; color: #1f5fa8; }
QLabel#card_title { color: palette(dark); font-size: 11pt; }
QLabel#card_note { color: palette(dark); }
"""


class FigureCard(QFrame):
    """One number with its caption and a small note under it."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(title, self)
        self.title.setObjectName("card_title")
        self.value = QLabel("—", self)
        self.value.setObjectName("card_value")
        self.note = QLabel("", self)
        self.note.setObjectName("card_note")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def set(self, value: str, note: str = "") -> None:
        self.value.setText(value)
        self.note.setText(note)


class OverviewPage(QWidget):
    """Units, occupancy, owners, vehicles, parking and staff per team, from ``property.figures()``."""

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setStyleSheet(CARD_STYLE)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        refresh = QPushButton(self.tr("刷新"), self)
        refresh.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(refresh)

        self.cards = {
            "units": FigureCard(self.tr("房屋"), self),
            "occupancy": FigureCard(self.tr("入住率"), self),
            "people": FigureCard(self.tr("业主及住户"), self),
            "vehicles": FigureCard(self.tr("登记车辆"), self),
            "parking": FigureCard(self.tr("车位"), self),
            "buildings": FigureCard(self.tr("楼栋"), self),
        }
        grid = QGridLayout()
        grid.setSpacing(12)
        for i, card in enumerate(self.cards.values()):
            grid.addWidget(card, i // 3, i % 3)

        self.staff_cards: dict[str, FigureCard] = {}
        staff_grid = QGridLayout()
        staff_grid.setSpacing(12)
        for i, team in enumerate(Team):
            card = FigureCard(self.tr("%1组员工").replace("%1", team_label(team)), self)
            self.staff_cards[team] = card
            staff_grid.addWidget(card, 0, i)
        staff_title = QLabel(self.tr("各组在岗员工"), self)
        staff_title.setStyleSheet("font-size: 13pt; font-weight: bold;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(staff_title)
        layout.addLayout(staff_grid)
        layout.addStretch(1)
        self.reload()

    def reload(self) -> None:
        f = self.services.property.figures()
        self.heading.setText(self.services.property.property_name())
        self.cards["units"].set(
            f"{f.units:,}",
            self.tr("已入住 %1 · 空置 %2 · 装修中 %3").replace("%1", f"{f.occupied:,}")
            .replace("%2", f"{f.vacant:,}").replace("%3", f"{f.renovating:,}"),
        )
        self.cards["occupancy"].set(f"{f.occupancy_rate:.1%}", self.tr("已入住房屋 / 全部房屋"))
        self.cards["people"].set(f"{f.people:,}", self.tr("其中关联房屋的 %1 人").replace("%1", f"{f.owners_linked:,}"))
        self.cards["vehicles"].set(f"{f.vehicles:,}")
        self.cards["parking"].set(f"{f.parking_spaces:,}")
        self.cards["buildings"].set(f"{f.buildings:,}")
        for team, card in self.staff_cards.items():
            card.set(str(f.staff_by_team.get(team, 0)))
        self.figures = f
        for card in self.cards.values():
            card.value.setAlignment(Qt.AlignmentFlag.AlignLeft)
