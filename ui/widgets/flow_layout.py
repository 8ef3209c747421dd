"""A layout that puts its widgets in a row and wraps to the next line when the row gets too narrow.

Filter bars and button rows use it so a page never forces the window wider than the screen (English
labels are much longer than Chinese ones). It keeps the ``QHBoxLayout`` calls those rows use:
``addWidget``, ``insertWidget``, ``addStretch`` and ``indexOf``. A stretch takes the space left over on its
line, so whatever follows it (a row count, say) sits at the right edge::

    bar = FlowLayout()
    bar.addWidget(search)
    bar.addWidget(labelled(caption, combo))
    bar.addStretch()
    bar.addWidget(count_label)
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QSpacerItem,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    # ---- the QHBoxLayout calls
    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 — Qt override
        self._items.append(item)

    def addWidget(self, widget: QWidget, stretch: int = 0, alignment=None) -> None:  # noqa: N802, ARG002
        self.insertWidget(-1, widget)

    def insertWidget(self, index: int, widget: QWidget, stretch: int = 0, alignment=None) -> None:  # noqa: N802, ARG002
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        if index < 0 or index > len(self._items):
            self._items.append(item)
        else:
            self._items.insert(index, item)
        self.invalidate()

    def addStretch(self, stretch: int = 1) -> None:  # noqa: N802, ARG002
        self._items.append(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))
        self.invalidate()

    def addSpacing(self, size: int) -> None:  # noqa: N802
        self._items.append(QSpacerItem(size, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum))
        self.invalidate()

    # ---- QLayout
    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        """All on one line."""
        width = height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + self._spacing
            height = max(height, hint.height())
        m = self.contentsMargins()
        return QSize(max(width - self._spacing, 0) + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        """As wide as the widest item: everything else wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    # ---- placing
    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not (item.widget() and item.widget().isHidden())]

    def _do_layout(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._visible():
            width = 0 if item.spacerItem() and item.expandingDirections() else item.sizeHint().width()
            width = min(width, area.width()) if item.widget() else width
            if lines[-1] and used + self._spacing + width > area.width():
                lines.append([])
                used = 0
            used += (self._spacing if lines[-1] else 0) + width
            lines[-1].append((item, width))
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(item.sizeHint().height() for item, _w in line)
            taken = sum(w for _i, w in line) + self._spacing * (len(line) - 1)
            stretches = [item for item, _w in line if item.spacerItem() and item.expandingDirections()]
            extra = max(area.width() - taken, 0) // len(stretches) if stretches else 0
            x = area.x()
            for item, width in line:
                if item in stretches:
                    width = extra
                if apply:
                    item_height = min(height, item.sizeHint().height()) if item.widget() else height
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item_height)))
                x += width + self._spacing
            y += height + self._spacing
        return y - self._spacing - rect.y() + m.bottom()


def labelled(caption: QWidget, field: QWidget, parent: QWidget | None = None) -> QWidget:
    """A caption and its field as one piece, so a flow layout never wraps between them."""
    box = QWidget(parent)
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    row.addWidget(caption)
    row.addWidget(field)
    return box
