"""``propdesk fees check``: the ledger's invariants, each violation named in Chinese.

What an accountant relies on, checked straight from the tables (not through the services that wrote them):
- each bill line's ``paid`` = the sum of its live allocations, 0 ≤ paid ≤ amount;
- each bill's total/paid = the sums of its lines;
- each payment: live cash allocations + deposit = its amount (a voided one: none left, deposit reversed);
- each unit's prepaid ledger: balance ≥ 0, and what it spent = the live allocations drawn from it;
  a unit holding prepaid has no open line (prepaid settles arrears by itself);
- receipt numbers unique and gap-free (per day: 0001 … n);
- the kept sums the fee figures read (``fee_sums``, ``fee_owing``, migration 0020) = the same sums over the
  lines (``rebuild_sums`` / ``propdesk fees rebuild-sums`` rebuilds them);
- for the period: ledger totals = collection-rate totals, and Σ daily cash-ups = the money taken on those
  days from the payments and refunds tables.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select

from app.models import Allocation, Bill, BillLine, Payment, PrepaidEntry, PrepaidKind, Refund
from app.money import ZERO, to_money
from app.services.context import ServiceContext
from app.services.fees_billing import period_or_error
from app.services.fees_rules import add_months, period_first_day

_RECEIPT = re.compile(r"^([A-Z]+)(\d{8})(\d{4,})$")


@dataclass(frozen=True)
class CheckResult:
    period: str | None
    checked: dict[str, int]
    violations: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.violations


class LedgerCheckService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def check(self, period: str | None = None, limit: int = 200) -> CheckResult:
        """Check every invariant (the period's reports too, when ``period`` is given); at most ``limit``
        violations of each kind are listed."""
        self.ctx.require("fees.reports")
        period = period_or_error(period) if period else None
        out: list[str] = []
        checked: dict[str, int] = {}
        with self.ctx.read() as s:
            for name, rule in (("lines", self._lines), ("bills", self._bills), ("payments", self._payments),
                               ("prepaid", self._prepaid), ("receipts", self._receipts), ("sums", self._sums)):
                found, count = rule(s)
                checked[name] = count
                out += found[:limit]
        if period:
            out += self._reports(period)
        return CheckResult(period, checked, tuple(out))

    # ---- table invariants
    @staticmethod
    def _lines(s) -> tuple[list[str], int]:
        live = (select(Allocation.line_id, func.sum(Allocation.amount).label("amt"))
                .where(Allocation.voided.is_(False)).group_by(Allocation.line_id).subquery())
        rows = s.execute(
            select(BillLine.id, BillLine.unit_id, BillLine.period, BillLine.amount, BillLine.paid, live.c.amt)
            .outerjoin(live, live.c.line_id == BillLine.id)
        ).all()
        bad = []
        for line_id, unit_id, period, amount, paid, alloc in rows:
            alloc = to_money(alloc or 0)
            if paid != alloc:
                bad.append(f"账单明细 #{line_id} (房屋 {unit_id}, {period}): 已缴 {paid} ≠ 有效冲抵合计 {alloc}")
            if paid < 0 or paid > amount:
                bad.append(f"账单明细 #{line_id} (房屋 {unit_id}, {period}): 已缴 {paid} 超出 0–{amount}")
        return bad, len(rows)

    @staticmethod
    def _bills(s) -> tuple[list[str], int]:
        sums = (select(BillLine.bill_id, func.sum(BillLine.amount).label("amt"), func.sum(BillLine.paid).label("pd"))
                .group_by(BillLine.bill_id).subquery())
        rows = s.execute(select(Bill.id, Bill.unit_id, Bill.period, Bill.total, Bill.paid, sums.c.amt, sums.c.pd)
                         .outerjoin(sums, sums.c.bill_id == Bill.id)).all()
        bad = []
        for bill_id, unit_id, period, total, paid, amt, pd in rows:
            amt, pd = to_money(amt or 0), to_money(pd or 0)
            if (total, paid) != (amt, pd):
                bad.append(f"账单 #{bill_id} (房屋 {unit_id}, {period}): 合计/已缴 {total}/{paid} ≠ 明细之和 {amt}/{pd}")
        return bad, len(rows)

    @staticmethod
    def _payments(s) -> tuple[list[str], int]:
        cash = dict(s.execute(
            select(Allocation.payment_id, func.sum(Allocation.amount))
            .where(Allocation.payment_id.is_not(None), Allocation.voided.is_(False)).group_by(Allocation.payment_id)
        ).all())
        entries = defaultdict(dict)
        for pid, kind, amt in s.execute(
            select(PrepaidEntry.payment_id, PrepaidEntry.kind, func.sum(PrepaidEntry.amount))
            .where(PrepaidEntry.payment_id.is_not(None), PrepaidEntry.kind.in_([PrepaidKind.DEPOSIT, PrepaidKind.REVERSE]))
            .group_by(PrepaidEntry.payment_id, PrepaidEntry.kind)
        ):
            entries[pid][kind] = to_money(amt)
        rows = s.execute(select(Payment.id, Payment.receipt_no, Payment.amount, Payment.voided)).all()
        bad = []
        for pid, no, amount, voided in rows:
            on_lines = to_money(cash.get(pid) or 0)
            kept = entries[pid].get(PrepaidKind.DEPOSIT, ZERO) + entries[pid].get(PrepaidKind.REVERSE, ZERO)
            expected = ZERO if voided else amount
            if on_lines + kept != expected:
                bad.append(f"收据 {no}: 冲抵 {on_lines} + 转预存 {kept} ≠ {'作废后应为 0' if voided else f'收款 {amount}'}")
        return bad, len(rows)

    @staticmethod
    def _prepaid(s) -> tuple[list[str], int]:
        balances = dict(s.execute(select(PrepaidEntry.unit_id, func.sum(PrepaidEntry.amount))
                                  .group_by(PrepaidEntry.unit_id)).all())
        spent = dict(s.execute(
            select(PrepaidEntry.unit_id, func.sum(PrepaidEntry.amount))
            .where(PrepaidEntry.kind.in_([PrepaidKind.APPLY, PrepaidKind.RELEASE])).group_by(PrepaidEntry.unit_id)
        ).all())
        drawn = dict(s.execute(
            select(PrepaidEntry.unit_id, func.sum(Allocation.amount))
            .join(PrepaidEntry, PrepaidEntry.id == Allocation.prepaid_entry_id)
            .where(Allocation.voided.is_(False)).group_by(PrepaidEntry.unit_id)
        ).all())
        open_units = set(s.scalars(select(BillLine.unit_id).where(BillLine.amount > BillLine.paid).distinct()))
        bad = []
        for unit_id, balance in balances.items():
            balance = to_money(balance or 0)
            if balance < 0:
                bad.append(f"房屋 {unit_id}: 预存款余额为负 {balance}")
            used, on_lines = -to_money(spent.get(unit_id) or 0), to_money(drawn.get(unit_id) or 0)
            if used != on_lines:
                bad.append(f"房屋 {unit_id}: 预存款抵扣 {used} ≠ 有效冲抵 {on_lines}")
            if balance > 0 and unit_id in open_units:
                bad.append(f"房屋 {unit_id}: 有预存款 {balance} 却仍有未缴明细 (应自动抵扣)")
        return bad, len(balances)

    @staticmethod
    def _receipts(s) -> tuple[list[str], int]:
        numbers = list(s.scalars(select(Payment.receipt_no)))
        bad = []
        if len(numbers) != len(set(numbers)):
            bad.append("收据号有重复")
        days: dict[str, list[int]] = defaultdict(list)
        for no in numbers:
            match = _RECEIPT.match(no)
            if match is None:
                bad.append(f"收据号格式不对: {no}")
                continue
            days[match.group(1) + match.group(2)].append(int(match.group(3)))
        for day, seq in sorted(days.items()):
            if sorted(seq) != list(range(1, len(seq) + 1)):
                missing = sorted(set(range(1, max(seq) + 1)) - set(seq))[:10]
                bad.append(f"收据号 {day}…: 不连续, 缺 {', '.join(f'{n:04d}' for n in missing) or '(重复)'}")
        return bad, len(numbers)

    @staticmethod
    def _sums(s) -> tuple[list[str], int]:
        from app.services import fee_sums

        hint = " (propdesk fees rebuild-sums 重建)"
        bad = []
        kept, live = fee_sums.sums_kept_and_live(s)
        for key in sorted(set(kept) | set(live)):
            got, want = kept.get(key, (0, 0, 0, 0)), live.get(key, (0, 0, 0, 0))
            if got != want:
                period, item_id, late = key
                shown = [" / ".join([str(v[0]), *(str(fee_sums.money(x)) for x in v[1:])]) for v in (got, want)]
                bad.append(f"收缴汇总 {period} 收费项目 #{item_id}{' 滞纳金' if late else ''}: "
                           f"笔数/应收/已缴/减免 {shown[0]} ≠ 明细之和 {shown[1]}{hint}")
        kept_owing, live_owing = fee_sums.owing_kept_and_live(s)
        for unit_id, period in sorted(set(kept_owing) | set(live_owing)):
            got, want = kept_owing.get((unit_id, period)), live_owing.get((unit_id, period))
            if got != want:
                shown = ["无" if v is None else f"{fee_sums.money(v[1])} (到期 {v[0]:%Y-%m-%d})" for v in (got, want)]
                bad.append(f"欠费汇总 房屋 {unit_id} {period}: {shown[0]} ≠ 明细之和 {shown[1]}{hint}")
        return bad, len(live) + len(live_owing)

    def rebuild_sums(self) -> int:
        """Rebuild the kept sums from the lines (after a drift ``check`` named); returns the rows written.
        On PostgreSQL writers to the lines wait meanwhile: run it when no one is taking money."""
        from app.models import FeeOwing, FeeSum
        from app.services import fee_sums
        from app.services.audit import log_event

        self.ctx.require("fees.reports")
        with self.ctx.write() as s:
            fee_sums.rebuild(s.connection())
            rows = (s.scalar(select(func.count()).select_from(FeeSum)) or 0) + (
                s.scalar(select(func.count()).select_from(FeeOwing)) or 0)
            log_event(s, "rebuild", "fee_sums", {"rows": rows}, summary=f"重建收费汇总: {rows} 行")
        return rows

    # ---- the period's reports agree with each other and with the tables
    def _reports(self, period: str) -> list[str]:
        from app.services.fees_reports import FeeReportService

        reports = FeeReportService(self.ctx)
        bad = []
        ledger = reports.ledger(period)
        rate = {r.kind: r for r in reports.collection_rate(period).month}["all"]
        billed = sum((r.billed for r in ledger.rows), ZERO)
        paid = sum((r.paid for r in ledger.rows), ZERO)
        waived = sum((r.waived for r in ledger.rows), ZERO)
        if billed - waived != rate.billed:
            bad.append(f"{period}: 台账应收 − 减免 {billed - waived} ≠ 收缴率应收 {rate.billed}")
        if paid != rate.collected:
            bad.append(f"{period}: 台账实收合计 {paid} ≠ 收缴率实收 {rate.collected}")
        first = period_first_day(period)
        after = period_first_day(add_months(period, 1))
        cashups = sum((reports.cashup(day).total for day in days_of(period)), ZERO)
        start, end = datetime.combine(first, datetime.min.time()), datetime.combine(after, datetime.min.time())
        with self.ctx.read() as s:
            taken = s.scalar(select(func.sum(Payment.amount)).where(Payment.paid_at >= start, Payment.paid_at < end))
            reversed_ = s.scalar(select(func.sum(case((Payment.voided.is_(True), Payment.amount), else_=0)))
                                 .where(Payment.voided_at >= start, Payment.voided_at < end))
            refunded = s.scalar(select(func.sum(Refund.amount)).where(Refund.refunded_at >= start,
                                                                      Refund.refunded_at < end))
        money = to_money(taken or 0) - to_money(reversed_ or 0) - to_money(refunded or 0)
        if cashups != money:
            bad.append(f"{period}: 各日日结合计 {cashups} ≠ 当月收款 − 作废 − 退款 {money}")
        return bad


def days_of(period: str) -> list[date]:
    first = period_first_day(period)
    after = period_first_day(add_months(period, 1))
    return [first + timedelta(days=i) for i in range((after - first).days)]
