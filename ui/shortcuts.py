"""The window's keyboard shortcuts in one list: 帮助 → 快捷键 shows it, and a button or action that has
one says so in its tooltip (``bind``). Add a shortcut here first, then bind it where it acts."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

CONTEXT = "Shortcuts"

# The keys, and what they do (Chinese source, translated in context "Shortcuts").
FIND = "Ctrl+F"
NEW_INTAKE = "Ctrl+N"
SAVE = "Ctrl+S"
PAY = "Ctrl+Return"
PRINT = "Ctrl+P"
PRINT_DIALOG = "Ctrl+Shift+P"
REFRESH = "F5"
BUILDING = "Ctrl+B"
MORE = "Ctrl+M"

SHORTCUTS: list[tuple[str, str]] = [
    (FIND, QT_TRANSLATE_NOOP("Shortcuts", "光标到本页的搜索框")),
    ("↓", QT_TRANSLATE_NOOP("Shortcuts", "从搜索框进入下面的列表 (上下键选行, 回车打开)")),
    ("Ctrl+1 … Ctrl+9", QT_TRANSLATE_NOOP("Shortcuts", "转到当前标签的第 1…9 页 (如 客服: 工单、业主档案、收费、催缴)")),
    ("Alt+1 … Alt+5", QT_TRANSLATE_NOOP("Shortcuts", "转到 经理 / 客服 / 工程 / 秩序 / 环境 标签")),
    (NEW_INTAKE, QT_TRANSLATE_NOOP("Shortcuts", "工单: 新登记, 光标到查找房屋/业主")),
    (SAVE, QT_TRANSLATE_NOOP("Shortcuts", "工单: 登记; 表单: 保存")),
    (MORE, QT_TRANSLATE_NOOP("Shortcuts", "工单: 显示更多匹配的房屋")),
    (PAY, QT_TRANSLATE_NOOP("Shortcuts", "收费: 收款并打印收据")),
    (BUILDING, QT_TRANSLATE_NOOP("Shortcuts", "催缴: 光标到楼栋选择")),
    (PRINT, QT_TRANSLATE_NOOP("Shortcuts", "预览中: 用默认打印机打印 (没有默认打印机时先选打印机); 催缴: 所选楼栋的通知单")),
    (PRINT_DIALOG, QT_TRANSLATE_NOOP("Shortcuts", "预览中: 选择打印机、份数、页码后打印")),
    (REFRESH, QT_TRANSLATE_NOOP("Shortcuts", "刷新列表")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("Shortcuts", "下一项 / 上一项 (列表也可以用 Tab 离开)")),
    ("Esc", QT_TRANSLATE_NOOP("Shortcuts", "关闭对话框或预览, 不保存")),
]


def key_text(key: str) -> str:
    """The key as this platform writes it (Ctrl+Return → Ctrl+Return / ⌘↩)."""
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) or key


def bind(target: QAbstractButton | QAction, key: str, tip: str = "") -> None:
    """Give a button or action its shortcut, and name the key in its tooltip."""
    target.setShortcut(QKeySequence(key))
    text = tip or target.toolTip() or target.text().replace("&", "")
    target.setToolTip(f"{text} ({key_text(key)})")


def shortcut(key: str | QKeySequence | Qt.Key, parent: QWidget, slot,
             context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut) -> QShortcut:
    """A QShortcut with its context really set (PySide6's ``QShortcut(key, parent, slot, context=…)``
    silently ignores the context and makes every such shortcut window-wide)."""
    result = QShortcut(QKeySequence(key), parent)
    result.setContext(context)
    result.activated.connect(slot)
    return result


class ShortcutsDialog(QDialog):
    """帮助 → 快捷键: the list above, two columns."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        self.table = QTableWidget(len(SHORTCUTS), 2, self)
        self.table.setObjectName("shortcuts")
        self.table.setHorizontalHeaderLabels([self.tr("按键"), self.tr("作用")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        for row, (key, text) in enumerate(SHORTCUTS):
            self.table.setItem(row, 0, QTableWidgetItem(key_text(key) if key[0].isalpha() and "…" not in key
                                                        and "/" not in key else key))
            self.table.setItem(row, 1, QTableWidgetItem(QCoreApplication.translate(CONTEXT, text)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        width = sum(self.table.columnWidth(c) for c in range(2)) + 60
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.resize(min(max(width, 520), 900), min(rows + self.table.horizontalHeader().height() + 80, 640))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
