"""``propdesk [--user NAME] gui [--demo] [--smoke SECONDS]``: open the window (Qt is imported only here).

With ``--user`` and ``PROPDESK_PASSWORD`` the window signs that person in without the login dialog (the same
trust as the command line); a wrong password shows the dialog. ``--smoke N`` closes the program after N
seconds, printing the windows it showed (the bundle check in ``.ci/run`` uses it).
"""

from __future__ import annotations

import os


def register(sub) -> None:
    gui = sub.add_parser("gui", help="打开图形界面 (默认)")
    gui.add_argument("--demo", action="store_true", help="数据库为空时先填入演示小区数据")
    gui.add_argument("--smoke", type=float, metavar="SECONDS", help="自检: 打开窗口, 若干秒后自动退出")
    gui.set_defaults(func=run, needs_user=False)  # the window signs in


def run(args) -> int:
    from app.cli import PASSWORD_ENV
    from ui.application import run_gui

    user = getattr(args, "user", None)
    password = os.environ.get(PASSWORD_ENV) if user else None
    return run_gui(args.database, demo=getattr(args, "demo", False), sign_in=(user, password) if password else None,
                   smoke=getattr(args, "smoke", None))
