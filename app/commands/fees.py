"""``propdesk billing run|rebill``, ``readings import``, ``ledger export``, ``notices``, ``payment take|void``:
fees from the command line."""

from __future__ import annotations

from pathlib import Path

from app.errors import ServiceError
from app.money import format_money
from app.search import building_code
from app.services import Services


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
    notices.set_defaults(func=print_notices)

    from app.models import PayMethod

    payment = sub.add_parser("payment", help="收款: 收费并打印收据, 作废收款").add_subparsers(
        dest="payment_command", required=True)
    take = payment.add_parser("take", help="为一户收款 (不足额时按账期从早到晚冲抵, 多余转预存)")
    take.add_argument("--unit", required=True, metavar="ROOM", help="房号, 如 3-1-1502")
    take.add_argument("--amount", required=True, metavar="元")
    take.add_argument("--method", default=PayMethod.CASH, choices=[m.value for m in PayMethod])
    take.add_argument("--payer", default="", help="交款人")
    take.add_argument("--receipt", metavar="FILE.pdf", help="同时把收据保存为 PDF")
    take.set_defaults(func=take_payment)
    void = payment.add_parser("void", help="作废一笔收款 (保留记录, 需填写原因)")
    void.add_argument("receipt_no", metavar="RECEIPT_NO")
    void.add_argument("--reason", required=True)
    void.add_argument("--receipt", metavar="FILE.pdf", help="同时保存标有“作废”的收据")
    void.set_defaults(func=void_payment)


def building_id(services: Services, name: str | None) -> int | None:
    """"3栋", "3号楼" or "3" → the building's id; an unknown name is an error listing the real ones."""
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
    row = services.payments.pay(unit_id(services, args.unit), args.amount, args.method, payer=args.payer)
    _print_payment(services, row, args.receipt)
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
    print(f"已导出台账 {ledger.period}: {len(ledger.rows)} 户 → {path}")
    return 0


def print_notices(args) -> int:
    from app.pdf.fee_notice import write_notices

    services = args.services
    out = _pdf_path(args.out)
    reports = services.fee_reports
    if args.unit:
        units = [unit_id(services, args.unit)]
    else:
        units = reports.notice_units(args.period, building_id(services, args.building))
    if not units:
        raise ServiceError(f"账期 {args.period} 没有账单或欠费, 未生成通知单。请先执行计费: propdesk billing run "
                           f"--period {args.period}")
    write_notices(reports.notices(args.period, units), out)
    print(f"已生成缴费通知单 {len(units)} 页 → {out}")
    return 0
