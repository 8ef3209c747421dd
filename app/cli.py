"""``propdesk`` command line: thin subcommands over the services. The GUI branch imports Qt lazily."""

from __future__ import annotations

import argparse
import importlib
import sys

from app import __version__
from app.errors import ServiceError

# Each module defines ``register(subparsers)``; its parsers set ``func(args) -> int``.
COMMAND_MODULES = [
    "app.commands.gui",
    "app.commands.db",
    "app.commands.demo",
    "app.commands.roster",
    "app.commands.workorder",
    "app.commands.backup",
    "app.commands.fees",
    "app.commands.report",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="propdesk", description="PropDesk 物业前台")
    parser.add_argument("--version", action="version", version=f"PropDesk {__version__}")
    parser.add_argument("--database", metavar="URL", help="数据库 URL (默认: 用户数据目录中的 SQLite 文件)")
    parser.add_argument("--user", metavar="NAME", help="以此用户身份执行 (密码取自 PROPDESK_PASSWORD 或提示输入)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:  # plain `propdesk` opens the window
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    try:
        return int(args.func(args) or 0)
    except ServiceError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback at the user: one sentence here, the details in the log
        from app.crashlog import user_message, write_crash_log

        print(f"错误: {user_message(exc, write_crash_log(type(exc), exc, exc.__traceback__))}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
