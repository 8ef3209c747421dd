"""``propdesk gui [--demo]``: open the window (Qt is imported only here)."""

from __future__ import annotations


def register(sub) -> None:
    gui = sub.add_parser("gui", help="打开图形界面 (默认)")
    gui.add_argument("--demo", action="store_true", help="数据库为空时先填入演示小区数据")
    gui.set_defaults(func=run, needs_user=False)  # the window signs in


def run(args) -> int:
    from ui.application import run_gui

    return run_gui(args.database, demo=getattr(args, "demo", False))
