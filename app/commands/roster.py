"""``propdesk roster import|export|template``: the owner roster in Excel from the command line.

``import`` prints one line per problem ("第15行 身份证号码: 校验位错误") and exits 1 with nothing
imported, or imports everything in one transaction and exits 0 with the counts.
"""

from __future__ import annotations

import sys

from app.errors import ServiceError


def register(sub) -> None:
    roster = sub.add_parser("roster", help="业主花名册: 导入、导出、模板").add_subparsers(
        dest="roster_command", required=True, metavar="{import,export,template}")
    imp = roster.add_parser("import", help="从 Excel (.xlsx) 导入业主花名册 (有错误时不导入任何内容)")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--sheet", metavar="NAME",
                     help="工作表名称或序号; “全部”= 所有有表头的工作表 (默认: 有表头的工作表, 内容重叠时只取第一张)")
    imp.add_argument("--dry-run", action="store_true", help="只检查并显示将新增/更新的行数, 不写入")
    imp.add_argument("--only-valid", action="store_true", help="跳过有错误的行, 只导入正确的行")
    imp.add_argument("--update-existing", action="store_true",
                     help="允许修改已登记人员的姓名、把已登记的车牌/车位移到另一套房屋 (默认拒绝, 每处变更记入审计日志)")
    imp.add_argument("--keep-invalid-id", action="store_true",
                     help="身份证号只是校验位不符时照原样保留, 标为“待核实” (旧系统的数据), 而不是拒绝该行")
    imp.add_argument("--placeholder", action="append", default=[], metavar="VALUE",
                     help="视为空的占位值 (手机号/身份证号), 可多次给出或用逗号分隔; HC小区的 18999999999、"
                          "111111111111111111 总是视为空; 另见设置 roster.placeholders")
    imp.set_defaults(func=run_import)
    unv = roster.add_parser("unverified", help="列出身份证号待核实的人员 (导入时保留的校验位不符的号码)")
    unv.set_defaults(func=run_unverified)
    exp = roster.add_parser("export", help="把业主花名册导出为 Excel (.xlsx)")
    exp.add_argument("file", metavar="FILE")
    exp.set_defaults(func=run_export)
    tpl = roster.add_parser("template", help="生成导入模板 (.xlsx)")
    tpl.add_argument("file", metavar="FILE")
    tpl.set_defaults(func=run_template, needs_user=False)


def _fail(message: str) -> int:
    print(f"错误: {message}", file=sys.stderr)
    return 1


def run_import(args) -> int:
    from app.excel.legacy import KEEP_ID_ERROR

    try:
        services = args.services
        options = services.roster.options(keep_invalid_id=args.keep_invalid_id, placeholders=args.placeholder)
        preview = services.roster.preview(args.file, args.sheet, update_existing=args.update_existing,
                                          options=options)
    except ServiceError as exc:
        return _fail(str(exc))
    counts = preview.counts
    if preview.layout:
        print(f"文件 {preview.file_name} 识别为 {preview.layout} 导入模板 (工作表 {preview.sheet}), 数据 {counts['total']} 行")
    else:
        print(f"文件 {preview.file_name} 工作表“{preview.sheet}” 表头在第{preview.header_row}行, 数据 {counts['total']} 行")
    for note in preview.notes:
        if not note.startswith("识别为"):
            print(f"注意: {note}")
    for line in preview.placeholder_lines:
        print(line)
    if preview.fee_items:
        print("收费项目 (未创建; 请在 收费 → 收费项目 中对应到 PropDesk 的收费项目):")
        for item in preview.fee_items:
            print(f"  {item}")
    if preview.unknown_columns:
        print(f"未识别的列 (已忽略): {'、'.join(preview.unknown_columns)}")
    printed = set(preview.lines())
    for line in preview.lines():
        print(line)
    if any(i.message == KEEP_ID_ERROR for i in preview.issues) and not args.keep_invalid_id:
        print("提示: 旧系统的身份证号校验位不符时, 可加 --keep-invalid-id 照原样保留并标为“待核实”")
    summary = (f"新增 {counts['create']} 行, 更新 {counts['update']} 行, 无变化 {counts['unchanged']} 行, "
               f"有错误 {counts['error']} 行")
    if preview.update_existing:
        for conflict in preview.conflicts:
            print(f"将更新: {conflict.change}")
    if preview.file_level_issues or (preview.issues and not args.only_valid):
        print(f"{summary}。发现 {len(preview.issues)} 处问题, 未导入任何内容。")
        if preview.conflicts and not preview.update_existing:
            print(f"其中 {len(preview.conflicts)} 处会修改已登记的人员/车牌/车位。确认要这样更新时, "
                  "请加 --update-existing 重新导入 (每处变更都会记入审计日志)。")
        return 1
    if args.dry_run:
        print(f"{summary} (试运行, 未写入)")
        print(f"将导入: {preview.totals}")
        return 1 if preview.issues else 0
    try:
        result = services.roster.commit(preview, only_valid=args.only_valid)
    except ServiceError as exc:
        for issue in getattr(exc, "issues", ()):
            if str(issue) not in printed:  # each problem once: the preview listed most of them already
                print(issue)
        return _fail(str(exc))
    print(f"已导入: 新增 {result.created} 行, 更新 {result.updated} 行, 无变化 {result.unchanged} 行"
          + (f", 跳过有错误的 {result.skipped} 行" if result.skipped else "")
          + f" (新建房屋 {result.units_created} 套, 人员 {result.persons_created} 人)")
    print(f"导入内容: {preview.totals}")
    return 0


def run_unverified(args) -> int:
    try:
        rows = args.services.archive.unverified_people()
    except ServiceError as exc:
        return _fail(str(exc))
    for row in rows:
        print(f"{row.name}\t{row.id_number}\t{row.units}")
    print(f"身份证号待核实: {len(rows)} 人")
    return 0


def run_export(args) -> int:
    try:
        count = args.services.roster_export.export(args.file)
    except ServiceError as exc:
        return _fail(str(exc))
    print(f"已导出 {count} 行到 {args.file}")
    return 0


def run_template(args) -> int:
    from app.db import open_database
    from app.services import Services

    try:
        Services.open(open_database(args.database)).roster_export.template(args.file)
    except ServiceError as exc:
        return _fail(str(exc))
    print(f"已生成导入模板 {args.file}")
    return 0
