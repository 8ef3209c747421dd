"""The roster import preview grid: one line per data row with its status; rows in error in red."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from app.services.roster import CREATE, ERROR, PREVIEW_KEYS, UNCHANGED, UPDATE, PreviewRow
from ui.models.windowed import RIGHT, Column, ListTableModel, RowStyle

STATUS_TEXT = {
    CREATE: QT_TRANSLATE_NOOP("RosterPreview", "新增"),
    UPDATE: QT_TRANSLATE_NOOP("RosterPreview", "更新"),
    UNCHANGED: QT_TRANSLATE_NOOP("RosterPreview", "无变化"),
    ERROR: QT_TRANSLATE_NOOP("RosterPreview", "有错误"),
}
HEADERS = {
    "building": QT_TRANSLATE_NOOP("Column", "楼栋"),
    "unit": QT_TRANSLATE_NOOP("Column", "单元"),
    "room": QT_TRANSLATE_NOOP("Column", "房号"),
    "area": QT_TRANSLATE_NOOP("Column", "建筑面积(㎡)"),
    "name": QT_TRANSLATE_NOOP("Column", "业主姓名"),
    "relation": QT_TRANSLATE_NOOP("Column", "身份"),
    "phone": QT_TRANSLATE_NOOP("Column", "联系电话"),
    "id_number": QT_TRANSLATE_NOOP("Column", "身份证号码"),
    "move_in": QT_TRANSLATE_NOOP("Column", "入住日期"),
    "space": QT_TRANSLATE_NOOP("Column", "车位号"),
    "plate": QT_TRANSLATE_NOOP("Column", "车牌号"),
    "notes": QT_TRANSLATE_NOOP("Column", "备注"),
}
STYLES = {
    ERROR: RowStyle(background=QColor("#fde2e1"), foreground=QColor("#9c1c1c")),
    CREATE: RowStyle(background=QColor("#e6f4ea")),
    UPDATE: RowStyle(background=QColor("#fff4d6")),
}


def status_text(status: str) -> str:
    return QCoreApplication.translate("RosterPreview", STATUS_TEXT[status])


def _value_getter(index: int):
    return lambda row: row.values[index]


COLUMNS = [
    Column("row", QT_TRANSLATE_NOOP("Column", "Excel行"), "row", align=RIGHT),
    Column("status", QT_TRANSLATE_NOOP("Column", "结果"), "status", formatter=status_text),
    # the problems next to the status, so they are seen without scrolling ("第15行" is the first column)
    Column("messages", QT_TRANSLATE_NOOP("Column", "问题"), lambda row: "; ".join(
        m.split(" ", 1)[1] if m.startswith("第") else m for m in row.messages)),
    *(Column(key, HEADERS[key], _value_getter(i)) for i, key in enumerate(PREVIEW_KEYS)),
]
COL_ROW, COL_STATUS, COL_MESSAGES = 0, 1, 2


def row_style(row: PreviewRow) -> RowStyle | None:
    return STYLES.get(row.status)


class RosterPreviewModel(ListTableModel):
    """Preview rows in memory (the preview holds them anyway); ``show(status)`` filters in Python."""

    def __init__(self, parent=None):
        super().__init__(COLUMNS, row_style=row_style, parent=parent)
        self._all: tuple[PreviewRow, ...] = ()
        self._statuses: frozenset[str] | None = None

    def set_preview_rows(self, rows: tuple[PreviewRow, ...]) -> None:
        self._all = rows
        self._apply()

    def show(self, statuses: frozenset[str] | None) -> None:
        """Only rows with these statuses (None: all)."""
        self._statuses = statuses
        self._apply()

    def _apply(self) -> None:
        rows = self._all if self._statuses is None else [r for r in self._all if r.status in self._statuses]
        self.set_rows(rows)
