"""Issue 18, ``propdesk workorder list`` on SQLite answered through the standard library (app/quick.py,
app/commands/workorder_quick.py): the same lines and exit code as the services give for any filter and role,
the same login recorded, no SQLAlchemy imported; every refusal and failure left to the usual path."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, update

import app.commands.workorder_quick as quick_list
from app.cli import NOT_SIGNED_IN, main
from app.commands.workorder import run_list
from app.db import open_database
from app.models import Category, Kind, Priority, RolePermission, State, User, WorkOrder
from app.quick import granted, sign_in
from app.roles import Role
from app.search import normalise_query
from app.services.auth import granted_permissions
from app.services.workorder_keys import refresh_unit_keys
from tests.app.test_workorder_scale import _units
from tests.conftest import CLI_TEST_PASSWORD, CLI_TEST_USER

pytestmark = pytest.mark.sqlite_only
ROOT = Path(__file__).resolve().parents[2]

ROOMS = [("3栋", "1", "1502"), ("3栋", "1", "150"), ("3栋", "2", "901"), ("12栋", "2", "1001"), ("A座", "", "88")]
NAMES = ["王伟", "王芳", "张三", "李四", "王", "Ann Lee", "ann", "欧阳"]
PHONES = ["13812345678", "138-1234-5678", "021-55501502", "13900001502", "", "15905678123"]
PLACES = ["", "地下车库", "3栋大堂", "B2"]
TEXTS = ["厨房水龙头漏水", "楼道灯不亮 100%", "电梯_异响", "门禁'坏了", 'say "hi"', "WATER leak", "水", "a\\b"]
# what people type: rooms whole, begun and spelt out, order numbers, names, phones whole / dashed / a tail /
# a fragment, one or two characters, LIKE's wildcards, quotes, nothing
QUERIES = ["3-1-1502", "3-1-15", "3-1-", "3栋1单元1502", "12-2", "a-88", "GD2026", "gd20261101", "GD20261101000",
           "王", "王伟", "王芳", "ann", "ANN", "Ann Lee", "13812345678", "138-1234-5678", "5678", "1502", "1234",
           "13", "1", "漏水", "水", "water", "%", "_", "'", '"', "\\", "不亮 100", "", "  ", "zz", "x"]
STATES = [s.value for s in State] + ["bogus"]


def _office(services) -> None:
    """A few rooms, two handlers and 160 orders of every state, with deadlines around now (each at least five
    minutes from a boundary of 超时/将到期, so the two runs of a comparison agree on them)."""
    rng = random.Random(18)
    units = _units(services, ROOMS)
    staff = [services.staff.save_staff({"name": name, "team": "engineering"}) for name in ("李师傅", "王师傅")]
    now = datetime.now()
    rows = []
    for n in range(1, 161):
        state = rng.choice(list(State))
        rows.append({
            "number": f"GD20261101{n:04d}", "kind": rng.choice(list(Kind)), "source": "phone", "location": "public",
            "category": rng.choice(list(Category)), "priority": rng.choice(list(Priority)), "team": "engineering",
            "state": state, "unit_id": rng.choice([None, *units]), "contact_name": rng.choice(NAMES),
            "contact_phone": rng.choice(PHONES), "place": rng.choice(PLACES),
            "description": f"{rng.choice(TEXTS)} {rng.choice(TEXTS)} #{n}",
            "assignee_id": rng.choice([None, *staff]),
            "reported_at": now - timedelta(minutes=rng.randrange(0, 60 * 24 * 40, 7)),
            "started_at": rng.choice([None, now - timedelta(hours=3)]),
            "respond_by": now + rng.choice([timedelta(days=-1), timedelta(minutes=-20), timedelta(minutes=5),
                                            timedelta(minutes=40), timedelta(days=1)]),
            "due_at": now + rng.choice([timedelta(days=-2), timedelta(minutes=-30), timedelta(minutes=30),
                                        timedelta(hours=3), timedelta(days=2)]),
            "work_notes": "", "labour_fee": Decimal("0"), "material_fee": Decimal("0"), "visit_comment": "",
            "cancel_reason": "", "chase_count": 0, "version": 1})
    with services.ctx.db.write_session() as s:
        s.execute(insert(WorkOrder.__table__), rows)
        refresh_unit_keys(s, units)


@contextlib.contextmanager
def _usual_path():
    with mock.patch.object(run_list, "quick", None):
        yield


@contextlib.contextmanager
def _quick_answers(taken: list):
    """Records what the quick path returned (None: it gave way to the usual path)."""
    real = quick_list.run_list_quick

    def spy(*args, **kwargs):
        taken.append(real(*args, **kwargs))
        return taken[-1]

    with mock.patch.object(quick_list, "run_list_quick", spy):
        yield


def _run(capsys, argv: list[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _both(capsys, argv: list[str]) -> tuple[tuple, tuple, list]:
    taken: list = []
    with _quick_answers(taken):
        quick = _run(capsys, argv)
    with _usual_path():
        usual = _run(capsys, argv)
    return quick, usual, taken


SMALL = {  # thresholds that the seeded office crosses: dense, probed and narrowed 1–2 character plans, capped counts
    "app.search.INDEX_PAGE_MAX": 12, "app.search.PROBE_ROWS": 6, "app.search.DENSE_NEED": 30,
    "app.services.workorders.DENSE_MATCHES": 15, "app.services.workorders.COUNT_CAP": 25,
    "app.commands.workorder_quick.INDEX_PAGE_MAX": 12, "app.commands.workorder_quick.PROBE_ROWS": 6,
    "app.commands.workorder_quick.DENSE_NEED": 30, "app.commands.workorder_quick.DENSE_MATCHES": 15,
    "app.commands.workorder_quick.COUNT_CAP": 25,
}


@pytest.mark.parametrize(("role", "small"), [(Role.ADMIN, False), (Role.ADMIN, True), (Role.SERVICE, True),
                                             (Role.ENGINEERING, False)])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(states=st.lists(st.sampled_from(STATES), max_size=3), overdue=st.booleans(),
       query=st.one_of(st.sampled_from(QUERIES), st.text(alphabet="王水3-1502GDgd漏a_% ", max_size=6)),
       limit=st.integers(1, 40))
def test_the_quick_answer_is_the_services_for_any_filter_and_role(db, services, cli_user, capsys, monkeypatch, role,
                                                                  small, states, overdue, query, limit):
    if not getattr(services, "_quick_office", False):
        _office(services)
        services._quick_office = cli_user(services, role)
        for name, value in SMALL.items() if small else ():
            monkeypatch.setattr(name, value)
    monkeypatch.setattr("app.search._plans_seen", {})
    capsys.readouterr()
    argv = ["--database", db.url, *services._quick_office, "workorder", "list", f"--query={query}", "--limit",
            str(limit), *[word for state in states for word in ("--state", state)], *(["--overdue"] if overdue else [])]
    quick, usual, taken = _both(capsys, argv)
    assert taken == [0]  # the quick path answered
    assert quick == usual
    assert quick[1].endswith(" 条\n")


def test_the_seeded_office_crosses_every_plan_of_a_search(services, monkeypatch):
    """Under SMALL the queries above take every way the service has: a column's start, the trigram index,
    row by row past DENSE_MATCHES, and for 1–2 characters LIKE alone (common), a probe, the index's rows."""
    _office(services)
    for name, value in SMALL.items():
        monkeypatch.setattr(name, value)
    kinds = set()
    conn = sqlite3.connect(services.db.sqlite_path)
    try:
        for text in QUERIES:
            query, params = normalise_query(text), {}
            if query:
                _condition, many = quick_list._search(conn, query, True, params)
                plan = quick_list._short_plan(conn, query, params)
                kinds.add("many" if many else "probe" if plan.probe else "narrow" if plan.rows else
                          "nothing" if plan.narrow else "common" if plan.short else "plain")
    finally:
        conn.close()
    assert kinds == {"many", "probe", "narrow", "nothing", "common", "plain"}


def test_with_no_filter_and_every_row_past_the_limit(db, services, cli_user, capsys):
    _office(services)
    prefix = cli_user(services)
    quick, usual, taken = _both(capsys, ["--database", db.url, *prefix, "workorder", "list"])
    assert taken == [0] and quick == usual
    assert quick[1].splitlines()[-1] == "共 160 条, 显示前 50 条" and len(quick[1].splitlines()) == 51
    assert "超时" in quick[1] and "将到期" in quick[1]


def _login_record(path: Path) -> tuple:
    """The account and the audit log's last row, each timestamp only checked for SQLAlchemy's format."""
    conn = sqlite3.connect(path)
    try:
        user = list(conn.execute("SELECT * FROM users WHERE username = ?", (CLI_TEST_USER,)).fetchone())
        audit = list(conn.execute("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1").fetchone())
        count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        conn.close()
    for row, column in ((user, 9), (user, 13), (audit, 1)):  # last_login_at, updated_at; at
        assert datetime.strptime(row[column], "%Y-%m-%d %H:%M:%S.%f")
        row[column] = "time"
    return user, audit, count


def test_the_quick_path_records_the_login_as_the_service_does(db, services, cli_user, capsys):
    prefix = cli_user(services)
    with db.write_session() as s:  # an earlier edit by someone: the login's stamp clears it, as the ORM's does
        s.execute(update(User).where(User.username == CLI_TEST_USER).values(updated_by=1))
    db.dispose()
    source = Path(db.sqlite_path)
    copies = [source.with_name(f"copy{i}.db") for i in range(2)]
    for copy in copies:
        shutil.copyfile(source, copy)
    argv = ["workorder", "list", "--query", "3-1-1502"]
    taken: list = []
    with _quick_answers(taken):
        assert main(["--database", f"sqlite:///{copies[0]}", *prefix, *argv]) == 0
    with _usual_path():
        assert main(["--database", f"sqlite:///{copies[1]}", *prefix, *argv]) == 0
    assert taken == [0]
    assert _login_record(copies[0]) == _login_record(copies[1])


PROBE = """
import json, sys
from app.cli import main
code = main()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_the_quick_path_imports_no_sqlalchemy_models_or_services(db, services, cli_user):
    _office(services)
    prefix = cli_user(services)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PROPDESK_PASSWORD": CLI_TEST_PASSWORD}
    proc = subprocess.run([sys.executable, "-c", PROBE, "--database", db.url, *prefix, "workorder", "list",
                           "--query", "王"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
    *lines, last = proc.stdout.splitlines()
    result = json.loads(last)
    assert result["code"] == 0 and lines[-1].startswith("共 ") and proc.stderr == ""
    heavy = [m for m in result["modules"] if m.split(".")[0] in ("sqlalchemy", "alembic", "PySide6")
             or m.startswith(("app.models", "app.services"))]
    assert heavy == []


def _refused(capsys, argv: list[str]) -> tuple:
    quick, usual, taken = _both(capsys, argv)
    assert taken in ([None], [])  # the quick path gave way (or was not asked), having written nothing
    assert quick == usual
    return quick


def test_without_user_the_usual_refusal(db, services, cli_user, capsys):
    cli_user(services)
    code, out, err = _refused(capsys, ["--database", db.url, "workorder", "list"])
    assert (code, out, err.strip()) == (2, "", NOT_SIGNED_IN)


def test_a_wrong_password_is_counted_once_by_the_usual_path(db, services, cli_user, capsys, monkeypatch):
    prefix = cli_user(services)
    monkeypatch.setenv("PROPDESK_PASSWORD", "wrong-password")
    taken: list = []
    with _quick_answers(taken):
        code, out, err = _run(capsys, ["--database", db.url, *prefix, "workorder", "list"])
    assert taken == [None]
    assert (code, out, err.strip()) == (2, "", "错误: 用户名或密码错误")
    with db.read_session() as s:
        user = s.query(User).filter_by(username=CLI_TEST_USER).one()
        assert user.failed_logins == 1 and user.last_login_at is None


def test_a_user_without_the_right_gets_the_usual_refusal(db, services, cli_user, capsys):
    prefix = cli_user(services, Role.SERVICE)
    with db.write_session() as s:
        s.query(RolePermission).filter(RolePermission.role == Role.SERVICE,
                                       RolePermission.permission.like("workorder.%")).delete()
    code, out, err = _refused(capsys, ["--database", db.url, *prefix, "workorder", "list"])
    assert code == 2 and out == "" and "没有“处理工单”的权限" in err


@pytest.mark.parametrize("change", [{"failed_logins": 2}, {"locked_until": datetime(2099, 1, 1)},
                                    {"locked_until": datetime(2000, 1, 1)}, {"active": False}])
def test_an_account_not_in_good_standing_signs_in_the_usual_way(db, services, cli_user, capsys, change):
    _office(services)
    prefix = cli_user(services)
    with db.write_session() as s:
        s.execute(update(User).where(User.username == CLI_TEST_USER).values(**change))
    _refused(capsys, ["--database", db.url, *prefix, "workorder", "list", "--query", "王"])


def test_a_newer_database_is_refused_the_usual_way(db, services, cli_user, capsys):
    prefix = cli_user(services)
    with db.write_session() as s:
        s.execute(update(User).values(failed_logins=0))  # (nothing else in the way)
    conn = sqlite3.connect(db.sqlite_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    code, out, err = _refused(capsys, ["--database", db.url, *prefix, "workorder", "list"])
    assert code == 2 and out == "" and "9999" in err


def test_only_a_plain_sqlite_file_at_head_is_taken():
    def never(_name):
        raise AssertionError("no password asked")

    for url in ("postgresql://u@localhost/x", "sqlite://", "sqlite:///:memory:", "sqlite:////nowhere/x.db"):
        assert sign_in(url, "someone", never, ["workorder.handle"]) is None


def test_the_grants_read_by_sqlite3_are_the_services(db, services):
    with db.write_session() as s:
        s.add(RolePermission(role=Role.SECURITY, permission="no.such.permission"))
        s.query(RolePermission).filter_by(role=Role.ENVIRONMENT, permission="workorder.create").delete()
    conn = sqlite3.connect(db.sqlite_path)
    try:
        with db.read_session() as s:
            for role in Role:
                assert granted(conn, role) == granted_permissions(s, role), role
    finally:
        conn.close()


def test_a_fresh_database_without_users_takes_the_usual_path(tmp_path, capsys, monkeypatch):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    open_database(url).dispose()
    monkeypatch.delenv("PROPDESK_PASSWORD", raising=False)
    quick, usual, taken = _both(capsys, ["--database", url, "workorder", "list"])
    assert taken == [None] and quick == usual == (0, "共 0 条\n", "")


def test_a_database_error_on_the_quick_path_leaves_it_to_the_usual_one(db, services, cli_user, capsys):
    prefix = cli_user(services)
    conn = sqlite3.connect(db.sqlite_path)
    with conn:  # a damaged office: the search index is gone
        for trigger in ("workorders_fts_ai", "workorders_fts_ad", "workorders_fts_au"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE workorders_fts")
    conn.close()
    taken: list = []
    with _quick_answers(taken):
        code, out, err = _run(capsys, ["--database", db.url, *prefix, "workorder", "list", "--query", "水龙头"])
    assert taken == [None] and code == 3 and out == "" and err.startswith("错误: ")
    with db.read_session() as s:  # signed in once, by the usual path
        assert s.query(User).filter_by(username=CLI_TEST_USER).one().version == 2
