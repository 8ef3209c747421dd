"""``propdesk workorder slip NUMBER --out FILE.pdf``, ``list``, ``escalate`` (for a scheduled task: escalate
what is overdue by the set margins) and ``escalations`` (the daily list of what escalated)."""

from __future__ import annotations

import sys
from pathlib import Path

from app.commands import positive_count
from app.errors import NotFound


def register(sub) -> None:
    wo = sub.add_parser("workorder", help="工单: 打印派工单、列出工单").add_subparsers(
        dest="workorder_command", required=True)
    slip = wo.add_parser("slip", help="生成派工单 PDF")
    slip.add_argument("number", help="工单编号, 如 GD202611280001")
    slip.add_argument("--out", required=True, metavar="FILE.pdf", help="输出的 PDF 文件")
    slip.add_argument("--page", choices=["A5", "A4"], default="A5", help="纸张: A5 横向(默认)或 A4")
    slip.add_argument("--full-phone", action="store_true", help="显示完整联系电话(默认打码)")
    slip.set_defaults(func=run_slip)

    lst = wo.add_parser("list", help="列出工单")
    lst.add_argument("--state", action="append", help="状态代码, 可重复: received, dispatched, in_progress, …")
    lst.add_argument("--overdue", action="store_true", help="只列超时未完成的工单")
    lst.add_argument("--query", default="", help="按编号、房号、业主姓名或电话查找")
    lst.add_argument("--limit", type=positive_count, default=50)
    lst.set_defaults(func=run_list)

    esc = wo.add_parser("escalate", help="超时工单自动升级(至班组主管、再至经理), 供计划任务定时运行")
    esc.set_defaults(func=run_escalate)
    daily = wo.add_parser("escalations", help="列出某天自动升级的工单(默认今天)")
    daily.add_argument("--date", type=_day, default=None, metavar="YYYY-MM-DD")
    daily.set_defaults(func=run_escalations)


def _day(text: str):
    from argparse import ArgumentTypeError
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"日期应为 YYYY-MM-DD: {text}") from None


def _print_steps(steps) -> None:
    from app.services.workorders import label

    for step in steps:
        print(f"{step.at:%Y-%m-%d %H:%M}  {step.number}  {label(step.team):<4}  {step.note}")


def _quick_list(args, read_password) -> int | None:
    """``run_list`` answered through the standard library on SQLite (app/commands/workorder_quick.py), or
    None when the usual path must answer."""
    from app.commands.workorder_quick import run_list_quick

    return run_list_quick(args, read_password)


def run_escalate(args) -> int:
    services = args.services
    steps = services.workorders.escalate_overdue()
    _print_steps(steps)
    print(f"本次升级 {len(steps)} 步")
    return 0


def run_escalations(args) -> int:
    services = args.services
    day = args.date or services.ctx.clock().date()
    steps = services.workorders.escalations(day)
    _print_steps(steps)
    print(f"{day:%Y-%m-%d} 共升级 {len(steps)} 步")
    return 0


def run_slip(args) -> int:
    services = args.services
    try:
        order_id = services.workorders.find(args.number)
    except NotFound as exc:
        print(str(exc), file=sys.stderr)
        return 1
    out = Path(args.out)
    if out.parent and not out.parent.exists():
        print(f"输出目录不存在: {out.parent}", file=sys.stderr)
        return 1
    from app.files import write_bytes

    write_bytes(out, services.workorders.slip_pdf(order_id, page=args.page, full_phone=args.full_phone or None))
    print(out.resolve())
    return 0


def run_list(args) -> int:
    from app.services.workorders import WorkOrderFilter

    services = args.services
    flt = WorkOrderFilter(states=tuple(args.state or ()), overdue=args.overdue, query=args.query)
    print_list(services.workorders.count(flt), services.workorders.list(flt, limit=args.limit), args.limit)
    return 0


def print_list(total: int, rows, limit: int) -> None:
    """The list's lines (``rows``: WorkOrderRow, or anything with its fields used here) and its total."""
    from app.workorder_codes import label

    for row in rows:
        flag = {"overdue": "超时", "near": "将到期"}.get(row.deadline_status, "")
        print(f"{row.number}  {label(row.state):<4}  {label(row.kind)}  {label(row.category):<4}  "
              f"{row.unit_code or '-':<10}  {row.assignee or '-':<6}  {row.reported_at:%Y-%m-%d %H:%M}  {flag}  "
              f"{row.description[:30]}")
    print(f"共 {total} 条" + (f", 显示前 {limit} 条" if total > limit else ""))


run_list.quick = _quick_list
