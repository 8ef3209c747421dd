"""Quick intake (快速登记) of a report at the front desk: find the unit by room, name, phone or plate,
see its recent orders (repeat reports), classify, describe, save — optionally dispatching at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError, ServiceError
from app.models import CATEGORY_TEAMS, Category, Kind, Location, Priority, Source
from app.search import MATCH_ID, MATCH_NAME, MATCH_PHONE, MATCH_PLATE, MATCH_ROOM, MATCH_ROOM_PART
from ui import shortcuts
from ui.messages import ui_message
from ui.workorder_labels import wo_choices, wo_label

ERROR_STYLE = "color: #b00020;"
PAGE = 8  # matches listed at a time; "更多" lists the next ones
MORE = "more"  # item data of the "更多" line


class IntakeForm(QWidget):
    """The front desk's intake panel. ``registered(detail)`` fires after a successful save."""

    registered = Signal(object)
    open_order = Signal(str)  # a recent order's number was double-clicked

    def __init__(self, services, parent: QWidget | None = None, debounce_ms: int = 200):
        super().__init__(parent)
        self.services = services
        self.unit = None  # the chosen UnitRow, None for a public-area report
        self._limit = PAGE
        self._errors: dict[str, QLabel] = {}

        self.lookup = QLineEdit(self)
        self.lookup.setObjectName("lookup")
        self.lookup.setClearButtonEnabled(True)
        self.lookup.setPlaceholderText(self.tr("房号、姓名、手机号或车牌"))
        self.lookup.setToolTip(self.tr("查找房屋/业主: 回车选第一个, ↑↓ 换一个 (%1)")
                               .replace("%1", shortcuts.key_text(shortcuts.NEW_INTAKE)))
        self.matches = QListWidget(self)
        self.matches.setObjectName("matches")
        self.matches.setMaximumHeight(self.fontMetrics().height() * 5)  # keeps 登记 on screen at 1024×768
        self.chosen = QLabel(self.tr("未选择房屋 (公共区域报事可不选)"), self)
        self.chosen.setObjectName("chosen_unit")
        self.chosen.setWordWrap(True)
        clear_unit = QPushButton(self.tr("不关联房屋"), self)
        clear_unit.setObjectName("clear_unit")
        clear_unit.clicked.connect(lambda: self.choose_unit(None))
        self.recent = QListWidget(self)
        self.recent.setObjectName("recent")
        self.recent.setMaximumHeight(self.fontMetrics().height() * 4)
        self.recent.setToolTip(self.tr("双击查看该工单"))
        self.recent.itemActivated.connect(self._recent_activated)
        self.recent_title = QLabel(self.tr("该房屋近期工单"), self)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.search)
        self.lookup.textChanged.connect(self._timer.start)
        self.lookup.returnPressed.connect(self._accept_first_match)
        self.matches.currentRowChanged.connect(self._on_match_highlighted)
        self.matches.itemActivated.connect(self._match_activated)
        self.matches.itemClicked.connect(self._match_activated)
        # ↑/↓ in the look-up box move through the matches; the text keeps the cursor.
        for key, step in ((Qt.Key.Key_Down, 1), (Qt.Key.Key_Up, -1)):
            shortcuts.shortcut(key, self.lookup, lambda step=step: self._step_match(step),
                               Qt.ShortcutContext.WidgetShortcut)
        shortcuts.shortcut(shortcuts.MORE, self, self.show_more, Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.kind = self._combo("kind", wo_choices(Kind))
        self.source = self._combo("source", wo_choices(Source))
        self.source.setCurrentIndex(self.source.findData(Source.PHONE))
        self.category = self._combo("category", wo_choices(Category))
        self.team_label = QLabel(self)
        self.team_label.setObjectName("team_label")
        self.location = self._combo("location", wo_choices(Location))
        self._location_chosen = False  # set when the operator picks 部位 (then a unit no longer changes it)
        self.location.activated.connect(lambda _i: setattr(self, "_location_chosen", True))
        self.priority = self._combo("priority", wo_choices(Priority))
        self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL))
        self.place = QLineEdit(self)
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("如 厨房、3栋1单元12楼楼道"))
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText(self.tr("业主反映的问题"))
        self.description.setFixedHeight(self.fontMetrics().height() * 4)
        self.contact_name = QLineEdit(self)
        self.contact_name.setObjectName("contact_name")
        self.contact_phone = QLineEdit(self)
        self.contact_phone.setObjectName("contact_phone")
        self.assignee = QComboBox(self)
        self.assignee.setObjectName("assignee")
        self.category.currentIndexChanged.connect(self._category_changed)
        # 咨询/建议 answered on the spot: closed at the desk in the same step (optionally left for a visit).
        self.desk_close = QCheckBox(self.tr("前台办结 (已当场答复)"), self)
        self.desk_close.setObjectName("desk_close")
        self.answer = QPlainTextEdit(self)
        self.answer.setObjectName("answer")
        self.answer.setTabChangesFocus(True)
        self.answer.setPlaceholderText(self.tr("答复内容"))
        self.answer.setFixedHeight(self.fontMetrics().height() * 3)
        self.answer_visit = QCheckBox(self.tr("需要回访"), self)
        self.answer_visit.setObjectName("answer_visit")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.desk_close.toggled.connect(self._kind_changed)

        find_box = QGroupBox(self.tr("查找房屋/业主"), self)
        find = QVBoxLayout(find_box)
        find.addWidget(self.lookup)
        find.addWidget(self.matches)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.chosen, 1)
        chosen_row.addWidget(clear_unit)
        find.addLayout(chosen_row)
        from ui.pages.order.outages import OutageNotice  # 秩序: known outages reaching the unit

        self.outage_notice = OutageNotice(services, self)
        find.addWidget(self.outage_notice)
        find.addWidget(self.recent_title)
        find.addWidget(self.recent)

        form_box = QGroupBox(self.tr("登记内容"), self)
        form = QFormLayout(form_box)
        form.addRow(self.tr("类型"), self._with_error(self.kind, "kind"))
        form.addRow(self.tr("来源"), self._with_error(self.source, "source"))
        category_row = QHBoxLayout()
        category_row.addWidget(self.category, 1)
        category_row.addWidget(self.team_label)
        form.addRow(self.tr("类别"), self._with_error(category_row, "category"))
        form.addRow(self.tr("部位"), self._with_error(self.location, "location"))
        form.addRow(self.tr("紧急程度"), self._with_error(self.priority, "priority"))
        form.addRow(self.tr("具体位置"), self._with_error(self.place, "place"))
        form.addRow(self.tr("问题描述"), self._with_error(self.description, "description"))
        form.addRow(self.tr("联系人"), self._with_error(self.contact_name, "contact_name"))
        form.addRow(self.tr("联系电话"), self._with_error(self.contact_phone, "contact_phone"))
        form.addRow(self.tr("立即派给"), self._with_error(self.assignee, "assignee_id"))
        form.addRow("", self.desk_close)
        self.answer_label = QLabel(self.tr("答复"), self)
        form.addRow(self.answer_label, self._with_error(self.answer, "answer"))
        form.addRow("", self.answer_visit)
        self._errors["unit_id"] = self._error_label("unit_id")
        find.addWidget(self._errors["unit_id"])

        self.print_after = QCheckBox(self.tr("登记后打印派工单"), self)
        self.print_after.setObjectName("print_after")
        form.addRow("", self.print_after)

        self.message = QLabel(self)
        self.message.setObjectName("intake_message")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("登记 (Ctrl+S)"), self)
        self.save_button.setObjectName("intake_save")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        clear = QPushButton(self.tr("清空"), self)
        clear.setObjectName("intake_clear")
        clear.clicked.connect(self.clear)
        self.save_button.setToolTip(self.tr("登记 (%1)").replace("%1", shortcuts.key_text(shortcuts.SAVE)))
        shortcuts.shortcut(shortcuts.SAVE, self, self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcuts.shortcut(shortcuts.NEW_INTAKE, self, self.start_new)  # from anywhere on the page
        # One widget, so the page can pin it under its scroll area: 登记 stays visible on a short screen.
        self.button_bar = QWidget(self)
        buttons = QHBoxLayout(self.button_bar)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(clear)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(find_box)
        layout.addWidget(form_box)
        layout.addWidget(self.button_bar)
        layout.addStretch(1)
        self._category_changed()
        self._kind_changed()
        self._show_recent([])

    # ---- building helpers
    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for text, code in items:
            combo.addItem(text, code)
        return combo

    def _error_label(self, field: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(f"error_{field}")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        return label

    def _with_error(self, field_widget, field: str) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        if isinstance(field_widget, QWidget):
            column.addWidget(field_widget)
        else:
            column.addLayout(field_widget)
        self._errors[field] = self._error_label(field)
        column.addWidget(self._errors[field])
        return box

    # ---- finding the unit
    def start_new(self) -> None:
        """Ctrl+N: the cursor in the look-up box, its text selected (typing replaces it)."""
        self.lookup.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.lookup.selectAll()

    def reason_text(self, reason: str) -> str:
        return {MATCH_ROOM: self.tr("房号"), MATCH_ROOM_PART: self.tr("房号部分"), MATCH_NAME: self.tr("姓名"),
                MATCH_PHONE: self.tr("电话"), MATCH_ID: self.tr("身份证"), MATCH_PLATE: self.tr("车牌")
                }.get(reason, "")

    def search(self, keep_limit: bool = False) -> None:
        """List the matches, best first (the service ranks them), each with why it matched."""
        self._timer.stop()
        if not keep_limit:
            self._limit = PAGE
        text = self.lookup.text().strip()
        self.matches.clear()
        if not text:
            return
        try:
            found = self.services.archive.lookup_units(text, limit=self._limit)
        except ServiceError as exc:
            self.show_message(str(exc), error=True)
            return
        for match in found.matches:
            unit = match.unit
            item = QListWidgetItem(f"{unit.code}  {unit.owners}  {unit.phone}".strip()
                                   + f"  · {self.reason_text(match.reason)}")
            item.setData(Qt.ItemDataRole.UserRole, unit)
            self.matches.addItem(item)
        if found.total > len(found.matches):
            more = QListWidgetItem(self.tr("更多… (共 %1 个, %2)").replace("%1", str(found.total))
                                   .replace("%2", shortcuts.key_text(shortcuts.MORE)))
            more.setData(Qt.ItemDataRole.UserRole + 1, MORE)
            self.matches.addItem(more)
        if found.matches:
            self.matches.setCurrentRow(0)
        else:
            self.matches.addItem(self.tr("没有找到匹配的房屋"))

    def show_more(self) -> None:
        """The next matches (Ctrl+M, or the "更多" line); the highlighted one stays highlighted."""
        row = self.matches.currentRow()
        self._limit += PAGE
        self.search(keep_limit=True)
        self.matches.setCurrentRow(max(row, 0))

    def _step_match(self, step: int) -> None:
        if self._timer.isActive():
            self.search()
        count = sum(1 for i in range(self.matches.count())
                    if self.matches.item(i).data(Qt.ItemDataRole.UserRole) is not None)
        if count:
            self.matches.setCurrentRow(min(max(self.matches.currentRow() + step, 0), count - 1))

    def _match_activated(self, item: QListWidgetItem) -> None:
        if item.data(Qt.ItemDataRole.UserRole + 1) == MORE:
            self.show_more()
        elif item.data(Qt.ItemDataRole.UserRole) is not None:
            self.choose_unit(item.data(Qt.ItemDataRole.UserRole))
            self.category.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_match_highlighted(self, row: int) -> None:
        """While typing, the highlighted match's recent orders show: a repeat report is seen at once."""
        item = self.matches.item(row) if row >= 0 else None
        unit = item.data(Qt.ItemDataRole.UserRole) if item else None
        if unit is not None:
            self._load_recent(unit.id)

    def _accept_first_match(self) -> None:
        """Enter in the look-up: take the highlighted match (the best one unless ↑↓ moved), then on to 类别."""
        if self._timer.isActive() or not self.matches.count():
            self.search()
        item = self.matches.currentItem()
        if item is not None and item.data(Qt.ItemDataRole.UserRole) is not None:
            self._match_activated(item)

    def choose_unit(self, unit) -> None:
        self.unit = unit
        # 部位 follows the unit unless the operator chose one: an owner's unit is 自用部位 (may be charged).
        if not self._location_chosen:
            self.location.setCurrentIndex(self.location.findData(Location.PRIVATE if unit else Location.PUBLIC))
        if unit is None:
            self.chosen.setText(self.tr("未选择房屋 (公共区域报事可不选)"))
            self._load_recent(None)
            self._show_recent([])
            return
        owners = unit.owners or self.tr("(无业主信息)")
        self.chosen.setText(self.tr("已选: %1  业主 %2").replace("%1", unit.label).replace("%2", owners))
        first_owner = unit.owners.split("、")[0] if unit.owners else ""
        if not self.contact_name.text().strip():
            self.contact_name.setText(first_owner)
        if not self.contact_phone.text().strip():
            self.contact_phone.setText(unit.phone)  # masked unless the user may see it: the service keeps it
        self._load_recent(unit.id)

    def _load_recent(self, unit_id: int | None) -> None:
        self.outage_notice.show_for_unit(unit_id)
        if unit_id is None:
            return
        try:
            rows = self.services.workorders.recent_for_unit(unit_id, limit=5)
        except ServiceError:
            rows = []
        self._show_recent(rows)

    def _show_recent(self, rows) -> None:
        self.recent.clear()
        for r in rows:
            first_line = r.description.splitlines()[0] if r.description else ""
            item = QListWidgetItem(f"{r.reported_at:%m-%d} {r.number} {wo_label(r.state)} {wo_label(r.category)} "
                                   f"{first_line[:24]}")
            item.setData(Qt.ItemDataRole.UserRole, r.number)
            self.recent.addItem(item)
        if not rows:
            self.recent.addItem(self.tr("(无近期工单)"))

    def _recent_activated(self, item: QListWidgetItem) -> None:
        number = item.data(Qt.ItemDataRole.UserRole)
        if number:
            self.open_order.emit(number)

    # ---- classification
    def _category_changed(self) -> None:
        team = CATEGORY_TEAMS.get(self.category.currentData(), "")
        self.team_label.setText(self.tr("→ %1").replace("%1", wo_label(team)))
        self.assignee.clear()
        self.assignee.addItem(self.tr("暂不派单"), None)
        if not self.services.ctx.can("workorder.manage"):
            self.assignee.setEnabled(False)
            return
        try:
            staff = self.services.staff.list_staff(team) if team else []
        except ServiceError:
            staff = []
        for member in staff:
            self.assignee.addItem(f"{member.name} · {member.position}" if member.position else member.name,
                                  member.id)

    def _kind_changed(self, *_args) -> None:
        """The desk-closure box only for 咨询/建议; when ticked, the answer replaces dispatching."""
        deskable = self.kind.currentData() in (Kind.INQUIRY, Kind.SUGGESTION)
        self.desk_close.setVisible(deskable)
        closing = deskable and self.desk_close.isChecked()
        for widget in (self.answer_label, self.answer, self.answer_visit):
            widget.setVisible(closing)
        self.assignee.setEnabled(not closing and self.services.ctx.can("workorder.manage"))

    def closing_at_desk(self) -> bool:
        return self.desk_close.isChecked() and self.kind.currentData() in (Kind.INQUIRY, Kind.SUGGESTION)

    # ---- saving
    def values(self) -> dict[str, Any]:
        if self.closing_at_desk():
            return {**self._report_values(), "assignee_id": None, "answer": self.answer.toPlainText(),
                    "visit": self.answer_visit.isChecked()}
        return self._report_values()

    def _report_values(self) -> dict[str, Any]:
        return {
            "kind": self.kind.currentData(), "source": self.source.currentData(),
            "category": self.category.currentData(), "location": self.location.currentData(),
            "priority": self.priority.currentData(), "unit_id": self.unit.id if self.unit else None,
            "place": self.place.text(), "description": self.description.toPlainText(),
            "contact_name": self.contact_name.text(), "contact_phone": self.contact_phone.text(),
            "assignee_id": self.assignee.currentData(),
        }

    def show_errors(self, errors: dict[str, str]) -> None:
        for label in self._errors.values():
            label.hide()
        rest = []
        for field, text in errors.items():
            label = self._errors.get(field)
            if label is None:
                rest.append(text)
            else:
                label.setText(ui_message(text))
                label.show()
        self.show_message("\n".join(rest) or (self.tr("请检查标红的项目") if errors else ""), error=bool(errors))

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(ui_message(text))
        self.message.setStyleSheet(ERROR_STYLE if error else "color: #1b5e20;")

    def save(self):
        """Register the report; returns the new WorkOrderDetail, or None when refused (message shown)."""
        self.show_errors({})
        try:
            detail = self.services.workorders.intake(self.values())
        except FieldError as exc:
            self.show_errors(exc.errors)
            return None
        except ServiceError as exc:
            self.show_message(str(exc), error=True)
            return None
        row = detail.row
        text = self.tr("已登记 %1").replace("%1", row.number)
        if row.state in ("archived", "completed"):
            text = self.tr("已登记并办结 %1").replace("%1", row.number)
        if row.assignee:
            text += self.tr(", 已派给 %1").replace("%1", row.assignee)
        if detail.repeat_of:
            text += self.tr(" (重复报修, 前单 %1)").replace("%1", detail.repeat_of)
        self.clear()
        self.show_message(text)
        self.registered.emit(detail)
        return detail

    def clear(self) -> None:
        self._location_chosen = False
        self.lookup.clear()
        self.matches.clear()
        self.choose_unit(None)
        for widget in (self.place, self.contact_name, self.contact_phone):
            widget.clear()
        self.description.clear()
        self.answer.clear()
        self.desk_close.setChecked(False)
        self.answer_visit.setChecked(False)
        self.priority.setCurrentIndex(self.priority.findData(Priority.NORMAL))
        self.assignee.setCurrentIndex(0)
        self.show_errors({})
        self.lookup.setFocus()
