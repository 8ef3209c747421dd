"""The composition root: bundled font, translations, database errors, demo fill, first admin + login."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

import ui.application as application
from app.demo import DemoResult
from app.errors import DatabaseError
from app.models import LABELS, ROLE_LABELS, TEAM_LABELS, Role
from app.resources import resource_path
from ui import labels
from ui.dialogs.login import FirstAdminDialog, LoginDialog


def test_bundled_font_is_registered_and_used(qapp):
    family = application.install_font(qapp)
    assert "WenQuanYi" in family
    assert family in QFontDatabase.families()
    assert QApplication.font().family() == family


def test_english_translation_loads_and_chinese_is_the_default(qapp):
    assert resource_path("i18n/propdesk_en.qm").is_file()
    translators = application.install_translations(qapp, "en")
    try:
        assert translators
        assert QCoreApplication.translate("MainWindow", "客服") == "Service"
        assert QCoreApplication.translate("Pages", "业主档案") == "Owner archive"
        assert QCoreApplication.translate("Label", "已入住") == "Occupied"
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert QCoreApplication.translate("MainWindow", "客服") == "客服"


def test_every_stored_code_label_is_marked_for_translation():
    marked = set(labels._MARKED)
    assert set(LABELS.values()) | set(TEAM_LABELS.values()) | set(ROLE_LABELS.values()) <= marked


def test_unopenable_database_shows_message_and_exits_1(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: shown.append((title, text)))

    def refuse(_url):
        raise DatabaseError("数据库版本 0099 比本程序新, 请升级程序。")

    monkeypatch.setattr("app.db.open_database", refuse)
    assert application.run_gui("sqlite:///nowhere.db") == 1
    assert shown == [("无法打开数据库", "数据库版本 0099 比本程序新, 请升级程序。")]


def test_demo_fill_prints_passwords_then_logs_in_and_shows_window(qapp, db, monkeypatch, capsys, tmp_path):
    monkeypatch.setattr("app.db.open_database", lambda _url: db)

    def fake_fill(services):
        services.auth.create_user("admin", "管理员", "demo-pass", Role.ADMIN)
        return DemoResult(passwords={"admin": (Role.ADMIN, "demo-pass")}, counts={"units": 0})

    monkeypatch.setattr("app.demo.fill_demo", fake_fill)
    monkeypatch.setattr(application, "install_translations", lambda _app, _lang: [])  # keep the test app as is
    monkeypatch.setattr(application, "settings",
                        lambda: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))

    def login_exec(dialog):
        dialog.field("username").setText("admin")
        dialog.field("password").setText("demo-pass")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", login_exec)
    windows = []
    monkeypatch.setattr(QApplication, "exec", lambda *_: windows.extend(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow" and w.isVisible()) or 0)
    assert application.run_gui("ignored", demo=True) == 0
    out = capsys.readouterr().out
    assert "demo-pass" in out and "admin" in out
    assert len(windows) == 1
    assert windows[0].services.ctx.actor.username == "admin"
    windows[0].close()
    windows[0].deleteLater()


def test_first_start_asks_for_the_administrator_then_login(qapp, services, monkeypatch):
    def first_exec(dialog):
        for name, value in (("display_name", "张经理"), ("password", "secret99"), ("password2", "secret99")):
            dialog.field(name).setText(value)
        dialog.accept()
        return dialog.result()

    def login_exec(dialog):
        dialog.field("username").setText("admin")
        dialog.field("password").setText("secret99")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FirstAdminDialog, "exec", first_exec)
    monkeypatch.setattr(LoginDialog, "exec", login_exec)
    actor = application.login(services)
    assert actor is not None and actor.display_name == "张经理" and actor.role == Role.ADMIN


@pytest.mark.parametrize("cancelled", ["first", "login"])
def test_giving_up_at_a_dialog_returns_none(qapp, services, monkeypatch, cancelled):
    if cancelled == "login":
        services.auth.create_user("admin", "管理员", "secret99", Role.ADMIN)
    monkeypatch.setattr(FirstAdminDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(LoginDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    assert application.login(services) is None
