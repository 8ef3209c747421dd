"""``propdesk demo``: fill an empty database with the demo property and print the demo passwords once."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.demo import DemoResult


def register(sub) -> None:
    demo = sub.add_parser("demo", help="填入演示小区数据 (仅限空数据库)")
    demo.add_argument("--seed", type=int, default=20261128, help="随机种子")
    demo.set_defaults(func=run, needs_user=False)  # refuses any database with data


def print_passwords(result: DemoResult) -> None:
    from app.models import ROLE_LABELS

    print("演示账户 (密码只显示这一次, 请记下):")
    for username, (role, password) in result.passwords.items():
        print(f"  {ROLE_LABELS.get(role, role):<8} 用户名 {username:<10} 密码 {password}")


def run(args) -> int:
    from app.db import open_database
    from app.demo import fill_demo, is_empty
    from app.services import Services

    services = Services.open(open_database(args.database))
    if not is_empty(services) or services.auth.has_users():
        print("数据库已有数据, 未填入演示数据。演示数据只能填入空数据库。")
        return 1
    result = fill_demo(services, seed=args.seed)
    print("已创建演示小区: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
    print_passwords(result)
    return 0
