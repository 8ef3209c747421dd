"""``propdesk`` command line: thin subcommands over the services. The GUI branch imports Qt lazily."""

from __future__ import annotations

import argparse
import getpass
import importlib
import os
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
    "app.commands.user",
    "app.commands.report",
    "app.commands.period",
    "app.commands.meters",
    "app.commands.shared",
    "app.commands.bank",
]


GLOBAL_OPTIONS = ("--database", "--user")  # each takes a value


def build_parser(modules: list[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="propdesk", description="PropDesk 物业前台")
    parser.add_argument("--version", action="version", version=f"PropDesk {__version__}")
    parser.add_argument("--database", metavar="URL", help="数据库 URL (默认: 用户数据目录中的 SQLite 文件)")
    parser.add_argument("--user", metavar="NAME", help="以此用户身份执行 (密码取自 PROPDESK_PASSWORD 或提示输入)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def parser_for(argv: list[str]) -> argparse.ArgumentParser:
    """Opening the window (``propdesk [--database URL] [--user NAME] [gui …]``) builds only the ``gui``
    command: the other seventy parsers cost 20–70 ms before the login window (issue 18). Anything else —
    another command, ``--help``, ``--version``, a typo — gets the whole tree."""
    words = iter(argv)
    for word in words:
        if word in GLOBAL_OPTIONS:
            next(words, None)
        elif not word.startswith(tuple(f"{option}=" for option in GLOBAL_OPTIONS)):
            return build_parser(["app.commands.gui"] if word == "gui" else COMMAND_MODULES)
    return build_parser(["app.commands.gui"])


PASSWORD_ENV = "PROPDESK_PASSWORD"
NOT_SIGNED_IN = "请先登录: --user NAME (密码取自环境变量 PROPDESK_PASSWORD 或提示输入)"


class NotSignedIn(Exception):
    """The database has users and the command needs one, but no ``--user`` was given."""


def read_password(username: str) -> str:
    """``PROPDESK_PASSWORD``, else a prompt that does not echo."""
    password = os.environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    try:
        return getpass.getpass(f"用户 {username} 的密码: ")
    except (EOFError, OSError):  # no terminal to ask on
        raise ServiceError(f"无法读取密码: 请在环境变量 {PASSWORD_ENV} 中提供") from None


def sign_in(args):
    """Services acting as ``--user`` (same permissions as in the window, audit names them).

    A database with no users yet is being set up: it is used as the system until the first user exists.
    """
    from app.db import open_database
    from app.services import Services

    services = Services.open(open_database(args.database))
    if not args.user:
        if services.auth.has_users():
            raise NotSignedIn
        return services
    return services.as_actor(services.auth.login(args.user, read_password(args.user)))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = parser_for(argv)
    args = parser.parse_args(argv)
    if args.command is None:  # plain `propdesk` opens the window
        args = parser.parse_args([*argv, "gui"])
    from app.files import ignore_file_size_signal

    ignore_file_size_signal()  # a full disk or a size limit is a message ("磁盘空间不足"), not a killed process
    try:
        if getattr(args, "needs_user", True):  # see app/commands/__init__.py
            args.services = sign_in(args)
        return int(args.func(args) or 0)
    except NotSignedIn:
        print(NOT_SIGNED_IN, file=sys.stderr)
        return 2
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
