"""The command line acts as a signed-in person (``--user``), with the window's permissions and audit trail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.cli import main
from app.models import Payment, Role, User
from app.models.security import AuditLog
from tests.conftest import CLI_TEST_PASSWORD
from tests.fees_setup import add_items, build_property, fee_services


@pytest.fixture
def office(db):
    services, _ = fee_services(db)
    build_property(services)
    add_items(services)
    services.billing.run("2026-11")
    return services


def payments(db) -> list[Payment]:
    with db.read_session() as s:
        return list(s.scalars(select(Payment)))


def take(db, *prefix: str) -> int:
    return main(["--database", db.url, *prefix, "payment", "take", "--unit", "1-1-101", "--amount", "10"])


def test_without_user_a_command_is_refused_and_nothing_changes(db, office, cli_user, capsys):
    cli_user(office)  # the database now has a user
    assert take(db) == 2
    assert "请先登录: --user" in capsys.readouterr().err
    assert payments(db) == []
    assert main(["--database", db.url, "workorder", "list"]) == 2  # reading personal data too


def test_a_role_without_the_right_is_refused(db, office, cli_user, capsys):
    prefix = cli_user(office, role=Role.ENGINEERING, username="gong")
    assert take(db, *prefix) == 2
    assert "没有“收费”的权限" in capsys.readouterr().err
    assert payments(db) == []


def test_with_the_right_it_runs_and_the_audit_trail_names_the_person(db, office, cli_user, capsys):
    prefix = cli_user(office, role=Role.SERVICE, username="kefu")
    assert take(db, *prefix) == 0
    with db.read_session() as s:
        user_id = s.scalar(select(User.id).where(User.username == "kefu"))
        assert [p.created_by for p in s.scalars(select(Payment))] == [user_id]
        logged = s.scalars(select(AuditLog).where(AuditLog.entity == "payments")).all()
        assert logged and {row.username for row in logged} == {"kefu"}


def test_wrong_password_or_unknown_user_is_refused(db, office, cli_user, monkeypatch, capsys):
    prefix = cli_user(office)
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong-password")
    assert take(db, *prefix) == 2
    assert "用户名或密码错误" in capsys.readouterr().err
    assert take(db, "--user", "nobody") == 2
    assert payments(db) == []


def test_password_is_asked_when_not_in_the_environment(db, office, cli_user, monkeypatch):
    prefix = cli_user(office)
    monkeypatch.delenv("PROPDESK_PASSWORD")
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or CLI_TEST_PASSWORD)
    assert take(db, *prefix) == 0
    assert asked and "tester" in asked[0]


def test_no_terminal_and_no_password_is_a_clear_error(db, office, cli_user, monkeypatch, capsys):
    prefix = cli_user(office)
    monkeypatch.delenv("PROPDESK_PASSWORD")

    def no_tty(_prompt):
        raise EOFError

    monkeypatch.setattr("getpass.getpass", no_tty)
    assert take(db, *prefix) == 2
    assert "PROPDESK_PASSWORD" in capsys.readouterr().err


def test_commands_that_need_no_login(db, office, cli_user, capsys):
    cli_user(office)
    assert main(["--database", db.url, "db", "info"]) == 0
    assert main(["--database", db.url, "db", "upgrade"]) == 0
    with pytest.raises(SystemExit) as help_exit:
        main(["--help"])
    assert help_exit.value.code == 0
    assert main(["--database", db.url, "demo"]) == 1  # refuses a database with data, login or not
    assert "请先登录" not in capsys.readouterr().err


def test_an_empty_database_is_set_up_without_login(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("PROPDESK_NEW_PASSWORD", "first-Admin-1")
    monkeypatch.delenv("PROPDESK_PASSWORD", raising=False)
    assert main(["--database", url, "user", "add", "boss", "--role", "admin"]) == 0
    assert "已添加用户 boss" in capsys.readouterr().out
    # from now on the database has a user: the next account needs an administrator signed in
    assert main(["--database", url, "user", "add", "clerk", "--role", "service"]) == 2
    assert "请先登录: --user" in capsys.readouterr().err
    monkeypatch.setenv("PROPDESK_PASSWORD", "first-Admin-1")
    assert main(["--database", url, "--user", "boss", "user", "add", "clerk", "--role", "service"]) == 0
    assert main(["--database", url, "--user", "boss", "user", "list"]) == 0
    listed = capsys.readouterr().out
    assert "boss" in listed and "clerk" in listed
    # the clerk may not add users
    monkeypatch.setenv("PROPDESK_PASSWORD", "first-Admin-1")
    assert main(["--database", url, "--user", "clerk", "user", "add", "x", "--role", "admin"]) == 2
    assert "没有“管理用户和权限”的权限" in capsys.readouterr().err


def test_admin_resets_a_password_from_the_command_line(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    monkeypatch.setenv("PROPDESK_NEW_PASSWORD", "first-Admin-1")
    assert main(["--database", url, "user", "add", "boss", "--role", "admin"]) == 0
    monkeypatch.setenv("PROPDESK_PASSWORD", "first-Admin-1")
    assert main(["--database", url, "--user", "boss", "user", "add", "clerk", "--role", "service"]) == 0
    monkeypatch.setenv("PROPDESK_NEW_PASSWORD", "clerk-New-2")
    assert main(["--database", url, "--user", "boss", "user", "reset-password", "clerk"]) == 0
    monkeypatch.setenv("PROPDESK_PASSWORD", "clerk-New-2")
    assert main(["--database", url, "--user", "clerk", "workorder", "list"]) == 0
    assert main(["--database", url, "--user", "boss", "user", "reset-password", "ghost"]) == 2
