"""``propdesk period close|reopen|list|adjust``: month-end (月结) of the fee periods. Every one needs a
signed-in user (``--user``): closing is the manager's, reopening the administrator's."""

from __future__ import annotations

from app.money import format_money


def register(sub) -> None:
    period = sub.add_parser("period", help="月结: 关闭/重新打开账期, 查看各账期收缴率").add_subparsers(
        dest="period_command", required=True, metavar="{close,reopen,list,adjust}")
    close = period.add_parser("close", help="月结一个账期 (账目检查须通过); 之后该账期的账单、收款、作废、减免、日结不能再改")
    close.add_argument("period", metavar="YYYY-MM")
    close.set_defaults(func=close_period, needs_user=True)
    reopen = period.add_parser("reopen", help="重新打开已月结的账期 (仅管理员, 须填写原因, 记入审计日志)")
    reopen.add_argument("period", metavar="YYYY-MM")
    reopen.add_argument("--reason", required=True, help="原因")
    reopen.set_defaults(func=reopen_period, needs_user=True)
    listing = period.add_parser("list", help="各账期: 是否月结, 月结时的收缴率, 之后补收的金额")
    listing.set_defaults(func=list_periods, needs_user=True)
    adjust = period.add_parser("adjust", help="调整: 已月结账期漏收 (正数) 或多收 (负数, 冲减) 的费用, 记在该户当前未结账期的账单上")
    adjust.add_argument("period", metavar="YYYY-MM", help="已月结的账期")
    adjust.add_argument("--unit", required=True, metavar="ROOM", help="房号, 如 3-1-1502")
    adjust.add_argument("--item", required=True, metavar="NAME", help="收费项目名称")
    adjust.add_argument("--amount", required=True)
    adjust.add_argument("--reason", required=True)
    adjust.set_defaults(func=adjust_period, needs_user=True)


def _line(row) -> str:
    if row.closed:
        return (f"{row.period}  已月结 {row.closed_at:%Y-%m-%d %H:%M} {row.closed_by}  应收 {format_money(row.billed)}"
                f"  月结时实收 {format_money(row.collected)} ({row.rate:.2%})"
                f"  之后补收 {format_money(row.collected_later)}")
    reopened = f"  (已由 {row.reopened_by} 重新打开: {row.reopen_reason})" if row.reopened_at else ""
    return (f"{row.period}  未结  应收 {format_money(row.billed)}  实收 {format_money(row.collected)}"
            f" ({row.rate:.2%}){reopened}")


def close_period(args) -> int:
    row = args.services.periods.close(args.period)
    print(f"已月结 {_line(row)}")
    return 0


def reopen_period(args) -> int:
    row = args.services.periods.reopen(args.period, args.reason)
    print(f"已重新打开 {_line(row)}")
    return 0


def list_periods(args) -> int:
    rows = args.services.periods.periods()
    for row in rows:
        print(_line(row))
    if not rows:
        print("还没有账期")
    return 0


def adjust_period(args) -> int:
    from app.commands.fees import unit_id

    services = args.services
    services.periods.adjust(unit_id(services, args.unit), args.period, args.item, args.amount, args.reason)
    print(f"已调整 {args.unit}: {args.period} 的 {args.item} {args.amount} 元, 记在当前未结账期的账单上")
    return 0
