"""A role tab: a QTabWidget of pages, each built the first time it is shown.

A role module (``ui/tabs/service.py`` …) lists its pages::

    def pages(services) -> list[Page]:
        return [
            (QT_TRANSLATE_NOOP("Pages", "业主档案"), lambda: ArchivePage(services)),
        ]

Titles are Chinese source text in translation context ``"Pages"``. Factories run lazily (start-up stays
fast); a ``ServiceError`` from a factory (e.g. no permission) shows as a message in the page instead.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.errors import ServiceError

Page = tuple[str, Callable[[], QWidget]]
PAGE_CONTEXT = "Pages"


class _Placeholder(QWidget):
    """Stands in for a page until it is first shown."""

    def __init__(self, factory: Callable[[], QWidget]):
        super().__init__()
        self.factory = factory
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)


class RoleTab(QTabWidget):
    """The sub-pages of one role; ``page(title)`` returns the built widget of a page (building it)."""

    def __init__(self, pages: list[Page], parent: QWidget | None = None):
        super().__init__(parent)
        self.setDocumentMode(True)
        self._titles: list[str] = []
        for title, factory in pages:
            self._titles.append(title)
            self.addTab(_Placeholder(factory), QCoreApplication.translate(PAGE_CONTEXT, title))
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
        holder.layout().addWidget(widget)
        return widget
