"""Counters racing on PostgreSQL, in real processes: pay / pay with prepaid / pay with 滞纳金 / use prepaid /
void on the same units while a re-bill and a 补收 run. Afterwards the ledger's invariants hold, checked by
``fees check`` and by the plain sums below. (SQLite serialises writers with BEGIN IMMEDIATE; these tests
are about PostgreSQL's row locks.)"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.models import Allocation, Bill, BillLine, ChargeMethod, Payment, PrepaidEntry
from tests.fees_setup import add_items, build_property, fee_services

pytestmark = pytest.mark.postgres_only
ROOT = Path(__file__).resolve().parents[2]


def spawn(url: str, role: str, seed: int, rounds: int, units: list[int]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.app._fees_race_worker", url, role, str(seed), str(rounds), *map(str, units)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(procs: list[subprocess.Popen]) -> list[str]:
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
        outs.append(out)
    return outs


def assert_ledger_holds(db) -> None:
    """The invariants by plain sums, independent of the service that checks them."""
    with db.read_session() as s:
        for bill in s.scalars(select(Bill)):
            amount, paid = s.execute(select(func.sum(BillLine.amount), func.sum(BillLine.paid))
                                     .where(BillLine.bill_id == bill.id)).one()
            assert (bill.total, bill.paid) == (amount, paid), f"bill {bill.id}"
        for line in s.scalars(select(BillLine)):
            live = s.scalar(select(func.sum(Allocation.amount)).where(
                Allocation.line_id == line.id, Allocation.voided.is_(False))) or Decimal("0.00")
            assert line.paid == live and 0 <= line.paid <= line.amount, f"line {line.id}"
        for unit_id, balance in s.execute(select(PrepaidEntry.unit_id, func.sum(PrepaidEntry.amount))
                                          .group_by(PrepaidEntry.unit_id)):
            assert balance >= 0, f"unit {unit_id} prepaid {balance}"


@pytest.fixture
def racing_property(db):
    services, clock = fee_services(db)
    ids = build_property(services)
    add_items(services)
    for period in ("2026-09", "2026-10", "2026-11"):
        services.billing.run(period)
    for unit in ("a", "b", "d"):  # every unit holds some prepaid, so three PCs can spend the same balance
        owed = services.payments.account(ids[unit]).outstanding
        services.payments.pay(ids[unit], owed + Decimal("300"), "cash")
    services.billing.save_item({"name": "电梯费", "method": ChargeMethod.FIXED, "unit_price": "20",
                                "start_date": "2026-01-01", "sort_order": 4})
    services.billing.run("2026-12")  # new bills the prepaid settles at once
    return services, ids


def test_counters_racing_on_the_same_units_keep_the_ledger(db, racing_property):
    services, ids = racing_property
    units = [ids["a"], ids["b"], ids["d"]]
    procs = [spawn(db.url, "counter", seed, 25, units) for seed in range(4)]
    procs.append(spawn(db.url, "rebill", 99, 4, units))
    procs.append(spawn(db.url, "supplement", 7, 1, units))
    finish(procs)
    assert_ledger_holds(db)
    result = services.fees_check.check()
    assert result.ok, "\n".join(result.violations)
    with db.read_session() as s:
        assert s.scalar(select(func.count(Payment.id))) > 10
        assert s.scalar(select(func.count(Payment.id)).where(Payment.voided.is_(True))) > 0


def test_three_pcs_spending_the_same_prepaid_balance(db, racing_property):
    """Each PC pays a new bill from the same 300 prepaid at the same moment: it is spent once."""
    services, ids = racing_property
    services.billing.supplement("2026-11", "电梯费")  # 20 more owed per unit: the prepaid settles it
    procs = [spawn(db.url, "counter", seed, 12, [ids["a"]]) for seed in (11, 12, 13)]
    finish(procs)
    assert_ledger_holds(db)
    result = services.fees_check.check()
    assert result.ok, "\n".join(result.violations)


def test_counters_paying_the_same_period_and_kind_for_different_units(db, racing_property):
    """Four PCs take money for four units at once (no unit lock shared), all on the same periods and fee items,
    while the kept sums are folded: no one waits on or deadlocks over a summary row (a deadlock would end a
    worker with a traceback), and the kept sums equal the lines afterwards."""
    from app.services import fee_sums

    services, ids = racing_property
    services.billing.supplement("2026-11", "电梯费")
    procs = [spawn(db.url, "counter", seed, 30, [ids[unit]]) for seed, unit in enumerate("abde", start=21)]
    procs.append(spawn(db.url, "fold", 5, 40, []))
    finish(procs)
    assert_ledger_holds(db)
    result = services.fees_check.check()
    assert result.ok, "\n".join(result.violations)
    with db.read_session() as s:
        assert fee_sums.kept_sums(s) == fee_sums.live_sums(s)
        assert fee_sums.kept_owing(s) == fee_sums.live_owing(s)
        assert s.scalar(select(func.count(Payment.id))) > 40
