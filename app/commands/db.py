"""``propdesk db upgrade|info|copy``."""

from __future__ import annotations

INFO_TABLES = [
    ("buildings", "楼栋"), ("units", "房屋"), ("persons", "业主/住户"), ("occupancies", "房屋-人员关系"),
    ("vehicles", "车辆"), ("parking_spaces", "车位"), ("staff", "员工"), ("users", "用户"),
    ("workorders", "工单"), ("fee_items", "收费项目"), ("bills", "账单"), ("payments", "收款"),
    ("reminders", "催缴记录"), ("roster_imports", "花名册导入"), ("audit_log", "审计日志"),
]


def register(sub) -> None:
    db = sub.add_parser("db", help="数据库: 升级、信息").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", help="升级数据库结构到最新版本").set_defaults(func=upgrade, needs_user=False)
    db.add_parser("info", help="显示数据库位置、版本和各表行数").set_defaults(func=info, needs_user=False)
    copy = db.add_parser("copy", help="把整个数据库 (含历史和审计日志) 复制到另一个空数据库, 如 PostgreSQL")
    copy.add_argument("--to", required=True, metavar="URL", help="目标, 如 postgresql+psycopg://用户:密码@服务器/propdesk")
    copy.set_defaults(func=copy_cmd)


def upgrade(args) -> int:
    from app import migrations
    from app.db import open_database

    database = open_database(args.database)
    print(f"数据库 {database.display_url} 已是最新版本 {migrations.current_revision(database)}")
    return 0


def info(args) -> int:
    from sqlalchemy import func, select, table

    from app import migrations
    from app.db import open_database

    database = open_database(args.database)
    print(f"数据库: {database.display_url}")
    print(f"版本:   {migrations.current_revision(database)} (程序: {migrations.head_revision()})")
    existing = set(database.table_names())
    with database.engine.connect() as conn:
        for name, label in INFO_TABLES:
            if name in existing:
                count = conn.execute(select(func.count()).select_from(table(name))).scalar_one()
                print(f"{label:<10}{name:<20}{count:>10}")
    return 0


def copy_cmd(args) -> int:
    report = args.services.dbcopy.copy_to(args.to)
    print(f"已复制 {report.source} → {report.target}: {len(report.tables)} 张表, {report.rows} 行")
    for t in report.tables:
        if t.rows:
            sums = "  ".join(f"{k}={v.normalize():,}" for k, v in t.sums.items() if v)
            print(f"  {t.name:<24}{t.rows:>10}  {sums}")
    print("核对: 各表行数和金额合计与源数据库一致")
    if report.fee_check:
        print(report.fee_check)
    return 0
