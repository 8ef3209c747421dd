"""``propdesk user add NAME --role ROLE | list | reset-password NAME``: operator accounts from the command line.

On a database with no users yet, ``user add NAME --role admin`` creates the first administrator without
signing in. The new password comes from ``PROPDESK_NEW_PASSWORD`` or is asked twice at the prompt.
"""

from __future__ import annotations

import getpass
import os

from app.commands import lazy_choices
from app.errors import ServiceError


def _role_labels() -> dict[str, str]:
    from app.models import ROLE_LABELS

    return ROLE_LABELS

NEW_PASSWORD_ENV = "PROPDESK_NEW_PASSWORD"


def register(sub) -> None:
    user = sub.add_parser("user", help="用户账户: 添加、列出、重置密码").add_subparsers(
        dest="user_command", required=True)
    add = user.add_parser("add", help="添加用户 (空数据库中第一个用户须为 admin)")
    add.add_argument("name", metavar="NAME", help="用户名")
    lazy_choices(add.add_argument("--role", required=True, help="角色"), _role_labels)
    add.add_argument("--display-name", default="", help="显示名 (默认同用户名)")
    add.set_defaults(func=add_cmd)
    user.add_parser("list", help="列出用户").set_defaults(func=list_cmd)
    reset = user.add_parser("reset-password", help="管理员为用户设置新密码并解除锁定")
    reset.add_argument("name", metavar="NAME")
    reset.set_defaults(func=reset_cmd)


def new_password(username: str) -> str:
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    try:
        first = getpass.getpass(f"用户 {username} 的新密码: ")
        again = getpass.getpass("再输入一次: ")
    except (EOFError, OSError):
        raise ServiceError(f"无法读取新密码: 请在环境变量 {NEW_PASSWORD_ENV} 中提供") from None
    if first != again:
        raise ServiceError("两次输入的密码不一致")
    return first


def add_cmd(args) -> int:
    # the first user needs no right (the database is being set up); later ones need users.manage
    args.services.auth.create_user(args.name, args.display_name, new_password(args.name), args.role)
    print(f"已添加用户 {args.name} ({_role_labels()[args.role]})")
    return 0


def list_cmd(args) -> int:
    for row in args.services.users.list_users():
        state = "" if row.active else "  已停用"
        print(f"{row.username:<16}{row.display_name:<12}{row.role_label:<8}{state}")
    return 0


def reset_cmd(args) -> int:
    services = args.services
    user_id = services.users.user_id(args.name)
    services.users.reset_password(user_id, new_password(args.name))
    print(f"已重置用户 {args.name} 的密码")
    return 0
