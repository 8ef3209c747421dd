"""Save offscreen screenshots of every tab/page and the archive forms, to look at them (and for the README).

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py --database sqlite:///demo.db --out /tmp/shots \
        [--user kefu] [--lang en]

The database should hold the demo property (``propdesk --database … demo``). Acts as the given user
without a password: a developer tool, never shipped.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from PySide6.QtCore import QSettings
from sqlalchemy import select

from app.db import open_database
from app.models import User
from app.services import Services
from app.services.auth import actor_for
from ui.application import install_translations, make_application


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--out", default="/tmp/shots")
    parser.add_argument("--user", default="kefu")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    prefix = "" if args.lang == "zh_CN" else f"{args.lang}_"

    app = make_application([])
    if args.lang != "zh_CN":
        install_translations(app, args.lang)
    db = open_database(args.database)
    services = Services.open(db)
    with db.read_session() as s:
        user = s.scalar(select(User).where(User.username == args.user))
        if user is None:
            parser.error(f"no user {args.user!r} in that database")
        actor = actor_for(user)

    from ui.dialogs.archive import PersonDialog, UnitDialog, VehicleDialog
    from ui.dialogs.login import FirstAdminDialog, LoginDialog
    from ui.main_window import MainWindow

    window = MainWindow(services.as_actor(actor), QSettings(str(out / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 800)
    window.show()
    archive = None
    for role, tab in window.role_tabs.items():
        window.show_role(role)
        for i in range(tab.count()):
            tab.setCurrentIndex(i)
            page = tab.page(tab.tabText(i))
            if type(page).__name__ == "ArchivePage":
                archive = page
                page.register.table.selectRow(3)
            app.processEvents()
            name = re.sub(r"\W+", "_", tab.tabText(i)).strip("_") or str(i)
            window.grab().save(str(out / f"{prefix}main_{role}_{i}_{name}.png"))
    if archive is not None and archive.current_unit() is not None:
        unit = archive.current_unit()
        dialogs = {
            "unit": UnitDialog(services, unit.id),
            "person": PersonDialog(services, unit.id, unit_label=unit.code),
            "vehicle": VehicleDialog(services, unit.id, archive.detail.detail.members, unit_label=unit.code),
            "login": LoginDialog(services, services.property.property_name()),
            "firstadmin": FirstAdminDialog(services),
        }
        person = dialogs["person"]
        person.field("name").setText("张三")
        person.field("phone").setText("1381234")
        person.field("id_number").setText("110105199001011235")
        person.validate()  # show the inline messages in the picture
        for name, dialog in dialogs.items():
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(out / f"{prefix}dlg_{name}.png"))
    print(f"saved to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
