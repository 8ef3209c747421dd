"""Issue 18, ``propdesk --user NAME workorder list --query …`` in a fresh process: it loads the models and
services the command needs (no Alembic, no other domain's models), checks the password once in a background
thread while the command loads, and prints nothing, reads nothing and counts nothing before the sign-in
succeeded (app/signin.py, ``PendingSignIn``)."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.cli import main
from app.errors import ServiceError
from app.models import AuditLog, Category, Kind, Priority, User
from app.services.auth import hash_password
from app.signin import PasswordCheck
from tests.conftest import CLI_TEST_PASSWORD, CLI_TEST_USER

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import contextlib, io, json, sys, threading
import app.signin

checks = []
real = app.signin.password_matches

def recorded(stored, password):
    checks.append(threading.current_thread().name)
    return real(stored, password)

app.signin.password_matches = recorded
import gc
from app.cli import main
thresholds = gc.get_threshold()
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main()  # as the propdesk script runs it
print(json.dumps({"code": code, "out": out.getvalue(), "checks": checks, "modules": sorted(sys.modules),
                  "gc": [gc.get_threshold() == thresholds, gc.get_freeze_count()]}))
"""

# other domains' models: a work-order list needs its own, the rooms and staff its rows show, the accounts
OTHER_MODELS = {f"app.models.{name}" for name in ("bank", "engineering", "environment", "fees", "inventory", "links",
                                                  "management", "order_team", "roster", "shared_meters")}


def _probe(*argv: str, password: str = CLI_TEST_PASSWORD) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PROPDESK_PASSWORD": password}
    proc = subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    return {**json.loads(proc.stdout.splitlines()[-1]), "err": proc.stderr}


def _office(services) -> str:
    unit = services.archive.save_unit({"building_id": services.archive.create_building("3栋"), "unit_no": "1",
                                       "room_no": "1502", "area": "80", "use": "residential", "status": "occupied"})
    return services.workorders.intake({
        "kind": Kind.REPAIR, "source": "phone", "category": Category.WATER, "priority": Priority.NORMAL,
        "location": "private", "unit_id": unit, "contact_name": "王伟", "contact_phone": "13812345678",
        "description": "厨房水龙头漏水"}).row.number


def _one_failed_attempt(db) -> None:
    """An earlier wrong password on the account: the usual path signs in (the quick one, tests/app/
    test_cli_quick.py, takes only accounts in good standing)."""
    with db.write_session() as s:
        s.execute(update(User).where(User.username == CLI_TEST_USER).values(failed_logins=1))


def test_a_work_order_search_loads_only_what_it_needs_and_checks_the_password_once_in_the_background(
        db, services, cli_user):
    number = _office(services)
    prefix = cli_user(services)
    _one_failed_attempt(db)
    result = _probe("--database", db.url, *prefix, "workorder", "list", "--query", "3-1-1502")
    assert result["code"] == 0, result["err"]
    assert number in result["out"] and "共 1 条" in result["out"]
    assert result["checks"] == ["password-check"]  # once, in the thread: login took its result
    assert "app.models.workorders" in result["modules"]
    assert OTHER_MODELS.isdisjoint(result["modules"])
    restored, frozen = result["gc"]  # start-up's lasting objects set aside for the exit, the collector as it was
    assert restored and frozen > 10_000
    assert not [m for m in result["modules"] if m.split(".")[0] in ("alembic", "PySide6", "openpyxl", "reportlab")]
    with db.read_session() as s:  # the login itself is unchanged: recorded, last login set
        assert s.scalar(select(User.last_login_at).where(User.username == CLI_TEST_USER)) is not None
        assert s.scalars(select(AuditLog.action).where(AuditLog.username == CLI_TEST_USER)).all() == ["login"]


def test_a_wrong_password_prints_nothing_and_counts_one_failure(db, services, cli_user):
    _office(services)
    prefix = cli_user(services)
    result = _probe("--database", db.url, *prefix, "workorder", "list", "--query", "3-1-1502", password="wrong-1")
    assert result["code"] == 2
    assert result["out"] == "" and "用户名或密码错误" in result["err"]
    with db.read_session() as s:
        assert s.scalar(select(User.failed_logins).where(User.username == CLI_TEST_USER)) == 1
        assert s.scalars(select(AuditLog.action).where(AuditLog.entity == "users")).all()[-1] == "login_failed"


def _command(monkeypatch, handler) -> list[str]:
    """``workorder list`` replaced by ``handler`` (as any command would run)."""
    monkeypatch.setattr("app.commands.workorder.run_list", handler)
    return ["workorder", "list"]


def test_what_a_command_prints_before_using_its_services_waits_for_the_sign_in(db, services, cli_user, monkeypatch,
                                                                                capsys):
    prefix = cli_user(services)

    def prints_first(args):
        print("before any service")
        print("到 stderr", file=sys.stderr)
        args.services.workorders.count()
        return 0

    command = _command(monkeypatch, prints_first)
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong-password")
    assert main(["--database", db.url, *prefix, *command]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == "错误: 用户名或密码错误"

    monkeypatch.setenv("PROPDESK_PASSWORD", CLI_TEST_PASSWORD)
    assert main(["--database", db.url, *prefix, *command]) == 0
    out, err = capsys.readouterr()
    assert out == "before any service\n" and err == "到 stderr\n"


def test_a_command_that_never_uses_its_services_still_fails_a_wrong_password(db, services, cli_user, monkeypatch,
                                                                              capsys):
    prefix = cli_user(services)
    command = _command(monkeypatch, lambda args: 0)
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong-password")
    assert main(["--database", db.url, *prefix, *command]) == 2
    assert "用户名或密码错误" in capsys.readouterr().err


def test_a_command_that_catches_every_error_cannot_go_on_unsigned(db, services, cli_user, monkeypatch, capsys):
    prefix = cli_user(services)
    reached = []

    def careless(args):
        with contextlib.suppress(Exception):  # what the test is about
            args.services.workorders.count()
        reached.append(True)
        return 0

    command = _command(monkeypatch, careless)
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong-password")
    assert main(["--database", db.url, *prefix, *command]) == 2
    assert reached == [] and "用户名或密码错误" in capsys.readouterr().err


def test_another_error_meanwhile_does_not_hide_a_failed_sign_in(db, services, cli_user, monkeypatch, capsys):
    prefix = cli_user(services)

    def fails(_args):
        raise ValueError("a bad file")

    command = _command(monkeypatch, fails)
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong-password")
    assert main(["--database", db.url, *prefix, *command]) == 2
    assert capsys.readouterr().err.strip() == "错误: 用户名或密码错误"


def test_login_takes_a_background_check_only_of_the_hash_it_reads(services, cli_user):
    cli_user(services)
    # checked ahead against an old hash of the right password, then the password changed: not trusted
    stale = PasswordCheck(hash_password("old-password-1"), "old-password-1")
    with pytest.raises(ServiceError, match="用户名或密码错误"):
        services.auth.login(CLI_TEST_USER, "old-password-1", ahead=stale)
    # a background check that failed on another hash does not refuse the right password
    other = PasswordCheck(hash_password("something-else"), CLI_TEST_PASSWORD)
    assert services.auth.login(CLI_TEST_USER, CLI_TEST_PASSWORD, ahead=other).username == CLI_TEST_USER
