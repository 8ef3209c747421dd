"""The main window: menus, a status bar with operator and data location, and one tab per role.

Role tabs come from ``ROLE_TABS``; each module in ``ui/tabs/`` lists its pages (see ``ui/tabs/base.py``).
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from app import __version__ as APP_VERSION  # noqa: N812
from app.services import Services
from ui.application import LANGUAGE_KEY
from ui.labels import role_label
from ui.tabs.base import RoleTab

# (role code, tab title, module): the order of the tabs.
ROLE_TABS: list[tuple[str, str, str]] = [
    ("manager", QT_TRANSLATE_NOOP("MainWindow", "经理"), "ui.tabs.manager"),
    ("service", QT_TRANSLATE_NOOP("MainWindow", "客服"), "ui.tabs.service"),
    ("engineering", QT_TRANSLATE_NOOP("MainWindow", "工程"), "ui.tabs.engineering"),
    ("security", QT_TRANSLATE_NOOP("MainWindow", "秩序"), "ui.tabs.security"),
    ("environment", QT_TRANSLATE_NOOP("MainWindow", "环境"), "ui.tabs.environment"),
]

GEOMETRY_KEY = "ui/window_geometry"
DEFAULT_SIZE = (1280, 800)
FRAME_ALLOWANCE = (16, 48)  # title bar and borders, before the window manager has told us the real ones
LANGUAGES = [("zh_CN", "中文"), ("en", "English")]  # shown in their own language, never translated


class MainWindow(QMainWindow):
    """Built by the composition root with services already bound to the logged-in operator."""

    language_changed = Signal(str)  # the language code saved in the settings
    switch_user_requested = Signal(str)  # 注销, or the account was disabled (the reason); the composition root
    # shows the login again and opens a new window for whoever signs in

    SESSION_CHECK_MS = 15_000  # how often the account and its rights are re-read (revocation within a minute)

    def __init__(self, services: Services, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.settings = settings if settings is not None else QSettings()
        self.setObjectName("MainWindow")
        self.property_name = services.property.property_name()
        # Qt adds the application name ("— PropDesk") itself: the title says the property and the product.
        self.setWindowTitle(self.tr("%1 — 物业前台").replace("%1", self.property_name)
                            if self.property_name else self.tr("物业前台"))
        self.restore_geometry()

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("role_tabs")
        self.role_tabs: dict[str, RoleTab] = {}
        self.setCentralWidget(self.tabs)
        self.build_tabs()
        self.tabs.currentChanged.connect(lambda _i: self.focus_page())

        self._build_menus()
        self._build_status_bar()
        from ui.widgets.idle_lock import IdleLock  # locks after idle minutes, asks the password again
        self.idle_lock = IdleLock(self, services)
        from ui.widgets.change_poller import ChangePoller, reload_visible_registers  # another PC saved
        self.change_poller = ChangePoller(services, parent=self)
        self.change_poller.changed.connect(lambda _n: reload_visible_registers(self.tabs.currentWidget()))
        self._permissions = services.ctx.actor.permissions
        self.session_timer = QTimer(self)
        self.session_timer.setInterval(self.SESSION_CHECK_MS)
        self.session_timer.timeout.connect(self.check_session)
        self.session_timer.start()

    # ---- construction
    def build_tabs(self) -> None:
        """One tab per role holding the pages this operator may open (a tab with none is left out)."""
        current = self.tabs.currentWidget()
        keep = next((role for role, tab in self.role_tabs.items() if tab is current), None)
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self.role_tabs = {}
        can = self.services.ctx.can
        for role, title, module in ROLE_TABS:
            tab = RoleTab(importlib.import_module(module).pages(self.services), self.tabs, can=can)
            if not tab.count():
                tab.deleteLater()
                continue
            tab.setObjectName(f"tab_{role}")
            tab.currentChanged.connect(lambda _i: self.focus_page())
            self.role_tabs[role] = tab
            self.tabs.addTab(tab, QCoreApplication.translate("MainWindow", title))
        wanted = keep or self.services.ctx.actor.role
        if wanted in self.role_tabs:
            self.tabs.setCurrentWidget(self.role_tabs[wanted])

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        from ui.backup_actions import BackupActions  # 备份… / 恢复… (backup.manage)
        self.backup_actions = BackupActions(self, self.services)
        self.backup_actions.restored.connect(lambda _safety: self.close())
        file_menu.addActions(self.backup_actions.actions())
        file_menu.addSeparator()
        from ui.roster_actions import RosterActions  # 导入花名册… / 导出花名册… / 下载导入模板…
        self.roster_actions = RosterActions(self, self.services)
        file_menu.addActions(self.roster_actions.actions())
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("退出(&X)"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        view_menu = bar.addMenu(self.tr("视图(&V)"))
        language_menu = view_menu.addMenu(self.tr("语言"))
        self.language_group = QActionGroup(self)
        current = self.settings.value(LANGUAGE_KEY, "zh_CN")
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES:
            action = QAction(name, self, checkable=True)
            action.setChecked(code == current)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action

        account_menu = bar.addMenu(self.tr("账户(&U)"))
        self.password_action = account_menu.addAction(self.tr("修改密码…"), self.change_password)
        self.switch_action = account_menu.addAction(self.tr("注销 (切换用户)"),
                                                    lambda: self.switch_user_requested.emit(""))

        self._build_go_shortcuts()
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        keys = QAction(self.tr("快捷键(&K)"), self)
        keys.setObjectName("show_shortcuts")
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        about = QAction(self.tr("关于(&A)"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)
        self.menus = {"file": file_menu, "view": view_menu, "account": account_menu, "help": help_menu}

    def _build_status_bar(self) -> None:
        actor = self.services.ctx.actor
        self.operator_label = QLabel(
            self.tr("操作员: %1 (%2)").replace("%1", actor.display_name).replace("%2", role_label(actor.role))
        )
        self.data_label = QLabel(self.tr("数据: %1").replace("%1", self.services.db.display_url))
        self.data_label.setToolTip(self.data_label.text())
        self.statusBar().addWidget(self.operator_label)
        self.statusBar().addPermanentWidget(self.data_label)

    # ---- the session
    def check_session(self) -> None:
        """Re-read the operator's account: disabled → back to the login; rights changed → tabs rebuilt."""
        from app.services.context import AccountRevoked

        try:
            actor = self.services.ctx.refresh_actor()
        except AccountRevoked as exc:
            self.session_timer.stop()
            self.switch_user_requested.emit(str(exc))
            return
        except Exception:  # a lost connection: try again at the next tick
            return
        if actor.permissions != self._permissions:
            self._permissions = actor.permissions
            self.build_tabs()
            self.statusBar().showMessage(self.tr("您的权限已被管理员修改, 页面已按新权限更新。"), 10000)

    def change_password(self) -> None:
        from ui.dialogs.user_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(self.services, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("密码已修改。"), 8000))
        dialog.open()
        self.password_dialog = dialog

    def _build_go_shortcuts(self) -> None:
        """Ctrl+1…9: the pages of the current role tab; Alt+1…5: the role tabs (listed in 帮助 → 快捷键)."""
        for i in range(9):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _c=False, i=i: self.go_page(i))
            self.addAction(action)
        for i in range(len(ROLE_TABS)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            action.triggered.connect(lambda _c=False, i=i: self.tabs.setCurrentIndex(i))
            self.addAction(action)

    # ---- keyboard
    def go_page(self, index: int) -> None:
        tab = self.tabs.currentWidget()
        if isinstance(tab, RoleTab) and index < tab.count():
            tab.setCurrentIndex(index)
            self.focus_page()

    def current_page(self) -> QWidget | None:
        tab = self.tabs.currentWidget()
        return tab.current_page() if isinstance(tab, RoleTab) else None

    def focus_page(self) -> None:
        """Put the cursor where the hand starts on the current page (its search or look-up box)."""
        page = self.current_page()
        home = page.home_widget() if page is not None and hasattr(page, "home_widget") else None
        if home is None and page is not None:
            from ui.widgets.register_view import RegisterView

            register = page if isinstance(page, RegisterView) else page.findChild(RegisterView)
            home = register.search if register is not None else None
        if home is not None:
            home.setFocus()

    # ---- the window on the screen
    def restore_geometry(self) -> None:
        """The size the user left it at, if it still fits this screen; else 1280×800 or the available area
        (the status bar and the 登记 button stay on screen on a 1280×800 screen or at 150 %)."""
        saved = self.settings.value(GEOMETRY_KEY)
        available = self.available_geometry()
        if saved is not None and self.restoreGeometry(saved) and available.contains(self.frameGeometry()):
            return
        width = min(DEFAULT_SIZE[0], available.width() - FRAME_ALLOWANCE[0])
        height = min(DEFAULT_SIZE[1], available.height() - FRAME_ALLOWANCE[1])
        self.resize(width, height)
        self.move(available.x() + (available.width() - width - FRAME_ALLOWANCE[0]) // 2,
                  available.y() + (available.height() - height - FRAME_ALLOWANCE[1]) // 2)

    def available_geometry(self) -> QRect:
        screen = self.screen()
        return screen.availableGeometry() if screen is not None else QRect(0, 0, *DEFAULT_SIZE)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_shown", False):  # right after login the hand is on the keyboard: start there
            self._shown = True
            self.focus_page()

    def closeEvent(self, event) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        super().closeEvent(event)

    def show_shortcuts(self) -> None:
        from ui.shortcuts import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.open()

    # ---- actions
    def set_language(self, code: str) -> None:
        """Save the choice; it applies the next time the app starts."""
        if self.settings.value(LANGUAGE_KEY, "zh_CN") == code:
            return
        self.settings.setValue(LANGUAGE_KEY, code)
        self.settings.sync()
        self.language_changed.emit(code)
        self.statusBar().showMessage(self.tr("界面语言已保存, 重新启动后生效。"), 8000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于 PropDesk"),
            self.tr("<h3>物业前台 · PropDesk %1</h3><p>住宅小区物业管理处前台的桌面应用: 业主档案、工单、收费。</p>"
                    "<p>数据: %2</p>").replace("%1", APP_VERSION).replace("%2", self.services.db.display_url),
        )

    # ---- helpers for callers and tests
    def role_tab(self, role: str) -> RoleTab:
        return self.role_tabs[role]

    def show_role(self, role: str) -> RoleTab:
        tab = self.role_tabs[role]
        self.tabs.setCurrentWidget(tab)
        return tab
