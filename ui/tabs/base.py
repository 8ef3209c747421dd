"""A role tab: a QTabWidget of pages, each built the first time it is shown.

A role module (``ui/tabs/service.py`` …) lists its pages::

    def pages(services) -> list[Page]:
        return [
            (QT_TRANSLATE_NOOP("Pages", "业主档案"), lambda: ArchivePage(services)),
        ]

Titles are Chinese source text in translation context ``"Pages"``. Factories run lazily (start-up stays
fast); a ``ServiceError`` from a factory (e.g. no permission) shows as a message in the page instead.

Role-aware: a page says which right opens it and which one it needs to change anything, with :func:`page`::

    page(QT_TRANSLATE_NOOP("Pages", "收费"), lambda: FeeCounterPage(services),
         view=("fees.collect", "fees.reports"), edit="fees.collect")

Without any ``view`` right the page is not shown (a tab left with no page is not shown either); without
the ``edit`` right it opens read-only: :func:`make_read_only` hides every button and toolbar action of the
page (so none ends in "无权…") except those marked :func:`read_safe` (刷新, 导出, 打印…) and stops in-place
editing of its tables. A page that knows better defines ``set_read_only(reason: str)`` and is called instead.
Plain ``(title, factory)`` tuples are pages everyone sees and may use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError

PAGE_CONTEXT = "Pages"
READ_SAFE = "read_safe"  # dynamic property: this button/action only reads, keep it on read-only pages


@dataclass(frozen=True)
class PageSpec:
    title: str
    factory: Callable[[], QWidget]
    view: tuple[str, ...] = ()  # any one of these rights opens the page; () = everyone
    edit: str | None = None  # without it the page is read-only; None = the page guards itself


Page = tuple[str, Callable[[], QWidget]] | PageSpec


def page(title: str, factory: Callable[[], QWidget], *, view: str | Iterable[str] = (),
         edit: str | None = None) -> PageSpec:
    return PageSpec(title, factory, (view,) if isinstance(view, str) else tuple(view), edit)


def _spec(entry: Page) -> PageSpec:
    return entry if isinstance(entry, PageSpec) else PageSpec(entry[0], entry[1])


def visible_pages(pages: Iterable[Page], can: Callable[[str], bool]) -> list[PageSpec]:
    """The pages an operator holding the rights ``can`` answers for may open."""
    specs = [_spec(p) for p in pages]
    return [p for p in specs if not p.view or any(can(code) for code in p.view)]


def read_safe(*targets: QWidget | QAction) -> None:
    """Mark buttons/actions that only read (刷新, 导出, 打印预览): read-only pages keep them."""
    for target in targets:
        target.setProperty(READ_SAFE, True)


def make_read_only(widget: QWidget, reason: str) -> None:
    """Hide every button and action of ``widget`` that is not :func:`read_safe`; tables stop editing in place.

    Hidden rather than disabled: pages re-enable their buttons as the selection moves, but never show them.
    """
    setter = getattr(widget, "set_read_only", None)
    if callable(setter):
        setter(reason)
        return
    for target in [*widget.findChildren(QPushButton), *widget.findChildren(QToolButton),
                   *widget.findChildren(QAction)]:
        if not target.property(READ_SAFE) and not _is_internal(target):
            target.setVisible(False)
            target.setEnabled(False)
            target.setToolTip(reason)
    for view in widget.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setProperty("read_only", True)


def _is_internal(target) -> bool:
    """Qt's own sub-buttons (a line edit's clear action, a toolbar's extension arrow, tab scroll arrows)."""
    if isinstance(target, QAction):
        return not target.text() or target.objectName().startswith("_q_")
    return target.objectName().startswith(("qt_", "_q_", "Scroll")) or isinstance(
        target.parent(), QTabBar | QLineEdit | QAbstractSpinBox | QComboBox)


class _Placeholder(QWidget):
    """Stands in for a page until it is first shown."""

    def __init__(self, factory: Callable[[], QWidget], read_only_reason: str = ""):
        super().__init__()
        self.factory = factory
        self.read_only_reason = read_only_reason
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)


class RoleTab(QTabWidget):
    """The sub-pages of one role; ``page(title)`` returns the built widget of a page (building it)."""

    def __init__(self, pages: list[Page], parent: QWidget | None = None, can: Callable[[str], bool] | None = None):
        """``can(code)``: the operator's rights (``services.ctx.can``); None shows every page editable."""
        super().__init__(parent)
        self.setDocumentMode(True)
        self._titles: list[str] = []
        allowed = can or (lambda _code: True)
        for spec in visible_pages(pages, allowed):
            self._titles.append(spec.title)
            reason = "" if spec.edit is None or allowed(spec.edit) else _missing(spec.edit)
            index = self.addTab(_Placeholder(spec.factory, reason), QCoreApplication.translate(PAGE_CONTEXT, spec.title))
            self.setTabToolTip(index, reason)
        self.currentChanged.connect(self._build)
        if pages:
            self._build(0)

    def current_page(self) -> QWidget | None:
        """The built page on show (None while it is a placeholder that failed to build)."""
        return self._build(self.currentIndex()) if self.count() else None

    def titles(self) -> list[str]:
        return [self.tabText(i) for i in range(self.count())]

    def page(self, title: str) -> QWidget:
        """The built page with this (source or translated) title."""
        for i in range(self.count()):
            if title in (self._titles[i], self.tabText(i)):
                return self._build(i)
        raise KeyError(title)

    def _build(self, i: int) -> QWidget:
        holder = self.widget(i)
        if not isinstance(holder, _Placeholder):
            return holder
        if holder.layout().count():
            return holder.layout().itemAt(0).widget()
        try:
            widget = holder.factory()
        except ServiceError as exc:
            widget = QLabel(str(exc))
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            widget.setObjectName("page_error")
        else:
            if holder.read_only_reason:
                make_read_only(widget, holder.read_only_reason)
        holder.layout().addWidget(widget)
        return widget


def _missing(permission: str) -> str:
    from ui.widgets.permission_guard import missing_text

    return QCoreApplication.translate("Pages", "只读: %1").replace("%1", missing_text(permission))
