"""Idle lock: after N minutes without keyboard or mouse the window hides its contents and asks the
operator's password again (a front-desk PC is often left alone with owners standing at the counter).

Two lines in the main window::

    self.idle_lock = IdleLock(self, services, minutes=10)
    self.idle_lock.unlocked.connect(self.on_operator_refreshed)   # optional: fresh grants (Actor)

An application-wide event filter restarts the timer on every input event. The unlock goes through
``AuthService.unlock`` (same five-strikes lockout as the login, and recorded in the audit log).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ServiceError
from ui.messages import ui_message
from ui.widgets.focus import fields_first

DEFAULT_MINUTES = 10
SETTING_KEY = "security.idle_minutes"

_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
})


def idle_minutes(services) -> int:
    """The office's setting (系统设置 ``security.idle_minutes``), 0 = never lock."""
    try:
        return max(0, int(services.property.setting(SETTING_KEY, str(DEFAULT_MINUTES))))
    except (ValueError, ServiceError):
        return DEFAULT_MINUTES


class UnlockDialog(QDialog):
    """Asks the logged-in operator's password; accepted only when the service accepts it."""

    def __init__(self, services, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.actor = None
        actor = services.ctx.actor
        self.setWindowTitle(self.tr("已锁定"))
        self.setModal(True)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.info = QLabel(self.tr("长时间未操作, 屏幕已锁定。请输入 %1 的密码解锁。").replace(
            "%1", actor.display_name or actor.username), self)
        self.info.setWordWrap(True)
        # Who is unlocking, shown where a name is expected: the message "用户名或密码错误" then makes sense.
        self.username = QLineEdit(actor.username, self)
        self.username.setObjectName("username")
        self.username.setReadOnly(True)
        self.username.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setObjectName("password")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.unlock_button = self.buttons.addButton(self.tr("解锁"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton(self.tr("退出程序"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.quit_button.clicked.connect(self.reject)
        # Enter in the password presses 解锁 (the default button) — once: no returnPressed as well, or
        # one wrong password would count twice towards the lockout.
        self.unlock_button.setDefault(True)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def showEvent(self, event) -> None:
        fields_first(self, self.buttons, self.password)
        super().showEvent(event)

    def try_unlock(self) -> None:
        try:
            self.actor = self._services.auth.unlock(self.password.text())
        except ServiceError as exc:
            self.error.setText(ui_message(str(exc)))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            return  # Esc must not close the lock
        super().keyPressEvent(event)


def _cover(window: QWidget) -> QWidget:
    """An opaque panel over the whole window, on top of its contents."""
    cover = QLabel(QApplication.translate("IdleLock", "已锁定"), window)
    cover.setObjectName("idle_cover")
    cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
    cover.setAutoFillBackground(True)
    cover.setGeometry(window.rect())
    cover.show()
    cover.raise_()
    return cover


class IdleLock(QObject):
    """Watches input application-wide; locks ``window`` after ``minutes`` idle (0 disables it)."""

    locked = Signal()
    unlocked = Signal(object)  # the operator (Actor) with fresh permissions
    quit_requested = Signal()

    def __init__(self, window: QWidget, services, minutes: int | None = None, parent: QObject | None = None):
        super().__init__(parent or window)
        self.window = window
        self.services = services
        self.dialog: UnlockDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(idle_minutes(services) if minutes is None else minutes)
        QApplication.instance().installEventFilter(self)
        window.destroyed.connect(self._detach)

    def set_minutes(self, minutes: float) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.setInterval(int(minutes * 60_000))
            self.timer.start()
        else:
            self.timer.stop()

    @property
    def is_locked(self) -> bool:
        return self.dialog is not None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in _ACTIVITY and not self.is_locked and self.minutes > 0:
            self.timer.start()  # restart the countdown
        return False

    def lock(self) -> None:
        """Hide the window's contents and ask for the password (modal, non-blocking)."""
        if self.is_locked:
            return
        self.timer.stop()
        central = getattr(self.window, "centralWidget", lambda: None)()
        self._hidden = central if central is not None and central.isVisible() else None
        if self._hidden is not None:
            self._hidden.setVisible(False)
        # Open forms and previews show personal data too: cover them until the password is given.
        # (Covered, not hidden: hiding a dialog would end its exec() and lose what was typed.)
        self._covers = [_cover(w) for w in QApplication.topLevelWidgets()
                        if w.isVisible() and w is not self.window and w.isWindow()]
        self.dialog = UnlockDialog(self.services, self.window)
        self.dialog.finished.connect(self._on_finished)
        self.locked.emit()
        self.dialog.open()

    def _on_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if result != QDialog.DialogCode.Accepted:
            self.quit_requested.emit()
            self.window.close()
            return
        if self._hidden is not None:
            self._hidden.setVisible(True)
        for cover in self._covers:
            cover.deleteLater()
        self._covers = []
        self.set_minutes(self.minutes)
        self.unlocked.emit(dialog.actor)
        dialog.deleteLater()

    def _detach(self, *_args) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
