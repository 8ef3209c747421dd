"""Issue 18, the first start of the day: on an SQLite database at this revision with operators, the login
window shows before SQLAlchemy, the models, the services and the main window are imported; the database
is opened behind it (in a worker thread) and the login, the main window and the daily backup work as before.
Every other start (an older database to migrate, a newer one to refuse, no users yet) takes the usual path."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

import ui.application as application
from app import migrations
from app.models import Role
from app.startup import DEFAULT_PROPERTY_NAME, ready_for_login
from ui.dialogs.login import LoginDialog
from ui.dialogs.setup_wizard import SetupWizard

pytestmark = pytest.mark.sqlite_only
ROOT = Path(__file__).resolve().parents[2]

# Nothing the login window needs: they load behind it (services) or after the login (the main window).
NOT_BEFORE_LOGIN = ("sqlalchemy", "alembic", "argon2", "app.models", "app.services", "app.demo", "app.pdf",
                    "app.excel", "ui.main_window", "ui.pages", "ui.tabs", "ui.dialogs.setup_wizard", "openpyxl",
                    "reportlab", "python_calamine", "PySide6.QtCharts")

FIRST_WINDOW = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            texts = [label.text() for label in obj.findChildren(QLabel)]
            if isinstance(obj, QMessageBox):
                texts.append(obj.text())
            print(json.dumps({"window": type(obj).__name__, "texts": texts, "modules": sorted(sys.modules)}),
                  flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
from app.cli import main
main(["--database", sys.argv[1], "gui"])
print(json.dumps({"window": None}), flush=True)
"""


def first_window(path: Path, tmp_path: Path) -> dict:
    """``propdesk --database sqlite:///PATH gui`` in a fresh process: the first window it shows."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-c", FIRST_WINDOW, f"sqlite:///{path}"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines, proc.stderr[-2000:]
    return json.loads(lines[-1])


def loaded(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == name or m.startswith(name + ".") for name in NOT_BEFORE_LOGIN)]


def set_revision(path: Path, revision: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))


@pytest.fixture
def office(services, db):
    """The database file of an office with an administrator and a name."""
    services.auth.create_user("admin", "管理员", "secret99", Role.ADMIN)
    services.property.set_setting("property.name", "碧水苑")
    return db.sqlite_path


def test_the_login_window_comes_before_the_database_layers(office, tmp_path):
    shown = first_window(office, tmp_path)
    assert shown["window"] == "LoginDialog"
    assert "碧水苑" in shown["texts"]  # the property's name, read without SQLAlchemy
    assert loaded(shown["modules"]) == []
    assert "ui.dialogs.login" in shown["modules"]


def test_an_office_without_users_still_gets_the_set_up_wizard(db, tmp_path):
    shown = first_window(db.sqlite_path, tmp_path)
    assert shown["window"] == "SetupWizard"


def test_a_newer_database_is_still_refused(office, tmp_path):
    set_revision(office, "9999")
    shown = first_window(office, tmp_path)
    assert shown["window"] == "QMessageBox"
    assert any("比本程序新" in text for text in shown["texts"])


def test_what_the_login_window_needs_is_read_only_when_it_is_sure(office, services, tmp_path):
    url = f"sqlite:///{office}"
    assert ready_for_login(url).property_title == "碧水苑"
    services.property.set_setting("property.name", "")
    assert ready_for_login(url).property_title == DEFAULT_PROPERTY_NAME == services.property.property_name()
    assert ready_for_login(f"sqlite:///{tmp_path / 'none.db'}") is None
    assert not (tmp_path / "none.db").exists()  # never created here
    assert ready_for_login("postgresql://localhost/propdesk") is None
    assert ready_for_login("sqlite://") is None
    set_revision(office, "9999")
    assert ready_for_login(url) is None  # refused on the usual path
    set_revision(office, "0001")
    assert ready_for_login(url) is None  # migrated on the usual path
    (tmp_path / "junk.db").write_bytes(b"not a database" * 100)
    assert ready_for_login(f"sqlite:///{tmp_path / 'junk.db'}") is None


def test_no_users_takes_the_usual_path(db):
    assert ready_for_login(f"sqlite:///{db.sqlite_path}") is None


# ---- in the window


@pytest.fixture
def window_run(qtbot, monkeypatch, tmp_path):
    """run_gui with the test's settings; the main window that opened (the event loop is not entered)."""
    monkeypatch.setattr(application, "install_translations", lambda _app, _lang: [])
    monkeypatch.setattr(application, "settings", lambda: QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    monkeypatch.setattr(QApplication, "exec", lambda *_: 0)
    opened_in = []
    real_open = application.open_services

    def open_services(url):
        opened_in.append(threading.current_thread() is threading.main_thread())
        return real_open(url)

    monkeypatch.setattr(application, "open_services", open_services)

    def run(url):
        code = application.run_gui(url)
        windows = [w for w in QApplication.topLevelWidgets() if w.objectName() == "MainWindow" and w.isVisible()]
        for window in windows:
            qtbot.addWidget(window)
        return code, windows, opened_in

    return run


def sign_in_as(qtbot, monkeypatch, attempts):
    """Type each (user, password) into the login dialog and press 登录; what the dialog said each time."""
    said = []

    def login_exec(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        said.append([label.text() for label in dialog.findChildren(QLabel)])
        for user, password in attempts:
            dialog.field("username").clear()
            qtbot.keyClicks(dialog.field("username"), user)
            qtbot.keyClicks(dialog.field("password"), password)
            qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
            said.append(dialog.errors().get("", ""))
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", login_exec)
    return said


def test_signing_in_on_the_quick_path_opens_the_main_window(office, qtbot, monkeypatch, window_run):
    said = sign_in_as(qtbot, monkeypatch, [("admin", "wrong-pass"), ("admin", "secret99")])
    code, windows, opened_in_main_thread = window_run(f"sqlite:///{office}")
    assert code == 0
    assert "碧水苑" in said[0]  # the heading
    assert "用户名或密码" in said[1]  # the wrong password is told in the dialog
    assert said[2] == ""
    assert opened_in_main_thread == [False]  # opened behind the login window, once
    assert len(windows) == 1 and windows[0].services.ctx.actor.username == "admin"
    assert "碧水苑" in windows[0].windowTitle()


def test_giving_up_at_the_quick_login_quits(office, qtbot, monkeypatch, window_run):
    sign_in_as(qtbot, monkeypatch, [])
    code, windows, _opened = window_run(f"sqlite:///{office}")
    assert (code, windows) == (0, [])


def test_an_older_database_is_migrated_with_its_backup_before_the_login(office, qtbot, monkeypatch, window_run,
                                                                        db):
    from alembic import command

    with db.engine.begin() as conn:
        cfg = migrations.alembic_config(db)
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "-1")
    db.dispose()
    older = migrations.current_revision(db)
    assert older != migrations.head_revision()
    said = sign_in_as(qtbot, monkeypatch, [("admin", "secret99")])
    code, windows, opened_in_main_thread = window_run(f"sqlite:///{office}")
    assert code == 0 and "碧水苑" in said[0] and said[1] == ""
    assert opened_in_main_thread == [True]  # the usual path: opened (and migrated) before the login
    assert migrations.current_revision(db) == migrations.head_revision()
    assert list((office.parent / "backups").glob(f"propdesk-before-upgrade-{older}-*"))
    assert len(windows) == 1


def test_a_database_that_cannot_be_opened_behind_the_login_is_told_in_the_dialog(office, qtbot, monkeypatch,
                                                                                  window_run):
    from app.errors import DatabaseError

    def refuse(_url):
        raise DatabaseError("数据库 propdesk.db 的版本 (9999) 比本程序新, 请升级 PropDesk 后再打开。")

    monkeypatch.setattr("app.db.open_database", refuse)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail("a message box"))
    said = sign_in_as(qtbot, monkeypatch, [("admin", "secret99")])
    code, windows, _opened = window_run(f"sqlite:///{office}")
    assert "比本程序新" in said[1]
    assert (code, windows) == (0, [])


def test_the_set_up_wizard_still_runs_on_an_empty_database(db, qtbot, monkeypatch, window_run):
    shown = []
    monkeypatch.setattr(SetupWizard, "exec", lambda wizard: shown.append(wizard) or 0)
    code, windows, _opened = window_run(f"sqlite:///{db.sqlite_path}")
    assert (code, windows, len(shown)) == (0, [], 1)


def test_the_smoke_check_closes_the_quick_login_window(office, tmp_path):
    """``propdesk gui --smoke N`` (the bundle check) on an office with users: the login window, then exit 0."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, "-m", "app.cli", "--database", f"sqlite:///{office}", "gui", "--smoke", "1"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "SMOKE windows: LoginDialog (登录" in proc.stdout
