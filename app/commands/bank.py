"""``propdesk bank agreement add|list|end``, ``bank profile list|show``, ``bank export``, ``bank import``,
``bank batches``, ``bank cancel``: 银行托收 from the command line (every one needs ``--user``)."""

from __future__ import annotations

from app.money import format_money


def register(sub) -> None:
    bank = sub.add_parser("bank", help="银行托收: 代扣协议, 生成托收文件, 导入银行扣款结果").add_subparsers(
        dest="bank_command", required=True)
    agreement = bank.add_parser("agreement", help="代扣协议").add_subparsers(dest="agreement_command", required=True)
    add = agreement.add_parser("add", help="登记一户的代扣协议")
    add.add_argument("--unit", required=True, metavar="ROOM", help="房号, 如 3-1-1502")
    add.add_argument("--bank", required=True, help="开户行, 如 工商银行")
    add.add_argument("--holder", required=True, help="户名")
    add.add_argument("--account", required=True, help="扣款账号")
    add.add_argument("--from", dest="active_from", required=True, metavar="YYYY-MM-DD", help="生效日期")
    add.add_argument("--until", metavar="YYYY-MM-DD", help="终止日期 (可不填)")
    add.add_argument("--note", default="")
    add.set_defaults(func=add_agreement)
    listing = agreement.add_parser("list", help="列出代扣协议 (无“查看完整号码”权限时账号打码)")
    listing.add_argument("--active", action="store_true", help="只列今天有效的")
    listing.set_defaults(func=list_agreements)
    end = agreement.add_parser("end", help="终止一份代扣协议 (填写终止日期)")
    end.add_argument("id", type=int)
    end.add_argument("--until", required=True, metavar="YYYY-MM-DD")
    end.set_defaults(func=end_agreement)

    profile = bank.add_parser("profile", help="银行文件格式 (列、表头和顺序, 结果值)").add_subparsers(
        dest="profile_command", required=True)
    profile.add_parser("list", help="列出银行格式").set_defaults(func=list_profiles)
    show = profile.add_parser("show", help="显示一个银行格式的列")
    show.add_argument("name", nargs="?", default=None)
    show.set_defaults(func=show_profile)

    export = bank.add_parser("export", help="生成一个账期的托收文件 (.xlsx 或 .csv), 并记录托收批次")
    export.add_argument("--period", required=True, metavar="YYYY-MM", help="托收截至该账期的欠费")
    export.add_argument("--out", required=True, metavar="FILE", help="输出文件 .xlsx 或 .csv (UTF-8 带 BOM)")
    export.add_argument("--profile", metavar="NAME", help="银行格式名称 (默认: 默认)")
    export.set_defaults(func=export_file)
    imp = bank.add_parser("import", help="导入银行扣款结果 (整批导入, 有任何错误则不导入)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--profile", metavar="NAME", help="银行格式名称 (默认: 默认)")
    imp.add_argument("--dry-run", action="store_true", help="只检查, 不导入")
    imp.set_defaults(func=import_file)
    batches = bank.add_parser("batches", help="列出托收批次")
    batches.set_defaults(func=list_batches)
    cancel = bank.add_parser("cancel", help="撤销一个未导入结果的托收批次 (银行未处理时)")
    cancel.add_argument("number", metavar="BATCH")
    cancel.add_argument("--reason", required=True)
    cancel.set_defaults(func=cancel_batch)


def add_agreement(args) -> int:
    new_id = args.services.bank_agreements.save({
        "unit": args.unit, "bank": args.bank, "holder": args.holder, "account_no": args.account,
        "active_from": args.active_from, "active_until": args.until or "", "note": args.note})
    row = args.services.bank_agreements.get(new_id)
    print(f"已登记代扣协议 #{row.id}: {row.unit_label} {row.holder} {row.bank} {row.account_no}")
    return 0


def list_agreements(args) -> int:
    rows = args.services.bank_agreements.all({"active": args.active})
    for r in rows:
        until = f"{r.active_until}" if r.active_until else "长期"
        state = "有效" if r.active else "无效"
        print(f"#{r.id}  {r.unit_label}  {r.holder}  {r.bank}  {r.account_no}  {r.active_from}–{until}  {state}")
    print(f"共 {len(rows)} 份")
    return 0


def end_agreement(args) -> int:
    service = args.services.bank_agreements
    values = service.values(args.id)
    service.save({**values, "active_until": args.until}, args.id)
    print(f"代扣协议 #{args.id} 终止于 {args.until}")
    return 0


def list_profiles(args) -> int:
    for name in args.services.bank_profiles.names():
        print(name)
    return 0


def show_profile(args) -> int:
    layout = args.services.bank_profiles.layout(args.name)
    from app.services.bank import FIELDS

    print(f"银行格式: {layout.name}")
    for number, (key, header) in enumerate(layout.columns, start=1):
        print(f"  {number}. {FIELDS[key]} → 表头“{header}”")
    print(f"  成功: {'/'.join(layout.success)}  失败: {'/'.join(layout.fail)}")
    return 0


def _batch_line(b) -> str:
    line = (f"{b.number}  账期 {b.period}  {b.status_label}  {b.rows} 户  {format_money(b.total)} 元  "
            f"格式 {b.profile}  {b.exported_at:%Y-%m-%d %H:%M} {b.exported_by}")
    if b.imported_at:
        line += (f"  结果: 成功 {b.succeeded} 户 {format_money(b.succeeded_amount)} 元, 失败 {b.failed} 户"
                 f" ({b.imported_at:%Y-%m-%d %H:%M} {b.imported_by})")
    return line


def export_file(args) -> int:
    batch = args.services.bank.export(args.period, args.out, args.profile)
    print(f"已生成托收文件 {args.out}")
    print(_batch_line(batch))
    return 0


def import_file(args) -> int:
    from app.services.bank import BankResultRejected

    bank = args.services.bank
    preview = bank.preview_result(args.file, args.profile)
    if not preview.ok:
        print(f"银行结果文件有 {len(preview.issues)} 处问题, 未导入任何内容:")
        for message in preview.messages():
            print(f"  {message}")
        return 1
    print(f"托收批次 {preview.batch_number}: 成功 {preview.succeeded} 户 {format_money(preview.succeeded_amount)} 元,"
          f" 失败 {preview.failed} 户")
    if args.dry_run:
        print("检查通过 (--dry-run, 未导入)")
        return 0
    try:
        batch = bank.import_result(preview)
    except BankResultRejected as exc:
        print(str(exc))
        return 1
    print("已导入:")
    print(_batch_line(batch))
    return 0


def list_batches(args) -> int:
    rows = args.services.bank.list({}, 0, 1000, "number", True)
    for b in rows:
        print(_batch_line(b))
    if not rows:
        print("还没有托收批次")
    return 0


def cancel_batch(args) -> int:
    print("已撤销 " + _batch_line(args.services.bank.cancel(args.number, args.reason)))
    return 0
