"""``propdesk billing run|rebill|supplement``, ``readings import``, ``ledger export``, ``notices``,
``payment take|void|refund``, ``fees check|waive|close-day|dates``: fees from the command line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands import lazy_choices
from app.errors import ServiceError
from app.money import format_money

if TYPE_CHECKING:
    from app.services import Services


def _pay_methods() -> list[str]:
    from app.models import PayMethod

    return [m.value for m in PayMethod]


def register(sub) -> None:
    billing = sub.add_parser("billing", help="计费: 为一个账期生成账单").add_subparsers(
        dest="billing_command", required=True)
    run = billing.add_parser("run", help="生成账期账单 (已有账单的房屋不重复生成)")
    run.add_argument("--period", required=True, metavar="YYYY-MM", help="账期, 如 2026-11")
    run.add_argument("--dry-run", action="store_true", help="只预览合计, 不写入")
    run.set_defaults(func=run_billing)
    rebill = billing.add_parser("rebill", help="调价后重算该账期未缴款的账单")
    rebill.add_argument("--period", required=True, metavar="YYYY-MM")
    rebill.add_argument("--dry-run", action="store_true", help="只预览, 不写入")
    rebill.set_defaults(func=run_rebill)
    supplement = billing.add_parser(
        "supplement", help="补收: 为已计费的账期补计一个收费项目 (已缴款的账单也补; 已有该项目的账单不重复)")
    supplement.add_argument("--period", required=True, metavar="YYYY-MM")
    supplement.add_argument("--item", required=True, metavar="NAME", help="收费项目名称, 如 电梯费")
    supplement.add_argument("--dry-run", action="store_true", help="只预览, 不写入")
    supplement.set_defaults(func=run_supplement)

    readings = sub.add_parser("readings", help="抄表读数").add_subparsers(dest="readings_command", required=True)
    imp = readings.add_parser("import", help="从 .xlsx 导入本期读数 (表头: 房号, 读数)")
    imp.add_argument("--item", required=True, metavar="NAME", help="按抄表计费的收费项目名称, 如 水费")
    imp.add_argument("--period", required=True, metavar="YYYY-MM")
    imp.add_argument("file", metavar="FILE.xlsx")
    imp.set_defaults(func=import_readings)

    ledger = sub.add_parser("ledger", help="收费台账").add_subparsers(dest="ledger_command", required=True)
    export = ledger.add_parser("export", help="导出账期台账到 .xlsx")
    export.add_argument("--period", required=True, metavar="YYYY-MM")
    export.add_argument("--building", metavar="NAME", help="只导出一个楼栋")
    export.add_argument("file", metavar="FILE.xlsx")
    export.set_defaults(func=export_ledger)

    notices = sub.add_parser("notices", help="打印缴费通知单 (PDF, 每户一页)")
    notices.add_argument("--period", required=True, metavar="YYYY-MM")
    scope = notices.add_mutually_exclusive_group()
    scope.add_argument("--building", metavar="NAME", help="楼栋名称, 如 3栋; 默认全部楼栋")
    scope.add_argument("--unit", metavar="ROOM", help="只打印一户, 如 3-1-1502")
    notices.add_argument("--out", required=True, metavar="FILE.pdf")
    notices.add_argument("--include-settled", action="store_true",
                         help="也为无欠费的房屋打印 (默认跳过, 并报告跳过的户数)")
    notices.set_defaults(func=print_notices)

    payment = sub.add_parser("payment", help="收款: 收费并打印收据, 作废收款").add_subparsers(
        dest="payment_command", required=True)
    take = payment.add_parser("take", help="为一户收款 (不足额时按账期从早到晚冲抵, 多余转预存)")
    take.add_argument("--unit", required=True, metavar="ROOM", help="房号, 如 3-1-1502")
    take.add_argument("--amount", required=True, metavar="元")
    lazy_choices(take.add_argument("--method", default="cash"), _pay_methods)
    take.add_argument("--payer", default="", help="交款人 (默认: 业主姓名)")
    take.add_argument("--note", default="", help="备注")
    take.add_argument("--use-prepaid", action="store_true", help="先用该户预存款余额抵扣, 再收现金")
    take.add_argument("--late-fees", action="store_true",
                      help="收取滞纳金: 按所付逾期本金 × 日费率 × 逾期天数 (封顶) 计收, 收款前列出")
    take.add_argument("--receipt", metavar="FILE.pdf", help="同时把收据保存为 PDF")
    take.set_defaults(func=take_payment)
    void = payment.add_parser("void", help="作废一笔收款 (保留记录, 需填写原因)")
    void.add_argument("receipt_no", metavar="RECEIPT_NO")
    void.add_argument("--reason", required=True)
    void.add_argument("--receipt", metavar="FILE.pdf", help="同时保存标有“作废”的收据")
    void.set_defaults(func=void_payment)
    refund = payment.add_parser("refund", help="退款: 退还预存款/多缴款, 另编退款单号 (TK…); 需“批准减免/退款”权限")
    refund.add_argument("--unit", required=True, metavar="ROOM")
    refund.add_argument("--amount", required=True, metavar="元")
    lazy_choices(refund.add_argument("--method", default="cash"), _pay_methods)
    refund.add_argument("--reason", required=True)
    refund.add_argument("--payee", default="", help="收款人 (默认: 业主姓名)")
    refund.set_defaults(func=refund_payment)

    fees = sub.add_parser("fees", help="收费核对: 账目检查, 减免, 日结, 房屋计费起止日期").add_subparsers(
        dest="fees_command", required=True)
    check = fees.add_parser("check", help="检查账目: 明细已缴=有效冲抵≤应收, 账单=明细之和, 预存款≥0, 收据号连续, "
                                          "台账=收缴率=日结; 无问题退出码 0, 否则逐条列出并退出码 1")
    check.add_argument("--period", metavar="YYYY-MM", help="同时核对该账期的台账、收缴率与各日日结")
    check.set_defaults(func=check_ledger)
    rebuild = fees.add_parser("rebuild-sums", help="重建收缴率/概况所用的收费汇总 (检查发现汇总与明细不符时); "
                                                   "重建期间其他电脑暂不能收款")
    rebuild.set_defaults(func=rebuild_sums)
    settle = fees.add_parser("settle", help="用预存款冲抵所有房屋的欠费 (从最早的账期起); 旧版本数据库升级后运行一次")
    settle.set_defaults(func=settle_all)
    waive = fees.add_parser("waive", help="减免: 免收某户某账期的部分费用, 需填写原因; 以批准人身份 (--user 经理) 执行")
    waive.add_argument("--unit", required=True, metavar="ROOM")
    waive.add_argument("--period", required=True, metavar="YYYY-MM")
    waive.add_argument("--amount", required=True, metavar="元")
    waive.add_argument("--reason", required=True)
    waive.add_argument("--item", metavar="NAME", help="只减免这个收费项目 (默认: 该账期未缴明细, 从前往后)")
    waive.set_defaults(func=waive_fees)
    close = fees.add_parser("close-day", help="日结: 关闭一天的收款; 之后当日不能再收款、作废或退款, 日结单按关闭时打印")
    close.add_argument("--date", metavar="YYYY-MM-DD", help="默认今天")
    close.add_argument("--out", metavar="FILE.pdf", help="同时保存日结单 PDF")
    close.set_defaults(func=close_day)
    dates = fees.add_parser("dates", help="设置房屋的计费起止日期 (交房/收房日期, 迁出/过户日期), 按天折算")
    dates.add_argument("--unit", required=True, metavar="ROOM")
    dates.add_argument("--start", metavar="YYYY-MM-DD", help="计费开始日期; 写 none 清除")
    dates.add_argument("--end", metavar="YYYY-MM-DD", help="计费结束日期 (含当天); 写 none 清除")
    dates.set_defaults(func=charge_dates)


def building_id(services: Services, name: str | None) -> int | None:
    """"3栋", "3号楼" or "3" → the building's id; an unknown name is an error listing the real ones."""
    from app.search import building_code

    if not name:
        return None
    buildings = services.archive.buildings()
    for b in buildings:
        if b.name == name.strip() or building_code(b.name) == building_code(name):
            return b.id
    known = "、".join(b.name for b in buildings) or "无"
    raise ServiceError(f"找不到楼栋“{name}”。已有楼栋: {known}")


def unit_id(services: Services, room: str) -> int:
    """"3-1-1502" / "3栋1单元1502" → the unit's id; anything but exactly one unit is an error."""
    from app.search import normalise_query

    wanted = normalise_query(room)
    matches = [u for u in services.archive.search_units(room, limit=50) if u.code.lower() == wanted]
    if len(matches) != 1:
        raise ServiceError(f"找不到房屋“{room}”。请用房号, 如 3-1-1502")
    return matches[0].id


def _pdf_path(name: str) -> Path:
    out = Path(name)
    if out.suffix.lower() != ".pdf":
        raise ServiceError(f"输出文件名应以 .pdf 结尾: {out.name}")
    if not out.parent.exists():
        raise ServiceError(f"文件夹不存在: {out.parent}")
    return out


def _print_payment(services: Services, row, receipt: str | None) -> None:
    state = "已作废" if row.voided else "已收款"
    print(f"{state} 收据号 {row.receipt_no}  {row.unit_label}  {format_money(row.amount)} 元"
          f"  冲抵欠费 {format_money(row.allocated)} 元  转预存 {format_money(row.to_prepaid)} 元")
    if receipt:
        from app.files import write_bytes
        from app.pdf.receipt import render_receipt

        out = _pdf_path(receipt)
        write_bytes(out, render_receipt(services.payments.receipt(row.id)))
        print(f"收据 → {out}")


def take_payment(args) -> int:
    services = args.services
    if args.receipt:
        _pdf_path(args.receipt)  # refuse a bad file name before any money is booked
    unit = unit_id(services, args.unit)
    if args.late_fees:
        plan = services.payments.preview(unit, args.amount, use_prepaid=args.use_prepaid, include_late_fees=True)
        for line in plan.lines:
            if line.late_fee:
                print(f"  滞纳金 {line.period} {line.item_name}: 本金 {format_money(line.principal)} × 逾期 "
                      f"{line.late_days} 天 → {format_money(line.late_fee)} 元")
        print(f"  本次滞纳金合计 {format_money(plan.late_fee)} 元")
    row = services.payments.pay(unit, args.amount, args.method, payer=args.payer, note=args.note,
                                use_prepaid=args.use_prepaid, include_late_fees=args.late_fees)
    if row.prepaid_used:
        print(f"  预存款抵扣 {format_money(row.prepaid_used)} 元")
    _print_payment(services, row, args.receipt)
    return 0


def refund_payment(args) -> int:
    services = args.services
    row = services.payments.refund(unit_id(services, args.unit), args.amount, args.method, args.reason,
                                   payee=args.payee)
    print(f"已退款 退款单号 {row.voucher_no}  {row.unit_label}  {format_money(row.amount)} 元"
          f"  预存款余额 {format_money(row.balance_after)} 元")
    return 0


def run_supplement(args) -> int:
    services = args.services
    r = services.billing.supplement(args.period, args.item, dry_run=args.dry_run)
    verb = "将补收" if args.dry_run else "已补收"
    print(f"账期 {r.period} {args.item}: {verb} {r.lines} 户, 合计 {format_money(r.total)} 元"
          f" (已有该项目 {r.existing_bills} 户, 未重复)")
    for warning in r.warnings:
        print(f"  注意: {warning}")
    return 0


def rebuild_sums(args) -> int:
    rows = args.services.fees_check.rebuild_sums()
    print(f"收费汇总已按明细重建: {rows} 行")
    return 0


def check_ledger(args) -> int:
    services = args.services
    result = services.fees_check.check(args.period)
    counts = ", ".join(f"{k} {v}" for k, v in result.checked.items())
    for violation in result.violations:
        print(violation)
    scope = f" 及账期 {result.period} 的报表" if result.period else ""
    if result.ok:
        print(f"账目检查通过{scope} ({counts})")
        return 0
    print(f"账目检查发现 {len(result.violations)} 处问题{scope} ({counts})")
    return 1


def settle_all(args) -> int:
    applied = args.services.payments.settle_all()
    print(f"已用预存款冲抵 {len(applied)} 户, 合计 {format_money(sum(applied.values(), Decimal(0)))} 元")
    return 0


def waive_fees(args) -> int:
    services = args.services
    item = None
    if args.item:
        item = next((i.id for i in services.billing.items() if i.name == args.item.strip()), None)
        if item is None:
            raise ServiceError(f"收费项目“{args.item}”不存在")
    ids = services.payments.waive(unit_id(services, args.unit), args.period, args.amount, args.reason, item_id=item)
    print(f"已减免 {args.unit} {args.period} {args.amount} 元 ({len(ids)} 条明细), 批准人 "
          f"{services.ctx.actor.display_name}")
    return 0


def close_day(args) -> int:
    from app.validators import parse_date

    services = args.services
    try:
        day = parse_date(args.date) if args.date else services.ctx.clock().date()
    except ValueError as exc:
        raise ServiceError(f"日期: {exc}") from None
    if args.out:
        _pdf_path(args.out)
    data = services.fee_reports.close_cashup(day)
    print(f"已日结 {day:%Y-%m-%d}: 实收 {format_money(data.total)} 元, {data.count} 笔"
          f" (收据 {data.receipts[0] or '无'} – {data.receipts[1] or '无'})")
    if args.out:
        from app.pdf.cashup import write_cashup

        print(f"日结单 → {write_cashup(data, _pdf_path(args.out))}")
    return 0


def charge_dates(args) -> int:
    services = args.services
    unit = unit_id(services, args.unit)
    start, end = services.billing.charge_dates(unit)
    new_start = start if args.start is None else (None if args.start.lower() == "none" else args.start)
    new_end = end if args.end is None else (None if args.end.lower() == "none" else args.end)
    start, end = services.billing.set_charge_dates(unit, new_start, new_end)
    print(f"{args.unit} 计费起止: {start or '未设'} 至 {end or '未设'}")
    return 0


def void_payment(args) -> int:
    services = args.services
    payment = services.payments.payment_by_receipt(args.receipt_no)
    _print_payment(services, services.payments.void(payment.id, args.reason), args.receipt)
    return 0


def run_billing(args) -> int:
    services = args.services
    result = services.billing.preview(args.period) if args.dry_run else services.billing.run(args.period)
    verb = "预览" if args.dry_run else "已生成"
    print(f"账期 {result.period}: {verb} {result.bills} 张账单, {result.lines} 条明细, "
          f"合计 {format_money(result.total)} 元 (已有账单 {result.existing_bills} 户, 未重复生成)")
    for item in result.items:
        print(f"  {item.name:<10} {item.units:>6} 户 {format_money(item.amount):>16} 元")
    for warning in result.warnings:
        print(f"  注意: {warning}")
    return 0


def run_rebill(args) -> int:
    services = args.services
    r = services.billing.rebill(args.period, dry_run=args.dry_run)
    verb = "将重算" if args.dry_run else "已重算"
    print(f"账期 {r.period}: 共 {r.checked} 张账单, {verb} {r.changed} 张; {r.skipped_paid} 张已有收款未重算。"
          f" 未缴账单合计 {format_money(r.old_total)} → {format_money(r.new_total)} 元")
    return 0


def import_readings(args) -> int:
    from app.errors import FieldError
    from app.excel.readings import read_readings

    services = args.services
    try:
        count = services.billing.import_readings(args.item, args.period, read_readings(args.file))
    except FieldError as exc:
        raise ServiceError("读数有误, 未导入任何读数:\n" + "\n".join(exc.errors.values())) from None
    print(f"已导入 {args.item} {args.period} 读数 {count} 户")
    return 0


def export_ledger(args) -> int:
    services = args.services
    path, ledger = services.fee_reports.export_ledger(args.file, args.period, building_id(services, args.building))
    print(f"已导出台账 {ledger.period}: {ledger.unit_count} 户 → {path}")
    return 0


def print_notices(args) -> int:
    from app.pdf.fee_notice import write_notices

    services = args.services
    out = _pdf_path(args.out)
    reports = services.fee_reports
    skipped = 0
    if args.unit:
        units = [unit_id(services, args.unit)]
    else:
        building = building_id(services, args.building)
        units = reports.notice_units(args.period, building, include_settled=args.include_settled)
        if not args.include_settled:
            skipped = len(reports.notice_units(args.period, building, include_settled=True)) - len(units)
    if not units:
        raise ServiceError(f"账期 {args.period} 没有欠费的房屋, 未生成通知单 (无欠费 {skipped} 户已跳过)。"
                           f"如尚未计费: propdesk billing run --period {args.period}")
    write_notices(reports.notices(args.period, units), out)
    print(f"已生成缴费通知单 {len(units)} 页 → {out}" + (f" (无欠费 {skipped} 户已跳过)" if skipped else ""))
    return 0
