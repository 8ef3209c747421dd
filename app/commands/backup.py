"""``propdesk backup create [FILE] | restore FILE | list``."""

from __future__ import annotations


def register(sub) -> None:
    backup = sub.add_parser("backup", help="备份与恢复数据库").add_subparsers(dest="backup_command", required=True)
    create = backup.add_parser("create", help="备份数据库 (程序运行时也可以)")
    create.add_argument("file", nargs="?", help="备份文件或文件夹 (默认: 数据目录下的 backups 文件夹)")
    create.set_defaults(func=create_cmd)
    restore = backup.add_parser("restore", help="用备份文件恢复数据库 (先自动保存当前数据库)")
    restore.add_argument("file", help="备份文件 (.db)")
    restore.set_defaults(func=restore_cmd)
    backup.add_parser("list", help="列出备份文件夹中的备份").set_defaults(func=list_cmd, needs_user=False)


def create_cmd(args) -> int:
    path = args.services.backup.create(args.file)
    print(f"已备份到 {path} ({path.stat().st_size / 1024:.0f} KB)")
    return 0


def restore_cmd(args) -> int:
    revision = args.services.backup.check(args.file)  # refuse garbage before touching anything
    safety = args.services.backup.restore(args.file)
    print(f"已从 {args.file} (版本 {revision}) 恢复。恢复前的数据库已保存为 {safety}")
    return 0


def list_cmd(args) -> int:
    from app.db import open_database
    from app.services.backup import backup_folder, list_backups

    db = open_database(args.database)
    files = list_backups(db)
    print(f"备份文件夹: {backup_folder(db)}")
    for item in files:
        print(f"{item.modified:%Y-%m-%d %H:%M}  {item.size / 1024:>10.0f} KB  {item.path.name}")
    if not files:
        print("(没有备份)")
    return 0
