"""月结 (period close): the manager closes a billing period once ``fees check`` of it is clean.

A closed period's bills (billing run, re-bill, 补收, readings), waivers, and the payments, voids, refunds and
cash-ups dated in it are refused — each write calls :func:`guard_open_period` at the place it goes through
(like :func:`app.services.fees_payments.guard_open_day` one level down). Arrears of a closed period may still
be paid: that money is "collected later", shown apart from the collection rate frozen at the close. A
correction is an adjustment (调整) line on the unit's bill of an open period that names the closed one. Only the
administrator reopens a period (``fees.reopen``), with a reason; the audit trail keeps both moves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app.errors import FieldError, NotFound, StateError
from app.models import Bill, BillLine, FeeItem, PeriodClose
from app.money import ZERO, parse_amount, to_money
from app.services import fee_sums
from app.services.context import ServiceContext
from app.validators import clean_text

ADJUSTMENT = "调整 "  # an adjustment line's description starts with it, then the closed period


def closed_periods(s: Session, periods) -> set[str]:
    periods = set(periods)
    if not periods:
        return set()
    return set(s.scalars(select(PeriodClose.period).where(PeriodClose.period.in_(periods),
                                                          PeriodClose.closed.is_(True))))


PERIOD_LOCK_KEY = 0x4D4F4E54  # "MONT": the advisory locks of 月结 on PostgreSQL, second key = 202610


def lock_periods(s: Session, periods, *, exclusive: bool = False) -> None:
    """PostgreSQL: every write to a period holds its lock shared until it commits; the close takes it
    exclusively, so it waits for those writes and they wait for it (then see the period closed). SQLite: the
    write transaction (``BEGIN IMMEDIATE``) already serialises them."""
    if s.get_bind().dialect.name != "postgresql":
        return
    function = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    for period in sorted(set(periods)):
        s.execute(text(f"SELECT {function}(:k, :p)"), {"k": PERIOD_LOCK_KEY, "p": int(period.replace("-", ""))})


def guard_open_period(s: Session, *periods: str, what: str = "更改") -> None:
    """Refuse a write touching a closed (月结) period, naming it (after waiting for a close under way)."""
    lock_periods(s, periods)
    closed = sorted(closed_periods(s, periods))
    if closed:
        raise StateError(f"账期 {', '.join(closed)} 已月结, 不能再{what}。如需更正, 请在当前未结账期做调整"
                         f" (经理: 收费 → 月结 → 调整); 重新打开需管理员。未做任何更改。")


def open_cashup_days(s: Session, period: str) -> list[date]:
    """Days of ``period`` on which money was taken, voided or refunded whose cash-up (日结) is not closed."""
    from app.models import CashupClose, Payment, Refund
    from app.services.fees_check import days_of

    days = days_of(period)
    start, end = datetime.combine(days[0], datetime.min.time()), datetime.combine(days[-1], datetime.max.time())
    moved: set[date] = set()
    for column in (Payment.paid_at, Payment.voided_at, Refund.refunded_at):
        moved |= {d if isinstance(d, date) else date.fromisoformat(str(d)[:10])
                  for d in s.scalars(select(func.date(column)).where(column >= start, column <= end).distinct())}
    closed = set(s.scalars(select(CashupClose.day).where(CashupClose.day >= days[0], CashupClose.day <= days[-1])))
    return sorted(moved - closed)


def period_of(moment: date | datetime) -> str:
    return f"{moment:%Y-%m}"


@dataclass(frozen=True)
class PeriodRow:
    period: str
    closed: bool
    closed_at: datetime | None
    closed_by: str
    billed: Decimal  # as closed (frozen), or now while open
    collected: Decimal  # as closed (frozen), or now while open
    collected_later: Decimal  # paid on the period's lines since its close
    reopened_at: datetime | None = None
    reopened_by: str = ""
    reopen_reason: str = ""

    @property
    def rate(self) -> float:
        return float(self.collected / self.billed) if self.billed else 0.0

    @property
    def rate_now(self) -> float:
        return float((self.collected + self.collected_later) / self.billed) if self.billed else 0.0


class PeriodCloseService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def _period(self, text: object) -> str:
        from app.services.fees_billing import period_or_error

        return period_or_error(text)

    def _collected(self, period: str) -> tuple[Decimal, Decimal, dict]:
        from app.services.fees_reports import FeeReportService

        figures = FeeReportService(self.ctx).collection_rate(period)
        rows = {r.kind: [str(r.billed), str(r.collected)] for r in figures.month}
        return Decimal(rows["all"][0]), Decimal(rows["all"][1]), rows

    def periods(self) -> list[PeriodRow]:
        """Every billed or closed period, newest first, with its frozen and later-collected figures."""
        self.ctx.require("fees.reports")
        with self.ctx.read() as s:
            billed = set(s.scalars(select(Bill.period).distinct()))
            closes = {c.period: c for c in s.scalars(select(PeriodClose))}
        out = []
        for period in sorted(billed | set(closes), reverse=True):
            close = closes.get(period)
            if close is not None and close.closed:
                frozen = json.loads(close.snapshot)["all"]
                b, c = Decimal(frozen[0]), Decimal(frozen[1])
                _, current, _ = self._collected(period)
                out.append(PeriodRow(period, True, close.closed_at, close.closed_by_name, b, c,
                                     to_money(current - c)))
            else:
                b, c, _ = self._collected(period) if period in billed else (ZERO, ZERO, {})
                out.append(PeriodRow(period, False, None, "", b, c, ZERO,
                                     close.reopened_at if close else None, close.reopened_by_name if close else "",
                                     close.reopen_reason if close else ""))
        return out

    def get(self, period: str) -> PeriodRow:
        period = self._period(period)
        row = next((r for r in self.periods() if r.period == period), None)
        if row is None:
            raise NotFound(f"账期 {period} 还没有账单")
        return row

    def open_days(self, period: str) -> list[date]:
        """The days of ``period`` that moved money and are not closed (日结) yet: a close waits for them."""
        self.ctx.require("fees.reports")
        period = self._period(period)
        with self.ctx.read() as s:
            return open_cashup_days(s, period)

    def close(self, period: str) -> PeriodRow:
        """月结 ``period`` (``fees.close``): only after the month is over, when every day of it that moved money is
        closed (日结) and ``fees check`` of it is clean — checked inside the closing transaction, after taking the
        period's lock, so nothing can change between the check and the close. Its collection rate is frozen."""
        from app.services.context import within
        from app.services.fees_check import LedgerCheckService
        from app.services.sequences import next_value

        self.ctx.require("fees.close")
        period = self._period(period)
        today = self.ctx.clock().date()
        if period >= period_of(today):
            raise FieldError({"period": f"账期 {period} 还没有结束 (今天 {today:%Y-%m-%d}), 月底之后才能月结"})
        with self.ctx.write() as s:
            lock_periods(s, [period], exclusive=True)
            next_value(s, f"period:{period}")  # one close at a time per period
            if s.scalar(select(Bill.id).where(Bill.period == period).limit(1)) is None:
                raise FieldError({"period": f"账期 {period} 还没有账单, 无需月结"})
            close = s.scalar(select(PeriodClose).where(PeriodClose.period == period))
            if close is not None and close.closed:
                raise StateError(f"账期 {period} 已于 {close.closed_at:%Y-%m-%d %H:%M} 由 {close.closed_by_name} 月结")
            days = open_cashup_days(s, period)
            if days:
                raise StateError(f"账期 {period} 还有 {len(days)} 天没有日结, 不能月结: "
                                 + "、".join(f"{d:%m-%d}" for d in days[:15]) + (" …" if len(days) > 15 else "")
                                 + " (收缴率/日结 页逐日日结)")
            inside = within(self.ctx, s)
            result = LedgerCheckService(inside).check(period, limit=5)
            if not result.ok:
                raise StateError(f"账期 {period} 的账目检查未通过 ({len(result.violations)} 处问题), 不能月结:\n"
                                 + "\n".join(result.violations[:5]))
            _, _, rows = PeriodCloseService(inside)._collected(period)
            now, actor = self.ctx.clock(), self.ctx.actor
            values = dict(closed=True, closed_at=now, closed_by=actor.user_id, closed_by_name=actor.display_name,
                          snapshot=json.dumps(rows, ensure_ascii=False))
            if close is None:
                s.add(PeriodClose(period=period, reopened_by_name="", reopen_reason="", **values))
            else:
                for key, value in values.items():
                    setattr(close, key, value)
        fee_sums.fold_slots(self.ctx)  # PostgreSQL: the month's slot rows into slot 0
        return self.get(period)

    def reopen(self, period: str, reason: str) -> PeriodRow:
        """Reopen a closed period: the administrator only (``fees.reopen``), with a reason; audited."""
        self.ctx.require("fees.reopen")
        period = self._period(period)
        reason = clean_text(reason)
        if len(reason) < 2:
            raise FieldError({"reason": "请填写重新打开账期的原因"})
        with self.ctx.write() as s:
            close = s.scalar(select(PeriodClose).where(PeriodClose.period == period))
            if close is None or not close.closed:
                raise StateError(f"账期 {period} 没有月结, 无需重新打开")
            close.closed = False
            close.reopened_at = self.ctx.clock()
            close.reopened_by_name = self.ctx.actor.display_name
            close.reopen_reason = reason
        return self.get(period)

    def adjust(self, unit_id: int | str, closed_period: str, item: int | str, amount: object, reason: str) -> int:
        """调整 of a closed period, landing on the unit's bill of the latest open period and naming the closed one
        (``fees.close``). An amount owed (a charge found missing after the close) is its own line there; a credit
        (negative: charged too much) is forgiven from that bill's unpaid lines — the item's first — as a 减免
        whose reason names the closed period, so the open period's billed figure drops by it. A credit larger
        than what the bill still owes is refused: the owner's money is given back by 退款. Returns the bill id."""
        from app.services.fees_meters import resolve_rooms
        from app.services.fees_payments import _open_lines, lock_unit, settle_from_prepaid, waive_lines

        self.ctx.require("fees.close")
        closed_period = self._period(closed_period)
        errors = {}
        credit = False
        try:
            value = parse_amount(clean_text(amount).replace("−", "-"))
            credit, value = value < 0, abs(value)
            if value == 0:
                errors["amount"] = "调整金额不能为0 (补收填正数, 多收冲减填负数)"
        except ValueError as exc:
            errors["amount"] = f"调整金额: {exc}"
            value = ZERO
        reason = clean_text(reason)
        if len(reason) < 2:
            errors["reason"] = "请填写调整原因"
        if errors:
            raise FieldError(errors)
        with self.ctx.write() as s:
            if isinstance(unit_id, str):  # a room code typed in the form
                found = resolve_rooms(s, unit_id, "unit")
                if len(found) != 1:
                    raise FieldError({"unit": "请填写一个房号, 如 3-1-1502"})
                unit_id = found[0]
            lock_unit(s, unit_id)
            if not closed_periods(s, [closed_period]):
                raise FieldError({"period": f"账期 {closed_period} 没有月结: 请直接重算或补收该账期"})
            item_id = item if isinstance(item, int) else s.scalar(select(FeeItem.id).where(FeeItem.name == item))
            if item_id is None or s.get(FeeItem, item_id) is None:
                raise FieldError({"item": f"收费项目“{item}”不存在"})
            closed = select(PeriodClose.period).where(PeriodClose.closed.is_(True))
            bill = s.scalar(select(Bill).where(Bill.unit_id == unit_id, Bill.period > closed_period,
                                               Bill.period.not_in(closed)).order_by(Bill.period.desc()).limit(1))
            if bill is None:
                raise FieldError({"period": f"该房屋在 {closed_period} 之后还没有未结账期的账单: 请先生成当期账单"})
            note = f"{ADJUSTMENT}{closed_period}: {reason}"[:128]
            if credit:
                lines = sorted((ln for ln in _open_lines(s, unit_id) if ln.bill_id == bill.id),
                               key=lambda ln: ln.item_id != item_id)
                owed = sum((ln.amount - ln.paid for ln in lines), ZERO)
                if value > owed:
                    raise FieldError({"amount": f"冲减 {value} 元超过该户 {bill.period} 账单未缴的 {owed} 元: "
                                                "多收的款项请退款 (先转入预存款)"})
                waive_lines(s, self.ctx, unit_id, lines, value, note, self.ctx.clock())
                return bill.id
            s.add(BillLine(bill_id=bill.id, unit_id=unit_id, period=bill.period, item_id=item_id, quantity=1,
                           unit_price=value, factor=1, description=note, amount=value, paid=ZERO))
            bill.total = to_money(bill.total + value)
            s.flush()
            settle_from_prepaid(s, self.ctx, unit_id)
            return bill.id
