"""The GUI's composition root: QApplication, font, translations, database, login, main window."""

from __future__ import annotations

import contextlib
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QThreadPool, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.errors import DatabaseError, ServiceError
from app.resources import FONT_FAMILY, font_path, resource_path
from app.services import Services
from ui.main_window import LANGUAGE_KEY

ORGANIZATION = "PropDesk"
APPLICATION = "PropDesk"


def settings() -> QSettings:
    """The user's GUI settings (language, window state), in the platform's usual place."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def install_font(app: QApplication) -> str:
    """Register the bundled CJK font and make it the application font, so Chinese renders anywhere."""
    family = FONT_FAMILY
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    if font_id >= 0:
        families = QFontDatabase.applicationFontFamilies(font_id)
        if families:
            family = families[0]
    font = QFont(family)
    font.setPointSize(max(app.font().pointSize(), 10))
    app.setFont(font)
    return family


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """English loads ``resources/i18n/propdesk_en.qm`` (and Qt's own strings); Chinese is the source."""
    translators: list[QTranslator] = []
    if language == "zh_CN":
        qt_zh = QTranslator(app)
        if qt_zh.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                      QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_zh)
            translators.append(qt_zh)
        return translators
    ours = QTranslator(app)
    if ours.load(str(resource_path(f"i18n/propdesk_{language}.qm"))):
        app.installTranslator(ours)
        translators.append(ours)
    return translators


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("PropDesk")
    install_font(app)
    language = str(settings().value(LANGUAGE_KEY, "zh_CN"))
    app._translators = install_translations(app, language)  # keep them alive
    return app


def run_gui(database_url: str | None, demo: bool = False, sign_in: tuple[str, str] | None = None,
            smoke: float | None = None) -> int:
    """Open the database, log in and show the main window; the exit code of the event loop.

    ``sign_in`` (user, password) skips the login dialog when right; ``smoke`` quits after that many seconds.
    """
    from app.db import open_database

    app = make_application()
    sys.excepthook = show_unexpected_error
    try:
        db = open_database(database_url)
    except DatabaseError as exc:
        QMessageBox.critical(None, app.translate("Application", "无法打开数据库"), str(exc))
        return 1
    except Exception as exc:  # a wrong URL, a missing driver, a locked file: say so, never a traceback
        QMessageBox.critical(None, app.translate("Application", "无法打开数据库"),
                             f"{type(exc).__name__}: {exc}")
        return 1
    services = Services.open(db)

    if demo:
        from app.commands.demo import print_passwords
        from app.demo import fill_demo, is_empty

        if is_empty(services) and not services.auth.has_users():
            print(app.translate("Application", "正在填入演示数据…"), flush=True)
            print_passwords(fill_demo(services))

    if smoke:
        QTimer.singleShot(int(smoke * 1000), lambda: end_smoke_test(app))
    actor = None
    if sign_in is not None:
        try:
            actor = services.auth.login(*sign_in)
        except ServiceError as exc:
            print(exc, file=sys.stderr)
    signed_in = SignedInWindow(services)
    if not signed_in.start(actor):
        return 0
    from ui.backup_actions import start_daily_backup

    # First start of the day: a copy in the data folder's backups/ (the last 30 kept), made in the
    # background after the login so a 1.2 GB file does not hold the login window up.
    backup = start_daily_backup(db, signed_in.show_status)
    code = app.exec()
    backup.cancel()  # closing mid-copy leaves no half file (the next start makes today's copy)
    QThreadPool.globalInstance().waitForDone(30_000)
    signed_in.end()
    return code


class SignedInWindow:
    """Who is signed in to the window: login → main window; 注销 (or a disabled account) → login again."""

    def __init__(self, services: Services, settings_: QSettings | None = None):
        self.services = services
        self.settings = settings_ if settings_ is not None else settings()
        self.window = None

    def start(self, actor=None) -> bool:
        """Sign in (unless ``actor`` is given) and open the window; False when the user gives up.

        A database with no users yet is a new office: the set-up wizard runs first and signs its
        administrator in (and opens the roster import when they chose it instead of a pattern).
        """
        from ui.main_window import MainWindow

        roster = False
        if actor is None and not self.services.auth.has_users():
            from ui.dialogs.setup_wizard import SetupWizard

            wizard = SetupWizard(self.services)
            if wizard.exec() != QDialog.DialogCode.Accepted:
                return False
            actor, roster = wizard.actor, wizard.roster_instead
        actor = actor or login(self.services)
        if actor is None:
            return False
        self.window = MainWindow(self.services.as_actor(actor), self.settings)
        self.window.switch_user_requested.connect(self.switch_user)
        self.window.show()
        from ui.pages.order.duty import show_pending_handovers  # 秩序: handovers waiting for this shift

        show_pending_handovers(self.window.services, self.window)
        if roster:
            self.window.roster_actions.import_roster()
        return True

    def show_status(self, text: str, timeout_ms: int = 0) -> None:
        """A message in the signed-in window's status bar (0: until the next message)."""
        if self.window is not None:
            self.window.statusBar().showMessage(text, timeout_ms)

    def end(self) -> None:
        if self.window is not None:
            with contextlib.suppress(Exception):  # closing must never fail on a lost connection
                self.window.services.auth.logout()  # the audit log records when the operator left

    def switch_user(self, reason: str = "") -> None:
        """Close this operator's window and ask who comes next, without quitting the program."""
        app = QApplication.instance()
        old = self.window
        app.setQuitOnLastWindowClosed(False)
        try:
            self.end()
            old.hide()
            if reason:
                QMessageBox.warning(None, app.translate("Application", "已退出登录"), reason)
            if not self.start():
                self.window = None
                app.quit()
            old.deleteLater()
        finally:
            app.setQuitOnLastWindowClosed(True)


def end_smoke_test(app: QApplication) -> None:
    """``gui --smoke``: name the windows that are up, close any dialog, quit."""
    shown = [f"{w.objectName() or type(w).__name__} ({w.windowTitle()})" for w in app.topLevelWidgets()
             if w.isVisible() and w.windowTitle()]
    print("SMOKE windows: " + " | ".join(shown), flush=True)
    modal = app.activeModalWidget()
    if modal is not None:
        modal.close()
    for widget in app.topLevelWidgets():
        widget.hide()  # (not close(): closing the last window would quit again after this loop)
    app.exit(0 if shown else 1)


def show_unexpected_error(exc_type, exc, tb) -> None:
    """A slot that raised: log the traceback, tell the user in one sentence, keep the window running."""
    from app.crashlog import user_message, write_crash_log

    message = user_message(exc, write_crash_log(exc_type, exc, tb))
    print(message, file=sys.stderr)
    if QApplication.instance() is not None:
        QMessageBox.critical(None, QApplication.translate("Application", "内部错误"), message)


def login(services: Services, parent=None):
    """First administrator (on an empty database), then the login dialog; None when the user gives up."""
    from ui.dialogs.login import FirstAdminDialog, LoginDialog

    if not services.auth.has_users():
        first = FirstAdminDialog(services, parent)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
    dialog = LoginDialog(services, services.property.property_name(), parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor
