"""The GUI's composition root: QApplication, font, translations, database, login, main window.

The usual start (an SQLite database at this revision with operators, ``app.startup.ready_for_login``) shows
the login window before SQLAlchemy, the models, the services and the main window are imported: the database
is opened by ``OpeningServices`` in a worker thread once the window is painted, while the user types
(issue 18; ``tests/ui/test_quick_login.py`` checks what is imported by then).
"""

from __future__ import annotations

import contextlib
import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QSettings, QThreadPool, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.errors import DatabaseError, ServiceError
from app.resources import FONT_FAMILY, font_path, resource_path

if TYPE_CHECKING:
    from app.services import Services
    from app.services.auth import AuthService

ORGANIZATION = "PropDesk"
APPLICATION = "PropDesk"
LANGUAGE_KEY = "ui/language"


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
    from app.startup import ready_for_login

    app = make_application()
    sys.excepthook = show_unexpected_error
    if smoke:
        QTimer.singleShot(int(smoke * 1000), lambda: end_smoke_test(app))
    ready = ready_for_login(database_url) if not demo and sign_in is None else None
    if ready is not None:  # the usual start: the login window first, the database opened behind it
        opening = OpeningServices(database_url)
        actor = login(opening, property_name=ready.property_title)
        if actor is None:
            opening.close()
            return 0
        return run_signed_in(app, opening.get(), actor)
    try:
        services = open_services(database_url)
    except DatabaseError as exc:
        QMessageBox.critical(None, app.translate("Application", "无法打开数据库"), str(exc))
        return 1

    if demo:
        from app.commands.demo import print_passwords
        from app.demo import fill_demo, is_empty

        if is_empty(services) and not services.auth.has_users():
            print(app.translate("Application", "正在填入演示数据…"), flush=True)
            print_passwords(fill_demo(services))

    actor = None
    if sign_in is not None:
        try:
            actor = services.auth.login(*sign_in)
        except ServiceError as exc:
            print(exc, file=sys.stderr)
    return run_signed_in(app, services, actor)


def open_services(database_url: str | None) -> Services:
    """Open (and migrate) the database; any failure is a ``DatabaseError`` saying why, never a traceback."""
    from app.db import open_database
    from app.services import Services

    try:
        return Services.open(open_database(database_url))
    except DatabaseError:
        raise
    except Exception as exc:  # a wrong URL, a missing driver, a locked file: say so
        raise DatabaseError(f"{type(exc).__name__}: {exc}") from exc


def run_signed_in(app: QApplication, services: Services, actor) -> int:
    """The main window for ``actor`` (or after the login/set-up wizard when None) until the program ends."""
    signed_in = SignedInWindow(services)
    if not signed_in.start(actor):
        return 0
    from ui.backup_actions import start_daily_backup

    # First start of the day: a copy in the data folder's backups/ (the last 30 kept), made in the
    # background after the login so a 1.2 GB file does not hold the login window up.
    backup = start_daily_backup(services.db, signed_in.show_status)
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


def login(services: Services | OpeningServices, parent=None, property_name: str | None = None):
    """First administrator (on an empty database), then the login dialog; None when the user gives up.

    With ``property_name`` the database is known to have users (``ready_for_login`` read it): the dialog
    asks nothing of ``services`` before the user signs in, and ``OpeningServices`` starts opening it then.
    """
    from ui.dialogs.login import FirstAdminDialog, LoginDialog

    if property_name is None:
        if not services.auth.has_users():
            first = FirstAdminDialog(services, parent)
            if first.exec() != QDialog.DialogCode.Accepted:
                return None
        property_name = services.property.property_name()
    dialog = LoginDialog(services, property_name, parent)
    if isinstance(services, OpeningServices):
        services.open_when_painted(dialog)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.actor


class OpeningServices(QObject):
    """The database being opened in a worker thread behind the login window (all the login dialog uses is
    ``auth``): SQLAlchemy, the models and the services are imported there, and a failure to open becomes a
    ``DatabaseError`` when the user signs in. ``get()`` waits for the services."""

    def __init__(self, database_url: str | None):
        super().__init__()
        self.database_url = database_url
        self._services: Services | None = None
        self._error: DatabaseError | None = None
        self._thread: threading.Thread | None = None

    def open_when_painted(self, window: QWidget) -> None:
        """Start once ``window`` has been painted, so the import does not hold its first paint up."""
        window.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.start)
        return False

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._open, name="propdesk-open-database", daemon=True)
            self._thread.start()

    def _open(self) -> None:
        try:
            self._services = open_services(self.database_url)
        except DatabaseError as exc:
            self._error = exc
            return
        with contextlib.suppress(Exception):  # (the GUI thread would meet the same error and report it)
            warm_up()

    def get(self) -> Services:
        self.start()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._services

    @property
    def auth(self) -> AuthService:
        return self.get().auth

    def close(self) -> None:
        """The user gave up at the login: let the opening finish and close the database."""
        if self._thread is not None:
            self._thread.join()
            if self._services is not None:
                self._services.db.dispose()


def warm_up() -> None:
    """While the user types: what signing in and the main window need first — SQLAlchemy's mapper set-up (done
    by the first query otherwise, ~0.3–0.7 s) and the modules of the window and its role tabs. Imports only: no
    widget is made off the GUI thread."""
    import importlib

    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    from ui.main_window import ROLE_TABS

    for _role, _title, module in ROLE_TABS:
        importlib.import_module(module)
