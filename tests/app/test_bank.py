"""银行托收 (issue 14): agreements with masked account numbers, the collection file of a period, the bank's
result file imported all or nothing — payments with receipts (method 托收) for the successes, the arrears and
the bank's reason kept for the failures, the ledger and ``fees check`` agreeing, re-import refused."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.db import open_database
from app.errors import FieldError, PermissionDenied, StateError
from app.models import AuditLog, BankBatchRow, Payment
from app.permissions import DEFAULT_ROLE_PERMISSIONS
from app.services.bank import BankResultRejected
from app.services.context import Actor
from tests.conftest import actor
from tests.fees_setup import add_items, build_property, fee_services

D = Decimal
ACCOUNTS = {"a": "6222020200112345678", "b": "6217000010002222333", "d": "6228480010009999000"}


@pytest.fixture
def office(db):
    """Five units billed for October and November; a, b and d signed agreements; a paid part of October."""
    services, clock = fee_services(db, now=datetime(2026, 10, 20, 10, 0))
    ids = build_property(services)
    add_items(services)
    services.billing.run("2026-10")
    services.payments.pay(ids["a"], "100", "cash")
    clock.now = datetime(2026, 11, 3, 9, 0)
    services.billing.run("2026-11")
    for key, holder in (("a", "张三"), ("b", "李四"), ("d", "王五")):
        services.bank_agreements.save({"unit": f"{'2' if key == 'd' else '1'}-1-{ {'a': '101', 'b': '102', 'd': '101'}[key]}",
                                       "bank": "工商银行", "holder": holder, "account_no": ACCOUNTS[key],
                                       "active_from": "2026-01-01"})
    clock.now = datetime(2026, 12, 2, 9, 0)
    return services, clock, ids


def owed_up_to(services, unit_id, period):
    return sum((ln.outstanding for ln in services.payments.account(unit_id).lines if ln.period <= period), D(0))


def result_file(path, export, outcomes, *, amounts=None):
    """The bank's answer: the exported sheet with 扣款结果/失败原因 added; ``outcomes`` row → (result, reason)."""
    wb = load_workbook(export, read_only=True)
    rows = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    wb.close()
    out = Workbook()
    ws = out.active
    ws.append([*rows[0], "扣款结果", "失败原因"])
    for n, row in enumerate(rows[1:], start=1):
        if amounts and n in amounts:
            row[rows[0].index("金额")] = amounts[n]
        ws.append([*row, *outcomes.get(n, ("成功", ""))])
    out.save(path)
    return path


def test_round_trip_successes_become_receipts_failures_keep_arrears_with_the_reason(office, tmp_path):
    services, clock, ids = office
    expected = {k: owed_up_to(services, ids[k], "2026-11") for k in ("a", "b", "d")}
    billed_before = services.fee_reports.collection_rate("2026-11").month[-1]

    export = tmp_path / "托收.xlsx"
    batch = services.bank.export("2026-11", export)
    assert batch.rows == 3 and batch.total == sum(expected.values()) and batch.status == "sent"
    sheet = load_workbook(export).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header == ["参考号", "房号", "户名", "开户银行", "账号", "金额", "账期"]
    body = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[4] for r in body] == [ACCOUNTS["a"], ACCOUNTS["b"], ACCOUNTS["d"]]  # text, in full for the bank
    assert [D(str(r[5])) for r in body] == [expected["a"], expected["b"], expected["d"]]
    assert body[0][0] == f"{batch.number}-00001"

    answer = result_file(tmp_path / "回盘.xlsx", export, {2: ("失败", "余额不足")})
    preview = services.bank.preview_result(answer)
    assert preview.ok and (preview.succeeded, preview.failed) == (2, 1)
    done = services.bank.import_result(preview)
    assert (done.status, done.succeeded, done.failed) == ("imported", 2, 1)
    assert done.succeeded_amount == expected["a"] + expected["d"]

    with services.ctx.read() as s:
        payments = list(s.scalars(select(Payment).where(Payment.method == "bank").order_by(Payment.id)))
    assert [(p.unit_id, p.amount, p.payer) for p in payments] == [(ids["a"], expected["a"], "张三"),
                                                                  (ids["d"], expected["d"], "王五")]
    assert all(p.receipt_no.startswith("SJ20261202") and "托收" in p.note for p in payments)
    assert owed_up_to(services, ids["a"], "2026-11") == 0 and owed_up_to(services, ids["d"], "2026-11") == 0
    assert owed_up_to(services, ids["b"], "2026-11") == expected["b"]  # failed: arrears kept
    lines = services.bank.lines(done.id)
    assert [(ln.status, ln.reason) for ln in lines] == [("paid", ""), ("failed", "余额不足"), ("paid", "")]
    assert lines[0].receipt_no == payments[0].receipt_no
    assert [f.reason for f in services.bank.failures(ids["b"])] == ["余额不足"]

    check = services.fees_check.check("2026-11")
    assert check.ok, check.violations
    after = services.fee_reports.collection_rate("2026-11").month[-1]
    nov_paid = sum((ln.amount for ln in services.payments.account(ids["a"]).lines if ln.period == "2026-11"), D(0))
    assert after.billed == billed_before.billed and after.collected > billed_before.collected
    ledger = {r.unit_id: r for r in services.fee_reports.ledger("2026-11").rows}
    assert ledger[ids["a"]].total_due == nov_paid == 0 and ledger[ids["b"]].total_due == expected["b"]
    cashup = services.fee_reports.cashup(clock.now.date())
    assert dict((m, a) for m, _, a in cashup.by_method)["bank"] == done.succeeded_amount

    # the same file again, or the batch again: refused, nothing written
    with pytest.raises(BankResultRejected, match="已经导入过"):
        services.bank.import_result(answer)
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(Payment.id)).where(Payment.method == "bank")) == 2
    # the failed unit goes into the next file again
    again = services.bank.export("2026-11", tmp_path / "托收2.csv")
    assert again.rows == 1 and again.total == expected["b"]


def test_one_bad_row_imports_nothing_and_names_every_row(office, tmp_path):
    services, _, ids = office
    export = tmp_path / "t.xlsx"
    batch = services.bank.export("2026-11", export)
    answer = result_file(tmp_path / "r.xlsx", export, {2: ("扣款中", ""), 3: ("成功", "")}, amounts={3: "1.00"})
    wb = load_workbook(answer)
    ws = wb.active
    ws.append([f"{batch.number}-00001", "", "", "", "", ws.cell(2, 6).value, "", "成功", ""])  # duplicate
    ws.append(["TS000-00009", "", "", "", "", "5", "", "成功", ""])
    wb.save(answer)
    preview = services.bank.preview_result(answer)
    messages = preview.messages()
    assert not preview.ok
    assert any(m.startswith("第3行 扣款结果") and "无法识别" in m for m in messages)
    assert any(m.startswith("第4行 金额") and "不一致" in m for m in messages)
    assert any(m.startswith("第5行 参考号") and "与第2行重复" in m for m in messages)
    assert any(m.startswith("第6行 参考号") and "不在托收批次" in m for m in messages)
    with pytest.raises(BankResultRejected):
        services.bank.import_result(answer)
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(Payment.id)).where(Payment.method == "bank")) == 0
        assert set(s.scalars(select(BankBatchRow.status))) == {"sent"}
    assert services.bank.get(batch.id).status == "sent"
    assert owed_up_to(services, ids["a"], "2026-11") > 0


def test_missing_rows_and_a_second_export_while_one_waits(office, tmp_path):
    services, _, _ = office
    export = tmp_path / "t.xlsx"
    services.bank.export("2026-11", export)
    with pytest.raises(StateError, match="还没有导入银行结果"):
        services.bank.export("2026-11", tmp_path / "again.xlsx")
    answer = result_file(tmp_path / "r.xlsx", export, {})
    wb = load_workbook(answer)
    wb.active.delete_rows(4)
    wb.save(answer)
    preview = services.bank.preview_result(answer)
    assert not preview.ok and "1 行不在结果文件中" in preview.messages()[0]


def test_csv_with_a_bank_profile_and_numeric_result_codes(office, tmp_path):
    services, _, ids = office
    services.bank_profiles.save({"name": "农业银行", "columns": "账号: 扣款账号\n户名: 账户名称\n金额: 扣款金额\n"
                                 "参考号: 业务编号\n扣款结果: 处理结果\n失败原因: 备注", "success_values": "0",
                                 "fail_values": "1, 2"})
    out = tmp_path / "abc.csv"
    batch = services.bank.export("2026-10", out, profile="农业银行")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == ["扣款账号", "账户名称", "扣款金额", "业务编号"]
    assert len(rows) == 1 + batch.rows
    back = tmp_path / "abc_result.csv"
    lines = [[*rows[0], "处理结果", "备注"]] + [[*r, "0" if n == 1 else "2", "" if n == 1 else "账户已冻结"]
                                              for n, r in enumerate(rows[1:], start=1)]
    back.write_text("\n".join(",".join(r) for r in lines), encoding="gb18030")
    done = services.bank.import_result(back, profile="农业银行")
    assert (done.succeeded, done.failed) == (1, batch.rows - 1)
    assert "账户已冻结" in {ln.reason for ln in services.bank.lines(done.id)}
    assert services.fees_check.check("2026-11").ok


def test_profile_and_agreement_rules(office):
    services, _, ids = office
    with pytest.raises(FieldError) as err:
        services.bank_profiles.save({"name": "x", "columns": "账号: A\n户名: B", "success_values": "成功",
                                     "fail_values": "成功"})
    assert "缺少必需的列" in err.value.errors["columns"] and "不能相同" in err.value.errors["fail_values"]
    with pytest.raises(FieldError) as err:
        services.bank_agreements.save({"unit": "1-1-101", "bank": "建行", "holder": "张三", "account_no": "12ab",
                                       "active_from": "2026-06-01"})
    assert set(err.value.errors) == {"account_no", "active_from"}  # bad digits; overlaps the one of 2026-01-01


def test_account_numbers_masked_without_the_right_and_changes_audited(office):
    services, _, ids = office
    with pytest.raises(PermissionDenied):
        services.as_actor(actor("service", user_id=7, name="小王")).bank_agreements.all()
    # a 客服 granted bank.view (in 用户与权限) but not pii.view_full
    kefu = services.as_actor(Actor(7, "xiaowang", "小王", "service", DEFAULT_ROLE_PERMISSIONS["service"] | {"bank.view"}))
    rows = kefu.bank_agreements.all()
    assert rows and all("*" in r.account_no for r in rows)
    assert {r.account_no for r in rows} >= {"6222***********5678"}
    assert ACCOUNTS["a"] in {r.account_no for r in services.bank_agreements.all()}
    with pytest.raises(PermissionDenied):
        kefu.bank.export("2026-11", "/tmp/x.xlsx")
    # an edit by someone who sees the number masked keeps the stored number
    row = next(r for r in rows if r.unit_id == ids["a"])
    no_pii = DEFAULT_ROLE_PERMISSIONS["manager"] - {"pii.view_full"}
    masked_manager = services.as_actor(Actor(8, "zhang", "张经理", "manager", no_pii))
    values = masked_manager.bank_agreements.values(row.id)
    assert "*" in values["account_no"]
    masked_manager.bank_agreements.save({**values, "bank": "中国银行"}, row.id)
    assert ACCOUNTS["a"] in {r.account_no for r in services.bank_agreements.all()}
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(AuditLog.id)).where(AuditLog.entity == "bank_agreements")) >= 4
    # the audit trail keeps the number; its viewer masks it without pii.view_full
    from app.services.audit import AuditFilter

    auditor = services.as_actor(Actor(9, "audit", "审计", "manager", no_pii | {"audit.view"}))
    created = [r for r in auditor.audit.search(AuditFilter(entity="bank_agreements"), limit=50)
               if r.action == "create" or "account_no" in r.changes]
    assert created and all(ACCOUNTS["a"] not in str(r.changes) for r in created)
    assert any("6222***********5678" in str(r.changes) for r in created)
    assert any(ACCOUNTS["a"] in str(r.changes) for r in services.audit.search(AuditFilter(entity="bank_agreements")))


def test_closed_day_refuses_the_import(office, tmp_path):
    services, clock, _ = office
    export = tmp_path / "t.xlsx"
    services.bank.export("2026-11", export)
    services.fee_reports.close_cashup(clock.now.date())
    answer = result_file(tmp_path / "r.xlsx", export, {})
    with pytest.raises(StateError, match="已日结"):
        services.bank.import_result(answer)
    assert services.bank.all()[0].status == "sent"


def test_bank_commands_round_trip(tmp_path, capsys, cli_user):
    url = f"sqlite:///{tmp_path / 'bank.db'}"
    services, _ = fee_services(open_database(url), now=datetime(2026, 10, 20, 10, 0))
    build_property(services)
    add_items(services)
    services.billing.run("2026-10")
    me = cli_user(services)
    assert main(["--database", url, *me, "bank", "agreement", "add", "--unit", "2-1-101", "--bank", "建设银行",
                 "--holder", "王五", "--account", "6227 0000 1111 2222", "--from", "2026-01-01"]) == 0
    assert main(["--database", url, *me, "bank", "agreement", "add", "--unit", "1-1-102", "--bank", "工商银行",
                 "--holder", "李四", "--account", "6222000011113333", "--from", "2026-01-01"]) == 0
    assert main(["--database", url, *me, "bank", "agreement", "list"]) == 0
    assert "6227000011112222" in capsys.readouterr().out  # the admin sees it in full
    out = tmp_path / "托收.csv"
    assert main(["--database", url, *me, "bank", "export", "--period", "2026-10", "--out", str(out)]) == 0
    assert "2 户" in capsys.readouterr().out
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    back = tmp_path / "back.csv"
    body = [[*rows[0], "扣款结果", "失败原因"], [*rows[1], "成功", ""], [*rows[2], "失败", "账户已销户"]]
    bad = [*body[:2], [*rows[2], "???", ""]]
    back.write_text("\n".join(",".join(r) for r in bad), encoding="utf-8-sig")
    assert main(["--database", url, *me, "bank", "import", str(back)]) == 1
    assert "第3行 扣款结果" in capsys.readouterr().out
    back.write_text("\n".join(",".join(r) for r in body), encoding="utf-8-sig")
    assert main(["--database", url, *me, "bank", "import", str(back), "--dry-run"]) == 0
    assert main(["--database", url, *me, "bank", "import", str(back)]) == 0
    assert "成功 1 户" in capsys.readouterr().out
    assert main(["--database", url, *me, "bank", "import", str(back)]) == 1
    assert "不能重复导入" in capsys.readouterr().out
    assert main(["--database", url, *me, "fees", "check"]) == 0
    assert main(["--database", url, "bank", "batches"]) == 2  # no --user


@pytest.mark.postgres_only
def test_bank_import_racing_counters_on_the_same_units_keeps_the_ledger(db, office, tmp_path):
    """PostgreSQL: the import (one process) locks each unit like the counter; four counters pay, use prepaid and
    void on the same units meanwhile. Afterwards every invariant holds and each success is one payment."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.app.test_fees_races import assert_ledger_holds, finish, spawn

    services, _, ids = office
    export = tmp_path / "t.xlsx"
    services.bank.export("2026-11", export)
    answer = result_file(tmp_path / "r.xlsx", export, {2: ("失败", "余额不足")})
    units = [ids["a"], ids["b"], ids["d"]]
    procs = [spawn(db.url, "counter", seed, 15, units) for seed in range(3)]
    procs.append(subprocess.Popen([sys.executable, "-m", "app.cli", "--database", db.url, "bank", "import", str(answer)],
                                  cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True))
    outs = finish(procs)
    assert "成功 2 户" in outs[-1]
    assert_ledger_holds(db)
    result = services.fees_check.check()
    assert result.ok, "\n".join(result.violations)
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(Payment.id)).where(Payment.method == "bank")) == 2


@pytest.mark.postgres_only
def test_the_same_result_file_imported_on_two_pcs_at_once_pays_once(db, office, tmp_path):
    """PostgreSQL: two PCs import the bank's result at the same moment; the second waits for the batch and is
    refused — each success is one payment, never two."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.app.test_fees_races import assert_ledger_holds

    services, _, _ = office
    export = tmp_path / "t.xlsx"
    services.bank.export("2026-11", export)
    answer = result_file(tmp_path / "r.xlsx", export, {2: ("失败", "余额不足")})
    procs = [subprocess.Popen([sys.executable, "-m", "app.cli", "--database", db.url, "bank", "import", str(answer)],
                              cwd=Path(__file__).resolve().parents[2], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [proc.communicate(timeout=600) for proc in procs]
    assert sorted(proc.returncode for proc in procs) == [0, 1], outs
    assert_ledger_holds(db)
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(Payment.id)).where(Payment.method == "bank")) == 2
