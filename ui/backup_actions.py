"""文件 → 备份… / 恢复…: menu actions over ``BackupService`` (``backup.manage``).

In the main window::

    from ui.backup_actions import BackupActions
    self.backup_actions = BackupActions(self, services)
    file_menu.addActions(self.backup_actions.actions())
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.errors import ServiceError
from app.services.backup import default_backup_name, take_daily_backup
from ui.jobs import Job
from ui.widgets.permission_guard import guard


def start_daily_backup(db, report: Callable[[str, int], None]) -> Job:
    """Today's first automatic backup (``take_daily_backup``) on a worker thread, started after the login.

    ``report(text, timeout_ms)`` puts the outcome in the status bar: the file made, or the reason it failed
    (also logged; never a traceback). ``cancel()`` on the returned job stops it between two steps and
    leaves no file; nothing is reported when today's backup exists already.
    """
    job = Job(lambda progress: take_daily_backup(db, progress=progress))

    def done(path: Path | None) -> None:
        if path is not None:
            report(QCoreApplication.translate("BackupActions", "今日自动备份已完成: %1").replace("%1", path.name),
                   15_000)

    job.signals.finished.connect(done)
    job.signals.failed.connect(lambda message: report(message, 0))
    return job.start()


class BackupActions(QObject):
    restored = Signal(str)  # the safety copy; the window should close (data and users may differ now)

    def __init__(self, window: QWidget, services):
        super().__init__(window)
        self.window = window
        self.services = services
        self.backup_action = QAction(self.tr("备份…"), self)
        self.backup_action.triggered.connect(lambda _=False: self.backup())
        self.restore_action = QAction(self.tr("恢复…"), self)
        self.restore_action.triggered.connect(lambda _=False: self.restore())
        guard(services, "backup.manage", self.backup_action, self.restore_action)
        if not services.db.is_sqlite:
            self.restore_action.setEnabled(False)
            self.restore_action.setToolTip(self.tr("PostgreSQL 数据库请在服务器上用 pg_restore 恢复"))

    def actions(self) -> list[QAction]:
        return [self.backup_action, self.restore_action]

    def backup(self, path: str | None = None) -> Path | None:
        if path is None:
            suggested = str(self.services.backup.folder() / default_backup_name(self.services.db))
            path, _ = QFileDialog.getSaveFileName(self.window, self.tr("备份数据库"), suggested,
                                                  self.tr("PropDesk 备份 (*.db *.dump)"))
        if not path:
            return None
        try:
            written = self.services.backup.create(path)
        except (ServiceError, OSError) as exc:
            QMessageBox.warning(self.window, self.tr("备份数据库"), str(exc))
            return None
        QMessageBox.information(self.window, self.tr("备份数据库"), self.tr("已备份到 %1").replace("%1", str(written)))
        return written

    def restore(self, path: str | None = None) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("从备份恢复"), str(self.services.backup.folder()),
                                                  self.tr("PropDesk 备份 (*.db)"))
        if not path:
            return None
        try:
            revision = self.services.backup.check(path)
        except ServiceError as exc:
            QMessageBox.warning(self.window, self.tr("从备份恢复"), str(exc))
            return None
        answer = QMessageBox.question(
            self.window, self.tr("从备份恢复"),
            self.tr("用 %1 (数据库版本 %2) 替换当前的全部数据?\n当前数据库会先自动另存一份。")
            .replace("%1", Path(path).name).replace("%2", revision),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            safety = self.services.backup.restore(path)
        except (ServiceError, OSError) as exc:
            QMessageBox.warning(self.window, self.tr("从备份恢复"), str(exc))
            return None
        QMessageBox.information(
            self.window, self.tr("从备份恢复"),
            self.tr("已恢复。恢复前的数据已保存为 %1。\n程序将关闭, 请重新启动并登录。").replace("%1", str(safety)))
        self.restored.emit(str(safety))
        return safety
