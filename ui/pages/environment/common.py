"""Small pieces the 环境/经理 pages share: the month filter's items, the staff combo of a team, and a page
of a few fields over a small list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from app.services.fees_rules import add_months
from ui.models.windowed import ListTableModel
from ui.widgets.flow_layout import FlowLayout, labelled
from ui.widgets.table import fit_columns, make_table_view


def this_period(services) -> str:
    return f"{services.ctx.clock():%Y-%m}"


def month_items(services, months: int = 12, everything: bool = True) -> list[tuple[str, str | None]]:
    """This month and the ones before it, newest first (optionally "全部月份" on top)."""
    last = this_period(services)
    items = [(p, p) for p in (add_months(last, -n) for n in range(months))]
    return ([(QCoreApplication.translate("Office", "全部月份"), None)] if everything else []) + items


def staff_items(services, team: str) -> list[tuple[str, int | None]]:
    """(name, id) of the team's active staff, after a "无" entry."""
    return [(QCoreApplication.translate("Office", "无"), None)] + [
        (s.name, s.id) for s in services.staff.list_staff(team)]


class ListPage(QWidget):
    """A bar of combos and buttons over a small list that ``reload`` refills."""

    def __init__(self, columns, parent: QWidget | None = None, row_style=None):
        super().__init__(parent)
        self.bar = FlowLayout()
        self.model = ListTableModel(columns, row_style=row_style, parent=self)
        self.table = make_table_view(self.model, self)
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.bar)
        layout.addWidget(self.table, 1)

    def add_field(self, caption: str, editor: QWidget) -> QWidget:
        self.bar.addWidget(labelled(QLabel(caption, self), editor, self))
        return editor

    def add_combo(self, caption: str, items) -> QComboBox:
        box = QComboBox(self)
        for text, data in items:
            box.addItem(text, data)
        box.currentIndexChanged.connect(self.reload)
        return self.add_field(caption, box)

    def finish_bar(self, *buttons: QWidget) -> None:
        """Buttons after the fields, then the summary at the right end."""
        for button in buttons:
            self.bar.addWidget(button)
        self.bar.addStretch()
        self.bar.addWidget(self.summary)

    def show_rows(self, rows, padding: int = 18) -> None:
        self.model.set_rows(rows)
        fit_columns(self.table, padding)

    def reload(self) -> None:
        raise NotImplementedError
