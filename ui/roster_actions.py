"""文件 → 导入花名册… / 导出花名册… / 下载导入模板…: menu and toolbar actions over ``RosterService``.

In the main window or the 客服 archive page::

    from ui.roster_actions import RosterActions
    self.roster_actions = RosterActions(self, services)
    file_menu.addActions(self.roster_actions.actions())
    self.roster_actions.imported.connect(self.unit_model.reload)       # refresh the archive list
    # export of the list on screen (a filtered owner list): pass the unit ids it shows
    self.roster_actions.export_roster(unit_ids=[row.id for row in rows])
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import ServiceError
from ui.dialogs.roster_import import RosterImportDialog
from ui.jobs import run_with_progress_dialog
from ui.widgets.permission_guard import guard


class RosterActions(QObject):
    imported = Signal(object)  # RosterResult
    exported = Signal(str)  # the file written

    def __init__(self, window: QWidget, services):
        super().__init__(window)
        self.window = window
        self.services = services
        self.dialog: RosterImportDialog | None = None
        self.import_action = QAction(self.tr("导入花名册…"), self)
        self.import_action.triggered.connect(lambda _=False: self.import_roster())
        self.export_action = QAction(self.tr("导出花名册…"), self)
        self.export_action.triggered.connect(lambda _=False: self.export_roster())
        self.template_action = QAction(self.tr("下载导入模板…"), self)
        self.template_action.triggered.connect(lambda _=False: self.download_template())
        guard(services, "roster.import", self.import_action, self.template_action)
        guard(services, "roster.export", self.export_action)

    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.template_action]

    def import_roster(self, path: str | None = None) -> RosterImportDialog:
        """Open the import dialog (non-blocking); with ``path`` it starts reading that file at once."""
        self.dialog = RosterImportDialog(self.services, self.window)
        self.dialog.imported.connect(self.imported.emit)
        self.dialog.open()
        if path:
            self.dialog.load(path)
        else:
            self.dialog.choose_file()
        return self.dialog

    def _save_path(self, title: str, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.window, title, suggested, self.tr("Excel 工作簿 (*.xlsx)"))
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def export_roster(self, path: str | None = None,
                      unit_ids: list[int] | Callable[[], list[int]] | None = None) -> None:
        """The whole roster, or the units of a filtered list; phone/ID masked without 查看完整 rights.

        ``unit_ids`` may be a callable (e.g. the ids of the list on screen, fetched from the service): it
        runs in the background job, not on the GUI thread.
        """
        title = self.tr("导出花名册")
        if path is None:
            name = f"业主花名册_{date.today():%Y%m%d}.xlsx"
            path = self._save_path(title, str(Path.home() / name))
        if not path:
            return
        roster = self.services.roster_export

        def done(count: int) -> None:
            self.exported.emit(path)
            QMessageBox.information(self.window, title, self.tr("已导出 %1 行到\n%2").replace("%1", str(count))
                                    .replace("%2", path))

        def work(progress):
            ids = unit_ids() if callable(unit_ids) else unit_ids
            return roster.export(path, ids, progress=progress)

        run_with_progress_dialog(self.window, title, work, on_result=done)

    def download_template(self, path: str | None = None) -> None:
        title = self.tr("下载导入模板")
        if path is None:
            path = self._save_path(title, str(Path.home() / "业主花名册导入模板.xlsx"))
        if not path:
            return
        try:
            self.services.roster_export.template(path)
        except ServiceError as exc:
            QMessageBox.warning(self.window, title, str(exc))
            return
        QMessageBox.information(self.window, title, self.tr("模板已保存到\n%1").replace("%1", path))


def add_to_archive_page(page) -> RosterActions:
    """Put 导入花名册 / 导出花名册 / 导出当前列表 / 下载导入模板 on the 业主档案 page's toolbar.

    ``page`` is ``ui.pages.archive.ArchivePage`` (its ``register`` list and ``refresh()``); the list
    reloads after an import. 导出当前列表 exports the units the search and filters currently show.
    """
    from ui.pages.archive import unit_filter

    actions = RosterActions(page, page.services)
    archive = page.services.archive
    toolbar = page.register.toolbar
    toolbar.addSeparator()
    toolbar.addActions([actions.import_action, actions.export_action])
    list_action = QAction(QCoreApplication.translate("RosterActions", "导出当前列表…"), actions)

    def current_ids() -> list[int]:
        flt = unit_filter(filters)
        return [row.id for row in archive.list_units(flt, 0, max(archive.count_units(flt), 1))]

    def export_list() -> None:
        nonlocal filters
        filters = page.register.filters()  # read on the GUI thread; the ids are fetched in the job
        actions.export_roster(unit_ids=current_ids)

    filters: dict = {}
    list_action.triggered.connect(lambda _=False: export_list())
    guard(page.services, "roster.export", list_action)
    toolbar.addAction(list_action)
    toolbar.addAction(actions.template_action)
    toolbar.setVisible(True)
    actions.list_action = list_action
    actions.imported.connect(lambda _result: page.refresh())
    return actions
