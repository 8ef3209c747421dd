"""``propdesk`` command line: thin subcommands over the services. The GUI branch imports Qt lazily."""

from __future__ import annotations

import argparse
import gc
import getpass
import importlib
import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

from app import __version__
from app.errors import ServiceError

if TYPE_CHECKING:
    from app.services import Services
    from app.signin import PendingSignIn

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

# top-level command → the module registering it: a run that names its command builds only that module's part of
# the tree (tests/app/test_cli_startup.py checks this against the modules)
COMMAND_WORDS = {
    "gui": "app.commands.gui", "db": "app.commands.db", "demo": "app.commands.demo",
    "roster": "app.commands.roster", "workorder": "app.commands.workorder", "backup": "app.commands.backup",
    **dict.fromkeys(("billing", "readings", "ledger", "notices", "payment", "fees"), "app.commands.fees"),
    "user": "app.commands.user", "report": "app.commands.report", "period": "app.commands.period",
    "meter": "app.commands.meters", "shared": "app.commands.shared", "bank": "app.commands.bank",
}


class _NotThisPart(Exception):
    """A run that a part of the tree (``parser_for``) cannot parse: the whole tree parses it again."""


class _PartialParser(argparse.ArgumentParser):
    def error(self, message):
        raise _NotThisPart(message)


def build_parser(modules: list[str] = COMMAND_MODULES, *, part: bool = False) -> argparse.ArgumentParser:
    """The command tree of ``modules``; ``part``: a parser whose errors raise ``_NotThisPart`` (the whole tree
    then parses the command line again and gives the message)."""
    parser = (_PartialParser if part else argparse.ArgumentParser)(prog="propdesk", description="PropDesk 物业前台")
    parser.add_argument("--version", action="version", version=f"PropDesk {__version__}")
    parser.add_argument("--database", metavar="URL", help="数据库 URL (默认: 用户数据目录中的 SQLite 文件)")
    parser.add_argument("--user", metavar="NAME", help="以此用户身份执行 (密码取自 PROPDESK_PASSWORD 或提示输入)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def parser_for(argv: list[str]) -> argparse.ArgumentParser:
    """The part of the tree a run needs: the module of the command it names after plainly spelt global options
    (``--database URL``, ``--user NAME``), the window's (``gui``) when it names none — the other seventy
    parsers cost 20–70 ms (issue 18). ``--help``, ``--version``, an abbreviation, a word that is no command:
    the whole tree."""
    words = iter(argv)
    for word in words:
        if word in GLOBAL_OPTIONS:
            next(words, None)
        elif not word.startswith(tuple(f"{option}=" for option in GLOBAL_OPTIONS)):
            return build_parser([COMMAND_WORDS[word]], part=True) if word in COMMAND_WORDS else build_parser()
    return build_parser([COMMAND_WORDS["gui"]], part=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """``argv`` parsed by the part of the tree it needs, or by the whole tree when that part cannot parse it:
    the same result and the same messages either way. Plain ``propdesk`` opens the window."""
    try:
        return _parse(parser_for(argv), argv)
    except _NotThisPart:
        return _parse(build_parser(), argv)


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, "gui"])
    return args


PASSWORD_ENV = "PROPDESK_PASSWORD"
START_UP_COLLECTION = 100_000
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


def _password(args) -> str:
    """``read_password`` once per run (a quick path that gave way has asked already)."""
    if getattr(args, "password", None) is None:
        args.password = read_password(args.user)
    return args.password


def sign_in(args) -> tuple[Services, PendingSignIn | None]:
    """Services acting as ``--user`` (same permissions as in the window, audit names them), and the pending
    sign-in when there is one.

    A database with no users yet is being set up: it is used as the system until the first user exists.
    With ``--user`` the password is checked in a background thread while the command loads its services; the
    command's first use of them runs the login (``AuthService.login``: lockout, audit as in the window) and
    waits for it (``PendingSignIn``), and ``main`` holds the command's output until then.
    """
    from app.db import open_database
    from app.signin import PendingSignIn, check_ahead

    db = open_database(args.database)
    if args.user:
        password = _password(args)
        ahead = check_ahead(db, args.user, password)  # the argon2 check (0.1 s) runs from here on
    from app.services import Services

    services = Services.open(db)
    if not args.user:
        if services.auth.has_users():
            raise NotSignedIn
        return services, None
    pending = PendingSignIn(lambda: services.auth.login(args.user, password, ahead))
    return services.as_actor(pending), pending


class _AfterSignIn:
    """stdout/stderr while the sign-in is pending: the first use waits for it (raising if it failed)."""

    def __init__(self, stream, pending: PendingSignIn):
        self._stream, self._pending = stream, pending

    def __getattr__(self, name):
        self._pending.actor()
        return getattr(self._stream, name)


@contextmanager
def _signed_in_first(pending: PendingSignIn | None):
    """Run the command so that nothing it prints appears, and no result counts, before its sign-in succeeded
    (a failed sign-in is the error reported, whatever else happened meanwhile)."""
    if pending is None:
        yield
        return
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _AfterSignIn(sys.stdout, pending), _AfterSignIn(sys.stderr, pending)
    try:
        yield
    except KeyboardInterrupt:
        raise
    except BaseException:
        pending.actor()
        raise
    else:
        pending.actor()
    finally:
        sys.stdout, sys.stderr = streams


def main(argv: list[str] | None = None) -> int:
    """Run a command line (``argv``; None: the process's own, as the ``propdesk`` script runs it)."""
    if argv is not None:
        return _run(argv)
    # The process's own run: start-up builds some 70,000 objects that last to its end (SQLAlchemy, the models),
    # which the collector would walk again and again for no garbage. Until the command starts it collects
    # seldom (every START_UP_COLLECTION new objects, not 700); then those objects are set aside (gc.freeze),
    # so neither the command's collections nor the interpreter's exit walk them.
    thresholds = gc.get_threshold()
    gc.set_threshold(START_UP_COLLECTION, *thresholds[1:])

    def started() -> None:
        gc.freeze()
        gc.set_threshold(*thresholds)

    try:
        return _run(sys.argv[1:], started)
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)


def _run(argv: list[str], started=lambda: None) -> int:
    args = parse_args(argv)
    from app.files import ignore_file_size_signal

    ignore_file_size_signal()  # a full disk or a size limit is a message ("磁盘空间不足"), not a killed process
    from app.signin import SignInFailed

    try:
        try:
            pending = None
            quick = getattr(args.func, "quick", None)  # see app/commands/__init__.py
            if quick is not None and (code := quick(args, lambda _name: _password(args))) is not None:
                return code
            if getattr(args, "needs_user", True):  # see app/commands/__init__.py
                args.services, pending = sign_in(args)
            started()
            with _signed_in_first(pending):
                return int(args.func(args) or 0)
        except SignInFailed as failed:
            raise failed.error from None
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
