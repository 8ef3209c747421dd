"""``propdesk db copy --to URL``: a whole SQLite database (history, audit trail, sequences) into an empty
target — the PostgreSQL test database when PROPDESK_TEST_DATABASE_URL is set, else another SQLite file."""

from __future__ import annotations

from sqlalchemy import func, select

from app.cli import main
from app.db import open_database
from app.models import AuditLog, Payment
from app.services import Services
from app.services.dbcopy import _counts
from tests.conftest import server_url
from tests.fees_setup import add_items, build_property, fee_services


def filled_source(tmp_path):
    source = open_database(f"sqlite:///{tmp_path / 'office.db'}")
    services, _ = fee_services(source)
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-11")
    services.payments.pay(ids["a"], "123.45", "cash", payer="张三")
    services.property.save_profile({"name": "碧水苑", "phone": "0571-86001234"})
    return source, services


def target_url(db, tmp_path) -> str:
    return db.url if server_url() else f"sqlite:///{tmp_path / 'target.db'}"


def test_copy_keeps_every_row_and_continues_numbering(db, tmp_path, cli_user, capsys):
    source, services = filled_source(tmp_path)
    me = cli_user(services)
    url = target_url(db, tmp_path)
    assert main(["--database", source.url, *me, "db", "copy", "--to", url]) == 0
    out = capsys.readouterr().out
    assert "核对: 各表行数和金额合计与源数据库一致" in out and "payments" in out
    before = _counts(source)
    target = open_database(url)
    after = _counts(target)
    assert {k: v for k, v in after.items() if k != "audit_log"} == {k: v for k, v in before.items() if k != "audit_log"}
    assert after["audit_log"] == before["audit_log"] - 1 > 0  # the history came along; the source logs the copy
    moved = Services.open(target)
    assert moved.property.profile().name == "碧水苑"
    assert moved.auth.login("tester", "tester-Pass-2026").username == "tester"
    # the copy goes on where the source stopped: new rows get new ids and the next receipt number
    first = moved.payments.pay(moved.archive.search_units("1-1-102")[0].id, "10", "cash")
    with target.read_session() as s:
        assert s.scalar(select(func.count(Payment.id))) == 2 and first.id > 1
        assert s.scalar(select(func.count(AuditLog.id)).where(AuditLog.summary.like("复制到%"))) == 0
    target.dispose()


def test_a_non_empty_target_is_refused(db, tmp_path, cli_user, capsys):
    source, services = filled_source(tmp_path)
    me = cli_user(services)
    url = target_url(db, tmp_path)
    assert main(["--database", source.url, *me, "db", "copy", "--to", url]) == 0
    target = open_database(url)
    rows = _counts(target)
    capsys.readouterr()
    assert main(["--database", source.url, *me, "db", "copy", "--to", url]) == 2
    assert "目标数据库不是空的" in capsys.readouterr().err
    assert _counts(target) == rows
    target.dispose()


def test_copy_needs_a_signed_in_administrator(db, tmp_path, cli_user, capsys):
    source, services = filled_source(tmp_path)
    clerk = cli_user(services, role="service", username="kefu")
    assert main(["--database", source.url, *clerk, "db", "copy", "--to", target_url(db, tmp_path)]) == 2
    assert "备份与恢复" in capsys.readouterr().err
